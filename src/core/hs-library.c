#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hs-error.h"
#include "hs-image.h"
#include "hs-library-private.h"
#include "hs-library-tokenizer.h"
#include "hs-media-loader.h"
#include "hs-note-json.h"
#include "hs-note-parser.h"
#include "hs-plain-text.h"
#include "hs-video.h"

struct _HsLibrary
{
  GObject     parent_instance;

  char       *data_dir;
  char       *db_path;
  char       *media_dir;
  char       *recovery_message;

  /* One connection, used by one thread at a time. */
  GMutex      lock;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text (static) → sqlite3_stmt */
};

G_DEFINE_FINAL_TYPE (HsLibrary, hs_library, G_TYPE_OBJECT)

/* Another process (the app, hongshu-cli) may hold the write lock: wait
 * this long for it before failing with "database is locked". */
#define BUSY_TIMEOUT_MS 10000

/* The first schema, as version 1 wrote it: kept to test the migration. */
static const char schema_v1[] =
  "CREATE TABLE notes ("
  "  id TEXT PRIMARY KEY,"
  "  json TEXT NOT NULL,"
  "  source TEXT,"
  "  link TEXT,"
  "  first_opened INTEGER NOT NULL,"
  "  last_opened INTEGER NOT NULL,"
  "  saved INTEGER NOT NULL DEFAULT 0);";

/* Version 2. notes.num is an INTEGER PRIMARY KEY because the full-text
 * index and the other tables refer to notes by rowid, which VACUUM may
 * renumber unless it is declared. */
static const char schema_v2_tables[] =
  "CREATE TABLE note_tags ("
  "  note INTEGER NOT NULL REFERENCES notes(num) ON DELETE CASCADE,"
  "  tag TEXT NOT NULL,"
  "  PRIMARY KEY (tag, note)) WITHOUT ROWID;"
  "CREATE INDEX note_tags_note ON note_tags(note);"
  "CREATE TABLE media ("
  "  sha256 TEXT PRIMARY KEY,"
  "  size INTEGER NOT NULL,"
  "  content_type TEXT) WITHOUT ROWID;"
  "CREATE TABLE note_media ("
  "  note INTEGER NOT NULL REFERENCES notes(num) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  url TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL REFERENCES media(sha256),"
  "  PRIMARY KEY (note, url)) WITHOUT ROWID;"
  "CREATE INDEX note_media_sha256 ON note_media(sha256);"
  "CREATE TABLE categories ("
  "  name TEXT NOT NULL,"
  "  tag TEXT NOT NULL,"
  "  PRIMARY KEY (name, tag)) WITHOUT ROWID;"
  "CREATE INDEX categories_tag ON categories(tag);"
  "CREATE VIRTUAL TABLE notes_fts USING fts5("
  "  title, body, tags, author, tokenize = '" HS_LIBRARY_TOKENIZER_NAME "');"
  /* Bigger in-memory batches (8 MiB, not 1) and merges of 8 segments,
   * not 4: the index is written and rewritten less during a big import. */
  "INSERT INTO notes_fts (notes_fts, rank) VALUES ('hashsize', 8388608);"
  "INSERT INTO notes_fts (notes_fts, rank) VALUES ('automerge', 8);";

static const char schema_v2_notes[] =
  "CREATE TABLE notes ("
  "  num INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  source TEXT,"
  "  link TEXT,"
  "  author_id TEXT,"
  "  author_name TEXT,"
  "  publish_time INTEGER,"
  "  first_opened INTEGER NOT NULL,"
  "  last_opened INTEGER NOT NULL,"
  "  saved INTEGER NOT NULL DEFAULT 0,"
  /* Last: a column after it would be read through its overflow pages. */
  "  json TEXT NOT NULL);"
  "CREATE INDEX notes_last_opened ON notes(last_opened);"
  "CREATE INDEX notes_author_id ON notes(author_id);"
  "CREATE INDEX notes_author_name ON notes(author_name);";

void
hs_library_tag_count_free (HsLibraryTagCount *count)
{
  if (count == NULL)
    return;
  g_free (count->tag);
  g_free (count);
}

void
hs_library_category_free (HsLibraryCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->name);
  g_strfreev (category->tags);
  g_free (category);
}

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

  G_OBJECT_CLASS (hs_library_parent_class)->finalize (object);
}

static void
hs_library_class_init (HsLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_library_finalize;
}

