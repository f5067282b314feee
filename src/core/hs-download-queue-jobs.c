#include "config.h"

#include <string.h>

#include "hs-download-file.h"
#include "hs-download-folder.h"
#include "hs-download-manifest.h"
#include "hs-download-name.h"
#include "hs-download-note-text.h"
#include "hs-download-queue-internal.h"
#include "hs-image.h"
#include "hs-urls.h"
#include "hs-video.h"

/* The jobs of HsDownloadQueue: each note fetched through the source, its
 * folder picked, its files saved (each from the library's saved copy when
 * there is one, else or after a failure its original, its display address
 * after that), and its record written. */

/* libsoup's limit in the media loader's session is the same: more would
 * only wait there. */
#define MAX_FILES_PER_HOST 4
#define MAX_FILES 8

typedef struct _NoteJob NoteJob;

typedef struct
{
  char  *url;        /* the display URL */
  char  *original;   /* (nullable): the original, fetched first */
  char  *stem;
  GFile *local;      /* (nullable): the library's copy, taken before both */
} Media;

/* Where a media file is taken from, in the order tried. */
typedef enum
{
  FROM_LOCAL,        /* the library's copy of the display URL's bytes */
  FROM_ORIGINAL,
  FROM_DISPLAY,
} MediaFrom;

typedef struct
{
  NoteJob        *job;
  HsDownloadFile *file;
  Media          *media;       /* (nullable): in the job's array; NULL for note.md */
  MediaFrom       from;
  char           *host;
  GCancellable   *cancellable;
  goffset         counted;     /* bytes added to the totals */
  gboolean        paused;      /* stopped by a pause, not a cancel */
  goffset         total;
} FileJob;

struct _NoteJob
{
  HsDownloadQueue    *queue;      /* unowned: jobs end before it */
  HsDownloadItem     *item;
  char               *name;
  GArray             *media;      /* of Media */
  GBytes             *text;       /* note.md, or NULL */
  GFile              *folder;
  HsDownloadManifest *manifest;
  guint               files_left;
  gboolean            saving;
  gboolean            save_again;
  gboolean            dirty;        /* files saved since the record was */
  guint               save_timeout_id;
  gboolean            cancelled;
  gboolean            sweep;        /* the next save also sweeps the folder */
  gboolean            swept;
};

static void pick_next_folder (HsDownloadQueue *self);
static void save_manifest (NoteJob *job);

/* ------------------------------------------------------------------------ */
/* Note jobs                                                                */

static void
media_clear (Media *media)
{
  g_free (media->url);
  g_free (media->original);
  g_free (media->stem);
  g_clear_object (&media->local);
}

static void
note_job_free (NoteJob *job)
{
  g_clear_handle_id (&job->save_timeout_id, g_source_remove);
  g_clear_object (&job->item);
  g_free (job->name);
  g_array_unref (job->media);
  g_clear_pointer (&job->text, g_bytes_unref);
  g_clear_object (&job->folder);
  g_clear_pointer (&job->manifest, hs_download_manifest_free);
  g_free (job);
}

static void
file_job_free (FileJob *file_job)
{
  g_clear_object (&file_job->file);
  g_free (file_job->host);
  g_clear_object (&file_job->cancellable);
  g_free (file_job);
}

static FileJob *
file_job_new (NoteJob        *job,
              HsDownloadFile *file,
              const char     *url)
{
  FileJob *file_job = g_new0 (FileJob, 1);
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  file_job->job = job;
  file_job->file = file;
  file_job->host = g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "");
  file_job->total = -1;
  return file_job;
}

/* The key of a file in the record: the media's original when it has one
 * (a stable address), else its URL; note.md's for the text. */
static const char *
media_key (Media *media)
{
  if (media == NULL)
    return HS_DOWNLOAD_NOTE_TEXT_URL;
  return media->original != NULL ? media->original : media->url;
}

/* Where a picture or video is taken from first: the library's copy,
 * else its original where it has one, else its display URL; and after
 * @from failed, what comes next (FROM_LOCAL when nothing does). */
