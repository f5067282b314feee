#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hs-author.h"
#include "hs-download-file.h"
#include "hs-download-item-private.h"
#include "hs-download-manifest.h"
#include "hs-download-name.h"
#include "hs-download-queue.h"
#include "hs-error.h"
#include "hs-image.h"
#include "hs-urls.h"
#include "hs-video.h"

/* libsoup's limit in the media loader's session is the same: more would
 * only wait there. */
#define MAX_FILES_PER_HOST 4
#define MAX_FILES 8
/* Notes asked for at once; the source's limiter paces them anyway. */
#define MAX_NOTES_FETCHING 4
/* Files waiting before no more notes are asked for: memory stays flat
 * however long the batch. */
#define MAX_FILES_WAITING 64
/* "NAME (2)" … "NAME (99)". */
#define MAX_NUMBERED 99
#define NOTE_TEXT_URL "hongshu:note.md"

G_DEFINE_ENUM_TYPE (HsDownloadQueueState, hs_download_queue_state,
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_QUEUE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_QUEUE_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_QUEUE_PAUSED, "paused"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_QUEUE_FINISHED, "finished"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_QUEUE_CANCELLED, "cancelled"))

typedef struct _NoteJob NoteJob;

typedef struct
{
  char *url;        /* the display URL */
  char *original;   /* (nullable): the original, fetched first */
  char *stem;
} Media;

typedef struct
{
  NoteJob        *job;
  HsDownloadFile *file;
  const char     *key;         /* the media's URL in the record (unowned: the job's Media) */
  const char     *fallback;    /* (nullable): the display URL, after a failed original */
  const char     *quality;     /* (nullable): "original" or "display" when the media has both */
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

static void hs_download_queue_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HsDownloadQueue, hs_download_queue, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, hs_download_queue_list_model_init))

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

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (HsDownloadQueue *self);
static void pick_next_folder (HsDownloadQueue *self);
static void save_manifest (NoteJob *job);

