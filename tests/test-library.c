#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "hs-error.h"
#include "hs-library-private.h"
#include "hs-library-tokenizer.h"
#include "hs-note-json.h"
#include "hs-note-parser.h"

/* The library store: tokenizer, search, tags and categories, migration,
 * a kill in the middle of a write, a damaged file. */

static HsNote *
make_note (const char *id,
           const char *title,
           const char *content,
           const char *tags_json,
           const char *author)
{
  g_autofree char *json = g_strdup_printf ("{\"note_id\":\"%s\",\"title\":\"%s\",\"content\":\"%s\","
                                           "\"images\":[],\"videos\":[],\"tags\":%s,"
                                           "\"like_count\":1,\"comment_count\":2,\"favorite_count\":3,"
                                           "\"share_count\":4,\"author\":{\"user_id\":\"u%s\",\"nickname\":\"%s\","
                                           "\"avatar\":null,\"follower_count\":10},"
                                           "\"publish_time\":\"2024-03-01T08:00:00Z\",\"location\":null}",
                                           id, title, content, tags_json, author, author);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  HsNote *note = hs_note_parser_parse_normalised (bytes, NULL, &error);

  g_assert_no_error (error);
  return note;
}

static HsLibrary *
open_library (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "hongshu", NULL);
  g_autoptr(HsLibrary) library = hs_library_new (dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (hs_library_open_sync (library, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&library);
}

static void
add_note (HsLibrary  *library,
          const char *id,
          const char *title,
          const char *content,
          const char *tags_json,
          const char *author,
          gboolean    saved)
{
  g_autoptr(HsNote) note = make_note (id, title, content, tags_json, author);
  g_autoptr(GError) error = NULL;

  if (saved)
    g_assert_true (hs_library_write_sync (library, HS_LIBRARY_WRITE_SAVE, note, "api", NULL, NULL, NULL, &error));
  else
    g_assert_true (hs_library_write_sync (library, HS_LIBRARY_WRITE_RECORD, note, "api", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Tokens as "text@position" ("+" for one colocated with the one before). */
typedef struct
{
  GString *out;
  int      position;
} Collect;

static int
collect_cb (gpointer    user_data,
            gboolean    colocated,
            const char *token,
            int         length,
            int         start,
            int         end)
{
  Collect *collect = user_data;

  g_assert_cmpint (start, <, end);
  if (!colocated)
    collect->position++;
  if (collect->out->len > 0)
    g_string_append_c (collect->out, ' ');
  g_string_append_printf (collect->out, "%s%.*s@%d", colocated ? "+" : "", length, token, collect->position);
  return 0;
}

static char *
tokens (const char *text,
        gboolean    for_query)
{
  Collect collect = { g_string_new (NULL), -1 };

  hs_library_tokenize (text, -1, for_query, collect_cb, &collect);
  return g_string_free (collect.out, FALSE);
}

static void
test_tokenizer_chinese (void)
{
  g_autofree char *doc = tokens ("分享口红", FALSE);
  g_autofree char *one = tokens ("口", TRUE);
  g_autofree char *two = tokens ("口红", TRUE);
  g_autofree char *three = tokens ("口红色", TRUE);
  g_autofree char *punct = tokens ("口红，底妆！", FALSE);

  /* Each character's bigram, with its unigram at the same position. */
  g_assert_cmpstr (doc, ==, "分享@0 +分@0 享口@1 +享@1 口红@2 +口@2 红@3");
  g_assert_cmpstr (one, ==, "口@0");
  g_assert_cmpstr (two, ==, "口红@0");
  g_assert_cmpstr (three, ==, "口红@0 红色@1");
  /* Punctuation ends a run: no bigram across it. */
  g_assert_cmpstr (punct, ==, "口红@0 +口@0 红@1 底妆@2 +底@2 妆@3");
}

static void
test_tokenizer_mixed (void)
{
  g_autofree char *doc = tokens ("YSL口红#1966 Café", FALSE);
  g_autofree char *query = tokens ("ysl口红", TRUE);
  g_autofree char *kana = tokens ("かわいい", TRUE);
  g_autofree char *then_word = tokens ("口红abc", TRUE);

  g_assert_cmpstr (doc, ==, "ysl@0 口红@1 +口@1 红@2 1966@3 café@4");
  g_assert_cmpstr (query, ==, "ysl@0 口红@1");
  /* A run followed by a word: its last character holds the position. */
  g_assert_cmpstr (then_word, ==, "口红@0 红@1 abc@2");
  g_assert_cmpstr (kana, ==, "かわ@0 わい@1 いい@2");
}

static void
test_tokenizer_ascii (void)
{
  g_autofree char *doc = tokens ("Hello, WORLD! it's 2024-03-01", FALSE);
  g_autofree char *none = tokens ("!!! … 🎉", FALSE);

  g_assert_cmpstr (doc, ==, "hello@0 world@1 it@2 s@3 2024@4 03@5 01@6");
  g_assert_cmpstr (none, ==, "");
}

static guint
count_matches (HsLibrary  *library,
               const char *text,
               char      **first_id,
               char      **first_snippet)
{
  HsLibraryQuery query = { .text = text };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = hs_library_query_sync (library, &query, NULL, &error);

  g_assert_no_error (error);
  if (first_id != NULL)
    *first_id = items->len > 0 ? g_strdup (hs_note_get_note_id (hs_library_item_get_note (items->pdata[0]))) : NULL;
  if (first_snippet != NULL)
    *first_snippet = items->len > 0 ? g_strdup (hs_library_item_get_snippet (items->pdata[0])) : NULL;
  return items->len;
}

static void
fill_search_library (HsLibrary *library)
{
  add_note (library, "a0000000000000000000000a", "今日妆容", "今天分享口红色号，超级显白", "[\"口红\",\"美妆\"]", "小红", TRUE);
  add_note (library, "b0000000000000000000000b", "周末去爬山", "山上的风景很好，口渴了喝水", "[\"旅行\",\"户外\"]", "阿山", FALSE);
  add_note (library, "c0000000000000000000000c", "Weekend Hiking", "Great views from the TOP of the hill", "[\"hiking\"]", "Sam", FALSE);
  add_note (library, "d0000000000000000000000d", "底妆教程", "粉底液怎么选？口红也很重要", "[\"底妆\",\"美妆\"]", "小红", TRUE);
}

static void
test_search_lengths (void)
{
  g_autoptr(HsLibrary) library = open_library ();
  g_autofree char *id = NULL;
  g_autofree char *snippet = NULL;

  fill_search_library (library);

  /* One character: every note with 口 (口红 twice, 口渴 once). */
  g_assert_cmpuint (count_matches (library, "口", NULL, NULL), ==, 3);
  /* Two: 口红 only, not 口渴. */
  g_assert_cmpuint (count_matches (library, "口红", NULL, NULL), ==, 2);
  /* Three: only the note with 口红色 in a row. */
  g_assert_cmpuint (count_matches (library, "口红色", &id, &snippet), ==, 1);
  g_assert_cmpstr (id, ==, "a0000000000000000000000a");
  g_test_message ("snippet: %s", snippet);
  g_assert_nonnull (strstr (snippet, HS_LIBRARY_MATCH_START "口红色" HS_LIBRARY_MATCH_END));
  /* Characters that are in a note but not next to each other. */
  g_assert_cmpuint (count_matches (library, "红口", NULL, NULL), ==, 0);
  /* Two words: both required. */
  g_clear_pointer (&id, g_free);
  g_assert_cmpuint (count_matches (library, "口红 粉底", &id, NULL), ==, 1);
  g_assert_cmpstr (id, ==, "d0000000000000000000000d");
  /* An ideographic space separates words; characters whose UTF-8 holds
   * the bytes of U+3000 (E3 80 80) stay whole: 一 is E4 B8 80. */
  g_clear_pointer (&id, g_free);
  g_assert_cmpuint (count_matches (library, "口红\u3000粉底", &id, NULL), ==, 1);
  g_clear_pointer (&id, g_free);
  g_assert_cmpuint (count_matches (library, "一", NULL, NULL), ==, 0);
  add_note (library, "e0000000000000000000000f", "一起去", "ぁ", "[]", "x", FALSE);
  g_assert_cmpuint (count_matches (library, "一起", &id, NULL), ==, 1);
  g_assert_cmpstr (id, ==, "e0000000000000000000000f");
  g_clear_pointer (&id, g_free);
  /* Tags and authors are searched too. */
  g_assert_cmpuint (count_matches (library, "美妆", NULL, NULL), ==, 2);
  g_assert_cmpuint (count_matches (library, "阿山", NULL, NULL), ==, 1);
  /* ASCII, any case; FTS5 syntax is taken literally. */
  g_assert_cmpuint (count_matches (library, "HIKING", NULL, NULL), ==, 1);
  g_assert_cmpuint (count_matches (library, "top", NULL, NULL), ==, 1);
  g_assert_cmpuint (count_matches (library, "\"top OR NEAR(", NULL, NULL), ==, 0);
  g_assert_cmpuint (count_matches (library, "！？", NULL, NULL), ==, 0);
  /* Chinese and a word in one: the phrase holds across the run's end, and
   * a run that goes on in the text is found from its start. */
  add_note (library, "f0000000000000000000000f", "新款口红abc试色", "x", "[]", "x", FALSE);
  g_assert_cmpuint (count_matches (library, "口红abc", &id, NULL), ==, 1);
  g_assert_cmpstr (id, ==, "f0000000000000000000000f");
  g_clear_pointer (&id, g_free);
  g_assert_cmpuint (count_matches (library, "款口红abc试", NULL, NULL), ==, 1);
  g_assert_cmpuint (count_matches (library, "口红abd", NULL, NULL), ==, 0);
}

static void
test_search_ranking_filters (void)
{
  g_autoptr(HsLibrary) library = open_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *id = NULL;
  HsLibraryQuery saved = { .text = "口", .filter = HS_LIBRARY_FILTER_SAVED };
  HsLibraryQuery history = { .filter = HS_LIBRARY_FILTER_HISTORY };
  HsLibraryQuery by_tag = { .tag = "美妆" };
  HsLibraryQuery by_author = { .author = "小红", .text = "底妆" };
  HsLibraryQuery by_date = { .since = 1709280000 + 1 };

  fill_search_library (library);

  /* A title match ranks above a body match: 底妆 is in d's title and tags. */
  g_assert_cmpuint (count_matches (library, "底妆", &id, NULL), ==, 1);
  g_assert_cmpstr (id, ==, "d0000000000000000000000d");

  items = hs_library_query_sync (library, &saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  for (guint i = 0; i < items->len; i++)
    g_assert_true (hs_library_item_get_saved (items->pdata[i]));
  g_clear_pointer (&items, g_ptr_array_unref);

  items = hs_library_query_sync (library, &history, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_clear_pointer (&items, g_ptr_array_unref);

  items = hs_library_query_sync (library, &by_tag, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_clear_pointer (&items, g_ptr_array_unref);

  items = hs_library_query_sync (library, &by_author, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* All were published at 2024-03-01T08:00:00Z (1709280000). */
  items = hs_library_query_sync (library, &by_date, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 0);
}

static void
test_get_remove (void)
{
  g_autoptr(HsLibrary) library = open_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibraryItem) item = NULL;
  g_autoptr(HsNote) note = make_note ("e0000000000000000000000e", "标题", "正文", "[\"猫\"]", "某人");
  g_autofree char *json = hs_note_to_json (note);
  g_autofree char *json_back = NULL;
  const char *ids[] = { "E0000000000000000000000E", NULL };
  guint n_removed = 0;

  g_assert_true (hs_library_write_sync (library, HS_LIBRARY_WRITE_RECORD, note, "web",
                                        "https://www.xiaohongshu.com/explore/e0000000000000000000000e?xsec_token=AB%3D",
                                        NULL, NULL, &error));
  g_assert_no_error (error);

  item = hs_library_get_sync (library, "E0000000000000000000000E", NULL, &error);
  g_assert_no_error (error);
  json_back = hs_note_to_json (hs_library_item_get_note (item));
  g_assert_cmpstr (json_back, ==, json);
  g_assert_cmpstr (hs_library_item_get_source (item), ==, "web");
  g_assert_cmpstr (hs_library_item_get_link (item), ==,
                   "https://www.xiaohongshu.com/explore/e0000000000000000000000e?xsec_token=AB%3D");
  g_assert_false (hs_library_item_get_saved (item));
  g_assert_cmpint (hs_library_item_get_first_opened (item), >, 0);
  g_clear_object (&item);

  /* Opening it again keeps the link when none is given. */
  g_assert_true (hs_library_write_sync (library, HS_LIBRARY_WRITE_RECORD, note, "api", NULL, NULL, NULL, &error));
  item = hs_library_get_sync (library, "e0000000000000000000000e", NULL, &error);
  g_assert_cmpstr (hs_library_item_get_link (item), !=, NULL);
  g_clear_object (&item);

  g_assert_true (hs_library_remove_sync (library, ids, &n_removed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_removed, ==, 1);
  item = hs_library_get_sync (library, "e0000000000000000000000e", NULL, &error);
  g_assert_error (error, HS_ERROR, HS_ERROR_NOT_FOUND);
  g_assert_null (item);
  g_clear_error (&error);
  g_assert_cmpuint (count_matches (library, "正文", NULL, NULL), ==, 0);
}

static void
test_media_shared (void)
{
  g_autoptr(HsLibrary) library = open_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  const char *json_a = "{\"note_id\":\"f000000000000000000000a1\",\"title\":\"A\",\"content\":null,"
                       "\"images\":[\"https://cdn.example/1.jpg\"],\"videos\":[],\"tags\":[]}";
  const char *json_b = "{\"note_id\":\"f000000000000000000000b2\",\"title\":\"B\",\"content\":null,"
                       "\"images\":[\"https://cdn.example/other.jpg\"],\"videos\":[],\"tags\":[]}";
  g_autoptr(GBytes) bytes_a = g_bytes_new_static (json_a, strlen (json_a));
  g_autoptr(GBytes) bytes_b = g_bytes_new_static (json_b, strlen (json_b));
  g_autoptr(HsNote) a = hs_note_parser_parse_normalised (bytes_a, NULL, NULL);
  g_autoptr(HsNote) b = hs_note_parser_parse_normalised (bytes_b, NULL, NULL);
  g_autoptr(GBytes) picture = g_bytes_new_static ("\xff\xd8\xff same picture", 16);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, picture);
  g_autoptr(GFile) file = hs_library_get_media_file (library, sha256);
  g_autoptr(GHashTable) saved = NULL;
  const char *remove_a[] = { "f000000000000000000000a1", NULL };
  const char *remove_b[] = { "f000000000000000000000b2", NULL };
  g_autofree char *contents = NULL;
  gsize length;

  /* Two notes, two URLs, the same bytes: one file. */
  g_hash_table_insert (media, g_strdup ("https://cdn.example/1.jpg"), g_bytes_ref (picture));
  g_assert_true (hs_library_write_sync (library, HS_LIBRARY_WRITE_SAVE, a, "api", NULL, media, NULL, &error));
  g_assert_no_error (error);
  g_hash_table_remove_all (media);
  g_hash_table_insert (media, g_strdup ("https://cdn.example/other.jpg"), g_bytes_ref (picture));
  g_assert_true (hs_library_write_sync (library, HS_LIBRARY_WRITE_SAVE, b, "api", NULL, media, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (picture, NULL), g_bytes_get_size (picture));
  saved = hs_library_get_media_sync (library, "f000000000000000000000a1", NULL, &error);
  g_assert_cmpuint (g_hash_table_size (saved), ==, 1);
  g_assert_true (g_file_equal (g_hash_table_lookup (saved, "https://cdn.example/1.jpg"), file));

  /* Still used by b after a is gone; removed with b. */
  g_assert_true (hs_library_remove_sync (library, remove_a, NULL, NULL, &error));
  g_assert_true (g_file_query_exists (file, NULL));
  g_assert_true (hs_library_remove_sync (library, remove_b, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (file, NULL));
}

static void
test_tags_categories (void)
{
  g_autoptr(HsLibrary) library = open_library ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) related = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_auto(GStrv) of_note = NULL;
  const char *beauty[] = { "口红", "底妆", "眼影", NULL };
  const char *eyes[] = { "眼影", NULL };
  HsLibraryQuery in_category = { .category = "美妆" };
  HsLibraryTagCount *first;
  HsLibraryCategory *category;

  add_note (library, "1000000000000000000000a1", "t", "c", "[\"口红\",\"美妆\",\"平价\"]", "x", FALSE);
  add_note (library, "1000000000000000000000a2", "t", "c", "[\"口红\",\"美妆\"]", "x", FALSE);
  add_note (library, "1000000000000000000000a3", "t", "c", "[\"底妆\",\"美妆\"]", "x", FALSE);
  add_note (library, "1000000000000000000000a4", "t", "c", "[\"旅行\",\"户外\"]", "x", FALSE);
  add_note (library, "1000000000000000000000a5", "t", "c", "[\"旅行\",\"户外\",\"平价\"]", "x", FALSE);

  tags = hs_library_tags_sync (library, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tags->len, ==, 6);
  first = tags->pdata[0];
  g_assert_cmpstr (first->tag, ==, "美妆");
  g_assert_cmpuint (first->count, ==, 3);

  related = hs_library_related_tags_sync (library, "美妆", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (related->len, ==, 3);
  g_assert_cmpstr (((HsLibraryTagCount *) related->pdata[0])->tag, ==, "口红");
  g_assert_cmpuint (((HsLibraryTagCount *) related->pdata[0])->count, ==, 2);

  /* 美妆 and 口红 go together on two notes; so do 旅行 and 户外. */
  suggestions = hs_library_suggest_categories_sync (library, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suggestions->len, ==, 2);
  category = suggestions->pdata[0];
  g_assert_cmpstr (category->name, ==, "美妆");
  g_assert_true (g_strv_contains ((const char * const *) category->tags, "口红"));
  g_clear_pointer (&suggestions, g_ptr_array_unref);

  g_assert_true (hs_library_category_add_sync (library, "美妆", beauty, NULL, &error));
  g_assert_no_error (error);
  categories = hs_library_categories_sync (library, NULL, &error);
  g_assert_cmpuint (categories->len, ==, 1);
  category = categories->pdata[0];
  g_assert_cmpuint (g_strv_length (category->tags), ==, 3);
  /* Notes with 口红 or 底妆. */
  g_assert_cmpuint (category->n_notes, ==, 3);

  items = hs_library_query_sync (library, &in_category, NULL, &error);
  g_assert_cmpuint (items->len, ==, 3);

  of_note = hs_library_note_categories_sync (library, "1000000000000000000000a3", NULL, &error);
  g_assert_cmpuint (g_strv_length (of_note), ==, 1);
  g_assert_cmpstr (of_note[0], ==, "美妆");

  /* A tag in a category is no longer suggested. */
  suggestions = hs_library_suggest_categories_sync (library, NULL, &error);
  g_assert_cmpuint (suggestions->len, ==, 1);
  /* 户外 and 旅行 tie; the name is the first by code point. */
  category = suggestions->pdata[0];
  g_assert_cmpstr (category->name, ==, "户外");
  g_assert_true (g_strv_contains ((const char * const *) category->tags, "旅行"));

  /* A category's name is taken like its tags: one named 户外 without the
   * tag 户外 leaves no suggestion called 户外 beside it. */
  g_assert_true (hs_library_category_add_sync (library, "户外", eyes, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&suggestions, g_ptr_array_unref);
  suggestions = hs_library_suggest_categories_sync (library, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < suggestions->len; i++)
    g_assert_cmpstr (((HsLibraryCategory *) suggestions->pdata[i])->name, !=, "户外");
  g_assert_true (hs_library_category_remove_sync (library, "户外", NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (hs_library_category_remove_sync (library, "美妆", eyes, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (hs_library_category_remove_sync (library, "美妆", eyes, NULL, &error));
  g_assert_error (error, HS_ERROR, HS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (hs_library_category_add_sync (library, "  ", beauty, NULL, &error));
  g_assert_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_assert_true (hs_library_category_remove_sync (library, "美妆", NULL, NULL, &error));
  g_clear_pointer (&categories, g_ptr_array_unref);
  categories = hs_library_categories_sync (library, NULL, &error);
  g_assert_cmpuint (categories->len, ==, 0);
}

static void
test_migration_from_v1 (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "hongshu", NULL);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(HsLibraryItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  const char *json = "{\"note_id\":\"9000000000000000000000a1\",\"title\":\"旧笔记\",\"content\":\"第一版的口红笔记\","
                     "\"images\":[],\"videos\":[],\"tags\":[\"口红\"],\"like_count\":null,\"comment_count\":null,"
                     "\"favorite_count\":null,\"share_count\":null,\"author\":null,\"publish_time\":null,\"location\":null}";

  /* A database as version 1 left it. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, hs_library_schema_v1 (), NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO notes VALUES ('9000000000000000000000a1', ?1, 'api', "
                                       "'https://www.xiaohongshu.com/explore/9000000000000000000000a1?xsec_token=x', 100, 200, 1)",
                                       -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, json, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_DONE);
  sqlite3_finalize (statement);
  sqlite3_close (db);

  library = open_library ();
  item = hs_library_get_sync (library, "9000000000000000000000a1", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hs_library_item_get_saved (item));
  g_assert_cmpint (hs_library_item_get_first_opened (item), ==, 100);
  g_assert_cmpint (hs_library_item_get_last_opened (item), ==, 200);
  g_assert_cmpstr (hs_library_item_get_link (item), ==,
                   "https://www.xiaohongshu.com/explore/9000000000000000000000a1?xsec_token=x");
  /* Indexed on the way. */
  g_assert_cmpuint (count_matches (library, "口红", NULL, NULL), ==, 1);
  tags = hs_library_tags_sync (library, NULL, &error);
  g_assert_cmpuint (tags->len, ==, 1);
  hs_library_close (library);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (statement, 0), ==, HS_LIBRARY_SCHEMA_VERSION);
  sqlite3_finalize (statement);
  sqlite3_close (db);
}

static char *
integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  char *result;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return result;
}

static void
test_kill_during_write (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "hongshu", NULL);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(HsLibrary) library = open_library ();
  g_autoptr(HsLibrary) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *check = NULL;
  HsLibraryQuery everything = { 0 };
  int status = 0;
  pid_t pid;

  add_note (library, "7000000000000000000000a1", "提交过的", "这条在写入之前已经提交", "[\"保留\"]", "x", TRUE);
  hs_library_close (library);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* The child: a big transaction, killed before it commits. */
      g_autoptr(HsLibrary) child = hs_library_new (dir);

      if (!hs_library_open_sync (child, NULL, NULL) || hs_library_lock (child, NULL) == NULL)
        _exit (3);
      /* A tiny page cache: the transaction spills pages into the WAL
       * long before the kill. */
      if (!hs_library_exec (child, "PRAGMA cache_size = 16", NULL) ||
          !hs_library_exec (child, "BEGIN IMMEDIATE", NULL))
        _exit (4);
      for (guint i = 0; i < 600; i++)
        {
          g_autofree char *id = g_strdup_printf ("80000000000000000%07x", i);
          g_autoptr(HsNote) note = make_note (id, "没有提交", "被杀死的事务里的笔记，口红底妆眼影", "[\"丢弃\"]", "y");

          if (!hs_library_put_note_locked (child, note, NULL, "api", NULL, TRUE, 1, NULL, NULL))
            _exit (5);
        }
      raise (SIGKILL);
      _exit (6);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  /* The kill left a hot WAL; opening recovers to the last commit. */
  again = open_library ();
  g_assert_null (hs_library_get_recovery_message (again));
  all = hs_library_query_sync (again, &everything, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpuint (count_matches (again, "提交", NULL, NULL), ==, 1);
  g_assert_cmpuint (count_matches (again, "丢弃", NULL, NULL), ==, 0);
  hs_library_close (again);
  check = integrity (path);
  g_assert_cmpstr (check, ==, "ok");
}

static void
test_damaged_file (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "hongshu", NULL);
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n_aside = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "This is not an SQLite database, just some text that is long enough"
                                      " to look like a header of something and more of it. And more.", -1, NULL));

  library = open_library ();
  g_assert_nonnull (hs_library_get_recovery_message (library));
  g_assert_nonnull (strstr (hs_library_get_recovery_message (library), ".damaged-"));
  add_note (library, "6000000000000000000000a1", "新的", "新库可以用", "[]", "x", TRUE);
  g_assert_cmpuint (count_matches (library, "新库", NULL, NULL), ==, 1);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "library.db.damaged-") && strchr (name + strlen ("library.db.damaged-"), '-') != NULL &&
        !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      {
        g_autofree char *moved = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        g_assert_true (g_file_get_contents (moved, &contents, NULL, NULL));
        g_assert_true (g_str_has_prefix (contents, "This is not"));
        n_aside++;
      }
  g_assert_cmpuint (n_aside, ==, 1);
}

static void
store_result_cb (GObject      *object G_GNUC_UNUSED,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_async (void)
{
  g_autoptr(HsLibrary) library = hs_library_new (NULL);
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  HsLibraryQuery query = { .text = "口红" };

  hs_library_open_async (library, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_assert_true (hs_library_open_finish (library, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  fill_search_library (library);
  hs_library_query_async (library, &query, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  items = hs_library_query_finish (library, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_clear_object (&result);

  g_cancellable_cancel (cancelled);
  hs_library_query_async (library, &query, cancelled, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_assert_null (hs_library_query_finish (library, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The app and hongshu-cli at once: two connections, one writing while the
 * other waits on the busy timeout instead of failing with "locked". */
static void
test_two_connections (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "hongshu", NULL);
  g_autoptr(HsLibrary) app = open_library ();
  g_autoptr(HsLibrary) cli = open_library ();
  g_autoptr(HsNote) first = make_note ("3000000000000000000000a1", "应用", "应用写的", "[]", "x");
  g_autoptr(HsNote) second = make_note ("3000000000000000000000a2", "命令行", "命令行写的", "[]", "y");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (hs_library_lock (app, NULL));
  g_assert_true (hs_library_exec (app, "BEGIN IMMEDIATE", NULL));
  g_assert_true (hs_library_put_note_locked (app, first, NULL, "api", NULL, FALSE, 1, NULL, NULL));

  /* The other connection writes from a worker thread meanwhile. */
  hs_library_write_async (cli, HS_LIBRARY_WRITE_RECORD, second, "api", NULL, NULL, NULL,
                          store_result_cb, &result);
  g_usleep (G_USEC_PER_SEC / 10);
  g_assert_true (hs_library_exec (app, "COMMIT", NULL));
  hs_library_unlock (app);

  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (hs_library_write_finish (cli, result, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_matches (app, "命令行", NULL, NULL), ==, 1);
  g_assert_cmpuint (count_matches (cli, "应用", NULL, NULL), ==, 1);
}

static void
count_cb (HsLibrary *library,
          gpointer   user_data)
{
  (*(guint *) user_data)++;
}

static void
add_category_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *tags[] = { "旅行", NULL };
  GError *error = NULL;

  if (hs_library_category_add_sync (source_object, "出门", tags, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Runs the main context until @count is @n, or for at most 10 s; then
 * a little longer, for a signal too many. */
static void
wait_for_count (const guint *count,
                guint        n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (*count < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  deadline = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (*count, ==, n);
}

/* "categories-changed": once a change, in the main context whichever
 * thread made it; not for a change that changed nothing. */
static void
test_categories_changed (void)
{
  g_autoptr(HsLibrary) library = open_library ();
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "美妆", NULL };
  guint count = 0;

  g_signal_connect (library, "categories-changed", G_CALLBACK (count_cb), &count);
  g_assert_true (hs_library_category_add_sync (library, "美妆", tags, NULL, &error));
  g_assert_no_error (error);
  /* Told in the main loop, not from inside the call. */
  g_assert_cmpuint (count, ==, 0);
  wait_for_count (&count, 1);

  /* The same again changes nothing; a removal that finds nothing neither. */
  g_assert_true (hs_library_category_add_sync (library, "美妆", tags, NULL, &error));
  g_assert_false (hs_library_category_remove_sync (library, "没有", NULL, NULL, &error));
  g_clear_error (&error);
  wait_for_count (&count, 1);

  task = g_task_new (library, NULL, NULL, NULL);
  g_task_run_in_thread_sync (task, add_category_thread);
  g_assert_true (g_task_propagate_boolean (task, &error));
  g_assert_no_error (error);
  g_assert_true (hs_library_category_remove_sync (library, "美妆", NULL, NULL, &error));
  g_assert_no_error (error);
  wait_for_count (&count, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/library/tokenizer/chinese", test_tokenizer_chinese);
  g_test_add_func ("/library/tokenizer/mixed", test_tokenizer_mixed);
  g_test_add_func ("/library/tokenizer/ascii", test_tokenizer_ascii);
  g_test_add_func ("/library/search/lengths", test_search_lengths);
  g_test_add_func ("/library/search/ranking-filters", test_search_ranking_filters);
  g_test_add_func ("/library/get-remove", test_get_remove);
  g_test_add_func ("/library/media-shared", test_media_shared);
  g_test_add_func ("/library/tags-categories", test_tags_categories);
  g_test_add_func ("/library/categories-changed", test_categories_changed);
  g_test_add_func ("/library/migration-v1", test_migration_from_v1);
  g_test_add_func ("/library/kill-during-write", test_kill_during_write);
  g_test_add_func ("/library/damaged-file", test_damaged_file);
  g_test_add_func ("/library/async", test_async);
  g_test_add_func ("/library/two-connections", test_two_connections);

  return g_test_run ();
}
