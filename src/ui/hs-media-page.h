#pragma once

#include <gtk/gtk.h>

#include "hs-media-item.h"
#include "hs-media-loader.h"

G_BEGIN_DECLS

typedef enum
{
  HS_MEDIA_PAGE_EMPTY,      /* nothing loaded (yet, or again to save memory) */
  HS_MEDIA_PAGE_LOADING,
  HS_MEDIA_PAGE_LOADED,     /* the picture, or the video's cover, is shown */
  HS_MEDIA_PAGE_FAILED,     /* the placeholder with its Retry button */
  HS_MEDIA_PAGE_DOWNLOADING, /* a video is being fetched before it plays */
  HS_MEDIA_PAGE_PLAYING,    /* a video is in its GtkVideo */
} HsMediaPageState;

#define HS_TYPE_MEDIA_PAGE (hs_media_page_get_type ())

G_DECLARE_FINAL_TYPE (HsMediaPage, hs_media_page, HS, MEDIA_PAGE, GtkWidget)

/* One picture or video of a note, as the gallery's carousel and the viewer show it: the
 * picture fitted in the page, a placeholder with Retry when it fails, and for a video its
 * cover with a play button that fetches the video into the cache and plays it.
 *
 * Properties: "media-loader", "item" (HsImage or HsVideo), both construct-only;
 * "texture-size" (int: longest side to decode at, 0 = full); "state" (HsMediaPageState), "texture"
 * (GdkTexture, nullable), "progress" (double, 0..1, of a video download), read-only.
 * Signal "activated": the picture was clicked. */
GtkWidget        *hs_media_page_new              (HsMediaLoader *loader,
                                                  GObject       *item,
                                                  int            texture_size);
GObject          *hs_media_page_get_item         (HsMediaPage   *self);
gboolean          hs_media_page_is_video         (HsMediaPage   *self);
const char       *hs_media_page_get_url          (HsMediaPage   *self);
const char       *hs_media_page_get_picture_url  (HsMediaPage   *self);
HsMediaPageState  hs_media_page_get_state        (HsMediaPage   *self);
GdkTexture       *hs_media_page_get_texture      (HsMediaPage   *self);
double            hs_media_page_get_progress     (HsMediaPage   *self);
GtkWidget        *hs_media_page_get_retry_button (HsMediaPage   *self);
GtkWidget        *hs_media_page_get_video        (HsMediaPage   *self);
void              hs_media_page_load             (HsMediaPage   *self);
void              hs_media_page_unload           (HsMediaPage   *self);
void              hs_media_page_set_texture_size (HsMediaPage   *self,
                                                  int            texture_size);
int               hs_media_page_get_texture_size (HsMediaPage   *self);
void              hs_media_page_retry            (HsMediaPage   *self);
void              hs_media_page_play             (HsMediaPage   *self);
void              hs_media_page_pause            (HsMediaPage   *self);

G_END_DECLS
