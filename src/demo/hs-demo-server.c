#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hs-demo-server-private.h"
#include "hs-demo-web.h"

G_DEFINE_FINAL_TYPE (HsDemoServer, hs_demo_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_PORT,
  PROP_REQUESTS_PER_MINUTE,
  PROP_SLOW_DELAY_MS,
  N_PROPS
};

enum {
  REQUEST_LOGGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The server's clock: the real one, or a test's (hs_demo_server_set_clock()) */

gint64
hs_demo_now_usec (HsDemoServer *self)
{
  if (self->clock_func != NULL)
    return self->clock_func (self->clock_data);

  return g_get_real_time ();
}

static GDateTime *
date_time_new_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

/* Responses */

JsonObject *
hs_demo_server_lookup_note (HsDemoServer *self,
                            const char   *note_id)
{
  g_autofree char *lower = g_ascii_strdown (note_id, -1);

  return g_hash_table_lookup (self->notes, lower);
}

char *
hs_demo_server_expand_placeholders (HsDemoServer *self,
                                    const char   *json)
{
  GString *expanded = g_string_new (json);
  g_autofree char *cdn = hs_demo_server_get_cdn_base_url (self);

  g_string_replace (expanded, "{cdn}", cdn, 0);
  g_string_replace (expanded, "{origin}", self->base_url, 0);

  return g_string_free (expanded, FALSE);
}

/* doc/api-protocol.md §2 and §3: every answer is {code, message[, data]}. */
static char *
envelope_to_json (guint       code,
                  const char *message,
                  JsonObject *data)
{
  g_autoptr(JsonObject) envelope = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  json_object_set_int_member (envelope, "code", code);
  json_object_set_string_member (envelope, "message", message);
  if (data != NULL)
    json_object_set_object_member (envelope, "data", json_object_ref (data));
  json_node_set_object (root, envelope);

  return json_to_string (root, FALSE);
}

char *
hs_demo_success_envelope (HsDemoServer *self,
                          JsonObject   *data)
{
  g_autofree char *json = envelope_to_json (200, "success", data);

  return hs_demo_server_expand_placeholders (self, json);
}

void
hs_demo_set_status (Exchange *ex,
                    guint     status)
{
  const char *reason = status == STATUS_TOO_MANY_REQUESTS ? "Too Many Requests"
                       : status == STATUS_VERIFY ? "Verify"
                       : NULL;

  soup_server_message_set_status (ex->msg, status, reason);
  hs_demo_request_set_status (ex->entry, status);
}

void
hs_demo_respond (Exchange   *ex,
                 guint       status,
                 const char *content_type,
                 const char *body)
{
  hs_demo_set_status (ex, status);
  soup_server_message_set_response (ex->msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

void
hs_demo_respond_json (Exchange   *ex,
                      guint       status,
                      const char *json)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (ex->msg),
                                "Cache-Control", "no-store");
  hs_demo_respond (ex, status, JSON_CONTENT_TYPE, json);
}

void
hs_demo_respond_error (Exchange   *ex,
                       guint       status,
                       const char *message)
{
  g_autofree char *json = envelope_to_json (status, message, NULL);

  hs_demo_respond_json (ex, status, json);
}

void
hs_demo_respond_rate_limited (Exchange *ex,
                              guint     retry_after)
{
  g_autofree char *value = g_strdup_printf ("%u", retry_after);

  soup_message_headers_replace (soup_server_message_get_response_headers (ex->msg),
                                "Retry-After", value);
  hs_demo_respond_error (ex, STATUS_TOO_MANY_REQUESTS, MESSAGE_RATE_LIMITED);
}

void
hs_demo_respond_redirect (Exchange   *ex,
                          guint       status,
                          const char *location)
{
  soup_server_message_set_redirect (ex->msg, status, location);
  hs_demo_request_set_status (ex->entry, status);
}

static HsDemoRequest *
log_request (HsDemoServer      *self,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  g_autoptr(GDateTime) time = date_time_new_from_usec (hs_demo_now_usec (self));
  HsDemoRequest *entry = hs_demo_request_new (msg, path, query, time);

  if (self->request_log->len >= REQUEST_LOG_MAX)
    g_ptr_array_remove_index (self->request_log, 0);
  g_ptr_array_add (self->request_log, hs_demo_request_ref (entry));

  return entry;
}

static void
server_handler_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  HsDemoServer *self = HS_DEMO_SERVER (user_data);
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(HsDemoRequest) entry = log_request (self, msg, path, query);
  Exchange ex = { self, msg, entry, path, query };

