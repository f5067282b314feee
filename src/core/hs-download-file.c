#include "config.h"

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* renameat2 */
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "hs-download-file.h"
#include "hs-download-name.h"
#include "hs-error.h"

#define CHUNK_SIZE (128 * 1024)
#define SNIFF_LENGTH 64
/* "01 (2).jpg" … "01 (99).jpg", then give up: something is wrong. */
#define MAX_NUMBERED 99

struct _HsDownloadFile
{
  GObject        parent_instance;

  HsMediaLoader *loader;
  char          *url;
  GFile         *folder;
  char          *stem;
  GFile         *part;
  GBytes        *bytes;         /* a file made in memory (note.md) */
  GFile         *source;        /* a local file copied (a cached video) */
  char          *extension;
  gboolean       reuse_identical;

  HsDownloadFileProgressFunc progress_func;
  gpointer       progress_data;

  /* One run. */
  GTask         *task;
  HsHttpExchange *exchange;
  GOutputStream *output;
  GChecksum     *checksum;
  guint8        *buffer;
  guint8         head[SNIFF_LENGTH];
  gsize          head_length;
  goffset        offset;        /* bytes already in the part */
  goffset        written;       /* bytes in the part now */
  goffset        total;
  goffset        received;
  goffset        resumed_from;
  gboolean       restarted;
  char          *header_type;

  /* Results. */
  char          *name;
  char          *sha256;
  goffset        size;
};

G_DEFINE_FINAL_TYPE (HsDownloadFile, hs_download_file, G_TYPE_OBJECT)

static void send_request (HsDownloadFile *self);
static void read_next (HsDownloadFile *self);

static GError *
write_error (HsDownloadFile *self,
             const char     *reason)
{
  g_autofree char *path = g_file_get_path (self->folder);

  /* TRANSLATORS: a folder, then the system's reason */
  return g_error_new (HS_ERROR, HS_ERROR_FAILED, _("Could not write to “%s”: %s"), path, reason);
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

/* ------------------------------------------------------------------------ */
/* Threads                                                                  */

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

/* Reads what a part holds: its size, hash and first bytes. */
static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HsDownloadFile *self = task_data;
  g_autofree char *path = g_file_get_path (self->part);
  g_autofree guint8 *buffer = NULL;
  int fd;
  gssize n;

  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  self->offset = 0;
  self->head_length = 0;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  buffer = g_malloc (CHUNK_SIZE);
  while ((n = read (fd, buffer, CHUNK_SIZE)) > 0)
    {
      if (self->head_length < SNIFF_LENGTH)
        {
          gsize take = MIN ((gsize) n, SNIFF_LENGTH - self->head_length);

          memcpy (self->head + self->head_length, buffer, take);
          self->head_length += take;
        }
      g_checksum_update (self->checksum, buffer, n);
      self->offset += n;
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  close (fd);

  if (n < 0)
    {
      /* Unreadable: start again. */
      g_checksum_reset (self->checksum);
      self->offset = 0;
      self->head_length = 0;
    }

  g_task_return_boolean (task, TRUE);
}

static char *
sha256_of_file (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gssize n;

  if (fd < 0)
    return NULL;
  while ((n = read (fd, buffer, CHUNK_SIZE)) > 0)
    g_checksum_update (checksum, buffer, n);
  close (fd);
  return n < 0 ? NULL : g_strdup (g_checksum_get_string (checksum));
}

/* Renames @from to @to unless @to exists: 0, or an errno. */
static int
rename_no_replace (const char *from,
                   const char *to)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return errno;

  /* A filesystem without RENAME_NOREPLACE: a hard link fails on an
   * existing name as well. */
  if (link (from, to) == 0)
    {
      g_unlink (from);
      return 0;
    }
  if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP)
    return errno;

  /* No hard links either (FAT): look, then rename. A race with another
   * writer of the same name is possible only here. */
  if (g_file_test (to, G_FILE_TEST_EXISTS))
    return EEXIST;
  return g_rename (from, to) == 0 ? 0 : errno;
}

