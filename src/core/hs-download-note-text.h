#pragma once

#include <gio/gio.h>

#include "hs-note.h"
#include "hs-note-ref.h"

G_BEGIN_DECLS

/* The key of note.md in a folder's record, and its URL. */
#define HS_DOWNLOAD_NOTE_TEXT_URL "hongshu:note.md"

/* note.md of a batch download: the title, author, date, tags and link
 * of @note, then its text, in Markdown. The link is the one @ref gave
 * (query string and all), else the note's canonical link. */
GBytes *hs_download_note_text (HsNote    *note,
                               HsNoteRef *ref);

G_END_DECLS
