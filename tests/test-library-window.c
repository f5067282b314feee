/* The Library in the real window, against the demo server on 127.0.0.1 and
 * a real library in SQLite under this test's own XDG_DATA_HOME: a note
 * opened goes into the History, Save to Library keeps it with its media,
 * and after a "restart" (window, application and library destroyed, new
 * ones on the same data) with the demo server gone, it opens from Saved
 * with its title, body and pictures. The library search finds it by one
 * and two Chinese characters, the Tags section lists its tags, and Clear
 * History empties the History. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "hs-application.h"
#include "hs-category-dialog.h"
#include "hs-library-page.h"
#include "hs-media-gallery.h"
#include "hs-media-page.h"
#include "hs-note-card.h"
#include "hs-note-grid.h"
#include "hs-note-view.h"
#include "hs-test-support.h"
#include "hs-test-window.h"
#include "hs-texture-cache.h"
#include "hs-window.h"
#include "hs-window-private.h"

/* The seed note: 春季美妆新品推荐, tags 美妆 and 新品, two pictures and a video. */
#define SAVED_ID   HS_DEMO_SEED_NOTE_ID
/* Another note, opened and not saved: the History. */
#define OPENED_ID  "67cc34c46b8e5ff731406d84"
/* Opened with the History switch off: never recorded (tags 美妆 底妆 油皮). */
#define UNRECORDED_ID "6683e710decf96823289ae5d"
/* Opened once the switch is on again: recorded (tags 美妆 新手化妆 日常妆). */
#define RECORDED_ID "671592782acfef209d9cc271"

static HsDemoServer *server;
static HsApplication *app;
static HsWindow *window;
static char *cache_dir;

static HsLibraryPage *
page (void)
{
  return HS_LIBRARY_PAGE (hs_window_get_library_page (window));
}

static HsNoteGrid *
visible_grid (void)
{
  GtkWidget *grid = hs_library_page_get_visible_grid (page ());

  return grid != NULL ? HS_NOTE_GRID (grid) : NULL;
}

static guint
n_results (void)
{
  HsNoteGrid *grid = visible_grid ();
  HsSearchResults *results = grid != NULL ? hs_note_grid_get_results (grid) : NULL;

  return results != NULL ? g_list_model_get_n_items (G_LIST_MODEL (results)) : 0;
}

static char *
describe (void)
{
  return g_strdup_printf ("window page: %s, library section: %s, %u results",
                          hs_window_get_visible_page (window),
                          hs_library_page_get_visible_name (page ()), n_results ());
}

static void
wait_for (HsTestCondition  condition,
          gconstpointer    data,
          const char      *what)
{
  hs_test_wait_for_full (condition, data, what, describe);
}

static HsNoteView *
note_view (void)
{
  return HS_NOTE_VIEW (hs_window_get_note_view (window));
}

/* The item the library has for @note_id, read as hongshu-cli would. */
static HsLibraryItem *
library_item (const char *note_id)
{
  return hs_library_get_sync (hs_application_get_library (app), note_id, NULL, NULL);
}

static gboolean
in_library (gconstpointer data)
{
  g_autoptr(HsLibraryItem) item = library_item (data);

  return item != NULL;
}

static gboolean
saved_in_library (gconstpointer data)
{
  g_autoptr(HsLibraryItem) item = library_item (data);

  return item != NULL && hs_library_item_get_saved (item) && hs_note_view_get_saved (note_view ());
}

/* A label below @widget whose text starts with @prefix. */
static gboolean
has_label_starting (GtkWidget  *widget,
                    const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_starting (child, prefix))
      return TRUE;
  return FALSE;
}

