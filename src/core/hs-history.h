#pragma once

#include <glib-object.h>

#include "hs-note.h"

G_BEGIN_DECLS

#define HS_TYPE_HISTORY (hs_history_get_type ())

G_DECLARE_FINAL_TYPE (HsHistory, hs_history, HS, HISTORY, GObject)

/* The notes opened in this window during this session, like a browser's
 * back/forward list: opening a note drops the entries after the current one.
 * Each entry keeps the note once it has loaded, so going back shows it
 * without asking the API again (the rate limit is per minute).
 *
 * Properties "can-go-back" and "can-go-forward" (read-only, notify). */
HsHistory  *hs_history_new               (void);
/* Adds @note_id after the current entry, unless it already is the current
 * entry. */
void        hs_history_push              (HsHistory   *self,
                                          const char  *note_id);
/* A search as an entry: @search_link (hs_urls_search_link()) and its
 * results, kept as they are (pages loaded, scroll position) so that Back
 * shows them without a request. The current id of a search entry is NULL. */
void        hs_history_push_search       (HsHistory   *self,
                                          const char  *search_link,
                                          GObject     *search);
GObject    *hs_history_get_current_search (HsHistory  *self);
/* A page of the window that is neither a note nor a search (the
 * Library), so that Back returns to it. Its current id is NULL. */
void        hs_history_push_place        (HsHistory   *self,
                                          const char  *place);
const char *hs_history_get_current_place (HsHistory   *self);
void        hs_history_set_current_scroll (HsHistory  *self,
                                          double       scroll);
double      hs_history_get_current_scroll (HsHistory  *self);
const char *hs_history_get_current_id    (HsHistory   *self);
/* The link the current entry was opened with (xsec_token and all), or
 * NULL for a bare id: Copy Link and Open in Browser give it back. */
void        hs_history_set_current_link  (HsHistory   *self,
                                          const char  *link);
const char *hs_history_get_current_link  (HsHistory   *self);
HsNote     *hs_history_get_current_note  (HsHistory   *self);
/* Keeps @note on the current entry if its id is the current id. */
void        hs_history_set_note          (HsHistory   *self,
                                          HsNote      *note);
gboolean    hs_history_get_can_go_back   (HsHistory   *self);
gboolean    hs_history_get_can_go_forward (HsHistory  *self);
/* Move the cursor; return the new current id (a search entry's link), or
 * NULL (and stay) at an end. */
const char *hs_history_go_back           (HsHistory   *self);
const char *hs_history_go_forward        (HsHistory   *self);
guint       hs_history_get_n_entries     (HsHistory   *self);

G_END_DECLS
