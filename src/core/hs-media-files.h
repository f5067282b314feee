#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The downloaded files of the media cache (hs-media-loader.c): they share
 * media-cache-size-mb with the HTTP cache, half each. */

/* Removes the least recently used files of @dir, in a worker thread, until
 * they take at most @budget bytes; never @keep nor a download in progress
 * (".part"). */
void hs_media_files_trim            (const char *dir,
                                     GFile      *keep,
                                     guint64     budget);
/* Marks @file as just used, for hs_media_files_trim(). */
void hs_media_files_touch           (GFile      *file);
/* Removes every file of @dir in a worker thread and returns on @task
 * (TRUE, or the first error; a missing @dir is no error). */
void hs_media_files_clear_in_thread (GTask      *task,
                                     const char *dir);

G_END_DECLS
