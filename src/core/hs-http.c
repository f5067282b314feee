#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-error.h"
#include "hs-http.h"
#include "hs-urls.h"

#define DEFAULT_MAX_REDIRECTS 5
#define DEFAULT_SUCCESS_LIMIT (8 * 1024 * 1024)
/* Bodies we only look into for a `message` (errors, redirects) need far
 * less than a note. */
#define DEFAULT_OTHER_LIMIT (64 * 1024)
/* Reads of a body of unknown length grow from the first to the last size;
 * a known length is read at once. Small reads keep malloc from trimming and
 * growing the heap on every call. */
#define MIN_READ_SIZE (16 * 1024)
#define MAX_READ_SIZE (64 * 1024)

typedef enum
{
  TIMEOUT_NONE,
  TIMEOUT_CONNECT,
  TIMEOUT_DEADLINE,
} TimeoutKind;

typedef struct
{
  char *name;
  char *value;
  char *origin;   /* NULL: every hop */
} Header;

struct _HsHttpExchange
{
  GObject             parent_instance;

  SoupSession        *session;
  GUri               *uri;            /* the hop being made, then the last */
  GPtrArray          *headers;        /* of Header* */
  GArray             *disabled;       /* of GType */
  guint               max_redirects;
  HsHttpRedirectFunc  redirect_func;
  gpointer            redirect_data;
  GTimeSpan           connect_timeout;
  GTimeSpan           deadline_span;
  gsize               success_limit;
  gsize               other_limit;
  gboolean            stream_body;

  GTask              *task;           /* the send or read in progress */
  GCancellable       *cancellable;    /* ours: cancelled by the caller's, the deadline and dispose */
  GCancellable       *caller_cancellable;
  gulong              cancelled_id;
  GSource            *deadline;
  GSource            *connect_timer;
  TimeoutKind         timed_out;

  SoupMessage        *msg;
  gulong              network_event_id;
  GInputStream       *stream;
  gboolean            stream_at_eof;
  guint               redirects;
  GUri               *stopped_at;
  goffset             content_length;
  gsize               body_limit;
  GByteArray          *body;
  gsize               read_size;
  GBytes             *body_bytes;
  gboolean            body_too_big;
  guint64             bytes_read;
};

G_DEFINE_FINAL_TYPE (HsHttpExchange, hs_http_exchange, G_TYPE_OBJECT)

static void send_hop (HsHttpExchange *self);

static void
header_free (Header *header)
{
  g_free (header->name);
  /* Credentials do not stay in freed memory. */
  if (header->value != NULL)
    memset (header->value, 0, strlen (header->value));
  g_free (header->value);
  g_free (header->origin);
  g_free (header);
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static const char *
uri_host (GUri *uri)
{
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return host != NULL ? host : "";
}

static void
release_stream (HsHttpExchange *self)
{
  /* Dropping a body stream that was not read to its end must not make
   * libsoup drain it (closing does that, synchronously): cancel the
   * message first, which closes its connection instead. */
  if (self->stream != NULL && !self->stream_at_eof && self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->stream);
}

static void
hop_clear (HsHttpExchange *self)
{
  clear_source (&self->connect_timer);
  release_stream (self);
  if (self->caller_cancellable != NULL && self->cancelled_id != 0)
    g_cancellable_disconnect (self->caller_cancellable, self->cancelled_id);
  self->cancelled_id = 0;
  if (self->msg != NULL && self->network_event_id != 0)
    g_signal_handler_disconnect (self->msg, self->network_event_id);
  self->network_event_id = 0;
  g_clear_pointer (&self->body, g_byte_array_unref);
}

/* Everything that runs; the results stay. */
static void
exchange_stop (HsHttpExchange *self)
{
  hop_clear (self);
  clear_source (&self->deadline);
  g_clear_object (&self->caller_cancellable);
}

static void
return_error (HsHttpExchange *self,
              GError         *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  exchange_stop (self);
  g_task_return_error (task, error);
}

static void
return_success (HsHttpExchange *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  /* Streaming keeps the stream, the timers and the cancellable for the
   * reads to come. */
  if (!self->stream_body || self->stopped_at != NULL)
    exchange_stop (self);
  g_task_return_boolean (task, TRUE);
}

/* Maps what soup_session_send or a read failed with. */
static GError *
transport_error (HsHttpExchange *self,
                 const GError   *error)
{
  const char *host = uri_host (self->uri);

  if (self->caller_cancellable != NULL && g_cancellable_is_cancelled (self->caller_cancellable))
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The request was cancelled"));

  if (self->timed_out == TIMEOUT_CONNECT)
    return g_error_new (HS_ERROR, HS_ERROR_NETWORK, _("Connecting to %s timed out"), host);

  if (self->timed_out == TIMEOUT_DEADLINE || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (HS_ERROR, HS_ERROR_NETWORK, _("The request to %s timed out"), host);

  /* A header over libsoup's limit is no network trouble: the server sent
   * it, and asking again gets it again. libsoup reports it as partial
   * input, like a cut connection, so only its message tells them apart
   * (compared in libsoup's own translation). */
  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_ENCODING) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_RESTARTS) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_REDIRECT_BAD_URI) ||
      (error->domain == G_IO_ERROR &&
       (g_strcmp0 (error->message, "Header too big") == 0 ||
        g_strcmp0 (error->message, g_dgettext ("libsoup-3.0", "Header too big")) == 0)))
    /* TRANSLATORS: %s are a host name and the system's explanation */
    return g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                        _("%s sent a malformed HTTP response: %s"), host, error->message);

  /* TRANSLATORS: %s are the host and the system's explanation */
  return g_error_new (HS_ERROR, HS_ERROR_NETWORK,
                      _("%s could not be reached: %s"), host, error->message);
}

