#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-error.h"
#include "hs-library-internal.h"
#include "hs-library-tokenizer.h"
#include "hs-note-json.h"
#include "hs-note-parser.h"
#include "hs-plain-text.h"

HsNote *
hs_library_note_from_json (const char  *json,
                int          length,
                GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, length >= 0 ? (gsize) length : strlen (json));

  return hs_note_parser_parse_normalised (bytes, NULL, error);
}

gint64
hs_library_publish_seconds (HsNote *note)
{
  GDateTime *time = hs_note_get_publish_time (note);

  return time != NULL ? g_date_time_to_unix (time) : 0;
}

/* Fills the derived tables (search index, tags) of note @num. */
gboolean
hs_library_index_note (HsLibrary  *self,
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

  /* The search index has no foreign key: it goes by row number. */
  if (!is_new &&
      (!hs_library_run_for_row (self, "DELETE FROM notes_fts WHERE rowid = ?1", num, error) ||
       !hs_library_run_for_row (self, "DELETE FROM note_tags WHERE note = ?1", num, error)))
    return FALSE;

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
  hs_library_bind_text (statement, 2, hs_note_get_title (note));
  hs_library_bind_text (statement, 3, body);
  hs_library_bind_text (statement, 4, tag_text);
  hs_library_bind_text (statement, 5, author != NULL ? hs_author_get_nickname (author) : NULL);
  if (!hs_library_step_done (self, statement, error))
    return FALSE;

  for (guint i = 0; tags[i] != NULL; i++)
    {
      statement = hs_library_statement (self,
                                        "INSERT OR IGNORE INTO note_tags (note, tag) VALUES (?1, ?2)",
                                        error);
      if (statement == NULL)
        return FALSE;
      sqlite3_bind_int64 (statement, 1, num);
      hs_library_bind_text (statement, 2, tags[i]);
      if (!hs_library_step_done (self, statement, error))
        return FALSE;
    }

  return TRUE;
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
  hs_library_bind_text (statement, 1, hs_note_get_note_id (note));
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
  hs_library_bind_text (statement, 1, hs_note_get_note_id (note));
  hs_library_bind_text (statement, 2, json);
  hs_library_bind_text (statement, 3, source);
  hs_library_bind_text (statement, 4, link);
  hs_library_bind_text (statement, 5, author != NULL ? hs_author_get_user_id (author) : NULL);
  hs_library_bind_text (statement, 6, author != NULL ? hs_author_get_nickname (author) : NULL);
  sqlite3_bind_int64 (statement, 7, hs_library_publish_seconds (note));
  sqlite3_bind_int64 (statement, 8, opened);
  sqlite3_bind_int (statement, 9, saved ? 1 : 0);
  if (!hs_library_step_done (self, statement, error))
    return FALSE;
  if (is_new)
    num = sqlite3_last_insert_rowid (self->db);

  if (!hs_library_index_note (self, num, note, is_new, error))
    return FALSE;

  if (num_out != NULL)
    *num_out = num;
  return TRUE;
}

typedef struct
{
  HsLibraryWriteKind  kind;
  HsNote             *note;
  char               *source;
  char               *link;
  GHashTable         *media;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->note);
  g_free (data->source);
  g_free (data->link);
  g_clear_pointer (&data->media, g_hash_table_unref);
  g_free (data);
}

/* Records @note as opened, or saves it with @media (@kind): the media
 * files first, outside the lock and the transaction, then the note, its
 * media list and the forgetting of media no note uses any more in one
 * transaction, so a crash leaves either the old state or the new one. */
static gboolean
write_note (HsLibrary     *self,
            WriteData     *data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GHashTable) hashes = NULL;
  g_autoptr(GPtrArray) unused = g_ptr_array_new_with_free_func (g_free);
  gboolean saved = data->kind == HS_LIBRARY_WRITE_SAVE;
  gint64 num = 0;
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (saved)
    {
      hashes = hs_library_store_media_files (self, data->media, error);
      if (hashes == NULL)
        return FALSE;
    }
  if (hs_library_lock (self, error) == NULL)
    return FALSE;

  ok = hs_library_exec (self, "BEGIN IMMEDIATE", error) &&
       hs_library_put_note_locked (self, data->note, NULL, data->source, data->link, saved,
                                   g_get_real_time () / G_USEC_PER_SEC, &num, error) &&
       (!saved ||
        (hs_library_put_media_locked (self, num, data->note, hashes, data->media, error) &&
         hs_library_drop_unused_media (self, unused, error))) &&
       hs_library_exec (self, "COMMIT", error);
  if (ok)
    hs_library_delete_media_files (self, unused);
  else
    hs_library_exec (self, "ROLLBACK", NULL);

  hs_library_unlock (self);
  return ok;
}