static void
notify (HsDownloadQueue *self,
        guint            prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_state (HsDownloadQueue      *self,
           HsDownloadQueueState  state)
{
  gint64 now = g_get_monotonic_time ();

  if (self->state == state)
    return;

  /* Time spent running, for the transfer rate of the ETA. */
  if (self->state == HS_DOWNLOAD_QUEUE_RUNNING)
    self->active_time += now - self->started_at;
  if (state == HS_DOWNLOAD_QUEUE_RUNNING)
    self->started_at = now;

  self->state = state;
  notify (self, PROP_STATE);
}

/* ------------------------------------------------------------------------ */
/* Note jobs                                                                */

static void
media_clear (Media *media)
{
  g_free (media->url);
  g_free (media->original);
  g_free (media->stem);
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

static void
note_finished (HsDownloadQueue *self,
               HsDownloadItem  *item,
               HsDownloadState  state)
{
  /* n_notes_failed counts the notes that could not be had at all; a note
   * with a failed file counts in n_failed. */
  if (state == HS_DOWNLOAD_STATE_FAILED && hs_download_item_get_n_failed (item) == 0)
    self->n_notes_failed++;
  hs_download_item_set_state (item, state);
  self->n_notes_finished++;
  notify (self, PROP_N_NOTES_FINISHED);
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
  note_finished (self, job->item, state);

  g_ptr_array_remove (self->jobs, job);
  schedule (self);
}

static void
save_manifest_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  HsDownloadManifest *manifest = task_data;
  GFile *folder = g_object_get_data (G_OBJECT (task), "folder");
  GError *error = NULL;

  /* Not cancellable: a record of files already saved is always worth
   * writing, and it is quick. */
  if (!hs_download_manifest_save (manifest, folder, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The note is complete: what earlier runs left half done is of no use
   * now (a part of an address that changed since, a record being
   * written when the run was killed). */
  if (g_object_get_data (G_OBJECT (task), "sweep") != NULL)
    hs_download_manifest_sweep (folder);
  g_task_return_boolean (task, TRUE);
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
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    hs_download_item_add_failure (job->item, HS_DOWNLOAD_MANIFEST_NAME, error);

  if (job->save_again)
    save_manifest (job);
  else
    maybe_finish_job (job);
}

static void
save_manifest (NoteJob *job)
{
  g_autoptr(GTask) task = NULL;

  if (job->saving)
    {
      job->save_again = TRUE;
      return;
    }

  job->saving = TRUE;
  job->save_again = FALSE;
  job->dirty = FALSE;
  g_clear_handle_id (&job->save_timeout_id, g_source_remove);
  /* The queue, and so the job, lives until the callback; not as the
   * task's source object, which the thread may release last. */
  g_object_ref (job->queue);
  task = g_task_new (NULL, NULL, save_manifest_cb, job);
  g_task_set_source_tag (task, save_manifest);
  g_task_set_task_data (task, hs_download_manifest_copy (job->manifest),
                        (GDestroyNotify) hs_download_manifest_free);
  g_object_set_data_full (G_OBJECT (task), "folder", g_object_ref (job->folder), g_object_unref);
  if (job->sweep)
    g_object_set_data (G_OBJECT (task), "sweep", GINT_TO_POINTER (TRUE));
  job->sweep = FALSE;
  g_task_run_in_thread (task, save_manifest_thread);
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
  notify (self, PROP_BYTES);
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
          self->bytes -= file_job->counted;
          hs_download_item_add_bytes (job->item, -file_job->counted, 0.0);
          file_job->counted = 0;
          file_job->paused = FALSE;
          g_clear_object (&file_job->cancellable);
          g_queue_push_head (&self->waiting_files, file_job);
          notify (self, PROP_BYTES);
          /* Resumed already (a pause and a resume in one go). */
          schedule (self);
          g_object_unref (self);
          return;
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        job->cancelled = TRUE;
      else if (file_job->fallback != NULL)
        {
          /* Not every note has every original (a 403 or 404 on it): the
           * picture as shown, then, next. */
          FileJob *display = file_job_new (job, hs_download_file_new (self->loader, file_job->fallback,
                                                                      job->folder,
                                                                      hs_download_file_get_stem (file)),
                                           file_job->fallback);

          g_debug ("Original %s not saved (%s); its display URL instead",
                   hs_download_file_get_url (file), error->message);
          display->key = file_job->key;
          display->quality = "display";
          self->bytes -= file_job->counted;
          hs_download_item_add_bytes (job->item, -file_job->counted, 0.0);
          notify (self, PROP_BYTES);
          g_queue_push_head (&self->waiting_files, display);
          file_job_free (file_job);
          schedule (self);
          g_object_unref (self);
          return;
        }
      else
        {
          g_autofree char *what = g_strdup_printf ("%s (%s)", hs_download_file_get_stem (file),
                                                   hs_download_file_get_url (file));

          hs_download_item_add_failure (job->item, what, error);
          self->n_failed++;
          notify (self, PROP_N_FAILED);
        }
    }
  else
    {
      hs_download_manifest_add_file (job->manifest, file_job->key, file_job->quality,
                                     hs_download_file_get_name (file),
                                     hs_download_file_get_size (file),
                                     hs_download_file_get_sha256 (file));
      hs_download_item_add_saved (job->item);
      self->n_saved++;
      self->bytes_of_finished_files += hs_download_file_get_size (file);
      self->n_finished_files++;
      notify (self, PROP_N_SAVED);
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
  schedule (self);
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

static void
start_files (HsDownloadQueue *self)
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

typedef struct
{
  GFile              *output_folder;
  char               *name;
  char               *note_id;
  GPtrArray          *urls;        /* media, then note.md when asked */
  /* Results. */
  GFile              *folder;
  HsDownloadManifest *manifest;
  GArray             *complete;    /* gboolean per url */
} FolderPick;

static void
folder_pick_free (FolderPick *pick)
{
  g_clear_object (&pick->output_folder);
  g_free (pick->name);
  g_free (pick->note_id);
  g_ptr_array_unref (pick->urls);
  g_clear_object (&pick->folder);
  g_clear_pointer (&pick->manifest, hs_download_manifest_free);
  g_clear_pointer (&pick->complete, g_array_unref);
  g_free (pick);
}

static gboolean
folder_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

static GError *
folder_error (const char *path,
              int         saved_errno)
{
  /* TRANSLATORS: a folder, then the system's reason */
  return g_error_new (HS_ERROR, HS_ERROR_FAILED, _("Could not create the folder “%s”: %s"),
                      path, g_strerror (saved_errno));
}

static void
pick_folder_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  FolderPick *pick = task_data;
  g_autofree char *base = g_file_get_path (pick->output_folder);
  GError *error = NULL;

  if (g_mkdir_with_parents (base, 0777) != 0)
    {
      g_task_return_error (task, folder_error (base, errno));
      return;
    }

  for (guint n = 1; n <= MAX_NUMBERED && pick->folder == NULL; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (pick->name)
                                     : g_strdup_printf ("%s (%u)", pick->name, n);
      g_autofree char *path = g_build_filename (base, name, NULL);
      g_autoptr(GFile) folder = g_file_new_for_path (path);
      g_autoptr(HsDownloadManifest) manifest = NULL;
      g_autoptr(GError) local_error = NULL;

      /* 0777 less the umask, like any folder the user makes. */
      if (g_mkdir (path, 0777) != 0)
        {
          int saved_errno = errno;

          if (saved_errno != EEXIST)
            {
              g_task_return_error (task, folder_error (path, saved_errno));
              return;
            }
          if (!g_file_test (path, G_FILE_TEST_IS_DIR))
            continue;

          manifest = hs_download_manifest_load (folder, NULL, &local_error);
          if (manifest != NULL)
            {
              /* Another note's folder of the same name. */
              if (g_strcmp0 (hs_download_manifest_get_note_id (manifest), pick->note_id) != 0)
                continue;
            }
          else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
                   !folder_is_empty (path))
            /* Someone's own folder, or a record not ours: leave it be. */
            continue;
        }

      if (manifest == NULL)
        {
          /* Claimed at once, so that the next note of the same name, or
           * another run, sees whose folder it is. */
          manifest = hs_download_manifest_new (pick->note_id);
          if (!hs_download_manifest_save (manifest, folder, NULL, &error))
            {
              g_task_return_error (task, error);
              return;
            }
        }

      pick->folder = g_steal_pointer (&folder);
      pick->manifest = g_steal_pointer (&manifest);
    }

  if (pick->folder == NULL)
    {
      g_autofree char *path = g_build_filename (base, pick->name, NULL);

      g_task_return_error (task, folder_error (path, EEXIST));
      return;
    }

  /* Which files are complete already: recorded, there, and as long. */
  pick->complete = g_array_sized_new (FALSE, TRUE, sizeof (gboolean), pick->urls->len);
  g_array_set_size (pick->complete, pick->urls->len);
  for (guint i = 0; i < pick->urls->len; i++)
    {
      const char *name;
      goffset size;
      GStatBuf st;

      if (hs_download_manifest_lookup (pick->manifest, g_ptr_array_index (pick->urls, i),
                                       &name, &size, NULL))
        {
          g_autofree char *path = g_build_filename (g_file_peek_path (pick->folder), name, NULL);

          if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == size)
            g_array_index (pick->complete, gboolean, i) = TRUE;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
pick_folder_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HsDownloadQueue) self = user_data;  /* the reference pick_next_folder() took */
  NoteJob *job = g_queue_pop_head (&self->folder_jobs);
  FolderPick *pick = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint n_files;

  self->picking_folder = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      hs_download_item_add_failure (job->item, NULL, error);
      note_finished (self, job->item, HS_DOWNLOAD_STATE_FAILED);
      note_job_free (job);
      pick_next_folder (self);
      schedule (self);
      return;
    }

  if (self->state == HS_DOWNLOAD_QUEUE_CANCELLED)
    {
      note_finished (self, job->item, HS_DOWNLOAD_STATE_CANCELLED);
      note_job_free (job);
      pick_next_folder (self);
      schedule (self);
      return;
    }

  job->folder = g_steal_pointer (&pick->folder);
  job->manifest = g_steal_pointer (&pick->manifest);
  hs_download_item_set_folder (job->item, job->folder);
  g_ptr_array_add (self->jobs, job);

  n_files = job->media->len + (job->text != NULL ? 1 : 0);
  hs_download_item_set_n_files (job->item, n_files);
  self->n_files += n_files;

  for (guint i = 0; i < n_files; i++)
    {
      HsDownloadFile *file;

      if (g_array_index (pick->complete, gboolean, i))
        {
          hs_download_item_add_skipped (job->item);
          self->n_skipped++;
          continue;
        }

      if (i < job->media->len)
        {
          Media *media = &g_array_index (job->media, Media, i);
          const char *url = media->original != NULL ? media->original : media->url;
          FileJob *file_job;

          file = hs_download_file_new (self->loader, url, job->folder, media->stem);
          file_job = file_job_new (job, file, url);
          file_job->key = url;
          if (media->original != NULL)
            {
              file_job->fallback = media->url;
              file_job->quality = "original";
            }
          g_queue_push_tail (&self->waiting_files, file_job);
        }
      else
        {
          FileJob *file_job;

          file = hs_download_file_new_for_bytes (job->folder, "note", "md", job->text);
          file_job = file_job_new (job, file, NULL);
          file_job->key = NOTE_TEXT_URL;
          g_queue_push_tail (&self->waiting_files, file_job);
        }
      job->files_left++;
    }

  notify (self, PROP_N_FILES);
  notify (self, PROP_N_SKIPPED);

  pick_next_folder (self);
  maybe_finish_job (job);
  schedule (self);
}

static void
pick_next_folder (HsDownloadQueue *self)
{
  g_autoptr(GTask) task = NULL;
  NoteJob *job = g_queue_peek_head (&self->folder_jobs);
  FolderPick *pick;

  /* One at a time: two notes of the same name must not both take NAME. */
  if (self->picking_folder || job == NULL)
    return;

  pick = g_new0 (FolderPick, 1);
  pick->output_folder = g_object_ref (self->output_folder);
  pick->name = g_strdup (job->name);
  pick->note_id = g_strdup (hs_download_item_get_note_id (job->item));
  pick->urls = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < job->media->len; i++)
    {
      Media *media = &g_array_index (job->media, Media, i);

      g_ptr_array_add (pick->urls, g_strdup (media->original != NULL ? media->original : media->url));
    }
  if (job->text != NULL)
    g_ptr_array_add (pick->urls, g_strdup (NOTE_TEXT_URL));

  self->picking_folder = TRUE;
  task = g_task_new (NULL, NULL, pick_folder_cb, g_object_ref (self));
  g_task_set_source_tag (task, pick_next_folder);
  g_task_set_task_data (task, pick, (GDestroyNotify) folder_pick_free);
  g_task_run_in_thread (task, pick_folder_thread);
}

