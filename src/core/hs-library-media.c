#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-error.h"
#include "hs-image.h"
#include "hs-library-internal.h"
#include "hs-media-loader.h"
#include "hs-video.h"

/* Deletes the files of media no note refers to any more, after the
 * transaction that dropped the last reference committed: a crash in
 * between leaves a file too many, never a note without its file. */
void
hs_library_delete_media_files (HsLibrary *self,
                               GPtrArray *hashes)
{
  for (guint i = 0; i < hashes->len; i++)
    {
      g_autoptr(GFile) file = hs_library_get_media_file (self, g_ptr_array_index (hashes, i));
      g_autoptr(GError) error = NULL;

      if (!g_file_delete (file, NULL, &error) && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_warning ("Cannot remove library media %s: %s", g_file_peek_path (file), error->message);
    }
}

static void
add_hash (sqlite3_stmt *statement,
          gpointer      hashes)
{
  g_ptr_array_add (hashes, g_strdup ((const char *) sqlite3_column_text (statement, 0)));
}

gboolean
hs_library_drop_unused_media (HsLibrary  *self,
                              GPtrArray  *unused,
                              GError    **error)
{
  return hs_library_select_locked (self,
                                   "DELETE FROM media WHERE sha256 NOT IN "
                                   "(SELECT sha256 FROM note_media) RETURNING sha256",
                                   NULL, add_hash, unused, error);
}

GFile *
hs_library_get_media_file (HsLibrary  *self,
                           const char *sha256)
{
  char prefix[3] = { 0 };

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (sha256 != NULL && strlen (sha256) == 64, NULL);

  /* Two-character folders keep each folder small. */
  memcpy (prefix, sha256, 2);
  return g_file_new_build_filename (self->media_dir, prefix, sha256, NULL);
}

/* Writes @bytes under its hash unless a file is there already (the same
 * bytes, by construction). Written to a temporary name and renamed, so a
 * file that exists is whole. */
static char *
store_media_file (HsLibrary  *self,
                  GBytes     *bytes,
                  GError    **error)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autoptr(GFile) file = hs_library_get_media_file (self, sha256);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  if (g_file_query_exists (file, NULL))
    return g_steal_pointer (&sha256);

  if (g_mkdir_with_parents (g_file_peek_path (parent), 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HS_ERROR, HS_ERROR_FAILED, _("Cannot create the folder %s: %s"),
                   g_file_peek_path (parent), g_strerror (saved_errno));
      return NULL;
    }

  if (!g_file_set_contents_full (g_file_peek_path (file), data, size,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;

  return g_steal_pointer (&sha256);
}

GHashTable *
hs_library_store_media_files (HsLibrary   *self,
                              GHashTable  *media,
                              GError     **error)
{
  g_autoptr(GHashTable) hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer url, bytes;

  if (media == NULL)
    return g_steal_pointer (&hashes);

  g_hash_table_iter_init (&iter, media);
  while (g_hash_table_iter_next (&iter, &url, &bytes))
    {
      char *sha256 = store_media_file (self, bytes, error);

      if (sha256 == NULL)
        return NULL;
      g_hash_table_insert (hashes, g_strdup (url), sha256);
    }
  return g_steal_pointer (&hashes);
}

/* The URLs of @note's media in its order: images, then each video and
 * its cover. */
static GPtrArray *
media_urls (HsNote *note)
{
  GPtrArray *urls = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (hs_note_get_images (note)); i++)
    {
      g_autoptr(HsImage) image = g_list_model_get_item (hs_note_get_images (note), i);
      g_ptr_array_add (urls, (gpointer) hs_image_get_url (image));
    }
  for (guint i = 0; i < g_list_model_get_n_items (hs_note_get_videos (note)); i++)
    {
      g_autoptr(HsVideo) video = g_list_model_get_item (hs_note_get_videos (note), i);
      g_ptr_array_add (urls, (gpointer) hs_video_get_url (video));
      if (hs_video_get_cover_url (video) != NULL)
        g_ptr_array_add (urls, (gpointer) hs_video_get_cover_url (video));
    }
  return urls;
}

static gboolean
put_one_media (HsLibrary   *self,
               gint64       num,
               guint        position,
               const char  *url,
               const char  *sha256,
               GBytes      *bytes,
               GError     **error)
{
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);
  g_autofree char *content_type = hs_media_sniff_content_type (data, size, NULL);
  sqlite3_stmt *statement = hs_library_statement (self,
                                                  "INSERT INTO media (sha256, size, content_type) "
                                                  "VALUES (?1, ?2, ?3) ON CONFLICT (sha256) DO NOTHING",
                                                  error);

  if (statement == NULL)
    return FALSE;
  hs_library_bind_text (statement, 1, sha256);
  sqlite3_bind_int64 (statement, 2, (sqlite3_int64) size);
  hs_library_bind_text (statement, 3, content_type);
  if (!hs_library_step_done (self, statement, error))
    return FALSE;

  statement = hs_library_statement (self,
                                    "INSERT OR REPLACE INTO note_media (note, position, url, sha256) "
                                    "VALUES (?1, ?2, ?3, ?4)",
                                    error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, num);
  sqlite3_bind_int (statement, 2, (int) position);
  hs_library_bind_text (statement, 3, url);
  hs_library_bind_text (statement, 4, sha256);
  return hs_library_step_done (self, statement, error);
}

gboolean
hs_library_put_media_locked (HsLibrary   *self,
                             gint64       num,
                             HsNote      *note,
                             GHashTable  *hashes,
                             GHashTable  *media,
                             GError     **error)
{
  g_autoptr(GPtrArray) urls = media_urls (note);

  if (!hs_library_run_for_row (self, "DELETE FROM note_media WHERE note = ?1", num, error))
    return FALSE;

  for (guint i = 0; i < urls->len; i++)
    {
      const char *url = g_ptr_array_index (urls, i);
      const char *sha256 = g_hash_table_lookup (hashes, url);

      if (sha256 != NULL &&
          !put_one_media (self, num, i, url, sha256, g_hash_table_lookup (media, url), error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  HsLibrary  *library;
  GHashTable *media;
} MediaRows;

static void
media_row_cb (sqlite3_stmt *statement,
              gpointer      user_data)
{
  MediaRows *rows = user_data;

  g_hash_table_insert (rows->media, g_strdup ((const char *) sqlite3_column_text (statement, 0)),
                       hs_library_get_media_file (rows->library,
                                                  (const char *) sqlite3_column_text (statement, 1)));
}

GHashTable *
hs_library_get_media_sync (HsLibrary     *self,
                           const char    *note_id,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GHashTable) media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autofree char *id = NULL;
  MediaRows rows = { self, media };

  g_return_val_if_fail (HS_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (note_id != NULL, NULL);

  id = g_ascii_strdown (note_id, -1);
  if (!hs_library_select (self,
                          "SELECT m.url, m.sha256 FROM note_media m JOIN notes n ON n.num = m.note "
                          "WHERE n.id = ?1 ORDER BY m.position",
                          id, media_row_cb, &rows, cancellable, error))
    return NULL;
  return g_steal_pointer (&media);
}
