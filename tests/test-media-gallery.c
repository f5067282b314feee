/* HsMediaGallery, HsMediaPage, HsMediaViewer and HsTextureCache against an in-process
 * demo server on 127.0.0.1, in a real window. */

#include "config.h"

#include <adwaita.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "hs-client.h"
#include "hs-config.h"
#include "hs-demo-server.h"
#include "hs-image.h"
#include "hs-media-gallery.h"
#include "hs-media-page.h"
#include "hs-media-viewer.h"
#include "hs-texture-cache.h"
#include "hs-test-support.h"
#include "hs-video.h"


/* 零失败！懒人版电饭煲蛋糕: nine pictures, JPEG, PNG and WebP. */
#define NINE_IMAGES_ID "6610ebe84995d61f24ffddca"

static HsDemoServer *server;
static HsConfig *config;
static HsMediaLoader *loader;
static HsClient *client;
static GtkWindow *window;
static HsMediaGallery *gallery;
static char *cache_dir;

static char *
cdn_url (const char *path)
{
  g_autofree char *cdn = hs_demo_server_get_cdn_base_url (server);

  return g_strconcat (cdn, path, NULL);
}

static guint
count_requests (const char *path)
{
  g_autoptr(GPtrArray) log = hs_test_log_for_path (server, path);

  for (guint i = 0; i < log->len; i++)
    {
      HsDemoRequest *request = g_ptr_array_index (log, i);

      /* doc/api-protocol.md §6: every media request has the Referer and never the token. */
      g_assert_cmpstr (hs_demo_request_get_header (request, "Referer"), ==, HS_DEMO_MEDIA_REFERER);
      g_assert_false (hs_demo_request_has_header (request, "Authorization"));
    }

  return log->len;
}

static gboolean
all_thumbnails_loaded (gconstpointer data)
{
  return hs_media_gallery_get_n_thumbnails_loaded (gallery) == hs_media_gallery_get_n_items (gallery);
}

static gboolean
page_state_is (gconstpointer data)
{
  const struct { HsMediaPage *page; HsMediaPageState state; } *want = data;

  return hs_media_page_get_state (want->page) == want->state;
}

static void
wait_for_page_state (HsMediaPage      *page,
                     HsMediaPageState  state)
{
  struct { HsMediaPage *page; HsMediaPageState state; } want = { page, state };

  hs_test_wait_for (page_state_is, &want, "a page's state");
}

/* Texture cache */

static GdkTexture *
make_texture (int width,
              int height)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 ((gsize) width * height * 4), (gsize) width * height * 4);

  return gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, width * 4);
}

static void
test_cache_bound (void)
{
  /* Room for three 100×100 textures (40 000 bytes each), not four. */
  g_autoptr(HsTextureCache) cache = hs_texture_cache_new (3 * 40000 + 100);
  g_autoptr(GdkTexture) a = make_texture (100, 100);
  g_autoptr(GdkTexture) b = make_texture (100, 100);
  g_autoptr(GdkTexture) c = make_texture (100, 100);
  g_autoptr(GdkTexture) d = make_texture (100, 100);
  g_autoptr(GdkTexture) huge = make_texture (200, 200);
  g_autoptr(GdkTexture) found = NULL;

  g_assert_cmpuint (hs_texture_cache_get_max_bytes (cache), ==, 120100);

  hs_texture_cache_add (cache, "a", 0, a);
  hs_texture_cache_add (cache, "b", 0, b);
  hs_texture_cache_add (cache, "c", 0, c);
  g_assert_cmpuint (hs_texture_cache_get_size (cache), ==, 120000);
  g_assert_cmpuint (hs_texture_cache_get_n_textures (cache), ==, 3);

  /* Using "a" makes "b" the least recently used, which goes for "d". */
  found = hs_texture_cache_lookup (cache, "a", 0);
  g_assert_true (found == a);
  hs_texture_cache_add (cache, "d", 0, d);
  g_assert_cmpuint (hs_texture_cache_get_size (cache), ==, 120000);
  g_assert_cmpuint (hs_texture_cache_get_n_textures (cache), ==, 3);
  g_assert_null (hs_texture_cache_lookup (cache, "b", 0));
  g_clear_object (&found);
  found = hs_texture_cache_lookup (cache, "c", 0);
  g_assert_true (found == c);
  g_clear_object (&found);

  /* Sizes are separate entries. */
  g_assert_null (hs_texture_cache_lookup (cache, "a", 256));

  /* A texture larger than the bound is not kept, and evicts nothing. */
  hs_texture_cache_add (cache, "huge", 0, huge);
  g_assert_null (hs_texture_cache_lookup (cache, "huge", 0));
  g_assert_cmpuint (hs_texture_cache_get_n_textures (cache), ==, 3);

  /* Replacing an entry counts its bytes once. */
  hs_texture_cache_add (cache, "a", 0, b);
  g_assert_cmpuint (hs_texture_cache_get_size (cache), ==, 120000);
  found = hs_texture_cache_lookup (cache, "a", 0);
  g_assert_true (found == b);
  g_clear_object (&found);

  /* Trimming (on a low-memory warning) lets go of the least recently used first: "d",
   * then "c"; "a" was just used. */
  hs_texture_cache_trim (cache, 80000);
  g_assert_cmpuint (hs_texture_cache_get_size (cache), ==, 80000);
  g_assert_null (hs_texture_cache_lookup (cache, "d", 0));
  hs_texture_cache_trim (cache, 40000);
  g_assert_cmpuint (hs_texture_cache_get_n_textures (cache), ==, 1);
  found = hs_texture_cache_lookup (cache, "a", 0);
  g_assert_true (found == b);

  hs_texture_cache_clear (cache);
  g_assert_cmpuint (hs_texture_cache_get_size (cache), ==, 0);
  g_assert_cmpuint (hs_texture_cache_get_n_textures (cache), ==, 0);

  /* The application's cache is bounded for a viewer: the pages of a note and their
   * thumbnails, not every picture seen. */
  g_assert_cmpuint (hs_texture_cache_get_max_bytes (hs_texture_cache_get_default ()), ==, 16 * 1024 * 1024);
}

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Result;

