#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hs-credentials.h"
#include "hs-preferences-window.h"
#include "hs-urls.h"
#include "hs-texture-cache.h"

struct _HsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  HsApplication        *application;
  HsConfig             *config;
  GSettings            *settings;   /* NULL without the installed schema */
  GCancellable         *cancellable;
  gboolean              token_stored;
  gboolean              secret_stored;

  AdwPreferencesGroup  *access_group;
  AdwPasswordEntryRow  *token_row;
  GtkWidget            *token_stored_icon;
  GtkWidget            *clear_token_button;
  AdwEntryRow          *app_key_row;
  AdwPasswordEntryRow  *app_secret_row;
  GtkWidget            *secret_stored_icon;
  GtkWidget            *clear_secret_button;
  AdwEntryRow          *api_base_url_row;
  GtkAdjustment        *requests_adjustment;
  AdwEntryRow          *referer_row;
  GtkAdjustment        *cache_size_adjustment;
};

G_DEFINE_FINAL_TYPE (HsPreferencesWindow, hs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_APPLICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  HsPreferencesWindow *self;
  HsCredentialKind     kind;
  char                *value;   /* NULL when clearing */
} CredentialOp;

static CredentialOp *
credential_op_new (HsPreferencesWindow *self,
                   HsCredentialKind     kind,
                   const char          *value)
{
  CredentialOp *op = g_new0 (CredentialOp, 1);

  op->self = g_object_ref (self);
  op->kind = kind;
  op->value = g_strdup (value);
  return op;
}

static void
credential_op_free (CredentialOp *op)
{
  g_clear_object (&op->self);
  /* The secret does not outlive its use in memory we free. */
  if (op->value != NULL)
    memset (op->value, 0, strlen (op->value));
  g_free (op->value);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CredentialOp, credential_op_free)

static void
toast (HsPreferencesWindow *self,
       const char          *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
update_access_group (HsPreferencesWindow *self)
{
  gboolean demo = hs_application_get_demo_server (self->application) != NULL;
  gboolean token_env = hs_credentials_has_env_override (HS_CREDENTIAL_ACCESS_TOKEN);
  gboolean secret_env = hs_credentials_has_env_override (HS_CREDENTIAL_APP_SECRET);
  const char *description;

  if (demo)
    description = _("Demo mode uses the demo server’s own token until Hongshu quits. What you set here applies to the real API.");
  else if (token_env)
    description = _("The environment variable HONGSHU_ACCESS_TOKEN is set: it is used instead of the token stored here.");
  else
    description = _("The access token of your app on the Xiaohongshu Open Platform. The token and the app secret are kept in the keyring, never in the settings.");
  adw_preferences_group_set_description (self->access_group, description);

  gtk_widget_set_visible (self->token_stored_icon, self->token_stored);
  gtk_widget_set_visible (self->clear_token_button, self->token_stored);
  gtk_widget_set_visible (self->secret_stored_icon, self->secret_stored);
  gtk_widget_set_visible (self->clear_secret_button, self->secret_stored);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), !token_env);
  gtk_widget_set_sensitive (GTK_WIDGET (self->app_secret_row), !secret_env);
}

static void
stored_state_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CredentialOp) op = user_data;
  HsPreferencesWindow *self = op->self;
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;
  gboolean stored;

  value = hs_credentials_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  stored = value != NULL && *value != '\0';
  if (value != NULL)
    memset (value, 0, strlen (value));

  if (op->kind == HS_CREDENTIAL_ACCESS_TOKEN)
    self->token_stored = stored;
  else
    self->secret_stored = stored;
  update_access_group (self);
}

/* Whether something is stored for the current API origin: the rows never
 * show a secret, only that there is one. */
static void
refresh_stored_state (HsPreferencesWindow *self)
{
  const char *origin = hs_application_get_credential_origin (self->application);

  self->token_stored = FALSE;
  self->secret_stored = FALSE;
  update_access_group (self);

  if (!hs_credentials_has_env_override (HS_CREDENTIAL_ACCESS_TOKEN))
    hs_credentials_lookup_async (HS_CREDENTIAL_ACCESS_TOKEN, origin, self->cancellable,
                                 stored_state_cb,
                                 credential_op_new (self, HS_CREDENTIAL_ACCESS_TOKEN, NULL));
  if (!hs_credentials_has_env_override (HS_CREDENTIAL_APP_SECRET))
    hs_credentials_lookup_async (HS_CREDENTIAL_APP_SECRET, origin, self->cancellable,
                                 stored_state_cb,
                                 credential_op_new (self, HS_CREDENTIAL_APP_SECRET, NULL));
}

