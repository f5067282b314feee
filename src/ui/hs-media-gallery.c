#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "hs-image.h"
#include "hs-media-actions.h"
#include "hs-media-gallery.h"
#include "hs-media-saver.h"
#include "hs-media-viewer.h"
#include "hs-texture-cache.h"
#include "hs-video.h"

/* Side of a thumbnail, px */
#define THUMBNAIL_SIZE     56
/* Space between the carousel and the thumbnails */
#define STRIP_SPACING      10
/* The carousel's height follows the first picture's shape within these bounds, like the
 * app's: from 3:4 (portrait, the usual note) to 4:3. */
#define MIN_ASPECT_RATIO   (3.0 / 4.0)
#define MAX_ASPECT_RATIO   (4.0 / 3.0)
#define MIN_STAGE_HEIGHT   240
#define MAX_STAGE_HEIGHT   720
#define NATURAL_WIDTH      480
/* Room left above and below the gallery in the scrolled window: the layout's margins. */
#define VIEWPORT_MARGIN    54
/* Pages further than this from the current one let go of their pictures. */
#define KEEP_DISTANCE      2

typedef struct
{
  GtkWidget  *button;
  GtkPicture *picture;
  GtkWidget  *failed_icon;
  GdkTexture *texture;
} Thumb;

struct _HsMediaGallery
{
  GtkWidget       parent_instance;

  HsMediaLoader  *loader;
  HsNote         *note;
  GListStore     *items;               /* HsImage, then HsVideo */
  GPtrArray      *pages;               /* HsMediaPage*, owned by the carousel */
  GPtrArray      *thumbs;              /* Thumb* */
  guint           position;
  double          aspect_ratio;        /* of the stage: width / height */
  guint           n_thumbnails_loaded;
  GCancellable   *note_cancellable;    /* thumbnails of the current note */
  GCancellable   *cancellable;         /* saving and copying; cancelled in dispose */
  GCancellable   *save_all_cancellable;
  HsMediaViewer  *viewer;               /* weak */
  GtkAdjustment  *viewport_adjustment;  /* of the scrolled window around us */
  int             viewport_height;
  guint           viewport_source;

  GtkWidget      *stage;
  AdwCarousel    *carousel;
  GtkLabel       *counter_label;
  GtkWidget      *tools_box;
  GtkWidget      *save_box;
  GtkLabel       *save_label;
  GtkProgressBar *save_bar;
  GtkWidget      *strip_window;
  GtkBox         *strip;
};

