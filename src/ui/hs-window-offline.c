#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hs-library-source.h"
#include "hs-note-grid.h"
#include "hs-recent-searches.h"
#include "hs-window-internal.h"

/* The window's offline search: when the chosen source cannot search online (the
 * website without the open-platform API), a search runs over the local library (the
 * one the application opened for the window, hs-window-library.c) instead, and the
 * grid says plainly that these are the library's results. */

static void
show_unsupported (HsWindow   *self,
                  const char *query,
                  gboolean    is_tag)
{
  g_autofree char *shown = hs_recent_searches_format (query, is_tag);
  g_autofree char *explanation = NULL;

  /* TRANSLATORS: %s is the name of a note source, such as "Website" */
  explanation = g_strdup_printf (_("%s cannot search. Searching online needs the Xiaohongshu open platform API: "
                                   "choose it and enter an access token in the preferences."),
                                 hs_note_source_get_display_name (self->source));

  hs_window_cancel_load (self);
  hs_window_set_entry_text (self, shown);
  hs_window_show_entry_error (self, NULL);
  hs_note_grid_set_notice (self->grid, NULL, NULL, NULL);
  hs_note_grid_show_unsupported (self->grid, query, is_tag, explanation);
  hs_window_set_page (self, "search");
}

/* Runs @query over the library, which the application opened for the window;
 * without one, says that this source cannot search. */
void
hs_window_search_library (HsWindow   *self,
                          const char *query,
                          gboolean    is_tag)
{
  if (self->library_source == NULL)
    {
      show_unsupported (self, query, is_tag);
      return;
    }
  hs_window_run_search (self, HS_NOTE_SOURCE (self->library_source), query, is_tag);
}

/* Whether @results come from the library rather than from an online search. */
gboolean
hs_window_results_are_offline (HsWindow        *self,
                               HsSearchResults *results)
{
  return self->library_source != NULL && results != NULL &&
         hs_search_results_get_source (results) == HS_NOTE_SOURCE (self->library_source);
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