gboolean
hs_http_status_is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY ||
         status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER ||
         status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

void
hs_http_session_set_io_timeout (SoupSession *session,
                                GTimeSpan    timeout)
{
  g_object_set (session,
                "timeout", (guint) MAX ((timeout + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND, 0),
                NULL);
}

/* ------------------------------------------------------------------------ */
/* Redirects                                                                */

static void
follow_redirect (HsHttpExchange *self)
{
  const char *location;
  g_autoptr(GUri) target = NULL;
  GError *error = NULL;

  location = soup_message_headers_get_one (soup_message_get_response_headers (self->msg), "Location");
  if (location == NULL)
    {
      return_error (self, g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                       _("%s sent a redirect without a target"), uri_host (self->uri)));
      return;
    }

  target = g_uri_parse_relative (self->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (!hs_urls_uri_is_web (target))
    {
      return_error (self, g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                       _("%s redirected to an address that is not a web address"),
                                       uri_host (self->uri)));
      return;
    }

  if (self->redirect_func != NULL)
    {
      switch (self->redirect_func (self, self->uri, target, self->redirect_data, &error))
        {
        case HS_HTTP_REDIRECT_FOLLOW:
          break;

        case HS_HTTP_REDIRECT_STOP:
          self->stopped_at = g_steal_pointer (&target);
          return_success (self);
          return;

        case HS_HTTP_REDIRECT_REFUSE:
        default:
          g_assert (error != NULL);
          return_error (self, error);
          return;
        }
    }

  if (++self->redirects > self->max_redirects)
    {
      return_error (self, g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                       _("%s redirected too many times"), uri_host (self->uri)));
      return;
    }

  /* The deadline keeps running over the next hop. */
  hop_clear (self);
  g_clear_object (&self->msg);
  g_clear_pointer (&self->uri, g_uri_unref);
  self->uri = g_steal_pointer (&target);
  send_hop (self);
}

/* ------------------------------------------------------------------------ */
/* Reading a whole body                                                     */

static void
body_complete (HsHttpExchange *self)
{
  release_stream (self);

  if (hs_http_status_is_redirect (soup_message_get_status (self->msg)) && self->max_redirects > 0)
    {
      follow_redirect (self);
      return;
    }

  if (!self->body_too_big && self->body != NULL)
    self->body_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&self->body));
  return_success (self);
}

static void read_next_chunk (HsHttpExchange *self);

static void
read_chunk_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HsHttpExchange) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize n_read;
  guint old_len;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (self->task == NULL)
    return;
  old_len = self->body->len - (guint) self->read_size;

  if (n_read < 0)
    {
      g_byte_array_set_size (self->body, old_len);
      return_error (self, transport_error (self, error));
      return;
    }

  g_byte_array_set_size (self->body, old_len + (guint) n_read);
  self->bytes_read += (guint64) n_read;

  if (n_read == 0)
    {
      self->stream_at_eof = TRUE;
      body_complete (self);
      return;
    }

  if (self->body->len > self->body_limit)
    {
      /* Stop at once; releasing the stream cancels the message so that the
       * rest is never downloaded. */
      self->body_too_big = TRUE;
      body_complete (self);
      return;
    }

  read_next_chunk (self);
}