static MediaFrom
media_first_from (Media *media)
{
  if (media->local != NULL)
    return FROM_LOCAL;
  return media->original != NULL ? FROM_ORIGINAL : FROM_DISPLAY;
}

static MediaFrom
media_next_from (Media     *media,
                 MediaFrom  from)
{
  if (from == FROM_LOCAL)
    return media->original != NULL ? FROM_ORIGINAL : FROM_DISPLAY;
  if (from == FROM_ORIGINAL)
    return FROM_DISPLAY;
  return FROM_LOCAL;
}

/* A picture or video of @job's note, taken from @from. */
static FileJob *
media_file_job_new (NoteJob   *job,
                    Media     *media,
                    MediaFrom  from)
{
  const char *url = from == FROM_DISPLAY ? media->url : media_key (media);
  FileJob *file_job;

  /* A copy is saved by the same rules as a download (never replacing,
   * the same bytes under the name kept), on a worker thread; its host is
   * none, so copies do not take the network's places. */
  if (from == FROM_LOCAL)
    file_job = file_job_new (job, hs_download_file_new_for_file (job->folder, media->stem, NULL, media->local),
                             NULL);
  else
    file_job = file_job_new (job, hs_download_file_new (job->queue->loader, url, job->folder, media->stem),
                             url);
  file_job->media = media;
  file_job->from = from;
  return file_job;
}

void
hs_download_queue_note_finished (HsDownloadQueue *self,
                                 HsDownloadItem  *item,
                                 HsDownloadState  state)
{
  /* n_notes_failed counts the notes that could not be had at all; a note
   * with a failed file counts in n_failed. */
  if (state == HS_DOWNLOAD_STATE_FAILED && hs_download_item_get_n_failed (item) == 0)
    self->n_notes_failed++;
  hs_download_item_set_state (item, state);
  self->n_notes_finished++;
  hs_download_queue_notify (self, PROP_N_NOTES_FINISHED);
}

static void
maybe_finish_job (NoteJob *job)
{
  HsDownloadQueue *self = job->queue;
  HsDownloadState state;

  if (job->files_left > 0 || job->saving)
    return;

  if (job->cancelled)
    state = HS_DOWNLOAD_STATE_CANCELLED;
  else if (hs_download_item_get_error (job->item) != NULL)
    state = HS_DOWNLOAD_STATE_FAILED;
  else
    state = HS_DOWNLOAD_STATE_DONE;

  /* Complete: recorded once more, and the folder swept of leftovers. */
  if (state == HS_DOWNLOAD_STATE_DONE && !job->swept)
    {
      job->swept = TRUE;
      job->sweep = TRUE;
      save_manifest (job);
      return;
    }
  hs_download_queue_note_finished (self, job->item, state);

  g_ptr_array_remove (self->jobs, job);
  note_job_free (job);
  hs_download_queue_schedule (self);
}

static void
save_manifest_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  NoteJob *job = user_data;
  g_autoptr(HsDownloadQueue) queue = job->queue;  /* the reference save_manifest() took */
  g_autoptr(GError) error = NULL;

  job->saving = FALSE;
  if (!hs_download_manifest_save_finish (result, &error))
    hs_download_item_add_failure (job->item, HS_DOWNLOAD_MANIFEST_NAME, error);

  if (job->save_again)
    save_manifest (job);
  else
    maybe_finish_job (job);
}

