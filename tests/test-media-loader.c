#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "hs-config.h"
#include "hs-demo-server.h"
#include "hs-error.h"
#include "hs-media-loader.h"
#include "hs-test-support.h"

/* HsMediaLoader against the demo server's hotlink-protected CDN on
 * 127.0.0.1, port 0: Referer, sniffing, sharing, cache, files, limits. */

#define USER_AGENT "Hongshu/" PACKAGE_VERSION

typedef struct
{
  HsDemoServer  *server;
  char          *cdn;
  HsConfig      *config;
  char          *cache_dir;
  HsMediaLoader *loader;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = hs_test_demo_server_new ();
  f->cdn = hs_demo_server_get_cdn_base_url (f->server);

  f->config = hs_config_new_with_settings (NULL);
  g_assert_cmpstr (hs_config_get_media_referer (f->config), ==, HS_DEMO_MEDIA_REFERER);
  f->cache_dir = g_dir_make_tmp ("hongshu-media-XXXXXX", &error);
  g_assert_no_error (error);
  f->loader = hs_media_loader_new_with_cache_dir (f->config, f->cache_dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->loader);
  g_clear_object (&f->config);
  hs_test_demo_server_finish (f->server);
  hs_test_remove_tree (f->cache_dir);
  g_free (f->cache_dir);
  g_free (f->cdn);
}

/* Helpers */

static GBytes *
load_bytes (HsMediaLoader  *loader,
            const char     *url,
            char          **content_type,
            GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hs_media_loader_load_bytes_async (loader, url, NULL, hs_test_store_result_cb, &result);
  return hs_media_loader_load_bytes_finish (loader, hs_test_await_result (&result), content_type, error);
}

static char *
cdn_url (Fixture    *f,
         const char *path)
{
  return g_strconcat (f->cdn, "/", path, NULL);
}

