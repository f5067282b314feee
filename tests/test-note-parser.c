#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "hs-error.h"
#include "hs-image.h"
#include "hs-note-json.h"
#include "hs-note-parser.h"
#include "hs-video.h"

#define ID "649c46ab000000002702ad36"

/* Pieces of normalised notes, to keep the expectations readable. */
#define HEAD_NULL "{\"note_id\":\"" ID "\",\"title\":null,\"content\":null,"
#define LISTS_EMPTY "\"images\":[],\"videos\":[],\"tags\":[],"
#define COUNTS_NULL "\"like_count\":null,\"comment_count\":null,\"favorite_count\":null,\"share_count\":null,"
#define TAIL_NULL "\"author\":null,\"publish_time\":null,\"location\":null}"
#define NOTE_NULL HEAD_NULL LISTS_EMPTY COUNTS_NULL TAIL_NULL

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "responses", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static GBytes *
bytes_from_string (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* Parses @body, expects success with @n_warnings and the normalised
 * @expected_json, and returns the note for further checks. */
static HsNote *
assert_parses (GBytes     *body,
               const char *expected_id,
               guint       n_warnings,
               const char *expected_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *json = NULL;
  HsNote *note;

  note = hs_note_parser_parse_response (body, expected_id, &warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  g_assert_nonnull (warnings);

  for (guint i = 0; i < warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (warnings, i);

      g_test_message ("warning: %s", warning);
      g_assert_null (strchr (warning, '\n'));
    }
  g_assert_cmpuint (warnings->len, ==, n_warnings);

  json = hs_note_to_json (note);
  if (expected_json != NULL)
    g_assert_cmpstr (json, ==, expected_json);

  return note;
}

static HsNote *
assert_fixture_parses (const char *fixture,
                       const char *expected_id,
                       guint       n_warnings,
                       const char *expected_json)
{
  g_autoptr(GBytes) body = load_fixture (fixture);

  g_test_message ("fixture %s", fixture);
  return assert_parses (body, expected_id, n_warnings, expected_json);
}

static GError *
assert_refused (GBytes     *body,
                const char *expected_id,
                int         code)
{
  GError *error = NULL;
  GPtrArray *warnings = (GPtrArray *) 0x1;
  g_autoptr(HsNote) note = hs_note_parser_parse_response (body, expected_id, &warnings, &error);

  g_assert_null (note);
  g_assert_null (warnings);
  g_assert_error (error, HS_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strchr (error->message, '\n'));

  return error;
}

static void
test_seed_example (void)
{
  g_autoptr(HsNote) note = assert_fixture_parses ("../seed-example.json", ID, 0, NULL);
  g_autoptr(HsImage) image = NULL;
  g_autoptr(HsVideo) video = NULL;
  HsAuthor *author;
  HsLocation *location;

  g_assert_cmpstr (hs_note_get_note_id (note), ==, ID);
  g_assert_cmpstr (hs_note_get_title (note), ==, "春季美妆新品推荐");
  g_assert_cmpstr (hs_note_get_content (note), ==, "<p>今天分享几款超火的美妆新品...</p>");
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_images (note)), ==, 2);
  image = g_list_model_get_item (hs_note_get_images (note), 1);
  g_assert_cmpstr (hs_image_get_url (image), ==, "https://example.com/image2.jpg");
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_videos (note)), ==, 1);
  video = g_list_model_get_item (hs_note_get_videos (note), 0);
  g_assert_cmpstr (hs_video_get_url (video), ==, "https://example.com/video.mp4");
  g_assert_cmpstr (hs_video_get_cover_url (video), ==, "https://example.com/cover.jpg");
  g_assert_cmpstr (hs_note_get_tags (note)[0], ==, "美妆");
  g_assert_cmpstr (hs_note_get_tags (note)[1], ==, "新品");
  g_assert_null (hs_note_get_tags (note)[2]);
  g_assert_cmpint (hs_note_get_like_count (note), ==, 1024);
  g_assert_cmpint (hs_note_get_comment_count (note), ==, 256);
  g_assert_cmpint (hs_note_get_favorite_count (note), ==, 512);
  g_assert_cmpint (hs_note_get_share_count (note), ==, 128);
  g_assert_false (hs_note_get_count_is_lower_bound (note, HS_COUNT_LIKES));

  author = hs_note_get_author (note);
  g_assert_cmpstr (hs_author_get_user_id (author), ==, "987654321");
  g_assert_cmpstr (hs_author_get_nickname (author), ==, "美妆达人");
  g_assert_cmpstr (hs_author_get_avatar_url (author), ==, "https://example.com/avatar.jpg");
  g_assert_cmpint (hs_author_get_follower_count (author), ==, 100000);

  g_assert_cmpint (g_date_time_to_unix (hs_note_get_publish_time (note)), ==, 1745591400);

  location = hs_note_get_location (note);
  g_assert_cmpstr (hs_location_get_name (location), ==, "上海");
  g_assert_true (hs_location_has_coordinates (location));
  g_assert_cmpfloat (hs_location_get_latitude (location), ==, 31.2304);
  g_assert_cmpfloat (hs_location_get_longitude (location), ==, 121.4737);
}

