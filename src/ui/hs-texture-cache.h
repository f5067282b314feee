#pragma once

#include <gtk/gtk.h>

#include "hs-media-loader.h"

G_BEGIN_DECLS

/* Longer side (in application pixels) of the gallery's pages before the gallery knows
 * its size; then it asks for the size of its stage. The viewer, which zooms, asks for the
 * full size (0). */
#define HS_TEXTURE_SIZE_PAGE      960
/* Thumbnails cover a 56 px square: the longer side of a 1:2 picture is twice that. */
#define HS_TEXTURE_SIZE_THUMBNAIL 112

#define HS_TYPE_TEXTURE_CACHE (hs_texture_cache_get_type ())

G_DECLARE_FINAL_TYPE (HsTextureCache, hs_texture_cache, HS, TEXTURE_CACHE, GObject)

HsTextureCache *hs_texture_cache_new           (gsize                max_bytes);
HsTextureCache *hs_texture_cache_get_default   (void);
gsize           hs_texture_cache_get_max_bytes (HsTextureCache      *self);
gsize           hs_texture_cache_get_size      (HsTextureCache      *self);
guint           hs_texture_cache_get_n_textures (HsTextureCache     *self);
GdkTexture     *hs_texture_cache_lookup        (HsTextureCache      *self,
                                                const char          *url,
                                                int                  max_size);
void            hs_texture_cache_add           (HsTextureCache      *self,
                                                const char          *url,
                                                int                  max_size,
                                                GdkTexture          *texture);
void            hs_texture_cache_clear         (HsTextureCache      *self);
void            hs_texture_cache_trim          (HsTextureCache      *self,
                                                gsize                bound);
void            hs_texture_cache_load_async    (HsTextureCache      *self,
                                                HsMediaLoader       *loader,
                                                const char          *url,
                                                int                  max_size,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
void            hs_texture_cache_load_cover_async (HsTextureCache   *self,
                                                   HsMediaLoader    *loader,
                                                   const char       *url,
                                                   int               width,
                                                   int               height,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
GdkTexture     *hs_texture_cache_lookup_cover  (HsTextureCache      *self,
                                                const char          *url,
                                                int                  width,
                                                int                  height);
GdkTexture     *hs_texture_cache_load_finish   (HsTextureCache      *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void            hs_texture_decode_async        (GBytes              *bytes,
                                                int                  max_size,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GdkTexture     *hs_texture_decode_finish       (GAsyncResult        *result,
                                                GError             **error);
int             hs_texture_size_for_widget     (GtkWidget           *widget,
                                                int                  size);

G_END_DECLS
