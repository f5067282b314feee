#pragma once

#include <gio/gio.h>

#include "hs-note-ref.h"
#include "hs-note-source.h"

G_BEGIN_DECLS

/* Where a batch download's notes come from. Each gives note references
 * (and labels for messages) to hand to hs_download_queue_add_ref(). A
 * library's notes, or any notes at hand, go to hs_download_queue_add_note()
 * directly. */

/* A reference found in a batch, with where it was. */
typedef struct
{
  HsNoteRef *ref;
  char      *label;   /* the word or line it came from */
} HsDownloadInput;

void hs_download_input_free (HsDownloadInput *input);

/* Every note reference in @text (pasted share texts, a file of links), one
 * line at a time: a line may hold several, each found by the rules of
 * hs_note_ref_new_from_text(), the same note once per line. Empty lines
 * and lines starting with "#" are skipped.
 * @bad_lines: (out) (optional) (transfer full): the lines that hold no
 * reference, as "LINE: TEXT" (char *), to report.
 * Returns: (transfer full) (element-type HsDownloadInput): in order. */
GPtrArray *hs_download_inputs_from_text (const char    *text,
                                         GPtrArray    **bad_lines);

/* The notes of a search: pages 1 to @pages of @size (@is_tag: a tag
 * search), through the source's search, stopping at the last page.
 * G_IO_ERROR_NOT_SUPPORTED when the source cannot search (so). */
void       hs_download_search_async     (HsNoteSource         *source,
                                         const char           *keyword,
                                         gboolean              is_tag,
                                         int                   pages,
                                         int                   size,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* Returns: (transfer full) (element-type HsDownloadInput): the notes found,
 * each labelled "KEYWORD p.N". */
GPtrArray *hs_download_search_finish    (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
