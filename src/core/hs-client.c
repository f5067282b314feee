#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hs-client.h"
#include "hs-error.h"
#include "hs-http.h"
#include "hs-note-parser.h"
#include "hs-note-ref.h"
#include "hs-sign.h"
#include "hs-urls.h"

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
  GTimeSpan      deadline;
  char          *short_link_base;
  char          *note_fields;
};

static void hs_client_note_source_init (HsNoteSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HsClient, hs_client, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HS_TYPE_NOTE_SOURCE, hs_client_note_source_init))

enum {
  PROP_0,
  PROP_CONFIG,
  N_PROPS
};

enum {
  WAITING,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_attempt (GTask *task);

/* ------------------------------------------------------------------------ */
/* Calls                                                                    */

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
attempt_clear (Call *call)
{
  /* Disposing the exchange stops whatever it still runs. */
  if (call->exchange != NULL)
    g_object_run_dispose (G_OBJECT (call->exchange));
  g_clear_object (&call->exchange);
}

static void
call_free (Call *call)
{
  attempt_clear (call);
  clear_source (&call->wait_source);
  clear_source (&call->wait_cancel_source);
  g_free (call->path);
  g_clear_pointer (&call->params, g_ptr_array_unref);
  g_free (call->note_id);
  g_free (call->start_url);
  g_free (call->resolved_link);
  g_clear_pointer (&call->warnings, g_ptr_array_unref);
  g_free (call);
}

static Call *
call_new (CallKind kind)
{
  Call *call = g_new0 (Call, 1);

  call->kind = kind;
  call->params = g_ptr_array_new_with_free_func (g_free);
  return call;
}

static void
call_add_param (Call       *call,
                const char *name,
                const char *value)
{
  g_ptr_array_add (call->params, g_strdup (name));
  g_ptr_array_add (call->params, g_strdup (value));
}

static gboolean
call_is_api (Call *call)
{
  return call->kind != CALL_SHORT_LINK;
}

/* Ends the task with @error (taken) after releasing the attempt. */
static void
call_return_error (GTask  *task,
                   GError *error)
{
  Call *call = g_task_get_task_data (task);

  attempt_clear (call);
  g_task_return_error (task, error);
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */

/* The `message` of an error body, if it is a JSON envelope. The body goes
 * through the same scan as a note's first: 64 KiB of "[" in a 4xx would
 * otherwise take json-glib megabytes of stack. */
static char *
envelope_message (GBytes *body)
{
  g_autoptr(JsonNode) root = NULL;
  JsonNode *message;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return NULL;

  root = hs_note_parser_parse_json (body, NULL);
  if (root == NULL)
    return NULL;

  message = json_object_get_member (json_node_get_object (root), "message");
  if (message == NULL || !JSON_NODE_HOLDS_VALUE (message) ||
      json_node_get_value_type (message) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (message));
}

/* ------------------------------------------------------------------------ */
/* Retries                                                                  */

/* Retry-After is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
GTimeSpan
hs_client_parse_retry_after (const char *value,
                             GDateTime  *now)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) real_now = NULL;
  guint64 seconds;
  const char *end = NULL;
  GTimeSpan span;

  if (value == NULL)
    return -1;
  while (g_ascii_isspace (*value))
    value++;
  if (*value == '\0')
    return -1;

  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, (char **) &end, 10);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      if (end == NULL || *end != '\0')
        return -1;
      /* Anything this large is capped anyway; avoid overflowing. */
      seconds = MIN (seconds, (guint64) 24 * 3600);
      return (GTimeSpan) seconds * G_TIME_SPAN_SECOND;
    }

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;
  if (now == NULL)
    now = real_now = g_date_time_new_now_utc ();
  span = g_date_time_difference (date, now);
  return MAX (span, 0);
}

static GTimeSpan
backoff_delay (HsClient *self,
               guint     retry)
{
  GTimeSpan base = hs_config_get_retry_base_delay (self->config);
  double jitter = g_random_double_range (0.8, 1.2);

  /* 0.5 s, 1 s, 2 s by default, ±20 % so that many clients that failed
   * together do not come back together. */
  return (GTimeSpan) (ldexp ((double) base, (int) MIN (retry, 16)) * jitter);
}

static GTimeSpan
retry_delay (HsClient           *self,
             Call               *call,
             const GError       *error,
             SoupMessageHeaders *headers)
{
  GTimeSpan max_wait = hs_config_get_max_retry_wait (self->config);
  GTimeSpan delay = -1;

  if (g_error_matches (error, HS_ERROR, HS_ERROR_RATE_LIMITED) && headers != NULL)
    delay = hs_client_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"), NULL);
  /* A 429 that does not say how long to wait gets twice the 5xx schedule:
   * the server is telling us to slow down. */
  if (delay < 0 && g_error_matches (error, HS_ERROR, HS_ERROR_RATE_LIMITED))
    delay = 2 * backoff_delay (self, call->retries);
  if (delay < 0)
    delay = backoff_delay (self, call->retries);

  return CLAMP (delay, 0, MAX (max_wait, 0));
}

