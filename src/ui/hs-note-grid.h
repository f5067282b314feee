#pragma once

#include <gtk/gtk.h>

#include "hs-media-loader.h"
#include "hs-search-results.h"

G_BEGIN_DECLS

#define HS_TYPE_NOTE_GRID (hs_note_grid_get_type ())

G_DECLARE_FINAL_TYPE (HsNoteGrid, hs_note_grid, HS, NOTE_GRID, GtkWidget)

/* A search as a page: a header with the query, whether it is a keyword or
 * a tag, and chips of the tags most frequent among the results (each runs
 * win.search-tag); a GtkGridView of HsNoteCard over the HsSearchResults,
 * which asks for the next page as the person scrolls near the end; and a
 * footer saying "Loading…", "N notes" once all are in, the error with Try
 * Again, or the countdown of a rate-limit wait.
 *
 * Signal "activate-note" (HsNote *note): a card was activated (click,
 * Enter or Space). */
GtkWidget       *hs_note_grid_new              (void);
void             hs_note_grid_set_media_loader (HsNoteGrid      *self,
                                                HsMediaLoader   *loader);
/* Shows @results (asking for the first page if none came yet), scrolled to
 * @scroll once the grid is that tall. The same results as shown keep
 * their scroll position. */
void             hs_note_grid_set_results      (HsNoteGrid      *self,
                                                HsSearchResults *results,
                                                double           scroll);
HsSearchResults *hs_note_grid_get_results      (HsNoteGrid      *self);
double           hs_note_grid_get_scroll       (HsNoteGrid      *self);
/* The source cannot search: says so instead of a grid, with @explanation. */
void             hs_note_grid_show_unsupported (HsNoteGrid      *self,
                                                const char      *query,
                                                gboolean         is_tag,
                                                const char      *explanation);
/* A line above the cards about what these results are (NULL: none), with an
 * optional button that runs @action_name. */
void             hs_note_grid_set_notice       (HsNoteGrid      *self,
                                                const char      *text,
                                                const char      *button_label,
                                                const char      *action_name);

/* The cards take the keyboard once some are laid out. */
void             hs_note_grid_focus_cards      (HsNoteGrid      *self);

/* The library's sections have a heading of their own. */
void             hs_note_grid_set_header_visible (HsNoteGrid    *self,
                                                gboolean         visible);
/* What the empty page shows instead of a search's "No Notes Found",
 * "Nothing matches …" (each nullable: the search's). */
void             hs_note_grid_set_empty_status (HsNoteGrid      *self,
                                                const char      *icon_name,
                                                const char      *title,
                                                const char      *description);
/* (nullable): the ids of saved notes, whose cards show the saved badge;
 * shared, not copied: call again after it changed. */
void             hs_note_grid_set_saved_ids    (HsNoteGrid      *self,
                                                GHashTable      *saved_ids);

/* For tests and the benchmark. */
GtkWidget       *hs_note_grid_get_grid_view    (HsNoteGrid      *self);
GtkAdjustment   *hs_note_grid_get_vadjustment  (HsNoteGrid      *self);
/* The footer's text, NULL while it is hidden. */
const char      *hs_note_grid_get_footer_text  (HsNoteGrid      *self);
GtkWidget       *hs_note_grid_get_chips        (HsNoteGrid      *self);
/* "grid", "empty" or "unsupported". */
const char      *hs_note_grid_get_visible_page (HsNoteGrid      *self);
const char      *hs_note_grid_get_title        (HsNoteGrid      *self);
const char      *hs_note_grid_get_subtitle     (HsNoteGrid      *self);
/* The notice's text, NULL while none is shown, and its button. */
const char      *hs_note_grid_get_notice       (HsNoteGrid      *self);
GtkWidget       *hs_note_grid_get_notice_button (HsNoteGrid     *self);

G_END_DECLS
