#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hs-media-actions.h"
#include "hs-media-page.h"
#include "hs-media-viewer.h"
#include "hs-media-viewer-internal.h"
#include "hs-texture-cache.h"

/* How near the top edge the pointer brings the header back in fullscreen, in pixels. */
#define HEADER_REVEAL_EDGE 48

G_DEFINE_FINAL_TYPE (HsMediaViewer, hs_media_viewer, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_MEDIA_LOADER,
  PROP_ITEMS,
  PROP_POSITION,
  PROP_ZOOM,
  PROP_BEST_FIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
n_items (HsMediaViewer *self)
{
  return self->items != NULL ? g_list_model_get_n_items (self->items) : 0;
}

GdkTexture *
hs_media_viewer_current_texture (HsMediaViewer *self)
{
  if (self->page == NULL || hs_media_page_is_video (self->page))
    return NULL;

  return hs_media_page_get_texture (self->page);
}

void
hs_media_viewer_notify_zoom (HsMediaViewer *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BEST_FIT]);
}

/* Items */

static void
update_actions (HsMediaViewer *self)
{
  gboolean has_page = self->page != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", self->position + 1 < n_items (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.copy-image",
                                 hs_media_viewer_current_texture (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.save", has_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.open-original", has_page);
  hs_media_viewer_update_zoom_ui (self);
}

static void
page_state_cb (HsMediaPage   *page,
               GParamSpec    *pspec,
               HsMediaViewer *self)
{
  GdkTexture *texture = hs_media_viewer_current_texture (self);

  if (texture != NULL && hs_media_page_get_state (page) == HS_MEDIA_PAGE_LOADED)
    {
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
      gtk_stack_set_visible_child_name (self->stack, "picture");
    }
  else
    {
      gtk_picture_set_paintable (self->picture, NULL);
      gtk_stack_set_visible_child_name (self->stack, "page");
    }

  update_actions (self);
}

static void
prefetch_neighbours (HsMediaViewer *self)
{
  g_cancellable_cancel (self->prefetch_cancellable);
  g_clear_object (&self->prefetch_cancellable);
  self->prefetch_cancellable = g_cancellable_new ();

  /* The next picture is the likely one to come; warm the cache for it. */
  if (self->position + 1 < n_items (self))
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->items, self->position + 1);
      const char *url = hs_media_item_get_picture_url (item);

      if (url != NULL)
        hs_texture_cache_load_async (hs_texture_cache_get_default (), self->loader, url, 0,
                                     self->prefetch_cancellable, NULL, NULL);
    }
}

static void
show_item (HsMediaViewer *self)
{
  g_autoptr(GObject) item = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *page;

  if (self->page != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->page, self);
      hs_media_page_pause (self->page);
      self->page = NULL;
    }
  adw_bin_set_child (self->page_bin, NULL);
  hs_media_viewer_reset_zoom (self);

  if (self->position >= n_items (self))
    {
      update_actions (self);
      return;
    }

  item = g_list_model_get_item (self->items, self->position);
  page = hs_media_page_new (self->loader, item, 0);
  self->page = HS_MEDIA_PAGE (page);
  adw_bin_set_child (self->page_bin, page);
  g_signal_connect (page, "notify::state", G_CALLBACK (page_state_cb), self);
  hs_media_page_load (self->page);
  page_state_cb (self->page, NULL, self);

  /* Translators: which of a note's pictures is shown, e.g. "3 / 9". */
  subtitle = g_strdup_printf (_("%u / %u"), self->position + 1, n_items (self));
  adw_window_title_set_subtitle (self->window_title, n_items (self) > 1 ? subtitle : NULL);

  prefetch_neighbours (self);
}

/* Actions */

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);

  if (self->position > 0)
    hs_media_viewer_set_position (self, self->position - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);

  if (self->position + 1 < n_items (self))
    hs_media_viewer_set_position (self, self->position + 1);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);

  hs_media_viewer_set_zoom_centered (self, hs_media_viewer_effective_zoom (self) * ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);

  hs_media_viewer_set_zoom_centered (self, hs_media_viewer_effective_zoom (self) / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  hs_media_viewer_set_zoom_centered (HS_MEDIA_VIEWER (widget), 0);
}

static void
zoom_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  hs_media_viewer_set_zoom_centered (HS_MEDIA_VIEWER (widget), 1.0);
}

static void
zoom_toggle_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);

  hs_media_viewer_set_zoom_centered (self, self->best_fit ? 1.0 : 0);
}