static gboolean
wait_done_cb (gpointer user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  Call *call = g_task_get_task_data (task);

  clear_source (&call->wait_source);
  clear_source (&call->wait_cancel_source);
  start_attempt (task);

  return G_SOURCE_REMOVE;
}

static gboolean
wait_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  Call *call = g_task_get_task_data (task);

  clear_source (&call->wait_source);
  clear_source (&call->wait_cancel_source);
  call_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                _("The request was cancelled")));

  return G_SOURCE_REMOVE;
}

/* Either retries after a wait (announced through "waiting") or fails the
 * task with @error (taken). */
static void
fail_or_retry (GTask  *task,
               GError *error)
{
  HsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GTimeSpan delay;
  guint seconds;

  if (!hs_error_is_retryable (error) ||
      call->retries >= hs_config_get_max_retries (self->config) ||
      (cancellable != NULL && g_cancellable_is_cancelled (cancellable)))
    {
      call_return_error (task, error);
      return;
    }

  delay = retry_delay (self, call, error,
                       call->exchange != NULL ? hs_http_exchange_get_response_headers (call->exchange) : NULL);

  /* The call's deadline (--deadline) bounds all attempts and waits: a
   * retry that could not even start before it is not made. */
  if (call->give_up_at > 0 && g_get_monotonic_time () + delay >= call->give_up_at)
    {
      g_debug ("No retry: the deadline of the call is near (%s)", error->message);
      call_return_error (task, error);
      return;
    }

  attempt_clear (call);
  call->retries++;

  seconds = (guint) ((delay + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND);
  g_debug ("Retry %u of a call in %" G_GINT64_FORMAT " ms: %s",
           call->retries, delay / 1000, error->message);
  g_signal_emit (self, signals[WAITING], 0, seconds, error);
  g_error_free (error);

  call->wait_source = g_timeout_source_new ((guint) (delay / 1000));
  g_source_set_static_name (call->wait_source, "[hongshu] retry wait");
  g_source_set_callback (call->wait_source, wait_done_cb, g_object_ref (task), g_object_unref);
  g_source_attach (call->wait_source, g_task_get_context (task));

  if (cancellable != NULL)
    {
      call->wait_cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (call->wait_cancel_source, (GSourceFunc) wait_cancelled_cb,
                             g_object_ref (task), g_object_unref);
      g_source_attach (call->wait_cancel_source, g_task_get_context (task));
    }
}

/* ------------------------------------------------------------------------ */
/* Responses                                                                */

/* A large body is parsed in a worker thread: 8 MiB take json-glib a good
 * while, and a UI must not freeze meanwhile. The models are immutable once
 * built, so handing them to the caller's thread is safe. A typical note
 * (a few KiB) is parsed in place: handing it to a thread and back costs
 * more than the parse (measured: ~70 % more CPU over a batch of 500). */
#define PARSE_IN_THREAD_BYTES (256 * 1024)
typedef struct
{
  CallKind   kind;
  GBytes    *body;
  char      *note_id;
  GPtrArray *warnings;
} Parse;

static void
parse_free (Parse *parse)
{
  g_bytes_unref (parse->body);
  g_free (parse->note_id);
  g_clear_pointer (&parse->warnings, g_ptr_array_unref);
  g_free (parse);
}

static gpointer
parse_now (Parse   *parse,
           GError **error)
{
  if (parse->kind == CALL_NOTE)
    return hs_note_parser_parse_response (parse->body, parse->note_id, &parse->warnings, error);
  return hs_note_parser_parse_search_response (parse->body, &parse->warnings, error);
}

static void
parse_thread (GTask        *parse_task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Parse *parse = task_data;
  GError *error = NULL;
  gpointer model = parse_now (parse, &error);

  if (model == NULL)
    g_task_return_error (parse_task, error);
  else
    g_task_return_pointer (parse_task, model, g_object_unref);
}

static void
parse_finished (GTask    *task,
                Parse    *parse,
                gpointer  model,
                GError   *error)
{
  Call *call = g_task_get_task_data (task);

  if (model == NULL)
    {
      /* A non-200 code in the envelope may still be worth a retry. */
      fail_or_retry (task, error);
      return;
    }

  g_clear_pointer (&call->warnings, g_ptr_array_unref);
  call->warnings = g_steal_pointer (&parse->warnings);
  attempt_clear (call);
  g_task_return_pointer (task, model, g_object_unref);
}

static void
parse_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Parse *parse = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  gpointer model;

  model = g_task_propagate_pointer (G_TASK (result), &error);
  parse_finished (task, parse, model, error);
}

