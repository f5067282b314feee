#pragma once

#include <gio/gio.h>

#include "hs-config.h"
#include "hs-note.h"
#include "hs-note-source.h"
#include "hs-rate-limiter.h"
#include "hs-search-page.h"

G_BEGIN_DECLS

#define HS_TYPE_CLIENT (hs_client_get_type ())

G_DECLARE_FINAL_TYPE (HsClient, hs_client, HS, CLIENT, GObject)

/* The open-platform API (doc/api-protocol.md) as a note source
 * (HsNoteSource, id "api"): one SoupSession and one rate limiter per client,
 * shared by every call made through it.
 *
 * Signals:
 *   "waiting" (guint seconds, const GError *reason): emitted before every
 *   retry wait (429, 5xx, network); @seconds is the wait rounded up. The
 *   retry then queues on the rate limiter again.
 *
 * Errors are HS_ERROR codes of doc/api-protocol.md §3, or G_IO_ERROR_CANCELLED. */
HsClient      *hs_client_new                       (HsConfig             *config);
HsConfig      *hs_client_get_config                (HsClient             *self);

/* The caller looks these up with hs-credentials; the client never logs
 * them and sends the token only to the API base's origin. */
void           hs_client_set_access_token          (HsClient             *self,
                                                    const char           *access_token);
gboolean       hs_client_has_access_token          (HsClient             *self);
/* Signing (doc/api-protocol.md §4) is on when this and the config's app-key are set. */
void           hs_client_set_app_secret            (HsClient             *self,
                                                    const char           *app_secret);

HsRateLimiter *hs_client_get_rate_limiter          (HsClient             *self);
/* Replaces the limiter, e.g. with one of a short window in tests or one
 * shared by several clients of the same token. The client keeps applying
 * the config's requests-per-minute to it when that changes. */
void           hs_client_set_rate_limiter          (HsClient             *self,
                                                    HsRateLimiter        *limiter);

/* @fields: (nullable): comma-separated top-level fields of `data`. */
void           hs_client_get_note_async            (HsClient             *self,
                                                    const char           *note_id,
                                                    const char           *fields,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
/* @warnings: (out) (optional): the parser's warnings (char*). */
HsNote        *hs_client_get_note_finish           (HsClient             *self,
                                                    GAsyncResult         *result,
                                                    GPtrArray           **warnings,
                                                    GError              **error);

/* Search goes through the HsNoteSource interface that the client
 * implements (hs_note_source_search_async()). */

/* Follows the redirects of a short link (any http/https URL) without
 * Authorization, up to the first URL that names a note, and returns that
 * note's id. The URL of the note itself is never requested. */
void           hs_client_resolve_short_link_async  (HsClient             *self,
                                                    const char           *url,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
char          *hs_client_resolve_short_link_finish (HsClient             *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

/* The wait a Retry-After header asks for, in microseconds (never
 * negative), or -1 when @value is NULL or neither delta-seconds nor an HTTP
 * date. @now: (nullable): the current time, for tests. */
GTimeSpan      hs_client_parse_retry_after         (const char           *value,
                                                    GDateTime            *now);

/* The whole of one call, every attempt, retry wait and rate-limit wait
 * together (hongshu-cli --deadline); the config's request-timeout bounds
 * one attempt. Default 180 s; 0: none. A retry that could not start before
 * the deadline is not made: the last error is returned. */
void           hs_client_set_deadline              (HsClient             *self,
                                                    GTimeSpan             deadline);
GTimeSpan      hs_client_get_deadline              (HsClient             *self);

/* The note source follows xhslink short links under this base instead
 * (the demo server's stand-in for xhslink.com, hs_urls_map_short_link()).
 * NULL: the real ones. */
void           hs_client_set_short_link_base       (HsClient             *self,
                                                    const char           *short_link_base);

/* The fields the note source asks for (hongshu-cli get --fields), as
 * hs_client_get_note_async()'s @fields; NULL: all. */
void           hs_client_set_note_fields           (HsClient             *self,
                                                    const char           *fields);

/* The session uses GIO's default resolver (the desktop's proxy settings)
 * unless given another; the CLI passes one built from http_proxy & co. */
void           hs_client_set_proxy_resolver        (HsClient             *self,
                                                    GProxyResolver       *resolver);

G_END_DECLS
