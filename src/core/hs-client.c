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

/* ------------------------------------------------------------------------ */
/* HsClient                                                                 */

static void
update_session_timeout (HsClient *self)
{
  /* The precise deadline of a whole request is the exchange's
   * (send_attempt in hs-client-call.c). */
  hs_http_session_set_io_timeout (self->session, hs_config_get_request_timeout (self->config));
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

void
hs_client_emit_waiting (HsClient     *self,
                        guint         seconds,
                        const GError *reason)
{
  g_signal_emit (self, signals[WAITING], 0, seconds, reason);
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

  call = hs_client_call_new (CALL_NOTE);
  call->note_id = g_strdup (note_id);
  call->path = g_strconcat ("/v1/notes/", note_id, NULL);
  if (fields != NULL && *fields != '\0')
    hs_client_call_add_param (call, "fields", fields);
  g_task_set_task_data (task, call, (GDestroyNotify) hs_client_call_free);

  hs_client_call_start (task);
}

HsNote *
hs_client_get_note_finish (HsClient      *self,
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

  call = hs_client_call_new (CALL_SHORT_LINK);
  call->start_url = g_strdup (url);
  g_task_set_task_data (task, call, (GDestroyNotify) hs_client_call_free);

  hs_client_call_start (task);
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