static void
finish_api_success (GTask *task)
{
  HsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GTask) parse_task = NULL;
  Parse *parse = g_new0 (Parse, 1);

  parse->kind = call->kind;
  parse->body = g_bytes_ref (hs_http_exchange_get_body (call->exchange));
  parse->note_id = g_strdup (call->note_id);

  if (g_bytes_get_size (parse->body) < self->parse_in_thread_bytes)
    {
      GError *error = NULL;
      gpointer model = parse_now (parse, &error);

      parse_finished (task, parse, model, error);
      parse_free (parse);
      return;
    }

  /* Not cancellable: a parse is short next to the request, and the result
   * of a cancelled call is dropped anyway. No source object: the worker
   * thread may drop the last reference to this task, and it must not be
   * the one that finalizes the client. */
  parse_task = g_task_new (NULL, NULL, parse_done_cb, g_object_ref (task));
  g_task_set_source_tag (parse_task, finish_api_success);
  g_task_set_name (parse_task, "[hongshu] parse response");
  g_task_set_task_data (parse_task, parse, (GDestroyNotify) parse_free);
  g_task_run_in_thread (parse_task, parse_thread);
}

static gboolean
same_origin (const char *url,
             GUri       *uri)
{
  g_autoptr(GUri) other = hs_urls_parse_web (url);

  return hs_urls_same_origin (other, uri);
}

static gboolean
short_link_may_follow (Call *call,
                       GUri *target)
{
  return same_origin (call->start_url, target) ||
         hs_urls_host_is_short_link (g_uri_get_host (target));
}

/* The note link a short link's hop names, query string kept, or NULL. */
static char *
short_link_target_link (Call *call,
                        GUri *target)
{
  g_autofree char *target_string = g_uri_to_string (target);
  g_autofree char *as_note_link = NULL;
  g_autofree char *note_id = NULL;

  note_id = hs_note_ref_note_id_from_url (target_string);
  if (note_id != NULL)
    return g_steal_pointer (&target_string);

  /* A short-link service that sends us to a note path on its own origin
   * (the demo server stands in for both xhslink.com and the web site) is
   * believed as well: it is the authority for its links, and the path is
   * only read, as if on the web site, never requested. */
  if (!same_origin (call->start_url, target))
    return NULL;

  as_note_link = g_uri_join (SOUP_HTTP_URI_FLAGS, "https", NULL, "www.xiaohongshu.com", -1,
                             g_uri_get_path (target), g_uri_get_query (target), NULL);
  note_id = hs_note_ref_note_id_from_url (as_note_link);
  return note_id != NULL ? g_steal_pointer (&as_note_link) : NULL;
}

static HsHttpRedirectAction
short_link_redirect_cb (HsHttpExchange  *exchange,
                        GUri            *from,
                        GUri            *to,
                        gpointer         user_data,
                        GError         **error)
{
  Call *call = user_data;

  /* The note page itself is of no use to us: stop as soon as a URL names
   * the note, without requesting it. */
  g_clear_pointer (&call->resolved_link, g_free);
  call->resolved_link = short_link_target_link (call, to);
  if (call->resolved_link != NULL)
    return HS_HTTP_REDIRECT_STOP;

  /* Only further hops of the short-link service are followed: a page
   * elsewhere that names no note is not worth a request. */
  if (!short_link_may_follow (call, to))
    {
      g_set_error_literal (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE,
                           _("The short link does not lead to a note"));
      return HS_HTTP_REDIRECT_REFUSE;
    }

  return HS_HTTP_REDIRECT_FOLLOW;
}

static HsHttpRedirectAction
api_redirect_cb (HsHttpExchange  *exchange,
                 GUri            *from,
                 GUri            *to,
                 gpointer         user_data,
                 GError         **error)
{
  /* The API has no reason to send us elsewhere, and an answer from another
   * site is not the API's: refuse it rather than take it for the note
   * (doc/api-protocol.md §10). */
  if (!hs_urls_same_origin (from, to))
    {
      /* TRANSLATORS: %s are two host names */
      g_set_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                   _("%s redirected to another site, %s; the API does not do that"),
                   g_uri_get_host (from), g_uri_get_host (to));
      return HS_HTTP_REDIRECT_REFUSE;
    }

  return HS_HTTP_REDIRECT_FOLLOW;
}

