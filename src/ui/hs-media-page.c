#include "config.h"

#include <glib/gi18n.h>

#include "hs-image.h"
#include "hs-media-page-internal.h"
#include "hs-texture-cache.h"
#include "hs-trace.h"
#include "hs-video.h"

G_DEFINE_FINAL_TYPE (HsMediaPage, hs_media_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MEDIA_LOADER,
  PROP_ITEM,
  PROP_TEXTURE_SIZE,
  PROP_STATE,
  PROP_TEXTURE,
  PROP_PROGRESS,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
hs_media_page_set_state (HsMediaPage      *self,
                         HsMediaPageState  state)
{
  const char *child = "picture";

  switch (state)
    {
    case HS_MEDIA_PAGE_EMPTY:
    case HS_MEDIA_PAGE_LOADING:
      child = "loading";
      break;
    case HS_MEDIA_PAGE_FAILED:
      child = "error";
      break;
    case HS_MEDIA_PAGE_PLAYING:
      child = "video";
      break;
    case HS_MEDIA_PAGE_LOADED:
    case HS_MEDIA_PAGE_DOWNLOADING:
    default:
      break;
    }

  gtk_stack_set_visible_child_name (self->stack, child);
  gtk_spinner_set_spinning (self->spinner, state == HS_MEDIA_PAGE_LOADING);
  gtk_widget_set_visible (self->play_button, hs_media_page_is_video (self) && state == HS_MEDIA_PAGE_LOADED);
  gtk_widget_set_visible (self->download_box, state == HS_MEDIA_PAGE_DOWNLOADING);

  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_texture (HsMediaPage *self,
             GdkTexture  *texture)
{
  if (!g_set_object (&self->texture, texture))
    return;

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE]);
}

void
hs_media_page_set_progress (HsMediaPage *self,
                            double       progress)
{
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

void
hs_media_page_show_error (HsMediaPage  *self,
                          gboolean      video,
                          const GError *error)
{
  self->video_failed = video;
  gtk_label_set_label (self->error_title,
                       video ? _("Could not load the video")
                             : hs_media_page_is_video (self) ? _("Could not load the cover")
                                                             : _("Could not load the image"));
  gtk_label_set_label (self->error_detail, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_detail), error != NULL);
  hs_media_page_set_state (self, HS_MEDIA_PAGE_FAILED);
}

void
hs_media_page_reset_cancellable (HsMediaPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
texture_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(HsMediaPage) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = hs_texture_cache_load_finish (HS_TEXTURE_CACHE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (texture == NULL)
    {
      g_debug ("Picture %s failed: %s", hs_media_page_get_picture_url (self), error->message);
      hs_media_page_show_error (self, FALSE, error);
      return;
    }

  hs_trace_mark ("picture-shown %s", hs_media_page_get_picture_url (self));
  set_texture (self, texture);
  hs_media_page_set_state (self, HS_MEDIA_PAGE_LOADED);
}

/**
 * hs_media_page_load:
 *
 * Shows the picture (or the video's cover), fetching it unless the texture cache has it.
 * Does nothing while it is loaded or loading.
 */
void
hs_media_page_load (HsMediaPage *self)
{
  HsTextureCache *cache = hs_texture_cache_get_default ();
  g_autoptr(GdkTexture) texture = NULL;
  const char *url;

  g_return_if_fail (HS_IS_MEDIA_PAGE (self));

  if (self->state != HS_MEDIA_PAGE_EMPTY)
    return;

  url = hs_media_page_get_picture_url (self);
  if (url == NULL)
    {
      /* A video without a cover: its play button on a plain background. */
      hs_media_page_set_state (self, HS_MEDIA_PAGE_LOADED);
      return;
    }

  texture = hs_texture_cache_lookup (cache, url, self->texture_size);
  if (texture != NULL)
    {
      set_texture (self, texture);
      hs_media_page_set_state (self, HS_MEDIA_PAGE_LOADED);
      return;
    }

  hs_media_page_reset_cancellable (self);
  hs_media_page_set_state (self, HS_MEDIA_PAGE_LOADING);
  hs_texture_cache_load_async (cache, self->loader, url, self->texture_size, self->cancellable,
                               texture_loaded_cb, g_object_ref (self));
}

/**
 * hs_media_page_set_texture_size:
 * @texture_size: the longest side to decode pictures at, 0 for their own size
 *
 * A picture shown or on its way is fetched (usually from the texture cache or the disk)
 * and decoded again at the new size; the old one stays on screen meanwhile.
 */
void
hs_media_page_set_texture_size (HsMediaPage *self,
                                int          texture_size)
{
  g_return_if_fail (HS_IS_MEDIA_PAGE (self));

  texture_size = MAX (texture_size, 0);
  if (self->texture_size == texture_size)
    return;

  self->texture_size = texture_size;
  if (self->state == HS_MEDIA_PAGE_LOADING)
    {
      g_cancellable_cancel (self->cancellable);
      hs_media_page_set_state (self, HS_MEDIA_PAGE_EMPTY);
      hs_media_page_load (self);
    }
  else if (self->state == HS_MEDIA_PAGE_LOADED && self->texture != NULL)
    {
      hs_media_page_reset_cancellable (self);
      hs_texture_cache_load_async (hs_texture_cache_get_default (), self->loader,
                                   hs_media_page_get_picture_url (self), self->texture_size,
                                   self->cancellable, texture_loaded_cb, g_object_ref (self));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXTURE_SIZE]);
}

