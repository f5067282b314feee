#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hs-client.h"
#include "hs-client-private.h"
#include "hs-error.h"
#include "hs-note-parser.h"
#include "hs-note-ref.h"
#include "hs-sign.h"

#define USER_AGENT "Hongshu/" PACKAGE_VERSION

/* Redirects are followed by hand so that the token never leaves the API
 * origin (libsoup would copy Authorization to any host). */
#define MAX_REDIRECTS 5

/* Bodies we only look into for a `message` (errors, redirects) or not at all
 * (short links) need far less than HS_MAX_RESPONSE_BYTES. */
#define SMALL_BODY_LIMIT (64 * 1024)
/* Reads of a body of unknown length grow from the first to the last size;
 * a known length is read at once. Small reads keep malloc from trimming and
 * growing the heap on every call. */
#define MIN_READ_SIZE (16 * 1024)
#define MAX_READ_SIZE (64 * 1024)

typedef enum
{
  CALL_NOTE,
  CALL_SEARCH,
  CALL_SHORT_LINK,
} CallKind;

typedef enum
{
  TIMEOUT_NONE,
  TIMEOUT_CONNECT,
  TIMEOUT_REQUEST,
} TimeoutKind;

typedef struct
{
  CallKind      kind;
  char         *path;        /* API calls: appended to the base URL */
  GPtrArray    *params;      /* API calls: name, value, name, value… raw */
  char         *note_id;     /* CALL_NOTE: the id the response must carry */
  char         *start_url;   /* CALL_SHORT_LINK */
  GPtrArray    *warnings;    /* CALL_NOTE: the parser's, char* */
  guint         retries;

  /* One attempt: from the limiter's grant through redirects to the end of
   * the last body. The deadline covers all of it. */
  GUri         *uri;
  guint         redirects;
  GSource      *deadline;
  TimeoutKind   timed_out;

  /* One hop of an attempt: a single HTTP exchange. */
  SoupMessage  *msg;
  gulong        network_event_id;
  GCancellable *hop_cancellable;
  GCancellable *linked_cancellable;
  gulong        cancelled_id;
  GSource      *connect_timer;
  GInputStream *stream;
  gboolean      stream_at_eof;
  GByteArray   *body;
  gsize         body_limit;
  goffset       expected_length;   /* -1 unless Content-Length */
  gsize         read_size;
  gboolean      body_too_big;

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
};

G_DEFINE_FINAL_TYPE (HsClient, hs_client, G_TYPE_OBJECT)

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
static void send_hop      (GTask *task);

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
release_stream (Call *call)
{
  /* Dropping a body stream that was not read to its end must not make
   * libsoup drain it (closing does that, synchronously): cancel the
   * message first, which closes its connection instead. */
  if (call->stream != NULL && !call->stream_at_eof && call->hop_cancellable != NULL)
    g_cancellable_cancel (call->hop_cancellable);
  g_clear_object (&call->stream);
  call->stream_at_eof = FALSE;
}

static void
hop_clear (Call *call)
{
  clear_source (&call->connect_timer);
  release_stream (call);

  if (call->linked_cancellable != NULL && call->cancelled_id != 0)
    g_cancellable_disconnect (call->linked_cancellable, call->cancelled_id);
  call->cancelled_id = 0;
  g_clear_object (&call->linked_cancellable);

  if (call->msg != NULL && call->network_event_id != 0)
    g_signal_handler_disconnect (call->msg, call->network_event_id);
  call->network_event_id = 0;

  g_clear_object (&call->msg);
  g_clear_object (&call->hop_cancellable);
  g_clear_pointer (&call->body, g_byte_array_unref);
  call->body_too_big = FALSE;
}

static void
attempt_clear (Call *call)
{
  hop_clear (call);
  clear_source (&call->deadline);
  g_clear_pointer (&call->uri, g_uri_unref);
  call->redirects = 0;
  call->timed_out = TIMEOUT_NONE;
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

static const char *
uri_host (GUri *uri)
{
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return host != NULL ? host : "";
}

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */

static char *
envelope_message (GByteArray *body)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *message;

  if (body == NULL || body->len == 0)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) body->data, body->len, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  message = json_object_get_member (object, "message");
  if (message == NULL || !JSON_NODE_HOLDS_VALUE (message) ||
      json_node_get_value_type (message) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (message));
}