static void
save_manifest (NoteJob *job)
{
  if (job->saving)
    {
      job->save_again = TRUE;
      return;
    }

  job->saving = TRUE;
  job->save_again = FALSE;
  job->dirty = FALSE;
  g_clear_handle_id (&job->save_timeout_id, g_source_remove);
  /* The queue, and so the job, lives until the callback. */
  g_object_ref (job->queue);
  hs_download_manifest_save_async (job->manifest, job->folder, job->sweep, save_manifest_cb, job);
  job->sweep = FALSE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  NoteJob *job = user_data;

  job->save_timeout_id = 0;
  if (job->dirty)
    save_manifest (job);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------ */
/* Files                                                                    */

static void
file_progress_cb (HsDownloadFile *file,
                  goffset         received,
                  goffset         total,
                  gpointer        user_data)
{
  FileJob *file_job = user_data;
  HsDownloadQueue *self = file_job->job->queue;
  goffset delta = received - file_job->counted;

  file_job->counted = received;
  file_job->total = total;
  self->bytes += delta;
  hs_download_item_add_bytes (file_job->job->item, delta,
                              total > 0 ? (double) received / (double) total : 0.0);
  hs_download_queue_notify (self, PROP_BYTES);
}

static void
release_host (HsDownloadQueue *self,
              FileJob         *file_job)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->host_counts, file_job->host));

  if (count <= 1)
    g_hash_table_remove (self->host_counts, file_job->host);
  else
    g_hash_table_insert (self->host_counts, g_strdup (file_job->host), GUINT_TO_POINTER (count - 1));
}

/* Takes the bytes of @file_job back out of the totals and puts @next
 * first among the waiting files: @file_job itself after a pause, to
 * resume from its part, or the file that replaces it. */
static void
requeue_file (HsDownloadQueue *self,
              FileJob         *file_job,
              FileJob         *next)
{
  self->bytes -= file_job->counted;
  hs_download_item_add_bytes (file_job->job->item, -file_job->counted, 0.0);
  file_job->counted = 0;
  hs_download_queue_notify (self, PROP_BYTES);
  g_queue_push_head (&self->waiting_files, next);
  if (next != file_job)
    file_job_free (file_job);
  /* Resumed already (a pause and a resume in one go), or the next file. */
  hs_download_queue_schedule (self);
}

static void
file_run_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  FileJob *file_job = user_data;
  NoteJob *job = file_job->job;
  HsDownloadQueue *self = job->queue;
  HsDownloadFile *file = HS_DOWNLOAD_FILE (object);
  g_autoptr(GError) error = NULL;

  g_ptr_array_remove_fast (self->running_files, file_job);
  release_host (self, file_job);

  if (!hs_download_file_run_finish (file, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && file_job->paused &&
          self->state != HS_DOWNLOAD_QUEUE_CANCELLED)
        {
          /* Paused: back to the front, to resume from its part. */
          file_job->paused = FALSE;
          g_clear_object (&file_job->cancellable);
          requeue_file (self, file_job, file_job);
          g_object_unref (self);
          return;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        job->cancelled = TRUE;
      else if (file_job->media != NULL && media_next_from (file_job->media, file_job->from) != FROM_LOCAL)
        {
          /* A library's copy gone from the disk: the network, then. Not
           * every note has every original (a 403 or 404 on it): the
           * picture as shown, then, next. */
          g_debug ("%s not saved (%s); trying the next address",
                   hs_download_file_get_url (file), error->message);
          requeue_file (self, file_job,
                        media_file_job_new (job, file_job->media,
                                            media_next_from (file_job->media, file_job->from)));
          g_object_unref (self);
          return;
        }
      else
        {
          g_autofree char *what = g_strdup_printf ("%s (%s)", hs_download_file_get_stem (file),
                                                   hs_download_file_get_url (file));

          hs_download_item_add_failure (job->item, what, error);
          self->n_failed++;
          hs_download_queue_notify (self, PROP_N_FAILED);
        }
    }
  else
    {
      /* Which of the two a media with both is: the library's copy holds
       * the display URL's bytes, the ones the note showed when saved. */
      const char *quality = file_job->media == NULL || file_job->media->original == NULL ? NULL
                            : file_job->from == FROM_ORIGINAL ? "original" : "display";

      /* A copy tells no progress on its way: its bytes count now. */
      if (file_job->media != NULL && file_job->from == FROM_LOCAL)
        file_progress_cb (file, hs_download_file_get_size (file), hs_download_file_get_size (file), file_job);

      hs_download_manifest_add_file (job->manifest, media_key (file_job->media), quality,
                                     hs_download_file_get_name (file),
                                     hs_download_file_get_size (file),
                                     hs_download_file_get_sha256 (file));
      hs_download_item_add_saved (job->item);
      self->n_saved++;
      self->bytes_of_finished_files += hs_download_file_get_size (file);
      self->n_finished_files++;
      hs_download_queue_notify (self, PROP_N_SAVED);
      job->dirty = TRUE;
      /* Recorded within a second, not after each file: a record per
       * picture made a batch of small ones markedly slower. A run killed
       * meanwhile fetches those files again, and finds them already
       * there under their names (HsDownloadFile keeps identical files). */
      if (job->save_timeout_id == 0)
        job->save_timeout_id = g_timeout_add_seconds (1, save_timeout_cb, job);
    }

  file_job_free (file_job);
  job->files_left--;
  /* The note's last file: recorded now, before the note counts as done. */
  if (job->files_left == 0 && job->dirty)
    save_manifest (job);
  maybe_finish_job (job);
  hs_download_queue_schedule (self);
  g_object_unref (self);
}

