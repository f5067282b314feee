#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hs-demo-server.h"
#include "hs-demo-web.h"
#include "hs-test-support.h"

/* `hongshu-cli get` and `search` as a separate process against an in-process
 * demo server on 127.0.0.1, port 0. The main loop keeps serving while the
 * child runs. */

#define SEED HS_DEMO_SEED_NOTE_ID

typedef struct
{
  HsDemoServer *server;
  const char   *base;
} Fixture;


static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = hs_test_demo_server_new ();
  hs_demo_server_set_requests_per_minute (f->server, 0);
  f->base = hs_demo_server_get_base_url (f->server);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  hs_test_demo_server_finish (f->server);
}

/* Runs hongshu-cli with @args; @with_token sets HONGSHU_ACCESS_TOKEN. */
static void
run_cli (Fixture            *f,
         gboolean            with_token,
         const char * const *args,
         HsTestRun          *run)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "HONGSHU_API_BASE_URL", f->base, TRUE);
  /* Never the real website: without a token, auto reads the demo's pages. */
  g_subprocess_launcher_setenv (launcher, "HONGSHU_WEB_BASE_URL", f->base, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "HONGSHU_WEB_COOKIE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  /* Not a terminal: the body is wrapped at $COLUMNS. */
  g_subprocess_launcher_setenv (launcher, "COLUMNS", "40", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "HONGSHU_APP_KEY");
  g_subprocess_launcher_unsetenv (launcher, "HONGSHU_APP_SECRET");
  g_subprocess_launcher_unsetenv (launcher, "HONGSHU_REQUESTS_PER_MINUTE");
  /* No keyring to fall back on: a missing token must fail fast. */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  if (with_token)
    g_subprocess_launcher_setenv (launcher, "HONGSHU_ACCESS_TOKEN", HS_DEMO_ACCESS_TOKEN, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "HONGSHU_ACCESS_TOKEN");

  hs_test_run_cli (launcher, NULL, args, NULL, run);
}

static GStrv
lines (const char *text)
{
  g_auto(GStrv) all = g_strsplit (text, "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; all[i] != NULL; i++)
    if (*all[i] != '\0')
      g_strv_builder_add (builder, all[i]);
  return g_strv_builder_end (builder);
}

static JsonObject *
parse_object (const char *line)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_get_json_batch (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *short_base = hs_demo_server_get_short_link_base (f->server);
  g_autofree char *share = g_strconcat ("看看 http://xhslink.com/a/", HS_DEMO_SHORT_LINK_CODE,
                                        "，复制本条信息，打开【小红书】App查看精彩内容！", NULL);
  const char *args[] = {
    "get", "--json", "--short-link-base", short_base,
    SEED,
    HS_DEMO_FAULT_NOT_FOUND,
    "no reference here",
    "https://www.xiaohongshu.com/explore/" HS_DEMO_FAULT_FORBIDDEN "?xsec_token=x",
    share,
    NULL
  };
  HsTestRun run = { 0 };
  g_auto(GStrv) out = NULL;
  g_auto(GStrv) err = NULL;

  run_cli (f, TRUE, args, &run);
  if (g_test_failed () || run.out == NULL)
    return;

  /* The first failure (404) decides; the others still ran and printed. */
  g_assert_cmpint (run.status, ==, 4);

  out = lines (run.out);
  g_assert_cmpuint (g_strv_length (out), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonObject) note = parse_object (out[i]);

      g_assert_cmpstr (json_object_get_string_member (note, "note_id"), ==, SEED);
      g_assert_cmpstr (json_object_get_string_member (note, "title"), ==, "春季美妆新品推荐");
    }

  err = lines (run.err);
  g_assert_cmpuint (g_strv_length (err), ==, 3);
  g_assert_true (g_str_has_prefix (err[0], "hongshu-cli: " HS_DEMO_FAULT_NOT_FOUND ": "));
  g_assert_true (g_str_has_prefix (err[1], "hongshu-cli: no reference here: "));
  g_assert_true (g_str_has_prefix (err[2], "hongshu-cli: https://www.xiaohongshu.com/explore/"
                                           HS_DEMO_FAULT_FORBIDDEN));
  g_assert_null (strstr (run.err, HS_DEMO_ACCESS_TOKEN));
  hs_test_run_clear (&run);
}