/* ------------------------------------------------------------------------ */
/* Notes                                                                    */

static GBytes *
note_text (HsNote    *note,
           HsNoteRef *ref)
{
  g_autoptr(GString) text = g_string_new (NULL);
  HsAuthor *author = hs_note_get_author (note);
  GDateTime *time = hs_note_get_publish_time (note);
  const char * const *tags = hs_note_get_tags (note);
  const char *title = hs_note_get_title (note);
  const char *content = hs_note_get_content (note);
  g_autofree char *link = ref != NULL ? hs_note_ref_dup_web_link (ref)
                                      : hs_urls_note_link (hs_note_get_note_id (note));

  g_string_append_printf (text, "# %s\n\n", title != NULL && *title != '\0' ? title : hs_note_get_note_id (note));
  if (author != NULL && hs_author_get_nickname (author) != NULL)
    g_string_append_printf (text, "- %s: %s\n", _("Author"), hs_author_get_nickname (author));
  if (time != NULL)
    {
      g_autofree char *date = g_date_time_format_iso8601 (time);

      g_string_append_printf (text, "- %s: %s\n", _("Published"), date);
    }
  if (tags != NULL && tags[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) tags);

      g_string_append_printf (text, "- %s: %s\n", _("Tags"), joined);
    }
  g_string_append_printf (text, "- %s: <%s>\n", _("Link"), link);
  if (content != NULL && *content != '\0')
    g_string_append_printf (text, "\n%s\n", content);

  return g_string_free_to_bytes (g_steal_pointer (&text));
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
      g_array_append_val (job->media, media);
    }

  if (self->save_text)
    job->text = note_text (note, hs_download_item_get_ref (item));

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
  notify (self, PROP_WAITING);

  if (note == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        note_finished (self, item, HS_DOWNLOAD_STATE_CANCELLED);
      else
        {
          hs_download_item_add_failure (item, NULL, error);
          note_finished (self, item, HS_DOWNLOAD_STATE_FAILED);
        }
    }
  else if (self->state == HS_DOWNLOAD_QUEUE_CANCELLED)
    note_finished (self, item, HS_DOWNLOAD_STATE_CANCELLED);
  else
    {
      hs_download_item_set_note (item, note);
      note_ready (self, item);
    }

  schedule (self);
  g_object_unref (fetch->item);
  g_object_unref (fetch->self);
  g_free (fetch);
}