G_DEFINE_FINAL_TYPE (HsMediaGallery, hs_media_gallery, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MEDIA_LOADER,
  PROP_NOTE,
  PROP_N_ITEMS,
  PROP_POSITION,
  PROP_N_THUMBNAILS_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
thumb_free (gpointer data)
{
  Thumb *thumb = data;

  g_clear_object (&thumb->texture);
  g_free (thumb);
}

static GObject *
item_at (HsMediaGallery *self,
         guint           position)
{
  /* Borrowed: the store keeps its items. */
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  return item;
}

static char *
file_stem (HsMediaGallery *self,
           guint           position)
{
  return hs_media_file_stem (self->note != NULL ? hs_note_get_title (self->note) : NULL,
                             self->note != NULL ? hs_note_get_note_id (self->note) : NULL,
                             position);
}

/* Layout: the stage's height follows its width, the strip sits below. */

static gboolean
strip_shown (HsMediaGallery *self)
{
  return gtk_widget_get_visible (self->strip_window);
}

/* The stage and the strip fit in the scrolled window around us, so that a person sees the
 * whole picture and its thumbnails without scrolling. */
static int
max_stage_height (HsMediaGallery *self)
{
  int limit = MAX_STAGE_HEIGHT;

  if (self->viewport_height > 0)
    {
      int available = self->viewport_height - VIEWPORT_MARGIN;

      if (strip_shown (self))
        available -= THUMBNAIL_SIZE + STRIP_SPACING + 4;
      limit = MIN (limit, available);
    }

  return MAX (limit, MIN_STAGE_HEIGHT);
}

static int
stage_height_for_width (HsMediaGallery *self,
                        int             width)
{
  int height = (int) (width / self->aspect_ratio + 0.5);

  return CLAMP (height, MIN_STAGE_HEIGHT, max_stage_height (self));
}

static gboolean
viewport_resize_cb (gpointer user_data)
{
  HsMediaGallery *self = user_data;

  self->viewport_source = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

static void
viewport_page_size_cb (GtkAdjustment  *adjustment,
                       GParamSpec     *pspec,
                       HsMediaGallery *self)
{
  int height = (int) gtk_adjustment_get_page_size (adjustment);

  if (height == self->viewport_height)
    return;

  self->viewport_height = height;
  /* This comes during the scrolled window's allocation: measure again after it. */
  if (self->viewport_source == 0)
    self->viewport_source = g_idle_add (viewport_resize_cb, self);
}

static void
unwatch_viewport (HsMediaGallery *self)
{
  if (self->viewport_adjustment != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->viewport_adjustment, viewport_page_size_cb, self);
      g_clear_object (&self->viewport_adjustment);
    }
  g_clear_handle_id (&self->viewport_source, g_source_remove);
  self->viewport_height = 0;
}

/* The strip scrolls sideways only, but GTK turns a wheel's turns over a scrolled window
 * that only scrolls sideways into sideways scrolling. A person turning the wheel over the
 * thumbnails means to scroll the note: pass the turn on to the scrolled window around us,
 * as far as it would have gone there. Shift+wheel still scrolls the strip. */
static gboolean
strip_scroll_cb (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 HsMediaGallery           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double step = 1.0;

  if (self->viewport_adjustment == NULL || dy == 0 || (state & GDK_SHIFT_MASK) != 0)
    return FALSE;

  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (self->viewport_adjustment), 2.0 / 3.0);

  gtk_adjustment_set_value (self->viewport_adjustment,
                            gtk_adjustment_get_value (self->viewport_adjustment) + dy * step);

  return TRUE;
}

static void
hs_media_gallery_root (GtkWidget *widget)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);
  GtkWidget *scrolled_window;

  GTK_WIDGET_CLASS (hs_media_gallery_parent_class)->root (widget);

  scrolled_window = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled_window != NULL)
    {
      self->viewport_adjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled_window)));
      g_signal_connect (self->viewport_adjustment, "notify::page-size",
                        G_CALLBACK (viewport_page_size_cb), self);
      self->viewport_height = (int) gtk_adjustment_get_page_size (self->viewport_adjustment);
    }
}

static void
hs_media_gallery_unroot (GtkWidget *widget)
{
  unwatch_viewport (HS_MEDIA_GALLERY (widget));

  GTK_WIDGET_CLASS (hs_media_gallery_parent_class)->unroot (widget);
}

static void
hs_media_gallery_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int stage_min, stage_nat;

      gtk_widget_measure (self->stage, orientation, -1, &stage_min, &stage_nat, NULL, NULL);
      *minimum = MAX (stage_min, 160);
      *natural = MAX (stage_nat, NATURAL_WIDTH);
    }
  else
    {
      int width = for_size >= 0 ? for_size : NATURAL_WIDTH;
      int height = stage_height_for_width (self, width);

      if (strip_shown (self))
        {
          int strip_min, strip_nat;

          gtk_widget_measure (self->strip_window, orientation, width, &strip_min, &strip_nat, NULL, NULL);
          height += STRIP_SPACING + strip_nat;
        }

      *minimum = *natural = height;
    }
}

static void
hs_media_gallery_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);
  int strip_height = 0;
  int stage_height;

  if (strip_shown (self))
    {
      int strip_min;

      gtk_widget_measure (self->strip_window, GTK_ORIENTATION_VERTICAL, width,
                          &strip_min, &strip_height, NULL, NULL);
    }

  stage_height = height - (strip_height > 0 ? strip_height + STRIP_SPACING : 0);
  gtk_widget_allocate (self->stage, width, MAX (stage_height, 0), -1, NULL);

  if (strip_height > 0)
    gtk_widget_allocate (self->strip_window, width, strip_height, -1,
                         gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, stage_height + STRIP_SPACING)));
}

