#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "hs-format.h"
#include "hs-test-support.h"

/* A hostile API on 127.0.0.1 whose text carries terminal escapes (OSC 52 clipboard write,
 * screen clear, a C1 CSI, BEL, DEL): `hongshu-cli get` and `search` must print none of them,
 * on standard output or standard error. */

#define NOTE_OK      "649c46ab000000002702ad36"
#define NOTE_MISSING "649c46ab000000002702ad37"

/* As JSON string content: controls escaped, the C1 CSI (U+009B) as raw UTF-8 bytes. */
#define HOSTILE_JSON "\\u001b]52;c;aGFja2Vk\\u0007\\u001b[2J\xc2\x9b" "31m\\u007f\\r"

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  const char *body;
  guint status = 200;

  if (strcmp (path, "/v1/notes/search") == 0)
    body = "{\"code\":200,\"message\":\"success\",\"data\":{\"page\":1,\"size\":20,\"total\":1,"
           "\"has_more\":false,\"items\":[{\"note_id\":\"" NOTE_OK "\",\"title\":\"搜索"
           HOSTILE_JSON "结果\",\"like_count\":3,\"author\":{\"user_id\":\"1\",\"nickname\":\"作者"
           HOSTILE_JSON "\"}}]}}";
  else if (strcmp (path, "/v1/notes/" NOTE_OK) == 0)
    body = "{\"code\":200,\"message\":\"success\",\"data\":{\"note_id\":\"" NOTE_OK "\","
           "\"title\":\"标题" HOSTILE_JSON "结束\","
           "\"content\":\"<p>正文" HOSTILE_JSON "</p><p>第二段</p>\","
           "\"tags\":[\"标签" HOSTILE_JSON "\"],"
           "\"author\":{\"user_id\":\"1\",\"nickname\":\"作者" HOSTILE_JSON "\"},"
           "\"location\":{\"name\":\"地点" HOSTILE_JSON "\"}}}";
  else
    {
      status = 404;
      body = "{\"code\":404,\"message\":\"没有" HOSTILE_JSON "这篇笔记\",\"data\":null}";
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static char *
start_server (SoupServer **out_server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  char *base;

  soup_server_add_handler (server, NULL, server_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  /* "http://127.0.0.1:PORT/" without its slash. */
  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  *out_server = server;
  return base;
}

/* Only newline and tab of the C0 controls, no DEL, no C1 control (U+0080 to U+009F,
 * encoded as 0xC2 0x80 to 0xC2 0x9F). */
static void
assert_terminal_safe (const char *what,
                      const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7F
          || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
        g_error ("%s holds the control byte 0x%02x at %zu: %s", what, *p,
                 (gsize) (p - (const guchar *) text), text);
    }
}

static void
run (const char          *base,
     const char * const  *args,
     HsTestRun           *result)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "HONGSHU_API_BASE_URL", base, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "HONGSHU_ACCESS_TOKEN", "token", TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "HONGSHU_APP_KEY");
  g_subprocess_launcher_unsetenv (launcher, "HONGSHU_APP_SECRET");
  hs_test_run_cli (launcher, NULL, args, NULL, result);
  g_test_message ("stdout: %s\nstderr: %s", result->out, result->err);
}

static void
test_format_for_terminal (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "plain 文字", "plain 文字" },
    { "a\nb\tc", "a\nb\tc" },
    { "\x1b]52;c;aGk=\x07", "\xef\xbf\xbd]52;c;aGk=\xef\xbf\xbd" },
    { "\x1b[2J", "\xef\xbf\xbd[2J" },
    { "\xc2\x9b" "31m", "\xef\xbf\xbd" "31m" },
    { "\xc2\x80\xc2\x9f\xc2\xa0", "\xef\xbf\xbd\xef\xbf\xbd\xc2\xa0" },
    { "del\x7f", "del\xef\xbf\xbd" },
    { "cr\rlf", "cr\xef\xbf\xbdlf" },
    /* A lone C1 byte is invalid UTF-8: replaced as well. */
    { "x\x9by", "x\xef\xbf\xbdy" },
    { "", "" },
    { NULL, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = hs_format_for_terminal (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_get_and_search (void)
{
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *base = start_server (&server);
  const char * const get_args[] = { "get", NOTE_OK, NOTE_MISSING, NULL };
  const char * const json_args[] = { "get", "--json", NOTE_OK, NULL };
  const char * const search_args[] = { "search", "kw", NULL };
  g_auto(HsTestRun) get = { 0 };
  g_auto(HsTestRun) json = { 0 };
  g_auto(HsTestRun) search = { 0 };

  run (base, get_args, &get);
  g_assert_cmpint (get.status, ==, 4);
  /* The text is there, around what was replaced. */
  g_assert_nonnull (strstr (get.out, "标题\xef\xbf\xbd]52;c;aGFja2Vk"));
  g_assert_nonnull (strstr (get.out, "结束"));
  g_assert_nonnull (strstr (get.out, "标签"));
  g_assert_nonnull (strstr (get.out, "作者"));
  g_assert_nonnull (strstr (get.out, "地点"));
  g_assert_nonnull (strstr (get.err, "这篇笔记"));
  assert_terminal_safe ("get's output", get.out);
  assert_terminal_safe ("get's errors", get.err);

  run (base, search_args, &search);
  g_assert_cmpint (search.status, ==, 0);
  g_assert_nonnull (strstr (search.out, "结果"));
  assert_terminal_safe ("search's output", search.out);
  assert_terminal_safe ("search's errors", search.err);

  /* JSON escapes them itself (and a JSON reader wants them back as they were). */
  run (base, json_args, &json);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\\u001b"));
  assert_terminal_safe ("get --json's output", json.out);

  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-terminal/format-for-terminal", test_format_for_terminal);
  g_test_add_func ("/cli-terminal/get-and-search", test_get_and_search);

  return g_test_run ();
}
