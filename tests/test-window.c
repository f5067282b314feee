/* The real window against an in-process demo server on 127.0.0.1, driven
 * through its entry and actions, asserting what a person would see.
 *
 * HONGSHU_TEST_MODE picks the run:
 *   (unset)   English, with the demo token: notes, errors, history, layout
 *   welcome   no access token and no keyring (run-without-keyring.sh): the
 *             welcome page, nothing sent without a token, the keyring's
 *             error under the token row, and "Try the Demo"
 *   zh        LANGUAGE=zh_CN with the build's catalog (HONGSHU_TEST_MO) */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "hs-application.h"
#include "hs-demo-web.h"
#include "hs-error-page.h"
#include "hs-image.h"
#include "hs-media-gallery.h"
#include "hs-note-layout.h"
#include "hs-note-view.h"
#include "hs-preferences-window.h"
#include "hs-preferences-window-private.h"
#include "hs-screenshot.h"
#include "hs-test-window.h"
#include "hs-welcome-page.h"
#include "hs-window.h"
#include "hs-window-private.h"

#define SEED_ID      HS_DEMO_SEED_NOTE_ID
#define SEED_TITLE   "春季美妆新品推荐"
#define SECOND_ID    "67cc34c46b8e5ff731406d84"
#define SECOND_TITLE "黄皮显白口红合集｜素颜也能涂 💄"


static HsDemoServer *server;
static HsApplication *app;
static HsWindow *window;

static const char *
label_text (const char *name)
{
  return gtk_label_get_text (GTK_LABEL (hs_test_named (name)));
}

/* A count: the short number shows, the exact one is the tooltip. */
static void
assert_count (const char *name,
              const char *expected_text,
              const char *expected_tooltip)
{
  GtkWidget *box = hs_test_named (name);
  GtkWidget *label = gtk_widget_get_last_child (box);
  const char *tooltip = gtk_widget_get_tooltip_text (box);

  g_assert_true (GTK_IS_LABEL (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected_text);
  g_assert_cmpstr (tooltip, ==, expected_tooltip);
}

static HsErrorPage *
error_page (void)
{
  return HS_ERROR_PAGE (hs_window_get_error_page (window));
}

/* The error's final state, not the countdown before a retry. */
static gboolean
error_shown (gconstpointer data)
{
  return hs_test_page_is ("error") &&
         gtk_widget_get_visible (GTK_WIDGET (hs_error_page_get_action_button (error_page ())));
}

static gboolean
countdown_shown (gconstpointer data)
{
  return hs_test_page_is ("error") &&
         !gtk_widget_get_visible (GTK_WIDGET (hs_error_page_get_action_button (error_page ())));
}

static gboolean
entry_error_shown (gconstpointer data)
{
  return hs_window_get_entry_error (window) != NULL;
}

static gboolean
credentials_ready (gconstpointer data)
{
  return hs_account_get_is_ready (hs_application_get_account (app));
}

/* Types a reference into the entry and presses Enter. */
static void
enter_text (const char *text)
{
  GtkWidget *entry = hs_window_get_entry (window);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

static void
open_and_wait (const char *text,
               const char *note_id)
{
  enter_text (text);
  hs_test_window_wait_for (hs_test_note_shown, note_id, note_id);
}

static guint
count_api_requests (const char *path)
{
  g_autoptr(GPtrArray) log = hs_demo_server_get_request_log (server);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    {
      const char *request_path = hs_demo_request_get_path (g_ptr_array_index (log, i));

      if (path != NULL ? g_str_equal (request_path, path) : g_str_has_prefix (request_path, "/v1/"))
        n++;
    }
  return n;
}

static void
test_open_note (void)
{
  GtkWidget *tags;
  GtkWidget *child;
  GPtrArray *tag_texts = g_ptr_array_new ();
  HsNoteView *view = HS_NOTE_VIEW (hs_window_get_note_view (window));

  open_and_wait ("https://www.xiaohongshu.com/explore/" SEED_ID "?xsec_token=ABC", SEED_ID);

  g_assert_cmpstr (label_text ("note-title"), ==, SEED_TITLE);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, SEED_TITLE);
  /* The link stays as given: its query string is the website's key. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hs_window_get_entry (window))), ==,
                   "https://www.xiaohongshu.com/explore/" SEED_ID "?xsec_token=ABC");

  g_assert_cmpstr (label_text ("author-nickname"), ==, "美妆达人");
  g_assert_cmpstr (label_text ("author-followers"), ==, "100K followers");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (hs_test_named ("author-followers")), ==,
                   "100,000 followers");

  assert_count ("like-count", "1K", "1,024 likes");
  assert_count ("favorite-count", "512", "512 favorites");
  assert_count ("comment-count", "256", "256 comments");
  assert_count ("share-count", "128", "128 shares");

  /* TZ=Asia/Shanghai (main): 14:30 UTC is 22:30 there. */
  g_assert_cmpstr (label_text ("publish-time"), ==, "2025-04-25 22:30");
  /* More than a week ago, the relative form is that date: said once, no tooltip. */
  g_assert_null (gtk_widget_get_tooltip_text (hs_test_named ("publish-time")));

  g_assert_cmpstr (label_text ("location-name"), ==, "上海");
  g_assert_true (gtk_widget_get_visible (hs_test_named ("maps-button")));
  g_assert_cmpstr (hs_note_view_get_maps_uri (view), ==, "geo:31.2304,121.4737");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (hs_test_named ("maps-button"))), ==,
                   "win.open-uri");

  /* The gallery: 2 pictures and 1 video. */
  g_assert_cmpuint (hs_media_gallery_get_n_items (HS_MEDIA_GALLERY (hs_note_view_get_gallery (view))), ==, 3);
  g_assert_true (gtk_widget_get_visible (hs_test_named ("media")));

  tags = hs_test_named ("tags");
  /* The body ends with "#美妆 #新品": the pills would repeat them. */
  g_assert_false (gtk_widget_get_visible (tags));
  for (child = gtk_widget_get_first_child (tags); child; child = gtk_widget_get_next_sibling (child))
    {
      /* Each tag is a button that opens the tag's search. */
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.search-tag");
      g_ptr_array_add (tag_texts, (gpointer) gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)))));
    }
  g_assert_cmpuint (tag_texts->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (tag_texts, 0), ==, "#美妆");
  g_assert_cmpstr (g_ptr_array_index (tag_texts, 1), ==, "#新品");
  g_ptr_array_unref (tag_texts);
}