static void
start_item (HsDownloadQueue *self,
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

static void
schedule (HsDownloadQueue *self)
{
  if (self->state == HS_DOWNLOAD_QUEUE_RUNNING)
    {
      while (self->n_fetching < MAX_NOTES_FETCHING &&
             g_queue_get_length (&self->waiting_files) < MAX_FILES_WAITING &&
             g_queue_get_length (&self->folder_jobs) < MAX_NOTES_FETCHING &&
             !g_queue_is_empty (&self->waiting_items))
        start_item (self, g_queue_pop_head (&self->waiting_items));

      start_files (self);
    }

  if ((self->state == HS_DOWNLOAD_QUEUE_RUNNING || self->state == HS_DOWNLOAD_QUEUE_CANCELLED) &&
      g_queue_is_empty (&self->waiting_items) && self->n_fetching == 0 &&
      g_queue_is_empty (&self->folder_jobs) && !self->picking_folder &&
      self->jobs->len == 0 && self->running_files->len == 0)
    {
      if (self->finished_emitted)
        return;
      self->finished_emitted = TRUE;
      if (self->state == HS_DOWNLOAD_QUEUE_RUNNING)
        set_state (self, HS_DOWNLOAD_QUEUE_FINISHED);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0);
    }
}

/* ------------------------------------------------------------------------ */
/* Public                                                                   */

