#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hs-demo-request.h"

G_BEGIN_DECLS

/* The CDN's switches for batch-download tests (private to the demo
 * server): a slow CDN (the body sent at a set rate, so that a download
 * can be stopped halfway), a CDN without Range support, and a picture
 * that is always refused. */

/* {base}/cdn/forbidden/NAME: 403 whatever the Referer. */
#define HS_DEMO_CDN_FORBIDDEN "forbidden/"

/* Answers with @bytes, or with @ranges the part a "bytes=N-" Range asks
 * for (206, logged as such), at about @bytes_per_second (0: at once), and
 * returns TRUE; returns FALSE for a whole file at full speed, which the
 * caller sends (without @ranges, with the request's Range removed, so that
 * the server sends it whole). */
gboolean    hs_demo_media_respond               (SoupServerMessage *msg,
                                                 HsDemoRequest     *entry,
                                                 GBytes            *bytes,
                                                 const char        *content_type,
                                                 guint              bytes_per_second,
                                                 gboolean           ranges);

/* HS_DEMO_FAULT_FORBIDDEN_PICTURE: three pictures, the second refused. */
JsonObject *hs_demo_media_build_forbidden_note  (void);

G_END_DECLS