static void
test_invalid_text (void)
{
  static const char *expected =
    "This is not a note link or a note ID. Paste a link to a note, its 24-character ID, "
    "or the text that the Xiaohongshu app copies when you share a note.";
  GtkWidget *entry = hs_window_get_entry (window);
  guint before;

  open_and_wait (SEED_ID, SEED_ID);
  hs_demo_server_clear_request_log (server);

  g_assert_null (hs_window_get_entry_error (window));
  enter_text ("https://www.xiaohongshu.com/explore/not-a-note");
  g_assert_cmpstr (hs_window_get_entry_error (window), ==, expected);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  /* The note stays; the text stays for the person to fix. */
  g_assert_true (hs_test_note_shown (SEED_ID));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "https://www.xiaohongshu.com/explore/not-a-note");

  /* Esc puts the shown note's link back and takes the complaint away. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  g_assert_null (hs_window_get_entry_error (window));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "https://www.xiaohongshu.com/explore/" SEED_ID);
  g_assert_true (hs_test_note_shown (SEED_ID));

  /* Enter in an empty entry does nothing at all. */
  enter_text ("   ");
  g_assert_null (hs_window_get_entry_error (window));
  g_assert_true (hs_test_note_shown (SEED_ID));
  /* Programs that open a blank reference still hear why nothing opened. */
  g_assert_false (hs_window_open (window, ""));
  g_assert_cmpstr (hs_window_get_entry_error (window), ==, "Enter a note link or a note ID");

  /* Typing takes the complaint away. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "649c");
  g_assert_null (hs_window_get_entry_error (window));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  /* Neither sent anything: the next real request is the first in the log. */
  before = count_api_requests (NULL);
  open_and_wait (SECOND_ID, SECOND_ID);
  g_assert_cmpuint (before, ==, 0);
  g_assert_cmpuint (count_api_requests (NULL), ==, 1);
  g_assert_cmpuint (count_api_requests ("/v1/notes/" SECOND_ID), ==, 1);
}

typedef struct
{
  const char *note_id;
  const char *title;
  const char *button;
  const char *action;
  gboolean    has_details;
} ErrorCase;

static void
assert_error_page (const ErrorCase *c)
{
  AdwStatusPage *status = hs_error_page_get_status_page (error_page ());
  GtkButton *button = hs_error_page_get_action_button (error_page ());

  g_assert_cmpstr (adw_status_page_get_title (status), ==, c->title);
  g_assert_cmpstr (gtk_button_get_label (button), ==, c->button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, c->action);
  if (c->has_details)
    {
      g_assert_nonnull (hs_error_page_get_details (error_page ()));
      g_assert_nonnull (strstr (hs_error_page_get_details (error_page ()), c->note_id));
      /* The advice to report it links to where. */
      g_assert_nonnull (strstr (adw_status_page_get_description (hs_error_page_get_status_page (error_page ())),
                                "<a href=\"" ISSUE_URL "\">"));
    }
  else
    g_assert_null (hs_error_page_get_details (error_page ()));
}

/* The description never says the same sentence twice (nor the title again). */
static void
assert_no_sentence_twice (void)
{
  AdwStatusPage *status = hs_error_page_get_status_page (error_page ());
  g_autofree char *title = g_utf8_casefold (adw_status_page_get_title (status), -1);
  g_autofree char *text = g_utf8_casefold (adw_status_page_get_description (status), -1);
  g_auto(GStrv) sentences = g_regex_split_simple ("[.:(\n]", text, 0, 0);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; sentences[i] != NULL; i++)
    {
      char *sentence = g_strstrip (sentences[i]);

      if (strlen (sentence) < 12)
        continue;
      g_test_message ("sentence: %s", sentence);
      g_assert_false (g_hash_table_contains (seen, sentence));
      g_assert_cmpstr (sentence, !=, title);
      g_hash_table_add (seen, sentence);
    }
}

static void
test_errors (void)
{
  static const ErrorCase cases[] = {
    { HS_DEMO_FAULT_UNAUTHORIZED, "Access Token Not Accepted", "Open Preferences", "app.preferences", FALSE },
    /* A private note or a refused request: Preferences would not help, another note may. */
    { HS_DEMO_FAULT_FORBIDDEN, "No Permission to View This Note", "Open Another Note", "win.focus-entry", FALSE },
    { HS_DEMO_FAULT_NOT_FOUND, "Note Not Found", "Open Another Note", "win.focus-entry", FALSE },
    { HS_DEMO_FAULT_CODE_IN_BODY, "Note Not Found", "Open Another Note", "win.focus-entry", FALSE },
    { HS_DEMO_FAULT_SERVER_ERROR, "The Server Has a Problem", "Try Again", "win.reload", FALSE },
    { HS_DEMO_FAULT_MALFORMED, "Unexpected Response", "Try Again", "win.reload", TRUE },
    { HS_DEMO_FAULT_WRONG_ID, "Unexpected Response", "Try Again", "win.reload", TRUE },
    { HS_DEMO_FAULT_BAD_REQUEST, "Request Refused", "Open Another Note", "win.focus-entry", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("fault %s", cases[i].note_id);
      /* Something else first, so that each error page is a new one. */
      open_and_wait (SEED_ID, SEED_ID);
      enter_text (cases[i].note_id);
      hs_test_window_wait_for (error_shown, NULL, cases[i].note_id);
      assert_error_page (&cases[i]);
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Hongshu");
      assert_no_sentence_twice ();
    }
}

static gboolean
countdown_is (gconstpointer data)
{
  return g_strcmp0 (hs_error_page_get_countdown (error_page ()), data) == 0;
}

static void
test_rate_limited_countdown (void)
{
  static const ErrorCase final = {
    HS_DEMO_FAULT_RATE_LIMITED, "Xiaohongshu Asks to Slow Down", "Try Again", "win.reload", FALSE
  };
  AdwStatusPage *status = hs_error_page_get_status_page (error_page ());

  open_and_wait (SEED_ID, SEED_ID);
  enter_text (HS_DEMO_FAULT_RATE_LIMITED);

  /* Retry-After: 2, shown while the client waits, then counted down. */
  hs_test_window_wait_for (countdown_shown, NULL, "the countdown");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Xiaohongshu Asks to Slow Down");
  g_assert_cmpstr (hs_error_page_get_countdown (error_page ()), ==, "Trying again in 2 seconds…");
  /* What happened, with the server's own words. */
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "rate limit"));
  hs_test_window_wait_for (countdown_is, "Trying again in 1 second…", "the countdown to tick");

  hs_test_window_wait_for (error_shown, NULL, "the final 429 page");
  assert_error_page (&final);
  g_assert_null (hs_error_page_get_countdown (error_page ()));
  /* One try and max-retries (1, see main) retries. */
  g_assert_cmpuint (count_api_requests ("/v1/notes/" HS_DEMO_FAULT_RATE_LIMITED), >=, 2);
}