static void
read_next_chunk (HsHttpExchange *self)
{
  guint old_len = self->body->len;
  gsize want;

  /* One byte more than the rest, so that the same read can see the end;
   * never more than one byte past the limit. */
  if (self->content_length >= old_len)
    want = (gsize) (self->content_length - old_len) + 1;
  else
    want = CLAMP (old_len, MIN_READ_SIZE, MAX_READ_SIZE);
  want = MIN (want, self->body_limit + 1 - old_len);

  self->read_size = want;
  g_byte_array_set_size (self->body, old_len + (guint) want);
  g_input_stream_read_async (self->stream, self->body->data + old_len, want,
                             G_PRIORITY_DEFAULT, self->cancellable,
                             read_chunk_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* Hops                                                                     */

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HsHttpExchange) self = user_data;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  guint status;

  self->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (self->task == NULL)
    return;
  if (self->stream == NULL)
    {
      return_error (self, transport_error (self, error));
      return;
    }

  clear_source (&self->connect_timer);
  self->stream_at_eof = FALSE;

  status = soup_message_get_status (self->msg);
  headers = soup_message_get_response_headers (self->msg);
  self->content_length = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    self->content_length = soup_message_headers_get_content_length (headers);
  self->body_limit = SOUP_STATUS_IS_SUCCESSFUL (status) ? self->success_limit : self->other_limit;

  /* A redirect's body is never wanted: follow at once. */
  if (hs_http_status_is_redirect (status) && self->max_redirects > 0)
    {
      follow_redirect (self);
      return;
    }

  if (self->stream_body)
    {
      if (self->content_length > (goffset) self->body_limit)
        {
          self->body_too_big = TRUE;
          release_stream (self);
        }
      return_success (self);
      return;
    }

  /* Refuse before reading when the server announces too much. */
  if (self->content_length > (goffset) self->body_limit)
    {
      self->body_too_big = TRUE;
      body_complete (self);
      return;
    }

  self->body = g_byte_array_sized_new ((guint) MIN (MAX (self->content_length, 0),
                                                    (goffset) self->body_limit) + 1);
  read_next_chunk (self);
}

