#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-download-sources.h"
#include "hs-error.h"
#include "hs-note.h"
#include "hs-search-page.h"

void
hs_download_input_free (HsDownloadInput *input)
{
  if (input == NULL)
    return;
  g_clear_pointer (&input->ref, hs_note_ref_unref);
  g_free (input->label);
  g_free (input);
}

static HsDownloadInput *
input_new (HsNoteRef  *ref,
           const char *label)
{
  HsDownloadInput *input = g_new0 (HsDownloadInput, 1);

  input->ref = ref;
  input->label = g_strdup (label);
  return input;
}

static gboolean
contains_ref (GPtrArray *inputs,
              guint      from,
              HsNoteRef *ref)
{
  for (guint i = from; i < inputs->len; i++)
    {
      HsNoteRef *other = ((HsDownloadInput *) g_ptr_array_index (inputs, i))->ref;
      const char *id = hs_note_ref_get_note_id (ref);

      if (hs_note_ref_equal (other, ref) ||
          (id != NULL && g_strcmp0 (id, hs_note_ref_get_note_id (other)) == 0))
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
hs_download_inputs_from_text (const char  *text,
                              GPtrArray  **bad_lines)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_download_input_free);
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_autofree char *line = g_utf8_make_valid (lines[n], -1);
      g_auto(GStrv) words = NULL;
      guint first = inputs->len;

      g_strstrip (line);
      if (*line == '\0' || *line == '#')
        continue;

      /* Word by word, so that a line of several links gives them all; the
       * reference parser itself cuts a word of share text further. */
      words = g_strsplit_set (line, " \t\r\v\f", -1);
      for (guint i = 0; words[i] != NULL; i++)
        {
          HsNoteRef *ref;

          if (*words[i] == '\0')
            continue;
          ref = hs_note_ref_new_from_text (words[i], NULL);
          if (ref == NULL)
            continue;
          if (contains_ref (inputs, first, ref))
            hs_note_ref_unref (ref);
          else
            g_ptr_array_add (inputs, input_new (ref, words[i]));
        }

      if (inputs->len == first)
        /* TRANSLATORS: a line number and the line of text */
        g_ptr_array_add (bad, g_strdup_printf (_("%u: %s"), n + 1, line));
    }

  if (bad_lines != NULL)
    *bad_lines = g_steal_pointer (&bad);
  return g_steal_pointer (&inputs);
}

typedef struct
{
  char      *keyword;
  gboolean   is_tag;
  int        pages;
  int        size;
  int        page;
  GPtrArray *inputs;
  GHashTable *seen;
  HsDownloadSearchPageFunc page_func;
  gpointer   page_data;
} Search;

static void
search_free (Search *search)
{
  g_free (search->keyword);
  g_ptr_array_unref (search->inputs);
  g_hash_table_unref (search->seen);
  g_free (search);
}

static void search_next (GTask *task);

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Search *search = g_task_get_task_data (task);
  g_autoptr(HsSearchPage) page = NULL;
  GError *error = NULL;
  GListModel *items;
  guint n_items;
  guint first;

  page = hs_note_source_search_finish (HS_NOTE_SOURCE (object), result, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  items = hs_search_page_get_items (page);
  n_items = g_list_model_get_n_items (items);
  first = search->inputs->len;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(HsNote) note = g_list_model_get_item (items, i);
      const char *id = hs_note_get_note_id (note);
      HsNoteRef *ref = id != NULL ? hs_note_ref_new_for_id (id) : NULL;
      g_autofree char *label = NULL;

      /* A note that moved up between two pages shows twice. */
      if (ref == NULL || g_hash_table_contains (search->seen, hs_note_ref_get_note_id (ref)))
        {
          g_clear_pointer (&ref, hs_note_ref_unref);
          continue;
        }
      g_hash_table_add (search->seen, g_strdup (hs_note_ref_get_note_id (ref)));
      /* TRANSLATORS: a search keyword or #tag and a page number */
      label = g_strdup_printf (_("%s%s page %d"), search->is_tag ? "#" : "", search->keyword, search->page);
      g_ptr_array_add (search->inputs, input_new (ref, label));
    }

  if (search->page_func != NULL && search->inputs->len > first)
    {
      g_autoptr(GPtrArray) fresh = g_ptr_array_new ();

      for (guint i = first; i < search->inputs->len; i++)
        g_ptr_array_add (fresh, g_ptr_array_index (search->inputs, i));
      search->page_func (fresh, search->page_data);
    }

  if (!hs_search_page_get_has_more (page) || n_items == 0 || search->page >= search->pages)
    {
      g_task_return_pointer (task, g_ptr_array_ref (search->inputs), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  search->page++;
  search_next (g_steal_pointer (&task));
}

static void
search_next (GTask *task)
{
  Search *search = g_task_get_task_data (task);

  hs_note_source_search_async (g_task_get_source_object (task), search->keyword, search->is_tag,
                               search->page, search->size, g_task_get_cancellable (task),
                               search_cb, task);
}

void
hs_download_search_async (HsNoteSource        *source,
                          const char          *keyword,
                          gboolean             is_tag,
                          int                  pages,
                          int                  size,
                          HsDownloadSearchPageFunc page_func,
                          gpointer             page_data,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Search *search;

  g_return_if_fail (HS_IS_NOTE_SOURCE (source));
  g_return_if_fail (keyword != NULL);
  g_return_if_fail (pages >= 1 && size >= 1);

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_download_search_async);

  if (!hs_note_source_can (source, is_tag ? HS_NOTE_SOURCE_CAN_SEARCH_TAGS : HS_NOTE_SOURCE_CAN_SEARCH))
    {
      /* TRANSLATORS: %s is the name of a note source */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               is_tag ? _("%s cannot search by tag") : _("%s cannot search"),
                               hs_note_source_get_display_name (source));
      return;
    }

  search = g_new0 (Search, 1);
  search->keyword = g_strdup (keyword);
  search->is_tag = is_tag;
  search->pages = pages;
  search->size = size;
  search->page = 1;
  search->page_func = page_func;
  search->page_data = page_data;
  search->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_download_input_free);
  search->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, search, (GDestroyNotify) search_free);

  search_next (g_steal_pointer (&task));
}

