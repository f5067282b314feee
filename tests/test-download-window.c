#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "hs-client.h"
#include "hs-demo-server.h"
#include "hs-download-window.h"
#include "hs-library.h"
#include "hs-library-saver.h"
#include "hs-screenshot.h"
#include "hs-test-support.h"

/* The "Download…" window in a real window against the demo server: pasted
 * links become a row per note that fills and completes; a bad line is
 * shown, not fatal; the folder is remembered in the settings; "Download
 * All Results" fills the rows page by page and completes; the library's
 * saved notes and a category are a batch too.
 * HONGSHU_TEST_SCREENSHOTS=DIR saves its pages as PNG files there
 * (build-aux/screenshots.sh takes the published ones, at every size). */

/* "一" is in 54 of the 61 sample notes: pages of 20, 20 and 14. */
#define KEYWORD   "一"
#define N_RESULTS 54

static gboolean
queue_finished (gconstpointer data)
{
  HsDownloadQueue *queue = hs_download_window_get_queue ((HsDownloadWindow *) data);

  return queue != NULL && hs_download_queue_get_state (queue) == HS_DOWNLOAD_QUEUE_FINISHED;
}

/* Finished, and no more notes to come. */
static gboolean
batch_done (gconstpointer data)
{
  HsDownloadWindow *window = (HsDownloadWindow *) data;

  return queue_finished (data) && !hs_download_window_is_gathering (window);
}

static gboolean
mapped (gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
has_size (gconstpointer data)
{
  return gtk_widget_get_width ((GtkWidget *) data) > 0;
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  const char *dir = g_getenv ("HONGSHU_TEST_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  /* Laid out, and drawn at least once. */
  hs_test_wait_for (has_size, widget, "the window's size");
  hs_test_run_for_ms (200);
  path = g_build_filename (dir, name, NULL);
  hs_screenshot_save_png (widget, path, &error);
  g_assert_no_error (error);
}

typedef gboolean (*WidgetMatch) (GtkWidget     *widget,
                                  gconstpointer  data);

/* The first of @widget and its descendants that @match takes. */
static GtkWidget *
find_widget (GtkWidget     *widget,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_visible_label_with (GtkWidget     *widget,
                       gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL &&
         gtk_widget_get_visible (widget);
}

static GtkWidget *
find_label_with (GtkWidget  *widget,
                 const char *text)
{
  return find_widget (widget, is_visible_label_with, text);
}

static gboolean
is_combo_row (GtkWidget     *widget,
              gconstpointer  data)
{
  return ADW_IS_COMBO_ROW (widget);
}

/* The window's "Notes" choice. */
static AdwComboRow *
find_from_row (HsDownloadWindow *window)
{
  return ADW_COMBO_ROW (find_widget (GTK_WIDGET (window), is_combo_row, NULL));
}

static void
test_download_window (void)
{
  g_autoptr(HsDemoServer) server = hs_test_demo_server_new ();
  g_autoptr(HsConfig) config = hs_test_config_new (server);
  g_autoptr(HsClient) client = hs_client_new (config);
  g_autoptr(HsMediaLoader) loader = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.hongshu.Hongshu");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("hongshu-test-download-window-XXXXXX", &error);
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autofree char *out = g_build_filename (tmp, "下载", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autofree char *remembered = NULL;
  HsDownloadWindow *window;
  HsDownloadQueue *queue;

  g_assert_no_error (error);
  hs_demo_server_set_requests_per_minute (server, 0);
  hs_client_set_access_token (client, HS_DEMO_ACCESS_TOKEN);
  loader = hs_media_loader_new_with_cache_dir (config, cache);

  window = hs_download_window_new (NULL, HS_NOTE_SOURCE (client), loader, settings);
  hs_download_window_set_folder (window, out_file);
  remembered = g_settings_get_string (settings, "download-folder");
  g_assert_cmpstr (remembered, ==, out);

  hs_download_window_set_text (window,
                               "https://www.xiaohongshu.com/explore/" HS_DEMO_SEED_NOTE_ID "?xsec_token=x\n"
                               "这一行没有链接\n"
                               "看看 6960d650977226eaca0305f7 " HS_DEMO_FAULT_FORBIDDEN_PICTURE "\n");
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 600);
  gtk_window_present (GTK_WINDOW (window));
  hs_test_wait_for (mapped, window, "the window to show");
  shoot (GTK_WIDGET (window), "download-input.png");

  hs_download_window_start (window);
  queue = hs_download_window_get_queue (window);
  g_assert_nonnull (queue);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 3);
  hs_test_wait_for (queue_finished, window, "the downloads to finish");

  /* The bad line is shown; each note's row says how it went. */
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "这一行没有链接"));
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "春季美妆新品推荐"));
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "3 saved, 0 already there"));
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "Failed: 02 ("));
  g_assert_cmpuint (hs_download_queue_get_n_saved (queue), >, 5);
  g_assert_cmpuint (hs_download_queue_get_n_failed (queue), ==, 1);
  shoot (GTK_WIDGET (window), "download-progress.png");
  if (g_getenv ("HONGSHU_TEST_SCREENSHOTS") != NULL)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      shoot (GTK_WIDGET (window), "download-progress-dark.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  hs_test_remove_tree (tmp);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;
  return n;
}