static GBytes *
demo_file (const char *path)
{
  g_autofree char *filename = g_test_build_filename (G_TEST_DIST, "..", "src", "demo", "data",
                                                     "media", path, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (filename, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  if (dir != NULL)
    while (g_dir_read_name (dir) != NULL)
      n++;
  return n;
}

/* Tests */

static void
test_load_image (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *url = cdn_url (f, "img/peach-blossom.jpg");
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) expected = demo_file ("img/peach-blossom.jpg");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  HsDemoRequest *request;

  bytes = load_bytes (f->loader, url, &content_type, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (content_type, ==, "image/jpeg");
  g_assert_true (g_bytes_equal (bytes, expected));

  log = hs_test_log_for_path (f->server, NULL);
  g_assert_cmpuint (log->len, ==, 1);
  request = g_ptr_array_index (log, 0);
  g_assert_cmpstr (hs_demo_request_get_path (request), ==, "/cdn/img/peach-blossom.jpg");
  g_assert_cmpuint (hs_demo_request_get_status (request), ==, 200);
  g_assert_cmpstr (hs_demo_request_get_header (request, "Referer"), ==, HS_DEMO_MEDIA_REFERER);
  g_assert_false (hs_demo_request_has_header (request, "Authorization"));
  g_assert_cmpstr (hs_demo_request_get_header (request, "User-Agent"), ==, USER_AGENT);
}

static void
test_sniffed_type (Fixture       *f,
                   gconstpointer  data)
{
  /* Without an extension, and whatever the server says: the bytes decide. */
  const struct { const char *path; const char *type; } cases[] = {
    { "img/lipstick", "image/webp" },
    { "img/kitty", "image/png" },
    { "img/hotpot", "image/jpeg" },
    { "avatar/maomi", "image/jpeg" },
    { "video/spring-makeup", "video/webm" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = cdn_url (f, cases[i].path);
      g_autofree char *content_type = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = load_bytes (f->loader, url, &content_type, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (content_type, ==, cases[i].type);
    }
}

static void
test_without_referer (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url = cdn_url (f, "img/peach-blossom.jpg");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) wrong = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) raw_result = NULL;

  /* The control: the CDN refuses a plain request. */
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, hs_test_store_result_cb, &raw_result);
  raw = soup_session_send_and_read_finish (session, hs_test_await_result (&raw_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 403);

  /* The loader without the setting gets the same, as a clear error. */
  hs_config_set_media_referer (f->config, "");
  bytes = load_bytes (f->loader, url, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, HS_ERROR, HS_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "hotlink"));
  g_clear_error (&error);

  hs_config_set_media_referer (f->config, "https://evil.example/");
  wrong = load_bytes (f->loader, url, NULL, &error);
  g_assert_null (wrong);
  g_assert_error (error, HS_ERROR, HS_ERROR_FORBIDDEN);
  g_assert_cmpuint (hs_test_count_requests (f->server, "/cdn/img/peach-blossom.jpg"), ==, 3);
}

static void
test_shared_requests (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url = cdn_url (f, "img/night-city.jpg");
  GAsyncResult *results[3] = { NULL, NULL, NULL };
  GBytes *bytes[3];

  for (guint i = 0; i < 3; i++)
    hs_media_loader_load_bytes_async (f->loader, url, NULL, hs_test_store_result_cb, &results[i]);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *content_type = NULL;

      bytes[i] = hs_media_loader_load_bytes_finish (f->loader, hs_test_await_result (&results[i]),
                                                    &content_type, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (content_type, ==, "image/jpeg");
      g_clear_object (&results[i]);
    }

  /* One HTTP request, one buffer for all three. */
  g_assert_cmpuint (hs_test_count_requests (f->server, "/cdn/img/night-city.jpg"), ==, 1);
  g_assert_true (bytes[0] == bytes[1]);
  g_assert_true (bytes[1] == bytes[2]);
  for (guint i = 0; i < 3; i++)
    g_bytes_unref (bytes[i]);
}

static void
test_cancel_one_of_two (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *url = cdn_url (f, "img/hotpot.jpg");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) cancelled = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  hs_media_loader_load_bytes_async (f->loader, url, cancellable, hs_test_store_result_cb, &cancelled_result);
  hs_media_loader_load_bytes_async (f->loader, url, NULL, hs_test_store_result_cb, &result);
  g_cancellable_cancel (cancellable);

  cancelled = hs_media_loader_load_bytes_finish (f->loader, hs_test_await_result (&cancelled_result),
                                                 NULL, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The other waiter keeps the download. */
  bytes = hs_media_loader_load_bytes_finish (f->loader, hs_test_await_result (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 24496);
  g_assert_cmpuint (hs_test_count_requests (f->server, "/cdn/img/hotpot.jpg"), ==, 1);
}

static void
test_cancel_all_then_again (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *url = cdn_url (f, "img/film-camera.jpg");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) cancelled = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  hs_media_loader_load_bytes_async (f->loader, url, cancellable, hs_test_store_result_cb, &result);
  g_cancellable_cancel (cancellable);
  cancelled = hs_media_loader_load_bytes_finish (f->loader, hs_test_await_result (&result), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* A new request does not join the abandoned download. */
  bytes = load_bytes (f->loader, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 19293);
}

static void
test_http_cache (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *url = cdn_url (f, "img/west-lake.webp");
  g_autoptr(HsMediaLoader) second_loader = NULL;
  g_autoptr(GAsyncResult) clear_result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = load_bytes (f->loader, url, NULL, &error);
  g_assert_no_error (error);
  g_bytes_unref (bytes);
  /* libsoup writes the cache entry after the body was read, at low
   * priority; an identical request meanwhile goes to the network (the
   * loader's own sharing covers requests in flight). Wait for it. */
  hs_media_loader_flush (f->loader);
  bytes = load_bytes (f->loader, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 8462);
  g_bytes_unref (bytes);
  /* max-age: the second load came from the cache. */
  g_assert_cmpuint (hs_test_count_requests (f->server, "/cdn/img/west-lake.webp"), ==, 1);

  /* And the cache outlives the loader. */
  g_clear_object (&f->loader);
  second_loader = hs_media_loader_new_with_cache_dir (f->config, f->cache_dir);
  bytes = load_bytes (second_loader, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 8462);
  g_bytes_unref (bytes);
  g_assert_cmpuint (hs_test_count_requests (f->server, "/cdn/img/west-lake.webp"), ==, 1);

  hs_media_loader_clear_cache_async (second_loader, NULL, hs_test_store_result_cb, &clear_result);
  g_assert_true (hs_media_loader_clear_cache_finish (second_loader, hs_test_await_result (&clear_result), &error));
  g_assert_no_error (error);
  bytes = load_bytes (second_loader, url, NULL, &error);
  g_assert_no_error (error);
  g_bytes_unref (bytes);
  g_assert_cmpuint (hs_test_count_requests (f->server, "/cdn/img/west-lake.webp"), ==, 2);
}

typedef struct
{
  GArray *current;
  goffset last_total;
} Progress;

static void
progress_cb (goffset  current,
             goffset  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->current, current);
  progress->last_total = total;
}

static GFile *
load_to_file (Fixture   *f,
              const char *url,
              Progress   *progress,
              GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hs_media_loader_load_to_file_async (f->loader, url, progress_cb, progress, NULL,
                                      hs_test_store_result_cb, &result);
  return hs_media_loader_load_to_file_finish (f->loader, hs_test_await_result (&result), error);
}

static void
test_load_to_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *url = cdn_url (f, "video/city-walk.webm");
  g_autoptr(GBytes) expected = demo_file ("video/city-walk.webm");
  g_autofree char *files_dir = g_build_filename (f->cache_dir, "files", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) again = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (goffset)), 0 };
  gsize size = g_bytes_get_size (expected);

  file = load_to_file (f, url, &progress, &error);
  g_assert_no_error (error);
  path = g_file_get_path (file);
  g_assert_true (g_str_has_prefix (path, files_dir));
  contents = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (contents, expected));

  /* Progress rises to the whole size; no part file is left. */
  g_assert_cmpuint (progress.current->len, >, 1);
  for (guint i = 1; i < progress.current->len; i++)
    g_assert_cmpint (g_array_index (progress.current, goffset, i), >,
                     g_array_index (progress.current, goffset, i - 1));
  g_assert_cmpint (g_array_index (progress.current, goffset, progress.current->len - 1), ==, size);
  g_assert_cmpint (progress.last_total, ==, size);
  g_assert_cmpuint (count_files (files_dir), ==, 1);

  /* Not downloaded twice. */
  g_array_set_size (progress.current, 0);
  again = load_to_file (f, url, &progress, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (file, again));
  g_assert_cmpuint (hs_test_count_requests (f->server, "/cdn/video/city-walk.webm"), ==, 1);
  g_array_unref (progress.current);
}