static gboolean
section_has_note (gconstpointer data)
{
  HsNoteGrid *grid = visible_grid ();
  HsSearchResults *results = grid != NULL ? hs_note_grid_get_results (grid) : NULL;

  if (results == NULL || hs_search_results_get_loading (results))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (results)); i++)
    {
      g_autoptr(HsNote) note = g_list_model_get_item (G_LIST_MODEL (results), i);

      if (g_strcmp0 (hs_note_get_note_id (note), data) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
section_is_empty (gconstpointer data)
{
  HsNoteGrid *grid = visible_grid ();
  HsSearchResults *results = grid != NULL ? hs_note_grid_get_results (grid) : NULL;

  return g_strcmp0 (hs_library_page_get_visible_name (page ()), data) == 0 &&
         results != NULL && hs_search_results_get_n_pages (results) > 0 &&
         !hs_search_results_get_loading (results) &&
         g_list_model_get_n_items (G_LIST_MODEL (results)) == 0 &&
         g_strcmp0 (hs_note_grid_get_visible_page (grid), "empty") == 0;
}

static gboolean
first_picture_shown (gconstpointer data)
{
  GtkWidget *gallery = hs_note_view_get_gallery (note_view ());
  HsMediaPage *first;

  if (gallery == NULL || hs_media_gallery_get_n_items (HS_MEDIA_GALLERY (gallery)) == 0)
    return FALSE;
  first = hs_media_gallery_get_page (HS_MEDIA_GALLERY (gallery), 0);
  return first != NULL && hs_media_page_get_texture (first) != NULL;
}

static gboolean
page_not_busy (gconstpointer data)
{
  return !hs_library_page_get_busy (page ());
}

static gboolean
library_is_open (gconstpointer data)
{
  return hs_application_get_library (app) != NULL && hs_window_get_library (window) != NULL &&
         hs_account_get_is_ready (hs_application_get_account (app));
}

static void
start_app (void)
{
  app = hs_application_new ();
  /* This one starts twice: each its own instance. */
  window = hs_test_window_start (app, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  wait_for (library_is_open, NULL, "the library to open");
}

static gboolean
pointer_is_null (gconstpointer data)
{
  return *(gpointer const *) data == NULL;
}

/* The first life of the application, as `hongshu` runs it
 * (g_application_run(), which unregisters it from the bus at the end, so
 * that it can go): open two notes, save one, close the window. */
static HsLibrary *first_library;

static gboolean
first_life_cb (gpointer user_data)
{
  g_autoptr(HsLibraryItem) item = NULL;
  g_autoptr(GHashTable) media = NULL;
  g_autoptr(GSettings) settings = NULL;

  window = HS_WINDOW (hs_application_get_main_window (app));
  hs_test_window_set (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  wait_for (library_is_open, NULL, "the library to open");

  /* Opened: in the History at once, not saved. */
  hs_window_open (window, OPENED_ID);
  wait_for (hs_test_note_shown, OPENED_ID, "the second note");
  wait_for (in_library, OPENED_ID, "the opened note in the history");
  hs_window_open (window, SAVED_ID);
  wait_for (hs_test_note_shown, SAVED_ID, "the seed note");
  wait_for (in_library, SAVED_ID, "the seed note in the history");
  item = library_item (SAVED_ID);
  g_assert_false (hs_library_item_get_saved (item));
  g_assert_false (hs_note_view_get_saved (note_view ()));

  /* Save to Library (Ctrl+D): the note and every picture and video. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-to-library", NULL));
  wait_for (saved_in_library, SAVED_ID, "the note saved");
  /* The news shows with the badge: the "Saving…" toast made way for it
   * instead of holding it in the overlay's queue for its 3 s. */
  g_assert_true (has_label_starting (GTK_WIDGET (window), "Saved to the library with "));
  media = hs_library_get_media_sync (hs_application_get_library (app), SAVED_ID, NULL, NULL);
  g_assert_nonnull (media);
  /* Two pictures, a video and its cover. */
  g_assert_cmpuint (g_hash_table_size (media), >=, 3);

  /* The History switch (Preferences) off: a note opened is not recorded.
   * The window reads the setting as each note loads. */
  settings = g_settings_new ("io.github.hongshu.Hongshu");
  g_settings_set_boolean (settings, "record-history", FALSE);
  hs_window_open (window, UNRECORDED_ID);
  wait_for (hs_test_note_shown, UNRECORDED_ID, "a note opened with the History off");
  /* On again: the next note is recorded. It is asked for after the one
   * before was shown, so that one's record, had there been one, came first. */
  g_settings_set_boolean (settings, "record-history", TRUE);
  hs_window_open (window, RECORDED_ID);
  wait_for (hs_test_note_shown, RECORDED_ID, "a note opened with the History on again");
  wait_for (in_library, RECORDED_ID, "that note in the History");
  g_assert_false (in_library (UNRECORDED_ID));

  first_library = hs_application_get_library (app);
  g_object_add_weak_pointer (G_OBJECT (first_library), (gpointer *) &first_library);
  gtk_window_destroy (GTK_WINDOW (window));
  window = NULL;
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static gboolean
tag_listed (gconstpointer data)
{
  g_autofree char *wanted = g_strdup_printf ("#%s", (const char *) data);
  GtkWidget *box = hs_library_page_get_tags_box (page ());

  /* flow box → child → button → box → first label */
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *content = GTK_IS_BUTTON (button) ? gtk_button_get_child (GTK_BUTTON (button)) : NULL;
      GtkWidget *label = content != NULL ? gtk_widget_get_first_child (content) : NULL;

      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), wanted) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
search_library (const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (hs_library_page_get_search_entry (page ())), text);
  /* GtkSearchEntry waits a moment before it says the text changed. */
  g_signal_emit_by_name (hs_library_page_get_search_entry (page ()), "search-changed");
}

static void
test_save_restart_offline (void)
{
  g_autofree char *source_label = NULL;
  HsNote *note;
  int status;

  app = hs_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_idle_add (first_life_cb, NULL);
  status = g_application_run (G_APPLICATION (app), 0, NULL);
  g_assert_cmpint (status, ==, 0);
  g_clear_object (&app);
  /* Window, application and library gone: what stays is on disk. Its
   * last calls finish on their threads first. */
  hs_test_wait_for (pointer_is_null, &first_library, "the library to be finalized");

  /* Started again with the demo server and the media cache gone. */
  hs_test_demo_server_finish (g_steal_pointer (&server));
  hs_test_remove_tree (cache_dir);
  /* Decoded pictures stay in memory for the process: a new process would not have them. */
  hs_texture_cache_clear (hs_texture_cache_get_default ());
  start_app ();

  hs_window_show_library (window, "saved");
  g_assert_cmpstr (hs_window_get_visible_page (window), ==, "library");
  wait_for (section_has_note, SAVED_ID, "the saved note under Saved");
  /* Only the saved one. */
  g_assert_false (section_has_note (OPENED_ID));

  /* Its card, activated as a click would. */
  g_signal_emit_by_name (hs_note_grid_get_grid_view (visible_grid ()), "activate", 0);
  wait_for (hs_test_note_shown, SAVED_ID, "the saved note, offline");
  note = hs_note_view_get_note (note_view ());
  g_assert_cmpstr (hs_note_get_title (note), ==, "春季美妆新品推荐");
  g_assert_nonnull (hs_note_view_get_body (note_view ()));
  g_assert_true (hs_note_view_get_saved (note_view ()));
  source_label = hs_window_dup_source_label (window);
  g_assert_cmpstr (source_label, ==, "From the library, offline");
  wait_for (first_picture_shown, NULL, "the first picture, from the saved file");

  /* Reload without the network: the saved copy stays and shows. */
  hs_window_reload (window);
  wait_for (hs_test_note_shown, SAVED_ID, "the saved copy after a failed reload");

  /* Back returns to the Library the note was opened from, and Forward
   * to the note again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_cmpstr (hs_window_get_visible_page (window), ==, "library");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-forward", NULL));
  wait_for (hs_test_note_shown, SAVED_ID, "the saved note again, forward from the Library");
}

static gboolean
has_saved_card (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (HS_IS_NOTE_CARD (child) ? hs_note_card_get_saved (HS_NOTE_CARD (child)) : has_saved_card (child))
      return TRUE;
  return FALSE;
}

static gboolean
saved_badge_shown (gconstpointer data)
{
  return has_saved_card (hs_note_grid_get_grid_view (visible_grid ()));
}

static void
test_search_in_chinese (void)
{
  hs_window_show_library (window, "saved");
  /* Two characters of the title, then one. */
  search_library ("美妆");
  wait_for (section_has_note, SAVED_ID, "a two-character search");
  g_assert_cmpstr (hs_library_page_get_visible_name (page ()), ==, "notes");
  /* Its card says it is saved. */
  wait_for (saved_badge_shown, NULL, "the saved badge on its card");
  search_library ("春");
  wait_for (section_has_note, SAVED_ID, "a one-character search");
  search_library ("不存在的词");
  wait_for (section_is_empty, "notes", "a search that finds nothing");
  search_library ("");
  g_assert_cmpstr (hs_library_page_get_visible_name (page ()), ==, "saved");
}

static void
test_tags (void)
{
  hs_window_show_library (window, "tags");
  wait_for (tag_listed, "美妆", "the tag 美妆");
  wait_for (tag_listed, "新品", "the tag 新品");
  g_assert_false (tag_listed ("不是标签"));

  /* Choosing one: its notes. */
  hs_library_page_show_tag (page (), "新品");
  wait_for (section_has_note, SAVED_ID, "the notes of #新品");
  wait_for (page_not_busy, NULL, "the tags used with it");
}

static gboolean
category_listed (gconstpointer data)
{
  GtkWidget *list = hs_library_page_get_categories_list (page ());

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), data) == 0)
      return TRUE;
  return FALSE;
}