/* Hongshu's own limiter holding a request is not the server's 429. */
static void
test_pacing (void)
{
  HsConfig *config = hs_application_get_config (app);
  guint per_minute = hs_config_get_requests_per_minute (config);
  AdwStatusPage *status = hs_error_page_get_status_page (error_page ());

  open_and_wait (SEED_ID, SEED_ID);
  /* That call fills a limit of one a minute. */
  hs_config_set_requests_per_minute (config, 1);
  enter_text (SECOND_ID);
  hs_test_window_wait_for (countdown_shown, NULL, "the limiter's countdown");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Hongshu Is Pacing Itself");
  g_assert_null (strstr (adw_status_page_get_description (status), "Too many requests"));
  assert_no_sentence_twice ();

  /* Esc gives up waiting. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  g_assert_true (hs_test_note_shown (SEED_ID));
  hs_config_set_requests_per_minute (config, per_minute);
}

static void
test_network_error (void)
{
  static const ErrorCase network = {
    SEED_ID, "Can’t Reach the Server", "Try Again", "win.reload", FALSE
  };
  HsConfig *config = hs_application_get_config (app);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *closed_url = NULL;
  g_autoptr(GError) error = NULL;

  /* A loopback port that was free a moment ago: nothing listens there. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  closed_url = g_strdup_printf ("http://127.0.0.1:%u",
                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  g_assert_true (hs_config_set_api_base_url (config, closed_url, NULL));
  hs_test_window_wait_for (credentials_ready, NULL, "the credentials");
  enter_text (SEED_ID);
  hs_test_window_wait_for (error_shown, NULL, "the network error");
  assert_error_page (&network);

  g_assert_true (hs_config_set_api_base_url (config, hs_demo_server_get_base_url (server), NULL));
  hs_test_window_wait_for (credentials_ready, NULL, "the credentials");

  /* Try Again, now that the server is back. */
  gtk_widget_activate (GTK_WIDGET (hs_error_page_get_action_button (error_page ())));
  hs_test_window_wait_for (hs_test_note_shown, SEED_ID, "the note after Try Again");
}

static gboolean
slow_request_arrived (gconstpointer data)
{
  return count_api_requests ("/v1/notes/" HS_DEMO_FAULT_SLOW) == 1;
}

static void
test_new_note_cancels_old (void)
{
  hs_demo_server_set_slow_delay_ms (server, 400);
  open_and_wait (SECOND_ID, SECOND_ID);
  hs_demo_server_clear_request_log (server);

  enter_text (HS_DEMO_FAULT_SLOW);
  g_assert_true (hs_test_page_is ("loading"));
  /* Only once the server holds the first request does the second replace it. */
  hs_test_window_wait_for (slow_request_arrived, NULL, "the slow request at the server");
  open_and_wait (SEED_ID, SEED_ID);

  /* Well past the slow answer: the first note must never replace the second. */
  hs_test_run_for_ms (1500);
  g_assert_true (hs_test_note_shown (SEED_ID));
  g_assert_cmpstr (label_text ("note-title"), ==, SEED_TITLE);
  g_assert_cmpstr (hs_history_get_current_id (hs_window_get_history (window)), ==, SEED_ID);
  g_assert_cmpuint (count_api_requests ("/v1/notes/" HS_DEMO_FAULT_SLOW), ==, 1);
}