static void
complete_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  HsDownloadFile *self = task_data;
  g_autofree char *part_path = g_file_get_path (self->part);
  g_autofree char *folder_path = g_file_get_path (self->folder);
  g_autofree char *type = hs_media_sniff_content_type (self->head, self->head_length, self->header_type);
  g_autofree char *base = g_strconcat (self->stem, ".",
                                       self->extension != NULL ? self->extension
                                                               : hs_download_file_extension_for_type (type),
                                       NULL);

  for (guint n = 1; n <= MAX_NUMBERED; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (base) : hs_download_name_numbered (base, n);
      g_autofree char *path = g_build_filename (folder_path, name, NULL);
      GStatBuf st;
      int saved_errno = rename_no_replace (part_path, path);

      if (saved_errno == 0)
        {
          self->name = g_steal_pointer (&name);
          g_task_return_boolean (task, TRUE);
          return;
        }
      if (saved_errno != EEXIST && saved_errno != ENOTEMPTY && saved_errno != EISDIR)
        {
          g_task_return_error (task, write_error (self, g_strerror (saved_errno)));
          return;
        }

      /* The same bytes under that name (a run killed between the rename
       * and the record): keep it, drop ours. Anything else is someone's
       * file and keeps its name. */
      if (self->reuse_identical && g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == self->size)
        {
          g_autofree char *existing = sha256_of_file (path);

          if (g_strcmp0 (existing, self->sha256) == 0)
            {
              g_unlink (part_path);
              self->name = g_steal_pointer (&name);
              g_task_return_boolean (task, TRUE);
              return;
            }
        }
    }

  g_task_return_error (task, write_error (self, g_strerror (EEXIST)));
}

/* A file made in memory: written to its part, then renamed like any. */
static void
write_bytes_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  HsDownloadFile *self = task_data;
  g_autofree char *path = g_file_get_path (self->part);
  gsize length;
  const guint8 *data = g_bytes_get_data (self->bytes, &length);
  g_autoptr(GError) error = NULL;

  g_unlink (path);
  /* Not g_file_set_contents(): it fsyncs, which a part does not need. */
  if (!g_file_set_contents_full (path, (const char *) data, (gssize) length,
                                 G_FILE_SET_CONTENTS_NONE, 0666, &error))
    {
      g_task_return_error (task, write_error (self, error->message));
      return;
    }
  self->size = (goffset) length;
  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->bytes);
  complete_thread (task, source_object, task_data, cancellable);
}

/* A local file: copied to its part, then renamed like any. */
static void
copy_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  HsDownloadFile *self = task_data;
  g_autofree char *source_path = g_file_get_path (self->source);
  g_autofree char *path = g_file_get_path (self->part);
  GError *error = NULL;

  g_unlink (path);
  /* TARGET_DEFAULT_PERMS: the copy gets 0666 less the umask, not the
   * private mode of the cache it comes from. */
  if (!g_file_copy (self->source, self->part, G_FILE_COPY_TARGET_DEFAULT_PERMS, cancellable,
                    NULL, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, error);
      else
        {
          g_task_return_error (task, write_error (self, error->message));
          g_error_free (error);
        }
      g_unlink (path);
      return;
    }

  {
    g_autofree char *sha256 = sha256_of_file (path);
    GStatBuf st;
    int fd;

    if (sha256 == NULL || g_stat (path, &st) != 0)
      {
        g_task_return_error (task, write_error (self, g_strerror (errno)));
        return;
      }
    self->sha256 = g_steal_pointer (&sha256);
    self->size = st.st_size;
    self->head_length = 0;
    fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
    if (fd >= 0)
      {
        gssize n = read (fd, self->head, SNIFF_LENGTH);

        self->head_length = n > 0 ? (gsize) n : 0;
        close (fd);
      }
  }
  complete_thread (task, source_object, task_data, cancellable);
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

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    {
      g_clear_object (&self->output);
      finish_with_error (self, write_error (self, error->message));
      return;
    }
  g_clear_object (&self->output);

  self->size = self->written;
  self->sha256 = g_strdup (g_checksum_get_string (self->checksum));

  complete = worker_task_new (self, complete_cb);
  g_task_set_source_tag (complete, complete_thread);
  g_task_run_in_thread (complete, complete_thread);
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
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        finish_with_error (self, g_steal_pointer (&error));
      else
        finish_with_error (self, write_error (self, error->message));
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

  if (self->head_length < SNIFF_LENGTH)
    {
      gsize take = MIN ((gsize) n, SNIFF_LENGTH - self->head_length);

      memcpy (self->head + self->head_length, self->buffer, take);
      self->head_length += take;
    }
  g_checksum_update (self->checksum, self->buffer, n);
  self->received += n;
  self->written += n;

  g_output_stream_write_all_async (self->output, self->buffer, (gsize) n, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (self->task), write_cb, self);
}