/* Both F11 and Escape leave full screen first. */
static gboolean
leave_fullscreen (GtkWindow *window)
{
  if (!gtk_window_is_fullscreen (window))
    return FALSE;
  gtk_window_unfullscreen (window);
  return TRUE;
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  if (!leave_fullscreen (GTK_WINDOW (widget)))
    gtk_window_fullscreen (GTK_WINDOW (widget));
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  if (!leave_fullscreen (GTK_WINDOW (widget)))
    gtk_window_close (GTK_WINDOW (widget));
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);
  GdkTexture *texture = hs_media_viewer_current_texture (self);

  if (texture != NULL)
    hs_media_copy_texture (widget, texture);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);
  g_autofree char *stem = NULL;

  if (self->page == NULL)
    return;

  stem = hs_media_file_stem (self->title_stem, self->fallback_stem, self->position);
  hs_media_save_interactive (widget, self->loader, hs_media_page_get_url (self->page), stem,
                             hs_media_page_is_video (self->page), self->cancellable);
}

static void
open_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);

  if (self->page != NULL)
    hs_media_open_uri (widget, hs_media_page_get_url (self->page));
}

static void
fullscreened_cb (HsMediaViewer *self)
{
  gboolean fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));

  gtk_revealer_set_reveal_child (self->header_revealer, !fullscreen);
  gtk_widget_set_visible (self->leave_fullscreen_button, fullscreen);
  if (fullscreen)
    gtk_widget_add_css_class (GTK_WIDGET (self), "fullscreened");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "fullscreened");
}

/* In fullscreen the header comes back while the pointer is at the top edge, and goes
 * once it has moved well below it. */
static void
pointer_motion_cb (GtkEventControllerMotion *controller,
                   double                    x,
                   double                    y,
                   HsMediaViewer            *self)
{
  if (!gtk_window_is_fullscreen (GTK_WINDOW (self)))
    return;

  if (y <= HEADER_REVEAL_EDGE)
    gtk_revealer_set_reveal_child (self->header_revealer, TRUE);
  else if (y > gtk_widget_get_height (GTK_WIDGET (self->header_revealer)) + HEADER_REVEAL_EDGE)
    gtk_revealer_set_reveal_child (self->header_revealer, FALSE);
}

/* The window */

static void
hs_media_viewer_constructed (GObject *object)
{
  HsMediaViewer *self = (HsMediaViewer *)object;

  G_OBJECT_CLASS (hs_media_viewer_parent_class)->constructed (object);

  g_object_bind_property (self, "title", self->window_title, "title", G_BINDING_SYNC_CREATE);
  if (gtk_window_get_title (GTK_WINDOW (self)) == NULL)
    gtk_window_set_title (GTK_WINDOW (self), _("Media Viewer"));

  self->constructed = TRUE;
  show_item (self);
}

static void
hs_media_viewer_dispose (GObject *object)
{
  HsMediaViewer *self = (HsMediaViewer *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->prefetch_cancellable);
  g_clear_handle_id (&self->zoom_ui_source, g_source_remove);
  if (self->pending_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pending_tick);
      self->pending_tick = 0;
    }
  if (self->page != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->page, self);
      self->page = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_MEDIA_VIEWER);

  g_clear_object (&self->items);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (hs_media_viewer_parent_class)->dispose (object);
}

static void
hs_media_viewer_finalize (GObject *object)
{
  HsMediaViewer *self = (HsMediaViewer *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->prefetch_cancellable);
  g_clear_pointer (&self->title_stem, g_free);
  g_clear_pointer (&self->fallback_stem, g_free);

  G_OBJECT_CLASS (hs_media_viewer_parent_class)->finalize (object);
}

static void
hs_media_viewer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (object);

  switch (prop_id)
    {
    case PROP_MEDIA_LOADER:
      g_value_set_object (value, self->loader);
      break;

    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, hs_media_viewer_effective_zoom (self));
      break;

    case PROP_BEST_FIT:
      g_value_set_boolean (value, self->best_fit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_media_viewer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (object);

  switch (prop_id)
    {
    case PROP_MEDIA_LOADER:
      self->loader = g_value_dup_object (value);
      break;

    case PROP_ITEMS:
      self->items = g_value_dup_object (value);
      break;

    case PROP_POSITION:
      /* Before construction ends, only remember it: constructed() shows it. */
      if (self->constructed)
        hs_media_viewer_set_position (self, g_value_get_uint (value));
      else
        self->position = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_media_viewer_class_init (HsMediaViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hs_media_viewer_constructed;
  object_class->dispose = hs_media_viewer_dispose;
  object_class->finalize = hs_media_viewer_finalize;
  object_class->get_property = hs_media_viewer_get_property;
  object_class->set_property = hs_media_viewer_set_property;

  properties[PROP_MEDIA_LOADER] =
    g_param_spec_object ("media-loader", NULL, NULL,
                         HS_TYPE_MEDIA_LOADER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         0.0, MAX_ZOOM, 1.0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_BEST_FIT] =
    g_param_spec_boolean ("best-fit", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-media-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, HsMediaViewer, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HsMediaViewer, leave_fullscreen_button);
  gtk_widget_class_bind_template_child (widget_class, HsMediaViewer, header_revealer);
  gtk_widget_class_bind_template_child (widget_class, HsMediaViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, HsMediaViewer, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, HsMediaViewer, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, HsMediaViewer, stack);
  gtk_widget_class_bind_template_child (widget_class, HsMediaViewer, scroller);
  gtk_widget_class_bind_template_child (widget_class, HsMediaViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, HsMediaViewer, page_bin);

  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-original", NULL, zoom_original_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-toggle", NULL, zoom_toggle_action);
  gtk_widget_class_install_action (widget_class, "viewer.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_install_action (widget_class, "viewer.escape", NULL, escape_action);
  gtk_widget_class_install_action (widget_class, "viewer.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "viewer.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "viewer.open-original", NULL, open_original_action);

  hs_media_ensure_style ();
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *trigger,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                                          gtk_named_action_new (action)));
}

