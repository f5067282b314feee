#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HS_TYPE_NOTE_LAYOUT (hs_note_layout_get_type ())

G_DECLARE_FINAL_TYPE (HsNoteLayout, hs_note_layout, HS, NOTE_LAYOUT, GtkWidget)

/* The page layout of a note on the Xiaohongshu website: the media on the
 * start side and a column of text (header above body) on the end side when
 * the width allows, else header, media and body stacked, as in the app.
 *
 * libadwaita 1.2 has no breakpoints, and flipping a GtkBox's orientation
 * from size-allocate would resize during allocation; deciding in
 * measure/size_allocate from the width we are given keeps height-for-width
 * exact, so a single scrolled window around us never needs a second one.
 *
 * Properties: "header", "media", "body" (GtkWidget, each optional),
 * "wide-threshold" (int, px), "spacing" (int, px). */
GtkWidget *hs_note_layout_new          (void);
GtkWidget *hs_note_layout_get_header   (HsNoteLayout *self);
void       hs_note_layout_set_header   (HsNoteLayout *self,
                                        GtkWidget    *header);
GtkWidget *hs_note_layout_get_media    (HsNoteLayout *self);
void       hs_note_layout_set_media    (HsNoteLayout *self,
                                        GtkWidget    *media);
GtkWidget *hs_note_layout_get_body     (HsNoteLayout *self);
void       hs_note_layout_set_body     (HsNoteLayout *self,
                                        GtkWidget    *body);
/* The adjustment of the scrolled window around us: side by side, the media
 * then stays in view while the text scrolls. */
void       hs_note_layout_set_scroll_adjustment (HsNoteLayout  *self,
                                                 GtkAdjustment *adjustment);
/* Whether the last allocation put the media beside the text. */
gboolean   hs_note_layout_get_is_wide  (HsNoteLayout *self);

G_END_DECLS