/* A slow load has a Cancel button; it (or Esc) goes back to the note shown before. */
static void
test_cancel_slow_load (void)
{
  GtkWidget *cancel;

  hs_demo_server_set_slow_delay_ms (server, 5000);
  open_and_wait (SECOND_ID, SECOND_ID);
  hs_demo_server_clear_request_log (server);

  enter_text (HS_DEMO_FAULT_SLOW);
  g_assert_true (hs_test_page_is ("loading"));
  cancel = hs_test_named ("cancel-load");
  g_assert_true (gtk_widget_get_visible (cancel));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (cancel)), ==, "win.stop");
  hs_test_window_wait_for (slow_request_arrived, NULL, "the slow request at the server");

  gtk_widget_activate (cancel);
  hs_test_window_wait_for (hs_test_note_shown, SECOND_ID, "the note shown before");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hs_window_get_entry (window))), ==,
                   "https://www.xiaohongshu.com/explore/" SECOND_ID);
  g_assert_cmpstr (hs_history_get_current_id (hs_window_get_history (window)), ==, SECOND_ID);

  /* The late answer never shows. */
  hs_demo_server_set_slow_delay_ms (server, 400);
  hs_test_run_for_ms (800);
  g_assert_true (hs_test_note_shown (SECOND_ID));

  /* Opened from the Library, a cancelled note goes back to the Library,
   * not to the note before it with the history on the Library. */
  hs_demo_server_set_slow_delay_ms (server, 5000);
  hs_window_show_library (window, NULL);
  g_assert_true (hs_test_page_is ("library"));
  hs_demo_server_clear_request_log (server);
  enter_text (HS_DEMO_FAULT_SLOW);
  g_assert_true (hs_test_page_is ("loading"));
  hs_test_window_wait_for (slow_request_arrived, NULL, "the slow request at the server");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  g_assert_true (hs_test_page_is ("library"));
  g_assert_cmpstr (hs_history_get_current_place (hs_window_get_history (window)), ==, "library");
  /* Back from there: the note before the Library. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  hs_test_window_wait_for (hs_test_note_shown, SECOND_ID, "the note before the Library");
  hs_demo_server_set_slow_delay_ms (server, 400);
}

/* ←/→ page the gallery wherever the focus is, but in a text field. */
static void
test_arrows_page_gallery (void)
{
  HsMediaGallery *gallery = HS_MEDIA_GALLERY (hs_note_view_get_gallery (HS_NOTE_VIEW (hs_window_get_note_view (window))));

  open_and_wait (SEED_ID, SEED_ID);
  g_assert_cmpuint (hs_media_gallery_get_position (gallery), ==, 0);

  /* The focus on the window itself, not in the gallery. */
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.page-gallery", "i", 1);
  g_assert_cmpuint (hs_media_gallery_get_position (gallery), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.page-gallery", "i", -1);
  g_assert_cmpuint (hs_media_gallery_get_position (gallery), ==, 0);

  /* In the entry they move the cursor instead. */
  gtk_widget_grab_focus (hs_window_get_entry (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.page-gallery", "i", 1);
  g_assert_cmpuint (hs_media_gallery_get_position (gallery), ==, 0);
  gtk_root_set_focus (GTK_ROOT (window), NULL);
}

static gboolean
launched_web_map (gconstpointer data)
{
  return g_strcmp0 (hs_window_get_last_launched_uri (window), data) == 0;
}

/* Open in Maps without a maps application: the place on a web map. The test session has
 * no handler for geo: URIs (when it has one, there is nothing to fall back from). */
static void
test_maps_fallback (void)
{
  g_autoptr(GAppInfo) maps = g_app_info_get_default_for_uri_scheme ("geo");

  if (maps != NULL)
    {
      g_test_skip ("this session has a maps application");
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-uri", "s", "geo:31.2304,121.4737");
  hs_test_window_wait_for (launched_web_map,
                           "https://www.openstreetmap.org/?mlat=31.230400&mlon=121.473700#map=16/31.230400/121.473700",
                           "the web map");
}

static void
test_back_forward (void)
{
  HsHistory *history = hs_window_get_history (window);

  open_and_wait (SEED_ID, SEED_ID);
  open_and_wait (SECOND_ID, SECOND_ID);
  g_assert_cmpstr (label_text ("note-title"), ==, SECOND_TITLE);
  g_assert_true (hs_history_get_can_go_back (history));
  g_assert_false (hs_history_get_can_go_forward (history));

  hs_demo_server_clear_request_log (server);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  hs_test_window_wait_for (hs_test_note_shown, SEED_ID, "the previous note");
  g_assert_cmpstr (label_text ("note-title"), ==, SEED_TITLE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hs_window_get_entry (window))), ==,
                   "https://www.xiaohongshu.com/explore/" SEED_ID);
  g_assert_true (hs_history_get_can_go_forward (history));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-forward", NULL));
  hs_test_window_wait_for (hs_test_note_shown, SECOND_ID, "the next note");
  g_assert_cmpstr (label_text ("note-title"), ==, SECOND_TITLE);
  g_assert_false (hs_history_get_can_go_forward (history));

  /* Both came from the session's memory, not from the API. */
  g_assert_cmpuint (count_api_requests (NULL), ==, 0);
}

static void
test_short_link (void)
{
  g_autofree char *base = hs_demo_server_get_short_link_base (server);

  open_and_wait (SECOND_ID, SECOND_ID);
  hs_window_set_short_link_base (window, base);
  open_and_wait ("小红书上的好笔记 😆 http://xhslink.com/a/" HS_DEMO_SHORT_LINK_CODE
                 "，复制本条信息，打开【小红书】App查看精彩内容！", SEED_ID);
  g_assert_cmpstr (label_text ("note-title"), ==, SEED_TITLE);
  /* The entry shows where the short link led, query string and all. */
  g_assert_nonnull (strstr (gtk_editable_get_text (GTK_EDITABLE (hs_window_get_entry (window))),
                            "xsec_token=AB"));

  /* www.xhslink.com is a short-link host too: in demo mode it goes to the
   * demo server, not to the internet. */
  open_and_wait (SECOND_ID, SECOND_ID);
  hs_demo_server_clear_request_log (server);
  open_and_wait ("https://www.xhslink.com/a/" HS_DEMO_SHORT_LINK_CODE, SEED_ID);
  g_assert_cmpuint (count_api_requests ("/xhslink/a/" HS_DEMO_SHORT_LINK_CODE), ==, 1);
  hs_window_set_short_link_base (window, NULL);
}

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static void
test_copy_link (void)
{
  g_autofree char *text = NULL;

  open_and_wait (SEED_ID, SEED_ID);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-link", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 clipboard_text_cb, &text);
  hs_test_window_wait_for (hs_test_pointer_is_set, &text, "the clipboard");
  g_assert_cmpstr (text, ==, "https://www.xiaohongshu.com/explore/" SEED_ID);
}

static gboolean
launch_hook_cb (HsWindow   *hooked,
                const char *uri,
                gpointer    user_data)
{
  g_free (*(char **) user_data);
  *(char **) user_data = g_strdup (uri);
  return TRUE;
}

static void
test_link_keeps_query (void)
{
#define LINK "https://www.xiaohongshu.com/explore/" SEED_ID "?xsec_token=ABtoken123=&xsec_source=pc_share"
  HsHistory *history = hs_window_get_history (window);
  g_autofree char *text = NULL;
  g_autofree char *launched = NULL;

  /* Entry → history → Copy Link → Open in Browser: the link as given,
   * xsec_token and all (the website refuses a bare /explore/ID). */
  open_and_wait (SECOND_ID, SECOND_ID);
  open_and_wait ("看看这篇 " LINK " 复制后打开", SEED_ID);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hs_window_get_entry (window))), ==, LINK);
  g_assert_cmpstr (hs_history_get_current_link (history), ==, LINK);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-link", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 clipboard_text_cb, &text);
  hs_test_window_wait_for (hs_test_pointer_is_set, &text, "the clipboard");
  g_assert_cmpstr (text, ==, LINK);

  hs_window_set_launch_hook (window, launch_hook_cb, &launched);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-in-browser", NULL));
  g_assert_cmpstr (launched, ==, LINK);

  /* Back and forward again: the history entry still has it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  hs_test_window_wait_for (hs_test_note_shown, SECOND_ID, "the previous note");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-forward", NULL));
  hs_test_window_wait_for (hs_test_note_shown, SEED_ID, "the linked note");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hs_window_get_entry (window))), ==, LINK);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-in-browser", NULL));
  g_assert_cmpstr (launched, ==, LINK);
  hs_window_set_launch_hook (window, NULL, NULL);
#undef LINK
}

static void
test_paste (void)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));

  open_and_wait (SECOND_ID, SECOND_ID);

  /* Ctrl+V anywhere: the app's share text, as the phone copies it. */
  gdk_clipboard_set_text (clipboard, "春季美妆新品推荐 https://www.xiaohongshu.com/discovery/item/"
                          SEED_ID "?xsec_token=XYZ 复制后打开【小红书】查看笔记！");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL));
  hs_test_window_wait_for (hs_test_note_shown, SEED_ID, "the pasted note");

  /* Text that holds no note: the entry says so, nothing is sent. */
  hs_demo_server_clear_request_log (server);
  gdk_clipboard_set_text (clipboard, "just some words");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL));
  hs_test_window_wait_for (entry_error_shown, NULL, "the entry's complaint");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hs_window_get_entry (window))), ==, "just some words");
  g_assert_true (hs_test_note_shown (SEED_ID));
  g_assert_cmpuint (count_api_requests (NULL), ==, 0);
}

