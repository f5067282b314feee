#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hs-credentials.h"
#include "hs-preferences-window.h"
#include "hs-urls.h"
#include "hs-preferences-window-private.h"
#include "hs-texture-cache.h"
#include "hs-web-account-group.h"

struct _HsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  HsAccount            *account;
  HsMediaLoader        *loader;
  HsConfig             *config;
  GSettings            *settings;   /* NULL without the installed schema */
  GCancellable         *cancellable;

  AdwPreferencesGroup  *access_group;
  HsWebAccountGroup    *web_account_group;
  AdwPasswordEntryRow  *token_row;
  GtkWidget            *token_stored_icon;
  GtkWidget            *clear_token_button;
  GtkWidget            *token_message_row;
  GtkLabel             *token_message;
  AdwEntryRow          *app_key_row;
  AdwPasswordEntryRow  *app_secret_row;
  GtkWidget            *secret_stored_icon;
  GtkWidget            *clear_secret_button;
  GtkWidget            *app_secret_message_row;
  GtkLabel             *app_secret_message;
  AdwEntryRow          *api_base_url_row;
  GtkWidget            *api_base_url_message_row;
  GtkLabel             *api_base_url_message;
  GtkAdjustment        *requests_adjustment;
  AdwEntryRow          *referer_row;
  GtkWidget            *referer_message_row;
  GtkLabel             *referer_message;
  GtkAdjustment        *cache_size_adjustment;
  GtkSwitch            *history_switch;
  AdwActionRow         *cache_row;
};

G_DEFINE_FINAL_TYPE (HsPreferencesWindow, hs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_MEDIA_LOADER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (HsPreferencesWindow *self,
       const char          *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* A message under its row, whole (a toast cuts long ones off); NULL hides it. */
static void
set_row_message (GtkWidget  *message_row,
                 GtkLabel   *label,
                 const char *message,
                 gboolean    is_error)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (message_row, message != NULL && *message != '\0');
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
}

static void
set_row_error (AdwEntryRow *row,
               gboolean     error)
{
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
update_access_group (HsPreferencesWindow *self)
{
  gboolean token_env = hs_credentials_has_env_override (HS_CREDENTIAL_ACCESS_TOKEN);
  gboolean secret_env = hs_credentials_has_env_override (HS_CREDENTIAL_APP_SECRET);
  gboolean token_stored = hs_account_get_token_stored (self->account);
  gboolean secret_stored = hs_account_get_app_secret_stored (self->account);
  const char *description;

  if (hs_account_get_fixed (self->account))
    description = _("Demo mode uses the demo server’s own token until Hongshu quits. What you set here applies to the real API.");
  else if (token_env)
    description = _("The environment variable HONGSHU_ACCESS_TOKEN is set: it is used instead of the token stored here.");
  else
    description = _("The access token of your app on the Xiaohongshu Open Platform. The token and the app secret are kept in the keyring, never in the settings.");
  adw_preferences_group_set_description (self->access_group, description);

  gtk_widget_set_visible (self->token_stored_icon, token_stored);
  gtk_widget_set_visible (self->clear_token_button, token_stored);
  gtk_widget_set_visible (self->secret_stored_icon, secret_stored);
  gtk_widget_set_visible (self->clear_secret_button, secret_stored);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), !token_env);
  gtk_widget_set_sensitive (GTK_WIDGET (self->app_secret_row), !secret_env);
}

/* A keyring that failed at start-up is said under the token row, with what
 * to do, before anyone types a token into it. */
static void
account_state_cb (HsPreferencesWindow *self)
{
  if (hs_account_get_state (self->account) == HS_ACCOUNT_STATE_KEYRING_UNAVAILABLE &&
      !gtk_widget_get_visible (self->token_message_row))
    {
      g_autofree char *message =
        g_strdup_printf (_("%s. Create or unlock a keyring (for example in Passwords and Keys), or set the environment variable %s instead."),
                         hs_account_get_error_message (self->account),
                         hs_credentials_get_env_var_name (HS_CREDENTIAL_ACCESS_TOKEN));

      set_row_message (self->token_message_row, self->token_message, message, TRUE);
    }
  update_access_group (self);
}

