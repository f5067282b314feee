#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hs-demo-server.h"
#include "hs-demo-web.h"
#include "hs-library.h"
#include "hs-test-support.h"

/* `hongshu-cli download` as a separate process against an in-process demo
 * server on 127.0.0.1: what lands on disk, what the CDN was asked for. */

#define SEED HS_DEMO_SEED_NOTE_ID
/* Two notes of the same author (吃货小分队), for the same-name test. */
#define FOOD_1 "6960d650977226eaca0305f7"
#define FOOD_2 "6899673cf3b6fd5358c0bb40"

typedef struct
{
  HsDemoServer *server;
  const char   *base;
  char         *tmp;
  char         *out;
  char         *cache;
  char         *data;
} Fixture;

typedef struct
{
  int      umask_value;   /* -1: leave it */
  gboolean as_nobody;     /* when root: so that permissions hold */
} ChildSetup;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = hs_test_demo_server_new ();
  hs_demo_server_set_requests_per_minute (f->server, 0);
  f->base = hs_demo_server_get_base_url (f->server);
  f->tmp = g_dir_make_tmp ("hongshu-download-XXXXXX", &error);
  g_assert_no_error (error);
  /* Open to the unprivileged child of the read-only test. */
  g_chmod (f->tmp, 0755);
  f->out = g_build_filename (f->tmp, "out", NULL);
  f->cache = g_build_filename (f->tmp, "cache", NULL);
  g_mkdir (f->cache, 0777);
  g_chmod (f->cache, 0777);
  /* The library of --saved and --category: this test's own. */
  f->data = g_build_filename (f->tmp, "data", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  hs_test_remove_tree (f->tmp);
  g_free (f->tmp);
  g_free (f->out);
  g_free (f->cache);
  g_free (f->data);
  hs_test_demo_server_finish (f->server);
}

static void
child_setup_cb (gpointer user_data)
{
  ChildSetup *setup = user_data;

  if (setup->umask_value >= 0)
    umask ((mode_t) setup->umask_value);
  if (setup->as_nobody && getuid () == 0)
    {
      struct passwd *nobody = getpwnam ("nobody");

      if (nobody != NULL && (setgid (nobody->pw_gid) != 0 || setuid (nobody->pw_uid) != 0))
        _exit (99);
    }
}

static GSubprocessLauncher *
launcher_new (Fixture    *f,
              ChildSetup *setup)
{
  GSubprocessLauncher *launcher;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "HONGSHU_API_BASE_URL", f->base, TRUE);
  g_subprocess_launcher_setenv (launcher, "HONGSHU_ACCESS_TOKEN", HS_DEMO_ACCESS_TOKEN, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", f->cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->data, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "HONGSHU_APP_KEY");
  g_subprocess_launcher_unsetenv (launcher, "HONGSHU_APP_SECRET");
  g_subprocess_launcher_unsetenv (launcher, "HONGSHU_REQUESTS_PER_MINUTE");
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  if (setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, child_setup_cb, setup, NULL);
  return launcher;
}

static gboolean
run_download (Fixture            *f,
              const char * const *args,
              const char         *stdin_text,
              ChildSetup         *setup,
              HsTestRun          *run)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (f, setup);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) "--out");
  g_ptr_array_add (argv, f->out);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  return hs_test_run_cli (launcher, "download", (const char * const *) argv->pdata, stdin_text, run);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The entries of @dir, sorted. */
static GPtrArray *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static char *
find_folder (Fixture    *f,
             const char *note_id)
{
  g_autoptr(GPtrArray) names = list_dir (f->out);

  for (guint i = 0; i < names->len; i++)
    if (g_str_has_suffix (g_ptr_array_index (names, i), note_id))
      return g_build_filename (f->out, g_ptr_array_index (names, i), NULL);
  return NULL;
}

