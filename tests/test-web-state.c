#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "hs-error.h"
#include "hs-note-parser.h"
#include "hs-web-state.h"

/* The state scanner of WEB.md §4: finding the script, and turning the
 * JavaScript literal into JSON without touching the text inside strings. */

static char *
load_page (const char *name,
           gsize      *out_length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "web", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, out_length, &error);
  g_assert_no_error (error);

  return contents;
}

static JsonNode *
parse_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  gsize length = 0;
  JsonNode *state;

  html = load_page (name, &length);
  state = hs_web_state_parse_page (html, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (state);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (state));

  return state;
}

/* Rewrites @literal and compares the JSON with @expected. */
static void
assert_json (const char *literal,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = NULL;
  gsize end = 0;

  json = hs_web_state_literal_to_json (literal, strlen (literal), &end, &error);
  g_assert_no_error (error);
  g_assert_nonnull (json);
  g_assert_cmpstr (json->str, ==, expected);
}

static void
assert_unreadable (const char *html)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) state = NULL;

  state = hs_web_state_parse_page (html, strlen (html), &error);
  g_assert_error (error, HS_ERROR, HS_ERROR_UNREADABLE_PAGE);
  g_assert_null (state);
}

static const char *
path_string (JsonNode   *root,
             const char *path)
{
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  static char *last = NULL;

  result = json_path_query (path, root, &error);
  g_assert_no_error (error);
  array = json_node_get_array (result);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);

  g_clear_pointer (&last, g_free);
  last = g_strdup (json_array_get_string_element (array, 0));
  return last;
}

static void
test_undefined_outside_strings_only (void)
{
  /* The word survives inside strings, in both quote styles and as a key. */
  assert_json ("{\"a\":undefined,\"b\":\"undefined\",'c':'x undefined y',undefined:[undefined,1]}",
               "{\"a\":null,\"b\":\"undefined\",\"c\":\"x undefined y\",\"undefined\":[null,1]}");
}

static void
test_other_words (void)
{
  assert_json ("{\"n\":NaN,\"i\":Infinity,\"m\":-Infinity,\"t\":true,\"f\":false,\"z\":null,\"u\":someName}",
               "{\"n\":null,\"i\":null,\"m\":null,\"t\":true,\"f\":false,\"z\":null,\"u\":null}");
}

static void
test_unquoted_keys_and_numbers (void)
{
  assert_json ("{ key : 1, $k_2:-2.5e+3, h:0x1F, d:.5, e:5., p:+3 }",
               "{\"key\":1,\"$k_2\":-2.5e+3,\"h\":31,\"d\":0.5,\"e\":5.0,\"p\":3}");
}

static void
test_new_map (void)
{
  assert_json ("{\"feeds\":new Map([[\"k\",{\"a\":1}]]),\"e\":new Map(),\"s\":new window.Set([1,2])}",
               "{\"feeds\":[[\"k\",{\"a\":1}]],\"e\":null,\"s\":[1,2]}");
}

static void
test_string_escapes (void)
{
  /* \u002F is decoded like every \u escape, \' and \x and \v and
   * \u{…} become JSON, a double quote in a single-quoted string gets its
   * backslash, and a lone surrogate becomes U+FFFD. */
  assert_json ("{'a':'it\\'s \"q\" \\x41\\v\\u{1F600}','b':\"http:\\u002F\\u002Fx\",'c':'\\ud800!','d':'\\ud83d\\ude00'}",
               "{\"a\":\"it's \\\"q\\\" A\\u000b\xf0\x9f\x98\x80\",\"b\":\"http://x\","
               "\"c\":\"\\ufffd!\",\"d\":\"\xf0\x9f\x98\x80\"}");
}

static void
test_raw_control_characters (void)
{
  /* Escaped, not dropped: the text keeps its tab and line break. */
  assert_json ("{\"t\":\"a\tb\nc\x01\"}", "{\"t\":\"a\\u0009b\\u000ac\\u0001\"}");
}

static void
test_comments (void)
{
  assert_json ("{/* c */\"a\"://x\n1}", "{\"a\":1}");
}

static void
test_literal_end (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = NULL;
  const char *literal = "{\"a\":\"}</script>\"};window.x={}";
  gsize end = 0;

  json = hs_web_state_literal_to_json (literal, strlen (literal), &end, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json->str, ==, "{\"a\":\"}</script>\"}");
  g_assert_cmpuint (end, ==, strlen ("{\"a\":\"}</script>\"}"));
}

static void
test_bad_literals (void)
{
  static const char *bad[] = {
    "",
    "[1]",
    "{\"a\":\"never ends}",
    "{\"a\":1",
    "{\"a\":1]]",
    "{\"a\":f(1)}",
    "{\"a\":new Map}",
    "{\"a\":\"\\u12\"}",
    "{\"a\":@}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) json = NULL;

      json = hs_web_state_literal_to_json (bad[i], strlen (bad[i]), NULL, &error);
      g_assert_error (error, HS_ERROR, HS_ERROR_UNREADABLE_PAGE);
      g_assert_null (json);
    }
}

static void
test_page_detail_map (void)
{
  g_autoptr(JsonNode) state = parse_fixture ("detail-map.html");

  /* The fake state in the JSON-LD and the comparison in the other script
   * are not the assignment. */
  g_assert_cmpstr (path_string (state, "$.note.noteDetailMap.64f1a2b3c4d5e6f708192a3b.note.title"),
                   ==, "外滩的早晨 undefined");
  g_assert_cmpstr (path_string (state, "$.note.noteDetailMap.64f1a2b3c4d5e6f708192a3b.note.imageList[0].urlDefault"),
                   ==, "http://sns-webpic-qc.xhscdn.com/202401011200/0123456789abcdef0123456789abcdef/1040g2sg30abcdefghij!nd_dft_wlteh_webp_3");
  g_assert_true (strstr (path_string (state, "$.note.noteDetailMap.64f1a2b3c4d5e6f708192a3b.note.desc"),
                         "这个词 undefined 在正文里，还有 NaN 和 new Map(x)\n") != NULL);
}

