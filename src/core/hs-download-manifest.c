#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hs-download-manifest.h"
#include "hs-error.h"

#define MANIFEST_VERSION 1
/* A manifest is a few kilobytes; anything far larger is not ours. */
#define MANIFEST_MAX_BYTES (4 * 1024 * 1024)

typedef struct
{
  char    *name;
  char    *quality;
  goffset  size;
  char    *sha256;
} Entry;

struct _HsDownloadManifest
{
  char       *note_id;
  GHashTable *files;   /* url -> Entry* */
};

static void
entry_free (Entry *entry)
{
  g_free (entry->name);
  g_free (entry->quality);
  g_free (entry->sha256);
  g_free (entry);
}

HsDownloadManifest *
hs_download_manifest_new (const char *note_id)
{
  HsDownloadManifest *self = g_new0 (HsDownloadManifest, 1);

  self->note_id = g_strdup (note_id);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_free);
  return self;
}

void
hs_download_manifest_free (HsDownloadManifest *self)
{
  if (self == NULL)
    return;
  g_free (self->note_id);
  g_hash_table_unref (self->files);
  g_free (self);
}

HsDownloadManifest *
hs_download_manifest_copy (HsDownloadManifest *self)
{
  HsDownloadManifest *copy = hs_download_manifest_new (self->note_id);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->files);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *entry = value;

      hs_download_manifest_add_file (copy, key, entry->quality, entry->name, entry->size, entry->sha256);
    }
  return copy;
}

const char *
hs_download_manifest_get_note_id (HsDownloadManifest *self)
{
  return self->note_id;
}

gboolean
hs_download_manifest_lookup (HsDownloadManifest  *self,
                             const char          *url,
                             const char         **name,
                             goffset             *size,
                             const char         **sha256)
{
  Entry *entry = g_hash_table_lookup (self->files, url);

  if (entry == NULL)
    return FALSE;
  if (name != NULL)
    *name = entry->name;
  if (size != NULL)
    *size = entry->size;
  if (sha256 != NULL)
    *sha256 = entry->sha256;
  return TRUE;
}

void
hs_download_manifest_add_file (HsDownloadManifest *self,
                               const char         *url,
                               const char         *quality,
                               const char         *name,
                               goffset             size,
                               const char         *sha256)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->name = g_strdup (name);
  entry->quality = g_strdup (quality);
  entry->size = size;
  entry->sha256 = g_strdup (sha256);
  g_hash_table_replace (self->files, g_strdup (url), entry);
}

const char *
hs_download_manifest_get_quality (HsDownloadManifest *self,
                                  const char         *url)
{
  Entry *entry = g_hash_table_lookup (self->files, url);

  return entry != NULL ? entry->quality : NULL;
}

/* ".hongshu.json.XXXXXXXX.tmp", as hs_download_manifest_save() names it. */
static gboolean
is_record_temporary (const char *name)
{
  const char *hex = name + strlen (HS_DOWNLOAD_MANIFEST_NAME ".");

  if (!g_str_has_prefix (name, HS_DOWNLOAD_MANIFEST_NAME ".") || strlen (hex) != 8 + strlen (".tmp") ||
      strcmp (hex + 8, ".tmp") != 0)
    return FALSE;
  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isxdigit (hex[i]))
      return FALSE;
  return TRUE;
}

void
hs_download_manifest_sweep (GFile *folder)
{
  g_autoptr(GDir) dir = g_dir_open (g_file_peek_path (folder), 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      /* Only the names the download gives: hidden, ".part" or ours. */
      if ((name[0] == '.' && g_str_has_suffix (name, ".part") && strlen (name) > strlen ("..part")) ||
          is_record_temporary (name))
        {
          g_autofree char *path = g_build_filename (g_file_peek_path (folder), name, NULL);

          if (g_unlink (path) != 0)
            g_debug ("Could not remove %s: %s", path, g_strerror (errno));
        }
    }
}

static GError *
not_ours_error (GFile *folder)
{
  g_autofree char *path = g_file_get_path (folder);

  return g_error_new (HS_ERROR, HS_ERROR_FAILED,
                      _("The download record in “%s” is damaged; move the folder away to download the note again"),
                      path);
}

