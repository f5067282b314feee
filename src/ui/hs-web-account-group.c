#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hs-sign-in-window.h"
#include "hs-web-account-group.h"
#include "hs-web-source.h"

struct _HsWebAccountGroup
{
  AdwPreferencesGroup  parent_instance;

  HsAccount           *account;
  char                *web_base_url;
  GCancellable        *cancellable;
  GtkWindow           *sign_in_window;   /* weak */

  AdwActionRow        *state_row;
  GtkWidget           *sign_in_button;
  GtkWidget           *sign_out_button;
  AdwPasswordEntryRow *cookie_row;
  GtkWidget           *message_row;
  GtkLabel            *message_label;
};

G_DEFINE_FINAL_TYPE (HsWebAccountGroup, hs_web_account_group, ADW_TYPE_PREFERENCES_GROUP)

static void
toast (HsWebAccountGroup *self,
       const char        *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static void
set_message (HsWebAccountGroup *self,
             const char        *message,
             gboolean           is_error)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->message_row, message != NULL);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
}

static void
update (HsWebAccountGroup *self)
{
  gboolean signed_in = hs_account_get_web_cookie (self->account) != NULL;
  gboolean env = hs_credentials_has_env_override (HS_CREDENTIAL_WEB_COOKIE);

  if (env)
    adw_action_row_set_subtitle (self->state_row, _("Signed in through the environment variable"));
  else if (signed_in && hs_account_get_fixed (self->account))
    adw_action_row_set_subtitle (self->state_row, _("Signed in to the demo website until Hongshu quits"));
  else if (signed_in)
    adw_action_row_set_subtitle (self->state_row, _("Signed in"));
  else
    adw_action_row_set_subtitle (self->state_row, _("Not signed in: links with their xsec_token still open"));

  gtk_widget_set_visible (self->sign_in_button, !signed_in && !env);
  gtk_widget_set_visible (self->sign_out_button, signed_in && !env);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cookie_row), !env);

  if (env)
    {
      g_autofree char *note =
        g_strdup_printf (_("%s is set: Hongshu uses its cookies and ignores what is signed in here."),
                         hs_credentials_get_env_var_name (HS_CREDENTIAL_WEB_COOKIE));

      set_message (self, note, FALSE);
    }
}

static void
signed_in_cb (HsWebAccountGroup *self,
              const char        *who)
{
  g_autofree char *message = NULL;

  if (who != NULL)
    /* TRANSLATORS: %s is the person's name on Xiaohongshu */
    message = g_strdup_printf (_("Signed in as %s"), who);
  toast (self, message != NULL ? message : _("Signed in"));
}

static void
sign_in_cb (HsWebAccountGroup *self)
{
  hs_web_account_group_sign_in (self);
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HsWebAccountGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;

  if (!hs_account_store_finish (HS_ACCOUNT (object), result, &warning, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_message (self, error->message, TRUE);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->cookie_row), "");
  set_message (self, warning, FALSE);
  toast (self, _("Signed in"));
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HsWebAccountGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hs_account_clear_finish (HS_ACCOUNT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_message (self, error->message, TRUE);
      return;
    }
  set_message (self, NULL, FALSE);
  toast (self, _("Signed out"));
}

static void
sign_out_cb (HsWebAccountGroup *self)
{
  hs_account_clear_async (self->account, HS_CREDENTIAL_WEB_COOKIE, self->cancellable,
                          cleared_cb, g_object_ref (self));
}

gboolean
hs_web_account_group_apply_cookie (HsWebAccountGroup *self,
                                   const char        *text)
{
  g_autofree char *cookie = NULL;

  g_return_val_if_fail (HS_IS_WEB_ACCOUNT_GROUP (self), FALSE);

  cookie = g_strstrip (g_strdup (text != NULL ? text : ""));
  /* "Cookie: …" as copied from a browser's developer tools. */
  if (g_ascii_strncasecmp (cookie, "Cookie:", 7) == 0)
    {
      memmove (cookie, cookie + 7, strlen (cookie + 7) + 1);
      g_strstrip (cookie);
    }

  if (strstr (cookie, "web_session=") == NULL || strpbrk (cookie, "\r\n") != NULL)
    {
      set_message (self, _("This is not the site’s cookie string: it must hold web_session=… (copy the Cookie header of a signed-in www.xiaohongshu.com page)."), TRUE);
      memset (cookie, 0, strlen (cookie));
      return FALSE;
    }

  set_message (self, NULL, FALSE);
  hs_account_store_async (self->account, HS_CREDENTIAL_WEB_COOKIE, cookie, self->cancellable,
                          stored_cb, g_object_ref (self));
  memset (cookie, 0, strlen (cookie));
  return TRUE;
}

