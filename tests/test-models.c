#include "config.h"

#include <math.h>
#include <gio/gio.h>

#include "hs-author.h"
#include "hs-image.h"
#include "hs-location.h"
#include "hs-note.h"
#include "hs-search-page.h"
#include "hs-video.h"

static void
assert_construct_only (GObject    *object,
                       const char *property)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);

  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);
  g_assert_true (pspec->flags & G_PARAM_READABLE);
  g_assert_true (pspec->flags & G_PARAM_STATIC_NAME);
}

static void
test_image (void)
{
  g_autoptr(HsImage) image = hs_image_new ("https://example.com/a.jpg");
  g_autofree char *url = NULL;

  g_assert_cmpstr (hs_image_get_url (image), ==, "https://example.com/a.jpg");
  g_object_get (image, "url", &url, NULL);
  g_assert_cmpstr (url, ==, "https://example.com/a.jpg");
  assert_construct_only (G_OBJECT (image), "url");
}

/* Every URL lands in its own property: HsMediaItem keeps them by id. */
static void
test_media_item_urls (void)
{
  g_autoptr(HsImage) image = g_object_new (HS_TYPE_IMAGE,
                                           "url", "https://example.com/a.jpg",
                                           "original-url", "https://example.com/a-original.jpg",
                                           "live-photo-url", "https://example.com/a.mp4",
                                           NULL);
  g_autoptr(HsVideo) video = g_object_new (HS_TYPE_VIDEO,
                                           "url", "https://example.com/v.mp4",
                                           "cover-url", "https://example.com/c.jpg",
                                           "original-url", "https://example.com/v-original.mp4",
                                           NULL);
  g_autoptr(HsImage) bare = hs_image_new ("https://example.com/b.jpg");
  g_autofree char *clip = NULL;
  g_autofree char *cover = NULL;

  g_assert_true (HS_IS_MEDIA_ITEM (image));
  g_assert_true (HS_IS_MEDIA_ITEM (video));
  g_assert_cmpstr (hs_image_get_original_url (image), ==, "https://example.com/a-original.jpg");
  g_assert_cmpstr (hs_image_get_live_photo_url (image), ==, "https://example.com/a.mp4");
  g_assert_cmpstr (hs_video_get_original_url (video), ==, "https://example.com/v-original.mp4");
  g_object_get (image, "live-photo-url", &clip, NULL);
  g_assert_cmpstr (clip, ==, "https://example.com/a.mp4");
  g_object_get (video, "cover-url", &cover, NULL);
  g_assert_cmpstr (cover, ==, "https://example.com/c.jpg");
  g_assert_null (hs_image_get_original_url (bare));
  g_assert_null (hs_image_get_live_photo_url (bare));

  g_assert_cmpstr (hs_media_item_get_url (G_OBJECT (video)), ==, "https://example.com/v.mp4");
  g_assert_cmpstr (hs_media_item_get_original_url (G_OBJECT (image)), ==, "https://example.com/a-original.jpg");
  g_assert_cmpstr (hs_media_item_get_picture_url (G_OBJECT (video)), ==, "https://example.com/c.jpg");
  g_assert_cmpstr (hs_media_item_get_picture_url (G_OBJECT (image)), ==, "https://example.com/a.jpg");
  assert_construct_only (G_OBJECT (image), "live-photo-url");
  assert_construct_only (G_OBJECT (video), "original-url");
}

static void
test_video (void)
{
  g_autoptr(HsVideo) video = hs_video_new ("https://example.com/v.mp4", "https://example.com/c.jpg");
  g_autoptr(HsVideo) bare = hs_video_new ("https://example.com/v.mp4", NULL);

  g_assert_cmpstr (hs_video_get_url (video), ==, "https://example.com/v.mp4");
  g_assert_cmpstr (hs_video_get_cover_url (video), ==, "https://example.com/c.jpg");
  g_assert_null (hs_video_get_cover_url (bare));
  assert_construct_only (G_OBJECT (video), "cover-url");
}

