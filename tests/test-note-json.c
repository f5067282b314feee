#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "hs-image.h"
#include "hs-note-json.h"
#include "hs-note-parser.h"
#include "hs-video.h"

#define ID "649c46ab000000002702ad36"

static char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

/* The normalised seed example, byte for byte as written by hand. */
static void
test_seed_example (void)
{
  gsize length = 0;
  g_autofree char *response = read_fixture ("seed-example.json", &length);
  g_autofree char *expected = read_fixture ("seed-example.expected.json", NULL);
  g_autoptr(GBytes) body = g_bytes_new (response, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = hs_note_parser_parse_response (body, ID, NULL, &error);
  g_autofree char *json = NULL;
  g_autofree char *line = NULL;

  g_assert_no_error (error);
  json = hs_note_to_json (note);
  line = g_strconcat (json, "\n", NULL);
  g_assert_cmpstr (line, ==, expected);
}

static void
test_key_order (void)
{
  static const char *note_keys[] = {
    "note_id", "title", "content", "images", "videos", "tags", "like_count", "comment_count",
    "favorite_count", "share_count", "author", "publish_time", "location",
  };
  g_autoptr(HsNote) note = g_object_new (HS_TYPE_NOTE, "note-id", ID, NULL);
  g_autoptr(JsonNode) node = hs_note_to_json_node (note);
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  guint i = 0;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  g_assert_cmpuint (json_object_get_size (object), ==, G_N_ELEMENTS (note_keys));

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (note_keys));
      g_assert_cmpstr (name, ==, note_keys[i]);
      i++;
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (note_keys));

  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "title")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "like_count")));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "images")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "tags")), ==, 0);
}

static void
test_full_note (void)
{
  g_autoptr(GListStore) images = g_list_store_new (HS_TYPE_IMAGE);
  g_autoptr(GListStore) videos = g_list_store_new (HS_TYPE_VIDEO);
  g_autoptr(HsImage) image = hs_image_new ("https://example.com/1.jpg");
  g_autoptr(HsVideo) video = hs_video_new ("https://example.com/v.mp4", NULL);
  g_autoptr(HsAuthor) author = hs_author_new (NULL, "达人", NULL, 100000, TRUE);
  g_autoptr(HsLocation) location = hs_location_new (NULL, TRUE, -33.8688, 151.2093);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) time = g_date_time_new (zone, 2025, 1, 1, 7, 5, 9.75);
  const char *tags[] = { "a\"b", "c\\d", NULL };
  g_autoptr(HsNote) note = NULL;
  g_autofree char *json = NULL;

  g_list_store_append (images, image);
  g_list_store_append (videos, video);
  note = g_object_new (HS_TYPE_NOTE,
                       "note-id", ID,
                       "title", "标题\n第二行\u2029",
                       "content", "<p class=\"x\">\x01\x7f</p>",
                       "images", images,
                       "videos", videos,
                       "tags", tags,
                       "like-count", (gint64) 0,
                       "comment-count", (gint64) 10,
                       "comment-count-is-lower-bound", TRUE,
                       "share-count", G_MAXINT64,
                       "author", author,
                       "publish-time", time,
                       "location", location,
                       NULL);

  json = hs_note_to_json (note);
  g_assert_cmpstr (json, ==,
                   "{\"note_id\":\"" ID "\",\"title\":\"标题\\n第二行\\u2029\","
                   "\"content\":\"<p class=\\\"x\\\">\\u0001\\u007f</p>\","
                   "\"images\":[\"https://example.com/1.jpg\"],"
                   "\"videos\":[{\"type\":\"video\",\"url\":\"https://example.com/v.mp4\",\"cover\":null}],"
                   "\"tags\":[\"a\\\"b\",\"c\\\\d\"],"
                   "\"like_count\":0,\"comment_count\":10,\"favorite_count\":null,\"share_count\":9223372036854775807,"
                   "\"author\":{\"user_id\":null,\"nickname\":\"达人\",\"avatar\":null,\"follower_count\":100000},"
                   "\"publish_time\":\"2024-12-31T23:05:09Z\","
                   "\"location\":{\"name\":null,\"latitude\":-33.8688,\"longitude\":151.2093}}");
  g_assert_null (strchr (json, '\n'));
}

