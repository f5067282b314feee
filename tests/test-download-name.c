#include "config.h"

#include <string.h>
#include <glib.h>

#include "hs-author.h"
#include "hs-download-name.h"
#include "hs-error.h"
#include "hs-note-parser.h"

/* Folder names of batch downloads: the sanitiser and the template. */

static void
check_sanitize (const char *input,
                gsize       max_bytes,
                const char *expected)
{
  g_autofree char *name = hs_download_name_sanitize (input, max_bytes);

  g_assert_cmpstr (name, ==, expected);
  g_assert_true (g_utf8_validate (name, -1, NULL));
  g_assert_cmpuint (strlen (name), <=, max_bytes);
}

static void
test_sanitize_characters (void)
{
  check_sanitize ("a/b\\c:d*e?f\"g<h>i|j", 100, "a_b_c_d_e_f_g_h_i_j");
  check_sanitize ("line\none\ttab\r\x01\x7f" "end", 100, "line one tab end");
  /* C1 controls, and bidi and zero-width format characters. */
  check_sanitize ("a\xc2\x85" "b\xe2\x80\xae" "c\xe2\x80\x8b" "d", 100, "a b c d");
  check_sanitize ("  spaced   out  ", 100, "spaced out");
  check_sanitize ("春季美妆 / 新品", 100, "春季美妆 _ 新品");
  check_sanitize ("emoji 🍵 ok", 100, "emoji 🍵 ok");
  check_sanitize ("bad \xff utf8", 100, "bad \xef\xbf\xbd utf8");
}

static void
test_sanitize_dots_and_reserved (void)
{
  check_sanitize ("..", 100, "_");
  check_sanitize (".", 100, "_");
  check_sanitize (".hidden", 100, "hidden");
  check_sanitize ("trailing. . .", 100, "trailing");
  check_sanitize ("", 100, "_");
  check_sanitize ("\n\t", 100, "_");
  check_sanitize ("CON", 100, "_CON");
  check_sanitize ("con.txt", 100, "_con.txt");
  check_sanitize ("Lpt9", 100, "_Lpt9");
  check_sanitize ("COM0", 100, "COM0");
  check_sanitize ("console", 100, "console");
  check_sanitize ("nul.tar.gz", 100, "_nul.tar.gz");
}

static void
test_sanitize_length (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *name = NULL;

  /* 3 bytes a character: 10 bytes keep 3 characters, never half of one. */
  check_sanitize ("红薯红薯红薯", 10, "红薯红");
  check_sanitize ("abcdefgh.", 8, "abcdefgh");
  /* A cut that ends in a space or dot loses it too. */
  check_sanitize ("abcdef. xyz", 8, "abcdef");

  for (int i = 0; i < 200; i++)
    g_string_append (long_text, "长");
  name = hs_download_name_sanitize (long_text->str, HS_DOWNLOAD_NAME_MAX_BYTES);
  g_assert_cmpuint (strlen (name), <=, HS_DOWNLOAD_NAME_MAX_BYTES);
  g_assert_cmpuint (strlen (name) % 3, ==, 0);
  g_assert_true (g_utf8_validate (name, -1, NULL));
}

static void
test_template_validate (void)
{
  const char *valid[] = {
    HS_DOWNLOAD_NAME_DEFAULT_TEMPLATE, "{id}", "{index} {{literal}} {date}", "{author_id}-{title}",
  };
  const char *invalid[] = {
    "", "plain", "{nope}", "{id", "id}", "{title} {ID}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (hs_download_name_template_validate (valid[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (hs_download_name_template_validate (invalid[i], &error));
      g_assert_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST);
    }
}

static HsNote *
parse_note (const char *data_json)
{
  g_autofree char *json = g_strdup_printf ("{\"code\":200,\"message\":\"success\",\"data\":%s}", data_json);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  HsNote *note = hs_note_parser_parse_response (body, NULL, NULL, &error);

  g_assert_no_error (error);
  return note;
}

static void
test_expand (void)
{
  g_autoptr(HsNote) note = parse_note ("{\"note_id\":\"649c46ab000000002702ad36\","
                                       "\"title\":\"春季/美妆: 新品?\","
                                       "\"author\":{\"user_id\":\"u1\",\"nickname\":\"CON\"},"
                                       "\"publish_time\":\"2024-03-05T10:00:00+08:00\"}");
  g_autoptr(HsNote) untitled = parse_note ("{\"note_id\":\"649c46ab000000002702ad37\","
                                           "\"title\":\"\",\"content\":\"第一行\\n第二行\"}");
  g_autofree char *name = hs_download_name_expand (HS_DOWNLOAD_NAME_DEFAULT_TEMPLATE, note, 1);
  g_autofree char *other = hs_download_name_expand ("{index}_{date}_{author_id}{{x}}", note, 7);
  g_autofree char *fallback = hs_download_name_expand ("{author} - {title}", untitled, 1);

  g_assert_cmpstr (name, ==, "_CON - 春季_美妆_ 新品_ - 649c46ab000000002702ad36");
  g_assert_cmpstr (other, ==, "007_2024-03-05_u1{x}");
  g_assert_cmpstr (fallback, ==, "unknown - 第一行");
}

static void
test_numbered (void)
{
  g_autofree char *a = hs_download_name_numbered ("01.jpg", 2);
  g_autofree char *b = hs_download_name_numbered ("folder", 3);
  g_autofree char *c = hs_download_name_numbered (".hidden", 2);
  g_autofree char *d = hs_download_name_numbered ("a.tar.gz", 2);

  g_assert_cmpstr (a, ==, "01 (2).jpg");
  g_assert_cmpstr (b, ==, "folder (3)");
  g_assert_cmpstr (c, ==, ".hidden (2)");
  g_assert_cmpstr (d, ==, "a.tar (2).gz");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/download-name/sanitize/characters", test_sanitize_characters);
  g_test_add_func ("/download-name/sanitize/dots-and-reserved", test_sanitize_dots_and_reserved);
  g_test_add_func ("/download-name/sanitize/length", test_sanitize_length);
  g_test_add_func ("/download-name/template/validate", test_template_validate);
  g_test_add_func ("/download-name/template/expand", test_expand);
  g_test_add_func ("/download-name/numbered", test_numbered);

  return g_test_run ();
}
