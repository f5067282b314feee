#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-download-file-internal.h"
#include "hs-error.h"

/* HsDownloadFile: the object, and one download from the network into the
 * part, resumed with Range where the server allows; what touches the disk
 * in bulk runs on worker threads (hs-download-file-disk.c). */

G_DEFINE_FINAL_TYPE (HsDownloadFile, hs_download_file, G_TYPE_OBJECT)

static void send_request (HsDownloadFile *self);
static void read_next (HsDownloadFile *self);

GError *
hs_download_file_write_error (HsDownloadFile *self,
                              const char     *reason)
{
  g_autofree char *path = g_file_get_path (self->folder);

  /* TRANSLATORS: a folder, then the system's reason */
  return g_error_new (HS_ERROR, HS_ERROR_FAILED, _("Could not write to “%s”: %s"), path, reason);
}

GError *
hs_download_file_write_error_from (HsDownloadFile *self,
                                   GError         *error)
{
  GError *wrapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;
  wrapped = hs_download_file_write_error (self, error->message);
  g_error_free (error);
  return wrapped;
}

void
hs_download_file_keep_head (HsDownloadFile *self,
                            const guint8   *data,
                            gsize           length)
{
  gsize take = MIN (length, HS_DOWNLOAD_FILE_SNIFF_LENGTH - self->head_length);

  memcpy (self->head + self->head_length, data, take);
  self->head_length += take;
}

static void
reset_run (HsDownloadFile *self)
{
  if (self->exchange != NULL)
    g_object_run_dispose (G_OBJECT (self->exchange));
  g_clear_object (&self->exchange);
  g_clear_object (&self->output);
  g_clear_pointer (&self->checksum, g_checksum_free);
  g_clear_pointer (&self->buffer, g_free);
  g_clear_pointer (&self->header_type, g_free);
}

static void
return_error (HsDownloadFile *self,
              GError         *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  reset_run (self);
  g_task_return_error (task, error);
}

static void
close_after_error_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  HsDownloadFile *self = user_data;
  GError *error = g_object_steal_data (G_OBJECT (object), "hs-error");

  g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, NULL);
  return_error (self, error);
}

static void
finish_with_error (HsDownloadFile *self,
                   GError         *error)
{
  /* An open part is closed, not removed: its bytes are where the next run
   * resumes. Not cancellable: the close must happen. */
  if (self->output != NULL)
    {
      g_autoptr(GOutputStream) output = g_steal_pointer (&self->output);

      g_object_set_data (G_OBJECT (output), "hs-error", error);
      g_output_stream_close_async (output, G_PRIORITY_DEFAULT, NULL, close_after_error_cb, self);
      return;
    }
  return_error (self, error);
}

/* A task for a worker thread that works on @self. Not its source object:
 * the thread may drop its reference to the task after the callback has
 * run, and the last reference to @self (and so to the media loader) must
 * go on the main thread. The run's own task holds @self meanwhile. */
static GTask *
worker_task_new (HsDownloadFile      *self,
                 GAsyncReadyCallback  callback)
{
  GTask *task = g_task_new (NULL, g_task_get_cancellable (self->task), callback, self);

  g_task_set_task_data (task, self, NULL);
  return task;
}

/* ------------------------------------------------------------------------ */
/* The download                                                             */

static void
complete_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  HsDownloadFile *self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(GError) error = NULL;

  reset_run (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  HsDownloadFile *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) complete = NULL;
  gboolean closed = g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error);

  g_clear_object (&self->output);
  if (!closed)
    {
      finish_with_error (self, hs_download_file_write_error (self, error->message));
      return;
    }

  self->size = self->written;
  self->sha256 = g_strdup (g_checksum_get_string (self->checksum));

  complete = worker_task_new (self, complete_cb);
  g_task_set_source_tag (complete, hs_download_file_complete_thread);
  g_task_run_in_thread (complete, hs_download_file_complete_thread);
}