static GBytes *
fetch_from_cdn (const char *url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Referer", HS_DEMO_MEDIA_REFERER);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, hs_test_store_result_cb, &result);
  hs_test_await_result (&result);
  bytes = soup_session_send_and_read_finish (session, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return bytes;
}

/* Every file the folder's record names is there, byte for byte what the
 * CDN serves, and nothing else is (no part, no stray file) but @extra.
 * Returns the number of media files. */
static guint
assert_folder_complete (const char *folder,
                        guint       extra)
{
  g_autoptr(JsonObject) manifest = hs_test_load_manifest (folder);
  JsonArray *files = json_object_get_array_member (manifest, "files");
  g_autoptr(GPtrArray) names = list_dir (folder);

  g_assert_cmpuint (json_array_get_length (files), >, 0);
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *entry = json_array_get_object_element (files, i);
      const char *url = json_object_get_string_member (entry, "url");
      g_autofree char *path = g_build_filename (folder, json_object_get_string_member (entry, "name"), NULL);
      g_autoptr(GBytes) expected = NULL;
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
      g_autoptr(GBytes) actual = NULL;

      g_assert_nonnull (mapped);
      /* The note's text is made here, not fetched. */
      if (g_str_has_prefix (url, "hongshu:"))
        {
          g_assert_cmpint (json_object_get_int_member (entry, "size"), ==, g_mapped_file_get_length (mapped));
          continue;
        }
      expected = fetch_from_cdn (url);
      actual = g_mapped_file_get_bytes (mapped);
      g_assert_true (g_bytes_equal (actual, expected));
      g_assert_cmpint (json_object_get_int_member (entry, "size"), ==, g_bytes_get_size (expected));
    }

  /* The files, the record, nothing half done. */
  for (guint i = 0; i < names->len; i++)
    g_assert_false (((const char *) g_ptr_array_index (names, i))[0] == '.' &&
                    g_str_has_suffix (g_ptr_array_index (names, i), ".part"));
  g_assert_cmpuint (names->len, ==, json_array_get_length (files) + 1 + extra);
  return json_array_get_length (files);
}

static guint
count_cdn_requests (HsDemoServer *server,
                    guint         status)
{
  g_autoptr(GPtrArray) log = hs_demo_server_get_request_log (server);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    {
      HsDemoRequest *request = g_ptr_array_index (log, i);

      if (g_str_has_prefix (hs_demo_request_get_path (request), "/cdn/") &&
          (status == 0 || hs_demo_request_get_status (request) == status))
        n++;
    }
  return n;
}

static void
test_batch_with_bad_line (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *short_base = hs_demo_server_get_short_link_base (f->server);
  g_autofree char *links = g_strconcat ("https://www.xiaohongshu.com/explore/" FOOD_1 "?xsec_token=x\n",
                                        "this line holds no link\n",
                                        "\n",
                                        "看看 http://xhslink.com/a/", HS_DEMO_SHORT_LINK_CODE,
                                        "，复制本条信息，打开【小红书】App查看精彩内容！\n",
                                        FOOD_2 " " FOOD_1 "\n",
                                        NULL);
  const char *args[] = { "--short-link-base", short_base, "--from-file", "-", NULL };
  HsTestRun run = { 0 };
  g_autoptr(GPtrArray) folders = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *food_1 = NULL;
  g_autofree char *food_2 = NULL;

  if (!run_download (f, args, links, NULL, &run))
    return;

  /* The bad line is reported and decides the status; the rest is done. */
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "2: this line holds no link"));
  g_assert_nonnull (strstr (run.out, "3 notes: "));

  folders = list_dir (f->out);
  g_assert_cmpuint (folders->len, ==, 3);
  seed = find_folder (f, SEED);
  food_1 = find_folder (f, FOOD_1);
  food_2 = find_folder (f, FOOD_2);
  g_assert_nonnull (seed);
  g_assert_nonnull (food_1);
  g_assert_nonnull (food_2);
  g_assert_true (g_str_has_suffix (seed, "美妆达人 - 春季美妆新品推荐 - " SEED));

  g_assert_cmpuint (assert_folder_complete (seed, 0), ==, 3);
  assert_folder_complete (food_1, 0);
  assert_folder_complete (food_2, 0);

  /* The media as the CDN wants it: with the Referer, every time. */
  {
    g_autoptr(GPtrArray) log = hs_demo_server_get_request_log (f->server);

    for (guint i = 0; i < log->len; i++)
      {
        HsDemoRequest *request = g_ptr_array_index (log, i);

        if (g_str_has_prefix (hs_demo_request_get_path (request), "/cdn/"))
          {
            g_assert_cmpstr (hs_demo_request_get_header (request, "Referer"), ==, HS_DEMO_MEDIA_REFERER);
            g_assert_false (hs_demo_request_has_header (request, "Authorization"));
          }
      }
  }
  hs_test_run_clear (&run);
}

