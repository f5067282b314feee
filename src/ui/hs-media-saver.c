#include "config.h"

#include <string.h>

#include "hs-download-file.h"
#include "hs-media-actions.h"
#include "hs-media-page.h"
#include "hs-media-saver.h"
#include "hs-video.h"


typedef struct
{
  GListModel *items;
  GFile      *folder;
  GPtrArray  *stems;
  guint       index;
  guint       n_saved;
  GError     *first_error;
  GBytes     *bytes;
  HsMediaLoader        *loader;
  HsMediaSaverProgress  progress;
  gpointer              progress_data;
} SaveAll;

static void
save_all_free (SaveAll *save)
{
  g_clear_object (&save->items);
  g_clear_object (&save->folder);
  g_clear_pointer (&save->stems, g_ptr_array_unref);
  g_clear_error (&save->first_error);
  g_clear_pointer (&save->bytes, g_bytes_unref);
  g_clear_object (&save->loader);
  g_free (save);
}

static void save_next (GTask *task);

static void
save_item_done (GTask  *task,
                GError *error)
{
  SaveAll *save = g_task_get_task_data (task);

  if (error == NULL)
    {
      save->n_saved++;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  else
    {
      g_debug ("Saving item %u failed: %s", save->index + 1, error->message);
      if (save->first_error == NULL)
        save->first_error = g_steal_pointer (&error);
      g_clear_error (&error);
    }

  g_clear_pointer (&save->bytes, g_bytes_unref);
  save->index++;
  save_next (task);
}

static void
save_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  hs_download_file_run_finish (HS_DOWNLOAD_FILE (object), result, &error);
  save_item_done (task, error);
}

/* The batch download's rules for each file (hs-download-file.h): written
 * under a temporary name and renamed when complete, never over a file
 * already there (a second Save All gives "title-01 (2).jpg"), with the
 * user's umask for pictures and videos alike. */
static void
save_file (GTask          *task,
           HsDownloadFile *file)
{
  hs_download_file_set_reuse_identical (file, FALSE);
  hs_download_file_run_async (file, g_task_get_cancellable (task), save_file_cb, task);
  /* The run holds it. */
  g_object_unref (file);
}

static void
save_bytes_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  SaveAll *save = g_task_get_task_data (task);
  g_autofree char *content_type = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;
  GObject *item;
  char *dot;

  save->bytes = hs_media_loader_load_bytes_finish (HS_MEDIA_LOADER (object), result, &content_type, &error);
  if (save->bytes == NULL)
    {
      save_item_done (task, error);
      return;
    }

  item = g_list_model_get_item (save->items, save->index);
  name = hs_media_file_name_for (hs_media_item_get_url (item), content_type,
                                 g_ptr_array_index (save->stems, save->index));
  g_object_unref (item);

  /* "title-01.jpg": the stem and the extension the bytes call for. */
  dot = strrchr (name, '.');
  if (dot != NULL && dot != name)
    *dot++ = '\0';
  save_file (task, hs_download_file_new_for_bytes (save->folder, name, dot != NULL ? dot : "bin",
                                                   save->bytes));
}

static void
save_video_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  SaveAll *save = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;
  GError *error = NULL;

  file = hs_media_loader_load_to_file_finish (HS_MEDIA_LOADER (object), result, &error);
  if (file == NULL)
    {
      save_item_done (task, error);
      return;
    }

  /* Copied from the cache; the extension from the bytes (the cached
   * file's name says nothing), the mode from the umask, not the cache's. */
  save_file (task, hs_download_file_new_for_file (save->folder, g_ptr_array_index (save->stems, save->index),
                                                  NULL, file));
}

static void
save_next (GTask *task)
{
  SaveAll *save = g_task_get_task_data (task);
  guint n_items = g_list_model_get_n_items (save->items);
  g_autoptr(GObject) item = NULL;

  if (save->progress != NULL)
    save->progress (save->index, n_items, save->progress_data);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (save->index >= n_items)
    {
      if (save->n_saved == 0 && save->first_error != NULL)
        g_task_return_error (task, g_steal_pointer (&save->first_error));
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  item = g_list_model_get_item (save->items, save->index);
  if (HS_IS_VIDEO (item))
    hs_media_loader_load_to_file_async (save->loader, hs_media_item_get_url (item), NULL, NULL,
                                        g_task_get_cancellable (task), save_video_loaded_cb, task);
  else
    hs_media_loader_load_bytes_async (save->loader, hs_media_item_get_url (item),
                                      g_task_get_cancellable (task), save_bytes_loaded_cb, task);
}

void
hs_media_saver_save_async (gpointer              source_object,
                           HsMediaLoader        *loader,
                           GListModel           *items,
                           GPtrArray            *stems,
                           GFile                *folder,
                           HsMediaSaverProgress  progress,
                           gpointer              progress_data,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  GTask *task;
  SaveAll *save;

  g_return_if_fail (HS_IS_MEDIA_LOADER (loader));
  g_return_if_fail (G_IS_LIST_MODEL (items));
  g_return_if_fail (stems != NULL && stems->len == g_list_model_get_n_items (items));
  g_return_if_fail (G_IS_FILE (folder));

  save = g_new0 (SaveAll, 1);
  save->loader = g_object_ref (loader);
  save->items = g_object_ref (items);
  save->stems = g_ptr_array_ref (stems);
  save->folder = g_object_ref (folder);
  save->progress = progress;
  save->progress_data = progress_data;

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_media_saver_save_async);
  g_task_set_task_data (task, save, (GDestroyNotify) save_all_free);

  save_next (task);
}

gboolean
hs_media_saver_save_finish (GAsyncResult  *result,
                            guint         *n_saved,
                            guint         *n_items,
                            GError       **error)
{
  SaveAll *save;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_media_saver_save_async, FALSE);

  save = g_task_get_task_data (G_TASK (result));
  if (n_saved != NULL)
    *n_saved = save->n_saved;
  if (n_items != NULL)
    *n_items = g_list_model_get_n_items (save->items);

  return g_task_propagate_boolean (G_TASK (result), error);
}