static void
start_file (HsDownloadQueue *self,
            FileJob         *file_job)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->host_counts, file_job->host));

  g_hash_table_insert (self->host_counts, g_strdup (file_job->host), GUINT_TO_POINTER (count + 1));
  g_ptr_array_add (self->running_files, file_job);

  /* Its own, so that a pause stops it without stopping the queue. */
  file_job->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           file_job->cancellable, G_CONNECT_SWAPPED);
  if (g_cancellable_is_cancelled (self->cancellable))
    g_cancellable_cancel (file_job->cancellable);

  hs_download_file_set_progress_func (file_job->file, file_progress_cb, file_job);
  /* Released in file_run_cb(): the queue outlives its files. */
  g_object_ref (self);
  hs_download_file_run_async (file_job->file, file_job->cancellable, file_run_cb, file_job);
}

void
hs_download_queue_start_files (HsDownloadQueue *self)
{
  GList *l = self->waiting_files.head;

  while (l != NULL && self->running_files->len < MAX_FILES)
    {
      GList *next = l->next;
      FileJob *file_job = l->data;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (self->host_counts, file_job->host)) < MAX_FILES_PER_HOST)
        {
          g_queue_delete_link (&self->waiting_files, l);
          start_file (self, file_job);
        }
      l = next;
    }
}


/* ------------------------------------------------------------------------ */
/* Folders                                                                  */

/* @job's media, then NULL for note.md. */
static Media *
job_media (NoteJob *job,
           guint    i)
{
  return i < job->media->len ? &g_array_index (job->media, Media, i) : NULL;
}

static void
pick_folder_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HsDownloadQueue) self = user_data;  /* the reference pick_next_folder() took */
  NoteJob *job = g_queue_pop_head (&self->folder_jobs);
  g_autoptr(GArray) complete = NULL;
  g_autoptr(GError) error = NULL;
  guint n_files;

  self->picking_folder = FALSE;

  if (!hs_download_folder_pick_finish (result, &job->folder, &job->manifest, &complete, &error) ||
      self->state == HS_DOWNLOAD_QUEUE_CANCELLED)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          hs_download_item_add_failure (job->item, NULL, error);
          hs_download_queue_note_finished (self, job->item, HS_DOWNLOAD_STATE_FAILED);
        }
      else
        hs_download_queue_note_finished (self, job->item, HS_DOWNLOAD_STATE_CANCELLED);
      note_job_free (job);
      pick_next_folder (self);
      hs_download_queue_schedule (self);
      return;
    }

  hs_download_item_set_folder (job->item, job->folder);
  g_ptr_array_add (self->jobs, job);

  n_files = job->media->len + (job->text != NULL ? 1 : 0);
  hs_download_item_set_n_files (job->item, n_files);
  self->n_files += n_files;

  for (guint i = 0; i < n_files; i++)
    {
      Media *media = job_media (job, i);

      if (g_array_index (complete, gboolean, i))
        {
          hs_download_item_add_skipped (job->item);
          self->n_skipped++;
          continue;
        }

      g_queue_push_tail (&self->waiting_files,
                         media != NULL ? media_file_job_new (job, media, media_first_from (media))
                                       : file_job_new (job, hs_download_file_new_for_bytes (job->folder, "note",
                                                                                             "md", job->text),
                                                       NULL));
      job->files_left++;
    }

  hs_download_queue_notify (self, PROP_N_FILES);
  hs_download_queue_notify (self, PROP_N_SKIPPED);

  pick_next_folder (self);
  maybe_finish_job (job);
  hs_download_queue_schedule (self);
}