/* Maps what soup_session_send / reading the body failed with. */
static GError *
transport_error (GTask        *task,
                 const GError *error)
{
  Call *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  const char *host = uri_host (call->uri);

  if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The request was cancelled"));

  if (call->timed_out == TIMEOUT_CONNECT)
    return g_error_new (HS_ERROR, HS_ERROR_NETWORK,
                        _("Connecting to %s timed out"), host);

  if (call->timed_out == TIMEOUT_REQUEST ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (HS_ERROR, HS_ERROR_NETWORK,
                        _("The request to %s timed out"), host);

  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_RESTARTS) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_REDIRECT_BAD_URI))
    /* TRANSLATORS: %s are a host name and the system's explanation */
    return g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                        _("%s sent a malformed HTTP response: %s"), host, error->message);

  /* TRANSLATORS: %s are the host and the system's explanation */
  return g_error_new (HS_ERROR, HS_ERROR_NETWORK,
                      _("%s could not be reached: %s"), host, error->message);
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
retry_delay (HsClient     *self,
             Call         *call,
             const GError *error,
             SoupMessage  *msg)
{
  GTimeSpan max_wait = hs_config_get_max_retry_wait (self->config);
  GTimeSpan delay = -1;

  if (g_error_matches (error, HS_ERROR, HS_ERROR_RATE_LIMITED) && msg != NULL)
    delay = hs_client_parse_retry_after (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                       "Retry-After"),
                                         NULL);
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

  delay = retry_delay (self, call, error, call->msg);
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
  GThread   *parsed_in;   /* the thread that ran the parser */
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
  gpointer model;

  parse->parsed_in = g_thread_self ();
  model = parse_now (parse, &error);

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
  if (parse->parsed_in != g_thread_self ())
    ((HsClient *) g_task_get_source_object (task))->worker_parses++;
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
  parse->body = g_byte_array_free_to_bytes (g_steal_pointer (&call->body));
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
status_is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY ||
         status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER ||
         status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

static gboolean
same_origin (const char *url,
             GUri       *uri)
{
  g_autoptr(GUri) other = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *origin = other != NULL ? hs_config_origin_for_uri (other) : NULL;
  g_autofree char *uri_origin = hs_config_origin_for_uri (uri);

  return origin != NULL && g_strcmp0 (origin, uri_origin) == 0;
}

static gboolean
short_link_may_follow (Call *call,
                       GUri *target)
{
  static const char * const hosts[] = {
    "xhslink.com", "www.xhslink.com", "xhslink.cn", "www.xhslink.cn",
  };
  const char *host = g_uri_get_host (target);

  if (same_origin (call->start_url, target))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    if (g_ascii_strcasecmp (host, hosts[i]) == 0)
      return TRUE;
  return FALSE;
}

static char *
short_link_target_note_id (Call *call,
                           GUri *target)
{
  g_autofree char *target_string = g_uri_to_string (target);
  g_autofree char *as_note_link = NULL;
  char *note_id;

  note_id = hs_note_ref_note_id_from_url (target_string);
  if (note_id != NULL)
    return note_id;

  /* A short-link service that sends us to a note path on its own origin
   * (the demo server stands in for both xhslink.com and the web site) is
   * believed as well: it is the authority for its links, and the path is
   * only read, as if on the web site, never requested. */
  if (!same_origin (call->start_url, target))
    return NULL;

  as_note_link = g_uri_join (SOUP_HTTP_URI_FLAGS, "https", NULL, "www.xiaohongshu.com", -1,
                             g_uri_get_path (target), g_uri_get_query (target), NULL);
  return hs_note_ref_note_id_from_url (as_note_link);
}

static void
follow_redirect (GTask *task)
{
  Call *call = g_task_get_task_data (task);
  const char *location;
  g_autoptr(GUri) target = NULL;
  g_autoptr(GError) error = NULL;
  const char *scheme;

  location = soup_message_headers_get_one (soup_message_get_response_headers (call->msg),
                                           "Location");
  if (location == NULL)
    {
      call_return_error (task, g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                            _("%s sent a redirect without a target"),
                                            uri_host (call->uri)));
      return;
    }

  target = g_uri_parse_relative (call->uri, location, SOUP_HTTP_URI_FLAGS, &error);
  scheme = target != NULL ? g_uri_get_scheme (target) : NULL;
  if (target == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (target) == NULL || *g_uri_get_host (target) == '\0')
    {
      call_return_error (task, g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                            _("%s redirected to an address that is not a web address"),
                                            uri_host (call->uri)));
      return;
    }

  if (call->kind == CALL_SHORT_LINK)
    {
      g_autofree char *note_id = short_link_target_note_id (call, target);

      /* The note page itself is of no use to us: stop as soon as a URL
       * names the note, without requesting it. */
      if (note_id != NULL)
        {
          attempt_clear (call);
          g_task_return_pointer (task, g_steal_pointer (&note_id), g_free);
          return;
        }

      /* Only further hops of the short-link service are followed: a page
       * elsewhere that names no note is not worth a request. */
      if (!short_link_may_follow (call, target))
        {
          call_return_error (task, g_error_new_literal (HS_ERROR, HS_ERROR_INVALID_REFERENCE,
                                                        _("The short link does not lead to a note")));
          return;
        }
    }

  if (++call->redirects > MAX_REDIRECTS)
    {
      call_return_error (task, g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                            _("%s redirected too many times"),
                                            uri_host (call->uri)));
      return;
    }

  /* The deadline of the attempt keeps running over the next hop. */
  hop_clear (call);
  g_clear_pointer (&call->uri, g_uri_unref);
  call->uri = g_steal_pointer (&target);

  send_hop (task);
}