static void
body_done (HsDownloadFile *self)
{
  if (self->written == 0)
    {
      finish_with_error (self, g_error_new_literal (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                                    _("The media server sent an empty file")));
      return;
    }
  if (self->total >= 0 && self->written != self->total)
    {
      finish_with_error (self, g_error_new_literal (HS_ERROR, HS_ERROR_NETWORK,
                                                    _("The media server closed the connection before the end of the file")));
      return;
    }

  g_output_stream_close_async (self->output, G_PRIORITY_DEFAULT, g_task_get_cancellable (self->task),
                               close_cb, self);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  HsDownloadFile *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      finish_with_error (self, hs_download_file_write_error_from (self, g_steal_pointer (&error)));
      return;
    }

  if (self->progress_func != NULL)
    self->progress_func (self, self->written, self->total, self->progress_data);
  read_next (self);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HsDownloadFile *self = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = hs_http_exchange_read_finish (HS_HTTP_EXCHANGE (object), result, &error);
  if (n < 0)
    {
      if (hs_http_exchange_get_body_too_big (self->exchange))
        finish_with_error (self, g_error_new_literal (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                                      _("The media file is larger than the limit")));
      else
        finish_with_error (self, g_steal_pointer (&error));
      return;
    }
  if (n == 0)
    {
      body_done (self);
      return;
    }

  hs_download_file_keep_head (self, self->buffer, n);
  g_checksum_update (self->checksum, self->buffer, n);
  self->received += n;
  self->written += n;

  g_output_stream_write_all_async (self->output, self->buffer, (gsize) n, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (self->task), write_cb, self);
}

static void
read_next (HsDownloadFile *self)
{
  hs_http_exchange_read_async (self->exchange, self->buffer, HS_DOWNLOAD_FILE_CHUNK_SIZE, read_cb, self);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HsDownloadFile *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->offset > 0)
    self->output = G_OUTPUT_STREAM (g_file_append_to_finish (G_FILE (object), result, &error));
  else
    self->output = G_OUTPUT_STREAM (g_file_create_finish (G_FILE (object), result, &error));

  if (self->output == NULL)
    {
      finish_with_error (self, hs_download_file_write_error_from (self, g_steal_pointer (&error)));
      return;
    }

  self->buffer = g_malloc (HS_DOWNLOAD_FILE_CHUNK_SIZE);
  read_next (self);
}

static void
open_output (HsDownloadFile *self)
{
  GCancellable *cancellable = g_task_get_cancellable (self->task);

  self->written = self->offset;
  /* G_FILE_CREATE_NONE: mode 0666 less the umask, like pictures, videos
   * and everything else the user saves. */
  if (self->offset > 0)
    g_file_append_to_async (self->part, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT, cancellable,
                            open_cb, self);
  else
    g_file_create_async (self->part, G_FILE_CREATE_NONE, G_PRIORITY_DEFAULT, cancellable,
                         open_cb, self);
}

static void
delete_part_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HsDownloadFile *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      finish_with_error (self, hs_download_file_write_error_from (self, g_steal_pointer (&error)));
      return;
    }

  open_output (self);
}

/* The part's bytes are of no use: the next start from the first byte. */
static void
forget_part (HsDownloadFile *self)
{
  self->offset = 0;
  self->resumed_from = 0;
  self->head_length = 0;
  g_checksum_reset (self->checksum);
}

/* The server sends the whole file: the part is replaced. */
static void
start_from_zero (HsDownloadFile *self)
{
  forget_part (self);
  g_file_delete_async (self->part, G_PRIORITY_DEFAULT, g_task_get_cancellable (self->task),
                       delete_part_cb, self);
}

