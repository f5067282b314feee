#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "hs-error.h"
#include "hs-image.h"
#include "hs-note-json.h"
#include "hs-video.h"
#include "hs-web-note.h"
#include "hs-web-outcome.h"
#include "hs-web-state.h"

/* The note of a page's state in the models (WEB.md §4), the media rules of
 * §5, and what every answer of §3 means. */

#define ID_MAP "64f1a2b3c4d5e6f708192a3b"
#define ID_MAP_OTHER "650000000000000000000abc"
#define ID_OLDER "5e8f9a0b1c2d3e4f5a6b7c8d"
#define ID_MOBILE "6a0b1c2d3e4f5a6b7c8d9e0f"
#define ID_VIDEO "6b1c2d3e4f5a6b7c8d9e0f1a"
#define ID_CONTROL "6c2d3e4f5a6b7c8d9e0f1a2b"

#define PIC1 "http://sns-webpic-qc.xhscdn.com/202401011200/0123456789abcdef0123456789abcdef/1040g2sg30abcdefghij!nd_dft_wlteh_webp_3"
#define PIC2 "http://sns-webpic-qc.xhscdn.com/202401011200/fedcba9876543210fedcba9876543210/spectrum/1040g0k031xyz!nd_dft_wlteh_webp_3"

static JsonNode *
load_state (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "web", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  gsize length = 0;
  JsonNode *state;

  g_file_get_contents (path, &html, &length, &error);
  g_assert_no_error (error);
  state = hs_web_state_parse_page (html, length, &error);
  g_assert_no_error (error);

  return state;
}

static HsNote *
load_note (const char *name,
           const char *note_id)
{
  g_autoptr(JsonNode) state = load_state (name);
  g_autoptr(GError) error = NULL;
  HsNote *note;

  note = hs_web_note_from_state (state, note_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  g_assert_cmpstr (hs_note_get_note_id (note), ==, note_id);
  g_assert_cmpstr (hs_note_get_source (note), ==, "web");

  return note;
}

static HsImage *
image_at (HsNote *note,
          guint   position)
{
  g_autoptr(HsImage) image = g_list_model_get_item (hs_note_get_images (note), position);

  return image;
}

static void
assert_count (HsNote      *note,
              HsCountKind  kind,
              gint64       value,
              gboolean     lower_bound)
{
  g_assert_cmpint (hs_note_get_count (note, kind), ==, value);
  g_assert_cmpint (hs_note_get_count_is_lower_bound (note, kind), ==, lower_bound);
}

static gint64
unix_ms (GDateTime *time)
{
  g_assert_nonnull (time);
  return g_date_time_to_unix (time) * 1000 + g_date_time_get_microsecond (time) / 1000;
}

static void
test_detail_map (void)
{
  g_autoptr(HsNote) note = load_note ("detail-map.html", ID_MAP);
  HsAuthor *author = hs_note_get_author (note);
  HsLocation *location = hs_note_get_location (note);
  const char * const *tags = hs_note_get_tags (note);
  HsImage *image;

  g_assert_cmpstr (hs_note_get_title (note), ==, "外滩的早晨 undefined");
  g_assert_cmpstr (hs_note_get_content (note), ==,
                   "<p>第一行：今天去了外滩 "
                   "<a href=\"" HS_WEB_TOPIC_LINK_PREFIX "%E4%B8%8A%E6%B5%B7%E6%97%85%E8%A1%8C\">#上海旅行</a> "
                   "<a href=\"" HS_WEB_TOPIC_LINK_PREFIX "citywalk\">#citywalk</a></p>\n"
                   "<p>第二行 [笑哭R] 这个词 undefined 在正文里，还有 NaN 和 new Map(x)</p>\n"
                   "<p>第三行 &lt;b&gt;不是粗体&lt;/b&gt; &amp; 感谢 "
                   "<a href=\"https://www.xiaohongshu.com/user/profile/5a1b2c3d4e5f60718293a4b5\">@小红薯</a>"
                   " 的推荐 &quot;引号&quot;</p>\n");

  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "上海旅行");
  g_assert_cmpstr (tags[1], ==, "citywalk");

  /* urlDefault, then the WB_DFT entry, then url. */
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_images (note)), ==, 3);
  image = image_at (note, 0);
  g_assert_cmpstr (hs_image_get_url (image), ==, PIC1);
  g_assert_cmpstr (hs_image_get_original_url (image), ==, "https://ci.xiaohongshu.com/1040g2sg30abcdefghij");
  g_assert_null (hs_image_get_live_photo_url (image));
  image = image_at (note, 1);
  g_assert_cmpstr (hs_image_get_url (image), ==, PIC2);
  g_assert_cmpstr (hs_image_get_original_url (image), ==, "https://ci.xiaohongshu.com/spectrum/1040g0k031xyz");
  g_assert_cmpstr (hs_image_get_live_photo_url (image), ==,
                   "http://sns-video-bd.xhscdn.com/stream/110/259/01e5live_259.mp4?sign=abc&t=1");
  image = image_at (note, 2);
  g_assert_cmpstr (hs_image_get_url (image), ==, "https://sns-img-qc.xhscdn.com/plain-url-only.jpg");
  g_assert_null (hs_image_get_original_url (image));
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_videos (note)), ==, 0);

  assert_count (note, HS_COUNT_LIKES, 12000, FALSE);
  assert_count (note, HS_COUNT_FAVORITES, 10, TRUE);
  assert_count (note, HS_COUNT_COMMENTS, 7, FALSE);
  assert_count (note, HS_COUNT_SHARES, 1000, TRUE);

  g_assert_nonnull (author);
  g_assert_cmpstr (hs_author_get_user_id (author), ==, "5f0e1d2c3b4a596877665544");
  g_assert_cmpstr (hs_author_get_nickname (author), ==, "小薯条");
  g_assert_cmpstr (hs_author_get_avatar_url (author), ==,
                   "https://sns-avatar-qc.xhscdn.com/avatar/1040g2jo30avatar.jpg");
  /* The page has no follower count: unknown, not zero. */
  g_assert_cmpint (hs_author_get_follower_count (author), ==, -1);

  g_assert_cmpint (unix_ms (hs_note_get_publish_time (note)), ==, G_GINT64_CONSTANT (1704067200123));
  g_assert_cmpint (unix_ms (hs_note_get_edit_time (note)), ==, G_GINT64_CONSTANT (1704153600456));

  g_assert_nonnull (location);
  g_assert_cmpstr (hs_location_get_name (location), ==, "上海");
  g_assert_false (hs_location_has_coordinates (location));
}