static void
test_refused_responses (void)
{
  static const struct {
    const char *fixture;
    int code;
  } cases[] = {
    { "not-json.txt", HS_ERROR_INVALID_RESPONSE },
    { "empty.json", HS_ERROR_INVALID_RESPONSE },
    { "whitespace.json", HS_ERROR_INVALID_RESPONSE },
    { "top-level-array.json", HS_ERROR_INVALID_RESPONSE },
    { "code-string.json", HS_ERROR_INVALID_RESPONSE },
    { "code-float.json", HS_ERROR_INVALID_RESPONSE },
    { "code-missing.json", HS_ERROR_INVALID_RESPONSE },
    { "code-null.json", HS_ERROR_INVALID_RESPONSE },
    /* -(2^64 - 200): json-glib alone would wrap it around to 200. */
    { "code-wraps.json", HS_ERROR_INVALID_RESPONSE },
    { "data-missing.json", HS_ERROR_INVALID_RESPONSE },
    { "data-not-object.json", HS_ERROR_INVALID_RESPONSE },
    { "data-null.json", HS_ERROR_INVALID_RESPONSE },
    { "note-id-missing.json", HS_ERROR_INVALID_RESPONSE },
    { "note-id-short.json", HS_ERROR_INVALID_RESPONSE },
    { "note-id-not-hex.json", HS_ERROR_INVALID_RESPONSE },
    { "note-id-number.json", HS_ERROR_INVALID_RESPONSE },
    { "note-id-mismatch.json", HS_ERROR_INVALID_RESPONSE },
    { "invalid-utf8.json", HS_ERROR_INVALID_RESPONSE },
    { "nul-byte.json", HS_ERROR_INVALID_RESPONSE },
    { "trailing-garbage.json", HS_ERROR_INVALID_RESPONSE },
    { "truncated.json", HS_ERROR_INVALID_RESPONSE },
    { "single-quotes.json", HS_ERROR_INVALID_RESPONSE },
    { "comment.json", HS_ERROR_INVALID_RESPONSE },
    { "error-400.json", HS_ERROR_BAD_REQUEST },
    { "error-401.json", HS_ERROR_UNAUTHORIZED },
    { "error-403.json", HS_ERROR_FORBIDDEN },
    { "error-404.json", HS_ERROR_NOT_FOUND },
    { "error-404-no-message.json", HS_ERROR_NOT_FOUND },
    { "error-429.json", HS_ERROR_RATE_LIMITED },
    { "error-500.json", HS_ERROR_SERVER },
    { "error-503.json", HS_ERROR_SERVER },
    { "error-302.json", HS_ERROR_INVALID_RESPONSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = load_fixture (cases[i].fixture);
      g_autoptr(GError) error = NULL;

      g_test_message ("fixture %s", cases[i].fixture);
      error = assert_refused (body, ID, cases[i].code);
    }
}

static void
test_error_messages (void)
{
  static const struct {
    const char *fixture;
    int code;
    const char *server_message;
    int exit_code;
  } cases[] = {
    { "error-400.json", HS_ERROR_BAD_REQUEST, "参数错误", 2 },
    { "error-401.json", HS_ERROR_UNAUTHORIZED, "无效的access_token", 3 },
    { "error-403.json", HS_ERROR_FORBIDDEN, "作者已关闭公开权限", 3 },
    { "error-404.json", HS_ERROR_NOT_FOUND, "笔记不存在或已删除", 4 },
    { "error-429.json", HS_ERROR_RATE_LIMITED, "调用频率超限", 5 },
    { "error-500.json", HS_ERROR_SERVER, "服务器内部错误", 6 },
    { "error-503.json", HS_ERROR_SERVER, "服务暂不可用", 6 },
  };
  g_autoptr(GBytes) no_message = load_fixture ("error-404-no-message.json");
  g_autoptr(GError) plain = NULL;
  g_autoptr(GError) expected = hs_error_new_for_api_code (404, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) body = load_fixture (cases[i].fixture);
      g_autoptr(GError) error = assert_refused (body, ID, cases[i].code);

      g_assert_nonnull (strstr (error->message, cases[i].server_message));
      g_assert_cmpint (hs_error_exit_code (error), ==, cases[i].exit_code);
    }

  plain = assert_refused (no_message, ID, HS_ERROR_NOT_FOUND);
  g_assert_cmpstr (plain->message, ==, expected->message);
}

