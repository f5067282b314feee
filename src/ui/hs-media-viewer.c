#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hs-media-actions.h"
#include "hs-media-page.h"
#include "hs-media-viewer.h"
#include "hs-texture-cache.h"

#define MAX_ZOOM   8.0
#define ZOOM_STEP  1.25
/* How near the top edge the pointer brings the header back in fullscreen, in pixels. */
#define HEADER_REVEAL_EDGE 48

struct _HsMediaViewer
{
  AdwWindow        parent_instance;

  HsMediaLoader   *loader;
  GListModel      *items;
  guint            position;
  char            *title_stem;
  char            *fallback_stem;

  HsMediaPage     *page;            /* the current item, full size */
  double           zoom;            /* used when !best_fit */
  gboolean         best_fit;
  double           pending_h;       /* scroll position to apply after the next layout */
  double           pending_v;
  double           pending_upper_h; /* the sizes that tell the layout has happened */
  double           pending_upper_v;
  guint            pending_frames;
  guint            pending_tick;
  guint            zoom_ui_source;
  double           pointer_x;
  double           pointer_y;
  double           gesture_zoom;    /* at the start of a pinch */
  double           drag_h;          /* at the start of a drag */
  double           drag_v;
  GCancellable    *cancellable;
  GCancellable    *prefetch_cancellable;
  gboolean         constructed;

  AdwToastOverlay *toast_overlay;
  GtkWidget       *leave_fullscreen_button;
  GtkRevealer     *header_revealer;
  AdwWindowTitle  *window_title;
  GtkWidget       *zoom_button;
  GtkLabel        *zoom_label;
  GtkStack        *stack;
  GtkScrolledWindow *scroller;
  GtkPicture      *picture;
  AdwBin          *page_bin;
};

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

static GdkTexture *
current_texture (HsMediaViewer *self)
{
  if (self->page == NULL || hs_media_page_is_video (self->page))
    return NULL;

  return hs_media_page_get_texture (self->page);
}

/* Zoom */

static void
viewport_size (HsMediaViewer *self,
               double        *width,
               double        *height)
{
  *width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self->scroller)));
  *height = MAX (1, gtk_widget_get_height (GTK_WIDGET (self->scroller)));
}

/* The zoom at which the picture fits the window, never above 100 %. */
static double
fit_zoom (HsMediaViewer *self)
{
  GdkTexture *texture = current_texture (self);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double width, height;

  if (texture == NULL)
    return 1.0;

  viewport_size (self, &width, &height);

  return MIN (1.0, MIN (width * scale / gdk_texture_get_width (texture),
                        height * scale / gdk_texture_get_height (texture)));
}

static double
effective_zoom (HsMediaViewer *self)
{
  return self->best_fit ? fit_zoom (self) : self->zoom;
}

static void
update_zoom_ui (HsMediaViewer *self)
{
  gboolean picture = current_texture (self) != NULL;
  double zoom = effective_zoom (self);
  g_autofree char *label = NULL;

  /* Translators: the zoom level of a picture, e.g. "100%". */
  label = g_strdup_printf (_("%d%%"), (int) round (zoom * 100));
  gtk_label_set_label (self->zoom_label, picture ? label : "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in", picture && zoom < MAX_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-out", picture && !self->best_fit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-fit", picture && !self->best_fit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-original", picture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-toggle", picture);
  gtk_widget_set_tooltip_text (self->zoom_button, self->best_fit ? _("Original Size") : _("Best Fit"));
}

static gboolean
apply_pending_scroll_cb (GtkWidget     *widget,
                         GdkFrameClock *frame_clock,
                         gpointer       user_data)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  /* Ticks come before the frame's layout: wait for the one that gave the picture its new
   * size, or the values would be clamped to the old one. */
  if (self->pending_frames++ < 5
      && (fabs (gtk_adjustment_get_upper (hadjustment) - self->pending_upper_h) > 1
          || fabs (gtk_adjustment_get_upper (vadjustment) - self->pending_upper_v) > 1))
    return G_SOURCE_CONTINUE;

  self->pending_tick = 0;
  gtk_adjustment_set_value (hadjustment, self->pending_h);
  gtk_adjustment_set_value (vadjustment, self->pending_v);

  return G_SOURCE_REMOVE;
}

/* Sets the zoom, keeping the picture's point under (@anchor_x, @anchor_y) of the viewport
 * where it is. A zoom at or below the fitting one means best fit. */
