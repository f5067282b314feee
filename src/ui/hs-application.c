#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "hs-account.h"
#include "hs-application.h"
#include "hs-preferences-window.h"
#include "hs-content-view.h"
#include "hs-grid-bench.h"
#include "hs-library-bench.h"
#include "hs-screenshot.h"
#include "hs-urls.h"
#include "hs-window.h"

struct _HsApplication
{
  AdwApplication  parent_instance;

  HsConfig       *config;
  HsAccount      *account;
  HsClient       *client;
  HsMediaLoader  *loader;
  HsDemoServer   *demo_server;
  HsLibrary      *library;              /* NULL until open */
  GCancellable   *cancellable;          /* the library's opening */

  GPtrArray      *pending_refs;         /* opened before the token was known */

  GtkWindow      *preferences;          /* weak */
};

G_DEFINE_FINAL_TYPE (HsApplication, hs_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the sample notes of a built-in demo server"), NULL },
  { "api-base-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Use the API at this address"), N_("URL") },
  { "open-clipboard", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the note link in the clipboard"), NULL },
  { "search", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Search notes for these words"), N_("KEYWORD") },
  { "tag", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Search notes with this tag"), N_("TAG") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, NULL, NULL },
  { NULL }
};

static HsWindow *
find_main_window (HsApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (HS_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
open_ref (HsApplication *self,
          const char    *text)
{
  /* Before the keyring has answered, a request would go without a token. */
  if (!hs_account_get_is_ready (self->account))
    {
      g_ptr_array_add (self->pending_refs, g_strdup (text));
      return;
    }

  hs_window_open (HS_WINDOW (hs_application_get_main_window (self)), text);
}

static void
account_state_changed_cb (HsApplication *self)
{
  g_autoptr(GPtrArray) pending = NULL;

  if (!hs_account_get_is_ready (self->account))
    return;

  pending = g_steal_pointer (&self->pending_refs);
  self->pending_refs = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < pending->len; i++)
    open_ref (self, g_ptr_array_index (pending, i));
}

/* The client sends what the account holds, and nothing else. */
static void
credentials_changed_cb (HsApplication *self)
{
  hs_client_set_access_token (self->client, hs_account_get_access_token (self->account));
  hs_client_set_app_secret (self->client, hs_account_get_app_secret (self->account));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  HsApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing, not quitting outright, so that each window saves its size. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static HsPreferencesWindow *
present_preferences (HsApplication *self)
{
  if (self->preferences == NULL)
    {
      self->preferences = GTK_WINDOW (hs_preferences_window_new (self->account, self->loader));
      g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *)&self->preferences);
    }

  gtk_window_set_transient_for (self->preferences,
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  /* Signing in happens on the site the window reads (the demo's in demo mode). */
  if (find_main_window (self) != NULL)
    hs_preferences_window_set_web_base_url (HS_PREFERENCES_WINDOW (self->preferences),
                                            hs_window_get_web_base_url (find_main_window (self)));
  gtk_window_present (self->preferences);
  return HS_PREFERENCES_WINDOW (self->preferences);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  present_preferences (user_data);
}

static void
set_access_token_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  hs_preferences_window_focus_access_token (present_preferences (user_data));
}

static void
demo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  HsApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  HsWindow *window;

  window = HS_WINDOW (hs_application_get_main_window (self));
  if (!hs_application_start_demo (self, &error))
    {
      hs_window_show_toast (window, error->message);
      return;
    }
  hs_window_open (window, HS_DEMO_SEED_NOTE_ID);
}

/* The desktop file's "Open from Clipboard" (D-Bus activation) and
 * --open-clipboard: as Ctrl+V in the window. */
static void
open_clipboard_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  GtkWindow *window = hs_application_get_main_window (user_data);

  gtk_window_present (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  HsApplication *self = user_data;
  static const char *developers[] = { "Hongshu developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application-icon", APP_ID,
                        "application-name", _("Hongshu"),
                        "developer-name", "Hongshu developers",
                        "version", PACKAGE_VERSION,
                        "comments", _("Read Xiaohongshu notes with their pictures and videos"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", HOMEPAGE_URL,
                        "issue-url", ISSUE_URL,
                        "developers", developers,
                        /* TRANSLATORS: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "set-access-token", set_access_token_action },
  { "demo", demo_action },
  { "open-clipboard", open_clipboard_action },
  { "about", about_action },
};

static void
set_accels (HsApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.focus-entry", { "<Control>l", "F6", NULL } },
    { "win.reload", { "<Control>r", "F5", NULL } },
    { "win.go-back", { "<Alt>Left", "Back", NULL } },
    { "win.go-forward", { "<Alt>Right", "Forward", NULL } },
    { "win.open-in-browser", { "<Control>o", NULL } },
    { "win.save-media", { "<Control>s", NULL } },
    { "win.save-to-library", { "<Control>d", NULL } },
    { "win.show-library", { "<Control><Shift>o", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}

static void
library_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(HsApplication) self = user_data;
  g_autoptr(HsLibrary) library = HS_LIBRARY (object);
  g_autoptr(GError) error = NULL;
  const char *recovery;

  if (!hs_library_open_finish (library, result, &error))
    {
      /* The app works without it: nothing is kept, the Library is greyed out. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The library could not be opened: %s", error->message);
      return;
    }
  self->library = g_steal_pointer (&library);
  recovery = hs_library_get_recovery_message (self->library);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (HS_IS_WINDOW (l->data))
      {
        hs_window_set_library (l->data, self->library);
        if (recovery != NULL)
          hs_window_show_toast (l->data, recovery);
      }
}

static void
hs_application_startup (GApplication *application)
{
  HsApplication *self = HS_APPLICATION (application);

  G_APPLICATION_CLASS (hs_application_parent_class)->startup (application);

  self->config = hs_config_new ();
  self->client = hs_client_new (self->config);
  self->loader = hs_media_loader_new (self->config);
  self->account = hs_account_new (self->config);
  g_signal_connect_object (self->account, "credentials-changed",
                           G_CALLBACK (credentials_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "notify::state",
                           G_CALLBACK (account_state_changed_cb), self, G_CONNECT_SWAPPED);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  set_accels (self);

  hs_account_load (self->account);

  /* In $XDG_DATA_HOME/hongshu; opening may migrate it, so off the main thread. */
  self->cancellable = g_cancellable_new ();
  hs_library_open_async (hs_library_new (NULL), self->cancellable, library_opened_cb, g_object_ref (self));

  /* The web process that renders note bodies starts while the person pastes
   * a link. Before any window: their body views then share this process
   * instead of starting one more. */
  hs_content_view_prewarm ();
}

static void
hs_application_shutdown (GApplication *application)
{
  HsApplication *self = HS_APPLICATION (application);

  if (self->demo_server != NULL)
    hs_demo_server_stop (self->demo_server);

  G_APPLICATION_CLASS (hs_application_parent_class)->shutdown (application);
}

static void
hs_application_activate (GApplication *application)
{
  gtk_window_present (hs_application_get_main_window (HS_APPLICATION (application)));
}

static void
hs_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  HsApplication *self = HS_APPLICATION (application);

  gtk_window_present (hs_application_get_main_window (self));
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);

      open_ref (self, uri);
    }
}

