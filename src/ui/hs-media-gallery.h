#pragma once

#include <gtk/gtk.h>

#include "hs-media-loader.h"
#include "hs-media-page.h"
#include "hs-note.h"

G_BEGIN_DECLS

#define HS_TYPE_MEDIA_GALLERY (hs_media_gallery_get_type ())

G_DECLARE_FINAL_TYPE (HsMediaGallery, hs_media_gallery, HS, MEDIA_GALLERY, GtkWidget)

/* A note's pictures and videos: a carousel with a strip of thumbnails of every item
 * beneath, and the "gallery" actions: gallery.previous, gallery.next, gallery.open-viewer,
 * gallery.save-current, gallery.save-all, gallery.copy-image, gallery.open-original.
 * Saving and copying report through the nearest AdwToastOverlay around the gallery.
 *
 * Properties: "media-loader" (construct-only), "note" (HsNote, nullable), "n-items",
 * "position", "n-thumbnails-loaded" (read-only). */
GtkWidget   *hs_media_gallery_new                        (HsMediaLoader        *loader);
HsNote      *hs_media_gallery_get_note                   (HsMediaGallery       *self);
void         hs_media_gallery_set_note                   (HsMediaGallery       *self,
                                                          HsNote               *note);
guint        hs_media_gallery_get_n_items                (HsMediaGallery       *self);
GListModel  *hs_media_gallery_get_items                  (HsMediaGallery       *self);
guint        hs_media_gallery_get_position               (HsMediaGallery       *self);
void         hs_media_gallery_set_position               (HsMediaGallery       *self,
                                                          guint                 position,
                                                          gboolean              animate);
int          hs_media_gallery_get_page_texture_size     (HsMediaGallery       *self);
GtkWidget   *hs_media_gallery_get_tools                  (HsMediaGallery       *self);
HsMediaPage *hs_media_gallery_get_page                   (HsMediaGallery       *self,
                                                          guint                 position);
GdkTexture  *hs_media_gallery_get_thumbnail_texture      (HsMediaGallery       *self,
                                                          guint                 position);
guint        hs_media_gallery_get_n_thumbnails_loaded    (HsMediaGallery       *self);
void         hs_media_gallery_save_all_to_folder_async   (HsMediaGallery       *self,
                                                          GFile                *folder,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean     hs_media_gallery_save_all_to_folder_finish  (HsMediaGallery       *self,
                                                          GAsyncResult         *result,
                                                          guint                *n_saved,
                                                          GError              **error);

G_END_DECLS