static void
test_page_control_characters (void)
{
  g_autoptr(JsonNode) state = parse_fixture ("control-chars.html");

  g_assert_cmpstr (path_string (state, "$.note.noteDetailMap.6c2d3e4f5a6b7c8d9e0f1a2b.note.title"),
                   ==, "制表\t符\x01号");
  g_assert_cmpstr (path_string (state, "$.note.noteDetailMap.6c2d3e4f5a6b7c8d9e0f1a2b.note.desc"),
                   ==, "第一行\n第二行\r\n第三行\x1f");
}

static void
test_page_without_state (void)
{
  g_autofree char *unparseable = NULL;
  g_autofree char *no_state = NULL;
  gsize length;

  unparseable = load_page ("unparseable.html", &length);
  assert_unreadable (unparseable);
  no_state = load_page ("no-state.html", &length);
  assert_unreadable (no_state);

  assert_unreadable ("<html><script>var window.__INITIAL_STATE__ = 1</script></html>");
  assert_unreadable ("<html><scripts>window.__INITIAL_STATE__={}</scripts></html>");
  assert_unreadable ("<html><script>window.__initial_state__={}</script></html>");
  /* A state with nothing but an array inside cannot hold a note either way,
   * but it is readable: */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) state = NULL;
    const char *html = "<script>window.__INITIAL_STATE__={\"a\":[]}</script>";

    state = hs_web_state_parse_page (html, strlen (html), &error);
    g_assert_no_error (error);
  }
}

static void
test_page_too_deep (void)
{
  g_autoptr(GString) html = g_string_new ("<script>window.__INITIAL_STATE__={\"a\":");

  for (guint i = 0; i < HS_MAX_JSON_DEPTH + 1; i++)
    g_string_append_c (html, '[');
  for (guint i = 0; i < HS_MAX_JSON_DEPTH + 1; i++)
    g_string_append_c (html, ']');
  g_string_append (html, "}</script>");

  assert_unreadable (html->str);
}

/* An 8 MiB page: the state after megabytes of other scripts and markup is
 * found; one byte more than the cap is refused without being scanned. */
static void
test_page_8_mib (void)
{
  const char *tail = "<script>window.__INITIAL_STATE__={\"note\":{\"x\":\"</script>\"}}</script>";
  gsize cap = HS_MAX_RESPONSE_BYTES;
  g_autoptr(GString) html = g_string_sized_new (cap + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) state = NULL;

  while (html->len + strlen (tail) + 64 < cap)
    g_string_append (html, "<script>var s = \"<script>window.x={}\";</script><div>填充</div>\n");
  while (html->len + strlen (tail) < cap)
    g_string_append_c (html, ' ');
  g_string_append (html, tail);
  g_assert_cmpuint (html->len, ==, cap);

  state = hs_web_state_parse_page (html->str, html->len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path_string (state, "$.note.x"), ==, "</script>");

  g_string_prepend_c (html, ' ');
  g_clear_pointer (&state, json_node_unref);
  state = hs_web_state_parse_page (html->str, html->len, &error);
  g_assert_error (error, HS_ERROR, HS_ERROR_UNREADABLE_PAGE);
  g_assert_null (state);
}

/* Every cut of a real-shaped page either reads or fails cleanly: a page cut
 * off by the network must never crash the scanner or pass a half state. */
static void
test_page_every_prefix (void)
{
  g_autofree char *html = NULL;
  gsize length = 0;
  guint n_read = 0;

  html = load_page ("detail-map.html", &length);
  for (gsize cut = 0; cut <= length; cut++)
    {
      g_autofree char *prefix = g_strndup (html, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) state = hs_web_state_parse_page (prefix, cut, &error);

      if (state != NULL)
        {
          g_assert_no_error (error);
          n_read++;
        }
      else
        {
          g_assert_error (error, HS_ERROR, HS_ERROR_UNREADABLE_PAGE);
        }
    }

  /* Exactly the cuts at or after the state's closing brace read. */
  g_assert_cmpuint (n_read, ==, strlen ("\n</script>\n<script>window.__SSR__=true</script></body></html>\n") + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/web-state/undefined-outside-strings-only", test_undefined_outside_strings_only);
  g_test_add_func ("/web-state/other-words", test_other_words);
  g_test_add_func ("/web-state/unquoted-keys-and-numbers", test_unquoted_keys_and_numbers);
  g_test_add_func ("/web-state/new-map", test_new_map);
  g_test_add_func ("/web-state/string-escapes", test_string_escapes);
  g_test_add_func ("/web-state/raw-control-characters", test_raw_control_characters);
  g_test_add_func ("/web-state/comments", test_comments);
  g_test_add_func ("/web-state/literal-end", test_literal_end);
  g_test_add_func ("/web-state/bad-literals", test_bad_literals);
  g_test_add_func ("/web-state/page/detail-map", test_page_detail_map);
  g_test_add_func ("/web-state/page/control-characters", test_page_control_characters);
  g_test_add_func ("/web-state/page/without-state", test_page_without_state);
  g_test_add_func ("/web-state/page/too-deep", test_page_too_deep);
  g_test_add_func ("/web-state/page/8-mib", test_page_8_mib);
  g_test_add_func ("/web-state/page/every-prefix", test_page_every_prefix);

  return g_test_run ();
}