static int
hs_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("hongshu %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static int
hs_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  HsApplication *self = HS_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **refs = NULL;
  const char *api_base_url = NULL;
  const char *search = NULL;
  const char *tag = NULL;
  gboolean demo = FALSE;
  gboolean open_clipboard = FALSE;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_variant_dict_lookup (options, "demo", "b", &demo);
  g_variant_dict_lookup (options, "open-clipboard", "b", &open_clipboard);
  g_variant_dict_lookup (options, "api-base-url", "&s", &api_base_url);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&s", &refs);
  g_variant_dict_lookup (options, "search", "&s", &search);
  g_variant_dict_lookup (options, "tag", "&s", &tag);

  if (demo)
    {
      if (!hs_application_start_demo (self, &error))
        {
          g_application_command_line_printerr (command_line, "hongshu: %s\n", error->message);
          return 1;
        }
      if (api_base_url != NULL)
        g_application_command_line_printerr (command_line, "hongshu: %s\n",
                                             _("--api-base-url is ignored in demo mode"));
    }
  else if (api_base_url != NULL &&
           !hs_config_set_api_base_url (self->config, api_base_url, &error))
    {
      g_application_command_line_printerr (command_line, "hongshu: %s\n", error->message);
      return 2;
    }

  window = hs_application_get_main_window (self);
  gtk_window_present (window);

  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    {
      g_autofree char *valid = g_utf8_make_valid (refs[i], -1);

      open_ref (self, valid);
    }

  /* As links, so that they wait for the keyring like note references do
   * and the window opens them in one place. */
  if (search != NULL && tag != NULL)
    {
      g_application_command_line_printerr (command_line, "hongshu: %s\n",
                                           _("Use --search or --tag, not both"));
      return 2;
    }
  if (search != NULL || tag != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (search != NULL ? search : tag, -1);
      g_autofree char *link = hs_urls_search_link (g_strstrip (valid), search == NULL);

      if (*valid == '\0')
        {
          g_application_command_line_printerr (command_line, "hongshu: %s\n",
                                               _("Enter something to search for"));
          return 2;
        }
      open_ref (self, link);
    }

  if (open_clipboard)
    g_action_group_activate_action (G_ACTION_GROUP (self), "open-clipboard", NULL);

  return 0;
}