static void
read_next (HsDownloadFile *self)
{
  hs_http_exchange_read_async (self->exchange, self->buffer, CHUNK_SIZE, read_cb, self);
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
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        finish_with_error (self, g_steal_pointer (&error));
      else
        finish_with_error (self, write_error (self, error->message));
      return;
    }

  self->buffer = g_malloc (CHUNK_SIZE);
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
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        finish_with_error (self, g_steal_pointer (&error));
      else
        finish_with_error (self, write_error (self, error->message));
      return;
    }

  open_output (self);
}

/* The server sends the whole file: the part's bytes are of no use. */
static void
start_from_zero (HsDownloadFile *self)
{
  self->offset = 0;
  self->resumed_from = 0;
  self->head_length = 0;
  g_checksum_reset (self->checksum);
  g_file_delete_async (self->part, G_PRIORITY_DEFAULT, g_task_get_cancellable (self->task),
                       delete_part_cb, self);
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
      self->restarted = TRUE;
      g_object_run_dispose (G_OBJECT (self->exchange));
      g_clear_object (&self->exchange);
      self->offset = 0;
      self->resumed_from = 0;
      self->head_length = 0;
      g_checksum_reset (self->checksum);
      send_request (self);
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
          self->restarted = TRUE;
          g_object_run_dispose (G_OBJECT (self->exchange));
          g_clear_object (&self->exchange);
          self->offset = 0;
          self->head_length = 0;
          g_checksum_reset (self->checksum);
          send_request (self);
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
      GTaskThreadFunc func = self->bytes != NULL ? write_bytes_thread : copy_file_thread;

      prepare = worker_task_new (self, complete_cb);
      g_task_set_source_tag (prepare, func);
      g_task_run_in_thread (prepare, func);
      return;
    }

  prepare = worker_task_new (self, prepare_cb);
  g_task_set_source_tag (prepare, prepare_thread);
  g_task_run_in_thread (prepare, prepare_thread);
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

HsDownloadFile *
hs_download_file_new (HsMediaLoader *loader,
                      const char    *url,
                      GFile         *folder,
                      const char    *stem)
{
  HsDownloadFile *self;
  g_autofree char *digest = NULL;
  g_autofree char *part_name = NULL;

  g_return_val_if_fail (HS_IS_MEDIA_LOADER (loader), NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (stem != NULL && *stem != '\0' && strchr (stem, '/') == NULL, NULL);

  self = g_object_new (HS_TYPE_DOWNLOAD_FILE, NULL);
  self->loader = g_object_ref (loader);
  self->url = g_strdup (url);
  self->folder = g_object_ref (folder);
  self->stem = g_strdup (stem);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  part_name = g_strdup_printf (".%s.%.8s.part", stem, digest);
  self->part = g_file_get_child (folder, part_name);
  self->total = -1;
  return self;
}

/* A file not from the network: its part has a name of its own. */
static HsDownloadFile *
new_local (GFile      *folder,
           const char *stem,
           const char *extension,
           const char *url,
           const char *part_name)
{
  HsDownloadFile *self = g_object_new (HS_TYPE_DOWNLOAD_FILE, NULL);

  self->url = g_strdup (url);
  self->folder = g_object_ref (folder);
  self->stem = g_strdup (stem);
  self->extension = g_strdup (extension);
  self->part = g_file_get_child (folder, part_name);
  return self;
}

HsDownloadFile *
hs_download_file_new_for_bytes (GFile      *folder,
                                const char *stem,
                                const char *extension,
                                GBytes     *bytes)
{
  HsDownloadFile *self;
  g_autofree char *url = NULL;
  g_autofree char *part_name = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (stem != NULL && *stem != '\0' && strchr (stem, '/') == NULL, NULL);
  g_return_val_if_fail (extension != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  url = g_strconcat ("hongshu:", stem, ".", extension, NULL);
  part_name = g_strdup_printf (".%s.%s.part", stem, extension);
  self = new_local (folder, stem, extension, url, part_name);
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
  g_autofree char *url = NULL;
  g_autofree char *part_name = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (stem != NULL && *stem != '\0' && strchr (stem, '/') == NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  url = g_file_get_uri (source);
  part_name = g_strdup_printf (".%s.%08x.part", stem, g_random_int ());
  self = new_local (folder, stem, extension, url, part_name);
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