int
hs_media_page_get_texture_size (HsMediaPage *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_PAGE (self), 0);

  return self->texture_size;
}

/**
 * hs_media_page_unload:
 *
 * Lets go of the picture to save memory (the texture cache may still hold it). A video
 * that is downloading or playing is left alone.
 */
void
hs_media_page_unload (HsMediaPage *self)
{
  g_return_if_fail (HS_IS_MEDIA_PAGE (self));

  if (self->state != HS_MEDIA_PAGE_LOADING && self->state != HS_MEDIA_PAGE_LOADED)
    return;

  g_cancellable_cancel (self->cancellable);
  set_texture (self, NULL);
  hs_media_page_set_state (self, HS_MEDIA_PAGE_EMPTY);
}

void
hs_media_page_retry (HsMediaPage *self)
{
  g_return_if_fail (HS_IS_MEDIA_PAGE (self));

  if (self->state != HS_MEDIA_PAGE_FAILED)
    return;

  if (self->video_failed)
    {
      hs_media_page_play (self);
      return;
    }

  hs_media_page_set_state (self, HS_MEDIA_PAGE_EMPTY);
  hs_media_page_load (self);
}

static void
play_clicked_cb (HsMediaPage *self)
{
  hs_media_page_play (self);
}

static void
picture_released_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     HsMediaPage     *self)
{
  if (n_press != 1 || self->state != HS_MEDIA_PAGE_LOADED)
    return;

  if (hs_media_page_is_video (self))
    hs_media_page_play (self);
  else
    g_signal_emit (self, signals[ACTIVATED], 0);
}

/* The widget */