static void
test_get_first_failure_order (Fixture       *f,
                              gconstpointer  data)
{
  const char *args[] = {
    "get", "--json", HS_DEMO_FAULT_FORBIDDEN, HS_DEMO_FAULT_NOT_FOUND, SEED, NULL
  };
  HsTestRun run = { 0 };
  g_auto(GStrv) out = NULL;

  run_cli (f, TRUE, args, &run);
  if (g_test_failed () || run.out == NULL)
    return;

  /* By the order of the references, not of the answers. */
  g_assert_cmpint (run.status, ==, 3);
  out = lines (run.out);
  g_assert_cmpuint (g_strv_length (out), ==, 1);
  hs_test_run_clear (&run);
}

static void
test_get_summary (Fixture       *f,
                  gconstpointer  data)
{
  const char *args[] = { "get", SEED, NULL };
  HsTestRun run = { 0 };
  g_auto(GStrv) lines = NULL;
  const char *body;

  run_cli (f, TRUE, args, &run);
  if (g_test_failed () || run.out == NULL)
    return;

  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "春季美妆新品推荐\n"));
  g_assert_nonnull (strstr (run.out, "美妆达人"));
  g_assert_nonnull (strstr (run.out, "1,024"));
  g_assert_nonnull (strstr (run.out, "美妆, 新品"));
  g_assert_nonnull (strstr (run.out, "上海"));
  g_assert_nonnull (strstr (run.out, "/cdn/img/peach-blossom.jpg"));
  g_assert_cmpstr (run.err, ==, "");

  /* The body follows as text: paragraphs and list items kept, no markup, indented and
   * wrapped at $COLUMNS (40) counting a Chinese character as two columns. */
  body = strstr (run.out, "\n\n");
  g_assert_nonnull (body);
  g_assert_true (g_str_has_prefix (body, "\n\n  今天分享几款超火的美妆新品...\n\n  春天到了，"));
  g_assert_nonnull (strstr (body, "\n  • 水光气垫："));
  g_assert_null (strstr (body, "<"));
  lines = g_strsplit (body, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      glong columns = 0;

      for (const char *p = lines[i]; *p != '\0'; p = g_utf8_next_char (p))
        columns += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
      g_assert_cmpint (columns, <=, 40);
      g_assert_true (*lines[i] == '\0' || g_str_has_prefix (lines[i], "  "));
    }
  /* The long paragraph did need wrapping. */
  g_assert_cmpuint (g_strv_length (lines), >, 10);
  hs_test_run_clear (&run);
}

static void
test_get_fields (Fixture       *f,
                 gconstpointer  data)
{
  const char *args[] = { "get", "--json", "--fields", "title", SEED, NULL };
  HsTestRun run = { 0 };
  g_autoptr(JsonObject) note = NULL;

  run_cli (f, TRUE, args, &run);
  if (g_test_failed () || run.out == NULL)
    return;

  g_assert_cmpint (run.status, ==, 0);
  note = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (note, "title"), ==, "春季美妆新品推荐");
  g_assert_true (json_object_get_null_member (note, "content"));
  hs_test_run_clear (&run);
}

static void
test_get_without_token (Fixture       *f,
                        gconstpointer  data)
{
  const char *args[] = { "get", "--source", "api", "--json", SEED, NULL };
  HsTestRun run = { 0 };
  g_autoptr(GPtrArray) log = NULL;

  run_cli (f, FALSE, args, &run);
  if (g_test_failed () || run.out == NULL)
    return;

  g_assert_cmpint (run.status, ==, 3);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "hongshu-cli: no access token"));
  g_assert_nonnull (strstr (run.err, "HONGSHU_ACCESS_TOKEN"));
  log = hs_demo_server_get_request_log (f->server);
  g_assert_cmpuint (log->len, ==, 0);
  hs_test_run_clear (&run);
}

static void
test_get_usage (Fixture       *f,
                gconstpointer  data)
{
  const char *help[] = { "get", "--help", NULL };
  const char *no_refs[] = { "get", "--json", NULL };
  const char *bad_base[] = { "get", "--api-base-url", "ftp://example.com", SEED, NULL };
  HsTestRun run = { 0 };

  run_cli (f, TRUE, help, &run);
  if (g_test_failed () || run.out == NULL)
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--json"));
  g_assert_nonnull (strstr (run.out, "--fields"));
  g_assert_nonnull (strstr (run.out, "--requests-per-minute"));
  hs_test_run_clear (&run);

  memset (&run, 0, sizeof run);
  run_cli (f, TRUE, no_refs, &run);
  g_assert_cmpint (run.status, ==, 2);
  hs_test_run_clear (&run);

  memset (&run, 0, sizeof run);
  run_cli (f, TRUE, bad_base, &run);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "hongshu-cli: --api-base-url"));
  hs_test_run_clear (&run);
}