static void
test_second_run_downloads_nothing (Fixture       *f,
                                   gconstpointer  data)
{
  const char *args[] = { "--text", SEED, FOOD_1, NULL };
  HsTestRun run = { 0 };
  g_autofree char *folder = NULL;
  g_autofree char *text = NULL;

  if (!run_download (f, args, NULL, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_cdn_requests (f->server, 0), >, 0);
  hs_test_run_clear (&run);

  folder = find_folder (f, SEED);
  g_assert_cmpuint (assert_folder_complete (folder, 0), ==, 4);  /* 3 media, note.md */
  {
    g_autofree char *path = g_build_filename (folder, "note.md", NULL);

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (text, "# 春季美妆新品推荐\n"));
  }

  hs_demo_server_clear_request_log (f->server);
  if (!run_download (f, args, NULL, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_cdn_requests (f->server, 0), ==, 0);
  g_assert_nonnull (strstr (run.out, "0 files saved"));
  g_assert_cmpuint (assert_folder_complete (folder, 0), ==, 4);
  hs_test_run_clear (&run);
}

/* The first part file in a note folder with at least @min_bytes. */
static gboolean
part_file_grown (gconstpointer data)
{
  const char *out = data;
  g_autoptr(GPtrArray) folders = list_dir (out);

  for (guint i = 0; i < folders->len; i++)
    {
      g_autofree char *folder = g_build_filename (out, g_ptr_array_index (folders, i), NULL);
      g_autoptr(GPtrArray) names = list_dir (folder);

      for (guint j = 0; j < names->len; j++)
        {
          g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, j), NULL);
          GStatBuf st;

          if (g_str_has_suffix (path, ".part") && g_stat (path, &st) == 0 && st.st_size >= 4096)
            return TRUE;
        }
    }
  return FALSE;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gpointer *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = GINT_TO_POINTER (1);
}

static void
test_killed_then_resumed (Fixture       *f,
                          gconstpointer  data)
{
  gboolean ranges = GPOINTER_TO_INT (data);
  const char *args[] = { "download", "--out", f->out, SEED, NULL };
  const char *cli = g_getenv ("HONGSHU_CLI");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) names = NULL;
  HsTestRun run = { 0 };
  gpointer done = NULL;
  guint n_complete_before = 0;

  if (cli == NULL)
    {
      g_test_skip ("HONGSHU_CLI is not set (run through meson test)");
      return;
    }

  /* 16 KiB and 25 KiB files at 8 KiB/s: the first run is killed with
   * SIGKILL while writing. */
  hs_demo_server_set_media_rate (f->server, 8192);
  hs_demo_server_set_media_ranges (f->server, ranges);

  launcher = launcher_new (f, NULL);
  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  hs_test_wait_for (part_file_grown, f->out, "a part file of 4 KiB");
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait_async (process, NULL, wait_cb, &done);
  hs_test_wait_for (hs_test_pointer_is_set, &done, "the killed download to end");
  g_assert_true (g_subprocess_get_if_signaled (process));

  /* Nothing that looks complete is not: every file with a final name is
   * whole (the part files are not final names). */
  folder = find_folder (f, SEED);
  g_assert_nonnull (folder);
  names = list_dir (folder);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (g_str_has_suffix (name, ".part") || strcmp (name, ".hongshu.json") == 0)
        continue;
      n_complete_before++;
    }
  g_assert_cmpuint (n_complete_before, <, 3);
  if (n_complete_before > 0)
    {
      /* Whatever finished is recorded and correct. */
      g_autoptr(JsonObject) manifest = hs_test_load_manifest (folder);

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest, "files")), <=, 3);
    }

  /* What other killed runs leave: the part of a picture whose address
   * has changed since (the website signs its addresses for a while), and
   * a record that was being written. */
  {
    g_autofree char *stale_part = g_build_filename (folder, ".01.0123abcd.part", NULL);
    g_autofree char *stale_record = g_build_filename (folder, ".hongshu.json.89abcdef.tmp", NULL);
    g_autofree char *own = g_build_filename (folder, "mine.part", NULL);

    g_assert_true (g_file_set_contents (stale_part, "half a picture", -1, NULL));
    g_assert_true (g_file_set_contents (stale_record, "{\"version\": 1, \"no", -1, NULL));
    /* Not a name the download gives: someone's own, left alone. */
    g_assert_true (g_file_set_contents (own, "mine", -1, NULL));
  }

  /* Resumed at full speed: complete and correct files only. */
  hs_demo_server_set_media_rate (f->server, 0);
  hs_demo_server_clear_request_log (f->server);
  {
    const char *again[] = { SEED, NULL };

    if (!run_download (f, again, NULL, NULL, &run))
      return;
  }
  g_assert_cmpint (run.status, ==, 0);
  /* No part and no temporary record is left: only the three files, the
   * record and the file that is not the download's. */
  g_assert_cmpuint (assert_folder_complete (folder, 1), ==, 3);
  {
    g_autoptr(GPtrArray) after = list_dir (folder);

    for (guint i = 0; i < after->len; i++)
      {
        const char *name = g_ptr_array_index (after, i);

        g_test_message ("after the resumed run: %s", name);
        g_assert_false (g_str_has_suffix (name, ".tmp"));
        g_assert_true (strcmp (name, "mine.part") == 0 || !g_str_has_suffix (name, ".part"));
      }
  }

  /* With Range, the rest of the part only (206); without, all again. */
  if (ranges)
    g_assert_cmpuint (count_cdn_requests (f->server, SOUP_STATUS_PARTIAL_CONTENT), >=, 1);
  else
    g_assert_cmpuint (count_cdn_requests (f->server, SOUP_STATUS_PARTIAL_CONTENT), ==, 0);
  hs_test_run_clear (&run);
}

