#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The MIME type of media from its first bytes: JPEG, PNG, GIF, WebP,
 * AVIF, HEIC, MP4, QuickTime, WebM, Matroska, else GIO's guess, else
 * @fallback (a Content-Type header, may be NULL), else
 * "application/octet-stream". */
char *hs_media_sniff_content_type (const guint8 *data,
                                   gsize         length,
                                   const char   *fallback);

G_END_DECLS
