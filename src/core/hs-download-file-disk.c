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
#include <glib/gstdio.h>

#include "hs-download-file-internal.h"
#include "hs-download-name.h"

/* The disk side of HsDownloadFile, run on worker threads: a part read
 * back to resume it, the complete part renamed into place without ever
 * replacing, and files not from the network written or copied in. */

/* "01 (2).jpg" … "01 (99).jpg", then give up: something is wrong. */
#define MAX_NUMBERED 99

/* Reads the file at @path into @checksum and, when @self is given, its
 * first bytes into @self's head; stops early when @cancellable is. The
 * bytes read, or -1 when it cannot be read (what was read stays counted). */
static goffset
hash_file (const char     *path,
           GChecksum      *checksum,
           HsDownloadFile *self,
           GCancellable   *cancellable)
{
  g_autofree guint8 *buffer = g_malloc (HS_DOWNLOAD_FILE_CHUNK_SIZE);
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  goffset length = 0;
  gssize n;

  if (fd < 0)
    return -1;
  while ((n = read (fd, buffer, HS_DOWNLOAD_FILE_CHUNK_SIZE)) > 0)
    {
      if (self != NULL)
        hs_download_file_keep_head (self, buffer, n);
      g_checksum_update (checksum, buffer, n);
      length += n;
      if (g_cancellable_is_cancelled (cancellable))
        break;
    }
  close (fd);
  return n < 0 ? -1 : length;
}

static char *
sha256_of_file (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  if (hash_file (path, checksum, NULL, NULL) < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (checksum));
}

void
hs_download_file_prepare_thread (GTask        *task,
                                 gpointer      source_object,
                                 gpointer      task_data,
                                 GCancellable *cancellable)
{
  HsDownloadFile *self = task_data;
  g_autofree char *path = g_file_get_path (self->part);

  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  self->head_length = 0;
  self->offset = hash_file (path, self->checksum, self, cancellable);
  if (self->offset < 0)
    {
      /* None, or unreadable: start again. */
      g_checksum_reset (self->checksum);
      self->offset = 0;
      self->head_length = 0;
    }
  g_task_return_boolean (task, TRUE);
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

void
hs_download_file_complete_thread (GTask        *task,
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
          g_task_return_error (task, hs_download_file_write_error (self, g_strerror (saved_errno)));
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

  g_task_return_error (task, hs_download_file_write_error (self, g_strerror (EEXIST)));
}

/* Writes a file made in memory to its part. */
static gboolean
write_bytes (HsDownloadFile  *self,
             const char      *path,
             GError         **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (self->bytes, &length);

  /* Not g_file_set_contents(): it fsyncs, which a part does not need. */
  if (!g_file_set_contents_full (path, (const char *) data, (gssize) length,
                                 G_FILE_SET_CONTENTS_NONE, 0666, error))
    return FALSE;
  self->size = (goffset) length;
  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->bytes);
  return TRUE;
}

/* Copies a local file to its part; its hash, size and type from one read
 * of the copy. */
static gboolean
copy_file (HsDownloadFile  *self,
           const char      *path,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  /* TARGET_DEFAULT_PERMS: the copy gets 0666 less the umask, not the
   * private mode of the cache it comes from. */
  if (!g_file_copy (self->source, self->part, G_FILE_COPY_TARGET_DEFAULT_PERMS, cancellable,
                    NULL, NULL, error))
    return FALSE;

  self->head_length = 0;
  self->size = hash_file (path, checksum, self, NULL);
  if (self->size < 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
      return FALSE;
    }
  self->sha256 = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

void
hs_download_file_local_thread (GTask        *task,
                               gpointer      source_object,
                               gpointer      task_data,
                               GCancellable *cancellable)
{
  HsDownloadFile *self = task_data;
  g_autofree char *path = g_file_get_path (self->part);
  GError *error = NULL;

  g_unlink (path);
  if (self->bytes != NULL ? !write_bytes (self, path, &error)
                          : !copy_file (self, path, cancellable, &error))
    {
      g_unlink (path);
      g_task_return_error (task, hs_download_file_write_error_from (self, error));
      return;
    }
  hs_download_file_complete_thread (task, source_object, task_data, cancellable);
}