static gboolean
poll_tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates until @path is gone, for at most 10 s (a bound on failure only). */
static gboolean
wait_until_gone (const char *path)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  guint tick = g_timeout_add (10, poll_tick_cb, NULL);

  while (g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return !g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_files_trimmed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *small = cdn_url (f, "video/spring-makeup.webm");
  g_autofree char *large = cdn_url (f, "video/city-walk.webm");
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *second_path = NULL;
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (goffset)), 0 };

  /* No room at all: each new download pushes out the older files, but
   * never itself. */
  hs_config_set_media_cache_size_mb (f->config, 0);
  first = load_to_file (f, small, &progress, &error);
  g_assert_no_error (error);
  first_path = g_file_get_path (first);
  second = load_to_file (f, large, &progress, &error);
  g_assert_no_error (error);
  second_path = g_file_get_path (second);

  g_assert_true (wait_until_gone (first_path));
  g_assert_true (g_file_test (second_path, G_FILE_TEST_IS_REGULAR));
  g_array_unref (progress.current);
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *image = cdn_url (f, "img/matcha-latte.png");
  g_autofree char *video = cdn_url (f, "video/spring-makeup.webm");
  g_autofree char *files_dir = g_build_filename (f->cache_dir, "files", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (goffset)), 0 };

  hs_media_loader_set_limits (f->loader, 1000, 1000);
  bytes = load_bytes (f->loader, image, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  file = load_to_file (f, video, &progress, &error);
  g_assert_null (file);
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE);
  /* Let the partial file's removal run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (count_files (files_dir), ==, 0);
  g_array_unref (progress.current);
}

static void
test_not_found (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *url = cdn_url (f, "img/no-such-image.jpg");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = load_bytes (f->loader, url, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, HS_ERROR, HS_ERROR_NOT_FOUND);
}

static void
test_not_web (Fixture       *f,
              gconstpointer  data)
{
  const char *urls[] = { "file:///etc/passwd", "javascript:alert(1)", "data:image/png;base64,AAAA",
                         "/cdn/img/kitty.png", "" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = load_bytes (f->loader, urls[i], NULL, &error);
      g_assert_null (bytes);
      g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE);
    }
  g_assert_cmpuint (hs_test_count_requests (f->server, NULL), ==, 0);
}

static void
test_sniff (void)
{
  const struct { const char *data; gsize length; const char *fallback; const char *type; } cases[] = {
    { "\xff\xd8\xff\xe0\0\x10JFIF", 10, NULL, "image/jpeg" },
    { "\x89PNG\r\n\x1a\n\0\0", 10, "image/jpeg", "image/png" },
    { "GIF89a\x01\0\x01\0", 10, NULL, "image/gif" },
    { "RIFF\x10\0\0\0WEBPVP8 ", 16, "image/jpeg", "image/webp" },
    { "\0\0\0\x20" "ftypisom\0\0\x02\0", 16, NULL, "video/mp4" },
    { "\0\0\0\x1c" "ftypavif\0\0\0\0", 16, NULL, "image/avif" },
    { "\0\0\0\x18" "ftypheic\0\0\0\0", 16, NULL, "image/heic" },
    { "\0\0\0\x14" "ftypqt  \0\0\0\0", 16, NULL, "video/quicktime" },
    { "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", 16, NULL, "video/webm" },
    { "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska", 20, NULL, "video/x-matroska" },
    /* Unknown bytes: the header, without its parameters, else octet-stream. */
    { "\x01\x02\x03\x04\x05\x06\x07\x08", 8, "Image/X-Thing; q=1", "image/x-thing" },
    { "\x01\x02\x03\x04\x05\x06\x07\x08", 8, NULL, "application/octet-stream" },
    { "", 0, NULL, "application/octet-stream" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *type = hs_media_sniff_content_type ((const guint8 *) cases[i].data,
                                                           cases[i].length, cases[i].fallback);
      g_assert_cmpstr (type, ==, cases[i].type);
    }
}

