#include "config.h"

#include <errno.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hs-download-folder.h"
#include "hs-error.h"

/* "NAME (2)" … "NAME (99)". */
#define MAX_NUMBERED 99

typedef struct
{
  GFile              *output_folder;
  char               *name;
  char               *note_id;
  GPtrArray          *keys;
  /* Results. */
  GFile              *folder;
  HsDownloadManifest *manifest;
  GArray             *complete;    /* gboolean per key */
} FolderPick;

static void
folder_pick_free (FolderPick *pick)
{
  g_clear_object (&pick->output_folder);
  g_free (pick->name);
  g_free (pick->note_id);
  g_ptr_array_unref (pick->keys);
  g_clear_object (&pick->folder);
  g_clear_pointer (&pick->manifest, hs_download_manifest_free);
  g_clear_pointer (&pick->complete, g_array_unref);
  g_free (pick);
}

static gboolean
folder_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

static GError *
folder_error (const char *path,
              int         saved_errno)
{
  /* TRANSLATORS: a folder, then the system's reason */
  return g_error_new (HS_ERROR, HS_ERROR_FAILED, _("Could not create the folder “%s”: %s"),
                      path, g_strerror (saved_errno));
}

/* Sets pick->folder and pick->manifest to the first folder that is free
 * or this note's, or fails. */
static gboolean
pick_folder (FolderPick  *pick,
             GError     **error)
{
  g_autofree char *base = g_file_get_path (pick->output_folder);

  if (g_mkdir_with_parents (base, 0777) != 0)
    {
      g_propagate_error (error, folder_error (base, errno));
      return FALSE;
    }

  for (guint n = 1; n <= MAX_NUMBERED; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (pick->name)
                                     : g_strdup_printf ("%s (%u)", pick->name, n);
      g_autofree char *path = g_build_filename (base, name, NULL);
      g_autoptr(GFile) folder = g_file_new_for_path (path);
      g_autoptr(HsDownloadManifest) manifest = NULL;
      g_autoptr(GError) local_error = NULL;

      /* 0777 less the umask, like any folder the user makes. */
      if (g_mkdir (path, 0777) != 0)
        {
          int saved_errno = errno;

          if (saved_errno != EEXIST)
            {
              g_propagate_error (error, folder_error (path, saved_errno));
              return FALSE;
            }
          if (!g_file_test (path, G_FILE_TEST_IS_DIR))
            continue;

          manifest = hs_download_manifest_load (folder, NULL, &local_error);
          if (manifest != NULL)
            {
              /* Another note's folder of the same name. */
              if (g_strcmp0 (hs_download_manifest_get_note_id (manifest), pick->note_id) != 0)
                continue;
            }
          else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
                   !folder_is_empty (path))
            /* Someone's own folder, or a record not ours: leave it be. */
            continue;
        }

      if (manifest == NULL)
        {
          /* Claimed at once, so that the next note of the same name, or
           * another run, sees whose folder it is. */
          manifest = hs_download_manifest_new (pick->note_id);
          if (!hs_download_manifest_save (manifest, folder, NULL, error))
            return FALSE;
        }

      pick->folder = g_steal_pointer (&folder);
      pick->manifest = g_steal_pointer (&manifest);
      return TRUE;
    }

  {
    g_autofree char *path = g_build_filename (base, pick->name, NULL);

    g_propagate_error (error, folder_error (path, EEXIST));
    return FALSE;
  }
}

static void
pick_folder_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  FolderPick *pick = task_data;
  GError *error = NULL;

  if (!pick_folder (pick, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Which files are complete already: recorded, there, and as long. */
  pick->complete = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), pick->keys->len);
  g_array_set_size (pick->complete, pick->keys->len);
  for (guint i = 0; i < pick->keys->len; i++)
    {
      const char *name;
      goffset size;
      GStatBuf st;

      if (hs_download_manifest_lookup (pick->manifest, g_ptr_array_index (pick->keys, i),
                                       &name, &size, NULL))
        {
          g_autofree char *path = g_build_filename (g_file_peek_path (pick->folder), name, NULL);

          if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == size)
            g_array_index (pick->complete, gboolean, i) = TRUE;
        }
    }

  g_task_return_boolean (task, TRUE);
}

void
hs_download_folder_pick_async (GFile               *output_folder,
                               const char          *name,
                               const char          *note_id,
                               GPtrArray           *keys,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FolderPick *pick;

  g_return_if_fail (G_IS_FILE (output_folder));
  g_return_if_fail (name != NULL && keys != NULL);

  pick = g_new0 (FolderPick, 1);
  pick->output_folder = g_object_ref (output_folder);
  pick->name = g_strdup (name);
  pick->note_id = g_strdup (note_id);
  pick->keys = g_ptr_array_ref (keys);

  /* No source object: the caller's last reference to what @user_data
   * holds must go on its own thread, not the worker's. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_download_folder_pick_async);
  g_task_set_task_data (task, pick, (GDestroyNotify) folder_pick_free);
  g_task_run_in_thread (task, pick_folder_thread);
}

gboolean
hs_download_folder_pick_finish (GAsyncResult        *result,
                                GFile              **folder,
                                HsDownloadManifest **manifest,
                                GArray             **complete,
                                GError             **error)
{
  FolderPick *pick;

  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_download_folder_pick_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  pick = g_task_get_task_data (G_TASK (result));
  *folder = g_steal_pointer (&pick->folder);
  *manifest = g_steal_pointer (&pick->manifest);
  *complete = g_steal_pointer (&pick->complete);
  return TRUE;
}