GPtrArray *
hs_download_search_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_download_search_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The library */

typedef struct
{
  GPtrArray  *notes;   /* of HsNote */
  GHashTable *files;   /* media URL -> GFile: the saved copies */
} LibraryNotes;

static void
library_notes_free (LibraryNotes *found)
{
  g_ptr_array_unref (found->notes);
  g_hash_table_unref (found->files);
  g_free (found);
}

/* The files the library saved of @note's media, added to @files. A note
 * only opened has none. */
static gboolean
add_saved_files (HsLibrary     *library,
                 HsNote        *note,
                 GHashTable    *files,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GHashTable) saved = NULL;
  GHashTableIter iter;
  gpointer url, file;

  saved = hs_library_get_media_sync (library, hs_note_get_note_id (note), cancellable, error);
  if (saved == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, saved);
  while (g_hash_table_iter_next (&iter, &url, &file))
    g_hash_table_replace (files, g_strdup (url), g_object_ref (file));
  return TRUE;
}

static void
library_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HsLibrary *library = source_object;
  const char *category = task_data;
  HsLibraryQuery query = { 0 };
  g_autoptr(GPtrArray) items = NULL;
  LibraryNotes *found;
  GError *error = NULL;

  if (category != NULL)
    {
      g_autoptr(GPtrArray) categories = hs_library_categories_sync (library, cancellable, &error);
      gboolean known = FALSE;

      if (categories == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      for (guint i = 0; i < categories->len && !known; i++)
        known = g_strcmp0 (((HsLibraryCategory *) g_ptr_array_index (categories, i))->name, category) == 0;
      if (!known)
        {
          g_task_return_new_error (task, HS_ERROR, HS_ERROR_NOT_FOUND,
                                   /* TRANSLATORS: %s is a category's name */
                                   _("The library has no category “%s”"), category);
          return;
        }
      query.category = category;
      query.filter = HS_LIBRARY_FILTER_ALL;
    }
  else
    query.filter = HS_LIBRARY_FILTER_SAVED;

  items = hs_library_query_sync (library, &query, cancellable, &error);
  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  found = g_new0 (LibraryNotes, 1);
  found->notes = g_ptr_array_new_with_free_func (g_object_unref);
  found->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < items->len; i++)
    {
      HsNote *note = hs_library_item_get_note (g_ptr_array_index (items, i));

      if (note == NULL)
        continue;
      if (hs_note_get_note_id (note) != NULL &&
          !add_saved_files (library, note, found->files, cancellable, &error))
        {
          library_notes_free (found);
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (found->notes, g_object_ref (note));
    }
  g_task_return_pointer (task, found, (GDestroyNotify) library_notes_free);
}

void
hs_download_library_async (HsLibrary           *library,
                           const char          *category,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HS_IS_LIBRARY (library));

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_download_library_async);
  g_task_set_task_data (task, g_strdup (category), g_free);
  g_task_run_in_thread (task, library_thread);
}

GPtrArray *
hs_download_library_finish (GAsyncResult  *result,
                            GHashTable   **media_files,
                            GError       **error)
{
  LibraryNotes *found;
  GPtrArray *notes;

  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_download_library_async, NULL);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return NULL;
  notes = g_ptr_array_ref (found->notes);
  if (media_files != NULL)
    *media_files = g_hash_table_ref (found->files);
  library_notes_free (found);
  return notes;
}
