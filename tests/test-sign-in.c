/* Signing in to the website, for real: the sign-in window (real WebKit)
 * on the demo's sign-in page, its "扫码" button pressed through the page's
 * own JavaScript, the cookies kept in a real keyring (run-with-keyring.sh
 * --keep-display: a private gnome-keyring, the display for the windows),
 * then a bare id read through the website source with them, and each
 * wall of the website on its own error page. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "hs-application.h"
#include "hs-image.h"
#include "hs-media-saver.h"
#include "hs-demo-web.h"
#include "hs-error-page.h"
#include "hs-note-view.h"
#include "hs-preferences-window.h"
#include "hs-preferences-window-private.h"
#include "hs-sign-in-window.h"
#include "hs-test-window.h"
#include "hs-web-account-group.h"
#include "hs-window.h"
#include "hs-window-private.h"

#define SEED_ID   HS_DEMO_SEED_NOTE_ID
#define SECOND_ID "67cc34c46b8e5ff731406d84"
#define SIGNED_ID HS_DEMO_WEB_SIGNED_PICTURES_NOTE

static HsDemoServer *server;
static HsApplication *app;
static HsWindow *window;

static gboolean
account_ready (gconstpointer data)
{
  return hs_account_get_is_ready ((HsAccount *) data);
}

static gboolean
error_shown (gconstpointer data)
{
  return g_strcmp0 (hs_window_get_visible_page (window), "error") == 0;
}

static gboolean
view_settled (gconstpointer data)
{
  WebKitWebView *view = (WebKitWebView *) data;

  return !webkit_web_view_is_loading (view) && webkit_web_view_get_title (view) != NULL &&
         *webkit_web_view_get_title (view) != '\0';
}

static gboolean
signed_in (gconstpointer data)
{
  return hs_account_get_web_cookie (hs_application_get_account (app)) != NULL &&
         *(GtkWindow * const *) data == NULL;
}

static gboolean
signed_out (gconstpointer data)
{
  return hs_account_get_web_cookie (hs_application_get_account (app)) == NULL &&
         !hs_account_get_web_cookie_stored (hs_application_get_account (app));
}

static gboolean
js_done (gconstpointer data)
{
  return *(const gboolean *) data;
}

static void
js_cb (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
signed_in_cb (HsSignInWindow *sign_in,
              const char     *who,
              char          **slot)
{
  g_free (*slot);
  *slot = g_strdup (who != NULL ? who : "(none)");
}

/* A picture request: the demo CDN, or a signed display address. */
static gboolean
is_media_path (const char *path)
{
  return g_str_has_prefix (path, "/cdn/") || hs_demo_web_signed_picture_token (path) != NULL;
}

static gboolean
cdn_requested_since (gconstpointer data)
{
  g_autoptr(GPtrArray) log = hs_demo_server_get_request_log (server);

  for (guint i = *(const guint *) data; i < log->len; i++)
    if (is_media_path (hs_demo_request_get_path (g_ptr_array_index (log, i))))
      return TRUE;
  return FALSE;
}

static HsPreferencesWindow *
open_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (HS_IS_PREFERENCES_WINDOW (toplevel))
        return HS_PREFERENCES_WINDOW (toplevel);
    }
  g_error ("No preferences window");
}

static HsAccount *
load_new_account (void)
{
  HsAccount *account = hs_account_new (hs_application_get_config (app));

  hs_account_load (account);
  hs_test_window_wait_for (account_ready, account, "a new account's lookups");
  return account;
}