static void
test_note_id_matching (void)
{
  g_autoptr(GBytes) mismatch = load_fixture ("note-id-mismatch.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) any = NULL;
  g_autoptr(HsNote) upper = NULL;
  g_autoptr(HsNote) upper_asked = NULL;

  error = assert_refused (mismatch, ID, HS_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "649c46ab000000002702ad37"));
  g_assert_cmpint (hs_error_exit_code (error), ==, 8);

  /* Without an expected id any valid id is accepted. */
  any = assert_fixture_parses ("note-id-mismatch.json", NULL, 0, NULL);
  g_assert_cmpstr (hs_note_get_note_id (any), ==, "649c46ab000000002702ad37");

  /* Hex ids match whatever their case; the note keeps the server's. */
  upper = assert_fixture_parses ("uppercase-id.json", ID, 0,
                                 "{\"note_id\":\"649C46AB000000002702AD36\",\"title\":\"大写\",\"content\":null,"
                                 LISTS_EMPTY COUNTS_NULL TAIL_NULL);
  g_assert_cmpstr (hs_note_get_note_id (upper), ==, "649C46AB000000002702AD36");
  upper_asked = assert_fixture_parses ("../seed-example.json", "649C46AB000000002702AD36", 0, NULL);
}

static void
test_odd_responses (void)
{
  static const struct {
    const char *fixture;
    guint n_warnings;
    const char *json;
  } cases[] = {
    { "minimal.json", 0, NOTE_NULL },
    { "all-null.json", 0, NOTE_NULL },
    { "wrong-types.json", 8, NOTE_NULL },
    { "bad-counts.json", 5,
      HEAD_NULL LISTS_EMPTY COUNTS_NULL
      "\"author\":{\"user_id\":null,\"nickname\":\"达人\",\"avatar\":null,\"follower_count\":null},"
      "\"publish_time\":null,\"location\":null}" },
    { "count-strings.json", 0,
      HEAD_NULL LISTS_EMPTY
      "\"like_count\":12000,\"comment_count\":3500,\"favorite_count\":10,\"share_count\":100000,"
      "\"author\":{\"user_id\":null,\"nickname\":\"达人\",\"avatar\":null,\"follower_count\":1234},"
      "\"publish_time\":null,\"location\":null}" },
    { "count-strings-2.json", 0,
      HEAD_NULL LISTS_EMPTY
      "\"like_count\":3500,\"comment_count\":1000,\"favorite_count\":42,\"share_count\":12,"
      "\"author\":{\"user_id\":null,\"nickname\":\"达人\",\"avatar\":null,\"follower_count\":12000},"
      "\"publish_time\":null,\"location\":null}" },
    { "count-huge.json", 3,
      HEAD_NULL LISTS_EMPTY
      "\"like_count\":null,\"comment_count\":null,\"favorite_count\":9223372036854775807,\"share_count\":null,"
      TAIL_NULL },
    { "urls.json", 4,
      HEAD_NULL
      "\"images\":[\"https://cdn.example.com/ok.jpg\",\"https://cdn.example.com/ok2.jpg\"],"
      "\"videos\":[{\"type\":\"video\",\"url\":\"https://cdn.example.com/v.mp4\",\"cover\":null},"
      "{\"type\":\"video\",\"url\":\"http://cdn.example.com/untyped.mp4\",\"cover\":null}],"
      "\"tags\":[]," COUNTS_NULL
      "\"author\":{\"user_id\":\"1\",\"nickname\":\"达人\",\"avatar\":null,\"follower_count\":null},"
      "\"publish_time\":null,\"location\":null}" },
    { "bad-coordinates.json", 1,
      HEAD_NULL LISTS_EMPTY COUNTS_NULL
      "\"author\":null,\"publish_time\":null,\"location\":{\"name\":\"上海\",\"latitude\":null,\"longitude\":null}}" },
    { "coordinates-strings.json", 1,
      HEAD_NULL LISTS_EMPTY COUNTS_NULL
      "\"author\":null,\"publish_time\":null,\"location\":{\"name\":\"上海\",\"latitude\":null,\"longitude\":null}}" },
    { "coordinates-half.json", 1,
      HEAD_NULL LISTS_EMPTY COUNTS_NULL
      "\"author\":null,\"publish_time\":null,\"location\":{\"name\":\"上海\",\"latitude\":null,\"longitude\":null}}" },
    { "coordinates-edge.json", 0,
      HEAD_NULL LISTS_EMPTY COUNTS_NULL
      "\"author\":null,\"publish_time\":null,\"location\":{\"name\":null,\"latitude\":-90,\"longitude\":180}}" },
    { "location-empty.json", 0, NOTE_NULL },
    { "location-no-name-bad.json", 1, NOTE_NULL },
    { "author-wrong-type.json", 1, NOTE_NULL },
    { "author-empty.json", 1, NOTE_NULL },
    { "tags-non-strings.json", 1,
      HEAD_NULL "\"images\":[],\"videos\":[],\"tags\":[\"美妆\",\"新品\"]," COUNTS_NULL TAIL_NULL },
    { "time-offset.json", 0,
      HEAD_NULL LISTS_EMPTY COUNTS_NULL
      "\"author\":null,\"publish_time\":\"2025-04-25T14:30:00Z\",\"location\":null}" },
    { "time-seconds.json", 0,
      HEAD_NULL LISTS_EMPTY COUNTS_NULL
      "\"author\":null,\"publish_time\":\"2025-04-25T14:30:00Z\",\"location\":null}" },
    { "time-milliseconds.json", 0,
      HEAD_NULL LISTS_EMPTY COUNTS_NULL
      "\"author\":null,\"publish_time\":\"2025-04-25T14:30:00Z\",\"location\":null}" },
    { "time-garbage.json", 1, NOTE_NULL },
    { "time-no-zone.json", 1, NOTE_NULL },
    { "duplicate-keys.json", 0,
      "{\"note_id\":\"" ID "\",\"title\":\"second\",\"content\":null," LISTS_EMPTY COUNTS_NULL TAIL_NULL },
    { "bom.json", 0,
      "{\"note_id\":\"" ID "\",\"title\":\"BOM\",\"content\":null," LISTS_EMPTY COUNTS_NULL TAIL_NULL },
    { "content-html.json", 0,
      "{\"note_id\":\"" ID "\",\"title\":\"line\\nbreak \\\"quoted\\\" \\\\ tab\\t\\u2028\","
      "\"content\":\"<script>alert(1)</script><img src=\\\"javascript:alert(1)\\\"><p>正文</p>\","
      LISTS_EMPTY COUNTS_NULL TAIL_NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HsNote) note = assert_fixture_parses (cases[i].fixture, ID, cases[i].n_warnings,
                                                      cases[i].json);
    }
}