static void
result_clear (Result *result)
{
  g_clear_object (&result->texture);
  g_clear_error (&result->error);
}

static gboolean
result_done (gconstpointer data)
{
  return ((const Result *) data)->done;
}

static void
cache_loaded_cb (GObject      *object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  Result *result = user_data;

  result->texture = hs_texture_cache_load_finish (HS_TEXTURE_CACHE (object), res, &result->error);
  result->done = TRUE;
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  Result *result = user_data;

  result->texture = hs_texture_decode_finish (res, &result->error);
  result->done = TRUE;
}

static void
test_cache_load (void)
{
  g_autoptr(HsTextureCache) cache = hs_texture_cache_new (64 * 1024 * 1024);
  g_autofree char *url = cdn_url ("/img/west-lake.webp");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result first = { 0 }, second = { 0 }, third = { 0 }, cancelled = { 0 };

  hs_demo_server_clear_request_log (server);

  /* Two loads of the same picture at the same size share one fetch and one decode. */
  hs_texture_cache_load_async (cache, loader, url, HS_TEXTURE_SIZE_THUMBNAIL, NULL, cache_loaded_cb, &first);
  hs_texture_cache_load_async (cache, loader, url, HS_TEXTURE_SIZE_THUMBNAIL, NULL, cache_loaded_cb, &second);
  /* A cancelled load answers at once, without stopping the one it shares. */
  hs_texture_cache_load_async (cache, loader, url, HS_TEXTURE_SIZE_THUMBNAIL, cancellable, cache_loaded_cb, &cancelled);
  g_cancellable_cancel (cancellable);
  hs_test_wait_for (result_done, &cancelled, "the cancelled load");
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.texture);

  hs_test_wait_for (result_done, &first, "the first load");
  hs_test_wait_for (result_done, &second, "the second load");
  g_assert_no_error (first.error);
  g_assert_no_error (second.error);
  g_assert_true (first.texture == second.texture);
  /* A WebP of 800×1000, scaled during decoding to the thumbnail's longer side of 112. */
  g_assert_cmpint (gdk_texture_get_width (first.texture), ==, 90);
  g_assert_cmpint (gdk_texture_get_height (first.texture), ==, 112);
  g_assert_cmpuint (count_requests ("/cdn/img/west-lake.webp"), ==, 1);
  g_assert_cmpuint (hs_texture_cache_get_size (cache), ==, 90 * 112 * 4);

  /* From memory the second time. */
  hs_texture_cache_load_async (cache, loader, url, HS_TEXTURE_SIZE_THUMBNAIL, NULL, cache_loaded_cb, &third);
  hs_test_wait_for (result_done, &third, "the cached load");
  g_assert_true (third.texture == first.texture);
  g_assert_cmpuint (count_requests ("/cdn/img/west-lake.webp"), ==, 1);

  /* For a card's cover box (content-fit "cover"): just large enough to cover it, the
   * narrower side fitting exactly. The 4:5 picture in a 240 × 220 box is 240 × 300, not
   * the 384 × 480 that a longest side of 480 gave; in a wide 400 × 100 box, 400 × 500. */
  {
    static const struct { int box_width, box_height, width, height; } boxes[] = {
      { 240, 220, 240, 300 },
      { 400, 100, 400, 500 },
      { 100, 400, 320, 400 },
      /* Never larger than the picture. */
      { 1600, 1600, 800, 1000 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
      {
        Result cover = { 0 };
        g_autoptr(GdkTexture) cached = NULL;

        hs_texture_cache_load_cover_async (cache, loader, url, boxes[i].box_width, boxes[i].box_height,
                                           NULL, cache_loaded_cb, &cover);
        hs_test_wait_for (result_done, &cover, "the cover");
        g_assert_no_error (cover.error);
        g_assert_cmpint (gdk_texture_get_width (cover.texture), ==, boxes[i].width);
        g_assert_cmpint (gdk_texture_get_height (cover.texture), ==, boxes[i].height);
        /* Kept under its box, apart from the same picture's other sizes. */
        cached = hs_texture_cache_lookup_cover (cache, url, boxes[i].box_width, boxes[i].box_height);
        g_assert_true (cached == cover.texture);
        result_clear (&cover);
      }
    g_assert_null (hs_texture_cache_lookup_cover (cache, url, 241, 220));
    g_assert_null (hs_texture_cache_lookup (cache, url, 240));
    /* The decodes share the one fetch, which the disk cache answers. */
    g_assert_cmpuint (count_requests ("/cdn/img/west-lake.webp"), <=, 1 + G_N_ELEMENTS (boxes));
  }

  result_clear (&first);
  result_clear (&second);
  result_clear (&third);
  result_clear (&cancelled);
}

static void
test_decode (void)
{
  static const struct {
    const char *file;
    int max_size;
    int width;
    int height;
  } cases[] = {
    { "lipstick.webp", 0, 800, 1000 },
    { "lipstick.webp", 100, 80, 100 },
    { "hotpot.jpg", 0, 800, 1000 },
    { "kitty.png", 500, 400, 500 },
  };
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "demo", "data", "media", "img",
                                                     cases[i].file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      char *contents;
      gsize length;
      Result result = { 0 };

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      bytes = g_bytes_new_take (contents, length);

      hs_texture_decode_async (bytes, cases[i].max_size, NULL, decoded_cb, &result);
      hs_test_wait_for (result_done, &result, cases[i].file);
      g_assert_no_error (result.error);
      g_assert_cmpint (gdk_texture_get_width (result.texture), ==, cases[i].width);
      g_assert_cmpint (gdk_texture_get_height (result.texture), ==, cases[i].height);
      result_clear (&result);
    }

  /* Bytes that are no picture fail, they do not crash. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("<html>not a picture</html>", 26);
    Result result = { 0 };

    hs_texture_decode_async (bytes, 0, NULL, decoded_cb, &result);
    hs_test_wait_for (result_done, &result, "the bad bytes");
    g_assert_null (result.texture);
    g_assert_nonnull (result.error);
    result_clear (&result);
  }
}

/* Gallery */

static void
test_nine_images (void)
{
  g_autoptr(HsNote) note = hs_test_fetch_note (client, NINE_IMAGES_ID);
  HsMediaPage *page;
  guint n_webp = 0;

  hs_media_gallery_set_note (gallery, note);
  g_assert_true (hs_media_gallery_get_note (gallery) == note);
  g_assert_cmpuint (hs_media_gallery_get_n_items (gallery), ==, 9);
  g_assert_cmpuint (g_list_model_get_n_items (hs_media_gallery_get_items (gallery)), ==, 9);
  g_assert_cmpuint (hs_media_gallery_get_position (gallery), ==, 0);

  /* Every thumbnail loads, scaled down. */
  hs_test_wait_for (all_thumbnails_loaded, NULL, "the thumbnails");
  for (guint i = 0; i < 9; i++)
    {
      GdkTexture *texture = hs_media_gallery_get_thumbnail_texture (gallery, i);
      g_autoptr(GObject) item = g_list_model_get_item (hs_media_gallery_get_items (gallery), i);

      g_assert_nonnull (texture);
      /* Decoded at the size a thumbnail shows (800×1000 pictures: the longer side is the
       * height). */
      g_assert_cmpint (gdk_texture_get_height (texture), ==,
                       hs_texture_size_for_widget (GTK_WIDGET (gallery), HS_TEXTURE_SIZE_THUMBNAIL));
      g_assert_true (HS_IS_IMAGE (item));
      if (g_str_has_suffix (hs_image_get_url (HS_IMAGE (item)), ".webp"))
        n_webp++;
    }
  g_assert_cmpuint (n_webp, ==, 3);

  /* The first page shows its picture; the second is loaded ahead, the far ones are not. */
  page = hs_media_gallery_get_page (gallery, 0);
  wait_for_page_state (page, HS_MEDIA_PAGE_LOADED);
  g_assert_nonnull (hs_media_page_get_texture (page));
  g_assert_cmpint (hs_media_page_get_state (hs_media_gallery_get_page (gallery, 5)), ==, HS_MEDIA_PAGE_EMPTY);
  g_assert_null (hs_media_gallery_get_page (gallery, 9));

  /* Actions follow the position. */
  gtk_widget_activate_action (GTK_WIDGET (gallery), "gallery.previous", NULL);
  g_assert_cmpuint (hs_media_gallery_get_position (gallery), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (gallery), "gallery.next", NULL);
  g_assert_cmpuint (hs_media_gallery_get_position (gallery), ==, 1);
  hs_media_gallery_set_position (gallery, 8, FALSE);
  g_assert_cmpuint (hs_media_gallery_get_position (gallery), ==, 8);
  gtk_widget_activate_action (GTK_WIDGET (gallery), "gallery.next", NULL);
  g_assert_cmpuint (hs_media_gallery_get_position (gallery), ==, 8);

  /* Far from the position, pages let go of their pictures. */
  g_assert_cmpint (hs_media_page_get_state (hs_media_gallery_get_page (gallery, 0)), ==, HS_MEDIA_PAGE_EMPTY);
  g_assert_null (hs_media_page_get_texture (hs_media_gallery_get_page (gallery, 0)));
}

static gboolean
page_texture_is_100_high (gconstpointer data)
{
  GdkTexture *texture = hs_media_page_get_texture (HS_MEDIA_PAGE ((gpointer) data));

  return texture != NULL && gdk_texture_get_height (texture) == 100;
}

static gboolean
page_texture_is_full_size (gconstpointer data)
{
  GdkTexture *texture = hs_media_page_get_texture (HS_MEDIA_PAGE ((gpointer) data));

  return texture != NULL && gdk_texture_get_height (texture) == 1000;
}

static void
test_webp_page (void)
{
  g_autoptr(HsNote) note = hs_test_fetch_note (client, NINE_IMAGES_ID);
  HsMediaPage *page;
  GdkTexture *texture;
  int size;

  hs_media_gallery_set_note (gallery, note);

  /* Item 4 is lipstick.webp, 800×1000. */
  page = hs_media_gallery_get_page (gallery, 3);
  g_assert_true (g_str_has_suffix (hs_media_page_get_url (page), "/img/lipstick.webp"));
  hs_media_gallery_set_position (gallery, 3, FALSE);
  wait_for_page_state (page, HS_MEDIA_PAGE_LOADED);
  texture = hs_media_page_get_texture (page);
  g_assert_nonnull (texture);

  /* Decoded at the size the stage shows it, not its own 1000 px: at least the gallery's
   * width (a portrait picture is as high as the stage, which is higher than wide), and
   * at most the longer side of the stage. */
  size = hs_media_gallery_get_page_texture_size (gallery);
  g_assert_cmpint (size, >=, hs_texture_size_for_widget (GTK_WIDGET (gallery), gtk_widget_get_width (GTK_WIDGET (gallery))));
  g_assert_cmpint (size, <, 1000);
  g_assert_cmpint (hs_media_page_get_texture_size (page), ==, size);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, size);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (int) (800.0 * size / 1000 + 0.5));

  /* A new size (the stage grew or shrank) decodes again and swaps the picture in place. */
  hs_media_page_set_texture_size (page, 100);
  g_assert_cmpint (hs_media_page_get_state (page), ==, HS_MEDIA_PAGE_LOADED);
  g_assert_true (hs_media_page_get_texture (page) == texture);
  hs_test_wait_for (page_texture_is_100_high, page, "the page at its new size");
  texture = hs_media_page_get_texture (page);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 80);
  g_assert_cmpint (hs_media_page_get_state (page), ==, HS_MEDIA_PAGE_LOADED);

  /* The full size only when asked for (the viewer, zoomed in). */
  hs_media_page_set_texture_size (page, 0);
  hs_test_wait_for (page_texture_is_full_size, page, "the page at full size");
  g_assert_cmpint (gdk_texture_get_width (hs_media_page_get_texture (page)), ==, 800);
}

