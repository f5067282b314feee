#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <libsoup/soup.h>

#include "hs-client.h"
#include "hs-demo-server.h"
#include "hs-demo-web.h"
#include "hs-download-queue.h"
#include "hs-download-sources.h"
#include "hs-error.h"
#include "hs-media-loader.h"
#include "hs-test-support.h"
#include "hs-web-source.h"
#include <json-glib/json-glib.h>

/* HsDownloadQueue itself, in process, against the demo server: what a UI
 * binds to (states, counts, items), pause and resume, cancel, retry and
 * an ETA that knows the rate limit. */

#define SEED HS_DEMO_SEED_NOTE_ID

typedef struct
{
  HsDemoServer    *server;
  HsConfig        *config;
  HsClient        *client;
  HsMediaLoader   *loader;
  HsDownloadQueue *queue;
  char            *tmp;
  GFile           *out;
  gboolean         finished;
} Fixture;

static void
finished_cb (HsDownloadQueue *queue,
             gpointer         user_data)
{
  Fixture *f = user_data;

  g_assert_false (f->finished);
  f->finished = TRUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *out = NULL;

  f->server = hs_test_demo_server_new ();
  hs_demo_server_set_requests_per_minute (f->server, 0);
  f->config = hs_test_config_new (f->server);
  hs_config_set_requests_per_minute (f->config, 0);
  f->client = hs_client_new (f->config);
  hs_client_set_access_token (f->client, HS_DEMO_ACCESS_TOKEN);
  f->tmp = g_dir_make_tmp ("hongshu-queue-XXXXXX", &error);
  g_assert_no_error (error);
  cache = g_build_filename (f->tmp, "cache", NULL);
  out = g_build_filename (f->tmp, "out", NULL);
  f->loader = hs_media_loader_new_with_cache_dir (f->config, cache);
  f->out = g_file_new_for_path (out);
  f->queue = hs_download_queue_new (HS_NOTE_SOURCE (f->client), f->loader, f->out);
  g_signal_connect (f->queue, "finished", G_CALLBACK (finished_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->queue);
  g_assert_finalize_object (f->loader);
  g_clear_object (&f->client);
  g_clear_object (&f->config);
  g_clear_object (&f->out);
  hs_test_remove_tree (f->tmp);
  g_free (f->tmp);
  hs_test_demo_server_finish (f->server);
}

static HsDownloadItem *
add_id (Fixture    *f,
        const char *id)
{
  g_autoptr(HsNoteRef) ref = hs_note_ref_new_for_id (id);

  return hs_download_queue_add_ref (f->queue, ref, id);
}

static gboolean
bytes_at_least_4k (gconstpointer data)
{
  return hs_download_queue_get_bytes ((HsDownloadQueue *) data) >= 4096;
}

static guint
count_status (HsDemoServer *server,
              guint         status)
{
  g_autoptr(GPtrArray) log = hs_demo_server_get_request_log (server);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    if (g_str_has_prefix (hs_demo_request_get_path (g_ptr_array_index (log, i)), "/cdn/") &&
        hs_demo_request_get_status (g_ptr_array_index (log, i)) == status)
      n++;
  return n;
}

static void
test_model_and_counts (Fixture       *f,
                       gconstpointer  data)
{
  HsDownloadItem *seed = add_id (f, SEED);
  HsDownloadItem *missing = add_id (f, HS_DEMO_FAULT_NOT_FOUND);
  g_autoptr(HsNoteRef) again = hs_note_ref_new_for_id (SEED);

  /* The same note twice is one item. */
  g_assert_null (hs_download_queue_add_ref (f->queue, again, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->queue)), ==, 2);
  g_assert_cmpint (hs_download_queue_get_state (f->queue), ==, HS_DOWNLOAD_QUEUE_IDLE);

  hs_download_queue_start (f->queue);
  hs_test_wait_for (hs_test_pointer_is_set, &f->finished, "the batch to finish");

  g_assert_cmpint (hs_download_queue_get_state (f->queue), ==, HS_DOWNLOAD_QUEUE_FINISHED);
  g_assert_cmpint (hs_download_item_get_state (seed), ==, HS_DOWNLOAD_STATE_DONE);
  g_assert_cmpuint (hs_download_item_get_n_files (seed), ==, 3);
  g_assert_cmpuint (hs_download_item_get_n_saved (seed), ==, 3);
  g_assert_cmpfloat (hs_download_item_get_fraction (seed), ==, 1.0);
  g_assert_nonnull (hs_download_item_get_folder (seed));
  g_assert_cmpstr (hs_download_item_get_title (seed), ==, "春季美妆新品推荐");

  g_assert_cmpint (hs_download_item_get_state (missing), ==, HS_DOWNLOAD_STATE_FAILED);
  g_assert_error (hs_download_item_get_error (missing), HS_ERROR, HS_ERROR_NOT_FOUND);
  g_assert_null (hs_download_item_get_folder (missing));

  g_assert_cmpuint (hs_download_queue_get_n_notes (f->queue), ==, 2);
  g_assert_cmpuint (hs_download_queue_get_n_notes_finished (f->queue), ==, 2);
  g_assert_cmpuint (hs_download_queue_get_n_notes_failed (f->queue), ==, 1);
  g_assert_cmpuint (hs_download_queue_get_n_saved (f->queue), ==, 3);
  g_assert_cmpint (hs_download_queue_get_eta (f->queue), ==, 0);

  /* A retry goes through the same steps again, counted once. */
  f->finished = FALSE;
  hs_download_queue_retry (f->queue, missing);
  g_assert_cmpint (hs_download_queue_get_state (f->queue), ==, HS_DOWNLOAD_QUEUE_RUNNING);
  hs_test_wait_for (hs_test_pointer_is_set, &f->finished, "the retry to finish");
  g_assert_cmpint (hs_download_item_get_state (missing), ==, HS_DOWNLOAD_STATE_FAILED);
  g_assert_cmpuint (hs_download_queue_get_n_notes_finished (f->queue), ==, 2);
  g_assert_cmpuint (hs_download_queue_get_n_notes_failed (f->queue), ==, 1);
  g_assert_cmpuint (hs_test_count_requests (f->server, "/v1/notes/" HS_DEMO_FAULT_NOT_FOUND), ==, 2);
}

