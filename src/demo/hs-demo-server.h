#pragma once

#include <glib-object.h>

#include "hs-demo-request.h"

G_BEGIN_DECLS

/* The demo API server: doc/api-protocol.md on loopback, with the bundled sample notes, a
 * hotlink-protected CDN and faults on demand. Everything runs in the thread-default
 * main context of the caller of hs_demo_server_start(); nothing blocks.
 *
 * Credentials it accepts:
 *   Authorization: Bearer demo-token; app_key demo-key, app secret demo-secret (doc/api-protocol.md §4).
 *
 * Paths under get_base_url():
 *   GET /v1/notes/{id}          doc/api-protocol.md §1 (fields, app_key/timestamp/sign)
 *   GET /v1/notes/search        doc/api-protocol.md §7 (keyword|tag, page, size)
 *   GET /cdn/img/NAME, /cdn/avatar/NAME, /cdn/video/NAME
 *                               media; 403 unless the Referer starts with
 *                               https://www.xiaohongshu.com/. NAME may omit the extension.
 *   GET /xhslink/a/{code}       short links (302), see HS_DEMO_SHORT_LINK_*
 *   GET /explore/{id}           the web page a short link lands on (HTML, 200)
 *   GET /remote-probe/...       always 404; only hostile content points here, so any
 *                               request in the log means something loaded it
 *
 * Fault notes: 24-hex ids starting with "fa17". The first six answer with that HTTP
 * status and the envelope {"code": N, "message": "…"}:
 *   fa1700000000000000000400   400
 *   fa1700000000000000000401   401 (even with the right token)
 *   fa1700000000000000000403   403 (a private note)
 *   fa1700000000000000000404   404
 *   fa1700000000000000000429   429 with Retry-After: 2, every time
 *   fa1700000000000000000500   500, every time
 *   fa1700000000000000001001   flaky: 500 the first two times in this server's life,
 *                              then the note (see hs_demo_server_reset_faults())
 *   fa1700000000000000001002   slow: the note after hs_demo_server_set_slow_delay_ms()
 *                              (default 5000 ms), without blocking the server
 *   fa1700000000000000001003   malformed: HTTP 200, application/json, body not JSON
 *   fa1700000000000000001004   oversized: HTTP 200, a 9 MiB JSON body sent chunked
 *   fa1700000000000000001005   wrong id: a valid note whose note_id is the seed's
 *   fa1700000000000000001006   hostile HTML: <script>, <iframe>, <object>, <embed>,
 *                              onerror, javascript: links, external and @import
 *                              stylesheets, CSS url(), <meta refresh>, <form>, remote
 *                              <img>, <video>, <audio>, all pointing at /remote-probe/;
 *                              plus one ordinary CDN image
 *   fa1700000000000000001007   redirect: from 127.0.0.1 a 302 to the same path and query
 *                              on http://localhost:PORT (another origin); there it is
 *                              served like any note (so 401 without a token). The log's
 *                              host and has_authorization show whether the token followed.
 *   fa1700000000000000001008   HTTP 200 with {"code": 404, …} in the body
 *   fa1700000000000000001009   messy: a note whose fields break doc/api-protocol.md §2 in every
 *                              tolerated way (string counts, a negative count, epoch-ms
 *                              time, javascript:/file:/data:/relative URLs, wrong types,
 *                              coordinates out of range)
 *   fa170000000000000000100a   overfull: 120 images and 25 videos
 * Any other id is looked up among the samples (case-insensitively); 404 if absent.
 *
 * Signal "request-logged" (HsDemoRequest *request): emitted once the handler has dealt
 * with a request; the status is still 0 when the answer is pending (the slow fault).
 */

#define HS_DEMO_ACCESS_TOKEN "demo-token"
#define HS_DEMO_APP_KEY      "demo-key"
#define HS_DEMO_APP_SECRET   "demo-secret"
/* The Referer the CDN wants, the default of the media-referer setting. */
#define HS_DEMO_MEDIA_REFERER "https://www.xiaohongshu.com/"

/* The seed's example note, 春季美妆新品推荐. */
#define HS_DEMO_SEED_NOTE_ID "649c46ab000000002702ad36"

#define HS_DEMO_FAULT_BAD_REQUEST  "fa1700000000000000000400"
#define HS_DEMO_FAULT_UNAUTHORIZED "fa1700000000000000000401"
#define HS_DEMO_FAULT_FORBIDDEN    "fa1700000000000000000403"
#define HS_DEMO_FAULT_NOT_FOUND    "fa1700000000000000000404"
#define HS_DEMO_FAULT_RATE_LIMITED "fa1700000000000000000429"
#define HS_DEMO_FAULT_SERVER_ERROR "fa1700000000000000000500"
#define HS_DEMO_FAULT_FLAKY        "fa1700000000000000001001"
#define HS_DEMO_FAULT_SLOW         "fa1700000000000000001002"
#define HS_DEMO_FAULT_MALFORMED    "fa1700000000000000001003"
#define HS_DEMO_FAULT_OVERSIZED    "fa1700000000000000001004"
#define HS_DEMO_FAULT_WRONG_ID     "fa1700000000000000001005"
#define HS_DEMO_FAULT_HOSTILE_HTML "fa1700000000000000001006"
#define HS_DEMO_FAULT_REDIRECT     "fa1700000000000000001007"
#define HS_DEMO_FAULT_CODE_IN_BODY "fa1700000000000000001008"
#define HS_DEMO_FAULT_MESSY        "fa1700000000000000001009"
#define HS_DEMO_FAULT_OVERFULL     "fa170000000000000000100a"
/* A 400 whose body is HS_DEMO_DEEP_ERROR_BYTES of "[": json-glib's
 * recursion would need megabytes of stack for it. */