static HsNote *
note_with (const char * const *image_paths,
           const char         *video_path,
           const char         *cover_path)
{
  g_autoptr(GListStore) images = g_list_store_new (HS_TYPE_IMAGE);
  g_autoptr(GListStore) videos = g_list_store_new (HS_TYPE_VIDEO);

  for (guint i = 0; image_paths != NULL && image_paths[i] != NULL; i++)
    {
      g_autofree char *url = cdn_url (image_paths[i]);
      g_autoptr(HsImage) image = hs_image_new (url);

      g_list_store_append (images, image);
    }

  if (video_path != NULL)
    {
      g_autofree char *url = cdn_url (video_path);
      g_autofree char *cover = cover_path != NULL ? cdn_url (cover_path) : NULL;
      g_autoptr(HsVideo) video = hs_video_new (url, cover);

      g_list_store_append (videos, video);
    }

  return g_object_new (HS_TYPE_NOTE,
                       "note-id", "0123456789abcdef01234567",
                       "title", "测试/笔记: 一*二",
                       "images", images,
                       "videos", videos,
                       NULL);
}

static void
test_failure_placeholder (void)
{
  static const char * const paths[] = { "/img/kitty.png", "/img/does-not-exist.png", NULL };
  g_autoptr(HsNote) note = note_with (paths, NULL, NULL);
  HsMediaPage *page;
  GtkWidget *retry;
  guint before;

  hs_demo_server_clear_request_log (server);
  hs_media_gallery_set_note (gallery, note);
  g_assert_cmpuint (hs_media_gallery_get_n_items (gallery), ==, 2);

  /* The missing picture shows the placeholder with its Retry button; its thumbnail
   * stays empty, the other one loads. */
  page = hs_media_gallery_get_page (gallery, 1);
  wait_for_page_state (page, HS_MEDIA_PAGE_FAILED);
  g_assert_null (hs_media_page_get_texture (page));
  retry = hs_media_page_get_retry_button (page);
  g_assert_true (gtk_widget_get_visible (retry));
  g_assert_true (gtk_widget_is_sensitive (retry));
  hs_media_gallery_set_position (gallery, 1, FALSE);

  /* Retry fetches again (and fails again: the file is still missing). */
  before = count_requests ("/cdn/img/does-not-exist.png");
  g_assert_cmpuint (before, >=, 1);
  g_signal_emit_by_name (retry, "clicked");
  g_assert_cmpint (hs_media_page_get_state (page), ==, HS_MEDIA_PAGE_LOADING);
  wait_for_page_state (page, HS_MEDIA_PAGE_FAILED);
  g_assert_cmpuint (count_requests ("/cdn/img/does-not-exist.png"), ==, before + 1);

  g_assert_nonnull (hs_media_gallery_get_thumbnail_texture (gallery, 0));
  g_assert_null (hs_media_gallery_get_thumbnail_texture (gallery, 1));
  g_assert_cmpuint (hs_media_gallery_get_n_thumbnails_loaded (gallery), ==, 1);
}