static void
test_pause_resume (Fixture       *f,
                   gconstpointer  data)
{
  HsDownloadItem *seed;

  hs_demo_server_set_media_rate (f->server, 8192);
  seed = add_id (f, SEED);
  hs_download_queue_start (f->queue);
  hs_test_wait_for (bytes_at_least_4k, f->queue, "4 KiB downloaded");

  hs_download_queue_pause (f->queue);
  g_assert_cmpint (hs_download_queue_get_state (f->queue), ==, HS_DOWNLOAD_QUEUE_PAUSED);
  g_assert_false (f->finished);

  /* Resumed at full speed: from the parts, with Range (206). */
  hs_demo_server_set_media_rate (f->server, 0);
  hs_download_queue_resume (f->queue);
  hs_test_wait_for (hs_test_pointer_is_set, &f->finished, "the batch to finish");
  g_assert_cmpint (hs_download_item_get_state (seed), ==, HS_DOWNLOAD_STATE_DONE);
  g_assert_cmpuint (hs_download_item_get_n_saved (seed), ==, 3);
  g_assert_cmpuint (count_status (f->server, SOUP_STATUS_PARTIAL_CONTENT), >=, 1);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  HsDownloadItem *seed;
  HsDownloadItem *other;

  hs_demo_server_set_media_rate (f->server, 8192);
  seed = add_id (f, SEED);
  other = add_id (f, "6960d650977226eaca0305f7");
  hs_download_queue_start (f->queue);
  hs_test_wait_for (bytes_at_least_4k, f->queue, "4 KiB downloaded");

  hs_download_queue_cancel (f->queue);
  hs_test_wait_for (hs_test_pointer_is_set, &f->finished, "the cancelled batch to end");
  g_assert_cmpint (hs_download_queue_get_state (f->queue), ==, HS_DOWNLOAD_QUEUE_CANCELLED);
  g_assert_cmpint (hs_download_item_get_state (seed), ==, HS_DOWNLOAD_STATE_CANCELLED);
  g_assert_cmpint (hs_download_item_get_state (other), ==, HS_DOWNLOAD_STATE_CANCELLED);
  g_assert_cmpuint (hs_download_queue_get_n_notes_finished (f->queue), ==, 2);
}

static gboolean
first_answered (gconstpointer data)
{
  return hs_download_item_get_state ((HsDownloadItem *) data) != HS_DOWNLOAD_STATE_FETCHING &&
         hs_download_item_get_state ((HsDownloadItem *) data) != HS_DOWNLOAD_STATE_WAITING;
}

static void
test_eta_knows_rate_limit (Fixture       *f,
                           gconstpointer  data)
{
  const char *ids[] = { SEED, "6960d650977226eaca0305f7", "6899673cf3b6fd5358c0bb40" };
  HsDownloadItem *first = NULL;
  gint64 eta;

  /* One call a minute: after the first note, the two others need two
   * more minutes at least, whatever the transfer rate. */
  hs_config_set_requests_per_minute (f->config, 1);
  hs_download_queue_set_requests_per_minute (f->queue, 1);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      HsDownloadItem *item = add_id (f, ids[i]);

      if (first == NULL)
        first = item;
    }
  hs_download_queue_start (f->queue);
  hs_test_wait_for (first_answered, first, "the first note");

  eta = hs_download_queue_get_eta (f->queue);
  g_test_message ("ETA %" G_GINT64_FORMAT " s", eta);
  g_assert_cmpint (eta, >, 60);
  g_assert_cmpint (eta, <=, 120);

  hs_download_queue_cancel (f->queue);
  hs_test_wait_for (hs_test_pointer_is_set, &f->finished, "the cancelled batch to end");
}

static void
set_finished_cb (HsDownloadQueue *queue,
                 gpointer         user_data)
{
  *(gpointer *) user_data = GINT_TO_POINTER (TRUE);
}

