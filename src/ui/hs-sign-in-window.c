#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hs-media-actions.h"
#include "hs-sign-in-window.h"
#include "hs-urls.h"

/* The page's own name for the person, where the site shows one (the demo's
 * home page does; the real site's header has varied). */
#define WHO_SCRIPT \
  "(function () {" \
  "  var e = document.querySelector ('[data-hongshu-user], .user-name, .user .name');" \
  "  return e ? e.textContent.trim () : '';" \
  "}) ()"

struct _HsSignInWindow
{
  AdwWindow           parent_instance;

  HsAccount          *account;
  char               *base_url;
  GCancellable       *cancellable;
  WebKitNetworkSession *session;
  WebKitWebView      *web_view;
  gboolean            storing;      /* the cookie is on its way to the keyring */
  gboolean            stored;       /* ... and arrived: finish once the page has loaded */

  AdwWindowTitle     *title;
  GtkRevealer        *error_revealer;
  GtkLabel           *error_label;
  GtkWidget          *view_box;
};

G_DEFINE_FINAL_TYPE (HsSignInWindow, hs_sign_in_window, ADW_TYPE_WINDOW)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
wipe_free (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

gboolean
hs_sign_in_window_allows_uri (const char *base_url,
                              const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GUri) base = NULL;

  if (uri == NULL)
    return FALSE;
  if (strcmp (uri, "about:blank") == 0)
    return TRUE;

  parsed = hs_urls_parse_web (uri);
  if (parsed == NULL)
    return FALSE;
  if (hs_urls_host_is_note_site (g_uri_get_host (parsed)))
    return TRUE;
  /* The demo server or HONGSHU_WEB_BASE_URL stands in for the site. */
  base = base_url != NULL ? hs_urls_parse_web (base_url) : NULL;
  return base != NULL && hs_urls_same_origin (base, parsed);
}

static void
show_error (HsSignInWindow *self,
            const char     *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
who_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(HsSignInWindow) self = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autofree char *who = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (value != NULL && jsc_value_is_string (value))
    who = jsc_value_to_string (value);
  if (who != NULL && *g_strstrip (who) == '\0')
    g_clear_pointer (&who, g_free);

  g_signal_emit (self, signals[SIGNED_IN], 0, who);
  gtk_window_close (GTK_WINDOW (self));
}

/* Signed in and the page has settled: ask it who, then close. */
static void
finish (HsSignInWindow *self)
{
  if (!self->stored || webkit_web_view_is_loading (self->web_view))
    return;
  self->stored = FALSE;
  webkit_web_view_evaluate_javascript (self->web_view, WHO_SCRIPT, -1, NULL, NULL,
                                       self->cancellable, who_cb, g_object_ref (self));
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HsSignInWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;

  if (!hs_account_store_finish (HS_ACCOUNT (object), result, &warning, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->storing = FALSE;
      show_error (self, error->message);
      return;
    }
  /* Kept for this session only: the account says so; the person is signed in. */
  if (warning != NULL)
    g_message ("%s", warning);
  self->stored = TRUE;
  finish (self);
}

/* The site's cookies, for its own hosts only, as one Cookie header value;
 * NULL until `web_session` is among them. */
static char *
site_cookie_header (HsSignInWindow *self,
                    GList          *cookies)
{
  g_autoptr(GUri) base = hs_urls_parse_web (self->base_url);
  g_autoptr(GString) header = g_string_new (NULL);
  gboolean has_session = FALSE;

  for (GList *l = cookies; l != NULL; l = l->next)
    {
      SoupCookie *cookie = l->data;
      const char *domain = soup_cookie_get_domain (cookie);
      const char *name = soup_cookie_get_name (cookie);
      const char *value = soup_cookie_get_value (cookie);
      const char *host = domain != NULL && *domain == '.' ? domain + 1 : domain;

      if (name == NULL || value == NULL || *value == '\0')
        continue;
      if (!hs_urls_host_is_note_site (host) &&
          !(base != NULL && soup_cookie_domain_matches (cookie, g_uri_get_host (base))))
        continue;
      if (strcmp (name, "web_session") == 0)
        has_session = TRUE;
      if (header->len > 0)
        g_string_append (header, "; ");
      g_string_append_printf (header, "%s=%s", name, value);
    }

  if (!has_session)
    {
      if (header->len > 0)
        memset (header->str, 0, header->len);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&header), FALSE);
}

static void
cookies_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HsSignInWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GList *cookies;
  char *header;

  cookies = webkit_cookie_manager_get_all_cookies_finish (WEBKIT_COOKIE_MANAGER (object),
                                                          result, &error);
  if (error != NULL || self->storing)
    {
      g_list_free_full (cookies, (GDestroyNotify) soup_cookie_free);
      return;
    }

  header = site_cookie_header (self, cookies);
  g_list_free_full (cookies, (GDestroyNotify) soup_cookie_free);
  if (header == NULL)
    return;

  self->storing = TRUE;
  hs_account_store_async (self->account, HS_CREDENTIAL_WEB_COOKIE, header,
                          self->cancellable, stored_cb, g_object_ref (self));
  wipe_free (header);
}

