#pragma once

#include <gio/gio.h>

#include "hs-library.h"
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

/* Called with each search page's new notes as it arrives (@inputs:
 * (element-type HsDownloadInput) (transfer none)), so that a queue fills
 * while the next page is asked for. */
typedef void (*HsDownloadSearchPageFunc) (GPtrArray *inputs,
                                          gpointer   user_data);

/* All pages of a search, for "Download All Results": enough that only the
 * server's has_more ends it, not so many that a server that never says
 * "no more" goes on for ever. */
#define HS_DOWNLOAD_SEARCH_ALL_PAGES 100

/* The notes of a search: pages 1 to @pages of @size (@is_tag: a tag
 * search), through the source's search (so its rate limiter), stopping at
 * the last page (has_more false, or an empty page).
 * G_IO_ERROR_NOT_SUPPORTED when the source cannot search (so).
 * @page_func: (nullable): told of each page's notes as it arrives. */
void       hs_download_search_async     (HsNoteSource         *source,
                                         const char           *keyword,
                                         gboolean              is_tag,
                                         int                   pages,
                                         int                   size,
                                         HsDownloadSearchPageFunc page_func,
                                         gpointer              page_data,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* Returns: (transfer full) (element-type HsDownloadInput): the notes found,
 * each labelled "KEYWORD p.N". */
GPtrArray *hs_download_search_finish    (GAsyncResult         *result,
                                         GError              **error);

/* The library's notes, read on a worker thread: its saved notes
 * (@category NULL), or those of category @category (saved or only opened:
 * a category is a group of tags, HsLibraryQuery's @category).
 * HS_ERROR_NOT_FOUND when there is no such category. The notes come as the
 * library keeps them, media URLs and all: no API call is made for them, and the
 * files the library saved of them come along. */
void       hs_download_library_async    (HsLibrary            *library,
                                         const char           *category,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* @media_files: (out) (optional) (transfer full): the files the library
 * saved of these notes' media, by URL (char * -> GFile), for
 * hs_download_queue_add_local_files(): a saved note's pictures and videos
 * are then copied from the library, without the network.
 * Returns: (transfer full) (element-type HsNote): most recently opened
 * first; possibly empty. */
GPtrArray *hs_download_library_finish   (GAsyncResult         *result,
                                         GHashTable          **media_files,
                                         GError              **error);

G_END_DECLS