static GtkSizeRequestMode
hs_media_gallery_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
set_aspect_ratio_from (HsMediaGallery *self,
                       GdkTexture     *texture)
{
  double ratio;

  if (texture == NULL)
    return;

  ratio = (double) gdk_texture_get_width (texture) / MAX (1, gdk_texture_get_height (texture));
  ratio = CLAMP (ratio, MIN_ASPECT_RATIO, MAX_ASPECT_RATIO);
  if (G_APPROX_VALUE (ratio, self->aspect_ratio, 0.001))
    return;

  self->aspect_ratio = ratio;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
first_page_texture_cb (HsMediaPage    *page,
                       GParamSpec     *pspec,
                       HsMediaGallery *self)
{
  set_aspect_ratio_from (self, hs_media_page_get_texture (page));
}

/* Position */

static void
update_actions (HsMediaGallery *self)
{
  guint n_items = self->pages->len;
  HsMediaPage *page = n_items > 0 ? g_ptr_array_index (self->pages, self->position) : NULL;
  gboolean saving = self->save_all_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.previous", n_items > 0 && self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.next", self->position + 1 < n_items);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.open-viewer", n_items > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.save-current", page != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.save-all", n_items > 0 && !saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.copy-image",
                                 page != NULL && hs_media_page_get_picture_url (page) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "gallery.open-original", page != NULL);
}

static void
update_position (HsMediaGallery *self)
{
  guint n_items = self->pages->len;

  if (n_items > 0)
    {
      g_autofree char *counter = g_strdup_printf ("%u / %u", self->position + 1, n_items);

      gtk_label_set_label (self->counter_label, counter);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->counter_label), n_items > 1);

  for (guint i = 0; i < n_items; i++)
    {
      HsMediaPage *page = g_ptr_array_index (self->pages, i);
      Thumb *thumb = g_ptr_array_index (self->thumbs, i);
      guint distance = i > self->position ? i - self->position : self->position - i;

      if (distance <= 1)
        hs_media_page_load (page);
      else if (distance > KEEP_DISTANCE)
        hs_media_page_unload (page);

      if (i != self->position)
        hs_media_page_pause (page);

      if (i == self->position)
        gtk_widget_add_css_class (thumb->button, "current");
      else
        gtk_widget_remove_css_class (thumb->button, "current");
    }

  update_actions (self);
}

static void
scroll_thumb_into_view (HsMediaGallery *self)
{
  GtkAdjustment *adjustment;
  Thumb *thumb;
  graphene_rect_t bounds;
  double value, page_size;

  if (self->position >= self->thumbs->len)
    return;

  thumb = g_ptr_array_index (self->thumbs, self->position);
  if (!gtk_widget_compute_bounds (thumb->button, GTK_WIDGET (self->strip), &bounds))
    return;

  adjustment = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->strip_window));
  value = gtk_adjustment_get_value (adjustment);
  page_size = gtk_adjustment_get_page_size (adjustment);

  /* Keep a neighbour visible on either side when there is room. */
  if (bounds.origin.x - bounds.size.width < value)
    gtk_adjustment_set_value (adjustment, bounds.origin.x - bounds.size.width);
  else if (bounds.origin.x + 2 * bounds.size.width > value + page_size)
    gtk_adjustment_set_value (adjustment, bounds.origin.x + 2 * bounds.size.width - page_size);
}

static void
page_changed_cb (HsMediaGallery *self,
                 guint           index)
{
  if (index >= self->pages->len || index == self->position)
    return;

  self->position = index;
  update_position (self);
  scroll_thumb_into_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/* Thumbnails */

typedef struct
{
  HsMediaGallery *self;
  guint           position;
} ThumbLoad;

static void
thumbnail_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ThumbLoad *load = user_data;
  g_autoptr(HsMediaGallery) self = load->self;
  guint position = load->position;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  Thumb *thumb;

  g_free (load);

  texture = hs_texture_cache_load_finish (HS_TEXTURE_CACHE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  thumb = g_ptr_array_index (self->thumbs, position);
  if (texture == NULL)
    {
      gtk_widget_set_visible (thumb->failed_icon, TRUE);
      return;
    }

  g_set_object (&thumb->texture, texture);
  gtk_picture_set_paintable (thumb->picture, GDK_PAINTABLE (texture));
  self->n_thumbnails_loaded++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_THUMBNAILS_LOADED]);
}