static GtkDropTarget *
window_drop_target (void)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  g_error ("The window takes no drops");
}

static gboolean
drop (const GValue *value)
{
  gboolean accepted = FALSE;

  g_signal_emit_by_name (window_drop_target (), "drop", value, 10.0, 10.0, &accepted);
  return accepted;
}

static void
test_drop (void)
{
  g_auto(GValue) text = G_VALUE_INIT;
  g_auto(GValue) files = G_VALUE_INIT;
  g_auto(GValue) nonsense = G_VALUE_INIT;
  g_autoptr(GFile) link = g_file_new_for_uri ("https://www.xiaohongshu.com/explore/" SECOND_ID "?xsec_token=1");
  GSList *list = g_slist_prepend (NULL, link);

  open_and_wait (SEED_ID, SEED_ID);

  /* A link dragged from a browser arrives as a URI list. */
  g_value_init (&files, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&files, gdk_file_list_new_from_list (list));
  g_slist_free (list);
  g_assert_true (drop (&files));
  hs_test_window_wait_for (hs_test_note_shown, SECOND_ID, "the dropped link");

  /* Dragged text: the share text of the app. */
  g_value_init (&text, G_TYPE_STRING);
  g_value_set_string (&text, "看看这篇 https://www.rednote.com/explore/" SEED_ID "?xsec_token=2");
  g_assert_true (drop (&text));
  hs_test_window_wait_for (hs_test_note_shown, SEED_ID, "the dropped text");

  /* Anything else is refused, and said so in the entry. */
  g_value_init (&nonsense, G_TYPE_STRING);
  g_value_set_string (&nonsense, "a shopping list");
  g_assert_false (drop (&nonsense));
  g_assert_nonnull (hs_window_get_entry_error (window));
}

static HsPreferencesWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (HS_IS_PREFERENCES_WINDOW (toplevel))
        return HS_PREFERENCES_WINDOW (toplevel);
    }
  return NULL;
}

static gboolean
preferences_shown (gconstpointer data)
{
  return find_preferences () != NULL;
}

