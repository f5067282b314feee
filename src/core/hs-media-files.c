#include "config.h"

#include <gio/gio.h>

#include "hs-media-files.h"

/* The files of HsMediaLoader's load_to_file (videos) on disk: kept within
 * their budget, least recently used out first, and removed on request. */

/* The downloaded files share media-cache-size-mb with the HTTP cache, half
 * each; the least recently used go first. */
typedef struct
{
  char    *dir;
  char    *keep;
  guint64  budget;
} Trim;

static void
trim_free (Trim *trim)
{
  g_free (trim->dir);
  g_free (trim->keep);
  g_free (trim);
}

static int
compare_modified (gconstpointer a,
                  gconstpointer b)
{
  GFileInfo *info_a = *(GFileInfo * const *) a;
  GFileInfo *info_b = *(GFileInfo * const *) b;
  guint64 time_a = g_file_info_get_attribute_uint64 (info_a, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  guint64 time_b = g_file_info_get_attribute_uint64 (info_b, G_FILE_ATTRIBUTE_TIME_MODIFIED);

  return time_a < time_b ? -1 : time_a > time_b ? 1 : 0;
}

static void
trim_files_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Trim *trim = task_data;
  g_autoptr(GFile) dir = g_file_new_for_path (trim->dir);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  guint64 total = 0;
  GFileInfo *info;

  children = g_file_enumerate_children (dir,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
          g_str_has_suffix (name, ".part"))
        {
          /* Downloads in progress are not ours to judge. */
          g_object_unref (info);
          continue;
        }
      total += (guint64) g_file_info_get_size (info);
      g_ptr_array_add (files, info);
    }

  g_ptr_array_sort (files, compare_modified);
  for (guint i = 0; i < files->len && total > trim->budget; i++)
    {
      GFileInfo *oldest = g_ptr_array_index (files, i);
      g_autoptr(GFile) child = NULL;

      if (g_strcmp0 (g_file_info_get_name (oldest), trim->keep) == 0)
        continue;
      child = g_file_get_child (dir, g_file_info_get_name (oldest));
      if (g_file_delete (child, NULL, NULL))
        total -= (guint64) g_file_info_get_size (oldest);
    }

  g_task_return_boolean (task, TRUE);
}

void
hs_media_files_trim (const char *dir,
                     GFile      *keep,
                     guint64     budget)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);
  Trim *trim = g_new0 (Trim, 1);

  trim->dir = g_strdup (dir);
  trim->keep = g_file_get_basename (keep);
  trim->budget = budget;
  g_task_set_source_tag (task, hs_media_files_trim);
  g_task_set_task_data (task, trim, (GDestroyNotify) trim_free);
  g_task_run_in_thread (task, trim_files_thread);
}

static void
touch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_file_set_attributes_finish (G_FILE (object), result, NULL, NULL);
}

void
hs_media_files_touch (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_info_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_file_info_set_modification_date_time (info, now);
  g_file_set_attributes_async (file, info, G_FILE_QUERY_INFO_NONE, G_PRIORITY_LOW, NULL,
                               touch_cb, NULL);
}

static void
clear_files_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *files_dir = task_data;
  g_autoptr(GFile) dir = g_file_new_for_path (files_dir);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &error);
  if (children == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  while ((info = g_file_enumerator_next_file (children, cancellable, &error)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (owned));
      g_autoptr(GError) delete_error = NULL;

      /* A download in progress may remove its part file meanwhile. */
      if (!g_file_delete (child, cancellable, &delete_error) &&
          !g_error_matches (delete_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_task_return_error (task, g_steal_pointer (&delete_error));
          return;
        }
    }

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
hs_media_files_clear_in_thread (GTask      *task,
                                const char *dir)
{
  g_task_set_task_data (task, g_strdup (dir), g_free);
  g_task_run_in_thread (task, clear_files_thread);
}
