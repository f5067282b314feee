#include "config.h"

#include <glib/gi18n.h>

#include "hs-download-sources.h"
#include "hs-download-window-internal.h"

/* Where a Download window's notes come from besides pasted text: the
 * library (its saved notes, a category) and a search's pages. */

/* Notes a search page: as the window's own search grid asks for. */
#define SEARCH_PAGE_SIZE 20

static void
set_gathering (HsDownloadWindow *self,
               char             *text)
{
  g_free (self->gathering);
  self->gathering = text;
  if (self->queue != NULL)
    hs_download_window_update_summary (self);
}

gboolean
hs_download_window_is_gathering (HsDownloadWindow *self)
{
  g_return_val_if_fail (HS_IS_DOWNLOAD_WINDOW (self), FALSE);
  return self->gathering != NULL;
}

/* The library's categories, in the source row */

static void
categories_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  HsLibrary *library = task_data;
  GPtrArray *categories;
  GError *error = NULL;

  /* Opening creates an empty library when there is none: harmless, and
   * the app keeps one anyway. */
  if (!hs_library_open_sync (library, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  categories = hs_library_categories_sync (library, cancellable, &error);
  if (categories == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, categories, (GDestroyNotify) g_ptr_array_unref);
}

static void
categories_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HsDownloadWindow) self = user_data;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  guint from;
  guint n_old;

  categories = g_task_propagate_pointer (G_TASK (result), &error);
  if (categories == NULL)
    {
      /* Links still work; the library's entries say why they do not. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Library categories not read: %s", error->message);
      return;
    }

  /* The category chosen stays chosen, by its name, wherever it moves. */
  from = adw_combo_row_get_selected (self->from_row);
  if (from != GTK_INVALID_LIST_POSITION && from >= HS_DOWNLOAD_WINDOW_FROM_FIRST_CATEGORY &&
      from - HS_DOWNLOAD_WINDOW_FROM_FIRST_CATEGORY < self->categories->len)
    chosen = g_strdup (g_ptr_array_index (self->categories, from - HS_DOWNLOAD_WINDOW_FROM_FIRST_CATEGORY));

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->from_list)) - HS_DOWNLOAD_WINDOW_FROM_FIRST_CATEGORY;
  g_ptr_array_set_size (self->categories, 0);
  for (guint i = 0; i < categories->len; i++)
    {
      HsLibraryCategory *category = g_ptr_array_index (categories, i);
      /* TRANSLATORS: an entry of "Notes": a category of the library */
      g_autofree char *label = g_strdup_printf (_("Category “%s”"), category->name);
      guint position = HS_DOWNLOAD_WINDOW_FROM_FIRST_CATEGORY + i;

      g_ptr_array_add (self->categories, g_strdup (category->name));
      if (i >= n_old)
        gtk_string_list_append (self->from_list, label);
      else if (g_strcmp0 (gtk_string_list_get_string (self->from_list, position), label) != 0)
        gtk_string_list_splice (self->from_list, position, 1, (const char * const[]) { label, NULL });
    }
  if (n_old > categories->len)
    gtk_string_list_splice (self->from_list, HS_DOWNLOAD_WINDOW_FROM_FIRST_CATEGORY + categories->len,
                            n_old - categories->len, NULL);

  /* One removed or renamed while chosen: back to the links, rather than
   * another batch than the one chosen. */
  if (chosen != NULL && !hs_download_window_choose_library (self, chosen))
    adw_combo_row_set_selected (self->from_row, HS_DOWNLOAD_WINDOW_FROM_TEXT);
}

/* The library whose categories the window shows, followed as they change. */
static void
watch_library (HsDownloadWindow *self,
               HsLibrary        *library)
{
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (self->library, self);
  g_set_object (&self->library, library);
  if (library != NULL)
    g_signal_connect_object (library, "categories-changed", G_CALLBACK (hs_download_window_load_categories),
                             self, G_CONNECT_SWAPPED);
}

void
hs_download_window_unwatch_library (HsDownloadWindow *self)
{
  watch_library (self, NULL);
}

