#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hs-client-internal.h"
#include "hs-error.h"
#include "hs-http.h"
#include "hs-note-parser.h"
#include "hs-note-ref.h"
#include "hs-sign.h"
#include "hs-urls.h"

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

void
hs_client_call_free (Call *call)
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

Call *
hs_client_call_new (CallKind kind)
{
  Call *call = g_new0 (Call, 1);

  call->kind = kind;
  call->params = g_ptr_array_new_with_free_func (g_free);
  return call;
}

void
hs_client_call_add_param (Call       *call,
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
  hs_client_call_start (task);

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
  hs_client_emit_waiting (self, seconds, error);
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

void
hs_client_call_start (GTask *task)
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

          hs_client_emit_waiting (self, (guint) ((wait + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND), reason);
        }

      hs_rate_limiter_acquire_async (self->limiter, g_task_get_cancellable (task),
                                     acquire_cb, g_object_ref (task));
    }
  else
    begin_request (task);
}