static void
thumb_clicked_cb (GtkButton      *button,
                  HsMediaGallery *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));

  hs_media_gallery_set_position (self, position, TRUE);
}

static Thumb *
create_thumb (HsMediaGallery *self,
              GObject        *item,
              guint           position)
{
  Thumb *thumb = g_new0 (Thumb, 1);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *frame = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *url = hs_media_item_get_picture_url (item);
  g_autofree char *label = NULL;

  /* The fixed-size frame gives the thumbnail its size; the picture, an overlay, is not
   * measured, so its texture's size does not count. */
  gtk_widget_set_size_request (frame, THUMBNAIL_SIZE, THUMBNAIL_SIZE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), frame);

  thumb->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_content_fit (thumb->picture, GTK_CONTENT_FIT_COVER);
  gtk_picture_set_can_shrink (thumb->picture, TRUE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (thumb->picture));

  if (HS_IS_VIDEO (item))
    {
      GtkWidget *badge = gtk_image_new_from_icon_name ("media-playback-start-symbolic");

      gtk_widget_set_halign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "osd");
      gtk_widget_add_css_class (badge, "video-badge");
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), badge);
    }

  thumb->failed_icon = gtk_image_new_from_icon_name ("image-missing-symbolic");
  gtk_widget_set_halign (thumb->failed_icon, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (thumb->failed_icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (thumb->failed_icon, "dim-label");
  gtk_widget_set_visible (thumb->failed_icon, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), thumb->failed_icon);

  thumb->button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (thumb->button), overlay);
  gtk_widget_set_overflow (thumb->button, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (thumb->button, "media-thumbnail");
  g_object_set_data (G_OBJECT (thumb->button), "position", GUINT_TO_POINTER (position));
  g_signal_connect (thumb->button, "clicked", G_CALLBACK (thumb_clicked_cb), self);

  label = HS_IS_VIDEO (item) ? g_strdup_printf (_("Video %u"), position + 1)
                             : g_strdup_printf (_("Image %u"), position + 1);
  gtk_widget_set_tooltip_text (thumb->button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (thumb->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  if (url != NULL)
    {
      ThumbLoad *load = g_new0 (ThumbLoad, 1);

      load->self = g_object_ref (self);
      load->position = position;
      hs_texture_cache_load_async (hs_texture_cache_get_default (), self->loader, url,
                                   HS_TEXTURE_SIZE_THUMBNAIL, self->note_cancellable,
                                   thumbnail_loaded_cb, load);
    }

  return thumb;
}

/* Items */

static void
page_activated_cb (HsMediaPage    *page,
                   HsMediaGallery *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "gallery.open-viewer", NULL);
}

static void
clear_items (HsMediaGallery *self)
{
  g_cancellable_cancel (self->note_cancellable);
  g_clear_object (&self->note_cancellable);

  for (guint i = 0; i < self->pages->len; i++)
    {
      HsMediaPage *page = g_ptr_array_index (self->pages, i);

      g_signal_handlers_disconnect_by_data (page, self);
      adw_carousel_remove (self->carousel, GTK_WIDGET (page));
    }
  g_ptr_array_set_size (self->pages, 0);

  for (guint i = 0; i < self->thumbs->len; i++)
    {
      Thumb *thumb = g_ptr_array_index (self->thumbs, i);

      gtk_box_remove (self->strip, thumb->button);
    }
  g_ptr_array_set_size (self->thumbs, 0);

  g_list_store_remove_all (self->items);
  self->position = 0;
  self->n_thumbnails_loaded = 0;
  self->aspect_ratio = MIN_ASPECT_RATIO;
}

static void
fill_items (HsMediaGallery *self)
{
  GListModel *images = hs_note_get_images (self->note);
  GListModel *videos = hs_note_get_videos (self->note);
  guint n_items;

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (images, i);

      g_list_store_append (self->items, item);
    }
  for (guint i = 0; i < g_list_model_get_n_items (videos); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (videos, i);

      g_list_store_append (self->items, item);
    }

  self->note_cancellable = g_cancellable_new ();
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n_items; i++)
    {
      GObject *item = item_at (self, i);
      GtkWidget *page = hs_media_page_new (self->loader, item, HS_TEXTURE_SIZE_PAGE);
      Thumb *thumb;

      gtk_widget_set_hexpand (page, TRUE);
      gtk_widget_set_vexpand (page, TRUE);
      g_signal_connect (page, "activated", G_CALLBACK (page_activated_cb), self);
      if (i == 0)
        g_signal_connect (page, "notify::texture", G_CALLBACK (first_page_texture_cb), self);
      adw_carousel_append (self->carousel, page);
      g_ptr_array_add (self->pages, page);

      thumb = create_thumb (self, item, i);
      gtk_box_append (self->strip, thumb->button);
      g_ptr_array_add (self->thumbs, thumb);
    }
}