/* Once a run: a new request for the whole file, the part forgotten. */
static void
ask_again_from_zero (HsDownloadFile *self)
{
  self->restarted = TRUE;
  g_object_run_dispose (G_OBJECT (self->exchange));
  g_clear_object (&self->exchange);
  forget_part (self);
  send_request (self);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HsDownloadFile *self = user_data;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *type;
  guint status;

  if (!hs_http_exchange_send_finish (HS_HTTP_EXCHANGE (object), result, &error))
    {
      finish_with_error (self, g_steal_pointer (&error));
      return;
    }

  status = hs_http_exchange_get_status (self->exchange);
  headers = hs_http_exchange_get_response_headers (self->exchange);

  if (status == SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE && self->offset > 0 && !self->restarted)
    {
      /* The part is as long as the file or longer: it may have changed on
       * the server. Ask again for all of it. */
      ask_again_from_zero (self);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      finish_with_error (self, hs_media_loader_error_for_status (status));
      return;
    }

  type = soup_message_headers_get_content_type (headers, NULL);
  self->header_type = g_strdup (type);
  self->total = hs_http_exchange_get_content_length (self->exchange);

  if (self->offset > 0)
    {
      goffset start = -1, end = -1, total = -1;

      /* Resumed only when the server says it sends the rest from exactly
       * where the part ends; a 200 is the whole file again. */
      if (status == SOUP_STATUS_PARTIAL_CONTENT &&
          soup_message_headers_get_content_range (headers, &start, &end, &total) &&
          start == self->offset)
        {
          self->resumed_from = self->offset;
          if (total >= 0)
            self->total = total;
          else if (self->total >= 0)
            self->total += self->offset;
          open_output (self);
          return;
        }

      if (status == SOUP_STATUS_PARTIAL_CONTENT)
        {
          /* Some other range: not what was asked for. Start again. */
          ask_again_from_zero (self);
          return;
        }

      start_from_zero (self);
      return;
    }

  if (status == SOUP_STATUS_PARTIAL_CONTENT)
    {
      finish_with_error (self, g_error_new_literal (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                                    _("The media server sent part of the file unasked")));
      return;
    }

  start_from_zero (self);
}

static void
send_request (HsDownloadFile *self)
{
  self->exchange = hs_media_loader_new_file_exchange (self->loader, self->url);
  if (self->offset > 0)
    {
      g_autofree char *range = g_strdup_printf ("bytes=%" G_GINT64_FORMAT "-", (gint64) self->offset);

      hs_http_exchange_set_header (self->exchange, "Range", range);
    }
  hs_http_exchange_send_async (self->exchange, g_task_get_cancellable (self->task), send_cb, self);
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  HsDownloadFile *self = user_data;

  g_task_propagate_boolean (G_TASK (result), NULL);
  if (g_task_return_error_if_cancelled (self->task))
    {
      g_clear_object (&self->task);
      reset_run (self);
      return;
    }
  send_request (self);
}

void
hs_download_file_run_async (HsDownloadFile      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) prepare = NULL;

  g_return_if_fail (HS_IS_DOWNLOAD_FILE (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, hs_download_file_run_async);
  g_task_set_name (self->task, "[hongshu] download file");

  self->received = 0;
  self->resumed_from = 0;
  self->restarted = FALSE;
  self->total = -1;
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->sha256, g_free);

  if (self->bytes != NULL || self->source != NULL)
    {
      prepare = worker_task_new (self, complete_cb);
      g_task_set_source_tag (prepare, hs_download_file_local_thread);
      g_task_run_in_thread (prepare, hs_download_file_local_thread);
      return;
    }

  prepare = worker_task_new (self, prepare_cb);
  g_task_set_source_tag (prepare, hs_download_file_prepare_thread);
  g_task_run_in_thread (prepare, hs_download_file_prepare_thread);
}