static GtkListBox *
find_rows (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget) && count_rows (GTK_LIST_BOX (widget)) > 1)
    return GTK_LIST_BOX (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found = find_rows (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every file a note's folder's record names is there, at its size, and
 * nothing half done. Returns the number of files. */
static guint
assert_folder_complete (GFile *folder)
{
  g_autofree char *record = g_build_filename (g_file_peek_path (folder), ".hongshu.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = g_dir_open (g_file_peek_path (folder), 0, NULL);
  guint n_files = 0;
  const char *name;

  g_assert_true (g_file_get_contents (record, &contents, NULL, NULL));
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("\"name\" : \"%s\"", name);

      g_assert_false (g_str_has_suffix (name, ".part"));
      g_assert_false (g_str_has_suffix (name, ".tmp"));
      if (strcmp (name, ".hongshu.json") == 0)
        continue;
      /* The record names it: it is complete. */
      g_assert_nonnull (strstr (contents, quoted));
      n_files++;
    }
  g_assert_cmpuint (n_files, >, 0);
  return n_files;
}

static HsDownloadWindow *
new_window (HsDemoServer   *server,
            HsClient      **client_out,
            HsMediaLoader **loader_out,
            const char     *tmp)
{
  g_autoptr(HsConfig) config = hs_test_config_new (server);
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  HsDownloadWindow *window;

  /* The limiter's own pace is bench-download.sh's business. */
  hs_config_set_requests_per_minute (config, 0);
  *client_out = hs_client_new (config);
  hs_client_set_access_token (*client_out, HS_DEMO_ACCESS_TOKEN);
  *loader_out = hs_media_loader_new_with_cache_dir (config, cache);
  window = hs_download_window_new (NULL, HS_NOTE_SOURCE (*client_out), *loader_out, NULL);
  hs_download_window_set_folder (window, out_file);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 600);
  return window;
}

/* "Download All Results": every page of the search, its notes into the
 * rows as each page arrives (the first notes are asked for before the
 * last page), all complete on disk. */
static void
test_search_results (void)
{
  g_autoptr(HsDemoServer) server = hs_test_demo_server_new ();
  g_autoptr(HsClient) client = NULL;
  g_autoptr(HsMediaLoader) loader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("hongshu-test-download-search-XXXXXX", &error);
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) searches = NULL;
  HsDownloadWindow *window;
  HsDownloadQueue *queue;
  GtkListBox *rows;
  guint first_note_at = G_MAXUINT, last_page_at = 0;
  guint n_files = 0;

  g_assert_no_error (error);
  hs_demo_server_set_requests_per_minute (server, 0);
  window = new_window (server, &client, &loader, tmp);
  gtk_window_present (GTK_WINDOW (window));
  hs_test_wait_for (mapped, window, "the window to show");

  hs_download_window_start_search (window, KEYWORD, FALSE);
  g_assert_true (hs_download_window_is_gathering (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Download All Results");
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "Searching “" KEYWORD "”"));
  queue = hs_download_window_get_queue (window);
  g_assert_nonnull (queue);
  hs_test_wait_for (batch_done, window, "every result downloaded");
  shoot (GTK_WIDGET (window), "download-search.png");
  if (g_getenv ("HONGSHU_TEST_SCREENSHOTS") != NULL)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      shoot (GTK_WIDGET (window), "download-search-dark.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
    }

  /* Three pages, in order, then no more: has_more was false. */
  searches = hs_test_log_for_path (server, "/v1/notes/search");
  g_assert_cmpuint (searches->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *page = g_strdup_printf ("%u", i + 1);

      g_assert_cmpstr (hs_demo_request_get_query_param (g_ptr_array_index (searches, i), "page"), ==, page);
      g_assert_cmpstr (hs_demo_request_get_query_param (g_ptr_array_index (searches, i), "keyword"), ==, KEYWORD);
    }

  /* Filled as the pages came: a note was asked for before the last page. */
  log = hs_demo_server_get_request_log (server);
  for (guint i = 0; i < log->len; i++)
    {
      const char *path = hs_demo_request_get_path (g_ptr_array_index (log, i));

      if (g_str_has_prefix (path, "/v1/notes/search"))
        last_page_at = i;
      else if (g_str_has_prefix (path, "/v1/notes/") && first_note_at == G_MAXUINT)
        first_note_at = i;
    }
  g_assert_cmpuint (first_note_at, <, last_page_at);

  /* A row per note, each done, its folder complete on disk. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, N_RESULTS);
  rows = find_rows (GTK_WIDGET (window));
  g_assert_nonnull (rows);
  g_assert_cmpuint (count_rows (rows), ==, N_RESULTS);
  for (guint i = 0; i < N_RESULTS; i++)
    {
      g_autoptr(HsDownloadItem) item = g_list_model_get_item (G_LIST_MODEL (queue), i);

      g_assert_cmpint (hs_download_item_get_state (item), ==, HS_DOWNLOAD_STATE_DONE);
      n_files += assert_folder_complete (hs_download_item_get_folder (item));
    }
  g_assert_cmpuint (n_files, ==, hs_download_queue_get_n_saved (queue));
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "54 of 54 notes"));
  g_assert_null (find_label_with (GTK_WIDGET (window), "Searching"));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  hs_test_remove_tree (tmp);
}

static gboolean
library_chosen (gconstpointer data)
{
  return hs_download_window_choose_library ((HsDownloadWindow *) data, "吃喝");
}

/* A Download window on a library of its own, in a folder of its own,
 * against the demo server. */
typedef struct
{
  HsDemoServer     *server;
  HsClient         *client;
  HsMediaLoader    *loader;
  char             *tmp;
  HsLibrary        *library;
  HsDownloadWindow *window;
} LibraryWindow;

static void
library_window_open (LibraryWindow *f)
{
  f->window = new_window (f->server, &f->client, &f->loader, f->tmp);
  hs_download_window_set_library (f->window, f->library);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
library_window_close (LibraryWindow *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->client);
  g_clear_object (&f->loader);
}

static void
library_window_set_up (LibraryWindow *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library_dir = NULL;

  f->server = hs_test_demo_server_new ();
  hs_demo_server_set_requests_per_minute (f->server, 0);
  f->tmp = g_dir_make_tmp ("hongshu-test-download-library-XXXXXX", &error);
  g_assert_no_error (error);
  library_dir = g_build_filename (f->tmp, "library", NULL);
  f->library = hs_library_new (library_dir);
  g_assert_true (hs_library_open_sync (f->library, NULL, &error));
  g_assert_no_error (error);
  library_window_open (f);
}

static void
library_window_tear_down (LibraryWindow *f,
                          gconstpointer  data)
{
  if (f->window != NULL)
    library_window_close (f);
  hs_library_close (f->library);
  g_clear_object (&f->library);
  hs_test_remove_tree (f->tmp);
  g_free (f->tmp);
  g_clear_object (&f->server);
}

/* Saves @note with its media into @library, as the app's Save does. */
static void
save_with_media (HsLibrary     *library,
                 HsMediaLoader *loader,
                 HsNote        *note)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hs_library_save_with_media_async (library, loader, note, "api", NULL, NULL, hs_test_store_result_cb, &result);
  g_assert_true (hs_library_save_with_media_finish (library, hs_test_await_result (&result), NULL, &error));
  g_assert_no_error (error);
}