/* Actions */

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);

  if (self->position > 0)
    hs_media_gallery_set_position (self, self->position - 1, TRUE);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);

  if (self->position + 1 < self->pages->len)
    hs_media_gallery_set_position (self, self->position + 1, TRUE);
}

static void
viewer_position_cb (HsMediaViewer  *viewer,
                    GParamSpec     *pspec,
                    HsMediaGallery *self)
{
  /* The viewer shows the same list while the note stays. */
  if (hs_media_viewer_get_items (viewer) == G_LIST_MODEL (self->items))
    hs_media_gallery_set_position (self, hs_media_viewer_get_position (viewer), FALSE);
}

static void
open_viewer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *viewer;

  if (self->pages->len == 0)
    return;

  hs_media_page_pause (g_ptr_array_index (self->pages, self->position));

  /* One viewer per gallery: a second request brings it back at the current item. */
  if (self->viewer != NULL && hs_media_viewer_get_items (self->viewer) == G_LIST_MODEL (self->items))
    {
      hs_media_viewer_set_position (self->viewer, self->position);
      gtk_window_present (GTK_WINDOW (self->viewer));
      return;
    }
  if (self->viewer != NULL)
    gtk_window_destroy (GTK_WINDOW (self->viewer));

  viewer = hs_media_viewer_new (self->loader, G_LIST_MODEL (self->items), self->position);
  if (self->note != NULL && hs_note_get_title (self->note) != NULL)
    gtk_window_set_title (GTK_WINDOW (viewer), hs_note_get_title (self->note));
  hs_media_viewer_set_file_stem (HS_MEDIA_VIEWER (viewer),
                                 self->note != NULL ? hs_note_get_title (self->note) : NULL,
                                 self->note != NULL ? hs_note_get_note_id (self->note) : NULL);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (viewer), GTK_WINDOW (root));
  g_signal_connect_object (viewer, "notify::position", G_CALLBACK (viewer_position_cb), self, 0);

  self->viewer = HS_MEDIA_VIEWER (viewer);
  g_object_add_weak_pointer (G_OBJECT (viewer), (gpointer *) &self->viewer);
  gtk_window_present (GTK_WINDOW (viewer));
}

static void
save_current_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);
  g_autofree char *stem = NULL;
  HsMediaPage *page;

  if (self->pages->len == 0)
    return;

  page = g_ptr_array_index (self->pages, self->position);
  stem = file_stem (self, self->position);
  hs_media_save_interactive (widget, self->loader, hs_media_page_get_url (page), stem,
                             hs_media_page_is_video (page), self->cancellable);
}

