#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "hs-credentials.h"
#include "hs-error.h"

static const SecretSchema *
credentials_schema (void)
{
  static const SecretSchema schema = {
    HS_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "api-origin", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static const char *
kind_attribute (HsCredentialKind kind)
{
  switch (kind)
    {
    case HS_CREDENTIAL_ACCESS_TOKEN:
      return "access-token";
    case HS_CREDENTIAL_APP_SECRET:
      return "app-secret";
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
kind_label (HsCredentialKind kind)
{
  switch (kind)
    {
    case HS_CREDENTIAL_ACCESS_TOKEN:
      /* TRANSLATORS: label of the keyring item, shown in Seahorse / Passwords and Keys */
      return _("Hongshu access token");
    case HS_CREDENTIAL_APP_SECRET:
      /* TRANSLATORS: label of the keyring item, shown in Seahorse / Passwords and Keys */
      return _("Hongshu app secret");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
hs_credentials_get_env_var_name (HsCredentialKind kind)
{
  switch (kind)
    {
    case HS_CREDENTIAL_ACCESS_TOKEN:
      return "HONGSHU_ACCESS_TOKEN";
    case HS_CREDENTIAL_APP_SECRET:
      return "HONGSHU_APP_SECRET";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
hs_credentials_has_env_override (HsCredentialKind kind)
{
  const char *name = hs_credentials_get_env_var_name (kind);
  const char *value = name != NULL ? g_getenv (name) : NULL;

  return value != NULL && *value != '\0';
}

/* Always carries "api-origin" (empty for none): the Secret Service matches
 * items that have MORE attributes than asked for, so leaving it out would let
 * an origin-less lookup find a token meant for one particular origin.
 *
 * The values are copies: libsecret keeps the table until the keyring
 * answers, and the caller may free its @api_origin before that. */
static GHashTable *
make_attributes (HsCredentialKind  kind,
                 const char       *api_origin)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "kind", g_strdup (kind_attribute (kind)));
  g_hash_table_insert (attributes, (gpointer) "api-origin",
                       g_strdup (api_origin != NULL ? api_origin : ""));
  return attributes;
}

/* The task of one call for a @kind that has a keyring entry. */
static GTask *
keyring_task_new (HsCredentialKind     kind,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GTask *task;

  g_return_val_if_fail (kind == HS_CREDENTIAL_ACCESS_TOKEN || kind == HS_CREDENTIAL_APP_SECRET, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  return task;
}

/* libsecret's errors say "org.freedesktop.DBus.Error.ServiceUnknown" and the
 * like; say what it means for the user and keep the detail after it. */
static void
return_keyring_error (GTask  *task,
                      GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_new_error (task, HS_ERROR, HS_ERROR_FAILED,
                           /* TRANSLATORS: %s is the technical reason */
                           _("The keyring (Secret Service) is not available: %s"),
                           error->message);
  g_error_free (error);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *value = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      return_keyring_error (task, error);
      return;
    }

  /* Callers free with g_free(), as for the environment's value; wipe the
   * libsecret copy now rather than hand out two kinds of memory. */
  g_task_return_pointer (task, g_strdup (value), g_free);
  secret_password_free (value);
}

void
hs_credentials_lookup_async (HsCredentialKind     kind,
                             const char          *api_origin,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  const char *env_name;

  task = keyring_task_new (kind, cancellable, callback, user_data, hs_credentials_lookup_async);
  if (task == NULL)
    return;

  env_name = hs_credentials_get_env_var_name (kind);
  if (hs_credentials_has_env_override (kind))
    {
      g_task_return_pointer (task, g_strdup (g_getenv (env_name)), g_free);
      return;
    }

  attributes = make_attributes (kind, api_origin);
  secret_password_lookupv (credentials_schema (), attributes, cancellable,
                           lookup_cb, g_steal_pointer (&task));
}

/**
 * hs_credentials_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the secret, or NULL without an error
 *   when none is stored. Free it with g_free().
 */
char *
hs_credentials_lookup_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_credentials_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  HsCredentialKind  kind;
  GHashTable       *attributes;
  char             *value;
  char             *keyring_message;  /* why the default collection refused */
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_clear_pointer (&data->attributes, g_hash_table_unref);
  /* The secret does not outlive its use in memory we free. */
  if (data->value != NULL)
    memset (data->value, 0, strlen (data->value));
  g_free (data->value);
  g_free (data->keyring_message);
  g_free (data);
}

static void
store_in_session_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StoreData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, HS_ERROR, HS_ERROR_FAILED,
                                 /* TRANSLATORS: %s is the technical reason, then the
                                  * environment variable's name (HONGSHU_ACCESS_TOKEN) */
                                 _("The keyring could not store it: %s. Create or unlock a keyring (for example in Passwords and Keys), or set the environment variable %s instead."),
                                 data->keyring_message,
                                 hs_credentials_get_env_var_name (data->kind));
      return;
    }

  g_task_return_pointer (task,
                         g_strdup_printf (
                           /* TRANSLATORS: %s is the technical reason, then the environment
                            * variable's name (HONGSHU_ACCESS_TOKEN) */
                           _("Kept only until you log out: the keyring could not store it (%s). To keep it, create or unlock a keyring (for example in Passwords and Keys), or set the environment variable %s."),
                           data->keyring_message,
                           hs_credentials_get_env_var_name (data->kind)),
                         g_free);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StoreData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (secret_password_store_finish (result, &error))
    {
      g_task_return_pointer (task, g_strdup (""), g_free);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* gnome-keyring started by D-Bus activation has no "login" collection and,
   * without a prompter, cannot create one: the session collection still
   * works until logout, so the token is usable now and the person is told. */
  data->keyring_message = g_strdup (error->message);
  secret_password_storev (credentials_schema (), data->attributes, SECRET_COLLECTION_SESSION,
                          kind_label (data->kind), data->value, g_task_get_cancellable (task),
                          store_in_session_cb, g_object_ref (task));
}

void
hs_credentials_store_async (HsCredentialKind     kind,
                            const char          *api_origin,
                            const char          *value,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StoreData *data;

  g_return_if_fail (value != NULL);

  task = keyring_task_new (kind, cancellable, callback, user_data, hs_credentials_store_async);
  if (task == NULL)
    return;

  data = g_new0 (StoreData, 1);
  data->kind = kind;
  data->attributes = make_attributes (kind, api_origin);
  data->value = g_strdup (value);
  g_task_set_task_data (task, data, (GDestroyNotify) store_data_free);

  /* The default collection (NULL): libsecret and the keyring pick it, and a
   * desktop without one prompts to create it. */
  secret_password_storev (credentials_schema (), data->attributes, SECRET_COLLECTION_DEFAULT,
                          kind_label (kind), value, cancellable,
                          store_cb, g_steal_pointer (&task));
}

/**
 * hs_credentials_store_finish:
 * @warning: (out) (optional) (transfer full): set to a translated sentence
 *   when the secret was kept only for this session, else to NULL
 *
 * Returns: whether the secret is stored.
 */
gboolean
hs_credentials_store_finish (GAsyncResult  *result,
                             char         **warning,
                             GError       **error)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_credentials_store_async, FALSE);

  if (warning != NULL)
    *warning = NULL;
  message = g_task_propagate_pointer (G_TASK (result), error);
  if (message == NULL)
    return FALSE;
  if (warning != NULL && *message != '\0')
    *warning = g_steal_pointer (&message);
  return TRUE;
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error just means nothing was stored. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    return_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
hs_credentials_clear_async (HsCredentialKind     kind,
                            const char          *api_origin,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  task = keyring_task_new (kind, cancellable, callback, user_data, hs_credentials_clear_async);
  if (task == NULL)
    return;

  attributes = make_attributes (kind, api_origin);
  secret_password_clearv (credentials_schema (), attributes, cancellable,
                          clear_cb, g_steal_pointer (&task));
}

gboolean
hs_credentials_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_credentials_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