static void
hs_library_init (HsLibrary *self)
{
  g_mutex_init (&self->lock);
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
hs_library_get_data_dir (HsLibrary *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  return self->data_dir;
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

static gboolean
exec_on (sqlite3     *db,
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
  return exec_on (self->db, sql, error);
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

static void
bind_text (sqlite3_stmt *statement,
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

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Threads */

typedef struct
{
  HsLibraryJobFunc func;
  gpointer         data;
  GDestroyNotify   data_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;

  job->func (HS_LIBRARY (source_object), task, job->data, cancellable);
}

void
hs_library_run_in_thread (HsLibrary          *self,
                          HsLibraryJobFunc    func,
                          gpointer            data,
                          GDestroyNotify      data_free,
                          gpointer            source_tag,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->data_free = data_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  /* A cancelled call returns at once; the work already started finishes
   * its transaction first, so nothing is left half written. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, job_thread);
}

/* Opening, schema, migration */

static int
user_version (sqlite3 *db,
              int     *version)
{
  sqlite3_stmt *statement = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &statement, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (statement);
      if (rc == SQLITE_ROW)
        {
          *version = sqlite3_column_int (statement, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (statement);
  return rc;
}

static gboolean
set_user_version (sqlite3  *db,
                  int       version,
                  GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);

  return exec_on (db, sql, error);
}

/* Fills the derived tables (search index, tags) of note @num. */
static gboolean
index_note (HsLibrary  *self,
            gint64      num,
            HsNote     *note,
            gboolean    is_new,
            GError    **error)
{
  const char * const *tags = hs_note_get_tags (note);
  HsAuthor *author = hs_note_get_author (note);
  g_autofree char *tag_text = g_strjoinv (" ", (char **) tags);
  g_autofree char *body = NULL;
  sqlite3_stmt *statement;
  const char *content = hs_note_get_content (note);

  if (!is_new)
    {
      statement = hs_library_statement (self, "DELETE FROM notes_fts WHERE rowid = ?1", error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_int64 (statement, 1, num);
      if (sqlite3_step (statement) != SQLITE_DONE)
        goto fail;

      statement = hs_library_statement (self, "DELETE FROM note_tags WHERE note = ?1", error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_int64 (statement, 1, num);
      if (sqlite3_step (statement) != SQLITE_DONE)
        goto fail;
    }

  /* The body is HTML: its text is indexed, so a search neither finds
   * tag names nor shows markup in snippets. The match markers of
   * snippets must not come from the text itself. */
  if (content != NULL)
    {
      body = hs_plain_text_from_html (content);
      for (char *p = body; *p != '\0'; p++)
        if (*p == HS_LIBRARY_MATCH_START[0] || *p == HS_LIBRARY_MATCH_END[0])
          *p = ' ';
    }

  statement = hs_library_statement (self,
                                    "INSERT INTO notes_fts (rowid, title, body, tags, author) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5)",
                                    error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, num);
  bind_text (statement, 2, hs_note_get_title (note));
  bind_text (statement, 3, body);
  bind_text (statement, 4, tag_text);
  bind_text (statement, 5, author != NULL ? hs_author_get_nickname (author) : NULL);
  if (sqlite3_step (statement) != SQLITE_DONE)
    goto fail;

  for (guint i = 0; tags[i] != NULL; i++)
    {
      statement = hs_library_statement (self,
                                        "INSERT OR IGNORE INTO note_tags (note, tag) VALUES (?1, ?2)",
                                        error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_int64 (statement, 1, num);
      bind_text (statement, 2, tags[i]);
      if (sqlite3_step (statement) != SQLITE_DONE)
        goto fail;
    }

  return TRUE;

fail:
  hs_library_set_db_error (self, error);
  return FALSE;
}

static HsNote *
note_from_json (const char  *json,
                int          length,
                GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, length >= 0 ? (gsize) length : strlen (json));

  return hs_note_parser_parse_normalised (bytes, NULL, error);
}

static gboolean
create_schema (HsLibrary  *self,
               GError    **error)
{
  return hs_library_exec (self, schema_v2_notes, error) &&
         hs_library_exec (self, schema_v2_tables, error) &&
         set_user_version (self->db, HS_LIBRARY_SCHEMA_VERSION, error);
}

static gint64
publish_seconds (HsNote *note)
{
  GDateTime *time = hs_note_get_publish_time (note);

  return time != NULL ? g_date_time_to_unix (time) : 0;
}

/* Version 1 → 2: notes get a declared row number and the columns to
 * filter on, and every note is indexed for search and tags. */
static gboolean
migrate_from_1 (HsLibrary  *self,
                GError    **error)
{
  sqlite3_stmt *select = NULL;
  gboolean ok = FALSE;

  if (!hs_library_exec (self, "ALTER TABLE notes RENAME TO notes_v1", error) ||
      !hs_library_exec (self, schema_v2_notes, error) ||
      !hs_library_exec (self, schema_v2_tables, error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT id, json, source, link, first_opened, last_opened, saved "
                          "FROM notes_v1 ORDER BY rowid",
                          -1, &select, NULL) != SQLITE_OK)
    {
      hs_library_set_db_error (self, error);
      return FALSE;
    }

  while (sqlite3_step (select) == SQLITE_ROW)
    {
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(HsNote) note = note_from_json ((const char *) sqlite3_column_text (select, 1),
                                               sqlite3_column_bytes (select, 1), &parse_error);
      sqlite3_stmt *insert;
      HsAuthor *author;
      gint64 num;

      /* A row version 1 could not read either is dropped, not fatal. */
      if (note == NULL)
        {
          g_warning ("Library migration: note %s dropped: %s",
                     (const char *) sqlite3_column_text (select, 0), parse_error->message);
          continue;
        }

      author = hs_note_get_author (note);
      insert = hs_library_statement (self,
                                     "INSERT INTO notes (id, json, source, link, author_id, author_name, "
                                     "publish_time, first_opened, last_opened, saved) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                     error);
      if (insert == NULL)
        goto out;
      bind_text (insert, 1, hs_note_get_note_id (note));
      sqlite3_bind_value (insert, 2, sqlite3_column_value (select, 1));
      sqlite3_bind_value (insert, 3, sqlite3_column_value (select, 2));
      sqlite3_bind_value (insert, 4, sqlite3_column_value (select, 3));
      bind_text (insert, 5, author != NULL ? hs_author_get_user_id (author) : NULL);
      bind_text (insert, 6, author != NULL ? hs_author_get_nickname (author) : NULL);
      sqlite3_bind_int64 (insert, 7, publish_seconds (note));
      sqlite3_bind_value (insert, 8, sqlite3_column_value (select, 4));
      sqlite3_bind_value (insert, 9, sqlite3_column_value (select, 5));
      sqlite3_bind_value (insert, 10, sqlite3_column_value (select, 6));
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          hs_library_set_db_error (self, error);
          goto out;
        }
      num = sqlite3_last_insert_rowid (self->db);
      if (!index_note (self, num, note, TRUE, error))
        goto out;
    }

  ok = hs_library_exec (self, "DROP TABLE notes_v1", error) &&
       set_user_version (self->db, 2, error);

out:
  sqlite3_finalize (select);
  return ok;
}

/* Brings the schema to HS_LIBRARY_SCHEMA_VERSION in one transaction. */
static gboolean
prepare_schema (HsLibrary  *self,
                GError    **error)
{
  int version = 0;
  int rc;

  if (!hs_library_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  rc = user_version (self->db, &version);
  if (rc != SQLITE_OK)
    {
      hs_library_set_db_error (self, error);
      goto fail;
    }

  if (version == HS_LIBRARY_SCHEMA_VERSION)
    return hs_library_exec (self, "COMMIT", error);

  if (version > HS_LIBRARY_SCHEMA_VERSION)
    {
      g_set_error (error, HS_ERROR, HS_ERROR_FAILED,
                   _("The library was written by a newer Hongshu (schema %d; this one knows %d)"),
                   version, HS_LIBRARY_SCHEMA_VERSION);
      goto fail;
    }

  if (version == 0)
    {
      if (!create_schema (self, error))
        goto fail;
    }
  else if (version == 1)
    {
      if (!migrate_from_1 (self, error))
        goto fail;
    }

  return hs_library_exec (self, "COMMIT", error);

fail:
  exec_on (self->db, "ROLLBACK", NULL);
  return FALSE;
}

/* The checks a file that is no database, or one with a broken header
 * or schema, fails: SQLITE_NOTADB or SQLITE_CORRUPT. */
static int
probe (sqlite3 *db)
{
  int version;
  int rc = user_version (db, &version);

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
  if (!exec_on (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
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
  if (check_cancelled (cancellable, error))
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
      !prepare_schema (self, error))
    {
      close_locked (self);
      return FALSE;
    }

  return TRUE;
}

static void
open_thread (HsLibrary    *self,
             GTask        *task,
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

/* Writing notes */

gboolean
hs_library_put_note_locked (HsLibrary   *self,
                            HsNote      *note,
                            const char  *json,
                            const char  *source,
                            const char  *link,
                            gboolean     saved,
                            gint64       opened,
                            gint64      *num_out,
                            GError     **error)
{
  g_autofree char *own_json = NULL;
  HsAuthor *author = hs_note_get_author (note);
  sqlite3_stmt *statement;
  gboolean is_new;
  gint64 num = 0;

  if (json == NULL)
    json = own_json = hs_note_to_json (note);

  statement = hs_library_statement (self, "SELECT num FROM notes WHERE id = ?1", error);
  if (statement == NULL)
    return FALSE;
  bind_text (statement, 1, hs_note_get_note_id (note));
  is_new = sqlite3_step (statement) != SQLITE_ROW;
  if (!is_new)
    num = sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);

  if (is_new)
    statement = hs_library_statement (self,
                                      "INSERT INTO notes (id, json, source, link, author_id, author_name, "
                                      "publish_time, first_opened, last_opened, saved) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
                                      error);
  else
    statement = hs_library_statement (self,
                                      "UPDATE notes SET json = ?2, source = coalesce (?3, source), "
                                      "link = coalesce (?4, link), author_id = ?5, author_name = ?6, "
                                      "publish_time = ?7, last_opened = max (last_opened, ?8), "
                                      "saved = max (saved, ?9) WHERE id = ?1",
                                      error);
  if (statement == NULL)
    return FALSE;
  bind_text (statement, 1, hs_note_get_note_id (note));
  bind_text (statement, 2, json);
  bind_text (statement, 3, source);
  bind_text (statement, 4, link);
  bind_text (statement, 5, author != NULL ? hs_author_get_user_id (author) : NULL);
  bind_text (statement, 6, author != NULL ? hs_author_get_nickname (author) : NULL);
  sqlite3_bind_int64 (statement, 7, publish_seconds (note));
  sqlite3_bind_int64 (statement, 8, opened);
  sqlite3_bind_int (statement, 9, saved ? 1 : 0);
  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      hs_library_set_db_error (self, error);
      return FALSE;
    }
  if (is_new)
    num = sqlite3_last_insert_rowid (self->db);

  if (!index_note (self, num, note, is_new, error))
    return FALSE;

  if (num_out != NULL)
    *num_out = num;
  return TRUE;
}

/* Deletes the files of media no note refers to any more, after the
 * transaction that dropped the last reference committed: a crash in
 * between leaves a file too many, never a note without its file. */
static void
delete_media_files (HsLibrary *self,
                    GPtrArray *hashes)
{
  for (guint i = 0; i < hashes->len; i++)
    {
      g_autoptr(GFile) file = hs_library_get_media_file (self, g_ptr_array_index (hashes, i));
      g_autoptr(GError) error = NULL;

      if (!g_file_delete (file, NULL, &error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_warning ("Cannot remove library media %s: %s", g_file_peek_path (file), error->message);
    }
}

/* Within a transaction: forgets media rows nothing refers to, collecting
 * their hashes into @unused. */
static gboolean
drop_unused_media (HsLibrary  *self,
                   GPtrArray  *unused,
                   GError    **error)
{
  sqlite3_stmt *statement = hs_library_statement (self,
                                                  "DELETE FROM media WHERE sha256 NOT IN "
                                                  "(SELECT sha256 FROM note_media) RETURNING sha256",
                                                  error);
  int rc;

  if (statement == NULL)
    return FALSE;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (unused, g_strdup ((const char *) sqlite3_column_text (statement, 0)));
  if (rc != SQLITE_DONE)
    {
      hs_library_set_db_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
hs_library_record_sync (HsLibrary     *self,
                        HsNote        *note,
                        const char    *source,
                        const char    *link,
                        GCancellable  *cancellable,
                        GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (HS_IS_NOTE (note), FALSE);

  if (check_cancelled (cancellable, error))
    return FALSE;
  if (hs_library_lock (self, error) == NULL)
    return FALSE;

  ok = hs_library_exec (self, "BEGIN IMMEDIATE", error) &&
       hs_library_put_note_locked (self, note, NULL, source, link, FALSE,
                                   g_get_real_time () / G_USEC_PER_SEC, NULL, error) &&
       hs_library_exec (self, "COMMIT", error);
  if (!ok)
    hs_library_exec (self, "ROLLBACK", NULL);

  hs_library_unlock (self);
  return ok;
}

typedef struct
{
  HsNote     *note;
  char       *source;
  char       *link;
  GHashTable *media;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->note);
  g_free (data->source);
  g_free (data->link);
  g_clear_pointer (&data->media, g_hash_table_unref);
  g_free (data);
}

static SaveData *
save_data_new (HsNote     *note,
               const char *source,
               const char *link,
               GHashTable *media)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->note = g_object_ref (note);
  data->source = g_strdup (source);
  data->link = g_strdup (link);
  data->media = media != NULL ? g_hash_table_ref (media) : NULL;
  return data;
}

static void
record_thread (HsLibrary    *self,
               GTask        *task,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (hs_library_record_sync (self, data->note, data->source, data->link, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hs_library_record_async (HsLibrary          *self,
                         HsNote             *note,
                         const char         *source,
                         const char         *link,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_return_if_fail (HS_IS_LIBRARY (self));
  g_return_if_fail (HS_IS_NOTE (note));
  hs_library_run_in_thread (self, record_thread, save_data_new (note, source, link, NULL),
                            (GDestroyNotify) save_data_free, hs_library_record_async,
                            cancellable, callback, user_data);
}

gboolean
hs_library_record_finish (HsLibrary     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

GFile *
hs_library_get_media_file (HsLibrary  *self,
                           const char *sha256)
{
  char prefix[3] = { 0 };

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (sha256 != NULL && strlen (sha256) == 64, NULL);

  /* Two-character folders keep each folder small. */
  memcpy (prefix, sha256, 2);
  return g_file_new_build_filename (self->media_dir, prefix, sha256, NULL);
}

/* Writes @bytes under its hash unless a file is there already (the same
 * bytes, by construction). Written to a temporary name and renamed, so a
 * file that exists is whole. */
static char *
store_media_file (HsLibrary  *self,
                  GBytes     *bytes,
                  GError    **error)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autoptr(GFile) file = hs_library_get_media_file (self, sha256);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  if (g_file_query_exists (file, NULL))
    return g_steal_pointer (&sha256);

  if (g_mkdir_with_parents (g_file_peek_path (parent), 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HS_ERROR, HS_ERROR_FAILED, _("Cannot create the folder %s: %s"),
                   g_file_peek_path (parent), g_strerror (saved_errno));
      return NULL;
    }

  if (!g_file_set_contents_full (g_file_peek_path (file), data, size,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;

  return g_steal_pointer (&sha256);
}

gboolean
hs_library_save_sync (HsLibrary     *self,
                      HsNote        *note,
                      const char    *source,
                      const char    *link,
                      GHashTable    *media,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GHashTable) hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) unused = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) urls = NULL;
  sqlite3_stmt *statement;
  gint64 num;
  gboolean ok = FALSE;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (HS_IS_NOTE (note), FALSE);

  if (check_cancelled (cancellable, error))
    return FALSE;

  /* The files first, outside the lock and the transaction. */
  if (media != NULL)
    {
      GHashTableIter iter;
      gpointer url, bytes;

      g_hash_table_iter_init (&iter, media);
      while (g_hash_table_iter_next (&iter, &url, &bytes))
        {
          char *sha256 = store_media_file (self, bytes, error);

          if (sha256 == NULL)
            return FALSE;
          g_hash_table_insert (hashes, g_strdup (url), sha256);
        }
    }

  if (hs_library_lock (self, error) == NULL)
    return FALSE;

  if (!hs_library_exec (self, "BEGIN IMMEDIATE", error))
    goto out;
  if (!hs_library_put_note_locked (self, note, NULL, source, link, TRUE,
                                   g_get_real_time () / G_USEC_PER_SEC, &num, error))
    goto rollback;

  statement = hs_library_statement (self, "DELETE FROM note_media WHERE note = ?1", error);
  if (statement == NULL)
    goto rollback;
  sqlite3_bind_int64 (statement, 1, num);
  if (sqlite3_step (statement) != SQLITE_DONE)
    goto db_error;

  /* In the note's order: images, then each video and its cover. */
  urls = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (hs_note_get_images (note)); i++)
    {
      g_autoptr(HsImage) image = g_list_model_get_item (hs_note_get_images (note), i);
      g_ptr_array_add (urls, (gpointer) hs_image_get_url (image));
    }
  for (guint i = 0; i < g_list_model_get_n_items (hs_note_get_videos (note)); i++)
    {
      g_autoptr(HsVideo) video = g_list_model_get_item (hs_note_get_videos (note), i);
      g_ptr_array_add (urls, (gpointer) hs_video_get_url (video));
      if (hs_video_get_cover_url (video) != NULL)
        g_ptr_array_add (urls, (gpointer) hs_video_get_cover_url (video));
    }

  for (guint i = 0; i < urls->len; i++)
    {
      const char *url = g_ptr_array_index (urls, i);
      const char *sha256 = g_hash_table_lookup (hashes, url);
      GBytes *bytes;
      gsize size;

      if (sha256 == NULL)
        continue;
      bytes = g_hash_table_lookup (media, url);
      statement = hs_library_statement (self,
                                        "INSERT INTO media (sha256, size, content_type) VALUES (?1, ?2, ?3) "
                                        "ON CONFLICT (sha256) DO NOTHING",
                                        error);
      if (statement == NULL)
        goto rollback;
      {
        gconstpointer data = g_bytes_get_data (bytes, &size);
        g_autofree char *content_type = hs_media_sniff_content_type (data, size, NULL);

        bind_text (statement, 1, sha256);
        sqlite3_bind_int64 (statement, 2, (sqlite3_int64) size);
        bind_text (statement, 3, content_type);
      }
      if (sqlite3_step (statement) != SQLITE_DONE)
        goto db_error;

      statement = hs_library_statement (self,
                                        "INSERT OR REPLACE INTO note_media (note, position, url, sha256) "
                                        "VALUES (?1, ?2, ?3, ?4)",
                                        error);
      if (statement == NULL)
        goto rollback;
      sqlite3_bind_int64 (statement, 1, num);
      sqlite3_bind_int (statement, 2, (int) i);
      bind_text (statement, 3, url);
      bind_text (statement, 4, sha256);
      if (sqlite3_step (statement) != SQLITE_DONE)
        goto db_error;
    }

  if (!drop_unused_media (self, unused, error) ||
      !hs_library_exec (self, "COMMIT", error))
    goto rollback;

  ok = TRUE;
  delete_media_files (self, unused);
  goto out;

db_error:
  hs_library_set_db_error (self, error);
rollback:
  hs_library_exec (self, "ROLLBACK", NULL);
out:
  hs_library_unlock (self);
  return ok;
}

static void
save_thread (HsLibrary    *self,
             GTask        *task,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (hs_library_save_sync (self, data->note, data->source, data->link, data->media, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hs_library_save_async (HsLibrary          *self,
                       HsNote             *note,
                       const char         *source,
                       const char         *link,
                       GHashTable         *media,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_return_if_fail (HS_IS_LIBRARY (self));
  g_return_if_fail (HS_IS_NOTE (note));
  hs_library_run_in_thread (self, save_thread, save_data_new (note, source, link, media),
                            (GDestroyNotify) save_data_free, hs_library_save_async,
                            cancellable, callback, user_data);
}

gboolean
hs_library_save_finish (HsLibrary     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Reading notes */

#define ITEM_COLUMNS "n.json, n.source, n.link, n.first_opened, n.last_opened, n.saved"

static HsLibraryItem *
item_from_row (sqlite3_stmt  *statement,
               int            snippet_column,
               GError       **error)
{
  g_autoptr(HsNote) note = note_from_json ((const char *) sqlite3_column_text (statement, 0),
                                           sqlite3_column_bytes (statement, 0), error);

  if (note == NULL)
    return NULL;

  return hs_library_item_new (note,
                              (const char *) sqlite3_column_text (statement, 1),
                              (const char *) sqlite3_column_text (statement, 2),
                              sqlite3_column_int64 (statement, 3),
                              sqlite3_column_int64 (statement, 4),
                              sqlite3_column_int (statement, 5) != 0,
                              snippet_column >= 0 ? (const char *) sqlite3_column_text (statement, snippet_column) : NULL);
}

HsLibraryItem *
hs_library_get_sync (HsLibrary     *self,
                     const char    *note_id,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *id = NULL;
  sqlite3_stmt *statement;
  HsLibraryItem *item = NULL;
  int rc;

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (note_id != NULL, NULL);

  if (check_cancelled (cancellable, error))
    return NULL;
  if (hs_library_lock (self, error) == NULL)
    return NULL;

  /* Note ids are hex; references lowercase them, the server may not. */
  id = g_ascii_strdown (note_id, -1);
  statement = hs_library_statement (self,
                                    "SELECT " ITEM_COLUMNS " FROM notes n WHERE n.id = ?1",
                                    error);
  if (statement != NULL)
    {
      bind_text (statement, 1, id);
      rc = sqlite3_step (statement);
      if (rc == SQLITE_ROW)
        item = item_from_row (statement, -1, error);
      else if (rc == SQLITE_DONE)
        /* TRANSLATORS: %s is a note id */
        g_set_error (error, HS_ERROR, HS_ERROR_NOT_FOUND, _("Note %s is not in the library"), note_id);
      else
        hs_library_set_db_error (self, error);
      sqlite3_reset (statement);
    }

  hs_library_unlock (self);
  return item;
}

static void
get_thread (HsLibrary    *self,
            GTask        *task,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  HsLibraryItem *item = hs_library_get_sync (self, task_data, cancellable, &error);

  if (item != NULL)
    g_task_return_pointer (task, item, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
hs_library_get_async (HsLibrary          *self,
                      const char         *note_id,
                      GCancellable       *cancellable,
                      GAsyncReadyCallback callback,
                      gpointer            user_data)
{
  g_return_if_fail (HS_IS_LIBRARY (self));
  g_return_if_fail (note_id != NULL);
  hs_library_run_in_thread (self, get_thread, g_strdup (note_id), g_free, hs_library_get_async,
                            cancellable, callback, user_data);
}

HsLibraryItem *
hs_library_get_finish (HsLibrary     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  GString *match;
  guint    n_tokens;
} MatchBuilder;

static int
count_token_cb (gpointer    user_data,
                gboolean    colocated G_GNUC_UNUSED,
                const char *token G_GNUC_UNUSED,
                int         length G_GNUC_UNUSED,
                int         start G_GNUC_UNUSED,
                int         end G_GNUC_UNUSED)
{
  (*(guint *) user_data)++;
  return 0;
}

char *
hs_library_build_match (const char *text)
{
  g_autoptr(GString) match = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  if (text == NULL)
    return NULL;

  {
    /* The ideographic space (U+3000) separates words too; g_strsplit_set()
     * splits on bytes, so it is turned into a space first. */
    g_autoptr(GString) spaced = g_string_new (text);

    g_string_replace (spaced, "\u3000", " ", 0);
    words = g_strsplit_set (spaced->str, " \t\n\r", -1);
  }
  for (guint i = 0; words[i] != NULL; i++)
    {
      guint n_tokens = 0;

      /* A word of punctuation alone has no token: FTS5 would fail on it. */
      hs_library_tokenize (words[i], -1, TRUE, count_token_cb, &n_tokens);
      if (n_tokens == 0)
        continue;

      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_c (match, '"');
      for (const char *p = words[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append_c (match, '"');
    }

  if (match->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&match), FALSE);
}

GPtrArray *
hs_library_query_sync (HsLibrary             *self,
                       const HsLibraryQuery  *query,
                       GCancellable          *cancellable,
                       GError               **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *match = NULL;
  sqlite3_stmt *statement = NULL;
  int rc;
  gboolean ok = TRUE;

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (check_cancelled (cancellable, error))
    return NULL;

  if (query->text != NULL && *query->text != '\0')
    {
      match = hs_library_build_match (query->text);
      if (match == NULL)
        return g_steal_pointer (&items);
    }

  /* With a text: the matching rows are ranked first, with only their
   * row numbers (hs_rank(), BM25 without length normalisation, see
   * hs-library-rank.c; weights: a match in the title counts most,
   * then tags, the author, the body); the notes and snippets are read for the
   * page alone. snippet() tokenizes a whole note again: computed in the
   * same query as the ranking, it ran for every match (7 000 of 100 000
   * notes for 口红), before LIMIT, and took 200 ms. */
  if (match != NULL)
    g_string_append (sql, "SELECT " ITEM_COLUMNS ", "
                     "(SELECT snippet (notes_fts, -1, '" HS_LIBRARY_MATCH_START "', '" HS_LIBRARY_MATCH_END "', '…', 16) "
                     " FROM notes_fts WHERE notes_fts MATCH ?1 AND rowid = h.num) "
                     "FROM (SELECT notes_fts.rowid AS num, hs_rank (notes_fts, 4.0, 1.0, 3.0, 2.0) AS score "
                     "      FROM notes_fts %s WHERE notes_fts MATCH ?1");
  else
    g_string_append (sql, "SELECT " ITEM_COLUMNS " FROM notes n WHERE 1");

  if (query->tag != NULL)
    g_string_append (sql, " AND n.num IN (SELECT note FROM note_tags WHERE tag = ?2)");
  if (query->category != NULL)
    g_string_append (sql, " AND n.num IN (SELECT t.note FROM note_tags t "
                          "JOIN categories c ON c.tag = t.tag WHERE c.name = ?3)");
  if (query->author != NULL)
    g_string_append (sql, " AND (n.author_id = ?4 OR n.author_name = ?4)");
  if (query->filter == HS_LIBRARY_FILTER_SAVED)
    g_string_append (sql, " AND n.saved = 1");
  else if (query->filter == HS_LIBRARY_FILTER_HISTORY)
    g_string_append (sql, " AND n.saved = 0");
  if (query->since != 0)
    g_string_append (sql, " AND n.publish_time >= ?5");
  if (query->until != 0)
    g_string_append (sql, " AND n.publish_time < ?6");

  if (match != NULL)
    {
      /* The notes table only when a filter needs it. */
      gboolean filtered = query->tag != NULL || query->category != NULL || query->author != NULL ||
                          query->filter != HS_LIBRARY_FILTER_ALL || query->since != 0 || query->until != 0;
      char *from = strstr (sql->str, "%s");
      gssize at = from - sql->str;

      g_string_erase (sql, at, 2);
      if (filtered)
        g_string_insert (sql, at, "JOIN notes n ON n.num = notes_fts.rowid");
      g_string_append (sql, " ORDER BY score LIMIT ?7 OFFSET ?8) h "
                            "JOIN notes n ON n.num = h.num ORDER BY h.score, n.last_opened DESC");
    }
  else
    g_string_append (sql, " ORDER BY n.last_opened DESC, n.num DESC LIMIT ?7 OFFSET ?8");

  if (hs_library_lock (self, error) == NULL)
    return NULL;

  if (sqlite3_prepare_v2 (self->db, sql->str, -1, &statement, NULL) != SQLITE_OK)
    {
      hs_library_set_db_error (self, error);
      hs_library_unlock (self);
      return NULL;
    }

  bind_text (statement, 1, match);
  bind_text (statement, 2, query->tag);
  bind_text (statement, 3, query->category);
  bind_text (statement, 4, query->author);
  sqlite3_bind_int64 (statement, 5, query->since);
  sqlite3_bind_int64 (statement, 6, query->until);
  sqlite3_bind_int64 (statement, 7, query->limit > 0 ? (gint64) query->limit : -1);
  sqlite3_bind_int64 (statement, 8, query->offset);

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      HsLibraryItem *item = item_from_row (statement, match != NULL ? 6 : -1, error);

      if (item == NULL)
        {
          ok = FALSE;
          break;
        }
      g_ptr_array_add (items, item);
      if (check_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
    }
  if (ok && rc != SQLITE_DONE)
    {
      hs_library_set_db_error (self, error);
      ok = FALSE;
    }

  sqlite3_finalize (statement);
  hs_library_unlock (self);

  return ok ? g_steal_pointer (&items) : NULL;
}

typedef struct
{
  HsLibraryQuery query;
  char *text, *tag, *category, *author;
} QueryCopy;

HsLibraryQuery *
hs_library_query_copy (const HsLibraryQuery *query)
{
  QueryCopy *copy = g_new0 (QueryCopy, 1);

  /* query is the first member: the copy is its own HsLibraryQuery. */
  copy->query = *query;
  copy->query.text = copy->text = g_strdup (query->text);
  copy->query.tag = copy->tag = g_strdup (query->tag);
  copy->query.category = copy->category = g_strdup (query->category);
  copy->query.author = copy->author = g_strdup (query->author);
  return &copy->query;
}

void
hs_library_query_free (HsLibraryQuery *query)
{
  QueryCopy *copy = (QueryCopy *) query;

  if (copy == NULL)
    return;
  g_free (copy->text);
  g_free (copy->tag);
  g_free (copy->category);
  g_free (copy->author);
  g_free (copy);
}

static void
query_thread (HsLibrary    *self,
              GTask        *task,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *items = hs_library_query_sync (self, task_data, cancellable, &error);

  if (items != NULL)
    g_task_return_pointer (task, items, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
hs_library_query_async (HsLibrary            *self,
                        const HsLibraryQuery *query,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_return_if_fail (HS_IS_LIBRARY (self));
  g_return_if_fail (query != NULL);

  hs_library_run_in_thread (self, query_thread, hs_library_query_copy (query),
                            (GDestroyNotify) hs_library_query_free,
                            hs_library_query_async, cancellable, callback, user_data);
}

GPtrArray *
hs_library_query_finish (HsLibrary     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Removing */

static gboolean
delete_where (HsLibrary   *self,
              const char  *sql,
              const char  *id,
              guint       *n_removed,
              GError     **error)
{
  sqlite3_stmt *statement = hs_library_statement (self, sql, error);
  int rc;

  if (statement == NULL)
    return FALSE;
  if (id != NULL)
    bind_text (statement, 1, id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      (*n_removed)++;

      /* The search index has no foreign key: it goes by row number. */
      {
        sqlite3_stmt *fts = NULL;

        if (sqlite3_prepare_v2 (self->db, "DELETE FROM notes_fts WHERE rowid = ?1", -1, &fts, NULL) != SQLITE_OK)
          {
            hs_library_set_db_error (self, error);
            return FALSE;
          }
        sqlite3_bind_int64 (fts, 1, sqlite3_column_int64 (statement, 0));
        rc = sqlite3_step (fts);
        sqlite3_finalize (fts);
        if (rc != SQLITE_DONE)
          {
            hs_library_set_db_error (self, error);
            return FALSE;
          }
      }
    }
  if (rc != SQLITE_DONE)
    {
      hs_library_set_db_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
remove_locked (HsLibrary           *self,
               const char * const  *note_ids,
               gboolean             history,
               guint               *n_removed,
               GError             **error)
{
  g_autoptr(GPtrArray) unused = g_ptr_array_new_with_free_func (g_free);
  guint count = 0;

  if (!hs_library_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (history)
    {
      if (!delete_where (self, "DELETE FROM notes WHERE saved = 0 RETURNING num", NULL,
                         &count, error))
        goto fail;
    }
  else
    for (guint i = 0; note_ids[i] != NULL; i++)
      {
        g_autofree char *id = g_ascii_strdown (note_ids[i], -1);

        if (!delete_where (self, "DELETE FROM notes WHERE id = ?1 RETURNING num", id,
                           &count, error))
          goto fail;
      }

  if (!drop_unused_media (self, unused, error) ||
      !hs_library_exec (self, "COMMIT", error))
    goto fail;

  delete_media_files (self, unused);
  if (n_removed != NULL)
    *n_removed = count;
  return TRUE;

fail:
  hs_library_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

gboolean
hs_library_remove_sync (HsLibrary           *self,
                        const char * const  *note_ids,
                        guint               *n_removed,
                        GCancellable        *cancellable,
                        GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (note_ids != NULL, FALSE);

  if (check_cancelled (cancellable, error))
    return FALSE;
  if (hs_library_lock (self, error) == NULL)
    return FALSE;
  ok = remove_locked (self, note_ids, FALSE, n_removed, error);
  hs_library_unlock (self);
  return ok;
}

static void
remove_thread (HsLibrary    *self,
               GTask        *task,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (hs_library_remove_sync (self, task_data, NULL, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hs_library_remove_async (HsLibrary           *self,
                         const char * const  *note_ids,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (HS_IS_LIBRARY (self));
  g_return_if_fail (note_ids != NULL);
  hs_library_run_in_thread (self, remove_thread, g_strdupv ((char **) note_ids),
                            (GDestroyNotify) g_strfreev, hs_library_remove_async,
                            cancellable, callback, user_data);
}

gboolean
hs_library_remove_finish (HsLibrary     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
hs_library_clear_history_sync (HsLibrary     *self,
                               GCancellable  *cancellable,
                               GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);

  if (check_cancelled (cancellable, error))
    return FALSE;
  if (hs_library_lock (self, error) == NULL)
    return FALSE;
  ok = remove_locked (self, NULL, TRUE, NULL, error);
  hs_library_unlock (self);
  return ok;
}

GHashTable *
hs_library_get_media_sync (HsLibrary     *self,
                           const char    *note_id,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GHashTable) media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autofree char *id = NULL;
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);

  if (check_cancelled (cancellable, error))
    return NULL;
  if (hs_library_lock (self, error) == NULL)
    return NULL;

  id = g_ascii_strdown (note_id, -1);
  statement = hs_library_statement (self,
                                    "SELECT m.url, m.sha256 FROM note_media m JOIN notes n ON n.num = m.note "
                                    "WHERE n.id = ?1 ORDER BY m.position",
                                    error);
  if (statement == NULL)
    {
      hs_library_unlock (self);
      return NULL;
    }
  bind_text (statement, 1, id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_hash_table_insert (media, g_strdup ((const char *) sqlite3_column_text (statement, 0)),
                         hs_library_get_media_file (self, (const char *) sqlite3_column_text (statement, 1)));
  sqlite3_reset (statement);
  hs_library_unlock (self);

  if (rc != SQLITE_DONE)
    {
      g_set_error_literal (error, HS_ERROR, HS_ERROR_FAILED, sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&media);
}

/* Tags and categories */

static GPtrArray *
tag_counts (HsLibrary     *self,
            const char    *sql,
            const char    *tag,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_library_tag_count_free);
  sqlite3_stmt *statement;
  int rc;

  if (check_cancelled (cancellable, error))
    return NULL;
  if (hs_library_lock (self, error) == NULL)
    return NULL;

  statement = hs_library_statement (self, sql, error);
  if (statement == NULL)
    {
      hs_library_unlock (self);
      return NULL;
    }
  if (tag != NULL)
    bind_text (statement, 1, tag);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      HsLibraryTagCount *count = g_new0 (HsLibraryTagCount, 1);

      count->tag = g_strdup ((const char *) sqlite3_column_text (statement, 0));
      count->count = (guint) sqlite3_column_int (statement, 1);
      g_ptr_array_add (counts, count);
    }
  if (rc != SQLITE_DONE)
    hs_library_set_db_error (self, error);
  sqlite3_reset (statement);
  hs_library_unlock (self);

  return rc == SQLITE_DONE ? g_steal_pointer (&counts) : NULL;
}

GPtrArray *
hs_library_tags_sync (HsLibrary     *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  return tag_counts (self,
                     "SELECT tag, count(*) FROM note_tags GROUP BY tag ORDER BY 2 DESC, 1",
                     NULL, cancellable, error);
}

static void
tags_thread (HsLibrary    *self,
             GTask        *task,
             gpointer      task_data G_GNUC_UNUSED,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *tags = hs_library_tags_sync (self, cancellable, &error);

  if (tags != NULL)
    g_task_return_pointer (task, tags, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

void
hs_library_tags_async (HsLibrary          *self,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_return_if_fail (HS_IS_LIBRARY (self));
  hs_library_run_in_thread (self, tags_thread, NULL, NULL, hs_library_tags_async,
                            cancellable, callback, user_data);
}

GPtrArray *
hs_library_tags_finish (HsLibrary     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GPtrArray *
hs_library_related_tags_sync (HsLibrary     *self,
                              const char    *tag,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (tag != NULL, NULL);
  return tag_counts (self,
                     "SELECT b.tag, count(*) FROM note_tags a "
                     "JOIN note_tags b ON b.note = a.note AND b.tag <> a.tag "
                     "WHERE a.tag = ?1 GROUP BY b.tag ORDER BY 2 DESC, 1",
                     tag, cancellable, error);
}

GPtrArray *
hs_library_categories_sync (HsLibrary     *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_library_category_free);
  g_autoptr(GStrvBuilder) builder = NULL;
  HsLibraryCategory *current = NULL;
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);

  if (check_cancelled (cancellable, error))
    return NULL;
  if (hs_library_lock (self, error) == NULL)
    return NULL;

  statement = hs_library_statement (self,
                                    "SELECT c.name, c.tag, "
                                    "  (SELECT count(DISTINCT t.note) FROM note_tags t JOIN categories d "
                                    "   ON d.tag = t.tag WHERE d.name = c.name) "
                                    "FROM categories c ORDER BY c.name, c.tag",
                                    error);
  if (statement == NULL)
    {
      hs_library_unlock (self);
      return NULL;
    }
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (statement, 0);

      if (current == NULL || g_strcmp0 (current->name, name) != 0)
        {
          if (current != NULL)
            current->tags = g_strv_builder_end (builder);
          g_clear_pointer (&builder, g_strv_builder_unref);
          builder = g_strv_builder_new ();
          current = g_new0 (HsLibraryCategory, 1);
          current->name = g_strdup (name);
          current->n_notes = (guint) sqlite3_column_int (statement, 2);
          g_ptr_array_add (categories, current);
        }
      g_strv_builder_add (builder, (const char *) sqlite3_column_text (statement, 1));
    }
  if (current != NULL)
    current->tags = g_strv_builder_end (builder);
  if (rc != SQLITE_DONE)
    hs_library_set_db_error (self, error);
  sqlite3_reset (statement);
  hs_library_unlock (self);

  return rc == SQLITE_DONE ? g_steal_pointer (&categories) : NULL;
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *stripped = text != NULL ? g_strstrip (g_strdup (text)) : NULL;

  return stripped == NULL || *stripped == '\0' || !g_utf8_validate (text, -1, NULL);
}

gboolean
hs_library_category_add_sync (HsLibrary           *self,
                              const char          *name,
                              const char * const  *tags,
                              GCancellable        *cancellable,
                              GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);

  if (is_blank (name))
    {
      g_set_error_literal (error, HS_ERROR, HS_ERROR_BAD_REQUEST, _("A category needs a name"));
      return FALSE;
    }
  if (tags == NULL || tags[0] == NULL)
    {
      g_set_error_literal (error, HS_ERROR, HS_ERROR_BAD_REQUEST, _("A category needs at least one tag"));
      return FALSE;
    }
  for (guint i = 0; tags[i] != NULL; i++)
    if (is_blank (tags[i]))
      {
        g_set_error_literal (error, HS_ERROR, HS_ERROR_BAD_REQUEST, _("An empty tag cannot be in a category"));
        return FALSE;
      }
  if (check_cancelled (cancellable, error))
    return FALSE;
  if (hs_library_lock (self, error) == NULL)
    return FALSE;

  ok = hs_library_exec (self, "BEGIN IMMEDIATE", error);
  for (guint i = 0; ok && tags[i] != NULL; i++)
    {
      sqlite3_stmt *statement = hs_library_statement (self,
                                                      "INSERT OR IGNORE INTO categories (name, tag) VALUES (?1, ?2)",
                                                      error);
      if (statement == NULL)
        {
          ok = FALSE;
          break;
        }
      bind_text (statement, 1, name);
      bind_text (statement, 2, tags[i]);
      if (sqlite3_step (statement) != SQLITE_DONE)
        {
          hs_library_set_db_error (self, error);
          ok = FALSE;
        }
    }
  if (ok)
    ok = hs_library_exec (self, "COMMIT", error);
  else
    hs_library_exec (self, "ROLLBACK", NULL);

  hs_library_unlock (self);
  return ok;
}

gboolean
hs_library_category_remove_sync (HsLibrary           *self,
                                 const char          *name,
                                 const char * const  *tags,
                                 GCancellable        *cancellable,
                                 GError             **error)
{
  gboolean ok;
  int changes = 0;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (check_cancelled (cancellable, error))
    return FALSE;
  if (hs_library_lock (self, error) == NULL)
    return FALSE;

  ok = hs_library_exec (self, "BEGIN IMMEDIATE", error);
  if (tags == NULL || tags[0] == NULL)
    {
      sqlite3_stmt *statement = ok ? hs_library_statement (self, "DELETE FROM categories WHERE name = ?1", error) : NULL;

      if (statement == NULL)
        ok = FALSE;
      else
        {
          bind_text (statement, 1, name);
          ok = sqlite3_step (statement) == SQLITE_DONE;
          changes += sqlite3_changes (self->db);
        }
    }
  else
    for (guint i = 0; ok && tags[i] != NULL; i++)
      {
        sqlite3_stmt *statement = hs_library_statement (self,
                                                        "DELETE FROM categories WHERE name = ?1 AND tag = ?2",
                                                        error);
        if (statement == NULL)
          {
            ok = FALSE;
            break;
          }
        bind_text (statement, 1, name);
        bind_text (statement, 2, tags[i]);
        ok = sqlite3_step (statement) == SQLITE_DONE;
        changes += sqlite3_changes (self->db);
      }

  if (ok && changes == 0)
    {
      /* TRANSLATORS: %s is a category name */
      g_set_error (error, HS_ERROR, HS_ERROR_NOT_FOUND, _("There is no category “%s” with these tags"), name);
      ok = FALSE;
    }
  else if (!ok && error != NULL && *error == NULL)
    hs_library_set_db_error (self, error);

  if (ok)
    ok = hs_library_exec (self, "COMMIT", error);
  else
    hs_library_exec (self, "ROLLBACK", NULL);

  hs_library_unlock (self);
  return ok;
}

/* Suggestions: tags taken from the most used down; each that is not in a
 * group yet starts one, joined by every other free tag that appears on at
 * least half the notes of the rarer of the two (and on two notes at
 * least). Categories that exist already take their tags out of the game. */
#define SUGGEST_MIN_SHARED 2
#define SUGGEST_MIN_RATIO  0.5

GPtrArray *
hs_library_suggest_categories_sync (HsLibrary     *self,
                                    GCancellable  *cancellable,
                                    GError       **error)
{
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_library_category_free);
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  /* Owns its keys: the related tags are freed as the loop goes on. */
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);

  tags = hs_library_tags_sync (self, cancellable, error);
  if (tags == NULL)
    return NULL;
  categories = hs_library_categories_sync (self, cancellable, error);
  if (categories == NULL)
    return NULL;

  for (guint i = 0; i < categories->len; i++)
    {
      HsLibraryCategory *category = g_ptr_array_index (categories, i);

      for (guint j = 0; category->tags[j] != NULL; j++)
        g_hash_table_add (taken, g_strdup (category->tags[j]));
    }
  for (guint i = 0; i < tags->len; i++)
    {
      HsLibraryTagCount *count = g_ptr_array_index (tags, i);

      g_hash_table_insert (counts, count->tag, GUINT_TO_POINTER (count->count));
    }

  for (guint i = 0; i < tags->len; i++)
    {
      HsLibraryTagCount *seed = g_ptr_array_index (tags, i);
      g_autoptr(GPtrArray) related = NULL;
      g_autoptr(GStrvBuilder) builder = NULL;
      guint n_members = 1;
      guint n_notes = seed->count;

      if (seed->count < SUGGEST_MIN_SHARED || g_hash_table_contains (taken, seed->tag))
        continue;

      related = hs_library_related_tags_sync (self, seed->tag, cancellable, error);
      if (related == NULL)
        return NULL;

      builder = g_strv_builder_new ();
      g_strv_builder_add (builder, seed->tag);
      for (guint j = 0; j < related->len; j++)
        {
          HsLibraryTagCount *other = g_ptr_array_index (related, j);
          guint other_total = GPOINTER_TO_UINT (g_hash_table_lookup (counts, other->tag));

          if (other->count < SUGGEST_MIN_SHARED || g_hash_table_contains (taken, other->tag))
            continue;
          if ((double) other->count < SUGGEST_MIN_RATIO * MIN (seed->count, other_total))
            continue;
          g_strv_builder_add (builder, other->tag);
          g_hash_table_add (taken, g_strdup (other->tag));
          n_members++;
        }

      if (n_members >= 2)
        {
          HsLibraryCategory *suggestion = g_new0 (HsLibraryCategory, 1);

          g_hash_table_add (taken, g_strdup (seed->tag));
          suggestion->name = g_strdup (seed->tag);
          suggestion->tags = g_strv_builder_end (builder);
          suggestion->n_notes = n_notes;
          g_ptr_array_add (suggestions, suggestion);
        }
    }

  return g_steal_pointer (&suggestions);
}

GStrv
hs_library_note_categories_sync (HsLibrary     *self,
                                 const char    *note_id,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *id = NULL;
  sqlite3_stmt *statement;
  int rc;

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);

  if (check_cancelled (cancellable, error))
    return NULL;
  if (hs_library_lock (self, error) == NULL)
    return NULL;

  id = g_ascii_strdown (note_id, -1);
  statement = hs_library_statement (self,
                                    "SELECT DISTINCT c.name FROM categories c "
                                    "JOIN note_tags t ON t.tag = c.tag JOIN notes n ON n.num = t.note "
                                    "WHERE n.id = ?1 ORDER BY c.name",
                                    error);
  if (statement == NULL)
    {
      hs_library_unlock (self);
      return NULL;
    }
  bind_text (statement, 1, id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (statement, 0));
  if (rc != SQLITE_DONE)
    hs_library_set_db_error (self, error);
  sqlite3_reset (statement);
  hs_library_unlock (self);

  return rc == SQLITE_DONE ? g_strv_builder_end (builder) : NULL;
}

const char *
hs_library_schema_v1 (void)
{
  return schema_v1;
}
