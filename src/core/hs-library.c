#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hs-error.h"
#include "hs-library-internal.h"
#include "hs-library-tokenizer.h"

G_DEFINE_FINAL_TYPE (HsLibrary, hs_library, G_TYPE_OBJECT)

/* Another process (the app, hongshu-cli) may hold the write lock: wait
 * this long for it before failing with "database is locked". */
#define BUSY_TIMEOUT_MS 10000

static void
close_locked (HsLibrary *self)
{
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
}

enum {
  CATEGORIES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
hs_library_finalize (GObject *object)
{
  HsLibrary *self = HS_LIBRARY (object);

  close_locked (self);
  g_mutex_clear (&self->lock);
  g_free (self->data_dir);
  g_free (self->db_path);
  g_free (self->media_dir);
  g_free (self->recovery_message);
  g_main_context_unref (self->main_context);

  G_OBJECT_CLASS (hs_library_parent_class)->finalize (object);
}

static void
hs_library_class_init (HsLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_library_finalize;

  signals[CATEGORIES_CHANGED] =
    g_signal_new ("categories-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hs_library_init (HsLibrary *self)
{
  g_mutex_init (&self->lock);
  self->import_batch = HS_LIBRARY_IMPORT_BATCH;
  self->main_context = g_main_context_ref_thread_default ();
}

static void
weak_ref_free (GWeakRef *weak)
{
  g_weak_ref_clear (weak);
  g_free (weak);
}

static gboolean
emit_categories_changed_cb (gpointer data)
{
  g_autoptr(HsLibrary) self = g_weak_ref_get (data);

  if (self != NULL)
    g_signal_emit (self, signals[CATEGORIES_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

void
hs_library_emit_categories_changed (HsLibrary *self)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  /* A weak reference: a library dropped meanwhile (or a CLI that never
   * runs its main loop again) is not kept alive for it. */
  g_weak_ref_init (weak, self);
  g_source_set_callback (source, emit_categories_changed_cb, weak, (GDestroyNotify) weak_ref_free);
  g_source_set_static_name (source, "[hongshu] categories-changed");
  g_source_attach (source, self->main_context);
}

HsLibrary *
hs_library_new (const char *data_dir)
{
  HsLibrary *self = g_object_new (HS_TYPE_LIBRARY, NULL);

  if (data_dir != NULL)
    self->data_dir = g_strdup (data_dir);
  else
    self->data_dir = g_build_filename (g_get_user_data_dir (), "hongshu", NULL);
  self->db_path = g_build_filename (self->data_dir, "library.db", NULL);
  self->media_dir = g_build_filename (self->data_dir, "media", NULL);

  return self;
}

const char *
hs_library_get_recovery_message (HsLibrary *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  return self->recovery_message;
}

/* Low-level helpers */

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  int          rc)
{
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  /* TRANSLATORS: %s is SQLite's own message, in English */
  g_set_error (error, HS_ERROR, HS_ERROR_FAILED, _("Library database error: %s"), message);
}

void
hs_library_set_db_error (HsLibrary  *self,
                         GError    **error)
{
  set_sqlite_error (error, self->db, sqlite3_errcode (self->db));
}

gboolean
hs_library_exec_on (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc);
      return FALSE;
    }
  return TRUE;
}

gboolean
hs_library_exec (HsLibrary   *self,
                 const char  *sql,
                 GError     **error)
{
  return hs_library_exec_on (self->db, sql, error);
}

sqlite3_stmt *
hs_library_statement (HsLibrary   *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *statement = g_hash_table_lookup (self->statements, sql);

  if (statement != NULL)
    {
      sqlite3_reset (statement);
      sqlite3_clear_bindings (statement);
      return statement;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL) != SQLITE_OK)
    {
      hs_library_set_db_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, statement);

  return statement;
}

void
hs_library_bind_text (sqlite3_stmt *statement,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (statement, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (statement, index);
}

sqlite3 *
hs_library_lock (HsLibrary  *self,
                 GError    **error)
{
  g_mutex_lock (&self->lock);
  if (self->db == NULL)
    {
      g_mutex_unlock (&self->lock);
      g_set_error_literal (error, HS_ERROR, HS_ERROR_FAILED, _("The library is not open"));
      return NULL;
    }
  return self->db;
}

void
hs_library_unlock (HsLibrary *self)
{
  g_mutex_unlock (&self->lock);
}

gboolean
hs_library_step_done (HsLibrary     *self,
                      sqlite3_stmt  *statement,
                      GError       **error)
{
  if (sqlite3_step (statement) == SQLITE_DONE)
    return TRUE;
  hs_library_set_db_error (self, error);
  return FALSE;
}

gboolean
hs_library_run_for_row (HsLibrary   *self,
                        const char  *sql,
                        gint64       num,
                        GError     **error)
{
  sqlite3_stmt *statement = hs_library_statement (self, sql, error);
  gboolean ok;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, num);
  ok = hs_library_step_done (self, statement, error);
  sqlite3_reset (statement);
  return ok;
}

gboolean
hs_library_select_locked (HsLibrary        *self,
                          const char       *sql,
                          const char       *param,
                          HsLibraryRowFunc  func,
                          gpointer          user_data,
                          GError          **error)
{
  sqlite3_stmt *statement = hs_library_statement (self, sql, error);
  int rc;

  if (statement == NULL)
    return FALSE;
  if (param != NULL)
    hs_library_bind_text (statement, 1, param);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    func (statement, user_data);
  if (rc != SQLITE_DONE)
    hs_library_set_db_error (self, error);
  sqlite3_reset (statement);
  return rc == SQLITE_DONE;
}

gboolean
hs_library_select (HsLibrary        *self,
                   const char       *sql,
                   const char       *param,
                   HsLibraryRowFunc  func,
                   gpointer          user_data,
                   GCancellable     *cancellable,
                   GError          **error)
{
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (hs_library_lock (self, error) == NULL)
    return FALSE;
  ok = hs_library_select_locked (self, sql, param, func, user_data, error);
  hs_library_unlock (self);
  return ok;
}

/* Threads */

void
hs_library_run_in_thread (HsLibrary          *self,
                          GTaskThreadFunc     func,
                          gpointer            data,
                          GDestroyNotify      data_free,
                          gpointer            source_tag,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, data_free);
  /* A cancelled call returns at once; the work already started finishes
   * its transaction first, so nothing is left half written. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, func);
}

/* Opening */

/* The checks a file that is no database, or one with a broken header
 * or schema, fails: SQLITE_NOTADB or SQLITE_CORRUPT. */
static int
probe (sqlite3 *db)
{
  int version;
  int rc = hs_library_user_version (db, &version);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc == SQLITE_OK && version >= 2)
    rc = sqlite3_exec (db, "SELECT num FROM notes LIMIT 1", NULL, NULL, NULL);
  return rc;
}

