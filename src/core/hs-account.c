#include "config.h"

#include <string.h>

#include "hs-account.h"

struct _HsAccount
{
  GObject         parent_instance;

  HsConfig       *config;
  GCancellable   *cancellable;      /* the lookups in flight; replaced by each load */
  guint           pending;          /* lookups still running */
  gboolean        token_failed;     /* the keyring failed the token's lookup */

  HsAccountState  state;
  char           *access_token;
  char           *app_secret;
  char           *web_cookie;
  char           *error_message;
  gboolean        token_stored;
  gboolean        app_secret_stored;
  gboolean        fixed;
};

G_DEFINE_FINAL_TYPE (HsAccount, hs_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONFIG,
  PROP_STATE,
  PROP_HAS_TOKEN,
  PROP_TOKEN_STORED,
  PROP_APP_SECRET_STORED,
  PROP_FIXED,
  PROP_ERROR_MESSAGE,
  PROP_WEB_COOKIE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CREDENTIALS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GType
hs_account_state_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { HS_ACCOUNT_STATE_UNKNOWN, "HS_ACCOUNT_STATE_UNKNOWN", "unknown" },
    { HS_ACCOUNT_STATE_LOADING, "HS_ACCOUNT_STATE_LOADING", "loading" },
    { HS_ACCOUNT_STATE_NONE, "HS_ACCOUNT_STATE_NONE", "none" },
    { HS_ACCOUNT_STATE_PRESENT, "HS_ACCOUNT_STATE_PRESENT", "present" },
    { HS_ACCOUNT_STATE_KEYRING_UNAVAILABLE, "HS_ACCOUNT_STATE_KEYRING_UNAVAILABLE", "keyring-unavailable" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("HsAccountState"), values));
  return type;
}

static void
wipe_string (char **slot)
{
  /* Secrets do not linger in memory we free. */
  if (*slot != NULL)
    memset (*slot, 0, strlen (*slot));
  g_clear_pointer (slot, g_free);
}

static gboolean
replace_secret (char       **slot,
                const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  wipe_string (slot);
  *slot = g_strdup (value);
  return TRUE;
}

static void
set_state (HsAccount      *self,
           HsAccountState  state)
{
  gboolean had_token = hs_account_get_has_token (self);

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (had_token != hs_account_get_has_token (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_TOKEN]);
}

static void
set_error_message (HsAccount  *self,
                   const char *message)
{
  if (g_strcmp0 (self->error_message, message) == 0)
    return;
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
set_stored (HsAccount        *self,
            HsCredentialKind  kind,
            gboolean          stored)
{
  gboolean *slot = kind == HS_CREDENTIAL_ACCESS_TOKEN ? &self->token_stored
                                                      : &self->app_secret_stored;

  if (*slot == stored)
    return;
  *slot = stored;
  g_object_notify_by_pspec (G_OBJECT (self),
                            properties[kind == HS_CREDENTIAL_ACCESS_TOKEN ? PROP_TOKEN_STORED
                                                                          : PROP_APP_SECRET_STORED]);
}

/* Sets the value in use; TRUE when it changed. */
static gboolean
use_value (HsAccount        *self,
           HsCredentialKind  kind,
           const char       *value)
{
  return replace_secret (kind == HS_CREDENTIAL_ACCESS_TOKEN ? &self->access_token
                                                            : &self->app_secret,
                         value);
}

static HsAccountState
settled_state (HsAccount *self)
{
  if (self->access_token != NULL)
    return HS_ACCOUNT_STATE_PRESENT;
  return self->token_failed ? HS_ACCOUNT_STATE_KEYRING_UNAVAILABLE : HS_ACCOUNT_STATE_NONE;
}

typedef struct
{
  HsAccount        *self;
  GCancellable     *cancellable;
  HsCredentialKind  kind;
  char             *value;   /* store: what goes to the keyring */
} OpData;

static OpData *
op_data_new (HsAccount        *self,
             GCancellable     *cancellable,
             HsCredentialKind  kind,
             const char       *value)
{
  OpData *data = g_new0 (OpData, 1);

  data->self = g_object_ref (self);
  data->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  data->kind = kind;
  data->value = g_strdup (value);
  return data;
}

static void
op_data_free (OpData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->cancellable);
  wipe_string (&data->value);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpData, op_data_free)