static void
copy_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HsMediaGallery) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = hs_texture_cache_load_finish (HS_TEXTURE_CACHE (object), result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not copy the image: %s"), error->message);

          hs_media_show_toast (GTK_WIDGET (self), message);
        }
      return;
    }

  hs_media_copy_texture (GTK_WIDGET (self), texture);
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);
  const char *url;

  if (self->pages->len == 0)
    return;

  /* The full picture, not the carousel's scaled one. */
  url = hs_media_page_get_picture_url (g_ptr_array_index (self->pages, self->position));
  if (url != NULL)
    hs_texture_cache_load_async (hs_texture_cache_get_default (), self->loader, url, 0,
                                 self->cancellable, copy_loaded_cb, g_object_ref (self));
}

static void
open_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);

  if (self->pages->len == 0)
    return;

  hs_media_open_uri (widget, hs_media_page_get_url (g_ptr_array_index (self->pages, self->position)));
}

/* Saving everything (hs-media-saver) */

static void
update_save_progress (guint    index,
                      guint    n_items,
                      gpointer user_data)
{
  HsMediaGallery *self = user_data;
  g_autofree char *label = NULL;

  /* Translators: "Saving 3 of 9…" while saving a note's pictures and videos. */
  label = g_strdup_printf (_("Saving %u of %u…"), MIN (index + 1, n_items), n_items);
  gtk_label_set_label (self->save_label, label);
  gtk_progress_bar_set_fraction (self->save_bar, n_items > 0 ? (double) index / n_items : 1.0);
}

/**
 * hs_media_gallery_save_all_to_folder_async:
 * @folder: where to write the files
 *
 * Saves every picture and video of the note into @folder, one after another, named after
 * the note ("title-01.jpg"). Items that fail are skipped; it fails only when none could be
 * saved.
 */
void
hs_media_gallery_save_all_to_folder_async (HsMediaGallery      *self,
                                           GFile               *folder,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GListStore) items = NULL;
  g_autoptr(GPtrArray) stems = NULL;
  guint n_items;

  g_return_if_fail (HS_IS_MEDIA_GALLERY (self));
  g_return_if_fail (G_IS_FILE (folder));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  /* A copy: the note may change while saving. */
  items = g_list_store_new (G_TYPE_OBJECT);
  stems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_items; i++)
    {
      g_list_store_append (items, item_at (self, i));
      g_ptr_array_add (stems, file_stem (self, i));
    }

  hs_media_saver_save_async (self, self->loader, G_LIST_MODEL (items), stems, folder,
                             update_save_progress, self, cancellable, callback, user_data);
}

/**
 * hs_media_gallery_save_all_to_folder_finish:
 * @n_saved: (out) (optional): how many files were written
 */
gboolean
hs_media_gallery_save_all_to_folder_finish (HsMediaGallery  *self,
                                            GAsyncResult    *result,
                                            guint           *n_saved,
                                            GError         **error)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return hs_media_saver_save_finish (result, n_saved, NULL, error);
}

static void
end_saving (HsMediaGallery *self)
{
  g_clear_object (&self->save_all_cancellable);
  gtk_widget_set_visible (self->save_box, FALSE);
  gtk_widget_set_visible (self->tools_box, TRUE);
  update_actions (self);
}

static void
saved_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(HsMediaGallery) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_saved = 0;
  guint n_items = 0;

  hs_media_saver_save_finish (result, &n_saved, &n_items, &error);
  end_saving (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (n_saved > 0)
        {
          message = g_strdup_printf (ngettext ("Stopped after saving %u file",
                                               "Stopped after saving %u files", n_saved), n_saved);
          hs_media_show_toast (GTK_WIDGET (self), message);
        }
      return;
    }

  if (error != NULL)
    message = g_strdup_printf (_("Could not save: %s"), error->message);
  else if (n_saved < n_items)
    message = g_strdup_printf (ngettext ("Saved %u of %u file", "Saved %u of %u files", n_items),
                               n_saved, n_items);
  else
    message = g_strdup_printf (ngettext ("Saved %u file", "Saved %u files", n_saved), n_saved);

  hs_media_show_toast (GTK_WIDGET (self), message);
}