static gboolean
template_has_index (HsDownloadQueue *self)
{
  return strstr (self->name_template, "{index}") != NULL;
}

static void
add_item (HsDownloadQueue *self,
          HsDownloadItem  *item)
{
  hs_download_item_set_index (item, self->items->len + 1);
  g_ptr_array_add (self->items, item);
  g_queue_push_tail (&self->waiting_items, item);
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
  notify (self, PROP_N_NOTES);
  schedule (self);
}

HsDownloadItem *
hs_download_queue_add_ref (HsDownloadQueue *self,
                           HsNoteRef       *ref,
                           const char      *label)
{
  const char *note_id;
  HsDownloadItem *item;

  g_return_val_if_fail (HS_IS_DOWNLOAD_QUEUE (self), NULL);
  g_return_val_if_fail (ref != NULL, NULL);
  g_return_val_if_fail (self->state != HS_DOWNLOAD_QUEUE_CANCELLED, NULL);

  /* A short link's note is known only once followed; a note reached twice
   * that way finds its own folder and skips what is there. */
  note_id = hs_note_ref_get_note_id (ref);
  if (note_id != NULL && !template_has_index (self))
    {
      if (g_hash_table_contains (self->note_ids, note_id))
        return NULL;
      g_hash_table_add (self->note_ids, g_strdup (note_id));
    }

  item = hs_download_item_new_for_ref (ref, label);
  add_item (self, item);
  return item;
}

HsDownloadItem *
hs_download_queue_add_note (HsDownloadQueue *self,
                            HsNote          *note)
{
  const char *note_id;
  HsDownloadItem *item;

  g_return_val_if_fail (HS_IS_DOWNLOAD_QUEUE (self), NULL);
  g_return_val_if_fail (HS_IS_NOTE (note), NULL);
  g_return_val_if_fail (self->state != HS_DOWNLOAD_QUEUE_CANCELLED, NULL);

  note_id = hs_note_get_note_id (note);
  if (!template_has_index (self))
    {
      if (g_hash_table_contains (self->note_ids, note_id))
        return NULL;
      g_hash_table_add (self->note_ids, g_strdup (note_id));
    }

  item = hs_download_item_new_for_note (note);
  add_item (self, item);
  return item;
}

void
hs_download_queue_start (HsDownloadQueue *self)
{
  g_return_if_fail (HS_IS_DOWNLOAD_QUEUE (self));

  if (self->state != HS_DOWNLOAD_QUEUE_IDLE && self->state != HS_DOWNLOAD_QUEUE_FINISHED)
    return;
  self->finished_emitted = FALSE;
  set_state (self, HS_DOWNLOAD_QUEUE_RUNNING);
  schedule (self);
}

void
hs_download_queue_pause (HsDownloadQueue *self)
{
  g_autoptr(GPtrArray) running = NULL;

  g_return_if_fail (HS_IS_DOWNLOAD_QUEUE (self));

  if (self->state != HS_DOWNLOAD_QUEUE_RUNNING)
    return;
  set_state (self, HS_DOWNLOAD_QUEUE_PAUSED);

  running = g_ptr_array_copy (self->running_files, NULL, NULL);
  for (guint i = 0; i < running->len; i++)
    {
      FileJob *file_job = g_ptr_array_index (running, i);

      file_job->paused = TRUE;
      g_cancellable_cancel (file_job->cancellable);
    }
}