static void
build_ui (HsMediaPage *self)
{
  GtkWidget *overlay;
  GtkWidget *error_box;
  GtkWidget *label;
  GtkGesture *click;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_parent (GTK_WIDGET (self->stack), GTK_WIDGET (self));

  /* Loading */
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->spinner), 32, 32);
  gtk_widget_set_halign (GTK_WIDGET (self->spinner), GTK_ALIGN_CENTER);
  gtk_widget_set_valign (GTK_WIDGET (self->spinner), GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->spinner), "loading");

  /* Picture, with a video's play button and download progress over it */
  overlay = gtk_overlay_new ();
  self->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_can_shrink (self->picture, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->picture), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->picture), TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->picture));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (picture_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->picture), GTK_EVENT_CONTROLLER (click));

  self->play_button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, _("Play Video"));
  gtk_widget_set_halign (self->play_button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->play_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->play_button, "osd");
  gtk_widget_add_css_class (self->play_button, "circular");
  gtk_widget_add_css_class (self->play_button, "play-button");
  gtk_widget_set_visible (self->play_button, FALSE);
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (play_clicked_cb), self);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->play_button);

  self->download_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_valign (self->download_box, GTK_ALIGN_END);
  gtk_widget_set_halign (self->download_box, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (self->download_box, "osd");
  gtk_widget_add_css_class (self->download_box, "download-box");
  label = gtk_label_new (_("Loading video…"));
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (self->download_box), label);
  self->download_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (self->download_box), GTK_WIDGET (self->download_bar));
  gtk_widget_set_visible (self->download_box, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->download_box);

  gtk_stack_add_named (self->stack, overlay, "picture");

  /* Placeholder */
  error_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_halign (error_box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (error_box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (error_box, 18);
  gtk_widget_set_margin_end (error_box, 18);
  gtk_widget_add_css_class (error_box, "media-error");

  self->error_image = GTK_IMAGE (gtk_image_new_from_icon_name ("image-missing-symbolic"));
  gtk_image_set_pixel_size (self->error_image, 48);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_image), "dim-label");
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->error_image), 6);
  gtk_box_append (GTK_BOX (error_box), GTK_WIDGET (self->error_image));

  self->error_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_title, TRUE);
  gtk_label_set_justify (self->error_title, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_title), "heading");
  gtk_box_append (GTK_BOX (error_box), GTK_WIDGET (self->error_title));

  self->error_detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_detail, TRUE);
  gtk_label_set_justify (self->error_detail, GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (self->error_detail, 36);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_detail), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->error_detail), "dim-label");
  gtk_box_append (GTK_BOX (error_box), GTK_WIDGET (self->error_detail));

  self->retry_button = gtk_button_new_with_mnemonic (_("_Retry"));
  gtk_widget_set_halign (self->retry_button, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (self->retry_button, 12);
  gtk_widget_add_css_class (self->retry_button, "pill");
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (hs_media_page_retry), self);
  gtk_box_append (GTK_BOX (error_box), self->retry_button);

  gtk_stack_add_named (self->stack, error_box, "error");

  hs_media_page_set_state (self, HS_MEDIA_PAGE_EMPTY);
}

static void
hs_media_page_constructed (GObject *object)
{
  HsMediaPage *self = (HsMediaPage *)object;

  G_OBJECT_CLASS (hs_media_page_parent_class)->constructed (object);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  hs_media_page_is_video (self) ? _("Video") : _("Image"),
                                  -1);
}

static void
hs_media_page_unrealize (GtkWidget *widget)
{
  HsMediaPage *self = HS_MEDIA_PAGE (widget);

  /* Before the GtkVideo below is unrealized (see hs_media_page_stop_video()). */
  hs_media_page_stop_video (self);

  GTK_WIDGET_CLASS (hs_media_page_parent_class)->unrealize (widget);
}

static void
hs_media_page_dispose (GObject *object)
{
  HsMediaPage *self = (HsMediaPage *)object;

  g_cancellable_cancel (self->cancellable);
  hs_media_page_stop_video (self);

  if (self->stack != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->stack));
      self->stack = NULL;
      self->video = NULL;
    }

  g_clear_object (&self->texture);
  g_clear_object (&self->video_file);
  g_clear_object (&self->item);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (hs_media_page_parent_class)->dispose (object);
}

static void
hs_media_page_finalize (GObject *object)
{
  HsMediaPage *self = (HsMediaPage *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hs_media_page_parent_class)->finalize (object);
}

