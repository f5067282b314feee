#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hs-demo-server.h"
#include "hs-test-support.h"

/* `hongshu-cli get --save` against the demo server, then the library
 * offline: the server (API and CDN) stopped before `show`, `search`,
 * `tags` and `export`. */

#define LIPSTICK "67cc34c46b8e5ff731406d84"
#define BASE_MAKEUP "6683e710decf96823289ae5d"

static void
run_cli (const char         *base,
         const char * const *args,
         const char         *stdin_text,
         HsTestRun          *run)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;

  if (stdin_text != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  if (base != NULL)
    g_subprocess_launcher_setenv (launcher, "HONGSHU_API_BASE_URL", base, TRUE);
  else
    /* Nothing listens there: any use of the network fails. */
    g_subprocess_launcher_setenv (launcher, "HONGSHU_API_BASE_URL", "http://127.0.0.1:9", TRUE);
  g_subprocess_launcher_setenv (launcher, "HONGSHU_ACCESS_TOKEN", HS_DEMO_ACCESS_TOKEN, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "HONGSHU_APP_KEY");
  g_subprocess_launcher_unsetenv (launcher, "HONGSHU_APP_SECRET");

  hs_test_run_cli (launcher, NULL, args, stdin_text, run);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

static void
test_save_then_offline (void)
{
  HsDemoServer *server = hs_test_demo_server_new ();
  g_autofree char *base = g_strdup (hs_demo_server_get_base_url (server));
  g_autofree char *link = g_strdup_printf ("https://www.xiaohongshu.com/explore/%s?xsec_token=ABC%%3D", LIPSTICK);
  g_autofree char *export_dir = g_build_filename (g_get_user_cache_dir (), "export", NULL);
  g_autofree char *md_dir = g_build_filename (g_get_user_cache_dir (), "md", NULL);
  g_autofree char *jsonl = g_build_filename (export_dir, "notes.jsonl", NULL);
  g_autofree char *md = g_build_filename (md_dir, LIPSTICK, "note.md", NULL);
  g_autofree char *md_text = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *saved_json = NULL;
  g_autoptr(GDir) folder = NULL;
  const char *name;
  guint n_media_files = 0;
  guint cdn_requests;

  {
    g_auto(HsTestRun) run = { 0 };
    const char *args[] = { "get", "--save", "--json", link, BASE_MAKEUP, NULL };

    run_cli (base, args, NULL, &run);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpuint (count_lines (run.out), ==, 2);
    saved_json = g_strndup (run.out, strchr (run.out, '\n') - run.out);
  }
  /* The pictures and the video came from the CDN (which refuses requests
   * without the Referer). */
  cdn_requests = hs_test_count_requests (server, "/cdn/video/spring-makeup.webm") +
                 hs_test_count_requests (server, "/cdn/img/matcha-latte.png");
  g_assert_cmpuint (cdn_requests, ==, 2);
  hs_test_demo_server_finish (server);

  /* Offline from here. */
  {
    g_auto(HsTestRun) run = { 0 };
    const char *args[] = { "library", "show", "--json", LIPSTICK, NULL };

    run_cli (NULL, args, NULL, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (g_strchomp (run.out), ==, saved_json);
  }
  {
    g_auto(HsTestRun) run = { 0 };
    const char *args[] = { "library", "show", LIPSTICK, NULL };

    run_cli (NULL, args, NULL, &run);
    g_assert_cmpint (run.status, ==, 0);
    /* The link it was opened from, token and all. */
    g_assert_nonnull (strstr (run.out, "xsec_token=ABC%3D"));
    g_assert_nonnull (strstr (run.out, "黄皮显白口红合集"));
  }
  {
    g_auto(HsTestRun) run = { 0 };
    const char *args[] = { "library", "show", "ffff00000000000000000000", NULL };

    run_cli (NULL, args, NULL, &run);
    g_assert_cmpint (run.status, ==, 4);
  }
  {
    g_auto(HsTestRun) run = { 0 };
    const char *args[] = { "library", "search", "口红", NULL };

    run_cli (NULL, args, NULL, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, LIPSTICK));
    /* Not a terminal: the match in brackets. */
    g_assert_nonnull (strstr (run.out, "[口红]"));
  }
  {
    g_auto(HsTestRun) run = { 0 };
    const char *args[] = { "library", "search", "--json", "妆", NULL };

    run_cli (NULL, args, NULL, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpuint (count_lines (run.out), ==, 2);
  }
  {
    g_auto(HsTestRun) run = { 0 };
    const char *args[] = { "library", "tags", "--json", NULL };

    run_cli (NULL, args, NULL, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "{\"tag\":\"美妆\",\"count\":2}\n"));
  }
  {
    g_auto(HsTestRun) run = { 0 };
    const char *args[] = { "library", "export", "--format", "json", export_dir, NULL };

    run_cli (NULL, args, NULL, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (jsonl, &exported, NULL, NULL));
    g_assert_cmpuint (count_lines (exported), ==, 2);
    g_assert_nonnull (strstr (exported, saved_json));
  }
  {
    g_auto(HsTestRun) run = { 0 };
    const char *args[] = { "library", "export", "--format", "markdown", "--tag", "口红", md_dir, NULL };
    g_autofree char *note_dir = g_build_filename (md_dir, LIPSTICK, NULL);

    run_cli (NULL, args, NULL, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (md, &md_text, NULL, NULL));
    g_assert_true (g_str_has_prefix (md_text, "---\nid: \"" LIPSTICK "\"\n"));
    g_assert_null (strstr (md_text, "<p>"));
    folder = g_dir_open (note_dir, 0, NULL);
    while ((name = g_dir_read_name (folder)) != NULL)
      if (strcmp (name, "note.md") != 0)
        {
          g_autofree char *ref = g_strdup_printf ("(%s)", name);

          g_assert_nonnull (strstr (md_text, ref));
          n_media_files++;
        }
    /* 4 pictures, a video and its cover. */
    g_assert_cmpuint (n_media_files, ==, 6);
  }
  {
    g_auto(HsTestRun) run = { 0 };
    const char *args[] = { "library", "import", "-", NULL };

    run_cli (NULL, args, "{\"note_id\":\"abcdef000000000000000001\",\"title\":\"导入\"}\nnot json\n", &run);
    g_assert_cmpint (run.status, ==, 8);
    g_assert_nonnull (strstr (run.err, "line 2: "));
    g_assert_nonnull (strstr (run.err, "1 note imported"));
  }
  {
    g_auto(HsTestRun) run = { 0 };
    const char *args[] = { "library", "remove", LIPSTICK, BASE_MAKEUP, NULL };
    g_autofree char *media = g_build_filename (g_get_user_data_dir (), "hongshu", "media", NULL);
    g_autoptr(GDir) dir = NULL;
    guint n_files = 0;

    run_cli (NULL, args, NULL, &run);
    g_assert_cmpint (run.status, ==, 0);
    /* No note uses the media any more: the files are gone. */
    dir = g_dir_open (media, 0, NULL);
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *sub = g_build_filename (media, name, NULL);
        g_autoptr(GDir) inner = g_dir_open (sub, 0, NULL);

        while (inner != NULL && g_dir_read_name (inner) != NULL)
          n_files++;
      }
    g_assert_cmpuint (n_files, ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli-library/save-then-offline", test_save_then_offline);

  return g_test_run ();
}