void
hs_download_queue_resume (HsDownloadQueue *self)
{
  g_return_if_fail (HS_IS_DOWNLOAD_QUEUE (self));

  if (self->state != HS_DOWNLOAD_QUEUE_PAUSED)
    return;
  set_state (self, HS_DOWNLOAD_QUEUE_RUNNING);
  schedule (self);
}

void
hs_download_queue_cancel (HsDownloadQueue *self)
{
  FileJob *file_job;
  HsDownloadItem *item;

  g_return_if_fail (HS_IS_DOWNLOAD_QUEUE (self));

  if (self->state == HS_DOWNLOAD_QUEUE_CANCELLED)
    return;
  set_state (self, HS_DOWNLOAD_QUEUE_CANCELLED);

  while ((item = g_queue_pop_head (&self->waiting_items)) != NULL)
    note_finished (self, item, HS_DOWNLOAD_STATE_CANCELLED);

  while ((file_job = g_queue_pop_head (&self->waiting_files)) != NULL)
    {
      NoteJob *job = file_job->job;

      job->cancelled = TRUE;
      job->files_left--;
      file_job_free (file_job);
      maybe_finish_job (job);
    }

  /* Notes, files under way: each ends as cancelled in its callback. */
  g_cancellable_cancel (self->cancellable);
  schedule (self);
}

void
hs_download_queue_retry (HsDownloadQueue *self,
                         HsDownloadItem  *item)
{
  HsDownloadState state;

  g_return_if_fail (HS_IS_DOWNLOAD_QUEUE (self));
  g_return_if_fail (HS_IS_DOWNLOAD_ITEM (item));

  state = hs_download_item_get_state (item);
  if (self->state == HS_DOWNLOAD_QUEUE_CANCELLED ||
      (state != HS_DOWNLOAD_STATE_FAILED && state != HS_DOWNLOAD_STATE_CANCELLED))
    return;

  if (state == HS_DOWNLOAD_STATE_FAILED && hs_download_item_get_n_failed (item) == 0)
    self->n_notes_failed--;
  self->n_failed -= hs_download_item_get_n_failed (item);
  self->n_saved -= hs_download_item_get_n_saved (item);
  self->n_skipped -= hs_download_item_get_n_skipped (item);
  self->n_files -= hs_download_item_get_n_files (item);
  self->n_notes_finished--;
  hs_download_item_reset (item);
  g_queue_push_tail (&self->waiting_items, item);
  if (self->state == HS_DOWNLOAD_QUEUE_FINISHED)
    {
      self->finished_emitted = FALSE;
      set_state (self, HS_DOWNLOAD_QUEUE_RUNNING);
    }
  notify (self, PROP_N_NOTES_FINISHED);
  schedule (self);
}

gboolean
hs_download_queue_set_name_template (HsDownloadQueue  *self,
                                     const char       *name_template,
                                     GError          **error)
{
  g_return_val_if_fail (HS_IS_DOWNLOAD_QUEUE (self), FALSE);

  if (name_template == NULL)
    name_template = HS_DOWNLOAD_NAME_DEFAULT_TEMPLATE;
  if (!hs_download_name_template_validate (name_template, error))
    return FALSE;
  g_free (self->name_template);
  self->name_template = g_strdup (name_template);
  return TRUE;
}

void
hs_download_queue_set_save_text (HsDownloadQueue *self,
                                 gboolean         save_text)
{
  self->save_text = save_text;
}

void
hs_download_queue_set_requests_per_minute (HsDownloadQueue *self,
                                           guint            requests_per_minute)
{
  self->requests_per_minute = requests_per_minute;
}

HsDownloadQueueState
hs_download_queue_get_state (HsDownloadQueue *self)
{
  return self->state;
}

GFile *
hs_download_queue_get_output_folder (HsDownloadQueue *self)
{
  return self->output_folder;
}

guint
hs_download_queue_get_n_notes (HsDownloadQueue *self)
{
  return self->items->len;
}

guint
hs_download_queue_get_n_notes_finished (HsDownloadQueue *self)
{
  return self->n_notes_finished;
}

guint
hs_download_queue_get_n_files (HsDownloadQueue *self)
{
  return self->n_files;
}

guint
hs_download_queue_get_n_saved (HsDownloadQueue *self)
{
  return self->n_saved;
}

guint
hs_download_queue_get_n_skipped (HsDownloadQueue *self)
{
  return self->n_skipped;
}

guint
hs_download_queue_get_n_failed (HsDownloadQueue *self)
{
  return self->n_failed;
}

guint
hs_download_queue_get_n_notes_failed (HsDownloadQueue *self)
{
  return self->n_notes_failed;
}

