#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "hs-client.h"
#include "hs-demo-server.h"
#include "hs-demo-web.h"
#include "hs-error.h"
#include "hs-image.h"
#include "hs-rate-limiter-private.h"
#include "hs-test-support.h"
#include "hs-video.h"
#include "hs-web-source.h"

/* The website source against the demo server's website over loopback. */

#define SEED HS_DEMO_SEED_NOTE_ID
/* An older-form page (odd last digit), pictures only. */
#define OLDER_NOTE "6683e710decf96823289ae5d"
/* Video notes, in the noteDetailMap form and the older form. */
#define VIDEO_NOTE "67cc34c46b8e5ff731406d84"
#define VIDEO_NOTE_OLDER "671592782acfef209d9cc271"
#define SHARE_TAIL " ，复制本条信息，打开【小红书】App查看精彩内容！"

typedef struct
{
  HsDemoServer *server;
  HsWebSource *source;
  char *base;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HsConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *short_links = NULL;

  f->server = hs_test_demo_server_new ();
  f->base = g_strdup (hs_demo_server_get_base_url (f->server));
  config = hs_test_config_new (f->server);
  f->source = hs_web_source_new (config);
  g_assert_true (hs_web_source_set_base_url (f->source, f->base, &error));
  g_assert_no_error (error);
  short_links = hs_demo_server_get_short_link_base (f->server);
  hs_web_source_set_short_link_base (f->source, short_links);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->source);
  g_free (f->base);
  hs_test_demo_server_finish (f->server);
}

/* The share link of @note_id on the real site, with its token. */
static char *
share_link (const char *note_id)
{
  g_autofree char *path = hs_demo_web_note_path (note_id);

  return g_strconcat ("https://www.xiaohongshu.com", path, NULL);
}

static HsNote *
fetch (Fixture     *f,
       const char  *text,
       HsNoteRef  **out_resolved,
       GError     **error)
{
  g_autoptr(HsNoteRef) ref = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GError *ref_error = NULL;

  ref = hs_note_ref_new_from_text (text, &ref_error);
  g_assert_no_error (ref_error);
  hs_note_source_get_note_async (HS_NOTE_SOURCE (f->source), ref, NULL,
                                 hs_test_store_result_cb, &result);
  return hs_note_source_get_note_finish (HS_NOTE_SOURCE (f->source), hs_test_await_result (&result),
                                         out_resolved, NULL, error);
}

static void
assert_fails (Fixture    *f,
              const char *text,
              int         code,
              const char *quoted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = fetch (f, text, NULL, &error);

  g_test_message ("%s", text);
  g_assert_error (error, HS_ERROR, code);
  g_assert_null (note);
  if (quoted != NULL)
    g_assert_nonnull (strstr (error->message, quoted));
}

/* The last request the server saw for @path. */
static HsDemoRequest *
last_request (Fixture    *f,
              const char *path)
{
  g_autoptr(GPtrArray) log = hs_test_log_for_path (f->server, path);

  g_assert_cmpuint (log->len, >, 0);
  return hs_demo_request_ref (g_ptr_array_index (log, log->len - 1));
}

