#pragma once

#include <adwaita.h>

#include "hs-media-loader.h"
#include "hs-note.h"

G_BEGIN_DECLS

#define HS_TYPE_NOTE_VIEW (hs_note_view_get_type ())

G_DECLARE_FINAL_TYPE (HsNoteView, hs_note_view, HS, NOTE_VIEW, AdwBin)

/* One note, laid out as on the Xiaohongshu website: the gallery on one side
 * and the author, title, body, tags, time, place and counts on the other
 * (stacked on a narrow window), all in one scrolled window.
 *
 * Properties: "note" (HsNote, nullable), "media-loader" (HsMediaLoader,
 * which fetches the avatar, the gallery and the body's images). */
GtkWidget     *hs_note_view_new              (void);
HsNote        *hs_note_view_get_note         (HsNoteView    *self);
void           hs_note_view_set_note         (HsNoteView    *self,
                                              HsNote        *note);
HsMediaLoader *hs_note_view_get_media_loader (HsNoteView    *self);
void           hs_note_view_set_media_loader (HsNoteView    *self,
                                              HsMediaLoader *loader);
/* The geo: URI that "Open in Maps" launches, NULL without coordinates. */
const char    *hs_note_view_get_maps_uri     (HsNoteView    *self);
/* The content view of the body, NULL when the note has no body to show. */
GtkWidget     *hs_note_view_get_body         (HsNoteView    *self);
/* The gallery, NULL until the media loader is set: the window activates
 * its actions (save, copy, open) from keyboard shortcuts. */
GtkWidget     *hs_note_view_get_gallery      (HsNoteView    *self);

/* The author row's "Search for Their Name" (a keyword search). */
GtkWidget  *hs_note_view_get_author_search_button (HsNoteView *self);

/* The "Saved in the Library" badge above the title. */
void        hs_note_view_set_saved (HsNoteView *self,
                                    gboolean    saved);
gboolean    hs_note_view_get_saved (HsNoteView *self);

G_END_DECLS