static void
test_sign_in (void)
{
  HsAccount *account = hs_application_get_account (app);
  HsPreferencesWindow *preferences;
  HsWebAccountGroup *group;
  GtkWindow *sign_in;
  WebKitWebView *view;
  g_autofree char *who = NULL;
  g_autofree char *page_path = NULL;
  g_autoptr(HsAccount) fresh = NULL;
  g_autoptr(GPtrArray) log = NULL;
  const char *cookie;
  gboolean clicked = FALSE;
  guint before, cdn_requests = 0;

  g_assert_null (hs_account_get_web_cookie (account));

  /* Signed out, a bare id is not sent: the website shows it only to a
   * signed-in visitor. */
  page_path = g_strconcat ("/explore/", SECOND_ID, NULL);
  hs_window_open (window, SECOND_ID);
  hs_test_window_wait_for (error_shown, NULL, "the page asking for a link or a sign-in");
  g_assert_cmpuint (hs_test_count_requests (server, page_path), ==, 0);

  preferences = open_preferences ();
  group = HS_WEB_ACCOUNT_GROUP (hs_preferences_window_get_web_account_group (preferences));
  g_assert_cmpstr (hs_web_account_group_get_state_text (group), ==,
                   "Not signed in: links with their xsec_token still open");

  sign_in = hs_web_account_group_sign_in (group);
  g_object_add_weak_pointer (G_OBJECT (sign_in), (gpointer *) &sign_in);
  g_signal_connect (sign_in, "signed-in", G_CALLBACK (signed_in_cb), &who);
  view = hs_sign_in_window_get_web_view (HS_SIGN_IN_WINDOW (sign_in));
  hs_test_window_wait_for (view_settled, view, "the demo's sign-in page");
  g_assert_true (g_str_has_suffix (webkit_web_view_get_uri (view), "/login"));
  g_assert_cmpstr (webkit_web_view_get_title (view), ==, "登录 - 小红书（演示）");
  /* The page's title stands under the window's, however late WebKit tells it. */
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (hs_test_find_named (GTK_WIDGET (sign_in), "sign-in-title"))),
                   ==, "登录 - 小红书（演示）");

  /* The person presses "扫码": the page's own button, through its script. */
  webkit_web_view_evaluate_javascript (view, "document.getElementById ('scan').click (); true", -1,
                                       NULL, NULL, NULL, js_cb, &clicked);
  hs_test_window_wait_for (js_done, &clicked, "the button press");
  hs_test_window_wait_for (signed_in, &sign_in, "the sign-in window to close signed in");

  g_assert_cmpstr (who, ==, HS_DEMO_WEB_USER_NAME);
  cookie = hs_account_get_web_cookie (account);
  g_assert_nonnull (strstr (cookie, "web_session=" HS_DEMO_WEB_SESSION));
  g_assert_nonnull (strstr (cookie, "a1=demo-a1"));
  g_assert_true (hs_account_get_web_cookie_stored (account));
  g_assert_cmpstr (hs_web_account_group_get_state_text (group), ==, "Signed in");

  /* Kept in the keyring: a new account (the next start) finds it. */
  fresh = load_new_account ();
  g_assert_cmpstr (hs_account_get_web_cookie (fresh), ==, cookie);
  g_clear_object (&fresh);

  /* Now a bare id opens through the website, with the cookie on the page
   * and never on the CDN. */
  gtk_window_close (GTK_WINDOW (preferences));
  before = hs_demo_server_get_request_log (server)->len;
  hs_window_open (window, SECOND_ID);
  hs_test_window_wait_for (hs_test_note_shown, SECOND_ID, "the note from the website, signed in");
  hs_test_window_wait_for (cdn_requested_since, &before, "the note's pictures");
  log = hs_demo_server_get_request_log (server);
  for (guint i = before; i < log->len; i++)
    {
      HsDemoRequest *request = g_ptr_array_index (log, i);
      const char *path = hs_demo_request_get_path (request);

      if (g_str_equal (path, page_path))
        g_assert_true (hs_demo_request_has_header (request, "Cookie"));
      else if (is_media_path (path))
        {
          g_assert_false (hs_demo_request_has_header (request, "Cookie"));
          cdn_requests++;
        }
      g_assert_false (g_str_has_prefix (path, "/v1/"));
    }
  g_assert_cmpuint (hs_test_count_requests (server, page_path), ==, 1);
  {
    g_autofree char *label = hs_window_dup_source_label (window);

    g_assert_cmpstr (label, ==, "From the Xiaohongshu website");
  }
  g_assert_cmpuint (cdn_requests, >, 0);

  /* Sign Out forgets it: the account and the keyring. */
  preferences = open_preferences ();
  group = HS_WEB_ACCOUNT_GROUP (hs_preferences_window_get_web_account_group (preferences));
  hs_account_clear_async (account, HS_CREDENTIAL_WEB_COOKIE, NULL, NULL, NULL);
  hs_test_window_wait_for (signed_out, NULL, "the sign-out");
  g_assert_cmpstr (hs_web_account_group_get_state_text (group), ==,
                   "Not signed in: links with their xsec_token still open");
  fresh = load_new_account ();
  g_assert_null (hs_account_get_web_cookie (fresh));
  gtk_window_close (GTK_WINDOW (preferences));
}

