#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HS_TYPE_DEMO_REQUEST (hs_demo_request_get_type ())

/* One request as the demo server received it: what tests and the UI check to see who
 * fetched what, with which headers. Immutable for its readers, reference counted. */
typedef struct _HsDemoRequest HsDemoRequest;

GType          hs_demo_request_get_type          (void) G_GNUC_CONST;
HsDemoRequest *hs_demo_request_ref               (HsDemoRequest *request);
void           hs_demo_request_unref             (HsDemoRequest *request);

const char    *hs_demo_request_get_method        (HsDemoRequest *request);
/* The decoded path, without the query: "/v1/notes/649c46ab000000002702ad36". */
const char    *hs_demo_request_get_path          (HsDemoRequest *request);
/* The query as it came on the wire, still percent-encoded, or NULL. */
const char    *hs_demo_request_get_query         (HsDemoRequest *request);
/* One decoded query parameter, or NULL. */
const char    *hs_demo_request_get_query_param   (HsDemoRequest *request,
                                                  const char    *name);
/* A request header ("Host": "127.0.0.1:40123", "Referer", "User-Agent"…), or NULL.
 * The values of Authorization and Cookie are never kept: they read "". */
const char    *hs_demo_request_get_header        (HsDemoRequest *request,
                                                  const char    *name);
/* Whether the header came with it, e.g. "Authorization" or "Cookie": the
 * website's session must never reach the CDN or the short-link host. */
gboolean       hs_demo_request_has_header        (HsDemoRequest *request,
                                                  const char    *name);
/* When the server received it (UTC, by the server's clock). */
GDateTime     *hs_demo_request_get_time          (HsDemoRequest *request);
/* The HTTP status of the answer; 0 while the answer is still pending (slow faults). */
guint          hs_demo_request_get_status        (HsDemoRequest *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsDemoRequest, hs_demo_request_unref)

G_END_DECLS