static void
hs_application_dispose (GObject *object)
{
  HsApplication *self = (HsApplication *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->library);
  g_clear_object (&self->demo_server);
  g_clear_object (&self->account);
  g_clear_object (&self->loader);
  g_clear_object (&self->client);
  g_clear_object (&self->config);
  g_clear_pointer (&self->pending_refs, g_ptr_array_unref);

  G_OBJECT_CLASS (hs_application_parent_class)->dispose (object);
}

static void
hs_application_class_init (HsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = hs_application_dispose;

  app_class->startup = hs_application_startup;
  app_class->shutdown = hs_application_shutdown;
  app_class->activate = hs_application_activate;
  app_class->open = hs_application_open;
  app_class->handle_local_options = hs_application_handle_local_options;
  app_class->command_line = hs_application_command_line;
}

static void
hs_application_init (HsApplication *self)
{
  self->pending_refs = g_ptr_array_new_with_free_func (g_free);

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     _("[NOTE-LINK-OR-ID…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Read Xiaohongshu notes."));
}

HsApplication *
hs_application_new (void)
{
  return g_object_new (HS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE,
                       /* The same templates, CSS and icons for the .Devel id. */
                       "resource-base-path", "/io/github/hongshu/Hongshu",
                       NULL);
}

HsConfig *
hs_application_get_config (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  return self->config;
}

HsClient *
hs_application_get_client (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  return self->client;
}

HsMediaLoader *
hs_application_get_media_loader (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  return self->loader;
}

HsDemoServer *
hs_application_get_demo_server (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  return self->demo_server;
}

/* The demo server plays both the API and the website, and its short
 * links: the window reads them all from it. */
static void
window_enter_demo (HsApplication *self,
                   HsWindow      *window)
{
  g_autofree char *short_link_base = hs_demo_server_get_short_link_base (self->demo_server);
  g_autofree char *cdn = hs_demo_server_get_cdn_base_url (self->demo_server);
  g_autoptr(GError) error = NULL;

  hs_window_set_short_link_base (window, short_link_base);
  if (!hs_window_set_web_base_url (window, hs_demo_server_get_base_url (self->demo_server), &error))
    g_warning ("%s", error->message);
  hs_window_set_web_original_bases (window, cdn, cdn);
  hs_window_set_demo_mode (window, TRUE);
}

gboolean
hs_application_start_demo (HsApplication  *self,
                           GError        **error)
{
  g_autoptr(HsDemoServer) server = NULL;

  g_return_val_if_fail (HS_IS_APPLICATION (self), FALSE);

  if (self->demo_server != NULL)
    return TRUE;

  server = hs_demo_server_new ();
  /* build-aux/bench-grid.sh scrolls through hundreds of results of 61 notes. */
  if (g_getenv ("HONGSHU_DEMO_SEARCH_REPEAT") != NULL)
    hs_demo_server_set_search_repeat (server, CLAMP (atoi (g_getenv ("HONGSHU_DEMO_SEARCH_REPEAT")), 1, 100));
  if (!hs_demo_server_start (server, 0, error))
    return FALSE;
  self->demo_server = g_steal_pointer (&server);

  /* The keyring's token belongs to the real API: the demo's own, before the
   * address changes, so that no lookup for the demo's origin starts. */
  hs_account_set_fixed (self->account, HS_DEMO_ACCESS_TOKEN, HS_DEMO_APP_SECRET);
  if (!hs_config_set_api_base_url (self->config, hs_demo_server_get_base_url (self->demo_server), error))
    return FALSE;
  hs_config_set_app_key (self->config, HS_DEMO_APP_KEY);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (HS_IS_WINDOW (l->data))
      window_enter_demo (self, l->data);
  return TRUE;
}

HsLibrary *
hs_application_get_library (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  return self->library;
}

HsAccount *
hs_application_get_account (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);
  return self->account;
}

GtkWindow *
hs_application_get_main_window (HsApplication *self)
{
  HsWindow *window;

  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);

  window = find_main_window (self);
  if (window == NULL)
    {
      window = hs_window_new (GTK_APPLICATION (self), self->client, self->loader);
      hs_window_set_account (window, self->account);
      hs_window_set_library (window, self->library);
      if (self->demo_server != NULL)
        window_enter_demo (self, window);
      hs_screenshot_attach_from_environment (window);
      hs_grid_bench_attach_from_environment (window);
      hs_library_bench_attach_from_environment (window);
    }
  return GTK_WINDOW (window);
}