static void
test_share_text (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *link = share_link (SEED);
  g_autofree char *text = g_strconcat ("春季美妆新品推荐 ", link, SHARE_TAIL, NULL);
  g_autofree char *referer = g_strconcat (f->base, "/", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNoteRef) resolved = NULL;
  g_autoptr(HsNote) note = fetch (f, text, &resolved, &error);
  g_autoptr(HsDemoRequest) page = NULL;
  g_autoptr(HsImage) first = NULL;
  const char *query = strchr (link, '?') + 1;

  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_note_id (note), ==, SEED);
  g_assert_cmpstr (hs_note_get_title (note), ==, "春季美妆新品推荐");
  g_assert_cmpstr (hs_note_get_source (note), ==, "web");
  g_assert_cmpint (hs_note_get_like_count (note), ==, 1024);
  g_assert_cmpstr (hs_author_get_nickname (hs_note_get_author (note)), ==, "美妆达人");
  /* The avatar's size suffix is dropped; the page has no follower count. */
  g_assert_true (g_str_has_suffix (hs_author_get_avatar_url (hs_note_get_author (note)), "/cdn/avatar/meizhuang.jpg"));
  g_assert_cmpint (hs_author_get_follower_count (hs_note_get_author (note)), ==, -1);
  g_assert_cmpstr (hs_location_get_name (hs_note_get_location (note)), ==, "上海");
  g_assert_false (hs_location_has_coordinates (hs_note_get_location (note)));
  g_assert_nonnull (hs_note_get_edit_time (note));

  /* The seed's first picture is a live photo: the picture plus its clip. */
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_images (note)), ==, 2);
  first = g_list_model_get_item (hs_note_get_images (note), 0);
  g_assert_true (g_str_has_suffix (hs_image_get_url (first), "/cdn/img/peach-blossom.jpg"));
  g_assert_true (g_str_has_suffix (hs_image_get_live_photo_url (first), "/cdn/video/spring-makeup.webm"));

  /* The link is kept as given, xsec_token and all. */
  g_assert_cmpstr (hs_note_ref_get_link (resolved), ==, link);

  /* Asked for on our base with the query exactly as given, like a browser,
   * and never with Authorization or a cookie nobody gave. */
  page = last_request (f, "/explore/" SEED);
  g_assert_cmpstr (hs_demo_request_get_query (page), ==, query);
  g_assert_true (g_str_has_prefix (hs_demo_request_get_header (page, "User-Agent"), "Mozilla/5.0"));
  g_assert_cmpstr (hs_demo_request_get_header (page, "Referer"), ==, referer);
  g_assert_false (hs_demo_request_has_header (page, "Authorization"));
  g_assert_false (hs_demo_request_has_header (page, "Cookie"));
  g_assert_cmpuint (hs_test_count_requests (f->server, NULL), ==, 1);
}

/* Every link form of doc/web-protocol.md §2 is read from the base, path and query kept. */
static void
test_link_forms (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *token_path = hs_demo_web_note_path (SEED);
  const char *query = strchr (token_path, '?');
  g_autofree char *discovery = g_strconcat ("https://www.xiaohongshu.com/discovery/item/" SEED, query, NULL);
  g_autofree char *profile = g_strconcat ("https://www.xiaohongshu.com/user/profile/987654321/" SEED, query, NULL);
  g_autofree char *rednote = g_strconcat ("https://www.rednote.com/explore/" SEED, query, NULL);
  const struct { const char *text; const char *path; } cases[] = {
    { discovery, "/discovery/item/" SEED },
    { profile, "/user/profile/987654321/" SEED },
    { rednote, "/explore/" SEED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HsNote) note = fetch (f, cases[i].text, NULL, &error);
      g_autoptr(HsDemoRequest) page = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (hs_note_get_note_id (note), ==, SEED);
      page = last_request (f, cases[i].path);
      g_assert_cmpstr (hs_demo_request_get_query (page), ==, query + 1);
    }
}

static void
test_page_forms (Fixture       *f,
                 gconstpointer  data)
{
  const char *ids[] = { OLDER_NOTE, VIDEO_NOTE, VIDEO_NOTE_OLDER };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *link = share_link (ids[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(HsNote) note = fetch (f, link, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (hs_note_get_note_id (note), ==, ids[i]);
      g_assert_nonnull (hs_note_get_title (note));
      g_assert_nonnull (hs_author_get_nickname (hs_note_get_author (note)));
      if (i > 0)
        {
          g_autoptr(HsVideo) video = g_list_model_get_item (hs_note_get_videos (note), 0);

          g_assert_nonnull (video);
          g_assert_nonnull (strstr (hs_video_get_url (video), "/cdn/video/"));
          g_assert_nonnull (hs_video_get_cover_url (video));
          g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_images (note)), ==, 0);
        }
    }
}