/* One table of exit codes, in the help of every command and of hongshu-cli itself. */
static void
test_help_exit_status (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const commands[] = { "get", "search", "parse", "demo-server", NULL };
  const char *usage[] = { "--help", NULL };
  g_autofree char *table = NULL;
  HsTestRun run = { 0 };

  run_cli (f, TRUE, usage, &run);
  if (g_test_failed () || run.out == NULL)
    return;
  g_assert_cmpint (run.status, ==, 0);
  table = g_strdup (strstr (run.out, "Exit status:\n"));
  g_assert_nonnull (table);
  g_assert_nonnull (strstr (table, "  7    the server could not be reached"));
  g_assert_nonnull (strstr (table, "  130  interrupted"));
  hs_test_run_clear (&run);

  for (guint i = 0; commands[i] != NULL; i++)
    {
      const char *args[] = { commands[i], "--help", NULL };

      memset (&run, 0, sizeof run);
      run_cli (f, TRUE, args, &run);
      g_test_message ("%s --help", commands[i]);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, table));
      hs_test_run_clear (&run);
    }
}

/* An empty argument (say, an unset "$ID") gets a message in the CLI's own words, before
 * any request. */
static void
test_get_empty_reference (Fixture       *f,
                          gconstpointer  data)
{
  const char *args[] = { "get", SEED, "  ", NULL };
  HsTestRun run = { 0 };
  g_autoptr(GPtrArray) log = NULL;

  run_cli (f, TRUE, args, &run);
  if (g_test_failed () || run.out == NULL)
    return;

  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "hongshu-cli: reference 2 is empty: each REF must be a note id, "
                                "a note link or a share text\n");
  log = hs_demo_server_get_request_log (f->server);
  g_assert_cmpuint (log->len, ==, 0);
  hs_test_run_clear (&run);
}

/* The text output says whether there is a next page, and how to get it. */
static void
test_search_pages (Fixture       *f,
                   gconstpointer  data)
{
  const char *first[] = { "search", "--size", "2", "美妆", NULL };
  const char *count[] = { "search", "--json", "--size", "50", "美妆", NULL };
  HsTestRun run = { 0 };
  g_autoptr(JsonObject) page = NULL;
  g_autofree char *last_page = NULL;
  gint64 total;

  run_cli (f, TRUE, first, &run);
  if (g_test_failed () || run.out == NULL)
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_suffix (run.out, "More results: run again with --page 2 for the next page.\n"));
  hs_test_run_clear (&run);

  memset (&run, 0, sizeof run);
  run_cli (f, TRUE, count, &run);
  page = parse_object (run.out);
  total = json_object_get_int_member (page, "total");
  g_assert_cmpint (total, >, 2);
  hs_test_run_clear (&run);

  last_page = g_strdup_printf ("%" G_GINT64_FORMAT, (total + 1) / 2);
  {
    const char *last[] = { "search", "--size", "2", "--page", last_page, "美妆", NULL };

    memset (&run, 0, sizeof run);
    run_cli (f, TRUE, last, &run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_suffix (run.out, "\nThis is the last page.\n"));
    g_assert_null (strstr (run.out, "--page"));
    hs_test_run_clear (&run);
  }
}