static void
folder_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HsMediaGallery) self = user_data;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  folder = hs_media_choose_folder_finish (result, &error);
  if (folder == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hs_media_show_toast (GTK_WIDGET (self), error->message);
      end_saving (self);
      return;
    }

  gtk_widget_set_visible (self->tools_box, FALSE);
  gtk_widget_set_visible (self->save_box, TRUE);
  hs_media_gallery_save_all_to_folder_async (self, folder, self->save_all_cancellable,
                                             saved_all_cb, g_object_ref (self));
}

static void
save_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);

  if (self->pages->len == 0 || self->save_all_cancellable != NULL)
    return;

  self->save_all_cancellable = g_cancellable_new ();
  update_actions (self);
  hs_media_choose_folder_async (widget, self->save_all_cancellable, folder_chosen_cb, g_object_ref (self));
}

static void
stop_saving_cb (HsMediaGallery *self)
{
  g_cancellable_cancel (self->save_all_cancellable);
}

/* The widget */

static void
hs_media_gallery_dispose (GObject *object)
{
  HsMediaGallery *self = (HsMediaGallery *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->note_cancellable);
  g_cancellable_cancel (self->save_all_cancellable);
  unwatch_viewport (self);
  if (self->viewer != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->viewer), (gpointer *) &self->viewer);
      self->viewer = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_MEDIA_GALLERY);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->thumbs, g_ptr_array_unref);
  g_clear_object (&self->items);
  g_clear_object (&self->note);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (hs_media_gallery_parent_class)->dispose (object);
}

static void
hs_media_gallery_finalize (GObject *object)
{
  HsMediaGallery *self = (HsMediaGallery *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->note_cancellable);
  g_clear_object (&self->save_all_cancellable);

  G_OBJECT_CLASS (hs_media_gallery_parent_class)->finalize (object);
}

static void
hs_media_gallery_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (object);

  switch (prop_id)
    {
    case PROP_MEDIA_LOADER:
      g_value_set_object (value, self->loader);
      break;

    case PROP_NOTE:
      g_value_set_object (value, self->note);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, hs_media_gallery_get_n_items (self));
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_N_THUMBNAILS_LOADED:
      g_value_set_uint (value, self->n_thumbnails_loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_media_gallery_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (object);

  switch (prop_id)
    {
    case PROP_MEDIA_LOADER:
      self->loader = g_value_dup_object (value);
      break;

    case PROP_NOTE:
      hs_media_gallery_set_note (self, g_value_get_object (value));
      break;

    case PROP_POSITION:
      hs_media_gallery_set_position (self, g_value_get_uint (value), FALSE);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_media_gallery_class_init (HsMediaGalleryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_media_gallery_dispose;
  object_class->finalize = hs_media_gallery_finalize;
  object_class->get_property = hs_media_gallery_get_property;
  object_class->set_property = hs_media_gallery_set_property;

  widget_class->measure = hs_media_gallery_measure;
  widget_class->size_allocate = hs_media_gallery_size_allocate;
  widget_class->get_request_mode = hs_media_gallery_get_request_mode;
  widget_class->root = hs_media_gallery_root;
  widget_class->unroot = hs_media_gallery_unroot;

  properties[PROP_MEDIA_LOADER] =
    g_param_spec_object ("media-loader", NULL, NULL,
                         HS_TYPE_MEDIA_LOADER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE] =
    g_param_spec_object ("note", NULL, NULL,
                         HS_TYPE_NOTE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_THUMBNAILS_LOADED] =
    g_param_spec_uint ("n-thumbnails-loaded", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-media-gallery.ui");
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, stage);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, carousel);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, counter_label);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, tools_box);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, save_box);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, save_label);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, save_bar);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, strip_window);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, strip);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_saving_cb);

  gtk_widget_class_install_action (widget_class, "gallery.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "gallery.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "gallery.open-viewer", NULL, open_viewer_action);
  gtk_widget_class_install_action (widget_class, "gallery.save-current", NULL, save_current_action);
  gtk_widget_class_install_action (widget_class, "gallery.save-all", NULL, save_all_action);
  gtk_widget_class_install_action (widget_class, "gallery.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "gallery.open-original", NULL, open_original_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "gallery.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "gallery.next", NULL);

  gtk_widget_class_set_css_name (widget_class, "media-gallery");

  hs_media_ensure_style ();
}