static void
response_complete (GTask *task)
{
  Call *call = g_task_get_task_data (task);
  guint status = soup_message_get_status (call->msg);

  release_stream (call);

  if (status_is_redirect (status))
    {
      follow_redirect (task);
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      if (call->body_too_big)
        {
          call_return_error (task, g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                                _("The response is larger than %d MiB"),
                                                HS_MAX_RESPONSE_BYTES / (1024 * 1024)));
          return;
        }

      if (call->kind == CALL_SHORT_LINK)
        {
          call_return_error (task, g_error_new_literal (HS_ERROR, HS_ERROR_INVALID_REFERENCE,
                                                        _("The short link does not lead to a note")));
          return;
        }

      finish_api_success (task);
      return;
    }

  {
    g_autofree char *message = call->body_too_big ? NULL : envelope_message (call->body);
    GError *error;

    if (status < 400 || status > 599)
      /* TRANSLATORS: a host name and an HTTP status number */
      error = g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                           _("%s answered with the unexpected HTTP status %u"),
                           uri_host (call->uri), status);
    else if (call->kind == CALL_SHORT_LINK && status == SOUP_STATUS_NOT_FOUND)
      error = g_error_new_literal (HS_ERROR, HS_ERROR_NOT_FOUND,
                                   _("The short link does not exist or has expired"));
    else
      error = hs_error_new_for_api_code ((int) status, message);

    fail_or_retry (task, error);
  }
}

static void read_next_chunk (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n_read;
  guint old_len;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  old_len = call->body->len - (guint) call->read_size;

  if (n_read < 0)
    {
      g_byte_array_set_size (call->body, old_len);
      fail_or_retry (task, transport_error (task, error));
      return;
    }

  g_byte_array_set_size (call->body, old_len + (guint) n_read);
  self->body_bytes_read += (guint64) n_read;

  if (n_read == 0)
    {
      call->stream_at_eof = TRUE;
      response_complete (task);
      return;
    }

  if (call->body->len > call->body_limit)
    {
      /* Stop reading at once; attempt_clear cancels the message so that
       * the rest is never downloaded. */
      call->body_too_big = TRUE;
      g_byte_array_set_size (call->body, 0);
      response_complete (task);
      return;
    }

  read_next_chunk (task);
}

