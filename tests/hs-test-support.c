#include "config.h"

#include "hs-test-support.h"

#include <json-glib/json-glib.h>

#include <glib/gstdio.h>

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates the main loop until @condition holds; the wake-up source makes sure the
 * condition is checked again even when nothing else happens. */
void
hs_test_wait_for_full (HsTestCondition  condition,
                       gconstpointer    data,
                       const char      *what,
                       HsTestDescribe   describe)
{
  gint64 deadline = g_get_monotonic_time () + HS_TEST_WAIT_LIMIT_SECONDS * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, wake_cb, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_autofree char *state = describe != NULL ? describe () : NULL;

          g_error ("Still waiting for %s after %d s%s%s%s", what, HS_TEST_WAIT_LIMIT_SECONDS,
                   state != NULL ? " (" : "", state != NULL ? state : "", state != NULL ? ")" : "");
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

void
hs_test_wait_for (HsTestCondition  condition,
                  gconstpointer    data,
                  const char      *what)
{
  hs_test_wait_for_full (condition, data, what, NULL);
}

static gboolean
elapsed (gconstpointer data)
{
  return g_get_monotonic_time () >= *(const gint64 *) data;
}

/* Lets the main loop run for a while: for "nothing else happens" checks,
 * never as a measure. */
void
hs_test_run_for_ms (int ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  hs_test_wait_for (elapsed, &until, "time to pass");
}

gboolean
hs_test_pointer_is_set (gconstpointer data)
{
  return *(gpointer const *) data != NULL;
}

/* Stores the result in the GAsyncResult* that @user_data points to. */
void
hs_test_store_result_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
hs_test_await_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
note_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HsNote **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = hs_client_get_note_finish (HS_CLIENT (object), result, NULL, &error);
  g_assert_no_error (error);
}

/* Fetches @note_id through @client, which must succeed. */
HsNote *
hs_test_fetch_note (HsClient   *client,
                    const char *note_id)
{
  HsNote *note = NULL;

  hs_client_get_note_async (client, note_id, NULL, NULL, note_loaded_cb, &note);
  hs_test_wait_for (hs_test_pointer_is_set, &note, note_id);

  return note;
}

/* A demo server listening on 127.0.0.1, on a port of its own. */
HsDemoServer *
hs_test_demo_server_new (void)
{
  g_autoptr(HsDemoServer) server = hs_demo_server_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (hs_demo_server_start (server, 0, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&server);
}

/* hs_config_new() pointed at @server's API. */
HsConfig *
hs_test_config_new (HsDemoServer *server)
{
  g_autoptr(HsConfig) config = hs_config_new ();
  g_autoptr(GError) error = NULL;

  hs_config_set_api_base_url (config, hs_demo_server_get_base_url (server), &error);
  g_assert_no_error (error);

  return g_steal_pointer (&config);
}

/* Drops the last reference to @server, which nothing else may still hold. */
void
hs_test_demo_server_finish (HsDemoServer *server)
{
  /* Let the server see the last connections close. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (server);
}

/* The requests @server saw for @path, or all of them if @path is NULL. */
GPtrArray *
hs_test_log_for_path (HsDemoServer *server,
                      const char   *path)
{
  g_autoptr(GPtrArray) log = hs_demo_server_get_request_log (server);
  GPtrArray *matching = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_demo_request_unref);

  for (guint i = 0; i < log->len; i++)
    {
      HsDemoRequest *request = g_ptr_array_index (log, i);

      if (path == NULL || g_strcmp0 (hs_demo_request_get_path (request), path) == 0)
        g_ptr_array_add (matching, hs_demo_request_ref (request));
    }
  return matching;
}

guint
hs_test_count_requests (HsDemoServer *server,
                        const char   *path)
{
  g_autoptr(GPtrArray) log = hs_test_log_for_path (server, path);

  return log->len;
}

/* Removes @path and all below it, without following symbolic links. */
void
hs_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        hs_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
hs_test_run_clear (HsTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs `$HONGSHU_CLI [SUBCOMMAND] ARGS…` from @launcher with @stdin_text (nullable) on
 * its standard input, iterating the main loop meanwhile so that an in-process server
 * keeps serving. Skips the test and returns FALSE if HONGSHU_CLI is not set. */
gboolean
hs_test_run_cli (GSubprocessLauncher *launcher,
                 const char          *subcommand,
                 const char * const  *args,
                 const char          *stdin_text,
                 HsTestRun           *run)
{
  const char *cli = g_getenv ("HONGSHU_CLI");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (cli == NULL)
    {
      g_test_skip ("HONGSHU_CLI is not set (run through meson test)");
      return FALSE;
    }

  g_ptr_array_add (argv, (char *) cli);
  if (subcommand != NULL)
    g_ptr_array_add (argv, (char *) subcommand);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8_async (process, stdin_text, NULL, hs_test_store_result_cb, &result);
  hs_test_await_result (&result);
  g_subprocess_communicate_utf8_finish (process, result, &run->out, &run->err, &error);
  g_assert_no_error (error);

  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("stdout: %s\nstderr: %s", run->out, run->err);

  return TRUE;
}

/* The .hongshu.json of a download folder. */
JsonObject *
hs_test_load_manifest (const char *folder)
{
  g_autofree char *path = g_build_filename (folder, ".hongshu.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_dup_object (json_parser_get_root (parser));
}

/* SHA-256 of a file, hex. */
static char *
file_sha256 (const char *path)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  g_autoptr(GBytes) bytes = NULL;

  g_assert_nonnull (mapped);
  bytes = g_mapped_file_get_bytes (mapped);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* Every picture and video of @note_id is in @folder, recorded in its
 * .hongshu.json under the URL the library keeps it by, with the same
 * bytes as the library's copy of it. Returns how many there are. */
guint
hs_test_assert_library_copy (const char *folder,
                             HsLibrary  *library,
                             const char *note_id)
{
  g_autoptr(HsLibraryItem) item = NULL;
  g_autoptr(GHashTable) media = NULL;
  g_autoptr(JsonObject) manifest = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *files;
  HsNote *note;
  guint n_media;

  item = hs_library_get_sync (library, note_id, NULL, &error);
  g_assert_no_error (error);
  note = hs_library_item_get_note (item);
  n_media = g_list_model_get_n_items (hs_note_get_images (note)) +
            g_list_model_get_n_items (hs_note_get_videos (note));
  media = hs_library_get_media_sync (library, note_id, NULL, &error);
  g_assert_no_error (error);

  manifest = hs_test_load_manifest (folder);
  g_assert_nonnull (manifest);
  files = json_object_get_array_member (manifest, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, n_media);
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *entry = json_array_get_object_element (files, i);
      GFile *saved = g_hash_table_lookup (media, json_object_get_string_member (entry, "url"));
      g_autofree char *path = g_build_filename (folder, json_object_get_string_member (entry, "name"), NULL);
      g_autofree char *sha256 = file_sha256 (path);
      g_autofree char *saved_sha256 = NULL;

      g_assert_nonnull (saved);
      saved_sha256 = file_sha256 (g_file_peek_path (saved));
      g_assert_cmpstr (sha256, ==, saved_sha256);
      g_assert_cmpstr (json_object_get_string_member (entry, "sha256"), ==, sha256);
      /* The library keeps one address of each, the one shown. */
      g_assert_false (json_object_has_member (entry, "quality"));
    }
  return n_media;
}