static void
test_search_json (Fixture       *f,
                  gconstpointer  data)
{
  const char *args[] = { "search", "--json", "--page", "1", "--size", "2", "美妆", NULL };
  const char *bad[] = { "search", "--size", "0", "美妆", NULL };
  HsTestRun run = { 0 };
  g_autoptr(JsonObject) page = NULL;
  JsonArray *items;

  run_cli (f, TRUE, args, &run);
  if (g_test_failed () || run.out == NULL)
    return;

  g_assert_cmpint (run.status, ==, 0);
  page = parse_object (run.out);
  g_assert_cmpint (json_object_get_int_member (page, "page"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (page, "size"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (page, "total"), >, 2);
  g_assert_true (json_object_get_boolean_member (page, "has_more"));
  items = json_object_get_array_member (page, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpuint (strlen (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                           "note_id")), ==, 24);
  hs_test_run_clear (&run);

  memset (&run, 0, sizeof run);
  run_cli (f, TRUE, bad, &run);
  g_assert_cmpint (run.status, ==, 2);
  hs_test_run_clear (&run);
}

/* No token: auto reads the website, the share text as pasted; --json is the
 * API's normalised form, the place name without coordinates. */
static void
test_get_web (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = hs_demo_web_note_path (SEED);
  g_autofree char *text = g_strconcat ("春季美妆新品推荐 https://www.xiaohongshu.com", path,
                                       " ，复制本条信息，打开【小红书】App查看精彩内容！", NULL);
  g_autofree char *short_base = hs_demo_server_get_short_link_base (f->server);
  const char *args[] = { "get", "--json", text, NULL };
  const char *short_args[] = { "get", "--source", "web", "--short-link-base", short_base, "--json",
                               "http://xhslink.com/a/" HS_DEMO_SHORT_LINK_CODE, NULL };
  g_autoptr(JsonObject) note = NULL;
  g_autoptr(JsonObject) author = NULL;
  HsTestRun run = { 0 };

  run_cli (f, FALSE, args, &run);
  if (g_test_failed () || run.out == NULL)
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  note = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (note, "title"), ==, "春季美妆新品推荐");
  g_assert_cmpint (json_object_get_int_member (note, "like_count"), ==, 1024);
  g_assert_nonnull (strstr (run.out, "\"location\":{\"name\":\"上海\",\"latitude\":null,\"longitude\":null}"));
  author = json_object_ref (json_object_get_object_member (note, "author"));
  g_assert_true (json_object_get_null_member (author, "follower_count"));
  /* Nothing went to the API. */
  g_assert_cmpuint (hs_test_count_requests (f->server, "/v1/notes/" SEED), ==, 0);
  hs_test_run_clear (&run);

  run_cli (f, TRUE, short_args, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "春季美妆新品推荐"));
  hs_test_run_clear (&run);
}

/* The exit codes of the website's walls, with what the site said. */
static void
test_get_web_walls (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *no_note = NULL;
  const struct { const char *ref; int status; const char *err; } cases[] = {
    { SEED, 3, "xsec_token" },
    { "https://www.xiaohongshu.com/explore/" SEED "?xsec_token=CBold", 3, "Xiaohongshu said: 访问链接异常" },
    { "https://www.xiaohongshu.com/explore/" HS_DEMO_WEB_FAULT_VERIFICATION, 3, "verification" },
    { "https://www.xiaohongshu.com/explore/" HS_DEMO_WEB_FAULT_UNAVAILABLE, 4, "Xiaohongshu said: 当前笔记暂时无法浏览" },
    { "https://www.xiaohongshu.com/explore/" HS_DEMO_WEB_FAULT_TOO_MANY_VISITS, 5, "Xiaohongshu said: 访问频次异常" },
    { "https://www.xiaohongshu.com/explore/" HS_DEMO_WEB_FAULT_UNREADABLE, 8, "could not be read" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[] = { "get", "--source", "web", cases[i].ref, NULL };
      HsTestRun run = { 0 };

      run_cli (f, TRUE, args, &run);
      if (g_test_failed () || run.out == NULL)
        return;
      g_test_message ("%s: %s", cases[i].ref, run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_nonnull (strstr (run.err, cases[i].err));
      hs_test_run_clear (&run);
    }

  {
    const char *args[] = { "get", "--source", "web", "--web-base-url", "http://127.0.0.1:1", SEED, NULL };
    const char *bad_source[] = { "get", "--source", "both", SEED, NULL };
    HsTestRun run = { 0 };

    run_cli (f, FALSE, args, &run);
    g_assert_cmpint (run.status, ==, 7);
    hs_test_run_clear (&run);
    run_cli (f, FALSE, bad_source, &run);
    g_assert_cmpint (run.status, ==, 2);
    hs_test_run_clear (&run);
  }
}

int
main (int    argc,
      char **argv)
{
  /* Whatever a test writes under HOME and the XDG dirs goes to a throw-away place. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli-get/json-batch", test_get_json_batch);
  ADD ("/cli-get/first-failure-order", test_get_first_failure_order);
  ADD ("/cli-get/summary", test_get_summary);
  ADD ("/cli-get/fields", test_get_fields);
  ADD ("/cli-get/without-token", test_get_without_token);
  ADD ("/cli-get/usage", test_get_usage);
  ADD ("/cli-get/web", test_get_web);
  ADD ("/cli-get/web-walls", test_get_web_walls);
  ADD ("/cli-get/empty-reference", test_get_empty_reference);
  ADD ("/cli/help-exit-status", test_help_exit_status);
  ADD ("/cli-search/json", test_search_json);
  ADD ("/cli-search/pages", test_search_pages);

  return g_test_run ();
}