static void
read_next_chunk (GTask *task)
{
  Call *call = g_task_get_task_data (task);
  guint old_len = call->body->len;
  gsize want;

  /* One byte more than the rest, so that the same read can see the end;
   * never more than one byte past the limit. */
  if (call->expected_length >= old_len)
    want = (gsize) (call->expected_length - old_len) + 1;
  else
    want = CLAMP (old_len, MIN_READ_SIZE, MAX_READ_SIZE);
  want = MIN (want, call->body_limit + 1 - old_len);

  call->read_size = want;
  g_byte_array_set_size (call->body, old_len + (guint) want);
  g_input_stream_read_async (call->stream,
                             call->body->data + old_len,
                             want,
                             G_PRIORITY_DEFAULT,
                             call->hop_cancellable,
                             read_cb,
                             g_object_ref (task));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  goffset content_length = -1;
  guint status;

  call->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (call->stream == NULL)
    {
      fail_or_retry (task, transport_error (task, error));
      return;
    }

  clear_source (&call->connect_timer);

  status = soup_message_get_status (call->msg);
  headers = soup_message_get_response_headers (call->msg);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    content_length = soup_message_headers_get_content_length (headers);

  if (call_is_api (call) && SOUP_STATUS_IS_SUCCESSFUL (status))
    call->body_limit = HS_MAX_RESPONSE_BYTES;
  else
    call->body_limit = SMALL_BODY_LIMIT;

  call->expected_length = content_length;
  call->body = g_byte_array_sized_new ((guint) MIN (MAX (content_length, 0), (goffset) call->body_limit) + 1);

  /* Refuse before reading when the server announces too much. */
  if (content_length > (goffset) call->body_limit)
    {
      call->body_too_big = TRUE;
      response_complete (task);
      return;
    }

  read_next_chunk (task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Call *call = user_data;

  call->timed_out = TIMEOUT_REQUEST;
  if (call->hop_cancellable != NULL)
    g_cancellable_cancel (call->hop_cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  Call *call = user_data;

  call->timed_out = TIMEOUT_CONNECT;
  if (call->hop_cancellable != NULL)
    g_cancellable_cancel (call->hop_cancellable);
  return G_SOURCE_REMOVE;
}

static GSource *
add_timeout (GTask       *task,
             GTimeSpan    timeout,
             GSourceFunc  func,
             const char  *name)
{
  Call *call = g_task_get_task_data (task);
  GSource *source;

  if (timeout <= 0)
    return NULL;

  source = g_timeout_source_new ((guint) MAX (timeout / 1000, 1));
  g_source_set_static_name (source, name);
  /* Destroyed in hop_clear() or attempt_clear(), before the call is freed. */
  g_source_set_callback (source, func, call, NULL);
  g_source_attach (source, g_task_get_context (task));
  return source;
}

static void
network_event_cb (SoupMessage       *msg,
                  GSocketClientEvent event,
                  GIOStream         *connection,
                  gpointer           user_data)
{
  GTask *task = user_data;
  HsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  /* Only new connections go through these events; a reused one does not
   * need a connect timeout. */
  if (event == G_SOCKET_CLIENT_RESOLVING && call->connect_timer == NULL)
    call->connect_timer = add_timeout (task, hs_config_get_connect_timeout (self->config),
                                       connect_timeout_cb, "[hongshu] connect timeout");
  else if (event == G_SOCKET_CLIENT_COMPLETE)
    clear_source (&call->connect_timer);
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
send_hop (GTask *task)
{
  HsClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  SoupMessageHeaders *headers;

  /* A cancellable of our own per hop: the deadline cancels it without
   * touching the caller's, and cancelling it drops an unfinished body. */
  call->hop_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      call->linked_cancellable = g_object_ref (cancellable);
      call->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel_cb),
                                                  g_object_ref (call->hop_cancellable),
                                                  g_object_unref);
    }

  call->msg = soup_message_new_from_uri (SOUP_METHOD_GET, call->uri);
  soup_message_add_flags (call->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (call->msg);

  if (call_is_api (call))
    {
      soup_message_headers_replace (headers, "Content-Type", "application/json");
      soup_message_headers_replace (headers, "Accept", "application/json");
      /* API.md §9: the token goes to the API origin and nowhere else. */
      if (self->access_token != NULL && hs_config_uri_is_api_origin (self->config, call->uri))
        {
          g_autofree char *value = g_strconcat ("Bearer ", self->access_token, NULL);
          soup_message_headers_replace (headers, "Authorization", value);
        }
    }

  call->network_event_id = g_signal_connect (call->msg, "network-event",
                                             G_CALLBACK (network_event_cb), task);

  soup_session_send_async (self->session, call->msg, G_PRIORITY_DEFAULT,
                           call->hop_cancellable, send_cb, g_object_ref (task));
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

  if (call_is_api (call))
    call->uri = build_api_uri (self, call, &error);
  else
    call->uri = g_uri_parse (call->start_url, SOUP_HTTP_URI_FLAGS, &error);

  if (call->uri == NULL)
    {
      call_return_error (task, g_error_new (HS_ERROR, HS_ERROR_BAD_REQUEST, "%s", error->message));
      return;
    }

  call->deadline = add_timeout (task, hs_config_get_request_timeout (self->config),
                                deadline_cb, "[hongshu] request deadline");

  send_hop (task);
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

  /* Every API call, retries included, passes the limiter (API.md §5);
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

guint
hs_client_get_worker_parses (HsClient *self)
{
  g_return_val_if_fail (HS_IS_CLIENT (self), 0);
  return self->worker_parses;
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

  /* API.md §1: never put an unvalidated string into the path. */
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
  const char *scheme;
  Call *call;

  g_return_if_fail (HS_IS_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_client_resolve_short_link_async);
  g_task_set_name (task, "[hongshu] resolve short link");

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
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
