#pragma once

/* What HsClient's files share (tests use hs-client-private.h): hs-client.c (the object and its API),
 * hs-client-call.c (one call: attempts, retries, responses) and
 * hs-client-source.c (HsClient as an HsNoteSource). */

#include <libsoup/soup.h>

#include "hs-client.h"
#include "hs-client-private.h"
#include "hs-http.h"

G_BEGIN_DECLS

#define USER_AGENT "Hongshu/" PACKAGE_VERSION

/* Redirects are followed by HsHttpExchange, which keeps the token on the
 * API origin; a short link may take this many hops. */
#define MAX_REDIRECTS 5

/* Bodies we only look into for a `message` (errors, redirects) or not at all
 * (short links) need far less than HS_MAX_RESPONSE_BYTES. */
#define SMALL_BODY_LIMIT (64 * 1024)

/* The default of hs_client_set_deadline(): every attempt and wait of one
 * call together. */
#define DEFAULT_DEADLINE (180 * G_TIME_SPAN_SECOND)

/* A large body is parsed in a worker thread (hs-client-call.c). */
#define PARSE_IN_THREAD_BYTES (256 * 1024)

typedef enum
{
  CALL_NOTE,
  CALL_SEARCH,
  CALL_SHORT_LINK,
} CallKind;

typedef struct
{
  CallKind      kind;
  char         *path;        /* API calls: appended to the base URL */
  GPtrArray    *params;      /* API calls: name, value, name, value… raw */
  char         *note_id;     /* CALL_NOTE: the id the response must carry */
  char         *start_url;   /* CALL_SHORT_LINK */
  GPtrArray    *warnings;    /* CALL_NOTE: the parser's, char* */
  guint         retries;

  char         *resolved_link; /* CALL_SHORT_LINK: the note link it led to */
  gint64        give_up_at;    /* monotonic time of the call's deadline, 0: none */

  /* One attempt: from the limiter's grant through redirects to the end of
   * the last body. */
  HsHttpExchange *exchange;

  GSource      *wait_source;
  GSource      *wait_cancel_source;
} Call;

struct _HsClient
{
  GObject        parent_instance;

  HsConfig      *config;
  SoupSession   *session;
  HsRateLimiter *limiter;
  char          *access_token;
  char          *app_secret;
  guint64        body_bytes_read;
  gsize          parse_in_thread_bytes;
  guint          worker_parses;   /* bodies parsed off the calling thread */
  GTimeSpan      deadline;
  char          *short_link_base;
  char          *note_fields;
};

Call *hs_client_call_new             (CallKind      kind);
void  hs_client_call_free            (Call         *call);
void  hs_client_call_add_param       (Call         *call,
                                      const char   *name,
                                      const char   *value);
/* Runs the call of @task (its task data) to the end. */
void  hs_client_call_start           (GTask        *task);
void  hs_client_emit_waiting         (HsClient     *self,
                                      guint         seconds,
                                      const GError *reason);
void  hs_client_note_source_init     (HsNoteSourceInterface *iface);

G_END_DECLS