static void
set_zoom_at (HsMediaViewer *self,
             double         zoom,
             double         anchor_x,
             double         anchor_y)
{
  GdkTexture *texture = current_texture (self);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double fit = fit_zoom (self);
  double old_zoom = effective_zoom (self);
  double width, height, texture_width, texture_height;
  double old_x, old_y, new_x, new_y, point_x, point_y;
  gboolean best_fit;

  if (texture == NULL)
    return;

  zoom = CLAMP (zoom, fit, MAX_ZOOM);
  best_fit = zoom <= fit + 1e-6;
  if (best_fit == self->best_fit && (best_fit || G_APPROX_VALUE (zoom, self->zoom, 1e-6)))
    return;

  viewport_size (self, &width, &height);
  texture_width = gdk_texture_get_width (texture);
  texture_height = gdk_texture_get_height (texture);

  /* Where the anchor is on the picture, in picture pixels. */
  old_x = MAX (0, (width - texture_width * old_zoom / scale) / 2);
  old_y = MAX (0, (height - texture_height * old_zoom / scale) / 2);
  point_x = (gtk_adjustment_get_value (hadjustment) + anchor_x - old_x) / (old_zoom / scale);
  point_y = (gtk_adjustment_get_value (vadjustment) + anchor_y - old_y) / (old_zoom / scale);

  self->best_fit = best_fit;
  self->zoom = best_fit ? fit : zoom;

  if (best_fit)
    {
      gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_NEVER);
      gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, -1);
      gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_SCALE_DOWN);
      gtk_widget_set_cursor (GTK_WIDGET (self->scroller), NULL);
    }
  else
    {
      double shown_width = texture_width * zoom / scale;
      double shown_height = texture_height * zoom / scale;

      gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
      gtk_widget_set_size_request (GTK_WIDGET (self->picture), (int) ceil (shown_width), (int) ceil (shown_height));
      gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_CONTAIN);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self->scroller), "grab");

      new_x = MAX (0, (width - shown_width) / 2);
      new_y = MAX (0, (height - shown_height) / 2);
      self->pending_h = point_x * zoom / scale + new_x - anchor_x;
      self->pending_v = point_y * zoom / scale + new_y - anchor_y;
      self->pending_upper_h = MAX (width, ceil (shown_width));
      self->pending_upper_v = MAX (height, ceil (shown_height));
      self->pending_frames = 0;

      /* The adjustments learn the new size in the next layout. */
      if (self->pending_tick == 0)
        self->pending_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), apply_pending_scroll_cb, NULL, NULL);
    }

  update_zoom_ui (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BEST_FIT]);
}

static void
set_zoom_centered (HsMediaViewer *self,
                   double         zoom)
{
  double width, height;

  viewport_size (self, &width, &height);
  set_zoom_at (self, zoom, width / 2, height / 2);
}

static void
reset_zoom (HsMediaViewer *self)
{
  self->best_fit = TRUE;
  self->zoom = 0;
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, -1);
  gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_SCALE_DOWN);
  gtk_widget_set_cursor (GTK_WIDGET (self->scroller), NULL);
  update_zoom_ui (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BEST_FIT]);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           HsMediaViewer            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || current_texture (self) == NULL)
    return FALSE;

  set_zoom_at (self, effective_zoom (self) * pow (ZOOM_STEP, -dy), self->pointer_x, self->pointer_y);

  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           HsMediaViewer            *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               HsMediaViewer    *self)
{
  self->gesture_zoom = effective_zoom (self);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       HsMediaViewer  *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      double width, height;

      viewport_size (self, &width, &height);
      x = width / 2;
      y = height / 2;
    }

  set_zoom_at (self, self->gesture_zoom * scale, x, y);
}

static void
double_click_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 HsMediaViewer   *self)
{
  if (n_press != 2 || current_texture (self) == NULL)
    return;

  /* Between the whole picture and a close look at the spot that was clicked. */
  if (self->best_fit)
    set_zoom_at (self, MAX (1.0, fit_zoom (self) * 2), x, y);
  else
    set_zoom_at (self, 0, x, y);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               HsMediaViewer  *self)
{
  if (self->best_fit)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_h = gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (self->scroller));
  self->drag_v = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->scroller), "grabbing");
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                HsMediaViewer  *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller), self->drag_h - offset_x);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), self->drag_v - offset_y);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             HsMediaViewer  *self)
{
  if (!self->best_fit)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self->scroller), "grab");
}

static gboolean
update_zoom_ui_cb (gpointer user_data)
{
  HsMediaViewer *self = user_data;

  self->zoom_ui_source = 0;
  update_zoom_ui (self);

  return G_SOURCE_REMOVE;
}

static void
viewport_changed_cb (GtkAdjustment *adjustment,
                     HsMediaViewer *self)
{
  /* The fitting zoom changes with the window's size. This runs during the allocation;
   * a label changed now would need another one in the same frame. */
  if (self->best_fit && self->zoom_ui_source == 0)
    self->zoom_ui_source = g_idle_add (update_zoom_ui_cb, self);
}

/* Items */

static void
update_actions (HsMediaViewer *self)
{
  gboolean has_page = self->page != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", self->position + 1 < n_items (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.copy-image", current_texture (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.save", has_page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.open-original", has_page);
  update_zoom_ui (self);
}

static void
page_state_cb (HsMediaPage   *page,
               GParamSpec    *pspec,
               HsMediaViewer *self)
{
  GdkTexture *texture = current_texture (self);

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
  reset_zoom (self);

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

  set_zoom_centered (self, effective_zoom (self) * ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);

  set_zoom_centered (self, effective_zoom (self) / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  set_zoom_centered (HS_MEDIA_VIEWER (widget), 0);
}

static void
zoom_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  set_zoom_centered (HS_MEDIA_VIEWER (widget), 1.0);
}

static void
zoom_toggle_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);

  set_zoom_centered (self, self->best_fit ? 1.0 : 0);
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_close (window);
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);
  GdkTexture *texture = current_texture (self);

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
      g_value_set_double (value, effective_zoom (self));
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
  GtkGesture *gesture;

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

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (double_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                    G_CALLBACK (viewport_changed_cb), self);
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

  return effective_zoom (self);
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

  set_zoom_centered (self, zoom);
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
