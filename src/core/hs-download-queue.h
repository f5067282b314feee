#pragma once

#include <gio/gio.h>

#include "hs-download-item.h"
#include "hs-media-loader.h"
#include "hs-note-source.h"

G_BEGIN_DECLS

/* A batch download: notes in, every picture and video of each into a
 * folder of its own under the output folder.
 *
 * For each item (a note reference, or a note already at hand) the queue
 * gets the note through its HsNoteSource (so through that source's rate
 * limiter), picks the note's folder by the name template
 * (hs-download-name.h: "NAME", else "NAME (2)" when NAME holds another
 * note's files or someone else's), and saves each picture and video with
 * HsDownloadFile (01.jpg, 02.webp, …, video-01.webm; see there for how a
 * file is never half written, never overwrites, and resumes), plus the
 * note's text as note.md when asked. What it saved is recorded in the
 * folder (HsDownloadManifest): a file already complete is skipped.
 *
 * At most 4 media downloads a host and 8 in all run at once; notes are
 * fetched a few ahead of the files. One failed note or file does not stop
 * the others. The queue is a GListModel of HsDownloadItem, in the order
 * added; a UI binds to its properties and the items'. Everything runs on
 * the main context; dispose cancels what runs.
 *
 * Where items come from: hs-download-sources.h (pasted text, a file of
 * links, a search's pages); a library or any other collection of notes
 * adds them with hs_download_queue_add_note(), the library's saved copies
 * of their files with hs_download_queue_add_local_files(). */

typedef enum
{
  HS_DOWNLOAD_QUEUE_IDLE,       /* not started */
  HS_DOWNLOAD_QUEUE_RUNNING,
  HS_DOWNLOAD_QUEUE_PAUSED,
  HS_DOWNLOAD_QUEUE_FINISHED,   /* every item done, failed or cancelled */
  HS_DOWNLOAD_QUEUE_CANCELLED,
} HsDownloadQueueState;

GType hs_download_queue_state_get_type (void) G_GNUC_CONST;
#define HS_TYPE_DOWNLOAD_QUEUE_STATE (hs_download_queue_state_get_type ())

#define HS_TYPE_DOWNLOAD_QUEUE (hs_download_queue_get_type ())

G_DECLARE_FINAL_TYPE (HsDownloadQueue, hs_download_queue, HS, DOWNLOAD_QUEUE, GObject)

HsDownloadQueue      *hs_download_queue_new               (HsNoteSource    *source,
                                                           HsMediaLoader   *loader,
                                                           GFile           *output_folder);

/* Default HS_DOWNLOAD_NAME_DEFAULT_TEMPLATE. FALSE with the reason for an
 * invalid template (hs_download_name_template_validate()). */
gboolean              hs_download_queue_set_name_template (HsDownloadQueue *self,
                                                           const char      *name_template,
                                                           GError         **error);
/* Also save each note's text as note.md. Default FALSE. */
void                  hs_download_queue_set_save_text     (HsDownloadQueue *self,
                                                           gboolean         save_text);
/* The API calls a minute the source may make (0: no limit), for the ETA. */
void                  hs_download_queue_set_requests_per_minute (HsDownloadQueue *self,
                                                           guint            requests_per_minute);

/* Items. A note already in the batch (by id) is not added twice unless the
 * template has {index}. Returns: (transfer none) (nullable): the item, or
 * NULL for a duplicate. */
HsDownloadItem       *hs_download_queue_add_ref           (HsDownloadQueue *self,
                                                           HsNoteRef       *ref,
                                                           const char      *label);
HsDownloadItem       *hs_download_queue_add_note          (HsDownloadQueue *self,
                                                           HsNote          *note);
/* Copies of media at hand, by their URL (@files: char * -> GFile, as
 * hs_download_library_finish() gives the library's saved files): a
 * picture or video whose display URL is there is copied in from that file
 * on a worker thread, without the network, and fetched only when the copy
 * fails. The record keys it as a download of it (by its original's
 * address when the note has one) and, as the library saved the bytes the
 * note showed, gives it quality "display" when the note has an original.
 * The library keeps no originals' addresses: its own notes' media have
 * one address, and no quality. */
void                  hs_download_queue_add_local_files   (HsDownloadQueue *self,
                                                           GHashTable      *files);

/* Starts (or goes on with items added since it finished). */
void                  hs_download_queue_start             (HsDownloadQueue *self);
/* Stops the files under way (their bytes stay, to resume from) and starts
 * no more; notes already asked for still arrive. */
void                  hs_download_queue_pause             (HsDownloadQueue *self);
void                  hs_download_queue_resume            (HsDownloadQueue *self);
/* Stops everything; what is not done becomes CANCELLED. Final. */
void                  hs_download_queue_cancel            (HsDownloadQueue *self);
/* A failed or cancelled item again. */
void                  hs_download_queue_retry             (HsDownloadQueue *self,
                                                           HsDownloadItem  *item);

HsDownloadQueueState  hs_download_queue_get_state         (HsDownloadQueue *self);
GFile                *hs_download_queue_get_output_folder (HsDownloadQueue *self);
/* Notes in the batch and those finished (done, failed or cancelled). */
guint                 hs_download_queue_get_n_notes       (HsDownloadQueue *self);
guint                 hs_download_queue_get_n_notes_finished (HsDownloadQueue *self);
/* Files known so far (of the notes fetched) and of those saved by this
 * run, already there, failed. */
guint                 hs_download_queue_get_n_files       (HsDownloadQueue *self);
guint                 hs_download_queue_get_n_saved       (HsDownloadQueue *self);
guint                 hs_download_queue_get_n_skipped     (HsDownloadQueue *self);
guint                 hs_download_queue_get_n_failed      (HsDownloadQueue *self);
guint                 hs_download_queue_get_n_notes_failed (HsDownloadQueue *self);
/* Bytes of files saved and under way (a resumed file counts whole). */
goffset               hs_download_queue_get_bytes         (HsDownloadQueue *self);
/* Seconds left, or -1 while there is nothing to tell from: the longer of
 * what the transfer rate so far gives and the least the rate limit allows
 * for the notes not yet fetched. */
gint64                hs_download_queue_get_eta           (HsDownloadQueue *self);
/* Seconds the source said it waits (for its rate limit when
 * @rate_limited), 0 when it does not. */
guint                 hs_download_queue_get_waiting       (HsDownloadQueue *self,
                                                           gboolean        *rate_limited);

G_END_DECLS