typedef struct
{
  HsPreferencesWindow *self;
  HsCredentialKind     kind;
} CredentialOp;

static CredentialOp *
credential_op_new (HsPreferencesWindow *self,
                   HsCredentialKind     kind)
{
  CredentialOp *op = g_new0 (CredentialOp, 1);

  op->self = g_object_ref (self);
  op->kind = kind;
  return op;
}

static void
credential_op_free (CredentialOp *op)
{
  g_clear_object (&op->self);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredentialOp, credential_op_free)

static AdwEntryRow *
credential_row (HsPreferencesWindow *self,
                HsCredentialKind     kind)
{
  return kind == HS_CREDENTIAL_ACCESS_TOKEN ? ADW_ENTRY_ROW (self->token_row)
                                            : ADW_ENTRY_ROW (self->app_secret_row);
}

static void
show_credential_message (HsPreferencesWindow *self,
                         HsCredentialKind     kind,
                         const char          *message,
                         gboolean             is_error)
{
  if (kind == HS_CREDENTIAL_ACCESS_TOKEN)
    set_row_message (self->token_message_row, self->token_message, message, is_error);
  else
    set_row_message (self->app_secret_message_row, self->app_secret_message, message, is_error);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CredentialOp) op = user_data;
  HsPreferencesWindow *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  AdwEntryRow *row = credential_row (self, op->kind);

  if (!hs_account_store_finish (HS_ACCOUNT (object), result, &warning, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* What was typed stays, so that nothing is lost; the whole reason and
       * what to do go under the row. */
      set_row_error (row, TRUE);
      show_credential_message (self, op->kind, error->message, TRUE);
      return;
    }

  /* Stored: the secret is not left on screen. */
  set_row_error (row, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  show_credential_message (self, op->kind, warning, FALSE);
  if (warning == NULL)
    toast (self, op->kind == HS_CREDENTIAL_ACCESS_TOKEN
                 ? _("Access token saved in the keyring")
                 : _("App secret saved in the keyring"));
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CredentialOp) op = user_data;
  g_autoptr(GError) error = NULL;

  if (!hs_account_clear_finish (HS_ACCOUNT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_credential_message (op->self, op->kind, error->message, TRUE);
      return;
    }

  show_credential_message (op->self, op->kind, NULL, FALSE);
  toast (op->self, op->kind == HS_CREDENTIAL_ACCESS_TOKEN
                   ? _("Access token removed")
                   : _("App secret removed"));
}

static void
store_from_row (HsPreferencesWindow *self,
                HsCredentialKind     kind)
{
  AdwEntryRow *row = credential_row (self, kind);
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*value != '\0')
    hs_account_store_async (self->account, kind, value, self->cancellable, stored_cb,
                            credential_op_new (self, kind));
  memset (value, 0, strlen (value));
}

static void
token_apply_cb (HsPreferencesWindow *self)
{
  store_from_row (self, HS_CREDENTIAL_ACCESS_TOKEN);
}

static void
app_secret_apply_cb (HsPreferencesWindow *self)
{
  store_from_row (self, HS_CREDENTIAL_APP_SECRET);
}

static void
clear_token_cb (HsPreferencesWindow *self)
{
  hs_account_clear_async (self->account, HS_CREDENTIAL_ACCESS_TOKEN, self->cancellable,
                          cleared_cb, credential_op_new (self, HS_CREDENTIAL_ACCESS_TOKEN));
}

static void
clear_secret_cb (HsPreferencesWindow *self)
{
  hs_account_clear_async (self->account, HS_CREDENTIAL_APP_SECRET, self->cancellable,
                          cleared_cb, credential_op_new (self, HS_CREDENTIAL_APP_SECRET));
}

static void
row_changed_cb (AdwEntryRow *row)
{
  set_row_error (row, FALSE);
}

