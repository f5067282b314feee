#pragma once

#include <gio/gio.h>

#include "hs-download-manifest.h"

G_BEGIN_DECLS

/* The folder of one note in a batch download, picked on a worker thread:
 * OUTPUT/NAME when it is new, empty, or this note's already (its record
 * says so), else "NAME (2)" … "NAME (99)". A new folder is claimed at once
 * with a record, so that the next note of the same name, or another run,
 * sees whose it is; someone's own folder, or a record not ours, is left be.
 * Pick one at a time: two notes of the same name must not both take NAME.
 *
 * @keys: the keys of the note's files in the record (the media's URLs,
 * note.md's), in order: the result says which of them are complete
 * already (recorded, there, and as long).
 * Errors: HS_ERROR_FAILED when a folder cannot be made (with the
 * system's reason), G_IO_ERROR_CANCELLED. */
void     hs_download_folder_pick_async  (GFile               *output_folder,
                                         const char          *name,
                                         const char          *note_id,
                                         GPtrArray           *keys,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
/* @folder, @manifest: (out) (transfer full): the folder and its record.
 * @complete: (out) (transfer full) (element-type gboolean): one a key. */
gboolean hs_download_folder_pick_finish (GAsyncResult        *result,
                                         GFile              **folder,
                                         HsDownloadManifest **manifest,
                                         GArray             **complete,
                                         GError             **error);

G_END_DECLS
