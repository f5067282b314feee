#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-error.h"
#include "hs-library-internal.h"
#include "hs-library-tokenizer.h"

/* Reading notes: one by id, or those a query selects (a list, or a
 * full-text search ranked best first with a snippet). */

#define ITEM_COLUMNS "n.json, n.source, n.link, n.first_opened, n.last_opened, n.saved"

static HsLibraryItem *
item_from_row (sqlite3_stmt  *statement,
               int            snippet_column,
               GError       **error)
{
  g_autoptr(HsNote) note = hs_library_note_from_json ((const char *) sqlite3_column_text (statement, 0),
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

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
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
      hs_library_bind_text (statement, 1, id);
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
get_thread (GTask        *task,
            gpointer      self,
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

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
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

  hs_library_bind_text (statement, 1, match);
  hs_library_bind_text (statement, 2, query->tag);
  hs_library_bind_text (statement, 3, query->category);
  hs_library_bind_text (statement, 4, query->author);
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
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
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
query_thread (GTask        *task,
              gpointer      self,
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