static void
test_warning_texts (void)
{
  g_autoptr(GBytes) body = load_fixture ("urls.json");
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = hs_note_parser_parse_response (body, ID, &warnings, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==,
                   "“images”: 11 entries are not absolute http or https URLs and were skipped");
  g_assert_cmpstr (g_ptr_array_index (warnings, 1), ==,
                   "“videos[1].cover” is not an absolute http or https URL; ignored");
  g_assert_cmpstr (g_ptr_array_index (warnings, 2), ==,
                   "“videos”: 3 entries are not videos with an http or https URL and were skipped");
  g_assert_cmpstr (g_ptr_array_index (warnings, 3), ==,
                   "“author.avatar” is not an absolute http or https URL; ignored");
}

static void
test_lower_bounds (void)
{
  g_autoptr(HsNote) note = assert_fixture_parses ("count-strings.json", ID, 0, NULL);
  g_autoptr(HsNote) other = assert_fixture_parses ("count-strings-2.json", ID, 0, NULL);

  g_assert_false (hs_note_get_count_is_lower_bound (note, HS_COUNT_LIKES));
  g_assert_false (hs_note_get_count_is_lower_bound (note, HS_COUNT_COMMENTS));
  g_assert_true (hs_note_get_count_is_lower_bound (note, HS_COUNT_FAVORITES));
  g_assert_true (hs_note_get_count_is_lower_bound (note, HS_COUNT_SHARES));
  g_assert_false (hs_author_get_follower_count_is_lower_bound (hs_note_get_author (note)));

  g_assert_false (hs_note_get_count_is_lower_bound (other, HS_COUNT_LIKES));
  g_assert_true (hs_note_get_count_is_lower_bound (other, HS_COUNT_COMMENTS));
  g_assert_false (hs_note_get_count_is_lower_bound (other, HS_COUNT_FAVORITES));
  g_assert_false (hs_note_get_count_is_lower_bound (other, HS_COUNT_SHARES));
  g_assert_true (hs_author_get_follower_count_is_lower_bound (hs_note_get_author (other)));
}

