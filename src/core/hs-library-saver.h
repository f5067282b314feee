#pragma once

#include "hs-library.h"
#include "hs-media-loader.h"

G_BEGIN_DECLS

/* "Save to Library" in one call, for the window (Ctrl+D) and `hongshu-cli
 * get --save`: every picture, video and video cover of @note is fetched
 * through @loader (the CDN's Referer, never the token), then the note and
 * the bytes go into @library (hs_library_write_async()). If any medium
 * fails the note is not saved and the error says which; the library keeps
 * what it had. */
void     hs_library_save_with_media_async  (HsLibrary          *library,
                                            HsMediaLoader      *loader,
                                            HsNote             *note,
                                            const char         *source,
                                            const char         *link,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
/* @n_media: (out) (optional): how many media were saved with the note */
gboolean hs_library_save_with_media_finish (HsLibrary          *library,
                                            GAsyncResult       *result,
                                            guint              *n_media,
                                            GError            **error);

G_END_DECLS