static gboolean
file_exists (gconstpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
stream_is_near_end (gconstpointer data)
{
  GtkMediaStream *stream = gtk_video_get_media_stream (GTK_VIDEO ((GtkWidget *) data));

  return stream != NULL && gtk_media_stream_get_duration (stream) > 0 &&
         gtk_media_stream_get_timestamp (stream) > gtk_media_stream_get_duration (stream) * 2 / 3;
}

static gboolean
stream_restarted (gconstpointer data)
{
  GtkMediaStream *stream = gtk_video_get_media_stream (GTK_VIDEO ((GtkWidget *) data));

  return gtk_media_stream_get_playing (stream) &&
         gtk_media_stream_get_timestamp (stream) > 0 &&
         gtk_media_stream_get_timestamp (stream) < gtk_media_stream_get_duration (stream) / 3;
}

static void
test_video (void)
{
  static const char * const paths[] = { "/img/kitty.png", NULL };
  g_autoptr(HsNote) note = note_with (paths, "/video/city-walk.webm", "/img/night-city.jpg");
  HsMediaPage *page;
  GtkWidget *video;
  GFile *file;

  hs_demo_server_clear_request_log (server);
  hs_media_gallery_set_note (gallery, note);
  g_assert_cmpuint (hs_media_gallery_get_n_items (gallery), ==, 2);

  /* The video comes first (a video note opens on it) and shows its cover. */
  page = hs_media_gallery_get_page (gallery, 0);
  g_assert_true (hs_media_page_is_video (page));
  g_assert_false (hs_media_page_is_video (hs_media_gallery_get_page (gallery, 1)));
  g_assert_cmpuint (hs_media_gallery_get_position (gallery), ==, 0);
  hs_test_wait_for (all_thumbnails_loaded, NULL, "the thumbnails");
  wait_for_page_state (page, HS_MEDIA_PAGE_LOADED);
  g_assert_true (g_str_has_suffix (hs_media_page_get_picture_url (page), "/img/night-city.jpg"));
  g_assert_null (hs_media_page_get_video (page));
  g_assert_cmpuint (count_requests ("/cdn/video/city-walk.webm"), ==, 0);

  /* Playing fetches it into the cache, then plays the file. */
  hs_media_page_play (page);
  g_assert_cmpint (hs_media_page_get_state (page), ==, HS_MEDIA_PAGE_DOWNLOADING);
  wait_for_page_state (page, HS_MEDIA_PAGE_PLAYING);
  g_assert_cmpfloat (hs_media_page_get_progress (page), ==, 1.0);
  g_assert_cmpuint (count_requests ("/cdn/video/city-walk.webm"), ==, 1);

  video = hs_media_page_get_video (page);
  g_assert_true (GTK_IS_VIDEO (video));
  /* The gallery's buttons leave the video's controls along the bottom alone. */
  g_assert_cmpint (gtk_widget_get_valign (hs_media_gallery_get_tools (gallery)), ==, GTK_ALIGN_START);
  file = gtk_video_get_file (GTK_VIDEO (video));
  g_assert_nonnull (file);
  {
    g_autofree char *path = g_file_get_path (file);

    g_assert_true (g_str_has_prefix (path, cache_dir));
    hs_test_wait_for (file_exists, path, "the video file");
  }

  /* It loops: past its 3 s end it plays on from the start, never resting ended. */
  {
    GtkMediaStream *stream = gtk_video_get_media_stream (GTK_VIDEO (video));

    hs_test_wait_for (stream_is_near_end, video, "the video to near its end");
    hs_test_wait_for (stream_restarted, video, "the video to start again");
    g_assert_true (gtk_media_stream_get_playing (stream));
    g_assert_false (gtk_media_stream_get_ended (stream));
  }

  /* Paging away pauses it; the page stays ready to play. */
  hs_media_gallery_set_position (gallery, 1, FALSE);
  g_assert_cmpint (hs_media_page_get_state (page), ==, HS_MEDIA_PAGE_PLAYING);
  g_assert_cmpint (gtk_widget_get_valign (hs_media_gallery_get_tools (gallery)), ==, GTK_ALIGN_END);

  /* Another note: the player is stopped (its file closed, its streaming threads joined)
   * before the page and its GtkVideo go, not left running behind a dead widget. */
  {
    g_autoptr(GtkMediaStream) stream = g_object_ref (gtk_video_get_media_stream (GTK_VIDEO (video)));

    hs_media_page_play (page);
    g_assert_true (gtk_media_stream_get_playing (stream));
    hs_media_gallery_set_note (gallery, NULL);
    g_assert_null (gtk_media_file_get_file (GTK_MEDIA_FILE (stream)));
    g_assert_false (gtk_media_stream_get_playing (stream));
  }
}

typedef struct
{
  gboolean done;
  gboolean ok;
  guint    n_saved;
  GError  *error;
} SaveResult;

static void
saved_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = hs_media_gallery_save_all_to_folder_finish (HS_MEDIA_GALLERY (object), result,
                                                         &save->n_saved, &save->error);
  save->done = TRUE;
}