/* Which address is in effect, and why when it is not the setting's. */
static void
update_api_base_url_message (HsPreferencesWindow *self)
{
  const char *effective = hs_config_get_api_base_url (self->config);
  const char *env = g_getenv ("HONGSHU_API_BASE_URL");
  g_autofree char *stored = self->settings ? g_settings_get_string (self->settings, "api-base-url")
                                           : NULL;
  g_autofree char *message = NULL;

  if (hs_account_get_fixed (self->account))
    message = g_strdup_printf (_("In use now: %s, the built-in demo server (demo mode). The address here applies to the real API."),
                               effective);
  else if (env != NULL && *env != '\0' && stored != NULL && g_strcmp0 (stored, effective) != 0)
    message = g_strdup_printf (_("In use now: %s, from the environment variable HONGSHU_API_BASE_URL."),
                               effective);
  else if (stored != NULL && g_strcmp0 (stored, effective) != 0)
    message = g_strdup_printf (_("In use now: %s, given with --api-base-url for this run."),
                               effective);
  set_row_message (self->api_base_url_message_row, self->api_base_url_message, message, FALSE);
}

gboolean
hs_preferences_window_apply_api_base_url (HsPreferencesWindow *self,
                                          const char          *text)
{
  g_autoptr(HsConfig) scratch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (HS_IS_PREFERENCES_WINDOW (self), FALSE);

  url = g_strstrip (g_strdup (text));

  /* HsConfig's own rules decide, on a copy, so an invalid address never
   * reaches the settings. */
  scratch = hs_config_new_with_settings (NULL);
  if (!hs_config_set_api_base_url (scratch, *url ? url : HS_CONFIG_DEFAULT_API_BASE_URL, &error))
    {
      set_row_error (self->api_base_url_row, TRUE);
      set_row_message (self->api_base_url_message_row, self->api_base_url_message,
                       error->message, TRUE);
      return FALSE;
    }

  set_row_error (self->api_base_url_row, FALSE);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "api-base-url", hs_config_get_api_base_url (scratch));
  else
    hs_config_set_api_base_url (self->config, hs_config_get_api_base_url (scratch), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->api_base_url_row), hs_config_get_api_base_url (scratch));
  update_api_base_url_message (self);
  return TRUE;
}

static void
api_base_url_apply_cb (HsPreferencesWindow *self)
{
  hs_preferences_window_apply_api_base_url (self, gtk_editable_get_text (GTK_EDITABLE (self->api_base_url_row)));
}

static void
app_key_apply_cb (HsPreferencesWindow *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->app_key_row))));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "app-key", key);
  else
    hs_config_set_app_key (self->config, key);
}

static void
show_referer_explanation (HsPreferencesWindow *self)
{
  set_row_message (self->referer_message_row, self->referer_message,
                   _("Sent as the HTTP “Referer” header: the picture servers answer only requests that name the Xiaohongshu website."),
                   FALSE);
}

gboolean
hs_preferences_window_apply_referer (HsPreferencesWindow *self,
                                     const char          *text)
{
  g_autofree char *referer = g_strstrip (g_strdup (text));

  g_return_val_if_fail (HS_IS_PREFERENCES_WINDOW (self), FALSE);

  if (!hs_urls_is_web (referer))
    {
      set_row_error (self->referer_row, TRUE);
      set_row_message (self->referer_message_row, self->referer_message,
                       _("This must be a website address that starts with http:// or https://"),
                       TRUE);
      return FALSE;
    }

  set_row_error (self->referer_row, FALSE);
  show_referer_explanation (self);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "media-referer", referer);
  else
    hs_config_set_media_referer (self->config, referer);
  return TRUE;
}

static void
referer_apply_cb (HsPreferencesWindow *self)
{
  hs_preferences_window_apply_referer (self, gtk_editable_get_text (GTK_EDITABLE (self->referer_row)));
}

/* Runs in a worker thread: a cache of thousands of files is not walked on
 * the main thread. */