/* The library's saved notes, then a category, from the window's "Notes"
 * choice: downloaded as the library keeps them, no API call for them, and
 * their files the library's own copies, with the demo server gone. */
static void
test_library (LibraryWindow *f,
              gconstpointer  data)
{
  g_autoptr(HsNote) seed = NULL;
  g_autoptr(HsNote) food = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { NULL, NULL };
  HsDownloadQueue *queue;
  guint n_files = 0;

  /* Two saved notes (as the app saves them, media and all), one category. */
  seed = hs_test_fetch_note (f->client, HS_DEMO_SEED_NOTE_ID);
  food = hs_test_fetch_note (f->client, "6960d650977226eaca0305f7");
  save_with_media (f->library, f->loader, seed);
  save_with_media (f->library, f->loader, food);
  tags[0] = hs_note_get_tags (food)[0];
  g_assert_true (hs_library_category_add_sync (f->library, "吃喝", tags, NULL, &error));
  g_assert_no_error (error);

  hs_test_wait_for (mapped, f->window, "the window to show");
  hs_test_wait_for (library_chosen, f->window, "the library's categories");
  g_assert_nonnull (find_label_with (GTK_WIDGET (f->window), "with a tag of this category"));
  shoot (GTK_WIDGET (f->window), "download-library.png");

  g_assert_true (hs_download_window_choose_library (f->window, NULL));
  g_assert_nonnull (find_label_with (GTK_WIDGET (f->window), "Every note saved in the library"));
  hs_demo_server_clear_request_log (f->server);
  /* Nothing to fetch from: the files come from the library. */
  hs_demo_server_stop (f->server);
  hs_download_window_start (f->window);
  hs_test_wait_for (batch_done, f->window, "the saved notes downloaded");
  queue = hs_download_window_get_queue (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 2);
  g_assert_cmpuint (hs_download_queue_get_n_notes_failed (queue), ==, 0);
  g_assert_cmpuint (hs_download_queue_get_n_failed (queue), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(HsDownloadItem) item = g_list_model_get_item (G_LIST_MODEL (queue), i);

      g_assert_cmpint (hs_download_item_get_state (item), ==, HS_DOWNLOAD_STATE_DONE);
      n_files += hs_test_assert_library_copy (g_file_peek_path (hs_download_item_get_folder (item)), f->library,
                                              hs_download_item_get_note_id (item));
    }
  g_assert_cmpuint (n_files, >=, 4);
  g_assert_cmpuint (hs_download_queue_get_n_saved (queue), ==, n_files);
  g_assert_cmpuint (hs_test_count_requests (f->server, "/v1/notes/" HS_DEMO_SEED_NOTE_ID), ==, 0);
  g_assert_cmpuint (hs_test_count_requests (f->server, "/v1/notes/6960d650977226eaca0305f7"), ==, 0);
  library_window_close (f);

  /* The category alone: the second note, already there. */
  g_assert_true (hs_demo_server_start (f->server, 0, &error));
  g_assert_no_error (error);
  library_window_open (f);
  hs_test_wait_for (library_chosen, f->window, "the library's categories");
  hs_download_window_start (f->window);
  hs_test_wait_for (batch_done, f->window, "the category downloaded");
  queue = hs_download_window_get_queue (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 1);
  g_assert_cmpuint (hs_download_queue_get_n_saved (queue), ==, 0);
  g_assert_cmpuint (hs_download_queue_get_n_skipped (queue), >, 0);
}