goffset
hs_download_queue_get_bytes (HsDownloadQueue *self)
{
  return self->bytes;
}

gint64
hs_download_queue_get_eta (HsDownloadQueue *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 active = self->active_time;
  guint notes_waiting = g_queue_get_length (&self->waiting_items);
  /* Notes asked for but not answered may be held by the limiter too. */
  guint notes_left = notes_waiting + self->n_fetching;
  guint notes_done = self->items->len - notes_left;
  double limit_seconds = 0, transfer_seconds = 0;
  guint files_known_left;
  double files_left, bytes_left, rate;

  if (self->state == HS_DOWNLOAD_QUEUE_RUNNING)
    active += now - self->started_at;
  if (self->state == HS_DOWNLOAD_QUEUE_FINISHED)
    return 0;

  /* The rate limit: at most N calls in any 60 s. The calls left beyond
   * the free slots wait for the oldest of the window to leave it, then
   * for a full window per N more. */
  if (self->requests_per_minute > 0 && notes_left > 0)
    {
      guint used = g_queue_get_length (&self->call_times);
      guint free_slots = used < self->requests_per_minute ? self->requests_per_minute - used : 0;

      if (notes_left > free_slots)
        {
          guint extra = notes_left - free_slots;
          gint64 oldest = g_queue_is_empty (&self->call_times)
                          ? now : *(gint64 *) g_queue_peek_head (&self->call_times);

          limit_seconds = (double) MAX (oldest + 60 * G_TIME_SPAN_SECOND - now, 0) / G_TIME_SPAN_SECOND +
                          60.0 * ((extra - 1) / self->requests_per_minute);
        }
    }

  /* The transfer: the bytes left at the rate so far, the files of the
   * notes not yet fetched guessed from those that were. */
  if (active <= 0 || self->bytes <= 0 || self->n_finished_files == 0 || notes_done == 0)
    return limit_seconds > 0 ? (gint64) (limit_seconds + 0.5) : -1;

  files_known_left = self->n_files > self->n_saved + self->n_skipped + self->n_failed
                     ? self->n_files - self->n_saved - self->n_skipped - self->n_failed : 0;
  files_left = files_known_left + (double) self->n_files / notes_done * notes_left;
  bytes_left = files_left * ((double) self->bytes_of_finished_files / self->n_finished_files);
  for (guint i = 0; i < self->running_files->len; i++)
    bytes_left -= ((FileJob *) g_ptr_array_index (self->running_files, i))->counted;
  rate = (double) self->bytes / ((double) active / G_TIME_SPAN_SECOND);
  transfer_seconds = MAX (bytes_left, 0) / rate;

  return (gint64) (MAX (limit_seconds, transfer_seconds) + 0.5);
}