/* A website note's pictures: each original from the CDN first; the two
 * without one (404) from their display addresses; the record says which
 * file is which, under the original's stable address. */
static void
test_originals (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HsWebSource) web = hs_web_source_new (f->config);
  g_autoptr(HsDownloadQueue) queue = NULL;
  g_autofree char *cdn = hs_demo_server_get_cdn_base_url (f->server);
  g_autofree char *path = hs_demo_web_note_path (HS_DEMO_WEB_SIGNED_PICTURES_NOTE);
  g_autofree char *link = g_strconcat ("https://www.xiaohongshu.com", path, NULL);
  g_autoptr(HsNoteRef) ref = hs_note_ref_new_from_text (link, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *record = NULL;
  HsDownloadItem *item;
  JsonArray *files;
  guint originals = 0, displays = 0, missing = 0;
  gpointer finished = NULL;

  g_assert_true (hs_web_source_set_base_url (web, hs_demo_server_get_base_url (f->server), &error));
  g_assert_no_error (error);
  hs_web_source_set_original_bases (web, cdn, cdn);
  queue = hs_download_queue_new (HS_NOTE_SOURCE (web), f->loader, f->out);
  g_signal_connect (queue, "finished", G_CALLBACK (set_finished_cb), &finished);
  g_assert_nonnull (ref);
  item = hs_download_queue_add_ref (queue, ref, link);
  hs_demo_server_clear_request_log (f->server);
  hs_download_queue_start (queue);
  hs_test_wait_for (hs_test_pointer_is_set, &finished, "the note to download");

  g_assert_cmpint (hs_download_item_get_state (item), ==, HS_DOWNLOAD_STATE_DONE);
  g_assert_cmpuint (hs_download_item_get_n_saved (item), ==, 5);
  g_assert_cmpuint (hs_download_item_get_n_failed (item), ==, 0);

  log = hs_demo_server_get_request_log (f->server);
  for (guint i = 0; i < log->len; i++)
    {
      HsDemoRequest *request = g_ptr_array_index (log, i);
      const char *request_path = hs_demo_request_get_path (request);

      if (g_str_has_prefix (request_path, "/cdn/" HS_DEMO_WEB_DISPLAY_ONLY_DIR))
        {
          g_assert_cmpuint (hs_demo_request_get_status (request), ==, 404);
          missing++;
        }
      else if (hs_demo_web_signed_picture_token (request_path) != NULL)
        displays++;
    }
  g_assert_cmpuint (missing, ==, 2);
  g_assert_cmpuint (displays, ==, 2);

  record = g_build_filename (g_file_peek_path (hs_download_item_get_folder (item)), ".hongshu.json", NULL);
  json_parser_load_from_file (parser, record, &error);
  g_assert_no_error (error);
  files = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *entry = json_array_get_object_element (files, i);
      const char *quality = json_object_get_string_member_with_default (entry, "quality", "");

      /* Keyed by the original: the display address is signed, for a while. */
      g_assert_true (g_str_has_prefix (json_object_get_string_member (entry, "url"), cdn));
      if (strcmp (quality, "original") == 0)
        originals++;
      else
        {
          g_assert_cmpstr (quality, ==, "display");
          g_assert_nonnull (strstr (json_object_get_string_member (entry, "url"), HS_DEMO_WEB_DISPLAY_ONLY_DIR));
        }
    }
  g_assert_cmpuint (originals, ==, 3);
  g_assert_finalize_object (g_steal_pointer (&queue));
}

static void
test_inputs_from_text (void)
{
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(GPtrArray) inputs =
    hs_download_inputs_from_text ("# a comment\n"
                                  "https://www.xiaohongshu.com/explore/" SEED "?xsec_token=t "
                                  "http://xhslink.com/a/AbCd123\n"
                                  "\n"
                                  "nothing here\n"
                                  "笔记ID：6960d650977226eaca0305f7。再看 6960d650977226eaca0305f7\n",
                                  &bad);

  g_assert_cmpuint (inputs->len, ==, 3);
  g_assert_cmpstr (hs_note_ref_get_link (((HsDownloadInput *) g_ptr_array_index (inputs, 0))->ref), ==,
                   "https://www.xiaohongshu.com/explore/" SEED "?xsec_token=t");
  g_assert_nonnull (hs_note_ref_get_short_link (((HsDownloadInput *) g_ptr_array_index (inputs, 1))->ref));
  g_assert_cmpstr (hs_note_ref_get_note_id (((HsDownloadInput *) g_ptr_array_index (inputs, 2))->ref), ==,
                   "6960d650977226eaca0305f7");
  g_assert_cmpuint (bad->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (bad, 0), ==, "4: nothing here");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/download-queue/model-and-counts", test_model_and_counts);
  ADD ("/download-queue/pause-resume", test_pause_resume);
  ADD ("/download-queue/cancel", test_cancel);
  ADD ("/download-queue/eta-knows-rate-limit", test_eta_knows_rate_limit);
  ADD ("/download-queue/originals", test_originals);
#undef ADD
  g_test_add_func ("/download-queue/inputs-from-text", test_inputs_from_text);

  return g_test_run ();
}
