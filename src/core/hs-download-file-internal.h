#pragma once

/* What the files of HsDownloadFile share: the instance, and the disk side
 * (hs-download-file-disk.c: a part read back, hashed, renamed into place
 * without replacing; files made in memory or copied) that the download
 * (hs-download-file.c) runs on worker threads. Private to the class. */

#include <libsoup/soup.h>

#include "hs-download-file.h"
#include "hs-http.h"

G_BEGIN_DECLS

#define HS_DOWNLOAD_FILE_CHUNK_SIZE (128 * 1024)
#define HS_DOWNLOAD_FILE_SNIFF_LENGTH 64

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
  guint8         head[HS_DOWNLOAD_FILE_SNIFF_LENGTH];
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

/* hs-download-file.c */
/* HS_ERROR_FAILED: the folder cannot be written, for @reason. */
GError *hs_download_file_write_error      (HsDownloadFile *self,
                                           const char     *reason);
/* @error (taken) as it is for a cancellation, else as a write error. */
GError *hs_download_file_write_error_from (HsDownloadFile *self,
                                           GError         *error);
/* Keeps the first bytes of the file, to sniff its type. */
void    hs_download_file_keep_head        (HsDownloadFile *self,
                                           const guint8   *data,
                                           gsize           length);

/* hs-download-file-disk.c: GTaskThreadFuncs, with @self as the task data. */
/* Reads what a part holds: its size, hash and first bytes. */
void    hs_download_file_prepare_thread   (GTask          *task,
                                           gpointer        source_object,
                                           gpointer        task_data,
                                           GCancellable   *cancellable);
/* Renames the complete part to STEM.EXT, or "STEM (N).EXT", never
 * replacing; the same bytes under the name are kept, the part dropped. */
void    hs_download_file_complete_thread  (GTask          *task,
                                           gpointer        source_object,
                                           gpointer        task_data,
                                           GCancellable   *cancellable);
/* A file not from the network: made in memory (written) or a local file
 * (copied) to its part, then completed like any. */
void    hs_download_file_local_thread     (GTask          *task,
                                           gpointer        source_object,
                                           gpointer        task_data,
                                           GCancellable   *cancellable);

G_END_DECLS