/* A category made of a tag: listed, and its notes are the tag's. */
static void
test_categories (void)
{
  const char *tags[] = { "新品", NULL };
  g_auto(GStrv) parsed = hs_category_dialog_parse_tags (" #口红，底妆, ,#眼影 、 ");
  const char *expected[] = { "口红", "底妆", "眼影", NULL };

  g_assert_cmpstrv (parsed, expected);

  hs_window_show_library (window, "categories");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "library.add-category", "(s^as)",
                                             "上新", tags));
  wait_for (category_listed, "上新", "the new category");
  hs_library_page_show_category (page (), "上新");
  wait_for (section_has_note, SAVED_ID, "the notes of the category");
  g_assert_false (section_has_note (OPENED_ID));

  /* Deleted: gone from the list. */
  hs_window_show_library (window, "categories");
  wait_for (category_listed, "上新", "the category listed again");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "library.delete-category", "s", "上新"));
  wait_for (page_not_busy, NULL, "the category deleted");
  wait_for (page_not_busy, NULL, "the categories read again");
  g_assert_false (category_listed ("上新"));
}

static HsCategoryDialog *
category_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (HS_IS_CATEGORY_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
category_dialog_shown (gconstpointer data)
{
  return category_dialog () != NULL;
}

static gboolean
category_dialog_gone (gconstpointer data)
{
  return category_dialog () == NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_numeric_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_numeric_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  const char *name;
  const char *count;
} CategoryCount;

/* The category's row, with its number of notes. */
static gboolean
category_has_count (gconstpointer data)
{
  const CategoryCount *wanted = data;
  GtkWidget *list = hs_library_page_get_categories_list (page ());

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), wanted->name) == 0)
      {
        GtkWidget *label = find_numeric_label (row);

        return label != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), wanted->count) == 0;
      }
  return FALSE;
}

