#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define HS_TYPE_HTTP_EXCHANGE (hs_http_exchange_get_type ())

G_DECLARE_FINAL_TYPE (HsHttpExchange, hs_http_exchange, HS, HTTP_EXCHANGE, GObject)

/* One GET, through its redirects, the one transport of Hongshu: the API
 * client, the media loader and the website source each make one exchange
 * per attempt. It owns the rules every caller needs alike:
 *
 *   - redirects are followed by hand, at most a hop limit, only to http(s)
 *     URLs, and the caller's redirect function may stop or refuse any hop;
 *   - a credential (Authorization, Cookie…) is bound to one origin and sent
 *     to that origin only: it is left out of every hop elsewhere, whatever
 *     libsoup would do (it copies headers to any host);
 *   - the body is read with a cap, enforced while reading: the rest of an
 *     oversized body is never downloaded;
 *   - a connect timeout (new connections only) and a deadline for the
 *     whole attempt, hops and body included;
 *   - the caller's GCancellable cancels it at any point.
 *
 * HTTP statuses are not errors here: the caller reads
 * hs_http_exchange_get_status(). Errors are HS_ERROR_NETWORK (DNS,
 * connect, reset, timeout), HS_ERROR_INVALID_RESPONSE (malformed HTTP, a
 * header too big or with a NUL, a redirect without target, to a non-web
 * address or past the hop limit, a body over the cap while streaming) or
 * G_IO_ERROR_CANCELLED. */

typedef enum
{
  HS_HTTP_REDIRECT_FOLLOW,   /* request the target next */
  HS_HTTP_REDIRECT_STOP,     /* finish here: the redirect is the answer */
  HS_HTTP_REDIRECT_REFUSE,   /* fail with the error the function set */
} HsHttpRedirectAction;

/* Called for each redirect before it is followed, with the URL that
 * answered and its target (already checked to be http(s) with a host). */
typedef HsHttpRedirectAction (*HsHttpRedirectFunc) (HsHttpExchange  *exchange,
                                                    GUri            *from,
                                                    GUri            *to,
                                                    gpointer         user_data,
                                                    GError         **error);

HsHttpExchange *hs_http_exchange_new                 (SoupSession         *session,
                                                      GUri                *uri);

/* Sent on every hop (User-Agent is the session's). */
void            hs_http_exchange_set_header          (HsHttpExchange      *self,
                                                      const char          *name,
                                                      const char          *value);
/* Sent only on hops to the origin of @origin_uri (hs_urls_origin()). */
void            hs_http_exchange_set_credential      (HsHttpExchange      *self,
                                                      GUri                *origin_uri,
                                                      const char          *name,
                                                      const char          *value);
/* Default 5. With 0 a redirect is never followed: it is the answer. */
void            hs_http_exchange_set_max_redirects   (HsHttpExchange      *self,
                                                      guint                max_redirects);
void            hs_http_exchange_set_redirect_func   (HsHttpExchange      *self,
                                                      HsHttpRedirectFunc   func,
                                                      gpointer             user_data);
/* <= 0: none. The connect timeout covers resolving and connecting a new
 * connection; the deadline the whole exchange. */
void            hs_http_exchange_set_timeouts        (HsHttpExchange      *self,
                                                      GTimeSpan            connect_timeout,
                                                      GTimeSpan            deadline);
/* Body caps for a 2xx answer and for any other. Default 8 MiB and 64 KiB. */
void            hs_http_exchange_set_body_limits     (HsHttpExchange      *self,
                                                      gsize                success_limit,
                                                      gsize                other_limit);
/* When set, send_finish() returns after the headers of the last hop and
 * the caller reads the body with hs_http_exchange_read_async(). */
void            hs_http_exchange_set_stream_body     (HsHttpExchange      *self,
                                                      gboolean             stream_body);
/* E.g. SOUP_TYPE_CACHE for a download that is its own cache. */
void            hs_http_exchange_disable_feature     (HsHttpExchange      *self,
                                                      GType                feature_type);

void            hs_http_exchange_send_async          (HsHttpExchange      *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean        hs_http_exchange_send_finish         (HsHttpExchange      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* Streaming: up to @count bytes of the body; 0 at its end. Fails with
 * HS_ERROR_INVALID_RESPONSE once the body passes its cap. */
void            hs_http_exchange_read_async          (HsHttpExchange      *self,
                                                      void                *buffer,
                                                      gsize                count,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gssize          hs_http_exchange_read_finish         (HsHttpExchange      *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* The results, valid after send_finish(): the status, the URL of the last
 * hop, the redirect target a redirect function stopped at (else NULL),
 * the response headers, the body (not streaming; NULL when it passed its
 * cap, which get_body_too_big() then says) and the bytes read. */
guint               hs_http_exchange_get_status           (HsHttpExchange *self);
GUri               *hs_http_exchange_get_uri              (HsHttpExchange *self);
GUri               *hs_http_exchange_get_stopped_at       (HsHttpExchange *self);
guint               hs_http_exchange_get_redirects        (HsHttpExchange *self);
SoupMessageHeaders *hs_http_exchange_get_response_headers (HsHttpExchange *self);
goffset             hs_http_exchange_get_content_length   (HsHttpExchange *self);
GBytes             *hs_http_exchange_get_body             (HsHttpExchange *self);
gboolean            hs_http_exchange_get_body_too_big     (HsHttpExchange *self);
guint64             hs_http_exchange_get_bytes_read       (HsHttpExchange *self);

/* 301, 302, 303, 307 or 308. */
gboolean            hs_http_status_is_redirect            (guint           status);

/* libsoup's own timeout of @session, which is per I/O operation and in
 * whole seconds, from @timeout (microseconds, rounded up; 0: none). */
void                hs_http_session_set_io_timeout        (SoupSession    *session,
                                                           GTimeSpan       timeout);

G_END_DECLS