  if (hs_demo_web_handle (&ex))
    ;
  else if (strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "GET, HEAD");
      hs_demo_respond (&ex, SOUP_STATUS_METHOD_NOT_ALLOWED, TEXT_CONTENT_TYPE, "405 Method Not Allowed\n");
    }
  else if (strcmp (path, "/v1/notes/search") == 0)
    hs_demo_handle_api (&ex, NULL);
  else if (g_str_has_prefix (path, "/v1/notes/"))
    hs_demo_handle_api (&ex, path + strlen ("/v1/notes/"));
  else if (g_str_has_prefix (path, "/v1/"))
    hs_demo_respond_error (&ex, SOUP_STATUS_NOT_FOUND, MESSAGE_NO_SUCH_API);
  else if (g_str_has_prefix (path, "/cdn/"))
    hs_demo_handle_cdn (&ex, path + strlen ("/cdn/"));
  else if (hs_demo_web_signed_picture_token (path) != NULL)
    {
      /* A signed display address: the picture, without its style suffix
       * and without the display-only mark. */
      const char *token = hs_demo_web_signed_picture_token (path);
      g_autofree char *rest = g_strndup (token, strcspn (token, "!"));

      hs_demo_handle_cdn (&ex, g_str_has_prefix (rest, HS_DEMO_WEB_DISPLAY_ONLY_DIR)
                                 ? rest + strlen (HS_DEMO_WEB_DISPLAY_ONLY_DIR) : rest);
    }
  else if (g_str_has_prefix (path, "/xhslink/a/"))
    hs_demo_web_handle_short_link (&ex, path + strlen ("/xhslink/a/"));
  else if (g_str_has_prefix (path, "/user/profile/"))
    hs_demo_web_handle_profile_page (&ex);
  else if (strcmp (path, "/") == 0)
    hs_demo_respond (&ex, SOUP_STATUS_OK, TEXT_CONTENT_TYPE,
                     "Hongshu demo API server\n"
                     "GET /v1/notes/{note_id}  GET /v1/notes/search?keyword=…|tag=…\n"
                     "Authorization: Bearer " HS_DEMO_ACCESS_TOKEN "\n");
  else
    /* Includes /remote-probe/: only the log matters there. */
    hs_demo_respond (&ex, SOUP_STATUS_NOT_FOUND, TEXT_CONTENT_TYPE, "404 Not Found\n");

  g_signal_emit (self, signals[REQUEST_LOGGED], 0, entry);
}

/* GObject */

static void
hs_demo_server_dispose (GObject *object)
{
  HsDemoServer *self = HS_DEMO_SERVER (object);

  if (self->soup_server != NULL)
    soup_server_disconnect (self->soup_server);
  g_clear_object (&self->soup_server);

  /* After the disconnect: closing the connections may finish held-back messages. */
  if (self->pending != NULL)
    g_ptr_array_set_size (self->pending, 0);

  G_OBJECT_CLASS (hs_demo_server_parent_class)->dispose (object);
}

static void
hs_demo_server_finalize (GObject *object)
{
  HsDemoServer *self = HS_DEMO_SERVER (object);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->request_log, g_ptr_array_unref);
  g_clear_pointer (&self->media_etags, g_hash_table_unref);
  g_clear_pointer (&self->image_names, g_strfreev);
  g_clear_pointer (&self->notes, g_hash_table_unref);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_pointer (&self->overfull_note, json_object_unref);
  g_clear_pointer (&self->forbidden_picture_note, json_object_unref);
  g_clear_pointer (&self->faults_root, json_node_unref);
  g_clear_pointer (&self->samples_root, json_node_unref);
  g_clear_pointer (&self->rate_windows, g_hash_table_unref);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (hs_demo_server_parent_class)->finalize (object);
}

static void
hs_demo_server_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsDemoServer *self = HS_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    case PROP_REQUESTS_PER_MINUTE:
      g_value_set_uint (value, self->requests_per_minute);
      break;

    case PROP_SLOW_DELAY_MS:
      g_value_set_uint (value, self->slow_delay_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_demo_server_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HsDemoServer *self = HS_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_REQUESTS_PER_MINUTE:
      hs_demo_server_set_requests_per_minute (self, g_value_get_uint (value));
      break;

    case PROP_SLOW_DELAY_MS:
      hs_demo_server_set_slow_delay_ms (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_demo_server_class_init (HsDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_demo_server_dispose;
  object_class->finalize = hs_demo_server_finalize;
  object_class->get_property = hs_demo_server_get_property;
  object_class->set_property = hs_demo_server_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_REQUESTS_PER_MINUTE] =
    g_param_spec_uint ("requests-per-minute", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_REQUESTS_PER_MINUTE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SLOW_DELAY_MS] =
    g_param_spec_uint ("slow-delay-ms", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_SLOW_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REQUEST_LOGGED] =
    g_signal_new ("request-logged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, HS_TYPE_DEMO_REQUEST);
}

static void
hs_demo_server_init (HsDemoServer *self)
{
  self->requests_per_minute = DEFAULT_REQUESTS_PER_MINUTE;
  self->slow_delay_ms = DEFAULT_SLOW_DELAY_MS;
  self->search_repeat = 1;
  self->media_ranges = TRUE;
  self->rate_windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_array_unref);
  self->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_demo_sample_free);
  self->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->media_etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->request_log = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_demo_request_unref);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_demo_pending_reply_free);

  hs_demo_load_samples (self);
  hs_demo_load_faults (self);

  self->soup_server = soup_server_new ("server-header", "HongshuDemo/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->soup_server, NULL, server_handler_cb, self, NULL);
}

