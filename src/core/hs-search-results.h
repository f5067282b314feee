#pragma once

#include <gio/gio.h>

#include "hs-note-source.h"

G_BEGIN_DECLS

#define HS_TYPE_SEARCH_RESULTS (hs_search_results_get_type ())

G_DECLARE_FINAL_TYPE (HsSearchResults, hs_search_results, HS, SEARCH_RESULTS, GObject)

/* The notes of one search (by keyword or by tag) as a GListModel of HsNote
 * that grows a page at a time: nothing is asked for until
 * hs_search_results_load_more(), which a view calls when it nears the end.
 * Pages go through the source (so through its rate limiter); the page
 * after the last one with `has_more` true is never asked for.
 *
 * Properties (read-only, notify): "loading", "error" (a GError, boxed,
 * NULL when the last page came), "has-more", "waiting-seconds" (the
 * countdown of a retry wait, from the source's "waiting" signal when it has
 * one; 0 when none), "n-pages", "total" (-1 unknown), "top-tags" (a GStrv).
 *
 * Disposing the model, or hs_search_results_cancel(), cancels the page in
 * flight; a cancelled page is not an error, the next load_more() asks again. */
HsSearchResults *hs_search_results_new                (HsNoteSource    *source,
                                                       const char      *query,
                                                       gboolean         is_tag,
                                                       int              page_size);
HsNoteSource    *hs_search_results_get_source         (HsSearchResults *self);
const char      *hs_search_results_get_query          (HsSearchResults *self);
gboolean         hs_search_results_get_is_tag         (HsSearchResults *self);

/* Asks for the next page unless one is in flight, the last came, or the
 * last attempt failed (hs_search_results_retry() then). Returns TRUE when a
 * request started. */
gboolean         hs_search_results_load_more          (HsSearchResults *self);
/* Forgets the error and asks for the page that failed. */
gboolean         hs_search_results_retry              (HsSearchResults *self);
void             hs_search_results_cancel             (HsSearchResults *self);

gboolean         hs_search_results_get_loading        (HsSearchResults *self);
const GError    *hs_search_results_get_error          (HsSearchResults *self);
gboolean         hs_search_results_get_has_more       (HsSearchResults *self);
guint            hs_search_results_get_waiting_seconds (HsSearchResults *self);
/* Pages received so far. */
guint            hs_search_results_get_n_pages        (HsSearchResults *self);
gint64           hs_search_results_get_total          (HsSearchResults *self);
/* The tags that appear most among the results so far, most frequent
 * first (ties in order of first appearance), at most @max, without the
 * searched tag itself. Returns: (transfer full). */
char           **hs_search_results_dup_top_tags       (HsSearchResults *self,
                                                       guint            max);

G_END_DECLS