static gboolean
result_set (gconstpointer data)
{
  return *(GAsyncResult * const *) data != NULL;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Save All of a website note: each picture's original from the CDN first;
 * where it is missing (404), the displayed picture instead. No media
 * request carries a cookie. */
static void
test_save_originals (void)
{
  HsNote *note;
  GListModel *images;
  g_autoptr(GPtrArray) stems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *folder_path = NULL;
  g_autoptr(GFile) folder = NULL;
  guint n_saved = 0, n_items = 0, before;
  guint originals_ok = 0, originals_missing = 0, displays = 0;

  {
    g_autofree char *token = hs_demo_web_xsec_token (SIGNED_ID);
    g_autofree char *escaped = g_uri_escape_string (token, NULL, FALSE);
    g_autofree char *link = g_strdup_printf ("https://www.xiaohongshu.com/explore/%s?xsec_token=%s",
                                             SIGNED_ID, escaped);

    hs_window_open (window, link);
  }
  hs_test_window_wait_for (hs_test_note_shown, SIGNED_ID, "the note with signed pictures");
  note = hs_note_view_get_note (HS_NOTE_VIEW (hs_window_get_note_view (window)));
  images = hs_note_get_images (note);
  g_assert_cmpuint (g_list_model_get_n_items (images), ==, 5);
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(HsImage) image = g_list_model_get_item (images, i);

      g_assert_nonnull (hs_image_get_original_url (image));
      g_assert_true (g_str_has_prefix (hs_image_get_original_url (image),
                                       hs_demo_server_get_base_url (server)));
      g_ptr_array_add (stems, g_strdup_printf ("picture-%u", i + 1));
    }

  folder_path = g_dir_make_tmp ("hongshu-test-save-XXXXXX", &error);
  g_assert_no_error (error);
  folder = g_file_new_for_path (folder_path);
  before = hs_demo_server_get_request_log (server)->len;
  hs_media_saver_save_async (window, hs_application_get_media_loader (app), images, stems, folder,
                             NULL, NULL, NULL, store_result_cb, &result);
  hs_test_window_wait_for (result_set, &result, "Save All");
  g_assert_true (hs_media_saver_save_finish (result, &n_saved, &n_items, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_saved, ==, 5);

  log = hs_demo_server_get_request_log (server);
  for (guint i = before; i < log->len; i++)
    {
      HsDemoRequest *request = g_ptr_array_index (log, i);
      const char *path = hs_demo_request_get_path (request);

      g_assert_false (hs_demo_request_has_header (request, "Cookie"));
      if (g_str_has_prefix (path, "/cdn/" HS_DEMO_WEB_DISPLAY_ONLY_DIR))
        {
          g_assert_cmpuint (hs_demo_request_get_status (request), ==, 404);
          originals_missing++;
        }
      else if (g_str_has_prefix (path, "/cdn/img/"))
        originals_ok++;
      else if (hs_demo_web_signed_picture_token (path) != NULL)
        displays++;
    }
  /* Every picture's original was asked for first: 2 and 4 have none
   * (404) and were saved all the same, from their display addresses; 1, 3
   * and 5 from the CDN (the media cache may answer one that another note
   * showed, without a request). */
  g_assert_cmpuint (originals_missing, ==, 2);
  g_assert_cmpuint (originals_ok, >=, 1);
  g_assert_cmpuint (originals_ok, <=, 3);
  /* The gallery loads the display addresses too, at the same time. */
  g_test_message ("display requests meanwhile: %u", displays);
  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("picture-%u", i);
      g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                       G_FILE_QUERY_INFO_NONE, NULL, NULL);
      gboolean found = FALSE;
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          found |= g_str_has_prefix (g_file_info_get_name (info), name);
          g_object_unref (info);
        }
      g_assert_true (found);
    }
  hs_test_remove_tree (folder_path);
}

static gboolean
cookie_is (gconstpointer data)
{
  return g_strcmp0 (hs_account_get_web_cookie (hs_application_get_account (app)), data) == 0;
}

static void
test_pasted_cookie (void)
{
  HsPreferencesWindow *preferences = open_preferences ();
  HsWebAccountGroup *group = HS_WEB_ACCOUNT_GROUP (hs_preferences_window_get_web_account_group (preferences));

  g_assert_false (hs_web_account_group_apply_cookie (group, "a1=only-this"));
  g_assert_nonnull (strstr (hs_web_account_group_get_message (group), "web_session="));
  g_assert_null (hs_account_get_web_cookie (hs_application_get_account (app)));

  g_assert_true (hs_web_account_group_apply_cookie (group, "Cookie: web_session=pasted; a1=x"));
  hs_test_window_wait_for (cookie_is, "web_session=pasted; a1=x", "the pasted cookie");
  g_assert_null (hs_web_account_group_get_message (group));

  hs_account_clear_async (hs_application_get_account (app), HS_CREDENTIAL_WEB_COOKIE, NULL, NULL, NULL);
  hs_test_window_wait_for (signed_out, NULL, "the sign-out");
  gtk_window_close (GTK_WINDOW (preferences));
}

