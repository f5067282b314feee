#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-error.h"
#include "hs-media-loader-internal.h"
#include "hs-media-files.h"

/* The download-to-file path of the media loader: a file downloaded before
 * answers at once; else the body goes to a private part file beside it,
 * which a rename makes appear whole or not at all. */

GFile *
hs_media_fetch_file_for_url (HsMediaLoader *self,
                             const char    *url)
{
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *path = g_build_filename (self->files_dir, name, NULL);

  return g_file_new_for_path (path);
}

static void
delete_part_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_warning ("Could not remove a partial download: %s", error->message);
}

static void
close_part_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GFile) part_file = user_data;

  g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, NULL);
  g_file_delete_async (part_file, G_PRIORITY_LOW, NULL, delete_part_cb, NULL);
}

void
hs_media_fetch_file_discard (HsMediaFetch *fetch)
{
  if (fetch->part_file == NULL)
    return;
  if (fetch->output != NULL)
    g_output_stream_close_async (fetch->output, G_PRIORITY_LOW, NULL,
                                 close_part_cb, g_object_ref (fetch->part_file));
  else
    g_file_delete_async (fetch->part_file, G_PRIORITY_LOW, NULL, delete_part_cb, NULL);
}

/* Fails @fetch with @error (taken): a cancellation as it is, anything
 * else said as a failure to store the file. */
static void
store_failed (HsMediaFetch *fetch,
              GError       *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      GError *wrapped = g_error_new (HS_ERROR, HS_ERROR_FAILED,
                                     _("Could not store the downloaded file: %s"),
                                     error->message);

      g_error_free (error);
      error = wrapped;
    }
  hs_media_fetch_fail (fetch, error);
}

static void
move_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HsMediaFetch *fetch = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_move_finish (G_FILE (object), result, &error))
    {
      store_failed (fetch, g_steal_pointer (&error));
      return;
    }

  g_clear_object (&fetch->part_file);
  hs_media_files_trim (fetch->self->files_dir, fetch->file,
                       (guint64) hs_config_get_media_cache_size_mb (fetch->self->config) * 1024 * 1024 / 2);
  hs_media_fetch_succeed (fetch);
}

static void
close_output_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HsMediaFetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  gboolean closed = g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error);

  g_clear_object (&fetch->output);
  if (!closed)
    {
      store_failed (fetch, g_steal_pointer (&error));
      return;
    }

  /* The rename makes the file appear whole or not at all. */
  g_file_move_async (fetch->part_file, fetch->file, G_FILE_COPY_OVERWRITE,
                     G_PRIORITY_DEFAULT, fetch->cancellable, NULL, NULL, move_cb, fetch);
}

void
hs_media_fetch_file_finish (HsMediaFetch *fetch)
{
  g_output_stream_close_async (fetch->output, G_PRIORITY_DEFAULT, fetch->cancellable,
                               close_output_cb, fetch);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  HsMediaFetch *fetch = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      store_failed (fetch, g_steal_pointer (&error));
      return;
    }

  hs_media_fetch_notify_progress (fetch);
  hs_media_fetch_read_next_chunk (fetch);
}

void
hs_media_fetch_file_write (HsMediaFetch *fetch,
                           const guint8 *data,
                           gsize         size)
{
  g_output_stream_write_all_async (fetch->output, data, size, G_PRIORITY_DEFAULT,
                                   fetch->cancellable, write_cb, fetch);
}

static void
create_part_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HsMediaFetch *fetch = user_data;
  g_autoptr(GError) error = NULL;

  fetch->output = G_OUTPUT_STREAM (g_file_create_finish (G_FILE (object), result, &error));
  if (fetch->output == NULL)
    {
      /* Nothing to remove: the file was not created. */
      g_clear_object (&fetch->part_file);
      store_failed (fetch, g_steal_pointer (&error));
      return;
    }

  fetch->buffer = g_malloc (HS_MEDIA_FETCH_CHUNK_SIZE);
  hs_media_fetch_read_next_chunk (fetch);
}

void
hs_media_fetch_file_open (HsMediaFetch *fetch)
{
  g_autofree char *basename = g_file_get_basename (fetch->file);
  g_autofree char *part_name = g_strdup_printf ("%s.%08x.part", basename, g_random_int ());
  g_autoptr(GFile) parent = g_file_get_parent (fetch->file);

  fetch->part_file = g_file_get_child (parent, part_name);
  g_file_create_async (fetch->part_file, G_FILE_CREATE_PRIVATE, G_PRIORITY_DEFAULT,
                       fetch->cancellable, create_part_cb, fetch);
}

static void
query_cached_file_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  HsMediaFetch *fetch = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      hs_media_fetch_fail (fetch, g_steal_pointer (&error));
      return;
    }

  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
      g_file_info_get_size (info) > 0)
    {
      fetch->received = fetch->total = g_file_info_get_size (info);
      hs_media_files_touch (fetch->file);
      hs_media_fetch_notify_progress (fetch);
      hs_media_fetch_succeed (fetch);
      return;
    }

  hs_media_fetch_start_download (fetch);
}

void
hs_media_fetch_file_start (HsMediaFetch *fetch)
{
  g_file_query_info_async (fetch->file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, fetch->cancellable,
                           query_cached_file_cb, fetch);
}