static gboolean
save_done (gconstpointer data)
{
  return ((const SaveResult *) data)->done;
}

static void
test_save_all (void)
{
  static const char * const paths[] = { "/img/kitty.png", "/img/lipstick", "/img/hotpot.jpg",
                                        "/img/does-not-exist.png", NULL };
  static const char * const expected[] = {
    /* The title "测试/笔记: 一*二" with what file systems refuse replaced; the types come
     * from the bytes ("/img/lipstick" has no extension, and is a WebP). */
    "测试_笔记_ 一_二-01.webm", "测试_笔记_ 一_二-02.png", "测试_笔记_ 一_二-03.webp",
    "测试_笔记_ 一_二-04.jpg",
  };
  g_autoptr(HsNote) note = note_with (paths, "/video/city-walk.webm", NULL);
  g_autofree char *folder_path = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  SaveResult save = { 0 };
  guint n_files = 0;
  const char *name;

  folder_path = g_dir_make_tmp ("hongshu-test-save-XXXXXX", &error);
  g_assert_no_error (error);
  folder = g_file_new_for_path (folder_path);

  hs_media_gallery_set_note (gallery, note);
  hs_media_gallery_save_all_to_folder_async (gallery, folder, NULL, saved_all_cb, &save);
  hs_test_wait_for (save_done, &save, "saving");

  /* Four of five: the missing picture is skipped, not fatal. */
  g_assert_no_error (save.error);
  g_assert_true (save.ok);
  g_assert_cmpuint (save.n_saved, ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_build_filename (folder_path, expected[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_test_message ("%s", path);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_cmpuint (length, >, 100);
    }

  dir = g_dir_open (folder_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder_path, name, NULL);

      n_files++;
      g_unlink (path);
    }
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (expected));
  g_rmdir (folder_path);
}

