#include "config.h"

#include "hs-media-loader-internal.h"
#include "hs-media-sniff.h"

/* A saved note's media are files of the library: read them from disk,
 * not from the CDN, so the note shows without the network. */

void
hs_media_loader_add_local_files (HsMediaLoader *self,
                                 GHashTable    *files)
{
  GHashTableIter iter;
  gpointer url, file;

  g_return_if_fail (HS_IS_MEDIA_LOADER (self));
  g_return_if_fail (files != NULL);

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &url, &file))
    g_hash_table_replace (self->local_files, g_strdup (url), g_object_ref (G_FILE (file)));
}

static void
local_bytes_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gsize size;
  const guint8 *data;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_bytes_get_data (bytes, &size);
  g_task_set_task_data (task, hs_media_sniff_content_type (data, size, NULL), g_free);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

gboolean
hs_media_local_load (HsMediaLoader *self,
                     const char    *url,
                     gboolean       to_file,
                     GTask         *task)
{
  GFile *file = g_hash_table_lookup (self->local_files, url);

  if (file == NULL)
    return FALSE;

  if (to_file)
    g_task_return_pointer (task, g_object_ref (file), g_object_unref);
  else
    g_file_load_bytes_async (file, g_task_get_cancellable (task), local_bytes_cb, g_object_ref (task));
  return TRUE;
}