/* New Category, through its dialog as a person fills it in: a name and two
 * tags typed with a Chinese comma. The category has the notes of either
 * tag: 口红 (the note opened first) and 新手化妆 (the note recorded after
 * the History was switched on again), two. */
static void
test_category_dialog (void)
{
  const CategoryCount wanted = { "出门妆", "2" };
  HsCategoryDialog *dialog;
  GtkWidget *name_entry, *tags_entry, *save_button;

  hs_window_show_library (window, "categories");
  wait_for (page_not_busy, NULL, "the categories read");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "library.new-category", NULL));
  wait_for (category_dialog_shown, NULL, "the New Category dialog");
  dialog = category_dialog ();
  name_entry = hs_test_find_named (GTK_WIDGET (dialog), "category-name");
  tags_entry = hs_test_find_named (GTK_WIDGET (dialog), "category-tags");
  g_assert_nonnull (name_entry);
  g_assert_nonnull (tags_entry);

  /* Save waits for both fields. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  gtk_editable_set_text (GTK_EDITABLE (name_entry), wanted.name);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  gtk_editable_set_text (GTK_EDITABLE (tags_entry), "#口红，新手化妆");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  /* Clicked, as a person would: the dialog answers and closes. */
  save_button = find_button (GTK_WIDGET (dialog), "_Save");
  g_assert_nonnull (save_button);
  gtk_widget_activate (save_button);
  wait_for (category_dialog_gone, NULL, "the dialog closed");

  wait_for (category_has_count, &wanted, "the new category with its 2 notes");
  hs_library_page_show_category (page (), wanted.name);
  wait_for (section_has_note, OPENED_ID, "the category's note of #口红");
  wait_for (section_has_note, RECORDED_ID, "the category's note of #新手化妆");
  g_assert_false (section_has_note (SAVED_ID));
}

