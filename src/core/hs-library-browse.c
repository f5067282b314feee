#include "config.h"

#include "hs-library-browse.h"
#include "hs-library-private.h"

GHashTable *
hs_library_saved_ids_sync (HsLibrary     *self,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (hs_library_lock (self, error) == NULL)
    return NULL;
  statement = hs_library_statement (self, "SELECT id FROM notes WHERE saved != 0", error);
  if (statement == NULL)
    {
      hs_library_unlock (self);
      return NULL;
    }
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_hash_table_add (ids, g_strdup ((const char *) sqlite3_column_text (statement, 0)));
  if (rc != SQLITE_DONE)
    hs_library_set_db_error (self, error);
  sqlite3_reset (statement);
  hs_library_unlock (self);

  return rc == SQLITE_DONE ? g_steal_pointer (&ids) : NULL;
}

static void
saved_ids_thread (HsLibrary    *self,
                  GTask        *task,
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
