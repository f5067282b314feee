#pragma once

#include <gtk/gtk.h>

#include "hs-media-loader.h"
#include "hs-note.h"

G_BEGIN_DECLS

#define HS_TYPE_NOTE_CARD (hs_note_card_get_type ())

G_DECLARE_FINAL_TYPE (HsNoteCard, hs_note_card, HS, NOTE_CARD, GtkWidget)

/* One note in the search grid: cover, a video or picture-count badge, the
 * title on two lines, the author's avatar and name, and the like count.
 * The grid binds a card to a note and unbinds it (NULL) when the card
 * scrolls away, which cancels its loads and drops its pictures. */
GtkWidget  *hs_note_card_new          (void);
void        hs_note_card_set_note     (HsNoteCard    *self,
                                       HsNote        *note,
                                       HsMediaLoader *loader);
HsNote     *hs_note_card_get_note     (HsNoteCard    *self);
/* For tests: whether the cover picture is shown. */
gboolean    hs_note_card_has_cover    (HsNoteCard    *self);
/* The URL of the cover, NULL without one. */
const char *hs_note_card_get_cover_url (HsNoteCard   *self);

/* The saved badge: the note is in the library with its media. */
void        hs_note_card_set_saved    (HsNoteCard    *self,
                                       gboolean       saved);
gboolean    hs_note_card_get_saved    (HsNoteCard    *self);

G_END_DECLS