static void
test_author (void)
{
  g_autoptr(HsAuthor) author = hs_author_new ("987654321", "美妆达人", "https://example.com/a.jpg",
                                              100000, TRUE);
  g_autoptr(HsAuthor) unknown = g_object_new (HS_TYPE_AUTHOR, NULL);
  g_autoptr(HsAuthor) bound_without_count = hs_author_new (NULL, "x", NULL, -1, TRUE);
  gint64 followers = 0;

  g_assert_cmpstr (hs_author_get_user_id (author), ==, "987654321");
  g_assert_cmpstr (hs_author_get_nickname (author), ==, "美妆达人");
  g_assert_cmpstr (hs_author_get_avatar_url (author), ==, "https://example.com/a.jpg");
  g_assert_cmpint (hs_author_get_follower_count (author), ==, 100000);
  g_assert_true (hs_author_get_follower_count_is_lower_bound (author));
  g_object_get (author, "follower-count", &followers, NULL);
  g_assert_cmpint (followers, ==, 100000);

  g_assert_null (hs_author_get_user_id (unknown));
  g_assert_null (hs_author_get_nickname (unknown));
  g_assert_null (hs_author_get_avatar_url (unknown));
  g_assert_cmpint (hs_author_get_follower_count (unknown), ==, -1);
  g_assert_false (hs_author_get_follower_count_is_lower_bound (unknown));

  g_assert_false (hs_author_get_follower_count_is_lower_bound (bound_without_count));
  assert_construct_only (G_OBJECT (author), "follower-count");
}

static void
test_location (void)
{
  g_autoptr(HsLocation) shanghai = hs_location_new ("上海", TRUE, 31.2304, 121.4737);
  g_autoptr(HsLocation) name_only = hs_location_new ("上海", FALSE, 31.2304, 121.4737);
  g_autoptr(HsLocation) out_of_range = hs_location_new (NULL, TRUE, 91.0, 0.0);
  g_autoptr(HsLocation) not_a_number = hs_location_new (NULL, TRUE, NAN, 0.0);
  g_autoptr(HsLocation) null_island = hs_location_new (NULL, TRUE, 0.0, 0.0);

  g_assert_cmpstr (hs_location_get_name (shanghai), ==, "上海");
  g_assert_true (hs_location_has_coordinates (shanghai));
  g_assert_cmpfloat (hs_location_get_latitude (shanghai), ==, 31.2304);
  g_assert_cmpfloat (hs_location_get_longitude (shanghai), ==, 121.4737);

  g_assert_false (hs_location_has_coordinates (name_only));
  g_assert_cmpfloat (hs_location_get_latitude (name_only), ==, 0.0);

  g_assert_false (hs_location_has_coordinates (out_of_range));
  g_assert_false (hs_location_has_coordinates (not_a_number));
  g_assert_true (hs_location_has_coordinates (null_island));
  g_assert_null (hs_location_get_name (null_island));
}

static void
test_note_defaults (void)
{
  g_autoptr(HsNote) note = g_object_new (HS_TYPE_NOTE, "note-id", "649c46ab000000002702ad36", NULL);

  g_assert_cmpstr (hs_note_get_note_id (note), ==, "649c46ab000000002702ad36");
  g_assert_null (hs_note_get_title (note));
  g_assert_null (hs_note_get_content (note));
  g_assert_nonnull (hs_note_get_images (note));
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_images (note)), ==, 0);
  g_assert_true (g_list_model_get_item_type (hs_note_get_images (note)) == HS_TYPE_IMAGE);
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_videos (note)), ==, 0);
  g_assert_true (g_list_model_get_item_type (hs_note_get_videos (note)) == HS_TYPE_VIDEO);
  g_assert_nonnull (hs_note_get_tags (note));
  g_assert_null (hs_note_get_tags (note)[0]);
  g_assert_cmpint (hs_note_get_like_count (note), ==, -1);
  g_assert_cmpint (hs_note_get_comment_count (note), ==, -1);
  g_assert_cmpint (hs_note_get_favorite_count (note), ==, -1);
  g_assert_cmpint (hs_note_get_share_count (note), ==, -1);
  for (HsCountKind kind = HS_COUNT_LIKES; kind <= HS_COUNT_SHARES; kind++)
    g_assert_false (hs_note_get_count_is_lower_bound (note, kind));
  g_assert_null (hs_note_get_author (note));
  g_assert_null (hs_note_get_publish_time (note));
  g_assert_null (hs_note_get_location (note));
}