static gboolean
timeout_cb (HsHttpExchange *self,
            TimeoutKind     kind)
{
  self->timed_out = kind;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
deadline_cb (gpointer user_data)
{
  return timeout_cb (user_data, TIMEOUT_DEADLINE);
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  return timeout_cb (user_data, TIMEOUT_CONNECT);
}

static GSource *
add_timeout (HsHttpExchange *self,
             GTimeSpan       timeout,
             GSourceFunc     func,
             const char     *name)
{
  GSource *source;

  if (timeout <= 0)
    return NULL;

  source = g_timeout_source_new ((guint) MAX (timeout / 1000, 1));
  g_source_set_static_name (source, name);
  /* Destroyed in exchange_stop(), which dispose runs. */
  g_source_set_callback (source, func, self, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

static void
network_event_cb (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  HsHttpExchange *self = user_data;

  /* Only new connections go through these events; a reused one does not
   * need a connect timeout. */
  if (event == G_SOCKET_CLIENT_RESOLVING && self->connect_timer == NULL)
    self->connect_timer = add_timeout (self, self->connect_timeout, connect_timeout_cb,
                                       "[hongshu] connect timeout");
  else if (event == G_SOCKET_CLIENT_COMPLETE)
    clear_source (&self->connect_timer);
}

static void
forward_cancel_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
send_hop (HsHttpExchange *self)
{
  SoupMessageHeaders *headers;
  g_autofree char *origin = hs_urls_origin (self->uri);

  /* A cancellable of our own per hop: the deadline cancels it without
   * touching the caller's, and cancelling it drops an unfinished body
   * without stopping the next hop. */
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->caller_cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (self->caller_cancellable,
                                                G_CALLBACK (forward_cancel_cb),
                                                g_object_ref (self->cancellable),
                                                g_object_unref);

  self->msg = soup_message_new_from_uri (SOUP_METHOD_GET, self->uri);
  /* Ours to follow: libsoup would copy every header to any host. */
  soup_message_add_flags (self->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (self->msg);

  for (guint i = 0; i < self->headers->len; i++)
    {
      Header *header = g_ptr_array_index (self->headers, i);

      /* The one rule for credentials: their own origin, nowhere else. */
      if (header->origin == NULL || g_strcmp0 (header->origin, origin) == 0)
        soup_message_headers_replace (headers, header->name, header->value);
    }

  for (guint i = 0; i < self->disabled->len; i++)
    soup_message_disable_feature (self->msg, g_array_index (self->disabled, GType, i));

  self->network_event_id = g_signal_connect (self->msg, "network-event",
                                             G_CALLBACK (network_event_cb), self);

  soup_session_send_async (self->session, self->msg, G_PRIORITY_DEFAULT,
                           self->cancellable, send_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* HsHttpExchange                                                           */

static void
hs_http_exchange_dispose (GObject *object)
{
  HsHttpExchange *self = HS_HTTP_EXCHANGE (object);

  exchange_stop (self);
  g_clear_object (&self->msg);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (hs_http_exchange_parent_class)->dispose (object);
}

static void
hs_http_exchange_finalize (GObject *object)
{
  HsHttpExchange *self = HS_HTTP_EXCHANGE (object);

  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->stopped_at, g_uri_unref);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->disabled, g_array_unref);
  g_clear_pointer (&self->body_bytes, g_bytes_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hs_http_exchange_parent_class)->finalize (object);
}

static void
hs_http_exchange_class_init (HsHttpExchangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_http_exchange_dispose;
  object_class->finalize = hs_http_exchange_finalize;
}

static void
hs_http_exchange_init (HsHttpExchange *self)
{
  self->headers = g_ptr_array_new_with_free_func ((GDestroyNotify) header_free);
  self->disabled = g_array_new (FALSE, FALSE, sizeof (GType));
  self->max_redirects = DEFAULT_MAX_REDIRECTS;
  self->success_limit = DEFAULT_SUCCESS_LIMIT;
  self->other_limit = DEFAULT_OTHER_LIMIT;
  self->content_length = -1;
}

HsHttpExchange *
hs_http_exchange_new (SoupSession *session,
                      GUri        *uri)
{
  HsHttpExchange *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (hs_urls_uri_is_web (uri), NULL);

  self = g_object_new (HS_TYPE_HTTP_EXCHANGE, NULL);
  self->session = g_object_ref (session);
  self->uri = g_uri_ref (uri);
  return self;
}

static void
add_header (HsHttpExchange *self,
            const char     *name,
            const char     *value,
            char           *origin)
{
  Header *header = g_new0 (Header, 1);

  header->name = g_strdup (name);
  header->value = g_strdup (value);
  header->origin = origin;
  g_ptr_array_add (self->headers, header);
}

void
hs_http_exchange_set_header (HsHttpExchange *self,
                             const char     *name,
                             const char     *value)
{
  g_return_if_fail (HS_IS_HTTP_EXCHANGE (self));
  g_return_if_fail (name != NULL && value != NULL);

  add_header (self, name, value, NULL);
}

void
hs_http_exchange_set_credential (HsHttpExchange *self,
                                 GUri           *origin_uri,
                                 const char     *name,
                                 const char     *value)
{
  char *origin;

  g_return_if_fail (HS_IS_HTTP_EXCHANGE (self));
  g_return_if_fail (name != NULL && value != NULL);

  origin = hs_urls_origin (origin_uri);
  /* A credential without an origin goes nowhere. */
  if (origin != NULL)
    add_header (self, name, value, origin);
}

void
hs_http_exchange_set_max_redirects (HsHttpExchange *self,
                                    guint           max_redirects)
{
  g_return_if_fail (HS_IS_HTTP_EXCHANGE (self));

  self->max_redirects = max_redirects;
}

void
hs_http_exchange_set_redirect_func (HsHttpExchange     *self,
                                    HsHttpRedirectFunc  func,
                                    gpointer            user_data)
{
  g_return_if_fail (HS_IS_HTTP_EXCHANGE (self));

  self->redirect_func = func;
  self->redirect_data = user_data;
}

void
hs_http_exchange_set_timeouts (HsHttpExchange *self,
                               GTimeSpan       connect_timeout,
                               GTimeSpan       deadline)
{
  g_return_if_fail (HS_IS_HTTP_EXCHANGE (self));

  self->connect_timeout = connect_timeout;
  self->deadline_span = deadline;
}

void
hs_http_exchange_set_body_limits (HsHttpExchange *self,
                                  gsize           success_limit,
                                  gsize           other_limit)
{
  g_return_if_fail (HS_IS_HTTP_EXCHANGE (self));

  self->success_limit = success_limit;
  self->other_limit = other_limit;
}

void
hs_http_exchange_set_stream_body (HsHttpExchange *self,
                                  gboolean        stream_body)
{
  g_return_if_fail (HS_IS_HTTP_EXCHANGE (self));

  self->stream_body = stream_body;
}

void
hs_http_exchange_disable_feature (HsHttpExchange *self,
                                  GType           feature_type)
{
  g_return_if_fail (HS_IS_HTTP_EXCHANGE (self));

  g_array_append_val (self->disabled, feature_type);
}

void
hs_http_exchange_send_async (HsHttpExchange      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (HS_IS_HTTP_EXCHANGE (self));
  g_return_if_fail (self->task == NULL && self->msg == NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, hs_http_exchange_send_async);
  g_task_set_name (self->task, "[hongshu] http exchange");

  if (cancellable != NULL)
    self->caller_cancellable = g_object_ref (cancellable);

  self->deadline = add_timeout (self, self->deadline_span, deadline_cb, "[hongshu] request deadline");
  send_hop (self);
}

gboolean
hs_http_exchange_send_finish (HsHttpExchange  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (HS_IS_HTTP_EXCHANGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
stream_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HsHttpExchange) self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GError) error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (n_read < 0)
    {
      GError *mapped = transport_error (self, error);

      exchange_stop (self);
      g_task_return_error (task, mapped);
      return;
    }

  self->bytes_read += (guint64) n_read;
  if (n_read == 0)
    {
      self->stream_at_eof = TRUE;
      exchange_stop (self);
    }
  else if (self->bytes_read > self->body_limit)
    {
      self->body_too_big = TRUE;
      exchange_stop (self);
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                               /* TRANSLATORS: %s is a host name */
                               _("The file from %s is larger than allowed"), uri_host (self->uri));
      return;
    }

  g_task_return_int (task, n_read);
}

void
hs_http_exchange_read_async (HsHttpExchange      *self,
                             void                *buffer,
                             gsize                count,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (HS_IS_HTTP_EXCHANGE (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, self->caller_cancellable, callback, user_data);
  g_task_set_source_tag (self->task, hs_http_exchange_read_async);

  if (self->body_too_big || self->stream == NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->task);

      if (self->body_too_big)
        g_task_return_new_error (task, HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                 _("The file from %s is larger than allowed"), uri_host (self->uri));
      else
        g_task_return_int (task, 0);
      return;
    }

  g_input_stream_read_async (self->stream, buffer, count, G_PRIORITY_DEFAULT,
                             self->cancellable, stream_read_cb, g_object_ref (self));
}

gssize
hs_http_exchange_read_finish (HsHttpExchange  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (HS_IS_HTTP_EXCHANGE (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

guint
hs_http_exchange_get_status (HsHttpExchange *self)
{
  g_return_val_if_fail (HS_IS_HTTP_EXCHANGE (self), 0);

  return self->msg != NULL ? soup_message_get_status (self->msg) : 0;
}

GUri *
hs_http_exchange_get_uri (HsHttpExchange *self)
{
  g_return_val_if_fail (HS_IS_HTTP_EXCHANGE (self), NULL);

  return self->uri;
}

GUri *
hs_http_exchange_get_stopped_at (HsHttpExchange *self)
{
  g_return_val_if_fail (HS_IS_HTTP_EXCHANGE (self), NULL);

  return self->stopped_at;
}

guint
hs_http_exchange_get_redirects (HsHttpExchange *self)
{
  g_return_val_if_fail (HS_IS_HTTP_EXCHANGE (self), 0);

  return self->redirects;
}

SoupMessageHeaders *
hs_http_exchange_get_response_headers (HsHttpExchange *self)
{
  g_return_val_if_fail (HS_IS_HTTP_EXCHANGE (self), NULL);

  return self->msg != NULL ? soup_message_get_response_headers (self->msg) : NULL;
}

goffset
hs_http_exchange_get_content_length (HsHttpExchange *self)
{
  g_return_val_if_fail (HS_IS_HTTP_EXCHANGE (self), -1);

  return self->content_length;
}

GBytes *
hs_http_exchange_get_body (HsHttpExchange *self)
{
  g_return_val_if_fail (HS_IS_HTTP_EXCHANGE (self), NULL);

  return self->body_bytes;
}

gboolean
hs_http_exchange_get_body_too_big (HsHttpExchange *self)
{
  g_return_val_if_fail (HS_IS_HTTP_EXCHANGE (self), FALSE);

  return self->body_too_big;
}

guint64
hs_http_exchange_get_bytes_read (HsHttpExchange *self)
{
  g_return_val_if_fail (HS_IS_HTTP_EXCHANGE (self), 0);

  return self->bytes_read;
}
