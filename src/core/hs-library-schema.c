#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-error.h"
#include "hs-library-internal.h"
#include "hs-library-tokenizer.h"

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
  /* Smaller in-memory batches (512 KiB, not FTS5's 1 MiB): the pending
   * index is a hash table that every token is looked up in, and a small
   * one stays in the processor's cache. Importing 100 000 notes took
   * 21 s of CPU instead of 26 with 8 MiB (runs taken in turn, under the
   * same load). Merges of 8 segments, not 4: the index is rewritten less
   * during a big import, which merges it whole at its end. */
  "INSERT INTO notes_fts (notes_fts, rank) VALUES ('hashsize', 524288);"
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

int
hs_library_user_version (sqlite3 *db,
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

  return hs_library_exec_on (db, sql, error);
}

static gboolean
create_schema (HsLibrary  *self,
               GError    **error)
{
  return hs_library_exec (self, schema_v2_notes, error) &&
         hs_library_exec (self, schema_v2_tables, error) &&
         set_user_version (self->db, HS_LIBRARY_SCHEMA_VERSION, error);
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
      g_autoptr(HsNote) note = hs_library_note_from_json ((const char *) sqlite3_column_text (select, 1),
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
      hs_library_bind_text (insert, 1, hs_note_get_note_id (note));
      sqlite3_bind_value (insert, 2, sqlite3_column_value (select, 1));
      sqlite3_bind_value (insert, 3, sqlite3_column_value (select, 2));
      sqlite3_bind_value (insert, 4, sqlite3_column_value (select, 3));
      hs_library_bind_text (insert, 5, author != NULL ? hs_author_get_user_id (author) : NULL);
      hs_library_bind_text (insert, 6, author != NULL ? hs_author_get_nickname (author) : NULL);
      sqlite3_bind_int64 (insert, 7, hs_library_publish_seconds (note));
      sqlite3_bind_value (insert, 8, sqlite3_column_value (select, 4));
      sqlite3_bind_value (insert, 9, sqlite3_column_value (select, 5));
      sqlite3_bind_value (insert, 10, sqlite3_column_value (select, 6));
      if (!hs_library_step_done (self, insert, error))
        goto out;
      num = sqlite3_last_insert_rowid (self->db);
      if (!hs_library_index_note (self, num, note, TRUE, error))
        goto out;
    }

  ok = hs_library_exec (self, "DROP TABLE notes_v1", error) &&
       set_user_version (self->db, 2, error);

out:
  sqlite3_finalize (select);
  return ok;
}

/* Brings the schema to HS_LIBRARY_SCHEMA_VERSION in one transaction. */
gboolean
hs_library_prepare_schema (HsLibrary  *self,
                           GError    **error)
{
  int version = 0;
  int rc;

  /* The common case reads the version and takes no write lock: a search
   * does not wait for an import in another process to commit. */
  if (hs_library_user_version (self->db, &version) == SQLITE_OK &&
      version == HS_LIBRARY_SCHEMA_VERSION)
    return TRUE;

  /* Read again under the write lock: another process may have created
   * or migrated the schema in between. */
  if (!hs_library_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  rc = hs_library_user_version (self->db, &version);
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
  hs_library_exec_on (self->db, "ROLLBACK", NULL);
  return FALSE;
}


const char *
hs_library_schema_v1 (void)
{
  return schema_v1;
}