static void
test_note_properties (void)
{
  g_autoptr(GListStore) images = g_list_store_new (HS_TYPE_IMAGE);
  g_autoptr(GListStore) videos = g_list_store_new (HS_TYPE_VIDEO);
  g_autoptr(HsImage) image = hs_image_new ("https://example.com/1.jpg");
  g_autoptr(HsVideo) video = hs_video_new ("https://example.com/v.mp4", NULL);
  g_autoptr(HsAuthor) author = hs_author_new ("1", "达人", NULL, 5, FALSE);
  g_autoptr(HsLocation) location = hs_location_new ("上海", FALSE, 0, 0);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) local_time = g_date_time_new (zone, 2025, 4, 25, 22, 30, 0);
  const char *tags[] = { "美妆", "新品", NULL };
  g_autoptr(HsNote) note = NULL;
  GDateTime *publish_time;
  g_autoptr(HsImage) first = NULL;

  g_list_store_append (images, image);
  g_list_store_append (videos, video);

  note = g_object_new (HS_TYPE_NOTE,
                       "note-id", "649c46ab000000002702ad36",
                       "title", "春季美妆新品推荐",
                       "content", "<p>x</p>",
                       "images", images,
                       "videos", videos,
                       "tags", tags,
                       "like-count", (gint64) 1024,
                       "comment-count", (gint64) 0,
                       "favorite-count", (gint64) 100000,
                       "favorite-count-is-lower-bound", TRUE,
                       "share-count-is-lower-bound", TRUE,
                       "author", author,
                       "publish-time", local_time,
                       "location", location,
                       NULL);

  /* The note keeps its own lists: changing the caller's changes nothing. */
  g_list_store_remove_all (images);
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_images (note)), ==, 1);
  first = g_list_model_get_item (hs_note_get_images (note), 0);
  g_assert_true (first == image);
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_videos (note)), ==, 1);

  g_assert_cmpstr (hs_note_get_title (note), ==, "春季美妆新品推荐");
  g_assert_cmpstr (hs_note_get_content (note), ==, "<p>x</p>");
  g_assert_cmpuint (g_strv_length ((char **) hs_note_get_tags (note)), ==, 2);
  g_assert_cmpstr (hs_note_get_tags (note)[1], ==, "新品");
  g_assert_cmpint (hs_note_get_like_count (note), ==, 1024);
  g_assert_cmpint (hs_note_get_comment_count (note), ==, 0);
  g_assert_cmpint (hs_note_get_favorite_count (note), ==, 100000);
  g_assert_cmpint (hs_note_get_count (note, HS_COUNT_FAVORITES), ==, 100000);
  g_assert_false (hs_note_get_count_is_lower_bound (note, HS_COUNT_LIKES));
  g_assert_true (hs_note_get_count_is_lower_bound (note, HS_COUNT_FAVORITES));
  /* A lower bound of an unknown count is no lower bound. */
  g_assert_cmpint (hs_note_get_share_count (note), ==, -1);
  g_assert_false (hs_note_get_count_is_lower_bound (note, HS_COUNT_SHARES));
  g_assert_true (hs_note_get_author (note) == author);
  g_assert_true (hs_note_get_location (note) == location);

  publish_time = hs_note_get_publish_time (note);
  g_assert_nonnull (publish_time);
  g_assert_cmpint (g_date_time_get_utc_offset (publish_time), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (publish_time), ==, 14);
  g_assert_cmpint (g_date_time_to_unix (publish_time), ==, 1745591400);

  assert_construct_only (G_OBJECT (note), "images");
  assert_construct_only (G_OBJECT (note), "like-count");
  assert_construct_only (G_OBJECT (note), "publish-time");
}

static void
test_search_page (void)
{
  g_autoptr(GListStore) items = g_list_store_new (HS_TYPE_NOTE);
  g_autoptr(HsNote) note = g_object_new (HS_TYPE_NOTE, "note-id", "649c46ab000000002702ad36", NULL);
  g_autoptr(HsSearchPage) page = NULL;
  g_autoptr(HsSearchPage) empty = g_object_new (HS_TYPE_SEARCH_PAGE, NULL);

  g_list_store_append (items, note);
  page = g_object_new (HS_TYPE_SEARCH_PAGE,
                       "page", 2, "size", 20, "total", (gint64) 41, "has-more", TRUE,
                       "items", items,
                       NULL);
  g_list_store_remove_all (items);

  g_assert_cmpint (hs_search_page_get_page (page), ==, 2);
  g_assert_cmpint (hs_search_page_get_size (page), ==, 20);
  g_assert_cmpint (hs_search_page_get_total (page), ==, 41);
  g_assert_true (hs_search_page_get_has_more (page));
  g_assert_cmpuint (g_list_model_get_n_items (hs_search_page_get_items (page)), ==, 1);

  g_assert_cmpint (hs_search_page_get_page (empty), ==, 0);
  g_assert_cmpint (hs_search_page_get_total (empty), ==, -1);
  g_assert_false (hs_search_page_get_has_more (empty));
  g_assert_cmpuint (g_list_model_get_n_items (hs_search_page_get_items (empty)), ==, 0);
  assert_construct_only (G_OBJECT (page), "items");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/models/image", test_image);
  g_test_add_func ("/models/video", test_video);
  g_test_add_func ("/models/media-item-urls", test_media_item_urls);
  g_test_add_func ("/models/author", test_author);
  g_test_add_func ("/models/location", test_location);
  g_test_add_func ("/models/note/defaults", test_note_defaults);
  g_test_add_func ("/models/note/properties", test_note_properties);
  g_test_add_func ("/models/search-page", test_search_page);
  return g_test_run ();
}