/* Every wall of doc/web-protocol.md §4, each its own error, the site's words quoted. */
static void
test_walls (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *no_note = share_link (HS_DEMO_WEB_FAULT_NO_NOTE);

  assert_fails (f, SEED, HS_ERROR_LINK_REFUSED, NULL);
  assert_fails (f, "https://www.xiaohongshu.com/explore/" SEED, HS_ERROR_LINK_REFUSED, NULL);
  assert_fails (f, "https://www.xiaohongshu.com/explore/" SEED "?xsec_token=CBother%3D",
                HS_ERROR_SIGN_IN_REQUIRED, "Xiaohongshu said: 访问链接异常");
  assert_fails (f, "https://www.xiaohongshu.com/explore/" HS_DEMO_WEB_FAULT_TOO_MANY_VISITS,
                HS_ERROR_TOO_MANY_VISITS, "访问频次异常");
  assert_fails (f, "https://www.xiaohongshu.com/explore/" HS_DEMO_WEB_FAULT_UNAVAILABLE,
                HS_ERROR_NOTE_UNAVAILABLE, "当前笔记暂时无法浏览");
  assert_fails (f, "https://www.xiaohongshu.com/explore/" HS_DEMO_WEB_FAULT_RESTRICTED,
                HS_ERROR_RESTRICTED, "当前账号存在异常");
  assert_fails (f, "https://www.xiaohongshu.com/explore/" HS_DEMO_WEB_FAULT_VERIFICATION,
                HS_ERROR_VERIFICATION, NULL);
  assert_fails (f, "https://www.xiaohongshu.com/explore/" HS_DEMO_WEB_FAULT_UNREADABLE,
                HS_ERROR_UNREADABLE_PAGE, NULL);
  assert_fails (f, no_note, HS_ERROR_NO_NOTE_IN_PAGE, NULL);
  assert_fails (f, "https://www.xiaohongshu.com/explore/000000000000000000000000?xsec_token=x",
                HS_ERROR_NOTE_UNAVAILABLE, NULL);

  /* A wall is an answer: one request each, no retry. */
  g_assert_cmpuint (hs_test_count_requests (f->server, "/explore/" HS_DEMO_WEB_FAULT_TOO_MANY_VISITS), ==, 1);
}

static void
test_short_links (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *seed_link = share_link (SEED);
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNoteRef) resolved = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autoptr(HsNote) chained = NULL;
  g_autoptr(HsNote) other = NULL;
  g_autoptr(HsDemoRequest) hop = NULL;

  note = fetch (f, "快来看 http://xhslink.com/a/" HS_DEMO_SHORT_LINK_CODE SHARE_TAIL, &resolved, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_note_id (note), ==, SEED);
  /* The link the short link led to, token included. */
  g_assert_cmpstr (hs_note_ref_get_link (resolved), ==, seed_link);
  hop = last_request (f, "/xhslink/a/" HS_DEMO_SHORT_LINK_CODE);
  g_assert_cmpstr (hs_demo_request_get_method (hop), ==, "GET");

  chained = fetch (f, "http://xhslink.com/a/" HS_DEMO_SHORT_LINK_CODE_CHAIN, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_note_id (chained), ==, SEED);

  other = fetch (f, "https://xhslink.cn/o/" OLDER_NOTE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_note_id (other), ==, OLDER_NOTE);

  assert_fails (f, "http://xhslink.com/o/" HS_DEMO_WEB_SHORT_LINK_DEAD, HS_ERROR_LINK_REFUSED, NULL);
  assert_fails (f, "http://xhslink.com/a/" HS_DEMO_SHORT_LINK_CODE_NO_NOTE, HS_ERROR_INVALID_REFERENCE, NULL);
}