static void
hs_media_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HsMediaPage *self = HS_MEDIA_PAGE (object);

  switch (prop_id)
    {
    case PROP_MEDIA_LOADER:
      g_value_set_object (value, self->loader);
      break;

    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_TEXTURE_SIZE:
      g_value_set_int (value, self->texture_size);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_TEXTURE:
      g_value_set_object (value, self->texture);
      break;

    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_media_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HsMediaPage *self = HS_MEDIA_PAGE (object);

  switch (prop_id)
    {
    case PROP_MEDIA_LOADER:
      self->loader = g_value_dup_object (value);
      break;

    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;

    case PROP_TEXTURE_SIZE:
      hs_media_page_set_texture_size (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_media_page_class_init (HsMediaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hs_media_page_constructed;
  object_class->dispose = hs_media_page_dispose;
  object_class->finalize = hs_media_page_finalize;
  object_class->get_property = hs_media_page_get_property;
  object_class->set_property = hs_media_page_set_property;
  widget_class->unrealize = hs_media_page_unrealize;

  properties[PROP_MEDIA_LOADER] =
    g_param_spec_object ("media-loader", NULL, NULL,
                         HS_TYPE_MEDIA_LOADER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXTURE_SIZE] =
    g_param_spec_int ("texture-size", NULL, NULL,
                      0, G_MAXINT, HS_TEXTURE_SIZE_PAGE,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL,
                      HS_MEDIA_PAGE_EMPTY, HS_MEDIA_PAGE_PLAYING, HS_MEDIA_PAGE_EMPTY,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXTURE] =
    g_param_spec_object ("texture", NULL, NULL,
                         GDK_TYPE_TEXTURE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "media-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hs_media_page_init (HsMediaPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->texture_size = HS_TEXTURE_SIZE_PAGE;

  build_ui (self);
}

/**
 * hs_media_page_new:
 * @loader: fetches the picture or video
 * @item: a #HsImage or #HsVideo
 * @texture_size: the longest side to decode pictures at, 0 for their own size
 */
GtkWidget *
hs_media_page_new (HsMediaLoader *loader,
                   GObject       *item,
                   int            texture_size)
{
  g_return_val_if_fail (HS_IS_MEDIA_LOADER (loader), NULL);
  g_return_val_if_fail (HS_IS_IMAGE (item) || HS_IS_VIDEO (item), NULL);

  return g_object_new (HS_TYPE_MEDIA_PAGE,
                       "media-loader", loader,
                       "item", item,
                       "texture-size", texture_size,
                       NULL);
}

GObject *
hs_media_page_get_item (HsMediaPage *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_PAGE (self), NULL);

  return self->item;
}

gboolean
hs_media_page_is_video (HsMediaPage *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_PAGE (self), FALSE);

  return HS_IS_VIDEO (self->item);
}

const char *
hs_media_page_get_url (HsMediaPage *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_PAGE (self), NULL);

  return hs_media_item_get_url (self->item);
}

const char *
hs_media_page_get_picture_url (HsMediaPage *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_PAGE (self), NULL);

  return hs_media_item_get_picture_url (self->item);
}

HsMediaPageState
hs_media_page_get_state (HsMediaPage *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_PAGE (self), HS_MEDIA_PAGE_EMPTY);

  return self->state;
}

/**
 * hs_media_page_get_texture:
 *
 * Returns: (transfer none) (nullable): the picture shown, if loaded
 */
GdkTexture *
hs_media_page_get_texture (HsMediaPage *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_PAGE (self), NULL);

  return self->texture;
}

double
hs_media_page_get_progress (HsMediaPage *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_PAGE (self), 0.0);

  return self->progress;
}

/**
 * hs_media_page_get_retry_button:
 *
 * Returns: (transfer none): the placeholder's Retry button, for tests
 */
GtkWidget *
hs_media_page_get_retry_button (HsMediaPage *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_PAGE (self), NULL);

  return self->retry_button;
}

/**
 * hs_media_page_get_video:
 *
 * Returns: (transfer none) (nullable): the GtkVideo of a playing video
 */
GtkWidget *
hs_media_page_get_video (HsMediaPage *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_PAGE (self), NULL);

  return self->video;
}