static guint64
directory_size (GFile        *directory,
                GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) children = NULL;
  guint64 total = 0;

  children = g_file_enumerate_children (directory,
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_ALLOCATED_SIZE ","
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  if (children == NULL)
    return 0;

  for (;;)
    {
      GFileInfo *info;
      GFile *child;

      if (!g_file_enumerator_iterate (children, &info, &child, cancellable, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        total += directory_size (child, cancellable);
      else
        total += g_file_info_get_size (info);
    }
  return total;
}

static void
measure_cache_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_autoptr(GFile) directory = g_file_new_for_path (task_data);
  guint64 *size = g_new (guint64, 1);

  *size = directory_size (directory, cancellable);
  g_task_return_pointer (task, size, g_free);
}

static void
cache_measured_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  HsPreferencesWindow *self = HS_PREFERENCES_WINDOW (object);
  g_autofree guint64 *size = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autofree char *formatted = NULL;
  g_autofree char *subtitle = NULL;

  if (size == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  formatted = g_format_size (*size);
  /* TRANSLATORS: %s is a size such as "12.3 MB" */
  subtitle = g_strdup_printf (_("%s in use. Pictures and videos are fetched again when needed."),
                              formatted);
  adw_action_row_set_subtitle (self->cache_row, subtitle);
}

static void
measure_cache (HsPreferencesWindow *self)
{
  g_autoptr(GTask) task = NULL;
  const char *cache_dir = hs_media_loader_get_cache_dir (self->loader);

  if (cache_dir == NULL)
    return;
  task = g_task_new (self, self->cancellable, cache_measured_cb, NULL);
  g_task_set_source_tag (task, measure_cache);
  g_task_set_task_data (task, g_strdup (cache_dir), g_free);
  g_task_run_in_thread (task, measure_cache_thread);
}

static void
cache_cleared_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HsPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hs_media_loader_clear_cache_finish (HS_MEDIA_LOADER (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  toast (self, _("Media cache cleared"));
  measure_cache (self);
}

static void
clear_cache_cb (HsPreferencesWindow *self)
{
  /* The decoded pictures in memory too, or they would outlive their files. */
  hs_texture_cache_clear (hs_texture_cache_get_default ());
  hs_media_loader_clear_cache_async (self->loader, self->cancellable,
                                     cache_cleared_cb, g_object_ref (self));
}

static void
bind_number (HsPreferencesWindow *self,
             const char          *key,
             GtkAdjustment       *adjustment)
{
  /* Without the installed schema, the config itself is what we edit. */
  if (self->settings != NULL)
    g_settings_bind (self->settings, key, adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  else
    g_object_bind_property (self->config, key, adjustment, "value",
                            G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

static void
load_text (HsPreferencesWindow *self,
           AdwEntryRow         *row,
           const char          *key,
           const char          *config_value)
{
  g_autofree char *value = self->settings ? g_settings_get_string (self->settings, key)
                                          : g_strdup (config_value);

  gtk_editable_set_text (GTK_EDITABLE (row), value);
}

static void
hs_preferences_window_constructed (GObject *object)
{
  HsPreferencesWindow *self = (HsPreferencesWindow *)object;

  G_OBJECT_CLASS (hs_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (HS_IS_ACCOUNT (self->account));
  g_return_if_fail (HS_IS_MEDIA_LOADER (self->loader));

  self->config = g_object_ref (hs_account_get_config (self->account));
  self->settings = hs_config_get_settings (self->config);
  if (self->settings != NULL)
    g_object_ref (self->settings);

  load_text (self, self->api_base_url_row, "api-base-url", hs_config_get_api_base_url (self->config));
  load_text (self, self->app_key_row, "app-key", hs_config_get_app_key (self->config));
  load_text (self, self->referer_row, "media-referer", hs_config_get_media_referer (self->config));
  bind_number (self, "requests-per-minute", self->requests_adjustment);
  bind_number (self, "media-cache-size-mb", self->cache_size_adjustment);
  /* Read by the window as each note opens (hs-window-library.c). */
  if (self->settings != NULL)
    g_settings_bind (self->settings, "record-history", self->history_switch, "active",
                     G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->history_switch), FALSE);
  show_referer_explanation (self);
  update_api_base_url_message (self);

  g_signal_connect_object (self->config, "notify::api-base-url",
                           G_CALLBACK (update_api_base_url_message), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "notify::state",
                           G_CALLBACK (account_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "notify::fixed",
                           G_CALLBACK (update_access_group), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "notify::token-stored",
                           G_CALLBACK (update_access_group), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "notify::app-secret-stored",
                           G_CALLBACK (update_access_group), self, G_CONNECT_SWAPPED);
  account_state_cb (self);
  measure_cache (self);

  /* On the General page with the token: the two ways of reaching notes. */
  self->web_account_group = HS_WEB_ACCOUNT_GROUP (hs_web_account_group_new (self->account));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (self->access_group),
                                                                          ADW_TYPE_PREFERENCES_PAGE)),
                            ADW_PREFERENCES_GROUP (self->web_account_group));
}

static void
hs_preferences_window_dispose (GObject *object)
{
  HsPreferencesWindow *self = (HsPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->config);
  g_clear_object (&self->loader);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (hs_preferences_window_parent_class)->dispose (object);
}

static void
hs_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  HsPreferencesWindow *self = HS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    case PROP_MEDIA_LOADER:
      self->loader = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  HsPreferencesWindow *self = HS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_MEDIA_LOADER:
      g_value_set_object (value, self->loader);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_preferences_window_class_init (HsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hs_preferences_window_constructed;
  object_class->dispose = hs_preferences_window_dispose;
  object_class->get_property = hs_preferences_window_get_property;
  object_class->set_property = hs_preferences_window_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, HS_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MEDIA_LOADER] =
    g_param_spec_object ("media-loader", NULL, NULL, HS_TYPE_MEDIA_LOADER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, access_group);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, token_stored_icon);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, clear_token_button);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, token_message_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, token_message);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, app_key_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, app_secret_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, secret_stored_icon);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, clear_secret_button);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, app_secret_message_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, app_secret_message);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, api_base_url_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, api_base_url_message_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, api_base_url_message);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, requests_adjustment);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, referer_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, referer_message_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, referer_message);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, cache_size_adjustment);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, history_switch);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, cache_row);
  gtk_widget_class_bind_template_callback (widget_class, token_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, app_secret_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_token_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_secret_cb);
  gtk_widget_class_bind_template_callback (widget_class, api_base_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, app_key_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, referer_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_cache_cb);
}

