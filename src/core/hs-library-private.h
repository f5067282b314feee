#pragma once

#include <sqlite3.h>

#include "hs-library.h"

G_BEGIN_DECLS

/* Shared by the parts of HsLibrary in separate files (export, import).
 * Every function here runs with the connection locked. */

/* An import commits after this many lines (hs-library-import.c), and
 * one of at least as many notes merges the search index at its end. */
#define HS_LIBRARY_IMPORT_BATCH 5000
/* For tests: a smaller batch. */
void      hs_library_set_import_batch (HsLibrary      *self,
                                       guint           n_lines);

/* Returns: (transfer none): the open connection, locked; NULL with @error
 * when the library is not open. Unlock with hs_library_unlock(). */
sqlite3  *hs_library_lock            (HsLibrary       *self,
                                      GError         **error);
void      hs_library_unlock          (HsLibrary       *self);

/* Emits "categories-changed" soon, in the object's main context; any
 * thread, without the lock. */
void      hs_library_emit_categories_changed (HsLibrary *self);

/* A statement prepared once per connection and reset for reuse. */
sqlite3_stmt *hs_library_statement   (HsLibrary       *self,
                                      const char      *sql,
                                      GError         **error);
gboolean  hs_library_exec            (HsLibrary       *self,
                                      const char      *sql,
                                      GError         **error);
void      hs_library_set_db_error    (HsLibrary       *self,
                                      GError         **error);

/* Inserts or updates @note. @json: (nullable): its normalised form when
 * the caller has it. @saved only ever turns saved on. @num: (out) (optional):
 * its row. */
gboolean  hs_library_put_note_locked (HsLibrary       *self,
                                      HsNote          *note,
                                      const char      *json,
                                      const char      *source,
                                      const char      *link,
                                      gboolean         saved,
                                      gint64           opened,
                                      gint64          *num,
                                      GError         **error);

/* Runs @func in a worker thread, with @self as the task's source object
 * and @data (freed with @data_free) as its task data; the task's result is
 * what @func returns through g_task_return_*(). A cancelled call still
 * waits for its transaction to end. */
void      hs_library_run_in_thread   (HsLibrary        *self,
                                      GTaskThreadFunc   func,
                                      gpointer          data,
                                      GDestroyNotify    data_free,
                                      gpointer          source_tag,
                                      GCancellable     *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer          user_data);

/* A copy of @query that owns its strings; free with hs_library_query_free(). */
HsLibraryQuery *hs_library_query_copy (const HsLibraryQuery *query);
void            hs_library_query_free (HsLibraryQuery       *query);

/* The SQL of schema version 1, to test the migration from it. */
const char *hs_library_schema_v1 (void);

G_END_DECLS