static void
cookie_apply_cb (HsWebAccountGroup *self)
{
  hs_web_account_group_apply_cookie (self, gtk_editable_get_text (GTK_EDITABLE (self->cookie_row)));
}

GtkWindow *
hs_web_account_group_sign_in (HsWebAccountGroup *self)
{
  HsSignInWindow *window;
  GtkRoot *root;

  g_return_val_if_fail (HS_IS_WEB_ACCOUNT_GROUP (self), NULL);

  if (self->sign_in_window != NULL)
    {
      gtk_window_present (self->sign_in_window);
      return self->sign_in_window;
    }

  window = hs_sign_in_window_new (self->account,
                                  self->web_base_url != NULL ? self->web_base_url
                                                             : HS_WEB_SOURCE_DEFAULT_BASE_URL);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  g_signal_connect_object (window, "signed-in", G_CALLBACK (signed_in_cb), self, G_CONNECT_SWAPPED);
  self->sign_in_window = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->sign_in_window);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static GtkWidget *
pill_button (const char *label,
             gboolean    destructive)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, destructive ? "destructive-action" : "suggested-action");
  return button;
}

static void
hs_web_account_group_dispose (GObject *object)
{
  HsWebAccountGroup *self = (HsWebAccountGroup *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->sign_in_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->sign_in_window), (gpointer *) &self->sign_in_window);
      self->sign_in_window = NULL;
    }
  g_clear_object (&self->account);

  G_OBJECT_CLASS (hs_web_account_group_parent_class)->dispose (object);
}

static void
hs_web_account_group_finalize (GObject *object)
{
  HsWebAccountGroup *self = (HsWebAccountGroup *)object;

  g_free (self->web_base_url);

  G_OBJECT_CLASS (hs_web_account_group_parent_class)->finalize (object);
}

static void
hs_web_account_group_class_init (HsWebAccountGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_web_account_group_dispose;
  object_class->finalize = hs_web_account_group_finalize;
}

static void
hs_web_account_group_init (HsWebAccountGroup *self)
{
  self->cancellable = g_cancellable_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Xiaohongshu Account"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Notes from share links are read from the Xiaohongshu website. Signing in lets it show the notes it keeps for signed-in visitors, and notes by their id alone."));

  self->state_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->state_row), "web-account-state");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row), _("Website Sign-in"));
  self->sign_in_button = pill_button (_("Sign _In…"), FALSE);
  self->sign_out_button = pill_button (_("Sign _Out"), TRUE);
  g_signal_connect_swapped (self->sign_in_button, "clicked", G_CALLBACK (sign_in_cb), self);
  g_signal_connect_swapped (self->sign_out_button, "clicked", G_CALLBACK (sign_out_cb), self);
  adw_action_row_add_suffix (self->state_row, self->sign_in_button);
  adw_action_row_add_suffix (self->state_row, self->sign_out_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->state_row));

  self->cookie_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cookie_row), _("Paste a Cookie String (Advanced)"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->cookie_row), TRUE);
  g_signal_connect_swapped (self->cookie_row, "apply", G_CALLBACK (cookie_apply_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->cookie_row));

  self->message_row = GTK_WIDGET (adw_preferences_row_new ());
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->message_row), FALSE);
  gtk_widget_set_focusable (self->message_row, FALSE);
  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->message_label), "web-account-message");
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_wrap_mode (self->message_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->message_label), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->message_label), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->message_label), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->message_label), 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->message_row), GTK_WIDGET (self->message_label));
  gtk_widget_set_visible (self->message_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->message_row);
}

GtkWidget *
hs_web_account_group_new (HsAccount *account)
{
  HsWebAccountGroup *self;

  g_return_val_if_fail (HS_IS_ACCOUNT (account), NULL);

  self = g_object_new (HS_TYPE_WEB_ACCOUNT_GROUP, NULL);
  self->account = g_object_ref (account);
  g_signal_connect_object (account, "notify::web-cookie", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}

void
hs_web_account_group_set_web_base_url (HsWebAccountGroup *self,
                                       const char        *web_base_url)
{
  g_return_if_fail (HS_IS_WEB_ACCOUNT_GROUP (self));

  g_free (self->web_base_url);
  self->web_base_url = g_strdup (web_base_url);
}

const char *
hs_web_account_group_get_state_text (HsWebAccountGroup *self)
{
  g_return_val_if_fail (HS_IS_WEB_ACCOUNT_GROUP (self), NULL);
  return adw_action_row_get_subtitle (self->state_row);
}

const char *
hs_web_account_group_get_message (HsWebAccountGroup *self)
{
  g_return_val_if_fail (HS_IS_WEB_ACCOUNT_GROUP (self), NULL);

  if (!gtk_widget_get_visible (self->message_row))
    return NULL;
  return gtk_label_get_text (self->message_label);
}