static void
exchange_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  HsHttpExchange *exchange = HS_HTTP_EXCHANGE (object);
  g_autoptr(GError) error = NULL;
  const char *host;
  guint status;

  if (exchange != call->exchange)
    return;

  self->body_bytes_read += hs_http_exchange_get_bytes_read (exchange);
  if (!hs_http_exchange_send_finish (exchange, result, &error))
    {
      fail_or_retry (task, g_steal_pointer (&error));
      return;
    }

  status = hs_http_exchange_get_status (exchange);
  host = g_uri_get_host (hs_http_exchange_get_uri (exchange));

  if (call->kind == CALL_SHORT_LINK && hs_http_exchange_get_stopped_at (exchange) != NULL)
    {
      g_autofree char *note_id = hs_note_ref_note_id_from_url (call->resolved_link);

      attempt_clear (call);
      g_task_return_pointer (task, g_steal_pointer (&note_id), g_free);
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (call->kind == CALL_SHORT_LINK)
        call_return_error (task, g_error_new_literal (HS_ERROR, HS_ERROR_INVALID_REFERENCE,
                                                      _("The short link does not lead to a note")));
      else if (hs_http_exchange_get_body_too_big (exchange))
        call_return_error (task, g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                              _("The response is larger than %d MiB"),
                                              HS_MAX_RESPONSE_BYTES / (1024 * 1024)));
      else
        finish_api_success (task);
      return;
    }

  {
    g_autofree char *message = envelope_message (hs_http_exchange_get_body (exchange));

    if (status < 400 || status > 599)
      /* TRANSLATORS: a host name and an HTTP status number */
      error = g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                           _("%s answered with the unexpected HTTP status %u"),
                           host, status);
    else if (call->kind == CALL_SHORT_LINK && status == SOUP_STATUS_NOT_FOUND)
      error = g_error_new_literal (HS_ERROR, HS_ERROR_NOT_FOUND,
                                   _("The short link does not exist or has expired"));
    else
      error = hs_error_new_for_api_code ((int) status, message);

    fail_or_retry (task, g_steal_pointer (&error));
  }
}

static void
send_attempt (GTask *task,
              GUri  *uri)
{
  HsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GTimeSpan deadline = hs_config_get_request_timeout (self->config);

  /* An attempt ends at the call's deadline at the latest. */
  if (call->give_up_at > 0)
    {
      GTimeSpan left = MAX (call->give_up_at - g_get_monotonic_time (), 1000);

      deadline = deadline > 0 ? MIN (deadline, left) : left;
    }

  call->exchange = hs_http_exchange_new (self->session, uri);
  hs_http_exchange_set_timeouts (call->exchange, hs_config_get_connect_timeout (self->config), deadline);
  hs_http_exchange_set_max_redirects (call->exchange, MAX_REDIRECTS);

  if (call_is_api (call))
    {
      hs_http_exchange_set_body_limits (call->exchange, HS_MAX_RESPONSE_BYTES, SMALL_BODY_LIMIT);
      hs_http_exchange_set_header (call->exchange, "Content-Type", "application/json");
      hs_http_exchange_set_header (call->exchange, "Accept", "application/json");
      hs_http_exchange_set_redirect_func (call->exchange, api_redirect_cb, call);
      /* doc/api-protocol.md §1 and §10: the token goes to the API
       * origin and nowhere else. */
      if (self->access_token != NULL)
        {
          g_autofree char *value = g_strconcat ("Bearer ", self->access_token, NULL);
          g_autoptr(GUri) api = hs_urls_parse_web (hs_config_get_api_base_url (self->config));

          hs_http_exchange_set_credential (call->exchange, api, "Authorization", value);
          memset (value, 0, strlen (value));
        }
    }
  else
    {
      hs_http_exchange_set_body_limits (call->exchange, SMALL_BODY_LIMIT, SMALL_BODY_LIMIT);
      hs_http_exchange_set_redirect_func (call->exchange, short_link_redirect_cb, call);
    }

  hs_http_exchange_send_async (call->exchange, g_task_get_cancellable (task),
                               exchange_done_cb, g_object_ref (task));
}

