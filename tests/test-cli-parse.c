#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "hs-error.h"
#include "hs-test-support.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* Runs `hongshu-cli parse ARGS…`; stdin from @stdin_path or @stdin_text. */
static void
run_parse (HsTestRun          *result,
           const char         *stdin_path,
           const char         *stdin_text,
           const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;

  if (stdin_text != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;

  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (stdin_path != NULL)
    g_subprocess_launcher_set_stdin_file_path (launcher, stdin_path);

  hs_test_run_cli (launcher, "parse", args, stdin_text, result);
}

static void
assert_error_line (const HsTestRun *result)
{
  g_assert_true (g_str_has_prefix (result->err, "hongshu-cli: "));
  g_assert_true (g_str_has_suffix (result->err, "\n"));
  /* One line: the only line break is the last byte. */
  g_assert_true (strchr (result->err, '\n') == result->err + strlen (result->err) - 1);
}

static void
test_seed_example_file (void)
{
  g_autofree char *path = fixture_path ("seed-example.json");
  g_autofree char *expected_path = fixture_path ("seed-example.expected.json");
  g_autofree char *expected = read_file (expected_path);
  const char *args[] = { path, NULL };
  g_auto(HsTestRun) result = { 0 };

  run_parse (&result, NULL, NULL, args);
  if (result.out == NULL)
    return;

  g_assert_cmpstr (result.out, ==, expected);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
}

static void
test_seed_example_stdin (void)
{
  g_autofree char *path = fixture_path ("seed-example.json");
  g_autofree char *expected_path = fixture_path ("seed-example.expected.json");
  g_autofree char *expected = read_file (expected_path);
  g_autofree char *input = read_file (path);
  const char *args[] = { "-", NULL };
  const char *args_checked[] = { "--note-id", "649C46AB000000002702AD36", "-", NULL };
  g_auto(HsTestRun) from_file = { 0 };
  g_auto(HsTestRun) from_text = { 0 };
  g_auto(HsTestRun) checked = { 0 };

  run_parse (&from_file, path, NULL, args);
  if (from_file.out == NULL)
    return;
  g_assert_cmpstr (from_file.out, ==, expected);
  g_assert_cmpstr (from_file.err, ==, "");
  g_assert_cmpint (from_file.status, ==, 0);

  run_parse (&from_text, NULL, input, args);
  g_assert_cmpstr (from_text.out, ==, expected);
  g_assert_cmpint (from_text.status, ==, 0);

  run_parse (&checked, NULL, input, args_checked);
  g_assert_cmpstr (checked.out, ==, expected);
  g_assert_cmpint (checked.status, ==, 0);
}

static void
test_help (void)
{
  const char *args[] = { "--help", NULL };
  g_auto(HsTestRun) result = { 0 };

  run_parse (&result, NULL, NULL, args);
  if (result.out == NULL)
    return;

  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "Usage:\n  hongshu-cli parse [OPTION…] FILE\n"));
  g_assert_nonnull (strstr (result.out, "--note-id=ID"));
  g_assert_nonnull (strstr (result.out, "--search"));
  g_assert_nonnull (strstr (result.out, "standard input"));
  g_assert_nonnull (strstr (result.out, "Exit status:"));
  g_assert_nonnull (strstr (result.out, "  8    an invalid response"));
  g_assert_cmpstr (result.err, ==, "");
}

static void
test_exit_codes (void)
{
  static const struct {
    const char *fixture;
    const char *note_id;
    int exit_status;
    const char *in_message;
  } cases[] = {
    { "responses/error-400.json", NULL, 2, "参数错误" },
    { "responses/error-401.json", NULL, 3, "无效的access_token" },
    { "responses/error-403.json", NULL, 3, "作者已关闭公开权限" },
    { "responses/error-404.json", NULL, 4, "笔记不存在或已删除" },
    { "responses/error-429.json", NULL, 5, "调用频率超限" },
    { "responses/error-500.json", NULL, 6, "服务器内部错误" },
    { "responses/error-503.json", NULL, 6, "服务暂不可用" },
    { "responses/not-json.txt", NULL, 8, "invalid response" },
    { "responses/empty.json", NULL, 8, "empty" },
    { "responses/invalid-utf8.json", NULL, 8, "UTF-8" },
    { "responses/code-float.json", NULL, 8, "code" },
    { "responses/note-id-mismatch.json", "649c46ab000000002702ad36", 8,
      "649c46ab000000002702ad37 instead of 649c46ab000000002702ad36" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fixture_path (cases[i].fixture);
      const char *args[] = { path, NULL };
      const char *args_id[] = { "--note-id", cases[i].note_id, path, NULL };
      g_auto(HsTestRun) result = { 0 };

      g_test_message ("fixture %s", cases[i].fixture);
      run_parse (&result, NULL, NULL, cases[i].note_id != NULL ? args_id : args);
      if (result.out == NULL)
        return;

      g_assert_cmpstr (result.out, ==, "");
      g_assert_cmpint (result.status, ==, cases[i].exit_status);
      assert_error_line (&result);
      g_assert_nonnull (strstr (result.err, cases[i].in_message));
    }
}

static void
test_warnings (void)
{
  g_autofree char *path = fixture_path ("responses/urls.json");
  const char *args[] = { path, NULL };
  g_auto(HsTestRun) result = { 0 };

  run_parse (&result, NULL, NULL, args);
  if (result.out == NULL)
    return;

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==,
                   "{\"note_id\":\"649c46ab000000002702ad36\",\"title\":null,\"content\":null,"
                   "\"images\":[\"https://cdn.example.com/ok.jpg\",\"https://cdn.example.com/ok2.jpg\"],"
                   "\"videos\":[{\"type\":\"video\",\"url\":\"https://cdn.example.com/v.mp4\",\"cover\":null},"
                   "{\"type\":\"video\",\"url\":\"http://cdn.example.com/untyped.mp4\",\"cover\":null}],"
                   "\"tags\":[],\"like_count\":null,\"comment_count\":null,\"favorite_count\":null,\"share_count\":null,"
                   "\"author\":{\"user_id\":\"1\",\"nickname\":\"达人\",\"avatar\":null,\"follower_count\":null},"
                   "\"publish_time\":null,\"location\":null}\n");
  g_assert_cmpstr (result.err, ==,
                   "hongshu-cli: warning: “images”: 11 entries are not absolute http or https URLs and were skipped\n"
                   "hongshu-cli: warning: “videos[1].cover” is not an absolute http or https URL; ignored\n"
                   "hongshu-cli: warning: “videos”: 3 entries are not videos with an http or https URL and were skipped\n"
                   "hongshu-cli: warning: “author.avatar” is not an absolute http or https URL; ignored\n");
}