static int
connect (HsLibrary  *self,
         GError    **error)
{
  int rc;

  rc = sqlite3_open_v2 (self->db_path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      /* TRANSLATORS: %s is a file name, then SQLite's message */
      g_set_error (error, HS_ERROR, HS_ERROR_FAILED, _("Cannot open the library %s: %s"),
                   self->db_path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return rc;
    }

  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 0);

  rc = probe (self->db);
  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    return rc;
  if (rc != SQLITE_OK)
    {
      hs_library_set_db_error (self, error);
      return rc;
    }

  /* WAL: readers never wait for the writer, and a crash or kill -9
   * rolls back whatever transaction was not committed. NORMAL is safe
   * against a killed process; only a power cut can lose the last
   * commits, never consistency. */
  /* A larger page cache (32 MiB, allocated only as used) keeps a big
   * import's index pages in memory instead of spilling them to the WAL.
   * No mmap: it saved 3 ms a search, but an I/O error or a file cut
   * short under it is a SIGBUS, not an error the library can report. */
  if (!hs_library_exec_on (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                          "PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768", error))
    return SQLITE_ERROR;

  return SQLITE_OK;
}

static gboolean
move_aside (HsLibrary  *self,
            GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", self->db_path, stamp);
  static const char * const suffixes[] = { "-wal", "-shm" };

  if (g_rename (self->db_path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HS_ERROR, HS_ERROR_FAILED,
                   _("The library %s is damaged and cannot be moved aside: %s"),
                   self->db_path, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->db_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  g_free (self->recovery_message);
  self->recovery_message =
    g_strdup_printf (_("The library file was damaged. It was moved to %s and a new, empty library was started."),
                     aside);
  return TRUE;
}

gboolean
hs_library_open_sync (HsLibrary     *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  int rc;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);

  if (self->db != NULL)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HS_ERROR, HS_ERROR_FAILED, _("Cannot create the folder %s: %s"),
                   self->data_dir, g_strerror (saved_errno));
      return FALSE;
    }

  rc = connect (self, error);
  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    {
      g_debug ("Library %s is damaged (%s); moving it aside", self->db_path, sqlite3_errstr (rc));
      close_locked (self);
      if (!move_aside (self, error))
        return FALSE;
      rc = connect (self, error);
      if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
        hs_library_set_db_error (self, error);
    }
  if (rc != SQLITE_OK)
    {
      close_locked (self);
      return FALSE;
    }

  self->statements = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sqlite3_finalize);

  if (!hs_library_tokenizer_register (self->db, error) ||
      !hs_library_prepare_schema (self, error))
    {
      close_locked (self);
      return FALSE;
    }

  return TRUE;
}

static void
open_thread (GTask        *task,
             gpointer      self,
             gpointer      data G_GNUC_UNUSED,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (hs_library_open_sync (self, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hs_library_open_async (HsLibrary          *self,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_return_if_fail (HS_IS_LIBRARY (self));
  hs_library_run_in_thread (self, open_thread, NULL, NULL, hs_library_open_async,
                            cancellable, callback, user_data);
}

gboolean
hs_library_open_finish (HsLibrary     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
hs_library_close (HsLibrary *self)
{
  g_return_if_fail (HS_IS_LIBRARY (self));

  g_mutex_lock (&self->lock);
  close_locked (self);
  g_mutex_unlock (&self->lock);
}