static GUri *
build_api_uri (HsClient  *self,
               Call      *call,
               GError   **error)
{
  const char *base = hs_config_get_api_base_url (self->config);
  const char *app_key = hs_config_get_app_key (self->config);
  g_autoptr(GUri) base_uri = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autoptr(GString) url = NULL;

  base_uri = g_uri_parse (base, SOUP_HTTP_URI_FLAGS, NULL);
  if (base_uri == NULL)
    {
      g_set_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST,
                   _("The API address “%s” is not a valid URL"), base);
      return NULL;
    }

  params = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < call->params->len; i++)
    g_ptr_array_add (params, g_strdup (g_ptr_array_index (call->params, i)));

  if (app_key != NULL && *app_key != '\0' &&
      self->app_secret != NULL && *self->app_secret != '\0')
    {
      /* The path as the server sees it: any path of the base, without the
       * "/" that GUri gives an empty one, then ours. */
      g_autofree char *base_path = g_strdup (g_uri_get_path (base_uri));
      g_autofree char *path = NULL;
      gsize base_path_len = strlen (base_path);
      g_autofree char *timestamp = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    g_get_real_time () / G_USEC_PER_SEC);
      char *sign;

      while (base_path_len > 0 && base_path[base_path_len - 1] == '/')
        base_path[--base_path_len] = '\0';
      path = g_strconcat (base_path, call->path, NULL);

      g_ptr_array_add (params, g_strdup ("app_key"));
      g_ptr_array_add (params, g_strdup (app_key));
      g_ptr_array_add (params, g_strdup ("timestamp"));
      g_ptr_array_add (params, g_steal_pointer (&timestamp));

      query = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i + 1 < params->len; i += 2)
        g_hash_table_insert (query, params->pdata[i], params->pdata[i + 1]);
      sign = hs_sign_compute (path, query, self->app_secret);
      g_ptr_array_add (params, g_strdup ("sign"));
      g_ptr_array_add (params, sign);
    }

  url = g_string_new (base);
  g_string_append (url, call->path);
  for (guint i = 0; i + 1 < params->len; i += 2)
    {
      g_string_append_c (url, i == 0 ? '?' : '&');
      g_string_append_uri_escaped (url, params->pdata[i], NULL, FALSE);
      g_string_append_c (url, '=');
      g_string_append_uri_escaped (url, params->pdata[i + 1], NULL, FALSE);
    }

  return g_uri_parse (url->str, SOUP_HTTP_URI_FLAGS, error);
}

static void
begin_request (GTask *task)
{
  HsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  if (call_is_api (call))
    uri = build_api_uri (self, call, &error);
  else
    uri = g_uri_parse (call->start_url, SOUP_HTTP_URI_FLAGS, &error);

  if (uri == NULL || !hs_urls_uri_is_web (uri))
    {
      call_return_error (task, g_error_new (HS_ERROR, HS_ERROR_BAD_REQUEST, "%s",
                                            error != NULL ? error->message : _("The API address is not a web address")));
      return;
    }

  send_attempt (task, uri);
}

static void
acquire_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!hs_rate_limiter_acquire_finish (HS_RATE_LIMITER (object), result, &error))
    {
      call_return_error (task, g_steal_pointer (&error));
      return;
    }

  begin_request (task);
}