gboolean
hs_download_file_run_finish (HsDownloadFile  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */

const char *
hs_download_file_extension_for_type (const char *content_type)
{
  static const struct { const char *type; const char *extension; } map[] = {
    { "image/jpeg", "jpg" }, { "image/png", "png" }, { "image/gif", "gif" },
    { "image/webp", "webp" }, { "image/avif", "avif" }, { "image/heic", "heic" },
    { "video/mp4", "mp4" }, { "video/quicktime", "mov" }, { "video/webm", "webm" },
    { "video/x-matroska", "mkv" },
  };

  for (guint i = 0; content_type != NULL && i < G_N_ELEMENTS (map); i++)
    if (g_ascii_strcasecmp (content_type, map[i].type) == 0)
      return map[i].extension;
  return "bin";
}

/* A name in the folder, not a path. */
static gboolean
stem_is_valid (const char *stem)
{
  return stem != NULL && *stem != '\0' && strchr (stem, '/') == NULL;
}

/* @url: (transfer full). The part, `.STEM.SUFFIX.part`, has a suffix of
 * its own for each source, so that it holds one source's bytes only. */
static HsDownloadFile *
file_new (GFile      *folder,
          const char *stem,
          const char *extension,
          char       *url,
          const char *part_suffix)
{
  HsDownloadFile *self = g_object_new (HS_TYPE_DOWNLOAD_FILE, NULL);
  g_autofree char *part_name = g_strdup_printf (".%s.%s.part", stem, part_suffix);

  self->url = url;
  self->folder = g_object_ref (folder);
  self->stem = g_strdup (stem);
  self->extension = g_strdup (extension);
  self->part = g_file_get_child (folder, part_name);
  self->total = -1;
  return self;
}

HsDownloadFile *
hs_download_file_new (HsMediaLoader *loader,
                      const char    *url,
                      GFile         *folder,
                      const char    *stem)
{
  HsDownloadFile *self;
  g_autofree char *digest = NULL;

  g_return_val_if_fail (HS_IS_MEDIA_LOADER (loader), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (stem_is_valid (stem), NULL);

  /* The URL's hash: a part of another address is never resumed. */
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  digest[8] = '\0';
  self = file_new (folder, stem, NULL, g_strdup (url), digest);
  self->loader = g_object_ref (loader);
  return self;
}

HsDownloadFile *
hs_download_file_new_for_bytes (GFile      *folder,
                                const char *stem,
                                const char *extension,
                                GBytes     *bytes)
{
  HsDownloadFile *self;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (stem_is_valid (stem), NULL);
  g_return_val_if_fail (extension != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  self = file_new (folder, stem, extension, g_strconcat ("hongshu:", stem, ".", extension, NULL),
                   extension);
  self->bytes = g_bytes_ref (bytes);
  self->total = (goffset) g_bytes_get_size (bytes);
  return self;
}

HsDownloadFile *
hs_download_file_new_for_file (GFile      *folder,
                               const char *stem,
                               const char *extension,
                               GFile      *source)
{
  HsDownloadFile *self;
  g_autofree char *random = g_strdup_printf ("%08x", g_random_int ());

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (stem_is_valid (stem), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  self = file_new (folder, stem, extension, g_file_get_uri (source), random);
  self->source = g_object_ref (source);
  return self;
}

void
hs_download_file_set_reuse_identical (HsDownloadFile *self,
                                      gboolean        reuse_identical)
{
  self->reuse_identical = reuse_identical;
}

void
hs_download_file_set_progress_func (HsDownloadFile             *self,
                                    HsDownloadFileProgressFunc  func,
                                    gpointer                    user_data)
{
  self->progress_func = func;
  self->progress_data = user_data;
}

const char *
hs_download_file_get_url (HsDownloadFile *self)
{
  return self->url;
}

const char *
hs_download_file_get_stem (HsDownloadFile *self)
{
  return self->stem;
}

char *
hs_download_file_dup_part_name (HsDownloadFile *self)
{
  return g_file_get_basename (self->part);
}

const char *
hs_download_file_get_name (HsDownloadFile *self)
{
  return self->name;
}

goffset
hs_download_file_get_size (HsDownloadFile *self)
{
  return self->size;
}

const char *
hs_download_file_get_sha256 (HsDownloadFile *self)
{
  return self->sha256;
}

goffset
hs_download_file_get_bytes_received (HsDownloadFile *self)
{
  return self->received;
}

goffset
hs_download_file_get_resumed_from (HsDownloadFile *self)
{
  return self->resumed_from;
}

static void
hs_download_file_dispose (GObject *object)
{
  HsDownloadFile *self = HS_DOWNLOAD_FILE (object);

  reset_run (self);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (hs_download_file_parent_class)->dispose (object);
}

static void
hs_download_file_finalize (GObject *object)
{
  HsDownloadFile *self = HS_DOWNLOAD_FILE (object);

  g_free (self->url);
  g_clear_object (&self->folder);
  g_free (self->stem);
  g_clear_object (&self->part);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->source);
  g_free (self->extension);
  g_free (self->name);
  g_free (self->sha256);

  G_OBJECT_CLASS (hs_download_file_parent_class)->finalize (object);
}

static void
hs_download_file_class_init (HsDownloadFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_download_file_dispose;
  object_class->finalize = hs_download_file_finalize;
}

static void
hs_download_file_init (HsDownloadFile *self)
{
  self->reuse_identical = TRUE;
}