HsDemoServer *
hs_demo_server_new (void)
{
  return g_object_new (HS_TYPE_DEMO_SERVER, NULL);
}

gboolean
hs_demo_server_start (HsDemoServer  *self,
                      guint16        port,
                      GError       **error)
{
  g_autoslist(GUri) uris = NULL;

  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (self->base_url == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!soup_server_listen_local (self->soup_server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_prefix_error (error, _("Could not start the demo server on port %u: "), port);
      return FALSE;
    }

  uris = soup_server_get_uris (self->soup_server);
  g_return_val_if_fail (uris != NULL, FALSE);

  self->port = (guint16) g_uri_get_port (uris->data);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);

  return TRUE;
}

void
hs_demo_server_stop (HsDemoServer *self)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  if (self->base_url == NULL)
    return;

  soup_server_disconnect (self->soup_server);
  g_ptr_array_set_size (self->pending, 0);
  g_clear_pointer (&self->base_url, g_free);
  self->port = 0;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

const char *
hs_demo_server_get_base_url (HsDemoServer *self)
{
  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), NULL);

  return self->base_url;
}

guint16
hs_demo_server_get_port (HsDemoServer *self)
{
  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), 0);

  return self->port;
}

char *
hs_demo_server_get_cdn_base_url (HsDemoServer *self)
{
  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), NULL);
  g_return_val_if_fail (self->base_url != NULL, NULL);

  return g_strconcat (self->base_url, "/cdn", NULL);
}

char *
hs_demo_server_get_short_link_base (HsDemoServer *self)
{
  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), NULL);
  g_return_val_if_fail (self->base_url != NULL, NULL);

  return g_strconcat (self->base_url, "/xhslink", NULL);
}

void
hs_demo_server_set_requests_per_minute (HsDemoServer *self,
                                        guint         n)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  if (self->requests_per_minute == n)
    return;

  self->requests_per_minute = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUESTS_PER_MINUTE]);
}

guint
hs_demo_server_get_requests_per_minute (HsDemoServer *self)
{
  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), 0);

  return self->requests_per_minute;
}

void
hs_demo_server_set_slow_delay_ms (HsDemoServer *self,
                                  guint         delay_ms)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  if (self->slow_delay_ms == delay_ms)
    return;

  self->slow_delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLOW_DELAY_MS]);
}

guint
hs_demo_server_get_slow_delay_ms (HsDemoServer *self)
{
  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), 0);

  return self->slow_delay_ms;
}

void
hs_demo_server_set_clock (HsDemoServer    *self,
                          HsDemoClockFunc  clock_func,
                          gpointer         user_data)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  self->clock_func = clock_func;
  self->clock_data = user_data;
}

void
hs_demo_server_set_search_fault_page (HsDemoServer *self,
                                      guint         page)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  self->search_fault_page = page;
}

void
hs_demo_server_set_search_repeat (HsDemoServer *self,
                                  guint         times)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));
  g_return_if_fail (times >= 1);

  self->search_repeat = times;
}

void
hs_demo_server_reset_faults (HsDemoServer *self)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  self->flaky_failures = 0;
  g_hash_table_remove_all (self->rate_windows);
}

GPtrArray *
hs_demo_server_get_request_log (HsDemoServer *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), NULL);

  copy = g_ptr_array_new_full (self->request_log->len, (GDestroyNotify) hs_demo_request_unref);
  for (guint i = 0; i < self->request_log->len; i++)
    g_ptr_array_add (copy, hs_demo_request_ref (g_ptr_array_index (self->request_log, i)));

  return copy;
}

void
hs_demo_server_clear_request_log (HsDemoServer *self)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  g_ptr_array_set_size (self->request_log, 0);
}

void
hs_demo_server_set_media_rate (HsDemoServer *self,
                               guint         bytes_per_second)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));
  self->media_bytes_per_second = bytes_per_second;
}

void
hs_demo_server_set_media_ranges (HsDemoServer *self,
                                 gboolean      ranges)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));
  self->media_ranges = ranges;
}