/* Every form of count, as the JSON value of like_count. */
static void
test_count_forms (void)
{
  static const struct {
    const char *json;
    gint64 value;
    gboolean lower_bound;
  } cases[] = {
    { "0", 0, FALSE },
    { "1024", 1024, FALSE },
    { "9223372036854775807", G_MAXINT64, FALSE },
    { "12.0", 12, FALSE },
    { "1e3", 1000, FALSE },
    { "-0", 0, FALSE },
    { "\"1024\"", 1024, FALSE },
    { "\" 7 \"", 7, FALSE },
    { "\"007\"", 7, FALSE },
    { "\"12.0\"", 12, FALSE },
    { "\"1,234\"", 1234, FALSE },
    { "\"12,345,678\"", 12345678, FALSE },
    { "\"1.2万\"", 12000, FALSE },
    { "\"1.25万\"", 12500, FALSE },
    { "\"3万\"", 30000, FALSE },
    { "\"1.2w\"", 12000, FALSE },
    { "\"1.2W\"", 12000, FALSE },
    { "\"2亿\"", 200000000, FALSE },
    { "\"3.5k\"", 3500, FALSE },
    { "\"3.5K\"", 3500, FALSE },
    { "\"1.23456k\"", 1234, FALSE },
    { "\"1.23456789012345678901234567890k\"", 1234, FALSE },
    { "\"1.5m\"", 1500000, FALSE },
    { "\"10+\"", 10, TRUE },
    { "\"1k+\"", 1000, TRUE },
    { "\"10万+\"", 100000, TRUE },
    { "\"1.2万+\"", 12000, TRUE },
    { "\"999+\"", 999, TRUE },
    { "\"1,000+\"", 1000, TRUE },
  };
  static const char *invalid[] = {
    "-1", "12.5", "1e400", "-99999999999999999999", "-9223372036854775809", "18446744073709551416", "99999999999999999999", "true",
    "[]", "{}", "\"\"", "\" \"", "\"+\"", "\"-1\"", "\"1,23\"", "\",123\"", "\"1,2345\"",
    "\"1234,567\"", "\"12.5\"", "\"1.2.3\"", "\"1.\"", "\".5k\"", "\"1.2万万\"", "\"k\"",
    "\"万\"", "\"1 万\"", "\"0x10\"", "\"1e3\"", "\"10++\"", "\"+10\"", "\"NaN\"",
    "\"9223372036854775808\"", "\"9300000000000000万\"", "\"１２\"", "\"12 34\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"code\":200,\"data\":{\"note_id\":\"%s\",\"like_count\":%s}}",
                                               ID, cases[i].json);
      g_autoptr(GBytes) body = bytes_from_string (text);
      g_autoptr(HsNote) note = NULL;

      g_test_message ("count %s", cases[i].json);
      note = assert_parses (body, ID, 0, NULL);
      g_assert_cmpint (hs_note_get_like_count (note), ==, cases[i].value);
      g_assert_cmpint (hs_note_get_count_is_lower_bound (note, HS_COUNT_LIKES), ==, cases[i].lower_bound);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"code\":200,\"data\":{\"note_id\":\"%s\",\"like_count\":%s}}",
                                               ID, invalid[i]);
      g_autoptr(GBytes) body = bytes_from_string (text);
      g_autoptr(HsNote) note = NULL;

      g_test_message ("invalid count %s", invalid[i]);
      note = assert_parses (body, ID, 1, NULL);
      g_assert_cmpint (hs_note_get_like_count (note), ==, -1);
      g_assert_false (hs_note_get_count_is_lower_bound (note, HS_COUNT_LIKES));
    }
}