/* The normalised JSON of hongshu-cli get --json: the place name with null
 * coordinates, and unknown counts as null. */
static void
test_json_form (void)
{
  g_autoptr(HsNote) note = load_note ("older-note.html", ID_OLDER);
  g_autoptr(HsNote) mapped = load_note ("detail-map.html", ID_MAP);
  g_autofree char *json = hs_note_to_json (note);
  g_autofree char *mapped_json = hs_note_to_json (mapped);

  g_assert_nonnull (strstr (json, "\"share_count\":null"));
  g_assert_nonnull (strstr (json, "\"location\":null"));
  g_assert_nonnull (strstr (mapped_json,
                            "\"location\":{\"name\":\"上海\",\"latitude\":null,\"longitude\":null}"));
  g_assert_nonnull (strstr (mapped_json, "\"follower_count\":null"));
}

static void
test_two_notes_in_map (void)
{
  g_autoptr(HsNote) other = load_note ("detail-map.html", ID_MAP_OTHER);
  g_autoptr(JsonNode) state = load_state ("detail-map.html");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) missing = NULL;
  g_autoptr(HsNote) upper = NULL;

  g_assert_cmpstr (hs_note_get_title (other), ==, "另一篇");
  assert_count (other, HS_COUNT_LIKES, 3, FALSE);
  assert_count (other, HS_COUNT_COMMENTS, -1, FALSE);

  /* Ids are hex: the case of the one asked for does not matter. */
  upper = hs_web_note_from_state (state, "64F1A2B3C4D5E6F708192A3B", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_title (upper), ==, "外滩的早晨 undefined");

  /* A note the page does not hold is not replaced by another one. */
  missing = hs_web_note_from_state (state, "000000000000000000000000", NULL, NULL, &error);
  g_assert_error (error, HS_ERROR, HS_ERROR_NO_NOTE_IN_PAGE);
  g_assert_null (missing);
}