static char *last_message;

static void
message_cb (HsLibraryPage *library_page,
            const char    *message)
{
  g_free (last_message);
  last_message = g_strdup (message);
}

/* Export of a tag's notes as JSON lines: only its note, in the normalised form. */
static void
test_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hongshu-test-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.jsonl", NULL);
  g_autofree char *text = NULL;
  gulong handler;

  handler = g_signal_connect (page (), "show-message", G_CALLBACK (message_cb), NULL);
  hs_library_page_show_tag (page (), "新品");
  wait_for (section_has_note, SAVED_ID, "the notes of #新品");
  hs_library_page_export (page (), HS_LIBRARY_EXPORT_JSON, dir);
  wait_for (hs_test_pointer_is_set, &last_message, "the export to finish");
  g_assert_cmpstr (last_message, ==, "1 note exported");
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, SAVED_ID));
  g_assert_nonnull (strstr (text, "春季美妆新品推荐"));
  g_signal_handler_disconnect (page (), handler);
  g_clear_pointer (&last_message, g_free);
  hs_test_remove_tree (dir);
}

static void
test_clear_history (void)
{
  /* The note opened and not saved is in the History, the saved one is not. */
  hs_window_show_library (window, "history");
  wait_for (section_has_note, OPENED_ID, "the opened note in the History");
  g_assert_false (section_has_note (SAVED_ID));

  hs_library_page_clear_history (page ());
  wait_for (section_is_empty, "history", "an empty History");
  g_assert_false (in_library (OPENED_ID));
  /* Saved notes stay. */
  g_assert_true (in_library (SAVED_ID));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  home = hs_test_window_isolate ("test-library-window");
  cache_dir = g_build_filename (home, "cache", NULL);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  server = hs_test_demo_server_new ();
  hs_demo_server_set_requests_per_minute (server, 0);
  g_setenv ("HONGSHU_ACCESS_TOKEN", HS_DEMO_ACCESS_TOKEN, TRUE);
  g_setenv ("HONGSHU_APP_SECRET", "unused-without-an-app-key", TRUE);
  g_setenv ("HONGSHU_API_BASE_URL", hs_demo_server_get_base_url (server), TRUE);

  /* In this order: the first saves and restarts, the others read what it kept. */
  g_test_add_func ("/library-window/save-restart-offline", test_save_restart_offline);
  g_test_add_func ("/library-window/search-in-chinese", test_search_in_chinese);
  g_test_add_func ("/library-window/tags", test_tags);
  g_test_add_func ("/library-window/categories", test_categories);
  g_test_add_func ("/library-window/category-dialog", test_category_dialog);
  g_test_add_func ("/library-window/export", test_export);
  g_test_add_func ("/library-window/clear-history", test_clear_history);

  status = g_test_run ();

  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  if (server != NULL)
    hs_test_demo_server_finish (server);
  hs_test_remove_tree (home);
  g_free (cache_dir);
  return status;
}
