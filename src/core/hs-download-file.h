#pragma once

#include <gio/gio.h>

#include "hs-media-loader.h"

G_BEGIN_DECLS

#define HS_TYPE_DOWNLOAD_FILE (hs_download_file_get_type ())

G_DECLARE_FINAL_TYPE (HsDownloadFile, hs_download_file, HS, DOWNLOAD_FILE, GObject)

/* One media file of a batch download, saved into a folder as STEM.EXT
 * (the extension from the sniffed type: 01.jpg, 02.webp, video-01.webm):
 *   - the bytes go to `.STEM.HASH.part` (HASH from the URL, so a part holds
 *     one URL's bytes only) and the file appears under its name
 *     only when complete (a rename that never replaces: a different file
 *     already there keeps its name and this one becomes "STEM (2).EXT";
 *     an identical one is kept and the part dropped);
 *   - a part left by an interrupted run (even one killed with SIGKILL)
 *     resumes with a Range request when the server answers 206 with a
 *     Content-Range starting there; anything else starts again from the
 *     first byte;
 *   - created with mode 0666 less the umask, like any file the user makes;
 *   - fetched through the media loader's session and rules (Referer, at
 *     most 4 connections a host, redirects within the media's scope).
 * Errors: those of the media loader, HS_ERROR_FAILED when the folder cannot
 * be written (with the system's reason), G_IO_ERROR_CANCELLED. */

typedef void (*HsDownloadFileProgressFunc) (HsDownloadFile *file,
                                            goffset         received,
                                            goffset         total,
                                            gpointer        user_data);

HsDownloadFile *hs_download_file_new             (HsMediaLoader               *loader,
                                                  const char                  *url,
                                                  GFile                       *folder,
                                                  const char                  *stem);
/* A file made in memory (the note's text): saved as STEM.EXTENSION by the
 * same rules; its URL is "hongshu:STEM.EXTENSION". */
HsDownloadFile *hs_download_file_new_for_bytes   (GFile                       *folder,
                                                  const char                  *stem,
                                                  const char                  *extension,
                                                  GBytes                      *bytes);
/* A local file (a video in the media cache) copied in as STEM.EXTENSION
 * (@extension NULL: from its sniffed type) by the same rules. */
HsDownloadFile *hs_download_file_new_for_file    (GFile                       *folder,
                                                  const char                  *stem,
                                                  const char                  *extension,
                                                  GFile                       *source);
/* Whether a file of the same name and the same bytes counts as this one
 * (default TRUE: a batch run again). FALSE saves it as "STEM (2).EXT"
 * all the same, as a file manager does on a second save. */
void            hs_download_file_set_reuse_identical (HsDownloadFile          *self,
                                                  gboolean                     reuse_identical);
/* Called in the main context with the bytes of the file so far (resumed
 * ones included) and its size (-1 while unknown). */
void            hs_download_file_set_progress_func (HsDownloadFile            *self,
                                                  HsDownloadFileProgressFunc   func,
                                                  gpointer                     user_data);

void            hs_download_file_run_async       (HsDownloadFile              *self,
                                                  GCancellable                *cancellable,
                                                  GAsyncReadyCallback          callback,
                                                  gpointer                     user_data);
gboolean        hs_download_file_run_finish      (HsDownloadFile              *self,
                                                  GAsyncResult                *result,
                                                  GError                     **error);

const char     *hs_download_file_get_url         (HsDownloadFile              *self);
const char     *hs_download_file_get_stem        (HsDownloadFile              *self);
/* `.STEM.HASH.part`. */
char           *hs_download_file_dup_part_name   (HsDownloadFile              *self);
/* After success: the file's name in the folder, its size and SHA-256 (hex). */
const char     *hs_download_file_get_name        (HsDownloadFile              *self);
goffset         hs_download_file_get_size        (HsDownloadFile              *self);
const char     *hs_download_file_get_sha256      (HsDownloadFile              *self);
/* Bytes taken from the network by this run, and where it resumed from. */
goffset         hs_download_file_get_bytes_received (HsDownloadFile           *self);
goffset         hs_download_file_get_resumed_from   (HsDownloadFile           *self);

/* "jpg" for image/jpeg and so on; "bin" when unknown. */
const char     *hs_download_file_extension_for_type (const char               *content_type);

G_END_DECLS
