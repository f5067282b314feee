#include "config.h"

#include "hs-library-browse.h"
#include "hs-library-internal.h"

static void
add_id (sqlite3_stmt *statement,
        gpointer      ids)
{
  g_hash_table_add (ids, g_strdup ((const char *) sqlite3_column_text (statement, 0)));
}

GHashTable *
hs_library_saved_ids_sync (HsLibrary     *self,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);

  if (!hs_library_select (self, "SELECT id FROM notes WHERE saved != 0", NULL, add_id, ids,
                          cancellable, error))
    return NULL;
  return g_steal_pointer (&ids);
}

static void
saved_ids_thread (GTask        *task,
                  gpointer      self,
                  gpointer      data G_GNUC_UNUSED,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  GHashTable *ids = hs_library_saved_ids_sync (self, cancellable, &error);

  if (ids != NULL)
    g_task_return_pointer (task, ids, (GDestroyNotify) g_hash_table_unref);
  else
    g_task_return_error (task, error);
}

void
hs_library_saved_ids_async (HsLibrary          *self,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (HS_IS_LIBRARY (self));
  hs_library_run_in_thread (self, saved_ids_thread, NULL, NULL, hs_library_saved_ids_async,
                            cancellable, callback, user_data);
}

GHashTable *
hs_library_saved_ids_finish (HsLibrary     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