static void
test_redirect_out_of_scope (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *url = cdn_url (f, HS_DEMO_CDN_REDIRECT_OUT "img/peach-blossom.jpg");
  g_autofree char *file_url = cdn_url (f, HS_DEMO_CDN_REDIRECT_OUT "video/city-walk.webm");
  g_autofree char *other_host = g_strdup_printf ("localhost:%u", hs_demo_server_get_port (f->server));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;

  /* An in-scope picture answering 302 to another host: not fetched there,
   * neither as bytes nor as a file. */
  bytes = load_bytes (f->loader, url, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  hs_media_loader_load_to_file_async (f->loader, file_url, NULL, NULL, NULL, hs_test_store_result_cb, &result);
  file = hs_media_loader_load_to_file_finish (f->loader, hs_test_await_result (&result), &error);
  g_assert_null (file);
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE);

  log = hs_test_log_for_path (f->server, NULL);
  g_assert_cmpuint (log->len, ==, 2);
  for (guint i = 0; i < log->len; i++)
    g_assert_cmpstr (hs_demo_request_get_header (g_ptr_array_index (log, i), "Host"), !=, other_host);
}

static void
test_redirect_in_scope (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *url = cdn_url (f, HS_DEMO_CDN_REDIRECT_IN "img/peach-blossom.jpg");
  g_autoptr(GBytes) expected = demo_file ("img/peach-blossom.jpg");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  /* Within the same scope ({base}/cdn/) the redirect is followed, with the
   * Referer the CDN wants. */
  bytes = load_bytes (f->loader, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, expected));
  g_assert_cmpuint (hs_test_count_requests (f->server, NULL), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/media-loader/load-image", test_load_image);
  ADD ("/media-loader/sniffed-type", test_sniffed_type);
  ADD ("/media-loader/without-referer", test_without_referer);
  ADD ("/media-loader/shared-requests", test_shared_requests);
  ADD ("/media-loader/cancel-one-of-two", test_cancel_one_of_two);
  ADD ("/media-loader/cancel-all-then-again", test_cancel_all_then_again);
  ADD ("/media-loader/http-cache", test_http_cache);
  ADD ("/media-loader/load-to-file", test_load_to_file);
  ADD ("/media-loader/files-trimmed", test_files_trimmed);
  ADD ("/media-loader/limits", test_limits);
  ADD ("/media-loader/not-found", test_not_found);
  ADD ("/media-loader/not-web", test_not_web);
  ADD ("/media-loader/redirect-out-of-scope", test_redirect_out_of_scope);
  ADD ("/media-loader/redirect-in-scope", test_redirect_in_scope);
  g_test_add_func ("/media-loader/sniff", test_sniff);

  return g_test_run ();
}
