#pragma once

#include <adwaita.h>

#include "hs-download-queue.h"
#include "hs-media-loader.h"
#include "hs-note-source.h"

G_BEGIN_DECLS

#define HS_TYPE_DOWNLOAD_WINDOW (hs_download_window_get_type ())

G_DECLARE_FINAL_TYPE (HsDownloadWindow, hs_download_window, HS, DOWNLOAD_WINDOW, AdwWindow)

/* "Download…": pasted links or share texts, or a file of them, saved into
 * a folder per note by an HsDownloadQueue; then a row per note (progress,
 * state, retry, open folder), pause, resume and cancel, a toast when done
 * and a desktop notification when the window is not focused. The folder is
 * remembered in the `download-folder` setting of @settings (nullable). */
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
/* (nullable): the queue once started. */
HsDownloadQueue  *hs_download_window_get_queue  (HsDownloadWindow *self);

G_END_DECLS
