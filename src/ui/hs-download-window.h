#pragma once

#include <adwaita.h>

#include "hs-download-queue.h"
#include "hs-library.h"
#include "hs-media-loader.h"
#include "hs-note-source.h"

G_BEGIN_DECLS

#define HS_TYPE_DOWNLOAD_WINDOW (hs_download_window_get_type ())

G_DECLARE_FINAL_TYPE (HsDownloadWindow, hs_download_window, HS, DOWNLOAD_WINDOW, AdwWindow)

/* "Download…": pasted links or share texts, or a file of them, or the
 * library's saved notes or one of its categories, saved into a folder per
 * note by an HsDownloadQueue; "Download All Results": every page of a
 * search. Then a row per note (progress, state, retry, open folder),
 * filling as a search's pages arrive, pause, resume and cancel, a toast
 * when done and a desktop notification when the window is not focused.
 * The folder is remembered in the `download-folder` setting of @settings
 * (nullable). */
HsDownloadWindow *hs_download_window_new        (GtkWindow     *parent,
                                                 HsNoteSource  *source,
                                                 HsMediaLoader *loader,
                                                 GSettings     *settings);
/* Puts @text in the links box (the window's test and the note's
 * "Download" use it). */
void              hs_download_window_set_text   (HsDownloadWindow *self,
                                                 const char       *text);
void              hs_download_window_set_folder (HsDownloadWindow *self,
                                                 GFile            *folder);
/* Starts the download of what the box holds, as the Download button does. */
void              hs_download_window_start      (HsDownloadWindow *self);
/* The library whose saved notes and categories are offered (the window
 * opens the person's own, $XDG_DATA_HOME/hongshu, when given none). */
void              hs_download_window_set_library (HsDownloadWindow *self,
                                                  HsLibrary        *library);
/* Chooses the library's saved notes (@category NULL) or that category as
 * what the Download button takes. FALSE while the categories are not
 * read yet, or when there is no such category. */
gboolean          hs_download_window_choose_library (HsDownloadWindow *self,
                                                  const char       *category);
/* "Download All Results": every page of the search for @query (@is_tag: a
 * tag search), through the source and its rate limiter, each page's
 * notes into the queue as the page arrives. */
void              hs_download_window_start_search (HsDownloadWindow *self,
                                                  const char       *query,
                                                  gboolean          is_tag);
/* TRUE while notes are still being gathered (a search's next pages, the
 * library): the queue may finish and start again meanwhile. */
gboolean          hs_download_window_is_gathering (HsDownloadWindow *self);
/* (nullable) (transfer none): a Download window on screen, for the
 * screenshot hook and tests. */
HsDownloadWindow *hs_download_window_find_shown (void);
/* (nullable): the queue once started. */
HsDownloadQueue  *hs_download_window_get_queue  (HsDownloadWindow *self);

G_END_DECLS
