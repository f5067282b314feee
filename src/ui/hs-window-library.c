#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hs-library-source.h"
#include "hs-note-grid.h"
#include "hs-recent-searches.h"
#include "hs-urls.h"
#include "hs-window-internal.h"

/* The window's offline search: when the chosen source cannot search online (the
 * website without the open-platform API), a search runs over the local library
 * instead, and the grid says plainly that these are the library's results. The
 * library is opened the first time it is needed, off the main thread. */

/* Notes per page of the library's results, as online. */
#define LIBRARY_PAGE_SIZE 20

static void
search_library_now (HsWindow   *self,
                    const char *query,
                    gboolean    is_tag)
{
  g_autoptr(HsSearchResults) results = NULL;
  g_autofree char *link = hs_urls_search_link (query, is_tag);
  HsSearchResults *old = hs_note_grid_get_results (self->grid);

  if (old != NULL)
    hs_search_results_cancel (old);
  hs_window_remember_scroll (self);

  results = hs_search_results_new (self->library_source, query, is_tag, LIBRARY_PAGE_SIZE);
  hs_history_push_search (self->history, link, G_OBJECT (results));
  hs_window_show_search (self, results, 0);
}

static void
show_unsupported (HsWindow     *self,
                  const char   *query,
                  gboolean      is_tag,
                  const GError *error)
{
  g_autofree char *shown = hs_recent_searches_format (query, is_tag);
  g_autofree char *explanation = NULL;

  /* TRANSLATORS: %s is the name of a note source, such as "Website" */
  explanation = g_strdup_printf (_("%s cannot search. Searching online needs the Xiaohongshu open platform API: "
                                   "choose it and enter an access token in the preferences."),
                                 hs_note_source_get_display_name (self->source));
  if (error != NULL)
    {
      g_autofree char *with_error = NULL;

      /* TRANSLATORS: the first %s says why search is not possible online, the
       * second why the library could not be opened instead */
      with_error = g_strdup_printf (_("%s The library could not be searched instead: %s"),
                                    explanation, error->message);
      g_free (explanation);
      explanation = g_steal_pointer (&with_error);
    }

  hs_window_cancel_load (self);
  hs_window_set_entry_text (self, shown);
  hs_window_show_entry_error (self, NULL);
  hs_note_grid_set_notice (self->grid, NULL, NULL, NULL);
  hs_note_grid_show_unsupported (self->grid, query, is_tag, explanation);
  hs_window_set_page (self, "search");
}

static void
library_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(HsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;

  if (!hs_library_open_finish (HS_LIBRARY (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("The library could not be opened for an offline search: %s", error->message);
      query = g_steal_pointer (&self->library_query);
      g_clear_object (&self->library);
      if (query != NULL)
        show_unsupported (self, query, self->library_is_tag, error);
      return;
    }

  self->library_source = HS_NOTE_SOURCE (hs_library_source_new (self->library));
  query = g_steal_pointer (&self->library_query);
  if (query != NULL)
    search_library_now (self, query, self->library_is_tag);
}

/* Runs @query over the library, opening it first if need be. */
void
hs_window_search_library (HsWindow   *self,
                          const char *query,
                          gboolean    is_tag)
{
  if (self->library_source != NULL)
    {
      search_library_now (self, query, is_tag);
      return;
    }

  /* The last search asked for while the library opens is the one that runs. */
  g_free (self->library_query);
  self->library_query = g_strdup (query);
  self->library_is_tag = is_tag;
  if (self->library != NULL)
    return;

  self->library = hs_library_new (NULL);
  hs_library_open_async (self->library, self->cancellable, library_opened_cb, g_object_ref (self));
}

/* Whether @results come from the library rather than from an online search. */
gboolean
hs_window_results_are_offline (HsWindow        *self,
                               HsSearchResults *results)
{
  return self->library_source != NULL && results != NULL &&
         hs_search_results_get_source (results) == self->library_source;
}

/* The grid's notice for @results: the library's are said to be offline. */
void
hs_window_update_search_notice (HsWindow        *self,
                                HsSearchResults *results)
{
  if (!hs_window_results_are_offline (self, results))
    {
      hs_note_grid_set_notice (self->grid, NULL, NULL, NULL);
      return;
    }

  hs_note_grid_set_notice (self->grid,
                           _("These results are from your library, offline: the notes you opened or saved here. "
                             "Searching Xiaohongshu online needs the open platform API."),
                           _("Preferences"), "app.preferences");
}

void
hs_window_library_dispose (HsWindow *self)
{
  g_clear_pointer (&self->library_query, g_free);
  /* Results in the history hold the source, and through it the library, which
   * closes its database when the last of them goes. */
  g_clear_object (&self->library_source);
  g_clear_object (&self->library);
}