#define HS_DEMO_FAULT_DEEP_ERROR   "fa170000000000000000100b"
#define HS_DEMO_DEEP_ERROR_BYTES   (64 * 1024)
/* Three pictures; the CDN refuses the second (…/cdn/forbidden/…) with 403. */
#define HS_DEMO_FAULT_FORBIDDEN_PICTURE "fa170000000000000000100c"

/* CDN paths that redirect (after the Referer check):
 *   {base}/cdn/redirect-out/REST  302 to http://localhost:PORT/cdn/REST
 *     (another host, out of the picture's scope);
 *   {base}/cdn/redirect-in/REST   302 to {base}/cdn/REST (same scope). */
#define HS_DEMO_CDN_REDIRECT_OUT "redirect-out/"
#define HS_DEMO_CDN_REDIRECT_IN  "redirect-in/"

/* Bytes of the oversized body, more than HS_MAX_RESPONSE_BYTES. */
#define HS_DEMO_OVERSIZED_BYTES (9 * 1024 * 1024)

/* Short-link codes under {base}/xhslink/a/. A client maps http://xhslink.com/a/CODE to
 * hs_demo_server_get_short_link_base() + "/a/CODE" in tests and demo mode.
 *   AbCd123  302 to {base} + hs_demo_web_note_path (the seed), its own xsec_token
 *   Chain12  302 to {base}/xhslink/a/AbCd123 (two hops)
 *   NoNote1  302 to {base}/user/profile/987654321?xsec_token=demo (no note id in it)
 * Any other code: 404. */
#define HS_DEMO_SHORT_LINK_CODE       "AbCd123"
#define HS_DEMO_SHORT_LINK_CODE_CHAIN "Chain12"
#define HS_DEMO_SHORT_LINK_CODE_NO_NOTE "NoNote1"

/* Returns the current time in microseconds since the Unix epoch, like
 * g_get_real_time(). Tests replace the clock to make rate limits and signature
 * timestamps exact. */
typedef gint64 (*HsDemoClockFunc) (gpointer user_data);

#define HS_TYPE_DEMO_SERVER (hs_demo_server_get_type ())

G_DECLARE_FINAL_TYPE (HsDemoServer, hs_demo_server, HS, DEMO_SERVER, GObject)

HsDemoServer *hs_demo_server_new                     (void);
/* Listens on 127.0.0.1 only; port 0 picks a free one. */
gboolean      hs_demo_server_start                   (HsDemoServer    *self,
                                                      guint16          port,
                                                      GError         **error);
void          hs_demo_server_stop                    (HsDemoServer    *self);
/* "http://127.0.0.1:PORT" without a trailing slash; NULL before start. */
const char   *hs_demo_server_get_base_url            (HsDemoServer    *self);
guint16       hs_demo_server_get_port                (HsDemoServer    *self);
/* "{base}/cdn": the prefix of every media URL in the notes. */
char         *hs_demo_server_get_cdn_base_url        (HsDemoServer    *self);
/* "{base}/xhslink": stands in for http://xhslink.com. */
char         *hs_demo_server_get_short_link_base     (HsDemoServer    *self);

/* At most @n API calls per token in any rolling 60 s; 0 turns the limit off.
 * Default 100, like the platform. CDN and short-link requests do not count. */
void          hs_demo_server_set_requests_per_minute (HsDemoServer    *self,
                                                      guint            n);
guint         hs_demo_server_get_requests_per_minute (HsDemoServer    *self);
/* How long HS_DEMO_FAULT_SLOW takes to answer. Default 5000. */
void          hs_demo_server_set_slow_delay_ms       (HsDemoServer    *self,
                                                      guint            delay_ms);
guint         hs_demo_server_get_slow_delay_ms       (HsDemoServer    *self);
/* The CDN sends media at about @bytes_per_second (0, the default: at
 * once), so that a download can be stopped halfway. */
void          hs_demo_server_set_media_rate          (HsDemoServer    *self,
                                                      guint            bytes_per_second);
/* FALSE: the CDN ignores Range and always sends the whole file (200),
 * like some CDNs. Default TRUE. */
void          hs_demo_server_set_media_ranges        (HsDemoServer    *self,
                                                      gboolean         ranges);
/* NULL restores the real clock. */
void          hs_demo_server_set_clock               (HsDemoServer    *self,
                                                      HsDemoClockFunc  clock_func,
                                                      gpointer         user_data);
/* The next search request for @page (any query) answers 429 with
 * Retry-After: 2, once, as the platform does when a burst of scrolling meets
 * its limit; 0 turns it off. For the tests of a grid that pages itself. */
void          hs_demo_server_set_search_fault_page   (HsDemoServer    *self,
                                                      guint            page);
/* Search answers as if the matching notes were there @times over (default 1),
 * so that a benchmark can scroll through hundreds of results. */
void          hs_demo_server_set_search_repeat       (HsDemoServer    *self,
                                                      guint            times);
/* Forgets the flaky note's failures and the rate-limit windows. */
void          hs_demo_server_reset_faults            (HsDemoServer    *self);

/* A snapshot, oldest first: (transfer full) (element-type HsDemoRequest). The log keeps
 * the last 10000 requests. */
GPtrArray    *hs_demo_server_get_request_log         (HsDemoServer    *self);
void          hs_demo_server_clear_request_log       (HsDemoServer    *self);

G_END_DECLS