static void
test_preferences (void)
{
  GSettings *settings = hs_config_get_settings (hs_application_get_config (app));
  HsPreferencesWindow *preferences;
  g_autofree char *stored = NULL;
  GtkWidget *label;

  g_assert_nonnull (settings);

  /* The 401 page's button opens them. */
  open_and_wait (SEED_ID, SEED_ID);
  enter_text (HS_DEMO_FAULT_UNAUTHORIZED);
  hs_test_window_wait_for (error_shown, NULL, "the 401 page");
  g_assert_null (find_preferences ());
  /* A button's "activate" clicks it a moment later, as a key press does. */
  gtk_widget_activate (GTK_WIDGET (hs_error_page_get_action_button (error_page ())));
  hs_test_window_wait_for (preferences_shown, NULL, "the preferences");
  preferences = find_preferences ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preferences)));

  /* An address that is not http(s) never reaches the settings. */
  g_assert_false (hs_preferences_window_apply_api_base_url (preferences, "ftp://api.example.com"));
  g_assert_false (hs_preferences_window_apply_api_base_url (preferences, "api dot example"));
  stored = g_settings_get_string (settings, "api-base-url");
  g_assert_cmpstr (stored, ==, "https://api.xiaohongshu.com");
  g_clear_pointer (&stored, g_free);

  g_assert_true (hs_preferences_window_apply_api_base_url (preferences, " http://127.0.0.1:8080/ "));
  stored = g_settings_get_string (settings, "api-base-url");
  g_assert_cmpstr (stored, ==, "http://127.0.0.1:8080");

  /* The address in effect, and why it is not the setting's: the tests give
   * it in HONGSHU_API_BASE_URL. */
  label = hs_test_find_named (GTK_WIDGET (preferences), "api-base-url-message");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (label)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "HONGSHU_API_BASE_URL"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)),
                            hs_demo_server_get_base_url (server)));

  /* A bad address is said under its row, whole, and never stored. */
  label = hs_test_find_named (GTK_WIDGET (preferences), "referer-message");
  g_assert_false (hs_preferences_window_apply_referer (preferences, "javascript:alert(1)"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "This must be a website address that starts with http:// or https://");
  g_assert_true (gtk_widget_has_css_class (label, "error"));
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (settings, "media-referer");
  g_assert_cmpstr (stored, ==, "https://www.xiaohongshu.com/");
  g_assert_true (hs_preferences_window_apply_referer (preferences, "https://www.xiaohongshu.com/explore"));
  g_assert_false (gtk_widget_has_css_class (label, "error"));
  g_settings_reset (settings, "media-referer");

  g_settings_reset (settings, "api-base-url");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static gboolean
widget_mapped (gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
widget_unmapped (gconstpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
entry_has_focus (gconstpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, hs_window_get_entry (window));
}

static void maybe_screenshot (GtkWidget *widget);

/* A mapped window keeps its size under Xvfb without a window manager: its new default
 * size applies to a new surface. */
static void
resize_window (int width,
               int height)
{
  gtk_widget_hide (GTK_WIDGET (window));
  gtk_widget_unrealize (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
}

/* Issue 13: at 360 px the entry showed only "https://www.". Narrow, the header shows
 * the note's title and a button that brings the entry back, focused; Esc or Enter
 * puts the title back. */
static void
test_narrow_header (void)
{
  GtkWidget *entry = hs_window_get_entry (window);
  GtkWidget *title = hs_test_named ("narrow-title");
  GtkWidget *reveal = hs_test_named ("reveal-entry");

  open_and_wait (SEED_ID, SEED_ID);
  hs_test_window_wait_for (widget_mapped, entry, "the entry, wide");
  g_assert_false (gtk_widget_get_mapped (title));

  resize_window (360, 720);
  hs_test_window_wait_for (widget_mapped, title, "the title at 360 px");
  /* After the crossfade. */
  hs_test_window_wait_for (widget_unmapped, entry, "the entry to go at 360 px");
  g_assert_true (gtk_widget_get_mapped (reveal));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, SEED_TITLE);

  gtk_widget_activate (reveal);
  hs_test_window_wait_for (widget_mapped, entry, "the revealed entry");
  hs_test_window_wait_for (entry_has_focus, NULL, "the focus in the entry");
  hs_test_window_wait_for (widget_unmapped, title, "the title to go");
  maybe_screenshot (GTK_WIDGET (window));

  /* Esc: the title again, and it stays at 360 px. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  hs_test_window_wait_for (widget_mapped, title, "the title after Esc");
  hs_test_window_wait_for (widget_unmapped, entry, "the entry to go after Esc");

  /* Enter: the note opens under its own title. */
  gtk_widget_activate (reveal);
  hs_test_window_wait_for (widget_mapped, entry, "the entry again");
  open_and_wait (SECOND_ID, SECOND_ID);
  hs_test_window_wait_for (widget_mapped, title, "the title after Enter");
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, SECOND_TITLE);

  resize_window (1200, 800);
  hs_test_window_wait_for (widget_mapped, entry, "the entry, wide again");
  hs_test_window_wait_for (widget_unmapped, title, "the title to go, wide");
}

/* Issue 13: a gallery of 120 items showed 100 pictures and 20 videos without a word
 * about the rest. The note view says how many the limits left out. */
static void
test_omitted_media (void)
{
  HsNoteView *view = HS_NOTE_VIEW (hs_window_get_note_view (window));
  g_autoptr(GListStore) images = g_list_store_new (HS_TYPE_IMAGE);
  g_autoptr(HsImage) image = hs_image_new ("http://127.0.0.1:1/a.jpg");
  g_autoptr(HsNote) note = NULL;
  GtkWidget *label;

  open_and_wait (SEED_ID, SEED_ID);
  label = hs_test_named ("omitted-media");
  g_assert_false (gtk_widget_get_visible (label));

  g_list_store_append (images, image);
  note = g_object_new (HS_TYPE_NOTE,
                       "note-id", SECOND_ID,
                       "title", "120",
                       "images", images,
                       "omitted-media-count", 20,
                       NULL);
  hs_note_view_set_note (view, note);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_true (gtk_widget_is_ancestor (label, hs_test_named ("media")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "20 more pictures and videos are not shown");
  maybe_screenshot (GTK_WIDGET (window));

  open_and_wait (SECOND_ID, SECOND_ID);
  g_assert_false (gtk_widget_get_visible (label));
}

static void
test_layout (void)
{
  HsNoteLayout *layout = HS_NOTE_LAYOUT (hs_note_layout_new ());
  GtkWidget *header = gtk_label_new ("author");
  GtkWidget *media = gtk_drawing_area_new ();
  GtkWidget *body = gtk_label_new ("body");
  graphene_rect_t media_bounds, body_bounds, header_bounds;
  int minimum, natural;

  g_object_ref_sink (layout);
  gtk_widget_set_size_request (media, 200, 300);
  hs_note_layout_set_header (layout, header);
  hs_note_layout_set_media (layout, media);
  hs_note_layout_set_body (layout, body);

  /* 360 px: stacked, header over media over body; heights add up. */
  gtk_widget_measure (GTK_WIDGET (layout), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  gtk_widget_size_allocate (GTK_WIDGET (layout), &(GtkAllocation) { 0, 0, 360, 1000 }, -1);
  g_assert_false (hs_note_layout_get_is_wide (layout));
  g_assert_true (gtk_widget_compute_bounds (header, GTK_WIDGET (layout), &header_bounds));
  g_assert_true (gtk_widget_compute_bounds (media, GTK_WIDGET (layout), &media_bounds));
  g_assert_true (gtk_widget_compute_bounds (body, GTK_WIDGET (layout), &body_bounds));
  g_assert_cmpfloat (media_bounds.size.width, ==, 360);
  g_assert_cmpfloat (media_bounds.origin.y, >, header_bounds.origin.y);
  g_assert_cmpfloat (body_bounds.origin.y, >=, media_bounds.origin.y + 300);
  gtk_widget_measure (GTK_WIDGET (layout), GTK_ORIENTATION_VERTICAL, 360, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, >=, 300 + 2 * 24);

  /* 1100 px: the media beside the text, both from the top. */
  gtk_widget_size_allocate (GTK_WIDGET (layout), &(GtkAllocation) { 0, 0, 1100, 1000 }, -1);
  g_assert_true (hs_note_layout_get_is_wide (layout));
  g_assert_true (gtk_widget_compute_bounds (media, GTK_WIDGET (layout), &media_bounds));
  g_assert_true (gtk_widget_compute_bounds (body, GTK_WIDGET (layout), &body_bounds));
  g_assert_cmpfloat (media_bounds.origin.x, ==, 0);
  g_assert_cmpfloat (media_bounds.origin.y, ==, 0);
  g_assert_cmpfloat (body_bounds.origin.x, >=, media_bounds.size.width);
  g_assert_cmpfloat (body_bounds.origin.y, <, 300);
  gtk_widget_measure (GTK_WIDGET (layout), GTK_ORIENTATION_VERTICAL, 1100, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 300);

  g_object_unref (layout);
}

static void
test_welcome (void)
{
  AdwStatusPage *status = hs_welcome_page_get_status_page (HS_WELCOME_PAGE (hs_window_get_welcome_page (window)));
  GtkRevealer *banner = GTK_REVEALER (gtk_widget_get_ancestor (hs_test_named ("demo-banner-label"),
                                                               GTK_TYPE_REVEALER));

  /* The welcome page was the first page (/window/token-needed). */
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Welcome to Hongshu");
  g_assert_false (gtk_revealer_get_reveal_child (banner));

  /* No token: a pasted share text opens from the website, with nothing
   * asked of the API. */
  {
    g_autofree char *path = hs_demo_web_note_path (SEED_ID);
    g_autofree char *text = g_strconcat (SEED_TITLE " https://www.xiaohongshu.com", path,
                                         " ，复制本条信息，打开【小红书】App查看精彩内容！", NULL);

    enter_text (text);
    hs_test_window_wait_for (hs_test_note_shown, SEED_ID, "the note from the website");
    g_assert_cmpstr (label_text ("note-title"), ==, SEED_TITLE);
    g_assert_cmpuint (hs_test_count_requests (server, "/explore/" SEED_ID), ==, 1);
    g_assert_cmpuint (hs_test_count_requests (server, "/v1/notes/" SEED_ID), ==, 0);
  }

  /* "Try the Demo": the demo server starts in the process, the sample opens,
   * and the banner says where the notes come from. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "demo", NULL);
  g_assert_nonnull (hs_application_get_demo_server (app));
  g_assert_true (hs_window_get_demo_mode (window));
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  hs_test_window_wait_for (hs_test_note_shown, SEED_ID, "the sample note");
  g_assert_cmpstr (label_text ("note-title"), ==, SEED_TITLE);
}

static gboolean
token_row_failed (gconstpointer data)
{
  return gtk_widget_has_css_class (GTK_WIDGET (data), "error");
}

/* HONGSHU_TEST_SCREENSHOT=FILE.png (and HONGSHU_TEST_SCREENSHOT_SIZE=WxH):
 * how the preferences look with the keyring's error, for a person to see. */
static void
maybe_screenshot (GtkWidget *widget)
{
  const char *path = g_getenv ("HONGSHU_TEST_SCREENSHOT");
  const char *size = g_getenv ("HONGSHU_TEST_SCREENSHOT_SIZE");
  int width = 0, height = 0;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  if (size != NULL && sscanf (size, "%dx%d", &width, &height) == 2)
    gtk_window_set_default_size (GTK_WINDOW (widget), width, height);
  hs_test_run_for_ms (1500);
  if (!hs_screenshot_save_png (widget, path, &error))
    g_error ("screenshot: %s", error->message);
}

/* Issue 13: without a token, opening a note sends nothing and offers to set
 * one; a keyring that cannot store it keeps what was typed and says, under
 * the row, why and what to do. */
static void
test_token_needed (void)
{
  HsAccount *account = hs_application_get_account (app);
  g_autoptr(GPtrArray) log = NULL;
  HsPreferencesWindow *preferences;
  GtkButton *button;
  GtkWidget *row;
  const char *message;

  g_assert_true (hs_test_page_is ("welcome"));
  g_assert_false (hs_account_get_has_token (account));
  g_assert_cmpint (hs_account_get_state (account), ==, HS_ACCOUNT_STATE_KEYRING_UNAVAILABLE);
  hs_demo_server_clear_request_log (server);

  enter_text (SEED_ID);
  g_assert_true (hs_test_page_is ("error"));
  g_assert_cmpstr (adw_status_page_get_title (hs_error_page_get_status_page (error_page ())), ==,
                   _("Access Token Needed"));
  button = hs_error_page_get_action_button (error_page ());
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "app.set-access-token");
  /* Nothing now, and nothing late either. */
  hs_test_run_for_ms (300);
  log = hs_demo_server_get_request_log (server);
  g_assert_cmpuint (log->len, ==, 0);
  g_clear_pointer (&log, g_ptr_array_unref);

  gtk_widget_activate (GTK_WIDGET (button));
  hs_test_window_wait_for (preferences_shown, NULL, "the preferences");
  preferences = find_preferences ();
  row = hs_preferences_window_get_access_token_row (preferences);
  /* The keyring's failure at start-up is already said under the row. */
  message = hs_preferences_window_get_access_token_message (preferences);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "HONGSHU_ACCESS_TOKEN"));

  gtk_editable_set_text (GTK_EDITABLE (row), "typed-token");
  g_signal_emit_by_name (row, "apply");
  hs_test_window_wait_for (token_row_failed, row, "the keyring's answer");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "typed-token");
  message = hs_preferences_window_get_access_token_message (preferences);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "HONGSHU_ACCESS_TOKEN"));
  g_assert_null (strstr (message, "typed-token"));
  g_assert_false (hs_account_get_has_token (account));
  maybe_screenshot (GTK_WIDGET (preferences));

  gtk_window_destroy (GTK_WINDOW (preferences));
  log = hs_demo_server_get_request_log (server);
  g_assert_cmpuint (log->len, ==, 0);
  g_assert_true (hs_test_page_is ("error"));
}