/* The person's session goes to the website's pages and nowhere else. */
static void
test_cookie (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) bare = NULL;
  g_autoptr(HsNote) via_short = NULL;
  g_autoptr(GPtrArray) log = NULL;
  guint n_pages = 0;

  hs_web_source_set_cookie (f->source, "web_session=" HS_DEMO_WEB_SESSION "; a1=demo-a1");
  g_assert_true (hs_web_source_has_cookie (f->source));
  g_assert_false (hs_note_source_can (HS_NOTE_SOURCE (f->source), HS_NOTE_SOURCE_NEEDS_LINK_TOKEN));

  /* Signed in, a bare id is enough. */
  bare = fetch (f, SEED, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_title (bare), ==, "春季美妆新品推荐");

  via_short = fetch (f, "http://xhslink.com/a/" HS_DEMO_SHORT_LINK_CODE_CHAIN, NULL, &error);
  g_assert_no_error (error);

  log = hs_demo_server_get_request_log (f->server);
  for (guint i = 0; i < log->len; i++)
    {
      HsDemoRequest *request = g_ptr_array_index (log, i);
      const char *path = hs_demo_request_get_path (request);

      if (g_str_has_prefix (path, "/explore/"))
        {
          g_assert_true (hs_demo_request_has_header (request, "Cookie"));
          n_pages++;
        }
      else
        {
          /* Short-link hops (and anything else) never carry it. */
          g_test_message ("%s", path);
          g_assert_false (hs_demo_request_has_header (request, "Cookie"));
        }
    }
  g_assert_cmpuint (n_pages, ==, 2);
  g_assert_cmpuint (hs_test_count_requests (f->server, "/xhslink/a/" HS_DEMO_SHORT_LINK_CODE_CHAIN), ==, 1);

  /* Signed out, it is gone. */
  hs_web_source_set_cookie (f->source, NULL);
  g_assert_false (hs_web_source_has_cookie (f->source));
  assert_fails (f, SEED, HS_ERROR_LINK_REFUSED, NULL);
  {
    g_autoptr(HsDemoRequest) page = last_request (f, "/explore/" SEED);

    g_assert_false (hs_demo_request_has_header (page, "Cookie"));
  }
}

static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static void
count_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *n_done = user_data;
  g_autoptr(HsNote) note = NULL;
  g_autoptr(GError) error = NULL;

  note = hs_note_source_get_note_finish (HS_NOTE_SOURCE (object), result, NULL, NULL, &error);
  g_assert_no_error (error);
  (*n_done)++;
}

static gboolean
at_least_two (gconstpointer data)
{
  return *(const guint *) data >= 2;
}

static gboolean
at_least_three (gconstpointer data)
{
  return *(const guint *) data >= 3;
}

/* Its own rolling window: the third note of a minute waits for the first
 * one's slot, and makes no request before. */
static void
test_limiter (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(HsRateLimiter) limiter = hs_rate_limiter_new (2, 60 * G_TIME_SPAN_SECOND);
  g_autofree char *link = share_link (SEED);
  g_autoptr(HsNoteRef) ref = hs_note_ref_new_for_link (link);
  guint n_done = 0;

  g_assert_cmpuint (hs_rate_limiter_get_max_calls (hs_web_source_get_rate_limiter (f->source)),
                    ==, HS_WEB_SOURCE_DEFAULT_REQUESTS_PER_MINUTE);

  fake_now = 1000 * G_TIME_SPAN_SECOND;
  hs_rate_limiter_set_clock_func (limiter, fake_clock, NULL);
  hs_web_source_set_rate_limiter (f->source, limiter);

  for (guint i = 0; i < 3; i++)
    hs_note_source_get_note_async (HS_NOTE_SOURCE (f->source), ref, NULL, count_done_cb, &n_done);

  hs_test_wait_for (at_least_two, &n_done, "two notes within the window");
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 1);
  g_assert_cmpuint (hs_test_count_requests (f->server, "/explore/" SEED), ==, 2);

  fake_now += 60 * G_TIME_SPAN_SECOND;
  hs_rate_limiter_process (limiter);
  hs_test_wait_for (at_least_three, &n_done, "the third note after the window moved");
  g_assert_cmpuint (hs_test_count_requests (f->server, "/explore/" SEED), ==, 3);
}

/* The setting web-requests-per-minute reaches the limiter. */
static void
test_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.hongshu.Hongshu");
  g_autoptr(HsConfig) config = hs_config_new_with_settings (settings);
  g_autoptr(HsWebSource) source = NULL;

  g_settings_set_uint (settings, "web-requests-per-minute", 7);
  source = hs_web_source_new (config);
  g_assert_cmpuint (hs_rate_limiter_get_max_calls (hs_web_source_get_rate_limiter (source)), ==, 7);
  g_settings_set_uint (settings, "web-requests-per-minute", 12);
  g_assert_cmpuint (hs_rate_limiter_get_max_calls (hs_web_source_get_rate_limiter (source)), ==, 12);
  g_settings_reset (settings, "web-requests-per-minute");
}