static void
looked_up_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(OpData) data = user_data;
  HsAccount *self = data->self;
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed;

  value = hs_credentials_lookup_finish (result, &error);

  /* A newer load (another API origin) or the demo replaced this one. */
  if (data->cancellable != self->cancellable || g_cancellable_is_cancelled (data->cancellable))
    {
      wipe_string (&value);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (error != NULL)
    {
      g_message ("Credentials unavailable: %s", error->message);
      set_error_message (self, error->message);
      if (data->kind == HS_CREDENTIAL_ACCESS_TOKEN)
        self->token_failed = TRUE;
    }

  changed = use_value (self, data->kind, value);
  set_stored (self, data->kind,
              value != NULL && *value != '\0' && !hs_credentials_has_env_override (data->kind));
  wipe_string (&value);

  g_assert (self->pending > 0);
  if (changed)
    g_signal_emit (self, signals[CREDENTIALS_CHANGED], 0);
  if (--self->pending == 0)
    set_state (self, settled_state (self));
  g_object_thaw_notify (G_OBJECT (self));
}

void
hs_account_load (HsAccount *self)
{
  const HsCredentialKind kinds[] = { HS_CREDENTIAL_ACCESS_TOKEN, HS_CREDENTIAL_APP_SECRET };
  gboolean changed;

  g_return_if_fail (HS_IS_ACCOUNT (self));

  if (self->fixed)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_object_freeze_notify (G_OBJECT (self));
  /* The secrets of the previous origin must not ride along with requests to
   * the new one while the keyring answers. */
  changed = use_value (self, HS_CREDENTIAL_ACCESS_TOKEN, NULL);
  changed |= use_value (self, HS_CREDENTIAL_APP_SECRET, NULL);
  set_stored (self, HS_CREDENTIAL_ACCESS_TOKEN, FALSE);
  set_stored (self, HS_CREDENTIAL_APP_SECRET, FALSE);
  set_error_message (self, NULL);
  self->token_failed = FALSE;
  self->pending = G_N_ELEMENTS (kinds);
  if (changed)
    g_signal_emit (self, signals[CREDENTIALS_CHANGED], 0);
  set_state (self, HS_ACCOUNT_STATE_LOADING);
  g_object_thaw_notify (G_OBJECT (self));

  /* Secrets are kept per API origin: a token is never sent to another. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    hs_credentials_lookup_async (kinds[i], hs_config_get_api_origin (self->config),
                                 self->cancellable, looked_up_cb,
                                 op_data_new (self, self->cancellable, kinds[i], NULL));
}

static void
api_base_url_changed_cb (HsAccount *self)
{
  /* Before the first load, the application decides when to start. */
  if (self->state != HS_ACCOUNT_STATE_UNKNOWN)
    hs_account_load (self);
}

void
hs_account_set_fixed (HsAccount  *self,
                      const char *access_token,
                      const char *app_secret)
{
  gboolean changed;

  g_return_if_fail (HS_IS_ACCOUNT (self));

  g_cancellable_cancel (self->cancellable);
  self->pending = 0;
  self->token_failed = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  changed = use_value (self, HS_CREDENTIAL_ACCESS_TOKEN, access_token);
  changed |= use_value (self, HS_CREDENTIAL_APP_SECRET, app_secret);
  if (!self->fixed)
    {
      self->fixed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIXED]);
    }
  set_error_message (self, NULL);
  if (changed)
    g_signal_emit (self, signals[CREDENTIALS_CHANGED], 0);
  set_state (self, settled_state (self));
  g_object_thaw_notify (G_OBJECT (self));
}

/* After a keyring write of @value for the task's kind (NULL: a removal),
 * or its failure with @error (taken), which then fails @task.
 * Returns: whether the keyring call succeeded. */