void
hs_download_window_load_categories (HsDownloadWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->library == NULL)
    {
      g_autoptr(HsLibrary) library = hs_library_new (NULL);

      watch_library (self, library);
    }

  /* Another library's categories, read before, are no longer wanted. */
  g_cancellable_cancel (self->categories_cancellable);
  g_clear_object (&self->categories_cancellable);
  self->categories_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->categories_cancellable, G_CONNECT_SWAPPED);

  task = g_task_new (NULL, self->categories_cancellable, categories_cb, g_object_ref (self));
  g_task_set_source_tag (task, hs_download_window_load_categories);
  g_task_set_task_data (task, g_object_ref (self->library), g_object_unref);
  g_task_run_in_thread (task, categories_thread);
}

void
hs_download_window_set_library (HsDownloadWindow *self,
                                HsLibrary        *library)
{
  g_return_if_fail (HS_IS_DOWNLOAD_WINDOW (self));
  g_return_if_fail (HS_IS_LIBRARY (library));

  watch_library (self, library);
  hs_download_window_load_categories (self);
}

gboolean
hs_download_window_choose_library (HsDownloadWindow *self,
                                   const char       *category)
{
  g_return_val_if_fail (HS_IS_DOWNLOAD_WINDOW (self), FALSE);

  if (category == NULL)
    {
      adw_combo_row_set_selected (self->from_row, HS_DOWNLOAD_WINDOW_FROM_SAVED);
      return TRUE;
    }
  for (guint i = 0; i < self->categories->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->categories, i), category) == 0)
      {
        adw_combo_row_set_selected (self->from_row, HS_DOWNLOAD_WINDOW_FROM_FIRST_CATEGORY + i);
        return TRUE;
      }
  return FALSE;
}

void
hs_download_window_from_changed (HsDownloadWindow *self)
{
  guint from = adw_combo_row_get_selected (self->from_row);

  /* Open File belongs to the links. */
  gtk_widget_set_visible (self->open_file_button,
                          from == HS_DOWNLOAD_WINDOW_FROM_TEXT || from == GTK_INVALID_LIST_POSITION);
  if (from == HS_DOWNLOAD_WINDOW_FROM_TEXT || from == GTK_INVALID_LIST_POSITION)
    {
      gtk_stack_set_visible_child_name (self->from_stack, "text");
      return;
    }

  if (from == HS_DOWNLOAD_WINDOW_FROM_SAVED)
    gtk_label_set_label (self->library_label,
                         _("Every note saved in the library, with its pictures and videos, "
                           "all taken from the library’s own copies: no network is needed."));
  else
    gtk_label_set_label (self->library_label,
                         _("Every note in the library with a tag of this category, saved or only opened. "
                           "The notes and the files of saved ones are taken from the library; "
                           "only the files of notes only opened are fetched."));
  gtk_stack_set_visible_child_name (self->from_stack, "library");
}

/* The library or a search has said what it found: @n_found notes, else
 * @error. Tells what went wrong, or @none_found. Returns: FALSE when the
 * window was closed meanwhile. */
static gboolean
gathered (HsDownloadWindow *self,
          const GError     *error,
          guint             n_found,
          const char       *none_found)
{
  set_gathering (self, NULL);
  if (self->queue == NULL)
    return FALSE;

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    hs_download_window_show_problems (self, error->message);
  else if (error == NULL && n_found == 0)
    hs_download_window_show_problems (self, none_found);
  return TRUE;
}

/* The library's notes */

static void
library_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HsDownloadWindow) self = user_data;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) error = NULL;

  notes = hs_download_library_finish (result, &files, &error);
  if (!gathered (self, error, notes != NULL ? notes->len : 0,
                 _("No notes to download: the library has none of these")))
    return;
  if (notes == NULL || notes->len == 0)
    {
      hs_download_window_update_summary (self);
      return;
    }

  /* The library's copies of their files, not the network's. */
  hs_download_queue_add_local_files (self->queue, files);
  for (guint i = 0; i < notes->len; i++)
    hs_download_queue_add_note (self->queue, g_ptr_array_index (notes, i));
  hs_download_queue_start (self->queue);
}