guint
hs_download_queue_get_waiting (HsDownloadQueue *self,
                               gboolean        *rate_limited)
{
  gint64 now = g_get_monotonic_time ();

  if (rate_limited != NULL)
    *rate_limited = self->waiting_rate_limited;
  if (self->waiting_until <= now || self->n_fetching == 0)
    return 0;
  return (guint) ((self->waiting_until - now + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND);
}

/* HsClient::waiting, and any source's signal of that shape. */
static void
source_waiting_cb (GObject      *source,
                   guint         seconds,
                   const GError *reason,
                   gpointer      user_data)
{
  HsDownloadQueue *self = user_data;

  self->waiting_until = g_get_monotonic_time () + (gint64) seconds * G_TIME_SPAN_SECOND;
  self->waiting_rate_limited = g_error_matches (reason, HS_ERROR, HS_ERROR_RATE_LIMITED);
  notify (self, PROP_WAITING);
}

HsDownloadQueue *
hs_download_queue_new (HsNoteSource  *source,
                       HsMediaLoader *loader,
                       GFile         *output_folder)
{
  HsDownloadQueue *self;
  guint signal_id;

  g_return_val_if_fail (HS_IS_NOTE_SOURCE (source), NULL);
  g_return_val_if_fail (HS_IS_MEDIA_LOADER (loader), NULL);
  g_return_val_if_fail (G_IS_FILE (output_folder), NULL);

  self = g_object_new (HS_TYPE_DOWNLOAD_QUEUE, NULL);
  self->source = g_object_ref (source);
  self->loader = g_object_ref (loader);
  self->output_folder = g_object_ref (output_folder);

  signal_id = g_signal_lookup ("waiting", G_OBJECT_TYPE (source));
  if (signal_id != 0)
    {
      GSignalQuery query;

      g_signal_query (signal_id, &query);
      if (query.n_params == 2 && query.param_types[0] == G_TYPE_UINT)
        self->waiting_handler = g_signal_connect_object (source, "waiting",
                                                         G_CALLBACK (source_waiting_cb), self, 0);
    }

  return self;
}

/* GListModel */

static GType
hs_download_queue_get_item_type (GListModel *model)
{
  return HS_TYPE_DOWNLOAD_ITEM;
}

static guint
hs_download_queue_get_n_items (GListModel *model)
{
  return HS_DOWNLOAD_QUEUE (model)->items->len;
}

static gpointer
hs_download_queue_get_item (GListModel *model,
                            guint       position)
{
  HsDownloadQueue *self = HS_DOWNLOAD_QUEUE (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
hs_download_queue_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = hs_download_queue_get_item_type;
  iface->get_n_items = hs_download_queue_get_n_items;
  iface->get_item = hs_download_queue_get_item;
}

/* GObject */

static void
hs_download_queue_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HsDownloadQueue *self = HS_DOWNLOAD_QUEUE (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_N_NOTES: g_value_set_uint (value, self->items->len); break;
    case PROP_N_NOTES_FINISHED: g_value_set_uint (value, self->n_notes_finished); break;
    case PROP_N_FILES: g_value_set_uint (value, self->n_files); break;
    case PROP_N_SAVED: g_value_set_uint (value, self->n_saved); break;
    case PROP_N_SKIPPED: g_value_set_uint (value, self->n_skipped); break;
    case PROP_N_FAILED: g_value_set_uint (value, self->n_failed); break;
    case PROP_BYTES: g_value_set_int64 (value, self->bytes); break;
    case PROP_WAITING: g_value_set_uint (value, hs_download_queue_get_waiting (self, NULL)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_download_queue_dispose (GObject *object)
{
  HsDownloadQueue *self = HS_DOWNLOAD_QUEUE (object);

  /* The callbacks of notes and files in flight hold a reference, so none
   * is left here; what waits is dropped. */
  g_cancellable_cancel (self->cancellable);
  g_queue_clear (&self->waiting_items);
  g_queue_clear_full (&self->waiting_files, (GDestroyNotify) file_job_free);
  g_queue_clear_full (&self->folder_jobs, (GDestroyNotify) note_job_free);
  g_queue_clear_full (&self->call_times, g_free);
  if (self->jobs != NULL)
    g_ptr_array_set_size (self->jobs, 0);
  g_clear_signal_handler (&self->waiting_handler, self->source);
  g_clear_object (&self->source);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (hs_download_queue_parent_class)->dispose (object);
}

static void
hs_download_queue_finalize (GObject *object)
{
  HsDownloadQueue *self = HS_DOWNLOAD_QUEUE (object);

  g_clear_object (&self->output_folder);
  g_free (self->name_template);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->note_ids);
  g_ptr_array_unref (self->jobs);
  g_ptr_array_unref (self->running_files);
  g_hash_table_unref (self->host_counts);

  G_OBJECT_CLASS (hs_download_queue_parent_class)->finalize (object);
}

static void
hs_download_queue_class_init (HsDownloadQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = hs_download_queue_get_property;
  object_class->dispose = hs_download_queue_dispose;
  object_class->finalize = hs_download_queue_finalize;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, HS_TYPE_DOWNLOAD_QUEUE_STATE,
                                              HS_DOWNLOAD_QUEUE_IDLE, flags);
  properties[PROP_N_NOTES] = g_param_spec_uint ("n-notes", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_NOTES_FINISHED] = g_param_spec_uint ("n-notes-finished", NULL, NULL,
                                                         0, G_MAXUINT, 0, flags);
  properties[PROP_N_FILES] = g_param_spec_uint ("n-files", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_SAVED] = g_param_spec_uint ("n-saved", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_SKIPPED] = g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_FAILED] = g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_BYTES] = g_param_spec_int64 ("bytes", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_WAITING] = g_param_spec_uint ("waiting", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Every item is done, failed or cancelled (after a cancel too). */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hs_download_queue_init (HsDownloadQueue *self)
{
  self->name_template = g_strdup (HS_DOWNLOAD_NAME_DEFAULT_TEMPLATE);
  self->cancellable = g_cancellable_new ();
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->note_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) note_job_free);
  self->running_files = g_ptr_array_new ();
  self->host_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