static void
test_older_form (void)
{
  g_autoptr(HsNote) note = load_note ("older-note.html", ID_OLDER);
  HsAuthor *author = hs_note_get_author (note);

  g_assert_cmpstr (hs_note_get_title (note), ==, "旧页面");
  g_assert_cmpstr (hs_note_get_content (note), ==, "<p>一行</p>\n<p>两行</p>\n");
  g_assert_cmpstr (hs_author_get_nickname (author), ==, "老用户");
  /* No size suffix: the avatar is kept as it is. */
  g_assert_cmpstr (hs_author_get_avatar_url (author), ==, "https://sns-avatar-qc.xhscdn.com/avatar/plain.jpg");
  assert_count (note, HS_COUNT_LIKES, 999, FALSE);
  assert_count (note, HS_COUNT_FAVORITES, 10000, TRUE);
  assert_count (note, HS_COUNT_COMMENTS, 0, FALSE);
  assert_count (note, HS_COUNT_SHARES, -1, FALSE);
  g_assert_null (hs_note_get_location (note));
  g_assert_null (hs_note_get_edit_time (note));
  g_assert_cmpint (unix_ms (hs_note_get_publish_time (note)), ==, G_GINT64_CONSTANT (1600000000000));
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_images (note)), ==, 1);
  g_assert_cmpstr (hs_image_get_url (image_at (note, 0)), ==, PIC1);
}

static void
test_mobile_form (void)
{
  g_autoptr(HsNote) note = load_note ("mobile.html", ID_MOBILE);

  g_assert_cmpstr (hs_note_get_title (note), ==, "手机页面");
  g_assert_cmpstr (hs_author_get_nickname (hs_note_get_author (note)), ==, "手机用户");
  g_assert_cmpstr (hs_location_get_name (hs_note_get_location (note)), ==, "广东");
  g_assert_cmpstr (hs_image_get_url (image_at (note, 0)), ==, PIC2);
}

static void
test_video (void)
{
  g_autoptr(HsNote) note = load_note ("video.html", ID_VIDEO);
  g_autoptr(HsVideo) video = NULL;

  /* The cover is the video's, not a picture of the note. */
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_images (note)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_videos (note)), ==, 1);
  video = g_list_model_get_item (hs_note_get_videos (note), 0);
  /* The best h264 stream: most pixels, then the higher bitrate; h265 is
   * bigger but only a fallback. */
  g_assert_cmpstr (hs_video_get_url (video), ==, "http://sns-video-hw.xhscdn.com/stream/1080.mp4?sign=2");
  g_assert_cmpstr (hs_video_get_original_url (video), ==,
                   "https://sns-video-bd.xhscdn.com/pre_post/1040g0cg31video");
  g_assert_cmpstr (hs_video_get_cover_url (video), ==, PIC1);
  assert_count (note, HS_COUNT_LIKES, 100000, TRUE);
  g_assert_null (hs_note_get_edit_time (note));
}

static void
test_control_characters (void)
{
  g_autoptr(HsNote) note = load_note ("control-chars.html", ID_CONTROL);

  g_assert_cmpstr (hs_note_get_title (note), ==, "制表\t符\x01号");
  g_assert_cmpstr (hs_note_get_content (note), ==,
                   "<p>第一行</p>\n<p>第二行</p>\n<p>第三行&#x1f;</p>\n");
}

