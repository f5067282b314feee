#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "hs-error.h"
#include "hs-library-export.h"
#include "hs-library-private.h"
#include "hs-library-source.h"
#include "hs-note-json.h"
#include "hs-note-parser.h"

/* Export and import of the library, and the library as a note source. */

static const char *notes_jsonl[] = {
  "{\"note_id\":\"a1000000000000000000000a\",\"title\":\"口红试色 #3\",\"content\":\"第一行\\n第二行 *不是* 强调 [链接](x)\","
  "\"images\":[\"https://cdn.example/a/1.jpg\",\"https://cdn.example/a/2.jpg\"],\"videos\":[],\"tags\":[\"口红\",\"美妆\"],"
  "\"like_count\":1200,\"comment_count\":3,\"favorite_count\":null,\"share_count\":0,"
  "\"author\":{\"user_id\":\"u1\",\"nickname\":\"小红\",\"avatar\":\"https://cdn.example/avatar.jpg\",\"follower_count\":5},"
  "\"publish_time\":\"2024-03-01T08:00:00Z\",\"location\":{\"name\":\"上海\",\"latitude\":31.2304,\"longitude\":121.4737}}",
  "{\"note_id\":\"a2000000000000000000000a\",\"title\":\"Video note\",\"content\":null,\"images\":[],"
  "\"videos\":[{\"type\":\"video\",\"url\":\"https://cdn.example/v.webm\",\"cover\":\"https://cdn.example/v.jpg\"}],"
  "\"tags\":[\"旅行\"],\"like_count\":null,\"comment_count\":null,\"favorite_count\":null,\"share_count\":null,"
  "\"author\":null,\"publish_time\":null,\"location\":null}",
  "{\"note_id\":\"a3000000000000000000000a\",\"title\":\"底妆\",\"content\":\"粉底液\",\"images\":[],\"videos\":[],"
  "\"tags\":[\"底妆\",\"美妆\"],\"like_count\":7,\"comment_count\":null,\"favorite_count\":null,\"share_count\":null,"
  "\"author\":null,\"publish_time\":\"2023-12-31T23:59:59Z\",\"location\":null}",
};