static gboolean
keyring_done (GTask      *task,
              GError     *error,
              const char *value)
{
  OpData *data = g_task_get_task_data (task);
  HsAccount *self = data->self;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error_message (self, error->message);
      g_task_return_error (task, error);
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));
  set_error_message (self, NULL);
  set_stored (self, data->kind, value != NULL);
  /* The environment wins over the keyring, and the demo over both. */
  if (!self->fixed && !hs_credentials_has_env_override (data->kind) &&
      use_value (self, data->kind, value))
    {
      g_signal_emit (self, signals[CREDENTIALS_CHANGED], 0);
      if (self->pending == 0 && self->state != HS_ACCOUNT_STATE_UNKNOWN)
        set_state (self, settled_state (self));
    }
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpData *data = g_task_get_task_data (task);
  GError *error = NULL;
  char *warning = NULL;

  hs_credentials_store_finish (result, &warning, &error);
  if (keyring_done (task, error, data->value))
    g_task_return_pointer (task, warning, g_free);
}

void
hs_account_store_async (HsAccount           *self,
                        HsCredentialKind     kind,
                        const char          *value,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpData *data;

  g_return_if_fail (HS_IS_ACCOUNT (self));
  g_return_if_fail (value != NULL && *value != '\0');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_account_store_async);
  data = op_data_new (self, cancellable, kind, value);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);

  hs_credentials_store_async (kind, hs_config_get_api_origin (self->config), value,
                              cancellable, stored_cb, g_steal_pointer (&task));
}

gboolean
hs_account_store_finish (HsAccount     *self,
                         GAsyncResult  *result,
                         char         **warning,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *message;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_account_store_async, FALSE);

  /* NULL is both "no warning" and the failure: tell them apart by the error. */
  message = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (warning != NULL)
    *warning = message;
  else
    g_free (message);
  return TRUE;
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  hs_credentials_clear_finish (result, &error);
  if (keyring_done (task, error, NULL))
    g_task_return_boolean (task, TRUE);
}

void
hs_account_clear_async (HsAccount           *self,
                        HsCredentialKind     kind,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HS_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_account_clear_async);
  g_task_set_task_data (task, op_data_new (self, cancellable, kind, NULL),
                        (GDestroyNotify) op_data_free);

  hs_credentials_clear_async (kind, hs_config_get_api_origin (self->config),
                              cancellable, cleared_cb, g_steal_pointer (&task));
}