HsDownloadManifest *
hs_download_manifest_load (GFile         *folder,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GFile) file = g_file_get_child (folder, HS_DOWNLOAD_MANIFEST_NAME);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(HsDownloadManifest) self = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  JsonObject *root;
  JsonArray *files;

  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, error))
    return NULL;
  if (length > MANIFEST_MAX_BYTES || !json_parser_load_from_data (parser, data, (gssize) length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_propagate_error (error, not_ours_error (folder));
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (root, "version", 0) != MANIFEST_VERSION ||
      json_object_get_string_member_with_default (root, "note_id", NULL) == NULL)
    {
      g_propagate_error (error, not_ours_error (folder));
      return NULL;
    }

  self = hs_download_manifest_new (json_object_get_string_member (root, "note_id"));

  files = json_object_has_member (root, "files") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "files"))
          ? json_object_get_array_member (root, "files") : NULL;
  for (guint i = 0; files != NULL && i < json_array_get_length (files); i++)
    {
      JsonNode *node = json_array_get_element (files, i);
      JsonObject *entry;
      const char *url, *name, *sha256, *quality;
      gint64 size;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = json_node_get_object (node);
      url = json_object_get_string_member_with_default (entry, "url", NULL);
      name = json_object_get_string_member_with_default (entry, "name", NULL);
      sha256 = json_object_get_string_member_with_default (entry, "sha256", NULL);
      quality = json_object_get_string_member_with_default (entry, "quality", NULL);
      size = json_object_get_int_member_with_default (entry, "size", -1);
      /* A name is a plain file name in this folder, nothing else. */
      if (url == NULL || name == NULL || size < 0 || *name == '\0' || *name == '.' ||
          strchr (name, '/') != NULL)
        continue;
      hs_download_manifest_add_file (self, url, quality, name, size, sha256);
    }

  return g_steal_pointer (&self);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

gboolean
hs_download_manifest_save (HsDownloadManifest  *self,
                           GFile               *folder,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GFile) file = g_file_get_child (folder, HS_DOWNLOAD_MANIFEST_NAME);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) urls = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  gsize length;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_hash_table_iter_init (&iter, self->files);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (urls, key);

  /* Sorted, so that the same downloads give the same bytes. */
  g_ptr_array_sort (urls, compare_names);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, MANIFEST_VERSION);
  json_builder_set_member_name (builder, "note_id");
  json_builder_add_string_value (builder, self->note_id);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < urls->len; i++)
    {
      const char *url = g_ptr_array_index (urls, i);
      Entry *entry = g_hash_table_lookup (self->files, url);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, url);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, entry->name);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, entry->size);
      if (entry->quality != NULL)
        {
          json_builder_set_member_name (builder, "quality");
          json_builder_add_string_value (builder, entry->quality);
        }
      if (entry->sha256 != NULL)
        {
          json_builder_set_member_name (builder, "sha256");
          json_builder_add_string_value (builder, entry->sha256);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &length);

  /* A temporary file renamed over the old one, so that a killed run
   * leaves the old record or the new, never half of one. No fsync: the
   * record guards against a killed process, not a power cut (after one,
   * a file the record names is checked by its size, and a part without a
   * record starts again), and a sync per file made a batch of small
   * pictures three times slower. */
  {
    g_autofree char *tmp_path = NULL;
    gsize written = 0;
    int saved_errno = 0;
    int fd = -1;

    /* Not mkstemp(), which makes 0600: 0666 less the umask, like the
     * files the record is about. */
    for (guint attempt = 0; fd < 0 && attempt < 100; attempt++)
      {
        g_free (tmp_path);
        tmp_path = g_strdup_printf ("%s.%08x.tmp", path, g_random_int ());
        fd = g_open (tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
          break;
      }
    if (fd < 0)
      saved_errno = errno;
    while (fd >= 0 && saved_errno == 0 && written < length)
      {
        gssize n = write (fd, data + written, length - written);

        if (n < 0 && errno != EINTR)
          saved_errno = errno;
        else if (n > 0)
          written += (gsize) n;
      }
    if (fd >= 0 && close (fd) != 0 && saved_errno == 0)
      saved_errno = errno;
    if (saved_errno == 0 && g_rename (tmp_path, path) != 0)
      saved_errno = errno;
    if (saved_errno != 0)
      {
        if (fd >= 0)
          g_unlink (tmp_path);
        g_set_error (error, HS_ERROR, HS_ERROR_FAILED, _("Could not write the download record: %s"),
                     g_strerror (saved_errno));
        return FALSE;
      }
  }
  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HsDownloadManifest *self = task_data;
  GFile *folder = g_object_get_data (G_OBJECT (task), "folder");
  GError *error = NULL;

  if (!hs_download_manifest_save (self, folder, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_object_get_data (G_OBJECT (task), "sweep") != NULL)
    hs_download_manifest_sweep (folder);
  g_task_return_boolean (task, TRUE);
}

void
hs_download_manifest_save_async (HsDownloadManifest  *self,
                                 GFile               *folder,
                                 gboolean             sweep,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_FILE (folder));

  /* No source object: the caller's last reference to what @user_data
   * holds must go on its own thread, not the worker's. */
  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, hs_download_manifest_save_async);
  g_task_set_task_data (task, hs_download_manifest_copy (self), (GDestroyNotify) hs_download_manifest_free);
  g_object_set_data_full (G_OBJECT (task), "folder", g_object_ref (folder), g_object_unref);
  if (sweep)
    g_object_set_data (G_OBJECT (task), "sweep", GINT_TO_POINTER (TRUE));
  g_task_run_in_thread (task, save_thread);
}

gboolean
hs_download_manifest_save_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_download_manifest_save_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
