#pragma once

#include <gio/gio.h>

#include "hs-config.h"
#include "hs-http.h"
#include "hs-media-sniff.h"

G_BEGIN_DECLS

#define HS_TYPE_MEDIA_LOADER (hs_media_loader_get_type ())

G_DECLARE_FINAL_TYPE (HsMediaLoader, hs_media_loader, HS, MEDIA_LOADER, GObject)

/* Default body limits: images are held in memory, videos stream to disk. */
#define HS_MEDIA_LOADER_DEFAULT_MAX_BYTES      (32 * 1024 * 1024)
#define HS_MEDIA_LOADER_DEFAULT_MAX_FILE_BYTES ((goffset) 1024 * 1024 * 1024)

/* CDN media (doc/api-protocol.md §6): its own SoupSession (at most 4 connections a
 * host), the config's media-referer on every request and never an
 * Authorization header, a cache under the cache directory of
 * media-cache-size-mb: half for the HTTP cache (images), half for the
 * files of load_to_file (videos), least recently used out first. Identical requests in flight share one download.
 * Errors: HS_ERROR_FORBIDDEN for a 403 (hotlink protection),
 * HS_ERROR_NOT_FOUND, HS_ERROR_SERVER, HS_ERROR_NETWORK,
 * HS_ERROR_INVALID_RESPONSE (not http/https, empty, too big), or
 * G_IO_ERROR_CANCELLED. */

/* The cache lives in g_get_user_cache_dir()/hongshu/media. */
HsMediaLoader *hs_media_loader_new                  (HsConfig              *config);
HsMediaLoader *hs_media_loader_new_with_cache_dir   (HsConfig              *config,
                                                     const char            *cache_dir);
const char    *hs_media_loader_get_cache_dir        (HsMediaLoader         *self);
void           hs_media_loader_set_limits           (HsMediaLoader         *self,
                                                     gsize                  max_bytes,
                                                     goffset                max_file_bytes);

void           hs_media_loader_set_proxy_resolver   (HsMediaLoader         *self,
                                                     GProxyResolver        *resolver);
/* The whole body in memory (images, avatars, covers). */
void           hs_media_loader_load_bytes_async     (HsMediaLoader         *self,
                                                     const char            *url,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
/* @content_type: (out) (optional): the MIME type sniffed from the bytes. */
GBytes        *hs_media_loader_load_bytes_finish    (HsMediaLoader         *self,
                                                     GAsyncResult          *result,
                                                     char                 **content_type,
                                                     GError               **error);

/* The body streamed to a file in the cache (videos): written under a
 * temporary name and renamed when complete, so a file that exists is
 * whole; a second call for the same URL returns it without a download.
 * @progress_callback is called in the caller's main context with the bytes
 * received and the total (-1 when the server does not say). */
void           hs_media_loader_load_to_file_async   (HsMediaLoader         *self,
                                                     const char            *url,
                                                     GFileProgressCallback  progress_callback,
                                                     gpointer               progress_callback_data,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
GFile         *hs_media_loader_load_to_file_finish  (HsMediaLoader         *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);

/* For a caller that writes the body itself (batch downloads, which
 * resume with a Range request): a streaming exchange for @url with the
 * loader's rules (its session and so at most 4 connections a host, the
 * Referer and never a token, redirects only within the media's scope, the
 * file size cap), bypassing the HTTP cache. @url must be http(s).
 * Returns: (transfer full): the exchange, not yet sent. */
HsHttpExchange *hs_media_loader_new_file_exchange  (HsMediaLoader         *self,
                                                    const char            *url);
/* The error of the load functions for a non-2xx @status. */
GError        *hs_media_loader_error_for_status     (guint                  status);

/* Completes the HTTP cache's pending writes (iterating the main context
 * until they are done) and writes its index to disk; also done on
 * dispose. */
void           hs_media_loader_flush                (HsMediaLoader         *self);
/* Empties the HTTP cache and removes the downloaded files. */
void           hs_media_loader_clear_cache_async    (HsMediaLoader         *self,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
gboolean       hs_media_loader_clear_cache_finish   (HsMediaLoader         *self,
                                                     GAsyncResult          *result,
                                                     GError               **error);

/* Media kept on disk (a saved note's, from the library): @files maps URLs
 * to their files, which later loads of those URLs read instead of the
 * network, so a saved note shows offline. Added to what was given before. */
void           hs_media_loader_add_local_files      (HsMediaLoader         *self,
                                                     GHashTable            *files);

G_END_DECLS
