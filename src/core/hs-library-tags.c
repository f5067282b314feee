#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-error.h"
#include "hs-library-internal.h"

/* Tags and categories: every tag with its note count, the tags that go
 * with one, the categories a person defines as groups of tags and the
 * groups suggested from tags that appear together. */

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
tag_count_row_cb (sqlite3_stmt *statement,
                  gpointer      user_data)
{
  HsLibraryTagCount *count = g_new0 (HsLibraryTagCount, 1);

  count->tag = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  count->count = (guint) sqlite3_column_int (statement, 1);
  g_ptr_array_add (user_data, count);
}

static GPtrArray *
tag_counts (HsLibrary     *self,
            const char    *sql,
            const char    *tag,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_library_tag_count_free);

  if (!hs_library_select (self, sql, tag, tag_count_row_cb, counts, cancellable, error))
    return NULL;
  return g_steal_pointer (&counts);
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

typedef struct
{
  GPtrArray         *categories;
  HsLibraryCategory *current;
  GStrvBuilder      *tags;       /* of current */
} CategoryRows;

static void
category_rows_end_current (CategoryRows *rows)
{
  if (rows->current != NULL)
    rows->current->tags = g_strv_builder_end (rows->tags);
  g_clear_pointer (&rows->tags, g_strv_builder_unref);
}

/* Rows come by name, then tag: a new name starts a category. */
static void
category_row_cb (sqlite3_stmt *statement,
                 gpointer      user_data)
{
  CategoryRows *rows = user_data;
  const char *name = (const char *) sqlite3_column_text (statement, 0);

  if (rows->current == NULL || g_strcmp0 (rows->current->name, name) != 0)
    {
      category_rows_end_current (rows);
      rows->tags = g_strv_builder_new ();
      rows->current = g_new0 (HsLibraryCategory, 1);
      rows->current->name = g_strdup (name);
      rows->current->n_notes = (guint) sqlite3_column_int (statement, 2);
      g_ptr_array_add (rows->categories, rows->current);
    }
  g_strv_builder_add (rows->tags, (const char *) sqlite3_column_text (statement, 1));
}

GPtrArray *
hs_library_categories_sync (HsLibrary     *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_library_category_free);
  CategoryRows rows = { categories, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);

  ok = hs_library_select (self,
                          "SELECT c.name, c.tag, "
                          "  (SELECT count(DISTINCT t.note) FROM note_tags t JOIN categories d "
                          "   ON d.tag = t.tag WHERE d.name = c.name) "
                          "FROM categories c ORDER BY c.name, c.tag",
                          NULL, category_row_cb, &rows, cancellable, error);
  category_rows_end_current (&rows);
  return ok ? g_steal_pointer (&categories) : NULL;
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *stripped = text != NULL ? g_strstrip (g_strdup (text)) : NULL;

  return stripped == NULL || *stripped == '\0' || !g_utf8_validate (text, -1, NULL);
}

/* Runs @sql with @name as ?1 and each of @tags as ?2 (once, without ?2,
 * when @tags is NULL) in one transaction. Returns: the number of rows
 * changed, or -1 with @error. */
static int
change_category (HsLibrary           *self,
                 const char          *sql,
                 const char          *name,
                 const char * const  *tags,
                 GCancellable        *cancellable,
                 GError             **error)
{
  int changes = 0;
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (hs_library_lock (self, error) == NULL)
    return -1;

  ok = hs_library_exec (self, "BEGIN IMMEDIATE", error);
  for (guint i = 0; ok && (i == 0 || (tags != NULL && tags[i] != NULL)); i++)
    {
      sqlite3_stmt *statement = hs_library_statement (self, sql, error);

      if (statement == NULL)
        {
          ok = FALSE;
          break;
        }
      hs_library_bind_text (statement, 1, name);
      if (tags != NULL)
        hs_library_bind_text (statement, 2, tags[i]);
      ok = hs_library_step_done (self, statement, error);
      changes += sqlite3_changes (self->db);
    }
  ok = ok && hs_library_exec (self, "COMMIT", error);
  if (!ok)
    hs_library_exec (self, "ROLLBACK", NULL);

  hs_library_unlock (self);
  return ok ? changes : -1;
}

gboolean
hs_library_category_add_sync (HsLibrary           *self,
                              const char          *name,
                              const char * const  *tags,
                              GCancellable        *cancellable,
                              GError             **error)
{
  int changes;

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

  changes = change_category (self, "INSERT OR IGNORE INTO categories (name, tag) VALUES (?1, ?2)",
                             name, tags, cancellable, error);
  if (changes > 0)
    hs_library_emit_categories_changed (self);
  return changes >= 0;
}

gboolean
hs_library_category_remove_sync (HsLibrary           *self,
                                 const char          *name,
                                 const char * const  *tags,
                                 GCancellable        *cancellable,
                                 GError             **error)
{
  gboolean whole = tags == NULL || tags[0] == NULL;
  int changes;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  /* Nothing removed is an error, and nothing was changed to undo. */
  changes = change_category (self,
                             whole ? "DELETE FROM categories WHERE name = ?1"
                                   : "DELETE FROM categories WHERE name = ?1 AND tag = ?2",
                             name, whole ? NULL : tags, cancellable, error);
  if (changes < 0)
    return FALSE;
  if (changes == 0)
    {
      /* TRANSLATORS: %s is a category name */
      g_set_error (error, HS_ERROR, HS_ERROR_NOT_FOUND, _("There is no category “%s” with these tags"), name);
      return FALSE;
    }
  hs_library_emit_categories_changed (self);
  return TRUE;
}

/* Suggestions: tags taken from the most used down; each that is not in a
 * group yet starts one, joined by every other free tag that appears on at
 * least half the notes of the rarer of the two (and on two notes at
 * least). Categories that exist already take their names and tags out of
 * the game. */
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

      /* A category's name counts as taken too: a suggestion named like a
       * category that exists read as a second "美妆" beside the first. */
      g_hash_table_add (taken, g_strdup (category->name));
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

static void
add_name_row_cb (sqlite3_stmt *statement,
                 gpointer      user_data)
{
  g_strv_builder_add (user_data, (const char *) sqlite3_column_text (statement, 0));
}

GStrv
hs_library_note_categories_sync (HsLibrary     *self,
                                 const char    *note_id,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *id = NULL;

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (note_id != NULL, NULL);

  id = g_ascii_strdown (note_id, -1);
  if (!hs_library_select (self,
                          "SELECT DISTINCT c.name FROM categories c "
                          "JOIN note_tags t ON t.tag = c.tag JOIN notes n ON n.num = t.note "
                          "WHERE n.id = ?1 ORDER BY c.name",
                          id, add_name_row_cb, builder, cancellable, error))
    return NULL;
  return g_strv_builder_end (builder);
}
