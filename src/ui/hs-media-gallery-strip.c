#include "config.h"

#include <glib/gi18n.h>

#include "hs-image.h"
#include "hs-media-actions.h"
#include "hs-media-page.h"
#include "hs-texture-cache.h"
#include "hs-video.h"
#include "hs-media-gallery-internal.h"

/* The gallery's paging and its thumbnail strip: where the carousel is, the
 * actions that depend on it, and a thumbnail per item that pages to it. */

void
hs_media_gallery_update_actions (HsMediaGallery *self)
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

/* A playing video has its own controls along the bottom (duration, volume, fullscreen):
 * the expand and menu buttons move to the top, where they cover none of them. */
static void
place_tools (HsMediaGallery *self)
{
  HsMediaPage *page = self->position < self->pages->len ? g_ptr_array_index (self->pages, self->position) : NULL;
  gboolean playing = page != NULL && hs_media_page_get_state (page) == HS_MEDIA_PAGE_PLAYING;

  gtk_widget_set_valign (self->tools_box, playing ? GTK_ALIGN_START : GTK_ALIGN_END);
  gtk_widget_set_halign (self->tools_box, playing ? GTK_ALIGN_START : GTK_ALIGN_END);
  gtk_widget_set_margin_start (self->tools_box, 12);
  gtk_widget_set_margin_top (self->tools_box, 12);
}

void
hs_media_gallery_page_state_cb (HsMediaGallery *self)
{
  place_tools (self);
}

void
hs_media_gallery_update_position (HsMediaGallery *self)
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

  hs_media_gallery_update_actions (self);
  place_tools (self);
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

void
hs_media_gallery_page_changed_cb (HsMediaGallery *self,
                                  guint           index)
{
  if (index >= self->pages->len || index == self->position)
    return;

  self->position = index;
  hs_media_gallery_update_position (self);
  scroll_thumb_into_view (self);
  g_object_notify (G_OBJECT (self), "position");
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
  g_object_notify (G_OBJECT (self), "n-thumbnails-loaded");
}

static void
thumb_clicked_cb (GtkButton      *button,
                  HsMediaGallery *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));

  hs_media_gallery_set_position (self, position, TRUE);
}

Thumb *
hs_media_gallery_create_thumb (HsMediaGallery *self,
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
                                   hs_texture_size_for_widget (GTK_WIDGET (self), HS_TEXTURE_SIZE_THUMBNAIL),
                                   self->note_cancellable,
                                   thumbnail_loaded_cb, load);
    }

  return thumb;
}