static HsLibrary *
open_library_in (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(HsLibrary) library = hs_library_new (dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (hs_library_open_sync (library, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&library);
}

static GFile *
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static char *
join_notes (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (notes_jsonl); i++)
    {
      g_string_append (text, notes_jsonl[i]);
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_import_export_round_trip (void)
{
  g_autoptr(HsLibrary) first = open_library_in ("first");
  g_autoptr(HsLibrary) second = open_library_in ("second");
  g_autofree char *text = join_notes ();
  g_autoptr(GFile) input = write_file ("in.jsonl", text);
  g_autofree char *out_dir = g_build_filename (g_get_user_cache_dir (), "out", NULL);
  g_autofree char *out_path = g_build_filename (out_dir, "notes.jsonl", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out_path);
  g_auto(HsLibraryImportReport) report = { 0 };
  g_auto(HsLibraryImportReport) report2 = { 0 };
  g_autoptr(GError) error = NULL;
  HsLibraryQuery all = { 0 };
  guint n_exported = 0;

  g_assert_true (hs_library_import_sync (first, input, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_imported, ==, 3);
  g_assert_cmpuint (report.problems->len, ==, 0);

  g_assert_true (hs_library_export_sync (first, &all, HS_LIBRARY_EXPORT_JSON, out_dir, &n_exported,
                                         NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_exported, ==, 3);

  g_assert_true (hs_library_import_sync (second, output, &report2, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report2.n_imported, ==, 3);

  /* Each note, exported and imported again, equals itself byte for byte. */
  for (guint i = 0; i < G_N_ELEMENTS (notes_jsonl); i++)
    {
      g_autofree char *id = g_strndup (notes_jsonl[i] + strlen ("{\"note_id\":\""), 24);
      g_autoptr(HsLibraryItem) item = hs_library_get_sync (second, id, NULL, &error);
      g_autofree char *json = NULL;

      g_assert_no_error (error);
      json = hs_note_to_json (hs_library_item_get_note (item));
      g_assert_cmpstr (json, ==, notes_jsonl[i]);
      g_assert_true (hs_library_item_get_saved (item));
    }
}

static void
test_import_bad_lines (void)
{
  g_autoptr(HsLibrary) library = open_library_in ("bad");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GFile) input = NULL;
  g_auto(HsLibraryImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  HsLibraryQuery all = { 0 };

  g_string_append_printf (text, "%s\n", notes_jsonl[0]);
  g_string_append (text, "{\"note_id\": \"a1\n");                  /* line 2: broken JSON */
  g_string_append (text, "\n");                                    /* line 3: blank */
  g_string_append (text, "{\"title\":\"no id\"}\n");               /* line 4 */
  g_string_append (text, "[1,2,3]\n");                             /* line 5 */
  g_string_append (text, "\xff\xfe not utf-8\n");                  /* line 6 */
  g_string_append_printf (text, "%s", notes_jsonl[2]);             /* line 7, no newline */
  input = write_file ("bad.jsonl", text->str);

  g_assert_true (hs_library_import_sync (library, input, &report, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_lines, ==, 7);
  g_assert_cmpuint (report.n_imported, ==, 2);
  g_assert_cmpuint (report.problems->len, ==, 4);
  g_assert_true (g_str_has_prefix (report.problems->pdata[0], "line 2: "));
  g_assert_true (g_str_has_prefix (report.problems->pdata[1], "line 4: "));
  g_assert_true (g_str_has_prefix (report.problems->pdata[2], "line 5: "));
  g_assert_true (g_str_has_prefix (report.problems->pdata[3], "line 6: "));

  items = hs_library_query_sync (library, &all, NULL, &error);
  g_assert_cmpuint (items->len, ==, 2);
}

#define KILL_BATCH 100

static void
kill_at_progress_cb (guint    done,
                     guint    total G_GNUC_UNUSED,
                     gpointer user_data G_GNUC_UNUSED)
{
  /* Called before line 500 is written: lines 1 to 499 are, and the
   * batches of KILL_BATCH up to line 400 are committed. */
  if (done >= 500)
    raise (SIGKILL);
}

static void
test_kill_during_import (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "killed", NULL);
  g_autoptr(HsLibrary) library = open_library_in ("killed");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) small = NULL;
  g_auto(HsLibraryImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  HsLibraryQuery all = { 0 };
  int status = 0;
  pid_t pid;

  small = write_file ("small.jsonl", notes_jsonl[0]);
  g_assert_true (hs_library_import_sync (library, small, &report, NULL, NULL, NULL, &error));
  g_assert_cmpuint (report.n_imported, ==, 1);
  hs_library_close (library);

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (text, "{\"note_id\":\"b%023x\",\"title\":\"批量导入 %u\",\"content\":\"被杀死的导入\","
                                  "\"tags\":[\"批量\"]}\n", i, i);
  input = write_file ("big.jsonl", text->str);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(HsLibrary) child = hs_library_new (dir);
      HsLibraryImportReport child_report = { 0 };

      if (!hs_library_open_sync (child, NULL, NULL) || hs_library_lock (child, NULL) == NULL)
        _exit (3);
      /* A tiny page cache: the import spills pages into the WAL before the kill. */
      hs_library_exec (child, "PRAGMA cache_size = 16", NULL);
      hs_library_unlock (child);
      hs_library_set_import_batch (child, KILL_BATCH);
      hs_library_import_sync (child, input, &child_report, kill_at_progress_cb, NULL, NULL, NULL);
      _exit (4);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  /* The note from before and the four batches, whole; nothing of the
   * fifth. */
  library = open_library_in ("killed");
  hs_library_set_import_batch (library, KILL_BATCH);
  items = hs_library_query_sync (library, &all, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1 + 400);
  g_clear_pointer (&items, g_ptr_array_unref);
  {
    HsLibraryQuery found = { .text = "被杀死" };

    items = hs_library_query_sync (library, &found, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, 400);
    g_clear_pointer (&items, g_ptr_array_unref);
  }

  /* The same import, not killed, goes through. */
  hs_library_import_report_clear (&report);
  g_assert_true (hs_library_import_sync (library, input, &report, NULL, NULL, NULL, &error));
  g_assert_cmpuint (report.n_imported, ==, 1000);
  items = hs_library_query_sync (library, &all, NULL, &error);
  g_assert_cmpuint (items->len, ==, 1001);
  g_clear_pointer (&items, g_ptr_array_unref);
  /* Big enough to merge the search index at its end: still found. */
  {
    HsLibraryQuery found = { .text = "被杀死" };

    items = hs_library_query_sync (library, &found, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, 1000);
  }
}

static void
test_export_markdown (void)
{
  g_autoptr(HsLibrary) library = open_library_in ("markdown");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (notes_jsonl[0], strlen (notes_jsonl[0]));
  g_autoptr(HsNote) note = hs_note_parser_parse_normalised (body, NULL, &error);
  g_autoptr(GHashTable) media = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_bytes_unref);
  /* A PNG signature, then bytes that must come out as they went in. */
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0xff, 0x00, 0x7f };
  g_autoptr(GBytes) picture = g_bytes_new_static (png, sizeof png);
  g_autofree char *out_dir = g_build_filename (g_get_user_cache_dir (), "md", NULL);
  g_autofree char *md_path = g_build_filename (out_dir, "a1000000000000000000000a", "note.md", NULL);
  g_autofree char *png_path = g_build_filename (out_dir, "a1000000000000000000000a", "image-01.png", NULL);
  g_autofree char *md = NULL;
  g_autofree char *copied = NULL;
  gsize copied_length = 0;
  HsLibraryQuery by_tag = { .tag = "口红" };
  guint n_exported = 0;

  g_hash_table_insert (media, (gpointer) "https://cdn.example/a/1.jpg", g_bytes_ref (picture));
  g_assert_true (hs_library_write_sync (library, HS_LIBRARY_WRITE_SAVE, note, "api",
                                        "https://www.xiaohongshu.com/explore/a1000000000000000000000a?xsec_token=T",
                                        media, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (hs_library_export_sync (library, &by_tag, HS_LIBRARY_EXPORT_MARKDOWN, out_dir, &n_exported,
                                         NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_exported, ==, 1);

  g_assert_true (g_file_get_contents (md_path, &md, NULL, NULL));
  g_assert_true (g_str_has_prefix (md, "---\nid: \"a1000000000000000000000a\"\n"));
  g_assert_nonnull (strstr (md, "link: \"https://www.xiaohongshu.com/explore/a1000000000000000000000a?xsec_token=T\"\n"));
  g_assert_nonnull (strstr (md, "author: \"小红\"\n"));
  g_assert_nonnull (strstr (md, "tags: [\"口红\", \"美妆\"]\n"));
  g_assert_nonnull (strstr (md, "time: \"2024-03-01T08:00:00Z\"\n"));
  g_assert_nonnull (strstr (md, "likes: 1200\n"));
  g_assert_nonnull (strstr (md, "favorites: null\n"));
  g_assert_nonnull (strstr (md, "# 口红试色 \\#3\n"));
  g_assert_nonnull (strstr (md, "第一行  \n第二行 \\*不是\\* 强调 \\[链接\\](x)"));
  /* The saved picture beside it; the one not saved linked where it is. */
  g_assert_nonnull (strstr (md, "![](image-01.png)"));
  g_assert_nonnull (strstr (md, "![](https://cdn.example/a/2.jpg)"));
  g_assert_true (g_file_get_contents (png_path, &copied, &copied_length, NULL));
  g_assert_cmpmem (copied, copied_length, png, sizeof png);
}

static void
store_result_cb (GObject      *object G_GNUC_UNUSED,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_note_source (void)
{
  g_autoptr(HsLibrary) library = open_library_in ("source");
  g_autoptr(HsLibrarySource) source = hs_library_source_new (library);
  g_autofree char *text = join_notes ();
  g_autoptr(GFile) input = write_file ("source.jsonl", text);
  g_auto(HsLibraryImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HsNoteRef) ref = hs_note_ref_new_for_link ("https://www.xiaohongshu.com/explore/a3000000000000000000000a?xsec_token=Z");
  g_autoptr(HsNoteRef) missing = hs_note_ref_new_for_id ("ffff00000000000000000000");
  g_autoptr(HsNoteRef) resolved = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autoptr(HsSearchPage) page = NULL;

  g_assert_true (hs_library_import_sync (library, input, &report, NULL, NULL, NULL, &error));

  g_assert_cmpstr (hs_note_source_get_id (HS_NOTE_SOURCE (source)), ==, "library");
  g_assert_true (hs_note_source_can (HS_NOTE_SOURCE (source), HS_NOTE_SOURCE_OFFLINE | HS_NOTE_SOURCE_CAN_SEARCH));

  hs_note_source_get_note_async (HS_NOTE_SOURCE (source), ref, NULL, store_result_cb, &result);
  note = hs_note_source_get_note_finish (HS_NOTE_SOURCE (source), wait_result (&result), &resolved, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_title (note), ==, "底妆");
  g_assert_true (hs_note_ref_equal (resolved, ref));
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_object (&result);
  g_clear_object (&note);

  hs_note_source_get_note_async (HS_NOTE_SOURCE (source), missing, NULL, store_result_cb, &result);
  note = hs_note_source_get_note_finish (HS_NOTE_SOURCE (source), wait_result (&result), NULL, NULL, &error);
  g_assert_null (note);
  g_assert_error (error, HS_ERROR, HS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Two results a page: the second page of 美妆 holds none. */
  hs_note_source_search_async (HS_NOTE_SOURCE (source), "美妆", TRUE, 1, 1, NULL, store_result_cb, &result);
  page = hs_note_source_search_finish (HS_NOTE_SOURCE (source), wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hs_search_page_get_items (page)), ==, 1);
  g_assert_true (hs_search_page_get_has_more (page));
  g_clear_object (&result);
  g_clear_object (&page);

  hs_note_source_search_async (HS_NOTE_SOURCE (source), "口红", FALSE, 1, 20, NULL, store_result_cb, &result);
  page = hs_note_source_search_finish (HS_NOTE_SOURCE (source), wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hs_search_page_get_items (page)), ==, 1);
  g_assert_false (hs_search_page_get_has_more (page));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/library/export/round-trip", test_import_export_round_trip);
  g_test_add_func ("/library/import/bad-lines", test_import_bad_lines);
  g_test_add_func ("/library/import/kill", test_kill_during_import);
  g_test_add_func ("/library/export/markdown", test_export_markdown);
  g_test_add_func ("/library/source", test_note_source);

  return g_test_run ();
}