static void
start_attempt (GTask *task)
{
  HsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  if (call->retries == 0 && call->give_up_at == 0 && self->deadline > 0)
    call->give_up_at = g_get_monotonic_time () + self->deadline;

  /* Every API call, retries included, passes the limiter (doc/api-protocol.md §5);
   * short links are not API calls. */
  if (call_is_api (call))
    {
      GTimeSpan wait = hs_rate_limiter_get_wait (self->limiter);

      /* A wait the user would notice is announced like a retry's. */
      if (wait >= G_TIME_SPAN_SECOND)
        {
          guint max_calls = hs_rate_limiter_get_max_calls (self->limiter);
          g_autoptr(GError) reason =
            g_error_new (HS_ERROR, HS_ERROR_RATE_LIMITED,
                         ngettext ("Waiting for the rate limit of %u call a minute",
                                   "Waiting for the rate limit of %u calls a minute", max_calls),
                         max_calls);

          g_signal_emit (self, signals[WAITING], 0,
                         (guint) ((wait + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND), reason);
        }

      hs_rate_limiter_acquire_async (self->limiter, g_task_get_cancellable (task),
                                     acquire_cb, g_object_ref (task));
    }
  else
    begin_request (task);
}

/* ------------------------------------------------------------------------ */
/* HsClient                                                                 */

static void
update_session_timeout (HsClient *self)
{
  GTimeSpan timeout = hs_config_get_request_timeout (self->config);

  /* libsoup's own timeout is per I/O operation and in whole seconds; the
   * precise whole-request deadline is ours (add_timeout). */
  g_object_set (self->session,
                "timeout", (guint) MAX ((timeout + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND, 0),
                NULL);
}

static void
config_notify_cb (HsClient   *self,
                  GParamSpec *pspec,
                  HsConfig   *config)
{
  if (g_strcmp0 (pspec->name, "requests-per-minute") == 0)
    hs_rate_limiter_set_max_calls (self->limiter, hs_config_get_requests_per_minute (config));
  else if (g_strcmp0 (pspec->name, "request-timeout") == 0)
    update_session_timeout (self);
}

static void
hs_client_constructed (GObject *object)
{
  HsClient *self = HS_CLIENT (object);

  G_OBJECT_CLASS (hs_client_parent_class)->constructed (object);

  if (self->config == NULL)
    self->config = hs_config_new ();

  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "max-conns-per-host", 4,
                                                 NULL);
  update_session_timeout (self);

  self->limiter = hs_rate_limiter_new (hs_config_get_requests_per_minute (self->config),
                                       60 * G_TIME_SPAN_SECOND);

  g_signal_connect_object (self->config, "notify", G_CALLBACK (config_notify_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
hs_client_dispose (GObject *object)
{
  HsClient *self = HS_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->limiter);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (hs_client_parent_class)->dispose (object);
}

static void
hs_client_finalize (GObject *object)
{
  HsClient *self = HS_CLIENT (object);

  /* Do not leave the secrets in freed memory. */
  if (self->access_token != NULL)
    memset (self->access_token, 0, strlen (self->access_token));
  if (self->app_secret != NULL)
    memset (self->app_secret, 0, strlen (self->app_secret));
  g_free (self->access_token);
  g_free (self->app_secret);
  g_free (self->short_link_base);
  g_free (self->note_fields);

  G_OBJECT_CLASS (hs_client_parent_class)->finalize (object);
}

static void
hs_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HsClient *self = HS_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HsClient *self = HS_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_client_class_init (HsClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hs_client_constructed;
  object_class->dispose = hs_client_dispose;
  object_class->finalize = hs_client_finalize;
  object_class->get_property = hs_client_get_property;
  object_class->set_property = hs_client_set_property;

  properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL,
                         HS_TYPE_CONFIG,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HsClient::waiting:
   * @seconds: how long the client waits before it retries, rounded up
   * @reason: the error that made it retry
   */
  signals[WAITING] =
    g_signal_new ("waiting",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_UINT,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
hs_client_init (HsClient *self)
{
  self->parse_in_thread_bytes = PARSE_IN_THREAD_BYTES;
  self->deadline = DEFAULT_DEADLINE;
}

HsClient *
hs_client_new (HsConfig *config)
{
  g_return_val_if_fail (config == NULL || HS_IS_CONFIG (config), NULL);

  return g_object_new (HS_TYPE_CLIENT, "config", config, NULL);
}

HsConfig *
hs_client_get_config (HsClient *self)
{
  g_return_val_if_fail (HS_IS_CLIENT (self), NULL);

  return self->config;
}

static void
replace_secret (char       **slot,
                const char  *value)
{
  if (*slot != NULL)
    memset (*slot, 0, strlen (*slot));
  g_free (*slot);
  *slot = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

void
hs_client_set_access_token (HsClient   *self,
                            const char *access_token)
{
  g_return_if_fail (HS_IS_CLIENT (self));

  replace_secret (&self->access_token, access_token);
}

gboolean
hs_client_has_access_token (HsClient *self)
{
  g_return_val_if_fail (HS_IS_CLIENT (self), FALSE);

  return self->access_token != NULL;
}

void
hs_client_set_app_secret (HsClient   *self,
                          const char *app_secret)
{
  g_return_if_fail (HS_IS_CLIENT (self));

  replace_secret (&self->app_secret, app_secret);
}

HsRateLimiter *
hs_client_get_rate_limiter (HsClient *self)
{
  g_return_val_if_fail (HS_IS_CLIENT (self), NULL);

  return self->limiter;
}

void
hs_client_set_rate_limiter (HsClient      *self,
                            HsRateLimiter *limiter)
{
  g_return_if_fail (HS_IS_CLIENT (self));
  g_return_if_fail (HS_IS_RATE_LIMITER (limiter));

  g_set_object (&self->limiter, limiter);
}

void
hs_client_set_proxy_resolver (HsClient       *self,
                              GProxyResolver *resolver)
{
  g_return_if_fail (HS_IS_CLIENT (self));
  g_return_if_fail (resolver == NULL || G_IS_PROXY_RESOLVER (resolver));

  soup_session_set_proxy_resolver (self->session, resolver);
}

void
hs_client_set_parse_in_thread_bytes (HsClient *self,
                                     gsize     bytes)
{
  g_return_if_fail (HS_IS_CLIENT (self));

  self->parse_in_thread_bytes = bytes;
}

void
hs_client_set_deadline (HsClient  *self,
                        GTimeSpan  deadline)
{
  g_return_if_fail (HS_IS_CLIENT (self));

  self->deadline = MAX (deadline, 0);
}

GTimeSpan
hs_client_get_deadline (HsClient *self)
{
  g_return_val_if_fail (HS_IS_CLIENT (self), 0);

  return self->deadline;
}

guint64
hs_client_get_body_bytes_read (HsClient *self)
{
  g_return_val_if_fail (HS_IS_CLIENT (self), 0);

  return self->body_bytes_read;
}

static gboolean
fields_are_valid (const char *fields)
{
  /* Field names are plain identifiers; anything else would be passed on to
   * the server for nothing. */
  for (const char *p = fields; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != ',')
      return FALSE;
  return TRUE;
}

void
hs_client_get_note_async (HsClient            *self,
                          const char          *note_id,
                          const char          *fields,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Call *call;

  g_return_if_fail (HS_IS_CLIENT (self));
  g_return_if_fail (note_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_client_get_note_async);
  g_task_set_name (task, "[hongshu] get note");

  /* doc/api-protocol.md §1: never put an unvalidated string into the path. */
  if (!hs_note_id_is_valid (note_id))
    {
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_INVALID_REFERENCE,
                               _("“%s” is not a note id: it must be 24 hexadecimal digits"),
                               note_id);
      return;
    }
  if (fields != NULL && !fields_are_valid (fields))
    {
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_BAD_REQUEST,
                               _("“%s” is not a comma-separated list of field names"),
                               fields);
      return;
    }

  call = call_new (CALL_NOTE);
  call->note_id = g_strdup (note_id);
  call->path = g_strconcat ("/v1/notes/", note_id, NULL);
  if (fields != NULL && *fields != '\0')
    call_add_param (call, "fields", fields);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  start_attempt (task);
}

HsNote *
hs_client_get_note_finish_full (HsClient      *self,
                                GAsyncResult  *result,
                                GPtrArray    **warnings,
                                GError       **error)
{
  Call *call;

  g_return_val_if_fail (HS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_client_get_note_async, NULL);

  call = g_task_get_task_data (G_TASK (result));
  if (warnings != NULL)
    *warnings = (call != NULL && call->warnings != NULL) ? g_ptr_array_ref (call->warnings) : NULL;

  return g_task_propagate_pointer (G_TASK (result), error);
}

HsNote *
hs_client_get_note_finish (HsClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return hs_client_get_note_finish_full (self, result, NULL, error);
}

void
hs_client_search_async (HsClient            *self,
                        const char          *keyword,
                        gboolean             is_tag,
                        int                  page,
                        int                  size,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *size_text = NULL;
  Call *call;

  g_return_if_fail (HS_IS_CLIENT (self));
  g_return_if_fail (keyword != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_client_search_async);
  g_task_set_name (task, "[hongshu] search");

  if (*keyword == '\0' || !g_utf8_validate (keyword, -1, NULL))
    {
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_BAD_REQUEST,
                               is_tag ? _("The tag to search for is empty")
                                      : _("The keyword to search for is empty"));
      return;
    }
  if (page < 1)
    {
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_BAD_REQUEST,
                               _("The page number must be 1 or more"));
      return;
    }
  if (size < 1 || size > 50)
    {
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_BAD_REQUEST,
                               _("The page size must be between 1 and 50"));
      return;
    }

  page_text = g_strdup_printf ("%d", page);
  size_text = g_strdup_printf ("%d", size);

  call = call_new (CALL_SEARCH);
  call->path = g_strdup ("/v1/notes/search");
  call_add_param (call, is_tag ? "tag" : "keyword", keyword);
  call_add_param (call, "page", page_text);
  call_add_param (call, "size", size_text);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  start_attempt (task);
}

HsSearchPage *
hs_client_search_finish (HsClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (HS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_client_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hs_client_resolve_short_link_async (HsClient            *self,
                                    const char          *url,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  Call *call;

  g_return_if_fail (HS_IS_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_client_resolve_short_link_async);
  g_task_set_name (task, "[hongshu] resolve short link");

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (!hs_urls_uri_is_web (uri))
    {
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_INVALID_REFERENCE,
                               _("“%s” is not a web address"), url);
      return;
    }

  call = call_new (CALL_SHORT_LINK);
  call->start_url = g_strdup (url);
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  start_attempt (task);
}

char *
hs_client_resolve_short_link_finish (HsClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (HS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_client_resolve_short_link_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* HsNoteSource                                                             */

/* One get-note of the source interface: a short link is followed first,
 * then the note is asked for by id. */
typedef struct
{
  HsNoteRef *resolved;
  GPtrArray *warnings;
} SourceCall;

static void
source_call_free (SourceCall *source_call)
{
  g_clear_pointer (&source_call->resolved, hs_note_ref_unref);
  g_clear_pointer (&source_call->warnings, g_ptr_array_unref);
  g_free (source_call);
}

static const char *
source_get_id (HsNoteSource *source)
{
  return "api";
}

static const char *
source_get_display_name (HsNoteSource *source)
{
  return _("Open platform API");
}

static HsNoteSourceCapabilities
source_get_capabilities (HsNoteSource *source)
{
  return HS_NOTE_SOURCE_CAN_SEARCH | HS_NOTE_SOURCE_CAN_SEARCH_TAGS |
         HS_NOTE_SOURCE_CAN_RESOLVE_SHORT | HS_NOTE_SOURCE_NEEDS_TOKEN;
}

static void
source_note_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SourceCall *source_call = g_task_get_task_data (task);
  GError *error = NULL;
  HsNote *note;

  note = hs_client_get_note_finish_full (HS_CLIENT (object), result, &source_call->warnings, &error);
  if (note == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, note, g_object_unref);
}

static void
source_fetch (GTask *task)
{
  HsClient *self = g_task_get_source_object (task);
  SourceCall *source_call = g_task_get_task_data (task);

  hs_client_get_note_async (self, hs_note_ref_get_note_id (source_call->resolved), self->note_fields,
                            g_task_get_cancellable (task), source_note_cb, g_object_ref (task));
}

static void
source_short_link_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SourceCall *source_call = g_task_get_task_data (task);
  Call *call = g_task_get_task_data (G_TASK (result));
  g_autofree char *link = call != NULL ? g_strdup (call->resolved_link) : NULL;
  g_autofree char *note_id = NULL;
  GError *error = NULL;

  note_id = hs_client_resolve_short_link_finish (HS_CLIENT (object), result, &error);
  if (note_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Keep the link the short link led to, xsec_token and all. */
  g_clear_pointer (&source_call->resolved, hs_note_ref_unref);
  source_call->resolved = link != NULL ? hs_note_ref_new_for_link (link) : NULL;
  if (source_call->resolved == NULL)
    source_call->resolved = hs_note_ref_new_for_id (note_id);
  source_fetch (task);
}

static void
source_get_note_async (HsNoteSource        *source,
                       HsNoteRef           *ref,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  HsClient *self = HS_CLIENT (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  SourceCall *source_call = g_new0 (SourceCall, 1);

  g_task_set_source_tag (task, source_get_note_async);
  g_task_set_name (task, "[hongshu] api source get note");
  source_call->resolved = hs_note_ref_ref (ref);
  g_task_set_task_data (task, source_call, (GDestroyNotify) source_call_free);

  if (hs_note_ref_get_note_id (ref) != NULL)
    {
      source_fetch (task);
      return;
    }

  {
    g_autofree char *mapped = hs_urls_map_short_link (hs_note_ref_get_short_link (ref),
                                                      self->short_link_base);

    hs_client_resolve_short_link_async (self, mapped, cancellable,
                                        source_short_link_cb, g_object_ref (task));
  }
}

static HsNote *
source_get_note_finish (HsNoteSource  *source,
                        GAsyncResult  *result,
                        HsNoteRef    **resolved,
                        GPtrArray    **warnings,
                        GError       **error)
{
  SourceCall *source_call;
  HsNote *note;

  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  note = g_task_propagate_pointer (G_TASK (result), error);
  if (note == NULL)
    return NULL;

  source_call = g_task_get_task_data (G_TASK (result));
  if (resolved != NULL)
    *resolved = hs_note_ref_ref (source_call->resolved);
  if (warnings != NULL)
    *warnings = source_call->warnings != NULL ? g_ptr_array_ref (source_call->warnings)
                                              : g_ptr_array_new_with_free_func (g_free);
  return note;
}

static void
source_search_async (HsNoteSource        *source,
                     const char          *keyword,
                     gboolean             is_tag,
                     int                  page,
                     int                  size,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  hs_client_search_async (HS_CLIENT (source), keyword, is_tag, page, size,
                          cancellable, callback, user_data);
}

static HsSearchPage *
source_search_finish (HsNoteSource  *source,
                      GAsyncResult  *result,
                      GError       **error)
{
  return hs_client_search_finish (HS_CLIENT (source), result, error);
}

static void
hs_client_note_source_init (HsNoteSourceInterface *iface)
{
  iface->get_id = source_get_id;
  iface->get_display_name = source_get_display_name;
  iface->get_capabilities = source_get_capabilities;
  iface->get_note_async = source_get_note_async;
  iface->get_note_finish = source_get_note_finish;
  iface->search_async = source_search_async;
  iface->search_finish = source_search_finish;
}

void
hs_client_set_short_link_base (HsClient   *self,
                               const char *short_link_base)
{
  g_return_if_fail (HS_IS_CLIENT (self));

  g_free (self->short_link_base);
  self->short_link_base = g_strdup (short_link_base);
}

void
hs_client_set_note_fields (HsClient   *self,
                           const char *fields)
{
  g_return_if_fail (HS_IS_CLIENT (self));

  g_free (self->note_fields);
  self->note_fields = g_strdup (fields);
}