/* Save All twice into one folder: nothing overwritten, the second set
 * numbered, and every file (the video copied from the private cache too)
 * with the mode the umask gives. */
static void
test_save_all_twice (void)
{
  static const char * const paths[] = { "/img/kitty.png", "/img/hotpot.jpg", NULL };
  /* The video first, as the gallery shows it. */
  static const char * const first[] = { "测试_笔记_ 一_二-01.webm", "测试_笔记_ 一_二-02.png", "测试_笔记_ 一_二-03.jpg" };
  static const char * const second[] = { "测试_笔记_ 一_二-01 (2).webm", "测试_笔记_ 一_二-02 (2).png",
                                         "测试_笔记_ 一_二-03 (2).jpg" };
  g_autoptr(HsNote) note = NULL;
  g_autofree char *folder_path = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_mask = umask (022);

  note = note_with (paths, "/video/city-walk.webm", NULL);
  folder_path = g_dir_make_tmp ("hongshu-test-save-twice-XXXXXX", &error);
  g_assert_no_error (error);
  folder = g_file_new_for_path (folder_path);
  hs_media_gallery_set_note (gallery, note);

  for (guint run = 0; run < 2; run++)
    {
      SaveResult save = { 0 };

      hs_media_gallery_save_all_to_folder_async (gallery, folder, NULL, saved_all_cb, &save);
      hs_test_wait_for (save_done, &save, "saving");
      g_assert_no_error (save.error);
      g_assert_cmpuint (save.n_saved, ==, 3);
    }

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    {
      const char * const names[] = { first[i], second[i] };
      char *contents[2] = { NULL, NULL };
      gsize lengths[2] = { 0, 0 };

      for (guint j = 0; j < 2; j++)
        {
          g_autofree char *path = g_build_filename (folder_path, names[j], NULL);
          GStatBuf st;

          g_test_message ("%s", path);
          g_assert_true (g_file_get_contents (path, &contents[j], &lengths[j], NULL));
          g_assert_cmpint (g_stat (path, &st), ==, 0);
          g_assert_cmpuint (st.st_mode & 0777, ==, 0644);
          g_unlink (path);
        }
      g_assert_cmpmem (contents[0], lengths[0], contents[1], lengths[1]);
      g_free (contents[0]);
      g_free (contents[1]);
    }
  g_assert_cmpint (g_rmdir (folder_path), ==, 0);
  umask (old_mask);
}