static void
cookies_changed_cb (HsSignInWindow *self)
{
  if (self->storing)
    return;
  webkit_cookie_manager_get_all_cookies (webkit_network_session_get_cookie_manager (self->session),
                                         self->cancellable, cookies_cb, g_object_ref (self));
}

/* The page's title under the window's: followed as it changes, since
 * WebKit may tell it after the load has finished. */
static void
page_title_cb (HsSignInWindow *self)
{
  const char *title = webkit_web_view_get_title (self->web_view);

  adw_window_title_set_subtitle (self->title, title != NULL ? title : "");
}

static void
load_changed_cb (HsSignInWindow  *self,
                 WebKitLoadEvent  event)
{
  if (event == WEBKIT_LOAD_FINISHED)
    finish (self);
}

static gboolean
decide_policy_cb (HsSignInWindow           *self,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type)
{
  WebKitNavigationAction *action;
  const char *uri;

  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      type != WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  /* Frames inside the page are the site's business; only where the view
   * itself goes is kept on the site. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      webkit_navigation_action_get_frame_name (action) != NULL)
    return FALSE;

  if (hs_sign_in_window_allows_uri (self->base_url, uri))
    {
      if (type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
        {
          /* One view: a popup of the site's opens here instead. */
          webkit_policy_decision_ignore (decision);
          webkit_web_view_load_uri (self->web_view, uri);
          return TRUE;
        }
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);
  /* A link the person followed goes to their browser; a redirect the page
   * made on its own goes nowhere. */
  if (webkit_navigation_action_is_user_gesture (action) && hs_urls_is_web (uri))
    hs_media_open_uri (GTK_WIDGET (self), uri);
  return TRUE;
}

static void
hs_sign_in_window_dispose (GObject *object)
{
  HsSignInWindow *self = (HsSignInWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (webkit_network_session_get_cookie_manager (self->session), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_SIGN_IN_WINDOW);
  self->web_view = NULL;
  g_clear_object (&self->session);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (hs_sign_in_window_parent_class)->dispose (object);
}

static void
hs_sign_in_window_finalize (GObject *object)
{
  HsSignInWindow *self = (HsSignInWindow *)object;

  g_free (self->base_url);

  G_OBJECT_CLASS (hs_sign_in_window_parent_class)->finalize (object);
}

static void
hs_sign_in_window_class_init (HsSignInWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_sign_in_window_dispose;
  object_class->finalize = hs_sign_in_window_finalize;

  /* @who: (nullable): the name the page shows for the person. */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-sign-in-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HsSignInWindow, title);
  gtk_widget_class_bind_template_child (widget_class, HsSignInWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, HsSignInWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, HsSignInWindow, view_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hs_sign_in_window_init (HsSignInWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

HsSignInWindow *
hs_sign_in_window_new (HsAccount  *account,
                       const char *base_url)
{
  HsSignInWindow *self;
  WebKitSettings *settings;
  g_autofree char *login = NULL;

  g_return_val_if_fail (HS_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  self = g_object_new (HS_TYPE_SIGN_IN_WINDOW, NULL);
  self->account = g_object_ref (account);
  self->base_url = g_strdup (base_url);

  /* Its own ephemeral session: the site's cookies never reach the note
   * views, and nothing is left on disk when the window goes. */
  self->session = webkit_network_session_new_ephemeral ();
  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "network-session", self->session,
                                 "vexpand", TRUE,
                                 "hexpand", TRUE,
                                 NULL);
  gtk_widget_set_name (GTK_WIDGET (self->web_view), "sign-in-view");
  settings = webkit_web_view_get_settings (self->web_view);
  /* The site's own page needs its scripts (the QR code, the phone form). */
  webkit_settings_set_enable_javascript (settings, TRUE);
  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  gtk_box_append (GTK_BOX (self->view_box), GTK_WIDGET (self->web_view));

  g_signal_connect_object (self->web_view, "decide-policy",
                           G_CALLBACK (decide_policy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-changed",
                           G_CALLBACK (load_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::title",
                           G_CALLBACK (page_title_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (webkit_network_session_get_cookie_manager (self->session), "changed",
                           G_CALLBACK (cookies_changed_cb), self, G_CONNECT_SWAPPED);

  login = g_strconcat (base_url, "/login", NULL);
  webkit_web_view_load_uri (self->web_view, login);
  return self;
}

WebKitWebView *
hs_sign_in_window_get_web_view (HsSignInWindow *self)
{
  g_return_val_if_fail (HS_IS_SIGN_IN_WINDOW (self), NULL);
  return self->web_view;
}