static void
test_time_forms (void)
{
  static const struct {
    const char *json;
    const char *expected;  /* NULL: refused with a warning */
  } cases[] = {
    { "\"2025-04-25T14:30:00Z\"", "2025-04-25T14:30:00Z" },
    { "\"2025-04-25T22:30:00+08:00\"", "2025-04-25T14:30:00Z" },
    { "\"2025-04-25T09:30:00-05:00\"", "2025-04-25T14:30:00Z" },
    { "\"2025-04-25T14:30:00.999Z\"", "2025-04-25T14:30:00Z" },
    { "\" 2025-04-25T14:30:00Z \"", "2025-04-25T14:30:00Z" },
    { "1745591400", "2025-04-25T14:30:00Z" },
    { "\"1745591400\"", "2025-04-25T14:30:00Z" },
    { "1745591400123", "2025-04-25T14:30:00Z" },
    { "1745591400.9", "2025-04-25T14:30:00Z" },
    { "1", "1970-01-01T00:00:01Z" },
    /* The threshold: below 1e11 seconds, from it on milliseconds. */
    { "99999999999", "5138-11-16T09:46:39Z" },
    { "100000000000", "1973-03-03T09:46:40Z" },
    { "\"2025-04-25T14:30:00\"", NULL },
    { "\"2025-04-25\"", NULL },
    { "\"昨天\"", NULL },
    { "\"\"", NULL },
    { "\"1969-12-31T23:59:59Z\"", NULL },
    { "0", NULL },
    { "-1", NULL },
    { "9223372036854775807", NULL },
    { "1e300", NULL },
    { "true", NULL },
    { "{}", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"code\":200,\"data\":{\"note_id\":\"%s\",\"publish_time\":%s}}",
                                               ID, cases[i].json);
      g_autoptr(GBytes) body = bytes_from_string (text);
      g_autoptr(HsNote) note = NULL;
      GDateTime *time;

      g_test_message ("time %s", cases[i].json);
      note = assert_parses (body, ID, cases[i].expected != NULL ? 0 : 1, NULL);
      time = hs_note_get_publish_time (note);
      if (cases[i].expected == NULL)
        {
          g_assert_null (time);
        }
      else
        {
          g_autofree char *formatted = NULL;

          g_assert_nonnull (time);
          g_assert_cmpint (g_date_time_get_utc_offset (time), ==, 0);
          formatted = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
          g_assert_cmpstr (formatted, ==, cases[i].expected);
        }
    }
}

static void
test_time_milliseconds_kept (void)
{
  g_autoptr(HsNote) note = assert_fixture_parses ("time-milliseconds.json", ID, 0, NULL);

  g_assert_cmpint (g_date_time_get_microsecond (hs_note_get_publish_time (note)), ==, 123000);
}

static char *
note_with_media (gboolean videos,
                 guint    n_elements)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "{\"code\":200,\"data\":{\"note_id\":\"%s\",\"%s\":[",
                          ID, videos ? "videos" : "images");
  for (guint i = 0; i < n_elements; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      if (videos)
        g_string_append_printf (text,
                                "{\"type\":\"video\",\"url\":\"https://example.com/%u.mp4\","
                                "\"cover\":\"https://example.com/%u.jpg\"}", i, i);
      else
        g_string_append_printf (text, "\"https://example.com/%u.jpg?%u\"", i, i);
    }
  g_string_append (text, "]}}");

  return g_string_free (text, FALSE);
}

static void
test_media_limits (void)
{
  g_autofree char *images_text = note_with_media (FALSE, 150);
  g_autofree char *videos_text = note_with_media (TRUE, 25);
  g_autofree char *exact_text = note_with_media (FALSE, 100);
  g_autoptr(GBytes) images_body = bytes_from_string (images_text);
  g_autoptr(GBytes) videos_body = bytes_from_string (videos_text);
  g_autoptr(GBytes) exact_body = bytes_from_string (exact_text);
  g_autoptr(HsNote) images_note = NULL;
  g_autoptr(HsNote) videos_note = NULL;
  g_autoptr(HsNote) exact_note = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsImage) last_image = NULL;
  g_autoptr(HsVideo) last_video = NULL;

  images_note = hs_note_parser_parse_response (images_body, ID, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_images (images_note)), ==, 100);
  last_image = g_list_model_get_item (hs_note_get_images (images_note), 99);
  g_assert_cmpstr (hs_image_get_url (last_image), ==, "https://example.com/99.jpg?99");
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==,
                   "“images” has 150 entries; only the first 100 are kept");
  /* Issue 13: the gallery says how many it leaves out. */
  g_assert_cmpuint (hs_note_get_omitted_media_count (images_note), ==, 50);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  videos_note = hs_note_parser_parse_response (videos_body, ID, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_videos (videos_note)), ==, 20);
  last_video = g_list_model_get_item (hs_note_get_videos (videos_note), 19);
  g_assert_cmpstr (hs_video_get_url (last_video), ==, "https://example.com/19.mp4");
  g_assert_cmpstr (hs_video_get_cover_url (last_video), ==, "https://example.com/19.jpg");
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==,
                   "“videos” has 25 entries; only the first 20 are kept");
  g_assert_cmpuint (hs_note_get_omitted_media_count (videos_note), ==, 5);

  exact_note = assert_parses (exact_body, ID, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_images (exact_note)), ==, 100);
  g_assert_cmpuint (hs_note_get_omitted_media_count (exact_note), ==, 0);
}