static HsMediaViewer *
find_viewer (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (HS_IS_MEDIA_VIEWER (toplevel))
        return HS_MEDIA_VIEWER (toplevel);
    }

  return NULL;
}

static gboolean
viewer_is_gone (gconstpointer data)
{
  return find_viewer () == NULL;
}

static gboolean
viewer_has_size (gconstpointer data)
{
  HsMediaViewer *viewer = find_viewer ();

  return viewer != NULL && gtk_widget_get_width (GTK_WIDGET (viewer)) > 0;
}

static void
test_viewer (void)
{
  g_autoptr(HsNote) note = hs_test_fetch_note (client, NINE_IMAGES_ID);
  HsMediaViewer *viewer;
  HsMediaPage *page;

  hs_media_gallery_set_note (gallery, note);
  hs_media_gallery_set_position (gallery, 2, FALSE);
  g_assert_null (find_viewer ());

  gtk_widget_activate_action (GTK_WIDGET (gallery), "gallery.open-viewer", NULL);
  viewer = find_viewer ();
  g_assert_nonnull (viewer);
  g_assert_cmpuint (hs_media_viewer_get_position (viewer), ==, 2);
  g_assert_true (hs_media_viewer_get_items (viewer) == hs_media_gallery_get_items (gallery));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (viewer)) == window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (viewer)), ==, "零失败！懒人版电饭煲蛋糕 🍰");
  hs_test_wait_for (viewer_has_size, NULL, "the viewer to show");

  /* cozy-home.png at full size, 800×1000: fitted into the window first. */
  page = HS_MEDIA_PAGE (hs_media_viewer_get_page (viewer));
  g_assert_true (g_str_has_suffix (hs_media_page_get_url (page), "/img/cozy-home.png"));
  wait_for_page_state (page, HS_MEDIA_PAGE_LOADED);
  g_assert_cmpint (gdk_texture_get_width (hs_media_page_get_texture (page)), ==, 800);
  g_assert_true (hs_media_viewer_get_best_fit (viewer));
  g_assert_cmpfloat (hs_media_viewer_get_zoom (viewer), <, 1.0);

  /* 1 → 100 %, + → 125 %, − → 100 %, 0 → fit again. */
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-original", NULL);
  g_assert_false (hs_media_viewer_get_best_fit (viewer));
  g_assert_cmpfloat_with_epsilon (hs_media_viewer_get_zoom (viewer), 1.0, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (hs_media_viewer_get_zoom (viewer), 1.25, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-out", NULL);
  g_assert_cmpfloat_with_epsilon (hs_media_viewer_get_zoom (viewer), 1.0, 1e-9);
  hs_media_viewer_set_zoom (viewer, 100.0);
  g_assert_cmpfloat_with_epsilon (hs_media_viewer_get_zoom (viewer), 8.0, 1e-9);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-fit", NULL);
  g_assert_true (hs_media_viewer_get_best_fit (viewer));

  /* Paging shows the next picture at best fit, and the gallery follows. */
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-original", NULL);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next", NULL);
  g_assert_cmpuint (hs_media_viewer_get_position (viewer), ==, 3);
  g_assert_true (hs_media_viewer_get_best_fit (viewer));
  g_assert_cmpuint (hs_media_gallery_get_position (gallery), ==, 3);
  page = HS_MEDIA_PAGE (hs_media_viewer_get_page (viewer));
  g_assert_true (g_str_has_suffix (hs_media_page_get_url (page), "/img/lipstick.webp"));
  wait_for_page_state (page, HS_MEDIA_PAGE_LOADED);
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.previous", NULL);
  g_assert_cmpuint (hs_media_viewer_get_position (viewer), ==, 2);

  /* Asking again brings the same viewer back, at the gallery's item. */
  hs_media_gallery_set_position (gallery, 5, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (gallery), "gallery.open-viewer", NULL);
  g_assert_true (find_viewer () == viewer);
  g_assert_cmpuint (hs_media_viewer_get_position (viewer), ==, 5);

  /* Escape closes it. */
  gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.escape", NULL);
  hs_test_wait_for (viewer_is_gone, NULL, "the viewer to close");
}