/* The one place a source is picked: auto is the API with a token, else the
 * website; the setting can insist on either. */
static void
test_choice (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.hongshu.Hongshu");
  g_autoptr(HsConfig) config = hs_config_new_with_settings (settings);
  g_autoptr(HsClient) client = hs_client_new (config);
  g_autoptr(HsWebSource) web = hs_web_source_new (config);
  const struct { const char *setting; gboolean token; const char *expected; } cases[] = {
    { "auto", FALSE, "web" },
    { "auto", TRUE, "api" },
    { "web", TRUE, "web" },
    { "api", FALSE, "api" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HsNoteSource) source = NULL;

      g_settings_set_string (settings, "note-source", cases[i].setting);
      hs_client_set_access_token (client, cases[i].token ? "token" : NULL);
      source = hs_note_source_for_config (config, client, HS_NOTE_SOURCE (web));
      g_assert_cmpstr (hs_note_source_get_id (source), ==, cases[i].expected);
    }

  {
    g_autoptr(HsNoteSource) source = hs_note_source_for_config (config, client, NULL);

    g_assert_true (HS_NOTE_SOURCE (client) == source);
  }
  g_settings_reset (settings, "note-source");
}

static void
test_base_url (void)
{
  g_autoptr(HsWebSource) source = hs_web_source_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (hs_web_source_get_base_url (source), ==, "https://www.xiaohongshu.com");
  g_assert_true (hs_web_source_set_base_url (source, "http://127.0.0.1:8080//", &error));
  g_assert_cmpstr (hs_web_source_get_base_url (source), ==, "http://127.0.0.1:8080");
  g_assert_false (hs_web_source_set_base_url (source, "ftp://example.com", &error));
  g_assert_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_assert_false (hs_web_source_set_base_url (source, "https://example.com/?q=1", &error));
  g_assert_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST);
  g_assert_cmpstr (hs_web_source_get_base_url (source), ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (hs_note_source_get_id (HS_NOTE_SOURCE (source)), ==, "web");
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *link = share_link (SEED);
  g_autoptr(HsNoteRef) ref = hs_note_ref_new_for_link (link);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;

  hs_note_source_get_note_async (HS_NOTE_SOURCE (f->source), ref, cancellable,
                                 hs_test_store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  note = hs_note_source_get_note_finish (HS_NOTE_SOURCE (f->source), hs_test_await_result (&result),
                                         NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (note);
}

/* A source without search_async: the interface fails the search for it,
 * later (never before the call returns), naming the source. */
static void
test_no_search (void)
{
  g_autoptr(HsWebSource) source = hs_web_source_new (NULL);
  HsNoteSource *as_source = HS_NOTE_SOURCE (source);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsSearchPage) page = NULL;

  g_assert_false (hs_note_source_can (as_source, HS_NOTE_SOURCE_CAN_SEARCH));
  g_assert_cmpstr (hs_note_source_get_display_name (as_source), !=, "");

  hs_note_source_search_async (as_source, "美妆", FALSE, 1, 20, NULL, hs_test_store_result_cb, &result);
  g_assert_null (result);
  page = hs_note_source_search_finish (as_source, hs_test_await_result (&result), &error);
  g_assert_null (page);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, hs_note_source_get_display_name (as_source)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/web-source/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("share-text", test_share_text);
  ADD ("link-forms", test_link_forms);
  ADD ("page-forms", test_page_forms);
  ADD ("walls", test_walls);
  ADD ("short-links", test_short_links);
  ADD ("cookie", test_cookie);
  ADD ("limiter", test_limiter);
  ADD ("cancel", test_cancel);
#undef ADD
  g_test_add_func ("/web-source/setting", test_setting);
  g_test_add_func ("/web-source/base-url", test_base_url);
  g_test_add_func ("/web-source/choice", test_choice);
  g_test_add_func ("/web-source/no-search", test_no_search);

  return g_test_run ();
}