/* The "Notes" entry chosen, as shown. */
static const char *
chosen_label (HsDownloadWindow *window)
{
  AdwComboRow *row = find_from_row (window);
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* Whether the "Notes" choice offers category @name. */
static gboolean
shows_category (HsDownloadWindow *window,
                const char       *name)
{
  AdwComboRow *row = find_from_row (window);
  GListModel *model = adw_combo_row_get_model (row);
  g_autofree char *label = g_strdup_printf ("Category “%s”", name);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
new_category_shown (gconstpointer data)
{
  return shows_category ((HsDownloadWindow *) data, "A 新的");
}

static gboolean
renamed_category_shown (gconstpointer data)
{
  return shows_category ((HsDownloadWindow *) data, "好吃的") &&
         !shows_category ((HsDownloadWindow *) data, "吃喝");
}

/* The "Notes" choice follows the library while the window is open: a
 * category added appears (the one chosen stays chosen, though it moved
 * down); the chosen one renamed shows its new name, and the choice goes
 * back to the links rather than to another batch. */
static void
test_categories_follow_library (LibraryWindow *f,
                                gconstpointer  data)
{
  HsLibrary *library = f->library;
  HsDownloadWindow *window = f->window;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "美食", NULL };

  g_assert_true (hs_library_category_add_sync (library, "吃喝", tags, NULL, &error));
  g_assert_no_error (error);
  hs_test_wait_for (mapped, window, "the window to show");
  hs_test_wait_for (library_chosen, window, "the library's categories");
  g_assert_cmpstr (chosen_label (window), ==, "Category “吃喝”");
  g_assert_false (hs_download_window_choose_library (window, "A 新的"));

  /* Added while open, before the one chosen, which stays chosen. */
  g_assert_true (hs_library_category_add_sync (library, "A 新的", tags, NULL, &error));
  g_assert_no_error (error);
  hs_test_wait_for (new_category_shown, window, "the new category");
  g_assert_cmpstr (chosen_label (window), ==, "Category “吃喝”");

  /* The chosen one renamed, as the Library's category dialog does it
   * (removed, then added): the choice goes back to the links. */
  g_assert_true (hs_library_category_remove_sync (library, "吃喝", NULL, NULL, &error));
  g_assert_true (hs_library_category_add_sync (library, "好吃的", tags, NULL, &error));
  g_assert_no_error (error);
  hs_test_wait_for (renamed_category_shown, window, "the renamed category");
  g_assert_cmpstr (chosen_label (window), ==, "Links or share texts");
  g_assert_true (hs_download_window_choose_library (window, "好吃的"));
  shoot (GTK_WIDGET (window), "download-categories.png");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("hongshu-test-download-window-XXXXXX", &error);
  g_autofree char *data_dir = g_build_filename (home, "data", NULL);
  int status;

  /* The window opens the person's library: this test's own instead (not
   * G_TEST_OPTION_ISOLATE_DIRS, which hides the system's GSettings
   * schemas that the proxy resolver needs). */
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/download-window/links-to-folders", test_download_window);
  g_test_add_func ("/download-window/search-results", test_search_results);
  g_test_add ("/download-window/library", LibraryWindow, NULL,
              library_window_set_up, test_library, library_window_tear_down);
  g_test_add ("/download-window/categories-follow-library", LibraryWindow, NULL,
              library_window_set_up, test_categories_follow_library, library_window_tear_down);

  status = g_test_run ();
  hs_test_remove_tree (home);
  return status;
}
