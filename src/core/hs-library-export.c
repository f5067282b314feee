#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "hs-error.h"
#include "hs-image.h"
#include "hs-library-export.h"
#include "hs-library-internal.h"
#include "hs-note-json.h"
#include "hs-note-ref.h"
#include "hs-plain-text.h"
#include "hs-video.h"

/* Export of the library: JSON lines in the normalised form and Markdown
 * folders. The import of JSON lines is in hs-library-import.c. */

#define PROGRESS_EVERY 500

static gboolean
make_dir (const char  *dir,
          GError     **error)
{
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HS_ERROR, HS_ERROR_FAILED, _("Cannot create the folder %s: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* A JSON string is a YAML double-quoted scalar too: front matter values
 * are written that way, so no title can break out of its line. */
static void
append_quoted (GString    *out,
               const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *quoted = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  node = json_node_init_string (json_node_alloc (), text);
  quoted = json_to_string (node, FALSE);
  g_string_append (out, quoted);
}

static void
append_count (GString    *out,
              const char *name,
              gint64      value)
{
  if (value >= 0)
    g_string_append_printf (out, "%s: %" G_GINT64_FORMAT "\n", name, value);
  else
    g_string_append_printf (out, "%s: null\n", name);
}

/* Plain text as Markdown: characters Markdown would read as markup are
 * escaped, and each line break stays one. */
static void
append_markdown_text (GString    *out,
                      const char *text)
{
  gboolean line_start = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        continue;
      if (*p == '\n')
        {
          /* Two spaces: a hard line break, not a new paragraph. */
          if (!line_start)
            g_string_append (out, "  ");
          g_string_append_c (out, '\n');
          line_start = TRUE;
          continue;
        }
      if (strchr ("\\`*_[]<>#|~", *p) != NULL ||
          (line_start && strchr ("-+=>", *p) != NULL))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
      line_start = FALSE;
    }
}

static const char *
extension_for (const char *content_type)
{
  static const struct { const char *type; const char *extension; } table[] = {
    { "image/jpeg", "jpg" }, { "image/png", "png" }, { "image/webp", "webp" },
    { "image/gif", "gif" }, { "image/avif", "avif" }, { "image/heic", "heic" },
    { "video/mp4", "mp4" }, { "video/webm", "webm" }, { "video/quicktime", "mov" },
    { "video/x-matroska", "mkv" },
  };

  for (guint i = 0; content_type != NULL && i < G_N_ELEMENTS (table); i++)
    if (g_strcmp0 (content_type, table[i].type) == 0)
      return table[i].extension;
  return "bin";
}

typedef struct
{
  char *url;
  char *sha256;
  char *content_type;
} MediaRow;

static void
media_row_free (MediaRow *row)
{
  g_free (row->url);
  g_free (row->sha256);
  g_free (row->content_type);
  g_free (row);
}

static void
add_media_row (sqlite3_stmt *statement,
               gpointer      rows)
{
  MediaRow *row = g_new0 (MediaRow, 1);

  row->url = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  row->sha256 = g_strdup ((const char *) sqlite3_column_text (statement, 1));
  row->content_type = g_strdup ((const char *) sqlite3_column_text (statement, 2));
  g_hash_table_insert (rows, row->url, row);
}

static GHashTable *
load_media_rows (HsLibrary   *self,
                 const char  *note_id,
                 GError     **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) media_row_free);

  if (!hs_library_select (self,
                          "SELECT m.url, m.sha256, d.content_type FROM note_media m "
                          "JOIN media d ON d.sha256 = m.sha256 JOIN notes n ON n.num = m.note "
                          "WHERE n.id = ?1",
                          note_id, add_media_row, rows, NULL, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* Copies the saved file of @url (if any) into @folder as @stem.EXT and
 * returns the file name, else NULL. */
static char *
copy_media (HsLibrary   *self,
            GHashTable  *rows,
            const char  *url,
            const char  *folder,
            const char  *stem,
            GError     **error)
{
  MediaRow *row = url != NULL ? g_hash_table_lookup (rows, url) : NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) target = NULL;
  g_autofree char *name = NULL;

  if (row == NULL)
    return NULL;

  name = g_strdup_printf ("%s.%s", stem, extension_for (row->content_type));
  source = hs_library_get_media_file (self, row->sha256);
  target = g_file_new_build_filename (folder, name, NULL);
  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return NULL;

  return g_steal_pointer (&name);
}

static gboolean
export_markdown (HsLibrary      *self,
                 HsLibraryItem  *item,
                 const char     *dir,
                 GError        **error)
{
  HsNote *note = hs_library_item_get_note (item);
  const char *id = hs_note_get_note_id (note);
  const char *title = hs_note_get_title (note);
  const char *content = hs_note_get_content (note);
  const char * const *tags = hs_note_get_tags (note);
  HsAuthor *author = hs_note_get_author (note);
  GDateTime *time = hs_note_get_publish_time (note);
  GListModel *images = hs_note_get_images (note);
  GListModel *videos = hs_note_get_videos (note);
  g_autofree char *folder = g_build_filename (dir, id, NULL);
  g_autofree char *path = g_build_filename (folder, "note.md", NULL);
  g_autofree char *link = g_strdup (hs_library_item_get_link (item));
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(GString) out = g_string_new ("---\n");

  if (!make_dir (folder, error))
    return FALSE;
  rows = load_media_rows (self, id, error);
  if (rows == NULL)
    return FALSE;

  if (link == NULL)
    {
      g_autoptr(HsNoteRef) ref = hs_note_ref_new_for_id (id);

      link = ref != NULL ? hs_note_ref_dup_web_link (ref) : NULL;
    }

  g_string_append (out, "id: ");
  append_quoted (out, id);
  g_string_append (out, "\ntitle: ");
  append_quoted (out, title);
  g_string_append (out, "\nlink: ");
  append_quoted (out, link);
  g_string_append (out, "\nauthor: ");
  append_quoted (out, author != NULL ? hs_author_get_nickname (author) : NULL);
  g_string_append (out, "\nauthor_id: ");
  append_quoted (out, author != NULL ? hs_author_get_user_id (author) : NULL);
  g_string_append (out, "\ntags: [");
  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      append_quoted (out, tags[i]);
    }
  g_string_append (out, "]\ntime: ");
  if (time != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (time);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      append_quoted (out, text);
    }
  else
    g_string_append (out, "null");
  g_string_append_c (out, '\n');
  append_count (out, "likes", hs_note_get_like_count (note));
  append_count (out, "comments", hs_note_get_comment_count (note));
  append_count (out, "favorites", hs_note_get_favorite_count (note));
  append_count (out, "shares", hs_note_get_share_count (note));
  g_string_append_printf (out, "saved: %s\n---\n\n", hs_library_item_get_saved (item) ? "true" : "false");

  if (title != NULL && *title != '\0')
    {
      g_string_append (out, "# ");
      append_markdown_text (out, title);
      g_string_append (out, "\n\n");
    }
  if (content != NULL && *content != '\0')
    {
      /* The body is HTML; its text, paragraphs kept, reads as Markdown. */
      g_autofree char *text = hs_plain_text_from_html (content);

      append_markdown_text (out, text);
      g_string_append (out, "\n\n");
    }

  /* Media that were saved are copied beside the note; the others are
   * linked where they were. */
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(HsImage) image = g_list_model_get_item (images, i);
      g_autofree char *stem = g_strdup_printf ("image-%02u", i + 1);
      g_autoptr(GError) copy_error = NULL;
      g_autofree char *name = copy_media (self, rows, hs_image_get_url (image), folder, stem, &copy_error);

      if (copy_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&copy_error));
          return FALSE;
        }
      g_string_append_printf (out, "![](%s)\n\n", name != NULL ? name : hs_image_get_url (image));
    }
  for (guint i = 0; i < g_list_model_get_n_items (videos); i++)
    {
      g_autoptr(HsVideo) video = g_list_model_get_item (videos, i);
      g_autofree char *stem = g_strdup_printf ("video-%02u", i + 1);
      g_autofree char *cover_stem = g_strdup_printf ("cover-%02u", i + 1);
      g_autoptr(GError) copy_error = NULL;
      g_autofree char *name = copy_media (self, rows, hs_video_get_url (video), folder, stem, &copy_error);
      g_autofree char *cover = NULL;

      if (copy_error == NULL)
        cover = copy_media (self, rows, hs_video_get_cover_url (video), folder, cover_stem, &copy_error);
      if (copy_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&copy_error));
          return FALSE;
        }
      if (cover != NULL)
        g_string_append_printf (out, "[![](%s)](%s)\n\n", cover, name != NULL ? name : hs_video_get_url (video));
      else
        g_string_append_printf (out, "[%s](%s)\n\n", stem, name != NULL ? name : hs_video_get_url (video));
    }

  return g_file_set_contents_full (path, out->str, (gssize) out->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

gboolean
hs_library_export_sync (HsLibrary             *self,
                        const HsLibraryQuery  *query,
                        HsLibraryExportFormat  format,
                        const char            *dir,
                        guint                 *n_exported,
                        HsLibraryProgressFunc  progress,
                        gpointer               progress_data,
                        GCancellable          *cancellable,
                        GError               **error)
{
  HsLibraryQuery all = *query;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) lines = NULL;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  all.limit = 0;
  all.offset = 0;
  items = hs_library_query_sync (self, &all, cancellable, error);
  if (items == NULL || !make_dir (dir, error))
    return FALSE;

  if (format == HS_LIBRARY_EXPORT_JSON)
    lines = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      HsLibraryItem *item = g_ptr_array_index (items, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (format == HS_LIBRARY_EXPORT_JSON)
        {
          g_autofree char *json = hs_note_to_json (hs_library_item_get_note (item));

          g_string_append (lines, json);
          g_string_append_c (lines, '\n');
        }
      else if (!export_markdown (self, item, dir, error))
        return FALSE;

      if (progress != NULL && ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == items->len))
        progress (i + 1, items->len, progress_data);
    }

  if (format == HS_LIBRARY_EXPORT_JSON)
    {
      g_autofree char *path = g_build_filename (dir, "notes.jsonl", NULL);

      if (!g_file_set_contents_full (path, lines->str, (gssize) lines->len,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
        return FALSE;
    }

  if (n_exported != NULL)
    *n_exported = items->len;
  return TRUE;
}

typedef struct
{
  HsLibraryQuery        *query;
  HsLibraryExportFormat  format;
  char                  *dir;
  HsLibraryProgressFunc  progress;
  gpointer               progress_data;
} ExportData;

static void
export_data_free (ExportData *data)
{
  hs_library_query_free (data->query);
  g_free (data->dir);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      self,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;
  guint n_exported = 0;

  if (hs_library_export_sync (self, data->query, data->format, data->dir, &n_exported,
                              data->progress, data->progress_data, cancellable, &error))
    g_task_return_int (task, n_exported);
  else
    g_task_return_error (task, error);
}

void
hs_library_export_async (HsLibrary             *self,
                         const HsLibraryQuery  *query,
                         HsLibraryExportFormat  format,
                         const char            *dir,
                         HsLibraryProgressFunc  progress,
                         gpointer               progress_data,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  ExportData *data = g_new0 (ExportData, 1);

  data->query = hs_library_query_copy (query);
  data->format = format;
  data->dir = g_strdup (dir);
  data->progress = progress;
  data->progress_data = progress_data;
  hs_library_run_in_thread (self, export_thread, data, (GDestroyNotify) export_data_free,
                            hs_library_export_async, cancellable, callback, user_data);
}

gboolean
hs_library_export_finish (HsLibrary     *self,
                          GAsyncResult  *result,
                          guint         *n_exported,
                          GError       **error)
{
  GError *local_error = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (n_exported != NULL)
    *n_exported = (guint) value;
  return TRUE;
}