static void
test_size_limit (void)
{
  const char *note = "{\"code\":200,\"data\":{\"note_id\":\"" ID "\"}}";
  gsize note_length = strlen (note);
  g_autofree char *data = g_malloc (HS_MAX_RESPONSE_BYTES + 1);
  g_autoptr(GBytes) exact = NULL;
  g_autoptr(GBytes) over = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) accepted = NULL;

  /* A note padded with white space to exactly 8 MiB is fine, one byte
   * more is not. */
  memcpy (data, note, note_length);
  memset (data + note_length, ' ', HS_MAX_RESPONSE_BYTES + 1 - note_length);

  exact = g_bytes_new_static (data, HS_MAX_RESPONSE_BYTES);
  accepted = assert_parses (exact, ID, 0, NOTE_NULL);

  over = g_bytes_new_static (data, HS_MAX_RESPONSE_BYTES + 1);
  error = assert_refused (over, ID, HS_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "8 MiB"));
}

static GBytes *
nested_body (const char *before,
             guint       depth,
             const char *after)
{
  GString *text = g_string_new (before);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append (text, after);

  return g_string_free_to_bytes (text);
}

static void
test_deep_nesting (void)
{
  const char *before = "{\"code\":200,\"data\":{\"note_id\":\"" ID "\",\"extra\":";
  g_autoptr(GBytes) deep = nested_body (before, 100000, "}}");
  g_autoptr(GBytes) deep_top = nested_body ("", 100000, "");
  g_autoptr(GBytes) limit = nested_body (before, HS_MAX_JSON_DEPTH - 2, "}}");
  g_autoptr(GBytes) over_limit = nested_body (before, HS_MAX_JSON_DEPTH - 1, "}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) top_error = NULL;
  g_autoptr(GError) over_error = NULL;
  g_autoptr(HsNote) note = NULL;
  GString *objects = g_string_new ("{\"code\":200,\"data\":{\"note_id\":\"" ID "\",\"extra\":");
  g_autoptr(GBytes) deep_objects = NULL;
  g_autoptr(GError) objects_error = NULL;

  error = assert_refused (deep, ID, HS_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
  top_error = assert_refused (deep_top, ID, HS_ERROR_INVALID_RESPONSE);

  /* The envelope and data take two levels of the 64. */
  note = assert_parses (limit, ID, 0, NOTE_NULL);
  over_error = assert_refused (over_limit, ID, HS_ERROR_INVALID_RESPONSE);

  for (guint i = 0; i < 100000; i++)
    g_string_append (objects, "{\"a\":");
  g_string_append (objects, "1");
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (objects, '}');
  g_string_append (objects, "}}");
  deep_objects = g_string_free_to_bytes (objects);
  objects_error = assert_refused (deep_objects, ID, HS_ERROR_INVALID_RESPONSE);
}

/* Brackets inside strings are text, not nesting. */
static void
test_brackets_in_strings (void)
{
  GString *text = g_string_new ("{\"code\":200,\"data\":{\"note_id\":\"" ID "\",\"title\":\"\\\"");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(HsNote) note = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "[{");
  g_string_append (text, "\"}}");
  body = g_string_free_to_bytes (text);

  note = assert_parses (body, ID, 0, NULL);
  g_assert_cmpuint (strlen (hs_note_get_title (note)), ==, 2001);
  g_assert_true (g_str_has_prefix (hs_note_get_title (note), "\"[{[{"));
}

static void
test_null_body (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = hs_note_parser_parse_response (NULL, ID, NULL, &error);

  g_assert_null (note);
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE);
}