static void
test_search_two_pages (Fixture       *f,
                       gconstpointer  data)
{
  const char *args[] = { "--search", "美食", "--size", "3", "--pages", "2", NULL };
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GPtrArray) folders = NULL;
  HsTestRun run = { 0 };

  if (!run_download (f, args, NULL, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);

  searches = hs_test_log_for_path (f->server, "/v1/notes/search");
  g_assert_cmpuint (searches->len, ==, 2);
  g_assert_cmpstr (hs_demo_request_get_query_param (g_ptr_array_index (searches, 0), "page"), ==, "1");
  g_assert_cmpstr (hs_demo_request_get_query_param (g_ptr_array_index (searches, 1), "page"), ==, "2");
  g_assert_cmpstr (hs_demo_request_get_query_param (g_ptr_array_index (searches, 1), "size"), ==, "3");

  folders = list_dir (f->out);
  g_assert_cmpuint (folders->len, ==, 6);
  for (guint i = 0; i < folders->len; i++)
    {
      g_autofree char *folder = g_build_filename (f->out, g_ptr_array_index (folders, i), NULL);

      assert_folder_complete (folder, 0);
    }
  hs_test_run_clear (&run);
}

static void
test_forbidden_picture (Fixture       *f,
                        gconstpointer  data)
{
  const char *args[] = { HS_DEMO_FAULT_FORBIDDEN_PICTURE, SEED, NULL };
  g_autofree char *folder = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  HsTestRun run = { 0 };

  if (!run_download (f, args, NULL, NULL, &run))
    return;

  /* 403: the status of `get` for it; the other pictures and note saved. */
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "/cdn/forbidden/hotpot.jpg"));
  g_assert_nonnull (strstr (run.err, "1 failed"));

  folder = find_folder (f, HS_DEMO_FAULT_FORBIDDEN_PICTURE);
  g_assert_cmpuint (assert_folder_complete (folder, 0), ==, 2);
  first = g_build_filename (folder, "01.png", NULL);
  second = g_build_filename (folder, "02.jpg", NULL);
  third = g_build_filename (folder, "03.webp", NULL);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (second, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (third, G_FILE_TEST_IS_REGULAR));

  {
    g_autofree char *seed = find_folder (f, SEED);

    g_assert_cmpuint (assert_folder_complete (seed, 0), ==, 3);
  }
  hs_test_run_clear (&run);
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  const char *args[] = { SEED, NULL };
  ChildSetup setup = { -1, TRUE };
  HsTestRun run = { 0 };
  g_autoptr(GPtrArray) names = NULL;

  g_assert_cmpint (g_mkdir (f->out, 0555), ==, 0);
  g_chmod (f->out, 0555);

  if (!run_download (f, args, NULL, &setup, &run))
    return;

  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Could not create the folder"));
  g_assert_nonnull (strstr (run.err, f->out));
  g_assert_nonnull (strstr (run.err, "Permission denied"));
  names = list_dir (f->out);
  g_assert_cmpuint (names->len, ==, 0);
  g_chmod (f->out, 0755);
  hs_test_run_clear (&run);
}