static void
hs_preferences_window_init (HsPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hs_preferences_window_new (HsAccount     *account,
                           HsMediaLoader *loader)
{
  return g_object_new (HS_TYPE_PREFERENCES_WINDOW,
                       "account", account,
                       "media-loader", loader,
                       NULL);
}

void
hs_preferences_window_focus_access_token (HsPreferencesWindow *self)
{
  g_return_if_fail (HS_IS_PREFERENCES_WINDOW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
}

GtkWidget *
hs_preferences_window_get_access_token_row (HsPreferencesWindow *self)
{
  g_return_val_if_fail (HS_IS_PREFERENCES_WINDOW (self), NULL);
  return GTK_WIDGET (self->token_row);
}

const char *
hs_preferences_window_get_access_token_message (HsPreferencesWindow *self)
{
  g_return_val_if_fail (HS_IS_PREFERENCES_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (self->token_message_row))
    return NULL;
  return gtk_label_get_text (self->token_message);
}

void
hs_preferences_window_set_web_base_url (HsPreferencesWindow *self,
                                        const char          *web_base_url)
{
  g_return_if_fail (HS_IS_PREFERENCES_WINDOW (self));
  hs_web_account_group_set_web_base_url (self->web_account_group, web_base_url);
}

GtkWidget *
hs_preferences_window_get_web_account_group (HsPreferencesWindow *self)
{
  g_return_val_if_fail (HS_IS_PREFERENCES_WINDOW (self), NULL);
  return GTK_WIDGET (self->web_account_group);
}