static void
hand_to_application (HsPreferencesWindow *self,
                     HsCredentialKind     kind,
                     const char          *value)
{
  if (kind == HS_CREDENTIAL_ACCESS_TOKEN)
    {
      self->token_stored = value != NULL;
      hs_application_set_access_token (self->application, value);
    }
  else
    {
      self->secret_stored = value != NULL;
      hs_application_set_app_secret (self->application, value);
    }
  update_access_group (self);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CredentialOp) op = user_data;
  g_autoptr(GError) error = NULL;

  if (!hs_credentials_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (op->self, error->message);
      return;
    }

  hand_to_application (op->self, op->kind, op->value);
  toast (op->self, op->kind == HS_CREDENTIAL_ACCESS_TOKEN
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

  if (!hs_credentials_clear_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (op->self, error->message);
      return;
    }

  hand_to_application (op->self, op->kind, NULL);
  toast (op->self, op->kind == HS_CREDENTIAL_ACCESS_TOKEN
                   ? _("Access token removed")
                   : _("App secret removed"));
}

static void
store_from_row (HsPreferencesWindow *self,
                AdwEntryRow         *row,
                HsCredentialKind     kind)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  /* The row is emptied at once: the secret is not left on screen. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  if (*value == '\0')
    return;

  hs_credentials_store_async (kind, hs_application_get_credential_origin (self->application), value,
                              self->cancellable, stored_cb,
                              credential_op_new (self, kind, value));
  memset (value, 0, strlen (value));
}

static void
token_apply_cb (HsPreferencesWindow *self)
{
  store_from_row (self, ADW_ENTRY_ROW (self->token_row), HS_CREDENTIAL_ACCESS_TOKEN);
}

static void
app_secret_apply_cb (HsPreferencesWindow *self)
{
  store_from_row (self, ADW_ENTRY_ROW (self->app_secret_row), HS_CREDENTIAL_APP_SECRET);
}

static void
clear_credential (HsPreferencesWindow *self,
                  HsCredentialKind     kind)
{
  hs_credentials_clear_async (kind, hs_application_get_credential_origin (self->application),
                              self->cancellable, cleared_cb,
                              credential_op_new (self, kind, NULL));
}

static void
clear_token_cb (HsPreferencesWindow *self)
{
  clear_credential (self, HS_CREDENTIAL_ACCESS_TOKEN);
}

static void
clear_secret_cb (HsPreferencesWindow *self)
{
  clear_credential (self, HS_CREDENTIAL_APP_SECRET);
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
row_changed_cb (AdwEntryRow *row)
{
  set_row_error (row, FALSE);
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
      toast (self, error->message);
      return FALSE;
    }

  set_row_error (self->api_base_url_row, FALSE);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "api-base-url", hs_config_get_api_base_url (scratch));
  else
    hs_config_set_api_base_url (self->config, hs_config_get_api_base_url (scratch), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->api_base_url_row), hs_config_get_api_base_url (scratch));
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
referer_apply_cb (HsPreferencesWindow *self)
{
  g_autofree char *referer = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->referer_row))));

  if (!hs_urls_is_web (referer))
    {
      set_row_error (self->referer_row, TRUE);
      toast (self, _("The Referer must be an http or https address"));
      return;
    }

  set_row_error (self->referer_row, FALSE);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "media-referer", referer);
  else
    hs_config_set_media_referer (self->config, referer);
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
}

static void
clear_cache_cb (HsPreferencesWindow *self)
{
  /* The decoded pictures in memory too, or they would outlive their files. */
  hs_texture_cache_clear (hs_texture_cache_get_default ());
  hs_media_loader_clear_cache_async (hs_application_get_media_loader (self->application),
                                     self->cancellable,
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

  self->config = g_object_ref (hs_application_get_config (self->application));
  self->settings = hs_config_get_settings (self->config);
  if (self->settings != NULL)
    g_object_ref (self->settings);

  load_text (self, self->api_base_url_row, "api-base-url", hs_config_get_api_base_url (self->config));
  load_text (self, self->app_key_row, "app-key", hs_config_get_app_key (self->config));
  load_text (self, self->referer_row, "media-referer", hs_config_get_media_referer (self->config));
  bind_number (self, "requests-per-minute", self->requests_adjustment);
  bind_number (self, "media-cache-size-mb", self->cache_size_adjustment);

  /* Secrets are per origin: another address has other ones. */
  g_signal_connect_object (self->config, "notify::api-origin",
                           G_CALLBACK (refresh_stored_state), self, G_CONNECT_SWAPPED);
  refresh_stored_state (self);
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
  g_clear_object (&self->application);

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
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
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
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
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

  /* Not GtkWindow:application, which would make it one of the app's
   * windows to track; this one only needs the app's objects. */
  properties[PROP_APPLICATION] =
    g_param_spec_object ("hs-application", NULL, NULL,
                         HS_TYPE_APPLICATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, access_group);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, token_stored_icon);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, clear_token_button);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, app_key_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, app_secret_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, secret_stored_icon);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, clear_secret_button);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, api_base_url_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, requests_adjustment);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, referer_row);
  gtk_widget_class_bind_template_child (widget_class, HsPreferencesWindow, cache_size_adjustment);
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
hs_preferences_window_new (HsApplication *application)
{
  return g_object_new (HS_TYPE_PREFERENCES_WINDOW,
                       "hs-application", application,
                       NULL);
}

void
hs_preferences_window_focus_access_token (HsPreferencesWindow *self)
{
  g_return_if_fail (HS_IS_PREFERENCES_WINDOW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->token_row));
}