gboolean
hs_account_clear_finish (HsAccount     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_account_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
hs_account_constructed (GObject *object)
{
  HsAccount *self = (HsAccount *)object;

  G_OBJECT_CLASS (hs_account_parent_class)->constructed (object);

  g_return_if_fail (HS_IS_CONFIG (self->config));
  /* The config announces a new base URL only after its origin changed. */
  g_signal_connect_object (self->config, "notify::api-base-url",
                           G_CALLBACK (api_base_url_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
hs_account_dispose (GObject *object)
{
  HsAccount *self = (HsAccount *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (hs_account_parent_class)->dispose (object);
}

static void
hs_account_finalize (GObject *object)
{
  HsAccount *self = (HsAccount *)object;

  wipe_string (&self->access_token);
  wipe_string (&self->app_secret);
  wipe_string (&self->web_cookie);
  g_free (self->error_message);

  G_OBJECT_CLASS (hs_account_parent_class)->finalize (object);
}

static void
hs_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HsAccount *self = HS_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_HAS_TOKEN:
      g_value_set_boolean (value, hs_account_get_has_token (self));
      break;
    case PROP_TOKEN_STORED:
      g_value_set_boolean (value, self->token_stored);
      break;
    case PROP_APP_SECRET_STORED:
      g_value_set_boolean (value, self->app_secret_stored);
      break;
    case PROP_FIXED:
      g_value_set_boolean (value, self->fixed);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_WEB_COOKIE:
      g_value_set_string (value, self->web_cookie);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  HsAccount *self = HS_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;
    case PROP_WEB_COOKIE:
      hs_account_set_web_cookie (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_account_class_init (HsAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = hs_account_constructed;
  object_class->dispose = hs_account_dispose;
  object_class->finalize = hs_account_finalize;
  object_class->get_property = hs_account_get_property;
  object_class->set_property = hs_account_set_property;

  properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL, HS_TYPE_CONFIG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, HS_TYPE_ACCOUNT_STATE,
                       HS_ACCOUNT_STATE_UNKNOWN, ro);
  properties[PROP_HAS_TOKEN] = g_param_spec_boolean ("has-token", NULL, NULL, FALSE, ro);
  properties[PROP_TOKEN_STORED] = g_param_spec_boolean ("token-stored", NULL, NULL, FALSE, ro);
  properties[PROP_APP_SECRET_STORED] =
    g_param_spec_boolean ("app-secret-stored", NULL, NULL, FALSE, ro);
  properties[PROP_FIXED] = g_param_spec_boolean ("fixed", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_WEB_COOKIE] =
    g_param_spec_string ("web-cookie", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CREDENTIALS_CHANGED] =
    g_signal_new ("credentials-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hs_account_init (HsAccount *self)
{
  self->state = HS_ACCOUNT_STATE_UNKNOWN;
}

HsAccount *
hs_account_new (HsConfig *config)
{
  g_return_val_if_fail (HS_IS_CONFIG (config), NULL);
  return g_object_new (HS_TYPE_ACCOUNT, "config", config, NULL);
}

HsConfig *
hs_account_get_config (HsAccount *self)
{
  g_return_val_if_fail (HS_IS_ACCOUNT (self), NULL);
  return self->config;
}

gboolean
hs_account_get_fixed (HsAccount *self)
{
  g_return_val_if_fail (HS_IS_ACCOUNT (self), FALSE);
  return self->fixed;
}

HsAccountState
hs_account_get_state (HsAccount *self)
{
  g_return_val_if_fail (HS_IS_ACCOUNT (self), HS_ACCOUNT_STATE_UNKNOWN);
  return self->state;
}

gboolean
hs_account_get_is_ready (HsAccount *self)
{
  g_return_val_if_fail (HS_IS_ACCOUNT (self), FALSE);
  return self->state != HS_ACCOUNT_STATE_UNKNOWN && self->state != HS_ACCOUNT_STATE_LOADING;
}

gboolean
hs_account_get_has_token (HsAccount *self)
{
  g_return_val_if_fail (HS_IS_ACCOUNT (self), FALSE);
  return self->state == HS_ACCOUNT_STATE_PRESENT;
}

gboolean
hs_account_get_token_stored (HsAccount *self)
{
  g_return_val_if_fail (HS_IS_ACCOUNT (self), FALSE);
  return self->token_stored;
}

gboolean
hs_account_get_app_secret_stored (HsAccount *self)
{
  g_return_val_if_fail (HS_IS_ACCOUNT (self), FALSE);
  return self->app_secret_stored;
}

const char *
hs_account_get_error_message (HsAccount *self)
{
  g_return_val_if_fail (HS_IS_ACCOUNT (self), NULL);
  return self->error_message;
}

const char *
hs_account_get_access_token (HsAccount *self)
{
  g_return_val_if_fail (HS_IS_ACCOUNT (self), NULL);
  return self->access_token;
}

const char *
hs_account_get_app_secret (HsAccount *self)
{
  g_return_val_if_fail (HS_IS_ACCOUNT (self), NULL);
  return self->app_secret;
}

const char *
hs_account_get_web_cookie (HsAccount *self)
{
  g_return_val_if_fail (HS_IS_ACCOUNT (self), NULL);
  return self->web_cookie;
}

void
hs_account_set_web_cookie (HsAccount  *self,
                           const char *web_cookie)
{
  g_return_if_fail (HS_IS_ACCOUNT (self));

  if (replace_secret (&self->web_cookie, web_cookie))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEB_COOKIE]);
}