static void
hs_media_gallery_init (HsMediaGallery *self)
{
  GtkEventController *controller;

  self->items = g_list_store_new (G_TYPE_OBJECT);
  self->pages = g_ptr_array_new ();
  self->thumbs = g_ptr_array_new_with_free_func (thumb_free);
  self->cancellable = g_cancellable_new ();
  self->aspect_ratio = MIN_ASPECT_RATIO;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (strip_scroll_cb), self);
  gtk_widget_add_controller (self->strip_window, controller);

  gtk_widget_set_visible (self->strip_window, FALSE);
  update_position (self);
}

/**
 * hs_media_gallery_new:
 * @loader: fetches the pictures and videos (with the CDN's Referer)
 */
GtkWidget *
hs_media_gallery_new (HsMediaLoader *loader)
{
  g_return_val_if_fail (HS_IS_MEDIA_LOADER (loader), NULL);

  return g_object_new (HS_TYPE_MEDIA_GALLERY,
                       "media-loader", loader,
                       NULL);
}

HsNote *
hs_media_gallery_get_note (HsMediaGallery *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), NULL);

  return self->note;
}

/**
 * hs_media_gallery_set_note:
 * @note: (nullable): the note whose pictures and videos to show
 */
void
hs_media_gallery_set_note (HsMediaGallery *self,
                           HsNote         *note)
{
  guint old_n_items;

  g_return_if_fail (HS_IS_MEDIA_GALLERY (self));
  g_return_if_fail (note == NULL || HS_IS_NOTE (note));

  if (note == self->note)
    return;

  old_n_items = hs_media_gallery_get_n_items (self);
  clear_items (self);
  g_set_object (&self->note, note);
  if (note != NULL)
    fill_items (self);

  gtk_widget_set_visible (self->strip_window, self->pages->len > 1);
  update_position (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->strip_window)), 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_THUMBNAILS_LOADED]);
  if (old_n_items != hs_media_gallery_get_n_items (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

guint
hs_media_gallery_get_n_items (HsMediaGallery *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), 0);

  return self->pages->len;
}

/**
 * hs_media_gallery_get_items:
 *
 * Returns: (transfer none): the note's pictures and videos (HsImage, then HsVideo)
 */
GListModel *
hs_media_gallery_get_items (HsMediaGallery *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), NULL);

  return G_LIST_MODEL (self->items);
}

guint
hs_media_gallery_get_position (HsMediaGallery *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), 0);

  return self->position;
}

void
hs_media_gallery_set_position (HsMediaGallery *self,
                               guint           position,
                               gboolean        animate)
{
  g_return_if_fail (HS_IS_MEDIA_GALLERY (self));

  if (position >= self->pages->len)
    return;

  adw_carousel_scroll_to (self->carousel, g_ptr_array_index (self->pages, position), animate);
  /* "page-changed" follows when the animation ends; the rest of the gallery follows now. */
  page_changed_cb (self, position);
}

/**
 * hs_media_gallery_get_page:
 *
 * Returns: (transfer none) (nullable): the carousel's page at @position
 */
HsMediaPage *
hs_media_gallery_get_page (HsMediaGallery *self,
                           guint           position)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), NULL);

  if (position >= self->pages->len)
    return NULL;

  return g_ptr_array_index (self->pages, position);
}

/**
 * hs_media_gallery_get_thumbnail_texture:
 *
 * Returns: (transfer none) (nullable): the thumbnail at @position, once loaded
 */
GdkTexture *
hs_media_gallery_get_thumbnail_texture (HsMediaGallery *self,
                                        guint           position)
{
  Thumb *thumb;

  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), NULL);

  if (position >= self->thumbs->len)
    return NULL;

  thumb = g_ptr_array_index (self->thumbs, position);

  return thumb->texture;
}

guint
hs_media_gallery_get_n_thumbnails_loaded (HsMediaGallery *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), 0);

  return self->n_thumbnails_loaded;
}
