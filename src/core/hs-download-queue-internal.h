#pragma once

/* What the files of HsDownloadQueue share: the instance, and the calls
 * between the object (hs-download-queue.c: state, counts, scheduling,
 * the public API) and the jobs (hs-download-queue-jobs.c: each note
 * fetched, its folder, its files and its record). Private to the queue. */

#include "hs-download-item-private.h"
#include "hs-download-queue.h"

G_BEGIN_DECLS

enum {
  PROP_0,
  PROP_STATE,
  PROP_N_NOTES,
  PROP_N_NOTES_FINISHED,
  PROP_N_FILES,
  PROP_N_SAVED,
  PROP_N_SKIPPED,
  PROP_N_FAILED,
  PROP_BYTES,
  PROP_WAITING,
  N_PROPS
};

struct _HsDownloadQueue
{
  GObject               parent_instance;

  HsNoteSource         *source;
  HsMediaLoader        *loader;
  GFile                *output_folder;
  char                 *name_template;
  gboolean              save_text;
  guint                 requests_per_minute;
  gulong                waiting_handler;

  HsDownloadQueueState  state;
  GCancellable         *cancellable;
  GPtrArray            *items;           /* of HsDownloadItem */
  GHashTable           *note_ids;        /* ids in the batch */
  GQueue                waiting_items;   /* of HsDownloadItem (unowned) */
  GQueue                folder_jobs;     /* of NoteJob, waiting to pick a folder */
  gboolean              picking_folder;
  GPtrArray            *jobs;            /* of NoteJob, with a folder */
  GQueue                waiting_files;   /* of FileJob */
  GPtrArray            *running_files;   /* of FileJob */
  GHashTable           *host_counts;     /* host -> running */
  GPtrArray            *local_files;     /* of GHashTable: media URL -> GFile, copies */
  guint                 n_fetching;

  guint                 n_notes_finished;
  guint                 n_notes_failed;
  guint                 n_files;
  guint                 n_saved;
  guint                 n_skipped;
  guint                 n_failed;
  goffset               bytes;
  goffset               bytes_of_finished_files;
  guint                 n_finished_files;

  gint64                started_at;      /* monotonic, of this run */
  gint64                active_time;     /* while running, before started_at */
  GQueue                call_times;      /* of gint64*, last 60 s */
  gboolean              finished_emitted;
  gint64                waiting_until;
  gboolean              waiting_rate_limited;
};

/* hs-download-queue.c */
void    hs_download_queue_notify              (HsDownloadQueue *self,
                                               guint            prop);
/* Starts what may start, and ends the run when nothing is left. */
void    hs_download_queue_schedule            (HsDownloadQueue *self);

/* hs-download-queue-jobs.c */
/* Gets @item's note unless it has it, then picks its folder and queues
 * its files. */
void    hs_download_queue_start_item          (HsDownloadQueue *self,
                                               HsDownloadItem  *item);
/* Starts waiting files up to the limits, a host's and the queue's. */
void    hs_download_queue_start_files         (HsDownloadQueue *self);
void    hs_download_queue_note_finished       (HsDownloadQueue *self,
                                               HsDownloadItem  *item,
                                               HsDownloadState  state);
/* Stops the files under way, to resume from their parts. */
void    hs_download_queue_pause_files         (HsDownloadQueue *self);
/* Drops the files not started; their notes end as cancelled. */
void    hs_download_queue_drop_waiting_files  (HsDownloadQueue *self);
/* Bytes of the files under way, for the ETA. */
goffset hs_download_queue_get_running_bytes   (HsDownloadQueue *self);
void    hs_download_queue_free_jobs           (HsDownloadQueue *self);

G_END_DECLS