static void
test_no_note (void)
{
  g_autoptr(JsonNode) state = load_state ("empty-note.html");
  g_autoptr(JsonNode) unrelated = json_from_string ("{\"global\":{},\"note\":{\"note\":{\"noteId\":\"bad\"}}}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;

  note = hs_web_note_from_state (state, ID_MAP, NULL, NULL, &error);
  g_assert_error (error, HS_ERROR, HS_ERROR_NO_NOTE_IN_PAGE);
  g_assert_null (note);
  g_clear_error (&error);

  note = hs_web_note_from_state (unrelated, ID_MAP, NULL, NULL, &error);
  g_assert_error (error, HS_ERROR, HS_ERROR_NO_NOTE_IN_PAGE);
  g_assert_null (note);
}

/* The site's own feed API sends the same object in snake_case. */
static void
test_snake_case (void)
{
  g_autoptr(JsonNode) state = json_from_string (
    "{\"note\":{\"noteDetailMap\":{\"" ID_MAP "\":{\"note\":{\"note_id\":\"" ID_MAP "\",\"type\":\"normal\","
    "\"title\":\"蛇形\",\"image_list\":[{\"url_default\":\"" PIC1 "\",\"live_photo\":true,"
    "\"stream\":{\"h264\":[{\"master_url\":\"https://sns-video-bd.xhscdn.com/live.mp4\"}]}}],"
    "\"interact_info\":{\"liked_count\":\"5\"},\"user\":{\"user_id\":\"u\",\"nick_name\":\"蛇\"},"
    "\"last_update_time\":1700000000000,\"ip_location\":\"北京\"}}}}}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;

  note = hs_web_note_from_state (state, ID_MAP, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_title (note), ==, "蛇形");
  g_assert_cmpstr (hs_image_get_url (image_at (note, 0)), ==, PIC1);
  g_assert_cmpstr (hs_image_get_live_photo_url (image_at (note, 0)), ==, "https://sns-video-bd.xhscdn.com/live.mp4");
  assert_count (note, HS_COUNT_LIKES, 5, FALSE);
  g_assert_cmpstr (hs_author_get_nickname (hs_note_get_author (note)), ==, "蛇");
  g_assert_cmpstr (hs_location_get_name (hs_note_get_location (note)), ==, "北京");
  g_assert_cmpint (unix_ms (hs_note_get_edit_time (note)), ==, G_GINT64_CONSTANT (1700000000000));
}

static void
test_body (void)
{
  g_autofree char *empty = hs_web_note_body_html ("", NULL);
  g_autofree char *blank = hs_web_note_body_html ("\n \n", NULL);
  g_autofree char *not_topic = hs_web_note_body_html ("#不是话题# #[话题]# 价格#1 #a#b[话题]#", NULL);
  g_autofree char *mention = hs_web_note_body_html ("@无名 你好", NULL);
  g_autofree char *script = hs_web_note_body_html ("<script>alert(1)</script>\"'", NULL);

  g_assert_null (empty);
  g_assert_null (blank);
  g_assert_cmpstr (not_topic, ==, "<p>#不是话题# #[话题]# 价格#1 #a"
                                  "<a href=\"" HS_WEB_TOPIC_LINK_PREFIX "b\">#b</a></p>\n");
  /* A mention the note does not list stays text. */
  g_assert_cmpstr (mention, ==, "<p>@无名 你好</p>\n");
  g_assert_cmpstr (script, ==, "<p>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&apos;</p>\n");
}

static void
test_topic_links (void)
{
  g_autofree char *html = hs_web_note_body_html ("#上海 旅行&美食[话题]#", NULL);
  g_autofree char *topic = hs_web_note_topic_from_link (HS_WEB_TOPIC_LINK_PREFIX "%E4%B8%8A%E6%B5%B7%20%E6%97%85%E8%A1%8C%26%E7%BE%8E%E9%A3%9F");
  g_autofree char *not_topic = hs_web_note_topic_from_link ("https://www.xiaohongshu.com/explore/" ID_MAP);
  g_autofree char *extra = hs_web_note_topic_from_link (HS_WEB_TOPIC_LINK_PREFIX "a&type=1");

  g_assert_nonnull (strstr (html, "%E4%B8%8A%E6%B5%B7%20%E6%97%85%E8%A1%8C%26%E7%BE%8E%E9%A3%9F\">#上海 旅行&amp;美食</a>"));
  g_assert_cmpstr (topic, ==, "上海 旅行&美食");
  g_assert_null (not_topic);
  g_assert_null (extra);
}

static void
test_original_picture (void)
{
  static const struct {
    const char *display;
    const char *original;
  } cases[] = {
    { PIC1, "https://ci.xiaohongshu.com/1040g2sg30abcdefghij" },
    { PIC2, "https://ci.xiaohongshu.com/spectrum/1040g0k031xyz" },
    { "https://sns-webpic-qc.xhscdn.com/202312312359/ABCDEF0123456789ABCDEF0123456789/notes_pre_post/1040g3k8!nc_n_webp_mw_1",
      "https://ci.xiaohongshu.com/notes_pre_post/1040g3k8" },
    /* No style suffix: the rest of the path is the token. */
    { "http://sns-webpic-qc.xhscdn.com/202401011200/0123456789abcdef0123456789abcdef/plain",
      "https://ci.xiaohongshu.com/plain" },
    /* Not the signed form: no original is known. */
    { "https://sns-img-qc.xhscdn.com/plain-url-only.jpg", NULL },
    { "http://sns-webpic-qc.xhscdn.com/20240101120/0123456789abcdef0123456789abcdef/x!a", NULL },
    { "http://sns-webpic-qc.xhscdn.com/202401011200/0123456789abcdef0123456789abcdeg/x!a", NULL },
    { "http://sns-webpic-qc.xhscdn.com/202401011200/0123456789abcdef0123456789abcdef/!a", NULL },
    { "http://sns-webpic-qc.xhscdn.com/202401011200/0123456789abcdef0123456789abcdef/../x!a", NULL },
    { "http://sns-webpic-qc.xhscdn.com/202401011200/0123456789abcdef0123456789abcdef/a%2Fb!a", NULL },
    { "not a url", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *original = hs_web_note_original_image_url (cases[i].display, NULL);

      g_assert_cmpstr (original, ==, cases[i].original);
    }

  {
    g_autofree char *demo = hs_web_note_original_image_url (PIC1, "http://127.0.0.1:8080/ci");

    g_assert_cmpstr (demo, ==, "http://127.0.0.1:8080/ci/1040g2sg30abcdefghij");
  }
}

static void
test_full_avatar (void)
{
  static const struct {
    const char *avatar;
    const char *full;
  } cases[] = {
    { "https://sns-avatar-qc.xhscdn.com/avatar/1040g2jo30avatar.jpg@160w_160h_92q_1e_1c_1x.jpg",
      "https://sns-avatar-qc.xhscdn.com/avatar/1040g2jo30avatar.jpg" },
    { "https://sns-avatar-qc.xhscdn.com/avatar/plain.jpg", NULL },
    /* An @ in the authority is no size suffix. */
    { "https://user@sns-avatar-qc.xhscdn.com/avatar/plain.jpg", NULL },
    { "https://sns-avatar-qc.xhscdn.com/avatar/x.jpg?imageView2/2/w/80@x", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *full = hs_web_note_full_avatar_url (cases[i].avatar);

      g_assert_cmpstr (full, ==, cases[i].full);
    }
}

/* WEB.md §3: status, Location and where it leads → what happened. */
static void
test_outcomes (void)
{
  static const struct {
    guint status;
    const char *location;
    HsWebStep step;
    int code;
    const char *next;
    const char *quoted;
  } cases[] = {
    { 200, NULL, HS_WEB_STEP_PAGE, 0, NULL, NULL },
    { 302, "/website-login/error?redirectPath=x&error_code=300013&error_msg=%E8%AE%BF%E9%97%AE%E9%A2%91%E6%AC%A1%E5%BC%82%E5%B8%B8",
      HS_WEB_STEP_FAILED, HS_ERROR_TOO_MANY_VISITS, NULL, "访问频次异常" },
    { 307, "https://www.xiaohongshu.com/website-login/error?error_code=300017&error_msg=%E8%AE%BF%E9%97%AE%E9%93%BE%E6%8E%A5%E5%BC%82%E5%B8%B8",
      HS_WEB_STEP_FAILED, HS_ERROR_SIGN_IN_REQUIRED, NULL, "访问链接异常" },
    { 302, "/website-login/captcha?redirectPath=%2Fexplore%2Fx", HS_WEB_STEP_FAILED, HS_ERROR_SIGN_IN_REQUIRED, NULL, NULL },
    { 302, "/login?redirectPath=x", HS_WEB_STEP_FAILED, HS_ERROR_SIGN_IN_REQUIRED, NULL, NULL },
    { 302, "/", HS_WEB_STEP_FAILED, HS_ERROR_LINK_REFUSED, NULL, NULL },
    { 302, "https://www.xiaohongshu.com/explore", HS_WEB_STEP_FAILED, HS_ERROR_LINK_REFUSED, NULL, NULL },
    { 301, "/explore?channel_id=homefeed_recommend", HS_WEB_STEP_FAILED, HS_ERROR_LINK_REFUSED, NULL, NULL },
    { 302, "/404?source=note", HS_WEB_STEP_FAILED, HS_ERROR_NOTE_UNAVAILABLE, NULL, NULL },
    { 302, "/website-login/error?error_code=300031&error_msg=%E5%BD%93%E5%89%8D%E7%AC%94%E8%AE%B0%E6%9A%82%E6%97%B6%E6%97%A0%E6%B3%95%E6%B5%8F%E8%A7%88",
      HS_WEB_STEP_FAILED, HS_ERROR_NOTE_UNAVAILABLE, NULL, "当前笔记暂时无法浏览" },
    { 302, "/404/sec_abc?error_code=-510001&error_msg=%E7%AC%94%E8%AE%B0%E7%8A%B6%E6%80%81%E5%BC%82%E5%B8%B8",
      HS_WEB_STEP_FAILED, HS_ERROR_NOTE_UNAVAILABLE, NULL, "笔记状态异常" },
    { 302, "/website-login/error?error_code=-510000", HS_WEB_STEP_FAILED, HS_ERROR_NOTE_UNAVAILABLE, NULL, NULL },
    { 302, "/website-login/error?error_code=300011", HS_WEB_STEP_FAILED, HS_ERROR_RESTRICTED, NULL, NULL },
    { 302, "/website-login/error?error_code=300012", HS_WEB_STEP_FAILED, HS_ERROR_RESTRICTED, NULL, NULL },
    { 461, NULL, HS_WEB_STEP_FAILED, HS_ERROR_VERIFICATION, NULL, NULL },
    { 471, NULL, HS_WEB_STEP_FAILED, HS_ERROR_VERIFICATION, NULL, NULL },
    { 404, NULL, HS_WEB_STEP_FAILED, HS_ERROR_NOTE_UNAVAILABLE, NULL, NULL },
    { 502, NULL, HS_WEB_STEP_FAILED, HS_ERROR_SERVER, NULL, NULL },
    { 302, NULL, HS_WEB_STEP_FAILED, HS_ERROR_INVALID_RESPONSE, NULL, NULL },
    /* Another note address: followed, query kept. */
    { 301, "/discovery/item/" ID_MAP "?xsec_token=AB%3D&xsec_source=pc_share", HS_WEB_STEP_FOLLOW, 0,
      "https://www.xiaohongshu.com/discovery/item/" ID_MAP "?xsec_token=AB%3D&xsec_source=pc_share", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *next = NULL;
      HsWebStep step;

      g_test_message ("case %u: %u %s", i, cases[i].status, cases[i].location);
      step = hs_web_outcome_classify (cases[i].status,
                                      "https://www.xiaohongshu.com/explore/" ID_MAP "?xsec_token=CB1",
                                      cases[i].location, &next, &error);
      g_assert_cmpint (step, ==, cases[i].step);
      g_assert_cmpstr (next, ==, cases[i].next);
      if (cases[i].step == HS_WEB_STEP_FAILED)
        {
          g_assert_error (error, HS_ERROR, cases[i].code);
          if (cases[i].quoted != NULL)
            g_assert_nonnull (strstr (error->message, cases[i].quoted));
          else
            g_assert_null (strstr (error->message, "Xiaohongshu said"));
        }
      else
        {
          g_assert_no_error (error);
        }
    }
}

static void
test_error_exit_codes (void)
{
  static const struct {
    HsError code;
    int exit_code;
  } cases[] = {
    { HS_ERROR_SIGN_IN_REQUIRED, 3 },
    { HS_ERROR_LINK_REFUSED, 3 },
    { HS_ERROR_VERIFICATION, 3 },
    { HS_ERROR_RESTRICTED, 3 },
    { HS_ERROR_NOTE_UNAVAILABLE, 4 },
    { HS_ERROR_NO_NOTE_IN_PAGE, 4 },
    { HS_ERROR_TOO_MANY_VISITS, 5 },
    { HS_ERROR_UNREADABLE_PAGE, 8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = hs_error_new_for_web (cases[i].code, "小红书的话");

      g_assert_cmpint (hs_error_exit_code (error), ==, cases[i].exit_code);
      /* A wall is an answer: never retried. */
      g_assert_false (hs_error_is_retryable (error));
      g_assert_nonnull (strstr (error->message, "Xiaohongshu said: 小红书的话"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/web-note/detail-map", test_detail_map);
  g_test_add_func ("/web-note/json-form", test_json_form);
  g_test_add_func ("/web-note/two-notes-in-map", test_two_notes_in_map);
  g_test_add_func ("/web-note/older-form", test_older_form);
  g_test_add_func ("/web-note/mobile-form", test_mobile_form);
  g_test_add_func ("/web-note/video", test_video);
  g_test_add_func ("/web-note/control-characters", test_control_characters);
  g_test_add_func ("/web-note/no-note", test_no_note);
  g_test_add_func ("/web-note/snake-case", test_snake_case);
  g_test_add_func ("/web-note/body", test_body);
  g_test_add_func ("/web-note/topic-links", test_topic_links);
  g_test_add_func ("/web-note/original-picture", test_original_picture);
  g_test_add_func ("/web-note/full-avatar", test_full_avatar);
  g_test_add_func ("/web-note/outcomes", test_outcomes);
  g_test_add_func ("/web-note/error-exit-codes", test_error_exit_codes);

  return g_test_run ();
}