static void
test_same_name_no_overwrite (Fixture       *f,
                             gconstpointer  data)
{
  /* Both notes are by 吃货小分队: one folder name for two notes. */
  const char *args[] = { "--name-template", "{author}", FOOD_1, FOOD_2, NULL };
  g_autofree char *first = g_build_filename (f->out, "吃货小分队", NULL);
  g_autofree char *second = g_build_filename (f->out, "吃货小分队 (2)", NULL);
  g_autofree char *foreign = NULL;
  g_autoptr(JsonObject) first_manifest = NULL;
  g_autoptr(JsonObject) second_manifest = NULL;
  HsTestRun run = { 0 };

  if (!run_download (f, args, NULL, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  assert_folder_complete (first, 0);
  assert_folder_complete (second, 0);
  first_manifest = hs_test_load_manifest (first);
  second_manifest = hs_test_load_manifest (second);
  g_assert_cmpstr (json_object_get_string_member (first_manifest, "note_id"), !=,
                   json_object_get_string_member (second_manifest, "note_id"));
  hs_test_run_clear (&run);

  /* A file of the user's where a picture goes keeps its name and bytes;
   * each note finds its own folder again. */
  foreign = g_build_filename (second, "01.jpg", NULL);
  {
    g_autoptr(JsonObject) manifest = hs_test_load_manifest (second);
    JsonArray *files = json_object_get_array_member (manifest, "files");

    for (guint i = 0; i < json_array_get_length (files); i++)
      {
        JsonObject *entry = json_array_get_object_element (files, i);
        g_autofree char *path = g_build_filename (second, json_object_get_string_member (entry, "name"), NULL);

        if (g_str_has_prefix (json_object_get_string_member (entry, "name"), "01."))
          {
            g_unlink (path);
            g_free (foreign);
            foreign = g_steal_pointer (&path);
          }
      }
  }
  g_assert_true (g_file_set_contents (foreign, "mine", -1, NULL));

  hs_demo_server_clear_request_log (f->server);
  if (!run_download (f, args, NULL, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *text = NULL;
    g_autofree char *base = g_path_get_basename (foreign);
    g_autofree char *numbered = NULL;
    char *dot = strrchr (base, '.');

    g_assert_true (g_file_get_contents (foreign, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "mine");
    *dot = '\0';
    numbered = g_strdup_printf ("%s/%s (2).%s", second, base, dot + 1);
    g_assert_true (g_file_test (numbered, G_FILE_TEST_IS_REGULAR));
  }
  /* Only the missing picture was fetched; no third folder. */
  g_assert_cmpuint (count_cdn_requests (f->server, 0), ==, 1);
  assert_folder_complete (second, 1);
  {
    g_autoptr(GPtrArray) folders = list_dir (f->out);

    g_assert_cmpuint (folders->len, ==, 2);
  }
  hs_test_run_clear (&run);
}

static void
assert_modes (const char *dir,
              mode_t      file_mode,
              mode_t      dir_mode)
{
  g_autoptr(GPtrArray) names = list_dir (dir);
  GStatBuf st;

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, dir_mode);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      if (S_ISDIR (st.st_mode))
        assert_modes (path, file_mode, dir_mode);
      else
        {
          if ((st.st_mode & 0777) != file_mode)
            g_test_message ("%s: %o", path, st.st_mode & 0777);
          g_assert_cmpuint (st.st_mode & 0777, ==, file_mode);
        }
    }
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  int mask = GPOINTER_TO_INT (data);
  ChildSetup setup = { mask, FALSE };
  const char *args[] = { "--text", SEED, NULL };
  HsTestRun run = { 0 };
  g_autofree char *folder = NULL;

  if (!run_download (f, args, NULL, &setup, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);

  /* Pictures, the video, note.md, the record and the folders alike. */
  folder = find_folder (f, SEED);
  g_assert_cmpuint (assert_folder_complete (folder, 0), ==, 4);
  assert_modes (f->out, 0666 & ~mask, 0777 & ~mask);
  hs_test_run_clear (&run);
}

static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  const char *both[] = { "--search", "a", "--tag", "b", NULL };
  const char *template[] = { "--name-template", "{nope}", SEED, NULL };
  const char *nothing[] = { NULL };
  const char *not_ref[] = { "hello", NULL };
  HsTestRun run = { 0 };

  if (!run_download (f, both, NULL, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 2);
  hs_test_run_clear (&run);

  run_download (f, template, NULL, NULL, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "{nope}"));
  hs_test_run_clear (&run);

  run_download (f, nothing, NULL, NULL, &run);
  g_assert_cmpint (run.status, ==, 2);
  hs_test_run_clear (&run);

  run_download (f, not_ref, NULL, NULL, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "not a note reference: hello"));
  g_assert_cmpuint (count_cdn_requests (f->server, 0), ==, 0);
  hs_test_run_clear (&run);
}

/* The library's saved notes and a category as a batch: notes saved by
 * `get --save` into this test's own XDG_DATA_HOME, downloaded as the
 * library keeps them (no API call for the notes), their files from the
 * library's copies. */
static void
test_library (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (f, NULL);
  const char *save_args[] = { "--save", SEED, FOOD_1, NULL };
  const char *saved_args[] = { "--saved", NULL };
  const char *category_args[] = { "--category", "吃喝", NULL };
  const char *missing_args[] = { "--category", "没有这个", NULL };
  const char *both_args[] = { "--saved", "--category", "吃喝", NULL };
  g_autofree char *library_dir = g_build_filename (f->data, "hongshu", NULL);
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(HsLibraryItem) food = NULL;
  g_autoptr(GPtrArray) folders = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seed_folder = NULL;
  g_autofree char *food_folder = NULL;
  const char * const *tags;
  const char *category_tags[2] = { NULL, NULL };
  HsTestRun run = { 0 };

  if (!hs_test_run_cli (launcher, "get", save_args, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  hs_test_run_clear (&run);

  /* A category of one of the second note's tags. */
  library = hs_library_new (library_dir);
  g_assert_true (hs_library_open_sync (library, NULL, &error));
  g_assert_no_error (error);
  food = hs_library_get_sync (library, FOOD_1, NULL, &error);
  g_assert_no_error (error);
  tags = hs_note_get_tags (hs_library_item_get_note (food));
  g_assert_nonnull (tags);
  g_assert_nonnull (tags[0]);
  category_tags[0] = tags[0];
  g_assert_true (hs_library_category_add_sync (library, "吃喝", category_tags, NULL, &error));
  g_assert_no_error (error);
  hs_library_close (library);

  hs_demo_server_clear_request_log (f->server);
  if (!run_download (f, saved_args, NULL, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2 notes: "));
  g_assert_cmpuint (hs_test_count_requests (f->server, "/v1/notes/" SEED), ==, 0);
  g_assert_cmpuint (hs_test_count_requests (f->server, "/v1/notes/" FOOD_1), ==, 0);
  seed_folder = find_folder (f, SEED);
  food_folder = find_folder (f, FOOD_1);
  g_assert_nonnull (seed_folder);
  g_assert_nonnull (food_folder);
  g_assert_cmpuint (assert_folder_complete (seed_folder, 0), ==, 3);
  assert_folder_complete (food_folder, 0);
  hs_test_run_clear (&run);

  /* The category: the second note (already there: nothing fetched). */
  hs_demo_server_clear_request_log (f->server);
  if (!run_download (f, category_args, NULL, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, food_folder));
  g_assert_null (strstr (run.out, seed_folder));
  g_assert_nonnull (strstr (run.out, "1 notes: 0 files saved"));
  g_assert_cmpuint (count_cdn_requests (f->server, 0), ==, 0);
  hs_test_run_clear (&run);

  if (!run_download (f, missing_args, NULL, NULL, &run))
    return;
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "The library has no category “没有这个”"));
  hs_test_run_clear (&run);

  if (!run_download (f, both_args, NULL, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 2);
  hs_test_run_clear (&run);

  folders = list_dir (f->out);
  g_assert_cmpuint (folders->len, ==, 2);
}

static guint
assert_library_copy (Fixture    *f,
                     HsLibrary  *library,
                     const char *note_id)
{
  g_autofree char *folder = find_folder (f, note_id);

  g_assert_nonnull (folder);
  return hs_test_assert_library_copy (folder, library, note_id);
}

/* Saved notes downloaded with the demo server gone: every picture and
 * video from the library's own copy, recorded as any, and a second run
 * finds them complete. The website note's addresses are signed ones,
 * which would have expired. */
static void
test_library_offline (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = launcher_new (f, NULL);
  g_autofree char *web_path = hs_demo_web_note_path (HS_DEMO_WEB_SIGNED_PICTURES_NOTE);
  g_autofree char *web_link = g_strconcat ("https://www.xiaohongshu.com", web_path, NULL);
  const char *save_args[] = { "--save", SEED, FOOD_1, NULL };
  const char *save_web_args[] = { "--source", "web", "--save", web_link, NULL };
  const char *saved_args[] = { "--saved", NULL };
  g_autofree char *library_dir = g_build_filename (f->data, "hongshu", NULL);
  g_autoptr(HsLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  HsTestRun run = { 0 };
  guint n_files;

  g_subprocess_launcher_setenv (launcher, "HONGSHU_WEB_BASE_URL", f->base, TRUE);
  if (!hs_test_run_cli (launcher, "get", save_args, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  hs_test_run_clear (&run);
  if (!hs_test_run_cli (launcher, "get", save_web_args, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  hs_test_run_clear (&run);

  /* No server: the notes' addresses and the API's lead nowhere. */
  base = g_strdup (f->base);
  hs_demo_server_stop (f->server);
  f->base = base;

  if (!run_download (f, saved_args, NULL, NULL, &run))
    return;
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "3 notes: "));
  hs_test_run_clear (&run);

  library = hs_library_new (library_dir);
  g_assert_true (hs_library_open_sync (library, NULL, &error));
  g_assert_no_error (error);
  n_files = assert_library_copy (f, library, SEED);
  n_files += assert_library_copy (f, library, FOOD_1);
  g_assert_cmpuint (assert_library_copy (f, library, HS_DEMO_WEB_SIGNED_PICTURES_NOTE), ==, 5);
  hs_library_close (library);

  /* Again: everything is there already. */
  if (!run_download (f, saved_args, NULL, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "3 notes: 0 files saved"));
  g_assert_cmpuint (n_files, >, 0);
  hs_test_run_clear (&run);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/download/batch-with-bad-line", test_batch_with_bad_line, NULL);
  ADD ("/download/second-run-downloads-nothing", test_second_run_downloads_nothing, NULL);
  ADD ("/download/killed-then-resumed/range", test_killed_then_resumed, GINT_TO_POINTER (TRUE));
  ADD ("/download/killed-then-resumed/no-range", test_killed_then_resumed, GINT_TO_POINTER (FALSE));
  ADD ("/download/search-two-pages", test_search_two_pages, NULL);
  ADD ("/download/forbidden-picture", test_forbidden_picture, NULL);
  ADD ("/download/read-only-folder", test_read_only_folder, NULL);
  ADD ("/download/same-name-no-overwrite", test_same_name_no_overwrite, NULL);
  ADD ("/download/permissions/umask-022", test_permissions, GINT_TO_POINTER (022));
  ADD ("/download/permissions/umask-077", test_permissions, GINT_TO_POINTER (077));
  ADD ("/download/bad-arguments", test_bad_arguments, NULL);
  ADD ("/download/library", test_library, NULL);
  ADD ("/download/library/offline", test_library_offline, NULL);
#undef ADD

  return g_test_run ();
}
