#pragma once

/* What hs-media-loader.c and hs-media-fetch-file.c share: one download in
 * flight, shared by every identical request made while it runs, and the
 * loader's state it reads. Private to the media loader. */

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "hs-config.h"
#include "hs-http.h"
#include "hs-media-loader.h"

G_BEGIN_DECLS

#define HS_MEDIA_FETCH_CHUNK_SIZE (128 * 1024)

typedef struct _HsMediaFetch HsMediaFetch;

typedef struct
{
  HsMediaFetch          *fetch;   /* unowned */
  GTask                 *task;
  GSource               *cancel_source;
  GFileProgressCallback  progress_callback;
  gpointer               progress_callback_data;
} HsMediaWaiter;

/* One download, shared by every identical request made while it runs. */
struct _HsMediaFetch
{
  HsMediaLoader *self;        /* owned */
  char          *key;
  char          *url;
  gboolean       to_file;
  gboolean       detached;    /* no longer in self->fetches */
  GPtrArray     *waiters;     /* of HsMediaWaiter* */
  GCancellable  *cancellable;

  HsHttpExchange *exchange;
  goffset        received;
  goffset        total;
  gsize          limit;

  GByteArray    *body;        /* bytes mode */
  char          *content_type;

  /* File mode. */
  GFile         *file;
  GFile         *part_file;
  GOutputStream *output;
  guint8        *buffer;
};

struct _HsMediaLoader
{
  GObject     parent_instance;

  HsConfig   *config;
  char       *cache_dir;
  char       *files_dir;
  SoupSession *session;
  SoupCache  *cache;
  GHashTable *fetches;        /* key -> HsMediaFetch*, unowned */
  gsize       max_bytes;
  goffset     max_file_bytes;
  GHashTable *local_files;    /* URL -> GFile: saved media, read instead of the network */
};

/* hs-media-loader.c */
/* Fails every waiter with @error (taken) and frees the fetch. */
void   hs_media_fetch_fail             (HsMediaFetch  *fetch,
                                        GError        *error);
void   hs_media_fetch_succeed          (HsMediaFetch  *fetch);
void   hs_media_fetch_notify_progress  (HsMediaFetch  *fetch);
void   hs_media_fetch_read_next_chunk  (HsMediaFetch  *fetch);
void   hs_media_fetch_start_download   (HsMediaFetch  *fetch);

/* hs-media-local.c: media the library keeps. TRUE when @url is one of
 * them and @task (of load_bytes or load_to_file) will return it. */
gboolean hs_media_local_load           (HsMediaLoader *self,
                                        const char    *url,
                                        gboolean       to_file,
                                        GTask         *task);

/* hs-media-fetch-file.c: the download-to-file path. */
GFile *hs_media_fetch_file_for_url     (HsMediaLoader *self,
                                        const char    *url);
/* Answers from the file already downloaded, or starts the download. */
void   hs_media_fetch_file_start       (HsMediaFetch  *fetch);
/* After the response headers: creates the private part file and reads. */
void   hs_media_fetch_file_open        (HsMediaFetch  *fetch);
/* Writes a chunk read, then reads the next one. */
void   hs_media_fetch_file_write       (HsMediaFetch  *fetch,
                                        const guint8  *data,
                                        gsize          size);
/* At the end of the body: closes the part file and renames it into place. */
void   hs_media_fetch_file_finish      (HsMediaFetch  *fetch);
/* On failure: removes the part file, if any, in the background. */
void   hs_media_fetch_file_discard     (HsMediaFetch  *fetch);

G_END_DECLS