static void
test_no_note (void)
{
  hs_media_gallery_set_note (gallery, NULL);
  g_assert_null (hs_media_gallery_get_note (gallery));
  g_assert_cmpuint (hs_media_gallery_get_n_items (gallery), ==, 0);
  g_assert_cmpuint (hs_media_gallery_get_n_thumbnails_loaded (gallery), ==, 0);
  g_assert_null (hs_media_gallery_get_page (gallery, 0));
  /* Nothing to act on. */
  gtk_widget_activate_action (GTK_WIDGET (gallery), "gallery.open-viewer", NULL);
  g_assert_null (find_viewer ());
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  adw_init ();

  server = hs_test_demo_server_new ();

  config = hs_test_config_new (server);
  client = hs_client_new (config);
  hs_client_set_access_token (client, HS_DEMO_ACCESS_TOKEN);

  cache_dir = g_dir_make_tmp ("hongshu-test-media-gallery-XXXXXX", &error);
  g_assert_no_error (error);
  loader = hs_media_loader_new_with_cache_dir (config, cache_dir);

  gallery = HS_MEDIA_GALLERY (hs_media_gallery_new (loader));
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 600, 900);
  gtk_window_set_child (window, GTK_WIDGET (gallery));
  gtk_window_present (window);

  g_test_add_func ("/texture-cache/bound", test_cache_bound);
  g_test_add_func ("/texture-cache/load", test_cache_load);
  g_test_add_func ("/texture-cache/decode", test_decode);
  g_test_add_func ("/media-gallery/nine-images", test_nine_images);
  g_test_add_func ("/media-gallery/webp-page", test_webp_page);
  g_test_add_func ("/media-gallery/failure-placeholder", test_failure_placeholder);
  g_test_add_func ("/media-gallery/video", test_video);
  g_test_add_func ("/media-gallery/save-all", test_save_all);
  g_test_add_func ("/media-gallery/save-all-twice", test_save_all_twice);
  g_test_add_func ("/media-gallery/viewer", test_viewer);
  g_test_add_func ("/media-gallery/no-note", test_no_note);

  status = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&loader);
  g_clear_object (&client);
  g_clear_object (&config);
  hs_demo_server_stop (server);
  g_clear_object (&server);
  hs_test_remove_tree (cache_dir);
  g_free (cache_dir);

  return status;
}
