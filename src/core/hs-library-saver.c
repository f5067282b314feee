#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-image.h"
#include "hs-library-saver.h"
#include "hs-video.h"

typedef struct
{
  HsNote     *note;
  char       *source;
  char       *link;
  GHashTable *media;     /* URL → GBytes */
  GPtrArray  *urls;      /* still to fetch */
  guint       pending;
  GError     *error;     /* the first failure */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->note);
  g_free (job->source);
  g_free (job->link);
  g_clear_pointer (&job->media, g_hash_table_unref);
  g_clear_pointer (&job->urls, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (hs_library_write_finish (HS_LIBRARY (object), result, &error))
    g_task_return_int (task, g_hash_table_size (job->media));
  else
    g_task_return_error (task, error);
}

static void
media_done (GTask *task)
{
  SaveJob *job = g_task_get_task_data (task);

  if (--job->pending > 0)
    {
      g_object_unref (task);
      return;
    }

  if (job->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&job->error));
      g_object_unref (task);
      return;
    }

  hs_library_write_async (g_task_get_source_object (task), HS_LIBRARY_WRITE_SAVE, job->note,
                          job->source, job->link, job->media, g_task_get_cancellable (task),
                          saved_cb, task);
}

typedef struct
{
  GTask *task;
  char  *url;
} Fetch;

/* Keeps @bytes of @fetch's URL, or the first error, and frees @fetch. */
static void
fetch_done (Fetch  *fetch,
            GBytes *bytes,
            GError *error)
{
  SaveJob *job = g_task_get_task_data (fetch->task);

  if (bytes != NULL)
    g_hash_table_insert (job->media, g_strdup (fetch->url), g_bytes_ref (bytes));
  else if (job->error == NULL)
    /* TRANSLATORS: %s is a media URL, then why it could not be fetched */
    job->error = g_error_new (error->domain, error->code, _("Cannot save %s: %s"), fetch->url, error->message);

  media_done (fetch->task);
  g_free (fetch->url);
  g_free (fetch);
}

/* The bytes of a picture from the loader, or of a video from the file it
 * streamed to. */
static void
bytes_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (G_IS_FILE (object))
    bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  else
    bytes = hs_media_loader_load_bytes_finish (HS_MEDIA_LOADER (object), result, NULL, &error);
  fetch_done (user_data, bytes, error);
}

static void
fetched_file_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = hs_media_loader_load_to_file_finish (HS_MEDIA_LOADER (object), result, &error);

  if (file == NULL)
    {
      fetch_done (fetch, NULL, error);
      return;
    }
  /* Videos stream to the loader's cache first; the library keeps its own copy, as
   * the cache may evict it. Read off the main thread: a video is megabytes. */
  g_file_load_bytes_async (file, g_task_get_cancellable (fetch->task), bytes_cb, fetch);
}

static void
start_fetch (GTask         *task,
             HsMediaLoader *loader,
             const char    *url,
             gboolean       to_file)
{
  SaveJob *job = g_task_get_task_data (task);
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->task = g_object_ref (task);
  fetch->url = g_strdup (url);
  job->pending++;
  if (to_file)
    hs_media_loader_load_to_file_async (loader, fetch->url, NULL, NULL, g_task_get_cancellable (task),
                                        fetched_file_cb, fetch);
  else
    hs_media_loader_load_bytes_async (loader, fetch->url, g_task_get_cancellable (task),
                                      bytes_cb, fetch);
}

void
hs_library_save_with_media_async (HsLibrary          *library,
                                  HsMediaLoader      *loader,
                                  HsNote             *note,
                                  const char         *source,
                                  const char         *link,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  GTask *task;
  SaveJob *job;
  GListModel *images;
  GListModel *videos;

  g_return_if_fail (HS_IS_LIBRARY (library));
  g_return_if_fail (HS_IS_MEDIA_LOADER (loader));
  g_return_if_fail (HS_IS_NOTE (note));

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_library_save_with_media_async);
  job = g_new0 (SaveJob, 1);
  job->note = g_object_ref (note);
  job->source = g_strdup (source);
  job->link = g_strdup (link);
  job->media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  g_task_set_task_data (task, job, (GDestroyNotify) save_job_free);

  /* One reference for this function, one per fetch. */
  job->pending = 1;
  images = hs_note_get_images (note);
  videos = hs_note_get_videos (note);
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(HsImage) image = g_list_model_get_item (images, i);

      start_fetch (task, loader, hs_image_get_url (image), FALSE);
    }
  for (guint i = 0; i < g_list_model_get_n_items (videos); i++)
    {
      g_autoptr(HsVideo) video = g_list_model_get_item (videos, i);

      start_fetch (task, loader, hs_video_get_url (video), TRUE);
      if (hs_video_get_cover_url (video) != NULL)
        start_fetch (task, loader, hs_video_get_cover_url (video), FALSE);
    }

  media_done (task);
}

gboolean
hs_library_save_with_media_finish (HsLibrary     *library,
                                   GAsyncResult  *result,
                                   guint         *n_media,
                                   GError       **error)
{
  GError *local_error = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, library), FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (n_media != NULL)
    *n_media = (guint) value;
  return TRUE;
}