static void
test_search (void)
{
  g_autofree char *path = fixture_path ("responses/search-no-has-more.json");
  const char *args[] = { "--search", path, NULL };
  g_auto(HsTestRun) result = { 0 };

  run_parse (&result, NULL, NULL, args);
  if (result.out == NULL)
    return;

  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==,
                   "{\"page\":1,\"size\":20,\"total\":30,\"has_more\":true,\"items\":[]}\n");
  g_assert_cmpstr (result.err, ==, "");
}

static void
test_usage_errors (void)
{
  g_autofree char *missing = g_test_build_filename (G_TEST_DIST, "fixtures", "no-such-file.json", NULL);
  g_autofree char *directory = g_test_build_filename (G_TEST_DIST, "fixtures", NULL);
  g_autofree char *seed = fixture_path ("seed-example.json");
  const char *no_args[] = { NULL };
  const char *two_args[] = { seed, seed, NULL };
  const char *missing_args[] = { missing, NULL };
  const char *directory_args[] = { directory, NULL };
  const char *unknown_option[] = { "--frobnicate", seed, NULL };
  const char *bad_note_id[] = { "--note-id", "649c46ab", seed, NULL };
  const char *note_id_search[] = { "--search", "--note-id", "649c46ab000000002702ad36", seed, NULL };
  const char * const *cases[] = {
    no_args, two_args, missing_args, directory_args, unknown_option, bad_note_id, note_id_search,
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(HsTestRun) result = { 0 };

      run_parse (&result, NULL, NULL, cases[i]);
      if (result.out == NULL)
        return;

      g_test_message ("usage case %u: %s", i, result.err);
      g_assert_cmpint (result.status, ==, 2);
      g_assert_cmpstr (result.out, ==, "");
      assert_error_line (&result);
    }
}

/* A body over 8 MiB is refused (exit 8), from a file and from stdin. */
static void
test_too_big (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  const char *prefix = "{\"code\":200,\"data\":{\"note_id\":\"649c46ab000000002702ad36\"}}";
  const gsize size = 3 * HS_MAX_RESPONSE_BYTES;
  const char *stdin_args[] = { "-", NULL };
  const char *file_args[2] = { NULL, NULL };
  g_auto(HsTestRun) from_stdin = { 0 };
  g_auto(HsTestRun) from_file = { 0 };
  int fd;

  fd = g_file_open_tmp ("hongshu-big-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);

  data = g_malloc (size);
  memset (data, ' ', size);
  memcpy (data, prefix, strlen (prefix));
  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  file_args[0] = path;

  run_parse (&from_stdin, path, NULL, stdin_args);
  run_parse (&from_file, NULL, NULL, file_args);
  g_unlink (path);
  if (from_stdin.out == NULL)
    return;

  g_assert_cmpint (from_stdin.status, ==, 8);
  g_assert_cmpstr (from_stdin.out, ==, "");
  g_assert_nonnull (strstr (from_stdin.err, "8 MiB"));
  g_assert_cmpint (from_file.status, ==, 8);
  g_assert_nonnull (strstr (from_file.err, "8 MiB"));
}

int
main (int argc, char **argv)
{
  /* Whatever a test writes under HOME and the XDG dirs goes to a throw-away place. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/cli-parse/seed-example-file", test_seed_example_file);
  g_test_add_func ("/cli-parse/seed-example-stdin", test_seed_example_stdin);
  g_test_add_func ("/cli-parse/help", test_help);
  g_test_add_func ("/cli-parse/exit-codes", test_exit_codes);
  g_test_add_func ("/cli-parse/warnings", test_warnings);
  g_test_add_func ("/cli-parse/search", test_search);
  g_test_add_func ("/cli-parse/usage-errors", test_usage_errors);
  g_test_add_func ("/cli-parse/too-big", test_too_big);
  return g_test_run ();
}