static void
test_coordinates (void)
{
  static const struct {
    double latitude;
    double longitude;
    const char *expected;
  } cases[] = {
    { 31.2304, 121.4737, "{\"name\":null,\"latitude\":31.2304,\"longitude\":121.4737}" },
    { 0.0, 0.0, "{\"name\":null,\"latitude\":0,\"longitude\":0}" },
    { -90.0, 180.0, "{\"name\":null,\"latitude\":-90,\"longitude\":180}" },
    { 0.1, -0.000001, "{\"name\":null,\"latitude\":0.1,\"longitude\":-1e-06}" },
    { 39.904202999999996, 116.40739299999999,
      "{\"name\":null,\"latitude\":39.904202999999995,\"longitude\":116.40739299999998}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HsLocation) location = hs_location_new (NULL, TRUE, cases[i].latitude, cases[i].longitude);
      g_autoptr(HsNote) note = g_object_new (HS_TYPE_NOTE, "note-id", ID, "location", location, NULL);
      g_autofree char *json = hs_note_to_json (note);
      const char *found = strstr (json, "\"location\":");

      g_assert_nonnull (found);
      found += strlen ("\"location\":");
      g_assert_true (g_str_has_suffix (found, "}"));
      g_assert_cmpmem (found, strlen (found) - 1, cases[i].expected, strlen (cases[i].expected));
    }
}

static void
test_time_format (void)
{
  g_autoptr(GDateTime) early = g_date_time_new_utc (5, 3, 4, 1, 2, 3);
  g_autoptr(HsNote) note = g_object_new (HS_TYPE_NOTE, "note-id", ID, "publish-time", early, NULL);
  g_autofree char *json = hs_note_to_json (note);

  /* Four digits for the year, always. */
  g_assert_nonnull (strstr (json, "\"publish_time\":\"0005-03-04T01:02:03Z\""));
}

static void
test_invalid_utf8_repaired (void)
{
  g_autoptr(HsNote) note = g_object_new (HS_TYPE_NOTE, "note-id", ID, "title", "a\xff" "b", NULL);
  g_autofree char *json = hs_note_to_json (note);

  g_assert_true (g_utf8_validate (json, -1, NULL));
  g_assert_nonnull (strstr (json, "\"title\":\"a\xef\xbf\xbd" "b\""));
}

static void
test_round_trip (void)
{
  gsize length = 0;
  g_autofree char *response = read_fixture ("seed-example.json", &length);
  g_autoptr(GBytes) body = g_bytes_new (response, length);
  g_autoptr(HsNote) note = hs_note_parser_parse_response (body, ID, NULL, NULL);
  g_autofree char *json = hs_note_to_json (note);
  g_autofree char *wrapped = g_strdup_printf ("{\"code\":200,\"data\":%s}", json);
  g_autoptr(GBytes) again_body = g_bytes_new (wrapped, strlen (wrapped));
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) again = hs_note_parser_parse_response (again_body, ID, &warnings, &error);
  g_autofree char *again_json = NULL;

  /* The normalised form is itself a valid response body for the parser. */
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  again_json = hs_note_to_json (again);
  g_assert_cmpstr (again_json, ==, json);
}

static void
test_search_page (void)
{
  g_autoptr(GListStore) items = g_list_store_new (HS_TYPE_NOTE);
  g_autoptr(HsNote) note = g_object_new (HS_TYPE_NOTE, "note-id", ID, "title", "t", NULL);
  g_autoptr(HsSearchPage) page = NULL;
  g_autoptr(HsSearchPage) unknown = g_object_new (HS_TYPE_SEARCH_PAGE, NULL);
  g_autofree char *json = NULL;
  g_autofree char *unknown_json = NULL;

  g_list_store_append (items, note);
  page = g_object_new (HS_TYPE_SEARCH_PAGE, "page", 3, "size", 1, "total", (gint64) 3,
                       "has-more", FALSE, "items", items, NULL);

  json = hs_search_page_to_json (page);
  g_assert_cmpstr (json, ==,
                   "{\"page\":3,\"size\":1,\"total\":3,\"has_more\":false,\"items\":["
                   "{\"note_id\":\"" ID "\",\"title\":\"t\",\"content\":null,\"images\":[],\"videos\":[],\"tags\":[],"
                   "\"like_count\":null,\"comment_count\":null,\"favorite_count\":null,\"share_count\":null,"
                   "\"author\":null,\"publish_time\":null,\"location\":null}]}");

  unknown_json = hs_search_page_to_json (unknown);
  g_assert_cmpstr (unknown_json, ==,
                   "{\"page\":null,\"size\":null,\"total\":null,\"has_more\":false,\"items\":[]}");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/note-json/seed-example", test_seed_example);
  g_test_add_func ("/note-json/key-order", test_key_order);
  g_test_add_func ("/note-json/full-note", test_full_note);
  g_test_add_func ("/note-json/coordinates", test_coordinates);
  g_test_add_func ("/note-json/time-format", test_time_format);
  g_test_add_func ("/note-json/invalid-utf8-repaired", test_invalid_utf8_repaired);
  g_test_add_func ("/note-json/round-trip", test_round_trip);
  g_test_add_func ("/note-json/search-page", test_search_page);
  return g_test_run ();
}
