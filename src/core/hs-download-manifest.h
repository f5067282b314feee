#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a batch download wrote into one note's folder, kept there as
 * `.hongshu.json`: whose folder it is (the note id) and, for each media
 * URL, the file it became with its size and SHA-256. It is how a second
 * run knows a file is complete (and skips it) and a folder is its note's
 * (and not another note's of the same name).
 *
 * Loaded and saved from a worker thread (both block); changed on one
 * thread at a time. */

#define HS_DOWNLOAD_MANIFEST_NAME ".hongshu.json"

typedef struct _HsDownloadManifest HsDownloadManifest;

HsDownloadManifest *hs_download_manifest_new          (const char          *note_id);
/* NULL with G_IO_ERROR_NOT_FOUND when @folder has none; HS_ERROR_FAILED
 * when it is not ours (not JSON, wrong shape). */
HsDownloadManifest *hs_download_manifest_load         (GFile               *folder,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
/* Written to a temporary file and renamed, mode 0666 less the umask. */
gboolean            hs_download_manifest_save         (HsDownloadManifest  *self,
                                                       GFile               *folder,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
/* A copy of @self saved on a worker thread, then (@sweep) the folder
 * swept, for a note now complete: what earlier runs left half done is of
 * no use then (a part of an address that changed since, a record being
 * written when the run was killed). Not cancellable: a record of files
 * already saved is always worth writing, and it is quick. */
void                hs_download_manifest_save_async   (HsDownloadManifest  *self,
                                                       GFile               *folder,
                                                       gboolean             sweep,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            hs_download_manifest_save_finish  (GAsyncResult        *result,
                                                       GError             **error);
HsDownloadManifest *hs_download_manifest_copy         (HsDownloadManifest  *self);
void                hs_download_manifest_free         (HsDownloadManifest  *self);

const char         *hs_download_manifest_get_note_id  (HsDownloadManifest  *self);
/* The complete file for @url: its name and size, or FALSE. @url is the
 * media's original when it has one (a stable address), else the address
 * it is shown from. */
gboolean            hs_download_manifest_lookup       (HsDownloadManifest  *self,
                                                       const char          *url,
                                                       const char         **name,
                                                       goffset             *size,
                                                       const char         **sha256);
/* @quality: (nullable): for media with an original and a display
 * address, which of the two the file is: "original", or "display" when
 * the original could not be had. */
void                hs_download_manifest_add_file     (HsDownloadManifest  *self,
                                                       const char          *url,
                                                       const char          *quality,
                                                       const char          *name,
                                                       goffset              size,
                                                       const char          *sha256);
/* (nullable): the quality recorded for @url. */
const char         *hs_download_manifest_get_quality  (HsDownloadManifest  *self,
                                                       const char          *url);
/* Removes from @folder what runs left half done: parts of files
 * (`.NAME.part`, hs-download-file.h) and records being written
 * (`.hongshu.json.XXXXXXXX.tmp`). For a note's folder once every file in
 * it is complete. Blocks. */
void                hs_download_manifest_sweep        (GFile               *folder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsDownloadManifest, hs_download_manifest_free)

G_END_DECLS