static void
test_warnings_optional (void)
{
  g_autoptr(GBytes) body = load_fixture ("wrong-types.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = hs_note_parser_parse_response (body, ID, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_note_id (note), ==, ID);
}

static HsSearchPage *
assert_search_parses (const char *fixture,
                      guint       n_warnings,
                      const char *expected_json)
{
  g_autoptr(GBytes) body = load_fixture (fixture);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  HsSearchPage *page;

  page = hs_note_parser_parse_search_response (body, &warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  for (guint i = 0; i < warnings->len; i++)
    g_test_message ("warning: %s", (const char *) g_ptr_array_index (warnings, i));
  g_assert_cmpuint (warnings->len, ==, n_warnings);

  json = hs_search_page_to_json (page);
  g_assert_cmpstr (json, ==, expected_json);

  return page;
}

static void
test_search (void)
{
  g_autoptr(HsSearchPage) page = NULL;
  g_autoptr(HsSearchPage) inferred = NULL;
  g_autoptr(HsSearchPage) bad = NULL;
  g_autoptr(HsNote) second = NULL;
  g_autoptr(GBytes) not_array = load_fixture ("search-items-not-array.json");
  g_autoptr(GBytes) error_body = load_fixture ("error-429.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) api_error = NULL;
  g_autoptr(HsSearchPage) refused = NULL;
  g_autoptr(HsSearchPage) limited = NULL;

  /* 2 warnings: items[1].images, and the three skipped items. */
  page = assert_search_parses ("search-example.json", 2,
                               "{\"page\":2,\"size\":2,\"total\":25,\"has_more\":true,\"items\":["
                               "{\"note_id\":\"649c46ab000000002702ad36\",\"title\":\"春季美妆新品推荐\",\"content\":null,"
                               "\"images\":[\"https://example.com/image1.jpg\"],\"videos\":[],\"tags\":[\"美妆\"],"
                               "\"like_count\":1024,\"comment_count\":null,\"favorite_count\":null,\"share_count\":null,"
                               "\"author\":{\"user_id\":\"987654321\",\"nickname\":\"美妆达人\",\"avatar\":null,\"follower_count\":null},"
                               "\"publish_time\":null,\"location\":null},"
                               "{\"note_id\":\"649c46ab000000002702ad37\",\"title\":\"第二篇\",\"content\":null,"
                               "\"images\":[],\"videos\":[],\"tags\":[],"
                               "\"like_count\":12000,\"comment_count\":null,\"favorite_count\":null,\"share_count\":null,"
                               "\"author\":null,\"publish_time\":null,\"location\":null}]}");
  g_assert_cmpint (hs_search_page_get_page (page), ==, 2);
  g_assert_cmpint (hs_search_page_get_size (page), ==, 2);
  g_assert_cmpint (hs_search_page_get_total (page), ==, 25);
  g_assert_true (hs_search_page_get_has_more (page));
  g_assert_cmpuint (g_list_model_get_n_items (hs_search_page_get_items (page)), ==, 2);
  second = g_list_model_get_item (hs_search_page_get_items (page), 1);
  g_assert_true (hs_note_get_count_is_lower_bound (second, HS_COUNT_LIKES));

  /* Page 1 of 20 with 30 in all: more to come. */
  inferred = assert_search_parses ("search-no-has-more.json", 0,
                                   "{\"page\":1,\"size\":20,\"total\":30,\"has_more\":true,\"items\":[]}");

  bad = assert_search_parses ("search-bad-fields.json", 4,
                              "{\"page\":null,\"size\":null,\"total\":null,\"has_more\":false,\"items\":[]}");

  refused = hs_note_parser_parse_search_response (not_array, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE);

  limited = hs_note_parser_parse_search_response (error_body, NULL, &api_error);
  g_assert_null (limited);
  g_assert_error (api_error, HS_ERROR, HS_ERROR_RATE_LIMITED);
}

static void
test_search_warning_prefix (void)
{
  g_autoptr(GBytes) body = load_fixture ("search-example.json");
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsSearchPage) page = hs_note_parser_parse_search_response (body, &warnings, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==,
                   "“items[1].images”: 1 entry is not an absolute http or https URL and was skipped");
  g_assert_cmpstr (g_ptr_array_index (warnings, 1), ==,
                   "“items”: 3 entries are not notes with a valid “note_id” and were skipped");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/note-parser/seed-example", test_seed_example);
  g_test_add_func ("/note-parser/refused", test_refused_responses);
  g_test_add_func ("/note-parser/error-messages", test_error_messages);
  g_test_add_func ("/note-parser/note-id-matching", test_note_id_matching);
  g_test_add_func ("/note-parser/odd-responses", test_odd_responses);
  g_test_add_func ("/note-parser/warning-texts", test_warning_texts);
  g_test_add_func ("/note-parser/lower-bounds", test_lower_bounds);
  g_test_add_func ("/note-parser/count-forms", test_count_forms);
  g_test_add_func ("/note-parser/time-forms", test_time_forms);
  g_test_add_func ("/note-parser/time-milliseconds", test_time_milliseconds_kept);
  g_test_add_func ("/note-parser/media-limits", test_media_limits);
  g_test_add_func ("/note-parser/size-limit", test_size_limit);
  g_test_add_func ("/note-parser/deep-nesting", test_deep_nesting);
  g_test_add_func ("/note-parser/brackets-in-strings", test_brackets_in_strings);
  g_test_add_func ("/note-parser/null-body", test_null_body);
  g_test_add_func ("/note-parser/warnings-optional", test_warnings_optional);
  g_test_add_func ("/note-parser/search", test_search);
  g_test_add_func ("/note-parser/search-warning-prefix", test_search_warning_prefix);
  return g_test_run ();
}