void
hs_download_window_start_library (HsDownloadWindow *self,
                                  const char       *category)
{
  hs_download_window_show_problems (self, NULL);
  hs_download_window_begin_queue (self);
  set_gathering (self, g_strdup (_("Reading the library…")));
  hs_download_library_async (self->library, category, self->cancellable, library_cb, g_object_ref (self));
}

/* A search's pages */

typedef struct
{
  HsDownloadWindow *self;   /* unowned: the search's callback holds it */
  char             *query;
  gboolean          is_tag;
  guint             pages;
} SearchProgress;

static void
search_progress_free (SearchProgress *progress)
{
  g_free (progress->query);
  g_free (progress);
}

static char *
searching_text (SearchProgress *progress)
{
  if (progress->pages == 0)
    /* TRANSLATORS: %s is a search: a keyword, or #tag */
    return g_strdup_printf (_("Searching “%s%s”…"), progress->is_tag ? "#" : "", progress->query);
  /* TRANSLATORS: a search (a keyword, or #tag), then the result pages read so far */
  return g_strdup_printf (ngettext ("Searching “%s%s”: %u page read, asking for the next…",
                                    "Searching “%s%s”: %u pages read, asking for the next…",
                                    progress->pages),
                          progress->is_tag ? "#" : "", progress->query, progress->pages);
}

static void
search_page_cb (GPtrArray *inputs,
                gpointer   user_data)
{
  SearchProgress *progress = user_data;
  HsDownloadWindow *self = progress->self;

  progress->pages++;
  if (self->queue == NULL || hs_download_queue_get_state (self->queue) == HS_DOWNLOAD_QUEUE_CANCELLED)
    return;

  set_gathering (self, searching_text (progress));
  for (guint i = 0; i < inputs->len; i++)
    {
      HsDownloadInput *input = g_ptr_array_index (inputs, i);

      hs_download_queue_add_ref (self->queue, input->ref, input->label);
    }
  /* The notes of the first page download while the next is asked for. */
  if (hs_download_queue_get_state (self->queue) == HS_DOWNLOAD_QUEUE_IDLE ||
      hs_download_queue_get_state (self->queue) == HS_DOWNLOAD_QUEUE_FINISHED)
    hs_download_queue_start (self->queue);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HsDownloadWindow) self = user_data;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GError) error = NULL;
  HsDownloadQueueState state;

  inputs = hs_download_search_finish (result, &error);
  /* After an error the notes found so far still download. */
  if (!gathered (self, error, inputs != NULL ? inputs->len : 0, _("The search found no notes")))
    return;

  state = hs_download_queue_get_state (self->queue);
  if (state == HS_DOWNLOAD_QUEUE_FINISHED || state == HS_DOWNLOAD_QUEUE_IDLE)
    hs_download_window_announce_done (self);
  else
    hs_download_window_update_summary (self);
}

void
hs_download_window_start_search (HsDownloadWindow *self,
                                 const char       *query,
                                 gboolean          is_tag)
{
  SearchProgress *progress;

  g_return_if_fail (HS_IS_DOWNLOAD_WINDOW (self));
  g_return_if_fail (query != NULL);

  if (self->queue != NULL)
    return;

  progress = g_new0 (SearchProgress, 1);
  progress->self = self;
  progress->query = g_strdup (query);
  progress->is_tag = is_tag;

  gtk_window_set_title (GTK_WINDOW (self), _("Download All Results"));
  hs_download_window_show_problems (self, NULL);
  hs_download_window_begin_queue (self);
  set_gathering (self, searching_text (progress));
  hs_download_search_async (self->source, query, is_tag, HS_DOWNLOAD_SEARCH_ALL_PAGES, SEARCH_PAGE_SIZE,
                            search_page_cb, progress, self->cancellable, search_cb, g_object_ref (self));
  /* Freed with the window: the search ends (cancelled at the latest) first. */
  g_object_set_data_full (G_OBJECT (self), "hs-search-progress", progress,
                          (GDestroyNotify) search_progress_free);
}
