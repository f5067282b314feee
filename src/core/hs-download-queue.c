#include "config.h"

#include <string.h>

#include "hs-download-name.h"
#include "hs-download-queue-internal.h"
#include "hs-error.h"

/* HsDownloadQueue: its state and counts, when notes and files start,
 * and the public API. The jobs themselves are in hs-download-queue-jobs.c. */

/* Notes asked for at once; the source's limiter paces them anyway. */
#define MAX_NOTES_FETCHING 4
/* Files waiting before no more notes are asked for: memory stays flat
 * however long the batch. */
#define MAX_FILES_WAITING 64

G_DEFINE_ENUM_TYPE (HsDownloadQueueState, hs_download_queue_state,
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_QUEUE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_QUEUE_RUNNING, "running"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_QUEUE_PAUSED, "paused"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_QUEUE_FINISHED, "finished"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_QUEUE_CANCELLED, "cancelled"))

static void hs_download_queue_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HsDownloadQueue, hs_download_queue, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, hs_download_queue_list_model_init))

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
hs_download_queue_notify (HsDownloadQueue *self,
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
  hs_download_queue_notify (self, PROP_STATE);
}

void
hs_download_queue_schedule (HsDownloadQueue *self)
{
  if (self->state == HS_DOWNLOAD_QUEUE_RUNNING)
    {
      while (self->n_fetching < MAX_NOTES_FETCHING &&
             g_queue_get_length (&self->waiting_files) < MAX_FILES_WAITING &&
             g_queue_get_length (&self->folder_jobs) < MAX_NOTES_FETCHING &&
             !g_queue_is_empty (&self->waiting_items))
        hs_download_queue_start_item (self, g_queue_pop_head (&self->waiting_items));

      hs_download_queue_start_files (self);
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

/* FALSE when @note_id is in the batch already: each note is saved once,
 * unless {index} in the template gives each item a folder of its own. A
 * short link's note is known only once followed (@note_id NULL); a note
 * reached twice that way finds its own folder and skips what is there. */
static gboolean
add_note_id (HsDownloadQueue *self,
             const char      *note_id)
{
  if (note_id == NULL || strstr (self->name_template, "{index}") != NULL)
    return TRUE;
  return g_hash_table_add (self->note_ids, g_strdup (note_id));
}

static HsDownloadItem *
add_item (HsDownloadQueue *self,
          HsDownloadItem  *item)
{
  hs_download_item_set_index (item, self->items->len + 1);
  g_ptr_array_add (self->items, item);
  g_queue_push_tail (&self->waiting_items, item);
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
  hs_download_queue_notify (self, PROP_N_NOTES);
  hs_download_queue_schedule (self);
  return item;
}

HsDownloadItem *
hs_download_queue_add_ref (HsDownloadQueue *self,
                           HsNoteRef       *ref,
                           const char      *label)
{
  g_return_val_if_fail (HS_IS_DOWNLOAD_QUEUE (self), NULL);
  g_return_val_if_fail (ref != NULL, NULL);
  g_return_val_if_fail (self->state != HS_DOWNLOAD_QUEUE_CANCELLED, NULL);

  if (!add_note_id (self, hs_note_ref_get_note_id (ref)))
    return NULL;
  return add_item (self, hs_download_item_new_for_ref (ref, label));
}

HsDownloadItem *
hs_download_queue_add_note (HsDownloadQueue *self,
                            HsNote          *note)
{
  g_return_val_if_fail (HS_IS_DOWNLOAD_QUEUE (self), NULL);
  g_return_val_if_fail (HS_IS_NOTE (note), NULL);
  g_return_val_if_fail (self->state != HS_DOWNLOAD_QUEUE_CANCELLED, NULL);

  if (!add_note_id (self, hs_note_get_note_id (note)))
    return NULL;
  return add_item (self, hs_download_item_new_for_note (note));
}

void
hs_download_queue_add_local_files (HsDownloadQueue *self,
                                   GHashTable      *files)
{
  g_return_if_fail (HS_IS_DOWNLOAD_QUEUE (self));
  g_return_if_fail (files != NULL);

  g_ptr_array_add (self->local_files, g_hash_table_ref (files));
}

void
hs_download_queue_start (HsDownloadQueue *self)
{
  g_return_if_fail (HS_IS_DOWNLOAD_QUEUE (self));

  if (self->state != HS_DOWNLOAD_QUEUE_IDLE && self->state != HS_DOWNLOAD_QUEUE_FINISHED)
    return;
  self->finished_emitted = FALSE;
  set_state (self, HS_DOWNLOAD_QUEUE_RUNNING);
  hs_download_queue_schedule (self);
}

void
hs_download_queue_pause (HsDownloadQueue *self)
{
  g_return_if_fail (HS_IS_DOWNLOAD_QUEUE (self));

  if (self->state != HS_DOWNLOAD_QUEUE_RUNNING)
    return;
  set_state (self, HS_DOWNLOAD_QUEUE_PAUSED);
  hs_download_queue_pause_files (self);
}

void
hs_download_queue_resume (HsDownloadQueue *self)
{
  g_return_if_fail (HS_IS_DOWNLOAD_QUEUE (self));

  if (self->state != HS_DOWNLOAD_QUEUE_PAUSED)
    return;
  set_state (self, HS_DOWNLOAD_QUEUE_RUNNING);
  hs_download_queue_schedule (self);
}

void
hs_download_queue_cancel (HsDownloadQueue *self)
{
  HsDownloadItem *item;

  g_return_if_fail (HS_IS_DOWNLOAD_QUEUE (self));

  if (self->state == HS_DOWNLOAD_QUEUE_CANCELLED)
    return;
  set_state (self, HS_DOWNLOAD_QUEUE_CANCELLED);

  while ((item = g_queue_pop_head (&self->waiting_items)) != NULL)
    hs_download_queue_note_finished (self, item, HS_DOWNLOAD_STATE_CANCELLED);

  hs_download_queue_drop_waiting_files (self);

  /* Notes, files under way: each ends as cancelled in its callback. */
  g_cancellable_cancel (self->cancellable);
  hs_download_queue_schedule (self);
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
  hs_download_queue_notify (self, PROP_N_NOTES_FINISHED);
  hs_download_queue_schedule (self);
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
  bytes_left -= hs_download_queue_get_running_bytes (self);
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
  hs_download_queue_notify (self, PROP_WAITING);
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
  hs_download_queue_free_jobs (self);
  g_queue_clear_full (&self->call_times, g_free);
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
  g_ptr_array_unref (self->local_files);

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
  self->jobs = g_ptr_array_new ();
  self->running_files = g_ptr_array_new ();
  self->host_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->local_files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
}