gboolean
hs_library_write_sync (HsLibrary          *self,
                       HsLibraryWriteKind  kind,
                       HsNote             *note,
                       const char         *source,
                       const char         *link,
                       GHashTable         *media,
                       GCancellable       *cancellable,
                       GError            **error)
{
  WriteData data = { kind, note, (char *) source, (char *) link, media };

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (HS_IS_NOTE (note), FALSE);
  return write_note (self, &data, cancellable, error);
}

static void
write_thread (GTask        *task,
              gpointer      self,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_note (self, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hs_library_write_async (HsLibrary          *self,
                        HsLibraryWriteKind  kind,
                        HsNote             *note,
                        const char         *source,
                        const char         *link,
                        GHashTable         *media,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  WriteData *data;

  g_return_if_fail (HS_IS_LIBRARY (self));
  g_return_if_fail (HS_IS_NOTE (note));

  data = g_new0 (WriteData, 1);
  data->kind = kind;
  data->note = g_object_ref (note);
  data->source = g_strdup (source);
  data->link = g_strdup (link);
  data->media = media != NULL ? g_hash_table_ref (media) : NULL;
  hs_library_run_in_thread (self, write_thread, data, (GDestroyNotify) write_data_free,
                            hs_library_write_async, cancellable, callback, user_data);
}

gboolean
hs_library_write_finish (HsLibrary     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Removing */

/* Runs @sql, a DELETE … RETURNING num, and takes each note it removed out
 * of the search index. */
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
  hs_library_bind_text (statement, 1, id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      (*n_removed)++;
      if (!hs_library_run_for_row (self, "DELETE FROM notes_fts WHERE rowid = ?1",
                                   sqlite3_column_int64 (statement, 0), error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      hs_library_set_db_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Removes the notes @note_ids, or every note not saved when @note_ids is
 * NULL, and the media no note uses any more, in one transaction. */
static gboolean
remove_notes (HsLibrary           *self,
              const char * const  *note_ids,
              guint               *n_removed,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autoptr(GPtrArray) unused = g_ptr_array_new_with_free_func (g_free);
  guint count = 0;
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (hs_library_lock (self, error) == NULL)
    return FALSE;

  ok = hs_library_exec (self, "BEGIN IMMEDIATE", error);
  if (ok && note_ids == NULL)
    ok = delete_where (self, "DELETE FROM notes WHERE saved = 0 RETURNING num", NULL, &count, error);
  for (guint i = 0; ok && note_ids != NULL && note_ids[i] != NULL; i++)
    {
      g_autofree char *id = g_ascii_strdown (note_ids[i], -1);

      ok = delete_where (self, "DELETE FROM notes WHERE id = ?1 RETURNING num", id, &count, error);
    }
  ok = ok &&
       hs_library_drop_unused_media (self, unused, error) &&
       hs_library_exec (self, "COMMIT", error);
  if (ok)
    hs_library_delete_media_files (self, unused);
  else
    hs_library_exec (self, "ROLLBACK", NULL);

  hs_library_unlock (self);
  if (ok && n_removed != NULL)
    *n_removed = count;
  return ok;
}

gboolean
hs_library_remove_sync (HsLibrary           *self,
                        const char * const  *note_ids,
                        guint               *n_removed,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (note_ids != NULL, FALSE);
  return remove_notes (self, note_ids, n_removed, cancellable, error);
}

static void
remove_thread (GTask        *task,
               gpointer      self,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (remove_notes (self, task_data, NULL, cancellable, &error))
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
  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  return remove_notes (self, NULL, NULL, cancellable, error);
}