static void
hs_media_viewer_init (HsMediaViewer *self)
{
  GtkEventController *controller;

  self->cancellable = g_cancellable_new ();
  self->best_fit = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A viewer's keys work wherever the focus is: captured before any button sees them. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "Left", "viewer.previous");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "Right", "viewer.next");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "Page_Up", "viewer.previous");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "Page_Down", "viewer.next");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "plus|equal|KP_Add|<Control>plus|<Control>equal", "viewer.zoom-in");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "minus|KP_Subtract|<Control>minus", "viewer.zoom-out");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "0|KP_0|<Control>0", "viewer.zoom-fit");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "1|KP_1", "viewer.zoom-original");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "F11|f", "viewer.fullscreen");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "Escape", "viewer.escape");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>c", "viewer.copy-image");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>s", "viewer.save");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  hs_media_viewer_zoom_controllers_init (self);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreened_cb), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (pointer_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/**
 * hs_media_viewer_new:
 * @loader: fetches the pictures and videos
 * @items: the note's pictures and videos (HsImage, HsVideo)
 * @position: the one to show first
 */
GtkWidget *
hs_media_viewer_new (HsMediaLoader *loader,
                     GListModel    *items,
                     guint          position)
{
  g_return_val_if_fail (HS_IS_MEDIA_LOADER (loader), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  return g_object_new (HS_TYPE_MEDIA_VIEWER,
                       "media-loader", loader,
                       "items", items,
                       "position", position,
                       NULL);
}

GListModel *
hs_media_viewer_get_items (HsMediaViewer *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_VIEWER (self), NULL);

  return self->items;
}

guint
hs_media_viewer_get_position (HsMediaViewer *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_VIEWER (self), 0);

  return self->position;
}

void
hs_media_viewer_set_position (HsMediaViewer *self,
                              guint          position)
{
  g_return_if_fail (HS_IS_MEDIA_VIEWER (self));

  if (position >= n_items (self) || position == self->position)
    return;

  self->position = position;
  show_item (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/**
 * hs_media_viewer_set_file_stem:
 * @title: (nullable): the note's title, for the names of saved files
 * @fallback: (nullable): used when @title is empty (the note's id)
 */
void
hs_media_viewer_set_file_stem (HsMediaViewer *self,
                               const char    *title,
                               const char    *fallback)
{
  g_return_if_fail (HS_IS_MEDIA_VIEWER (self));

  g_free (self->title_stem);
  self->title_stem = g_strdup (title);
  g_free (self->fallback_stem);
  self->fallback_stem = g_strdup (fallback);
}

double
hs_media_viewer_get_zoom (HsMediaViewer *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_VIEWER (self), 1.0);

  return hs_media_viewer_effective_zoom (self);
}

gboolean
hs_media_viewer_get_best_fit (HsMediaViewer *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_VIEWER (self), TRUE);

  return self->best_fit;
}

/**
 * hs_media_viewer_set_zoom:
 * @zoom: picture pixels per screen pixel; at or below the fitting zoom means best fit
 */
void
hs_media_viewer_set_zoom (HsMediaViewer *self,
                          double         zoom)
{
  g_return_if_fail (HS_IS_MEDIA_VIEWER (self));

  hs_media_viewer_set_zoom_centered (self, zoom);
}

/**
 * hs_media_viewer_get_page:
 *
 * Returns: (transfer none) (nullable): the page of the current item
 */
GtkWidget *
hs_media_viewer_get_page (HsMediaViewer *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_VIEWER (self), NULL);

  return GTK_WIDGET (self->page);
}