static void
test_navigation (void)
{
  const char *base = hs_demo_server_get_base_url (server);
  g_autofree char *login = g_strconcat (base, "/login", NULL);

  g_assert_true (hs_sign_in_window_allows_uri (base, login));
  g_assert_true (hs_sign_in_window_allows_uri (NULL, "https://www.xiaohongshu.com/login"));
  g_assert_true (hs_sign_in_window_allows_uri (NULL, "https://passport.xiaohongshu.com/x"));
  g_assert_true (hs_sign_in_window_allows_uri (NULL, "https://www.rednote.com/"));
  g_assert_false (hs_sign_in_window_allows_uri (NULL, "https://example.com/"));
  g_assert_false (hs_sign_in_window_allows_uri (NULL, "https://xiaohongshu.com.evil.example/"));
  g_assert_false (hs_sign_in_window_allows_uri (base, "http://127.0.0.2:1/"));
  g_assert_false (hs_sign_in_window_allows_uri (NULL, "file:///etc/passwd"));
}

/* Each wall of the website (doc/web-protocol.md §4) has its own page: its own title,
 * and the site's own words where it gave some. */
static void
test_walls (void)
{
  struct {
    const char *id;
    gboolean    with_token;
    const char *site_said;   /* NULL: none */
  } walls[] = {
    { HS_DEMO_WEB_FAULT_TOO_MANY_VISITS, TRUE, "访问频次异常" },
    { HS_DEMO_WEB_FAULT_UNAVAILABLE, TRUE, "当前笔记暂时无法浏览" },
    { HS_DEMO_WEB_FAULT_VERIFICATION, TRUE, NULL },
    { SEED_ID, FALSE, NULL },   /* no xsec_token: the home page */
  };
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (walls); i++)
    {
      g_autofree char *token = hs_demo_web_xsec_token (walls[i].id);
      g_autofree char *escaped = g_uri_escape_string (token, NULL, FALSE);
      g_autofree char *link = walls[i].with_token
        ? g_strdup_printf ("https://www.xiaohongshu.com/explore/%s?xsec_token=%s&xsec_source=pc_share",
                           walls[i].id, escaped)
        : g_strdup_printf ("https://www.xiaohongshu.com/explore/%s", walls[i].id);
      AdwStatusPage *status = hs_error_page_get_status_page (HS_ERROR_PAGE (hs_window_get_error_page (window)));
      const char *title;
      const char *description;

      hs_window_open (window, SEED_ID);  /* leave the previous error page */
      hs_window_open (window, link);
      hs_test_window_wait_for (error_shown, NULL, walls[i].id);
      title = adw_status_page_get_title (status);
      description = adw_status_page_get_description (status);
      g_test_message ("%s: %s / %s", walls[i].id, title, description);
      g_assert_nonnull (title);
      for (guint j = 0; j < titles->len; j++)
        g_assert_cmpstr (g_ptr_array_index (titles, j), !=, title);
      g_ptr_array_add (titles, g_strdup (title));
      if (walls[i].site_said != NULL)
        g_assert_nonnull (strstr (description, walls[i].site_said));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  home = hs_test_window_isolate ("test-sign-in");
  g_unsetenv ("HONGSHU_ACCESS_TOKEN");
  g_unsetenv ("HONGSHU_APP_SECRET");
  g_unsetenv ("HONGSHU_WEB_COOKIE");
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, NULL);

  server = hs_test_demo_server_new ();
  g_setenv ("HONGSHU_API_BASE_URL", hs_demo_server_get_base_url (server), TRUE);
  g_setenv ("HONGSHU_WEB_BASE_URL", hs_demo_server_get_base_url (server), TRUE);

  app = hs_application_new ();
  window = hs_test_window_start (app, FALSE);
  {
    g_autofree char *cdn = hs_demo_server_get_cdn_base_url (server);

    hs_window_set_web_original_bases (window, cdn, cdn);
  }
  hs_test_window_wait_for (account_ready, hs_application_get_account (app), "the credentials");

  g_test_add_func ("/sign-in/navigation", test_navigation);
  g_test_add_func ("/sign-in/demo-page", test_sign_in);
  g_test_add_func ("/sign-in/pasted-cookie", test_pasted_cookie);
  g_test_add_func ("/sign-in/walls", test_walls);
  g_test_add_func ("/sign-in/save-originals", test_save_originals);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  hs_demo_server_stop (server);
  g_clear_object (&server);
  hs_test_remove_tree (home);
  return status;
}