static void
pick_next_folder (HsDownloadQueue *self)
{
  NoteJob *job = g_queue_peek_head (&self->folder_jobs);
  g_autoptr(GPtrArray) keys = NULL;
  guint n_files;

  /* One at a time: two notes of the same name must not both take NAME. */
  if (self->picking_folder || job == NULL)
    return;

  n_files = job->media->len + (job->text != NULL ? 1 : 0);
  keys = g_ptr_array_new_full (n_files, g_free);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (keys, g_strdup (media_key (job_media (job, i))));

  self->picking_folder = TRUE;
  hs_download_folder_pick_async (self->output_folder, job->name,
                                 hs_download_item_get_note_id (job->item), keys,
                                 self->cancellable, pick_folder_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------------ */
/* Notes                                                                    */

/* (nullable) (transfer full): a copy of @url's bytes at hand. */
static GFile *
find_local_file (HsDownloadQueue *self,
                 const char      *url)
{
  for (guint i = 0; i < self->local_files->len; i++)
    {
      GFile *file = g_hash_table_lookup (g_ptr_array_index (self->local_files, i), url);

      if (file != NULL)
        return g_object_ref (file);
    }
  return NULL;
}

static void
note_ready (HsDownloadQueue *self,
            HsDownloadItem  *item)
{
  HsNote *note = hs_download_item_get_note (item);
  GListModel *images = hs_note_get_images (note);
  GListModel *videos = hs_note_get_videos (note);
  guint n_images = g_list_model_get_n_items (images);
  guint n_videos = g_list_model_get_n_items (videos);
  int width = MAX (n_images, n_videos) >= 100 ? 3 : 2;
  NoteJob *job = g_new0 (NoteJob, 1);

  job->queue = self;
  job->item = g_object_ref (item);
  job->name = hs_download_name_expand (self->name_template, note, hs_download_item_get_index (item));
  job->media = g_array_new (FALSE, TRUE, sizeof (Media));
  g_array_set_clear_func (job->media, (GDestroyNotify) media_clear);

  /* The original where the source knows it (the website's notes,
   * doc/web-protocol.md §7), with the display URL to fall back to; else
   * the display URL. */
  for (guint i = 0; i < n_images + n_videos; i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (i < n_images ? images : videos,
                                                         i < n_images ? i : i - n_images);
      const char *url = i < n_images ? hs_image_get_url (HS_IMAGE (object))
                                     : hs_video_get_url (HS_VIDEO (object));
      const char *original = i < n_images ? hs_image_get_original_url (HS_IMAGE (object))
                                          : hs_video_get_original_url (HS_VIDEO (object));
      Media media;

      if (url == NULL || !hs_urls_is_web (url))
        continue;
      media.url = g_strdup (url);
      media.original = original != NULL && hs_urls_is_web (original) && strcmp (original, url) != 0
                       ? g_strdup (original) : NULL;
      media.stem = i < n_images ? g_strdup_printf ("%0*u", width, i + 1)
                                : g_strdup_printf ("video-%0*u", width, i - n_images + 1);
      media.local = find_local_file (self, url);
      g_array_append_val (job->media, media);
    }

  if (self->save_text)
    job->text = hs_download_note_text (note, hs_download_item_get_ref (item));

  hs_download_item_set_state (item, HS_DOWNLOAD_STATE_DOWNLOADING);
  g_queue_push_tail (&self->folder_jobs, job);
  pick_next_folder (self);
}

/* Calls answered in the last 60 s, for the ETA: a call the limiter holds
 * back is not made yet. */
static void
record_call (HsDownloadQueue *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 *time = g_new (gint64, 1);

  *time = now;
  g_queue_push_tail (&self->call_times, time);
  while (!g_queue_is_empty (&self->call_times) &&
         *(gint64 *) g_queue_peek_head (&self->call_times) < now - 60 * G_TIME_SPAN_SECOND)
    g_free (g_queue_pop_head (&self->call_times));
}

typedef struct
{
  HsDownloadQueue *self;
  HsDownloadItem  *item;
} Fetch;

static void
get_note_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fetch *fetch = user_data;
  HsDownloadQueue *self = fetch->self;
  HsDownloadItem *item = fetch->item;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;

  note = hs_note_source_get_note_finish (HS_NOTE_SOURCE (object), result, NULL, NULL, &error);
  self->n_fetching--;
  record_call (self);
  self->waiting_until = 0;
  hs_download_queue_notify (self, PROP_WAITING);

  if (note == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hs_download_queue_note_finished (self, item, HS_DOWNLOAD_STATE_CANCELLED);
      else
        {
          hs_download_item_add_failure (item, NULL, error);
          hs_download_queue_note_finished (self, item, HS_DOWNLOAD_STATE_FAILED);
        }
    }
  else if (self->state == HS_DOWNLOAD_QUEUE_CANCELLED)
    hs_download_queue_note_finished (self, item, HS_DOWNLOAD_STATE_CANCELLED);
  else
    {
      hs_download_item_set_note (item, note);
      note_ready (self, item);
    }

  hs_download_queue_schedule (self);
  g_object_unref (fetch->item);
  g_object_unref (fetch->self);
  g_free (fetch);
}

void
hs_download_queue_start_item (HsDownloadQueue *self,
                              HsDownloadItem  *item)
{
  Fetch *fetch;

  if (hs_download_item_get_note (item) != NULL && hs_download_item_get_ref (item) == NULL)
    {
      note_ready (self, item);
      return;
    }

  hs_download_item_set_state (item, HS_DOWNLOAD_STATE_FETCHING);
  self->n_fetching++;

  fetch = g_new0 (Fetch, 1);
  fetch->self = g_object_ref (self);
  fetch->item = g_object_ref (item);
  hs_note_source_get_note_async (self->source, hs_download_item_get_ref (item), self->cancellable,
                                 get_note_cb, fetch);
}

/* ------------------------------------------------------------------------ */
/* For the object                                                           */

void
hs_download_queue_pause_files (HsDownloadQueue *self)
{
  g_autoptr(GPtrArray) running = g_ptr_array_copy (self->running_files, NULL, NULL);

  for (guint i = 0; i < running->len; i++)
    {
      FileJob *file_job = g_ptr_array_index (running, i);

      file_job->paused = TRUE;
      g_cancellable_cancel (file_job->cancellable);
    }
}

void
hs_download_queue_drop_waiting_files (HsDownloadQueue *self)
{
  FileJob *file_job;

  while ((file_job = g_queue_pop_head (&self->waiting_files)) != NULL)
    {
      NoteJob *job = file_job->job;

      job->cancelled = TRUE;
      job->files_left--;
      file_job_free (file_job);
      maybe_finish_job (job);
    }
}

goffset
hs_download_queue_get_running_bytes (HsDownloadQueue *self)
{
  goffset bytes = 0;

  for (guint i = 0; i < self->running_files->len; i++)
    bytes += ((FileJob *) g_ptr_array_index (self->running_files, i))->counted;
  return bytes;
}

void
hs_download_queue_free_jobs (HsDownloadQueue *self)
{
  g_queue_clear_full (&self->waiting_files, (GDestroyNotify) file_job_free);
  g_queue_clear_full (&self->folder_jobs, (GDestroyNotify) note_job_free);
  while (self->jobs != NULL && self->jobs->len > 0)
    note_job_free (g_ptr_array_steal_index_fast (self->jobs, self->jobs->len - 1));
}