static void
test_translated (void)
{
  AdwStatusPage *status = hs_welcome_page_get_status_page (HS_WELCOME_PAGE (hs_window_get_welcome_page (window)));

  g_assert_cmpstr (adw_status_page_get_title (status), ==, "欢迎使用红薯");

  open_and_wait (SEED_ID, SEED_ID);
  assert_count ("like-count", "1024", "1,024 次点赞");
  assert_count ("favorite-count", "512", "512 次收藏");
  assert_count ("comment-count", "256", "256 条评论");
  assert_count ("share-count", "128", "128 次分享");
  g_assert_cmpstr (label_text ("author-followers"), ==, "10万 粉丝");

  enter_text (HS_DEMO_FAULT_NOT_FOUND);
  hs_test_window_wait_for (error_shown, NULL, "the 404 page");
  g_assert_cmpstr (adw_status_page_get_title (hs_error_page_get_status_page (error_page ())), ==,
                   "笔记不存在");
}

/* The build's catalog, in a locale directory of our own. */
static char *
install_test_catalog (void)
{
  const char *mo = g_getenv ("HONGSHU_TEST_MO");
  g_autofree char *dir = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *target = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (mo);
  dir = g_dir_make_tmp ("hongshu-test-locale-XXXXXX", &error);
  g_assert_no_error (error);
  messages = g_build_filename (dir, "zh_CN", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (messages, 0700), ==, 0);
  target = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_file_get_contents (mo, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (target, contents, length, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *mode = g_getenv ("HONGSHU_TEST_MODE");
  g_autofree char *locale_dir = NULL;
  g_autofree char *home = NULL;
  int status;

  home = hs_test_window_isolate ("test-window");
  /* Before anything reads the local time zone. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);

  setlocale (LC_ALL, "");
  if (g_getenv ("HONGSHU_TEST_MO") != NULL)
    {
      locale_dir = install_test_catalog ();
      bindtextdomain (GETTEXT_PACKAGE, locale_dir);
    }
  else
    bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  server = hs_test_demo_server_new ();

  if (g_strcmp0 (mode, "welcome") == 0)
    {
      /* No token in the environment, and none in any keyring either:
       * secrets are stored per API origin, and this port's origin is new. */
      g_unsetenv ("HONGSHU_ACCESS_TOKEN");
      g_unsetenv ("HONGSHU_APP_SECRET");
      g_setenv ("HONGSHU_API_BASE_URL", hs_demo_server_get_base_url (server), TRUE);
      /* Without a token, links are read from the website: the demo's. */
      g_setenv ("HONGSHU_WEB_BASE_URL", hs_demo_server_get_base_url (server), TRUE);
    }
  else
    {
      /* Both secrets from the environment: the session's keyring is never
       * asked. */
      g_setenv ("HONGSHU_ACCESS_TOKEN", HS_DEMO_ACCESS_TOKEN, TRUE);
      g_setenv ("HONGSHU_APP_SECRET", "unused-without-an-app-key", TRUE);
      g_setenv ("HONGSHU_API_BASE_URL", hs_demo_server_get_base_url (server), TRUE);
    }

  app = hs_application_new ();
  window = hs_test_window_start (app, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  hs_test_window_wait_for (credentials_ready, NULL, "the credentials");

  /* One retry, so that the 429 and 5xx pages come after seconds, not minutes. */
  hs_config_set_max_retries (hs_application_get_config (app), 1);

  if (g_strcmp0 (mode, "welcome") == 0)
    {
      g_test_add_func ("/window/token-needed", test_token_needed);
      g_test_add_func ("/window/welcome", test_welcome);
    }
  else if (g_strcmp0 (mode, "zh") == 0)
    g_test_add_func ("/window/translated", test_translated);
  else
    {
      g_test_add_func ("/window/open-note", test_open_note);
      g_test_add_func ("/window/invalid-text", test_invalid_text);
      g_test_add_func ("/window/errors", test_errors);
      g_test_add_func ("/window/rate-limited-countdown", test_rate_limited_countdown);
      g_test_add_func ("/window/pacing", test_pacing);
      g_test_add_func ("/window/network-error", test_network_error);
      g_test_add_func ("/window/new-note-cancels-old", test_new_note_cancels_old);
      g_test_add_func ("/window/cancel-slow-load", test_cancel_slow_load);
      g_test_add_func ("/window/arrows-page-gallery", test_arrows_page_gallery);
      g_test_add_func ("/window/maps-fallback", test_maps_fallback);
      g_test_add_func ("/window/back-forward", test_back_forward);
      g_test_add_func ("/window/short-link", test_short_link);
      g_test_add_func ("/window/copy-link", test_copy_link);
      g_test_add_func ("/window/link-keeps-query", test_link_keeps_query);
      g_test_add_func ("/window/paste", test_paste);
      g_test_add_func ("/window/drop", test_drop);
      g_test_add_func ("/window/preferences", test_preferences);
      g_test_add_func ("/layout/narrow-and-wide", test_layout);
      g_test_add_func ("/window/narrow-header", test_narrow_header);
      g_test_add_func ("/window/omitted-media", test_omitted_media);
    }

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  hs_demo_server_stop (server);
  g_clear_object (&server);
  if (locale_dir != NULL)
    hs_test_remove_tree (locale_dir);
  hs_test_remove_tree (home);
  return status;
}
