#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gi18n.h>

#include "hs-image.h"
#include "hs-media-actions.h"
#include "hs-media-page.h"
#include "hs-video.h"

static GtkWindow *
widget_window (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/**
 * hs_media_open_uri:
 * @widget: the widget the request comes from (for the parent window)
 * @uri: an http(s) address
 *
 * Opens @uri in the default browser.
 */
void
hs_media_open_uri (GtkWidget  *widget,
                   const char *uri)
{
  g_return_if_fail (uri != NULL);

  gtk_show_uri (widget_window (widget), uri, GDK_CURRENT_TIME);
}

/**
 * hs_media_open_folder:
 * @widget: (nullable): the widget the request comes from (for the parent window)
 * @folder: a folder
 *
 * Shows @folder in the file manager.
 */
void
hs_media_open_folder (GtkWidget *widget,
                      GFile     *folder)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (G_IS_FILE (folder));

  uri = g_file_get_uri (folder);
  hs_media_open_uri (widget, uri);
}

/* The toast overlay around @widget, or, for a window such as the viewer (whose overlay is
 * inside it, not around it), the first one within a few levels of it. */
static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *level = widget;

  if (overlay != NULL)
    return ADW_TOAST_OVERLAY (overlay);

  for (guint depth = 0; depth < 4 && level != NULL; depth++)
    {
      GtkWidget *child;

      for (child = gtk_widget_get_first_child (level); child != NULL; child = gtk_widget_get_next_sibling (child))
        if (ADW_IS_TOAST_OVERLAY (child))
          return ADW_TOAST_OVERLAY (child);
      level = gtk_widget_get_first_child (level);
    }

  return NULL;
}

static void
add_toast (GtkWidget *widget,
           AdwToast  *toast)
{
  AdwToastOverlay *overlay = find_toast_overlay (widget);

  if (overlay == NULL)
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }

  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * hs_media_show_toast:
 * @widget: a widget inside an #AdwToastOverlay
 * @title: what happened
 *
 * Tells the user through the nearest toast overlay around @widget.
 */
void
hs_media_show_toast (GtkWidget  *widget,
                     const char *title)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  add_toast (widget, adw_toast_new (title));
}

static void
open_folder_clicked_cb (AdwToast *toast,
                        GFile    *folder)
{
  hs_media_open_folder (g_object_get_data (G_OBJECT (toast), "hs-root"), folder);
}

/**
 * hs_media_show_saved_toast:
 * @widget: the widget the save came from
 * @title: what was saved
 * @file: where to
 *
 * Confirms a save with a toast whose Open Folder button shows the file's folder.
 */
void
hs_media_show_saved_toast (GtkWidget  *widget,
                           const char *title,
                           GFile      *file)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  AdwToast *toast = adw_toast_new (title);

  if (folder != NULL)
    {
      adw_toast_set_button_label (toast, _("Open Folder"));
      g_object_set_data (G_OBJECT (toast), "hs-root", gtk_widget_get_root (widget));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_folder_clicked_cb),
                             g_object_ref (folder), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
    }
  add_toast (widget, toast);
}

void
hs_media_copy_texture (GtkWidget  *widget,
                       GdkTexture *texture)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  hs_media_show_toast (widget, _("Image copied"));
}

static const char *
extension_for_content_type (const char *content_type)
{
  static const struct {
    const char *type;
    const char *extension;
  } known[] = {
    { "image/jpeg", "jpg" }, { "image/png", "png" }, { "image/webp", "webp" },
    { "image/gif", "gif" }, { "image/avif", "avif" }, { "image/heic", "heic" },
    { "image/heif", "heif" }, { "image/bmp", "bmp" }, { "image/tiff", "tiff" },
    { "video/mp4", "mp4" }, { "video/webm", "webm" }, { "video/quicktime", "mov" },
  };

  if (content_type == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      if (g_ascii_strcasecmp (content_type, known[i].type) == 0)
        return known[i].extension;
    }

  return NULL;
}

/**
 * hs_media_file_name_for:
 * @url: the picture's or video's address
 * @content_type: (nullable): its type, as sniffed from its bytes
 * @stem: (nullable): the name without extension, or %NULL to take it from @url
 *
 * Returns: (transfer full): a file name to suggest when saving @url
 */
char *
hs_media_file_name_for (const char *url,
                        const char *content_type,
                        const char *stem)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *basename = NULL;
  g_autofree char *url_extension = NULL;
  const char *extension = extension_for_content_type (content_type);
  GString *name = g_string_new (NULL);
  char *dot;

  basename = uri != NULL ? g_path_get_basename (g_uri_get_path (uri)) : g_strdup ("");
  if (strcmp (basename, "/") == 0 || strcmp (basename, ".") == 0)
    basename[0] = '\0';

  dot = strrchr (basename, '.');
  if (dot != NULL && dot[1] != '\0' && strlen (dot + 1) <= 5)
    {
      gboolean plain = TRUE;

      for (const char *p = dot + 1; *p; p++)
        plain &= g_ascii_isalnum (*p);
      if (plain)
        {
          url_extension = g_ascii_strdown (dot + 1, -1);
          *dot = '\0';
        }
    }

  if (stem != NULL)
    {
      g_string_append (name, stem);
    }
  else
    {
      /* CDN names carry suffixes like "!nd_dft_wlteh_webp_3"; keep the plain part. */
      for (const char *p = basename; *p && name->len < 64; p++)
        {
          if (*p == '!')
            break;
          if (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
            g_string_append_c (name, *p);
        }
      if (name->len == 0)
        g_string_append (name, "image");
    }

  /* The sniffed type wins: CDN addresses rarely carry a truthful extension. */
  if (extension == NULL)
    extension = url_extension;
  if (extension != NULL)
    g_string_append_printf (name, ".%s", extension);

  return g_string_free (name, FALSE);
}

/**
 * hs_media_file_stem:
 * @title: (nullable): the note's title
 * @fallback: (nullable): used when @title is empty, e.g. the note's id
 * @position: the item's index in the note
 *
 * Returns: (transfer full): a file name without extension for the note's item at
 *   @position: its title, which people recognise in a folder, and the item's number
 */
char *
hs_media_file_stem (const char *title,
                    const char *fallback,
                    guint       position)
{
  GString *stem = g_string_new (NULL);
  glong n_chars = 0;

  for (const char *p = title != NULL ? title : ""; *p != '\0' && n_chars < 40; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Characters that no file system (or a FAT stick) takes in a name. */
      if (g_unichar_iscntrl (c) || (c < 128 && strchr ("/\\:*?\"<>|", (int) c) != NULL))
        c = '_';
      g_string_append_unichar (stem, c);
      n_chars++;
    }

  g_strstrip (stem->str);
  g_string_set_size (stem, strlen (stem->str));
  while (stem->len > 0 && stem->str[0] == '.')
    g_string_erase (stem, 0, 1);
  if (stem->len == 0)
    g_string_append (stem, fallback != NULL && *fallback != '\0' ? fallback : "hongshu");

  g_string_append_printf (stem, "-%02u", position + 1);

  return g_string_free (stem, FALSE);
}

/**
 * hs_media_ensure_style:
 *
 * Loads the stylesheet of the gallery and the viewer, once.
 */
void
hs_media_ensure_style (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/hongshu/Hongshu/hs-media.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded = TRUE;
}

/* File dialogs: GtkFileDialog from GTK 4.10, GtkFileChooserNative before. */

static GFile *
default_folder (void)
{
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);

  return g_file_new_for_path (pictures != NULL ? pictures : g_get_home_dir ());
}


static void
file_chooser_response_cb (GtkNativeDialog *native,
                          int              response,
                          gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        g_task_return_pointer (task, file, g_object_unref);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 _("No file was chosen"));
    }
  else
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Dismissed");
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
run_file_dialog (GtkWidget    *widget,
                 gboolean      folder,
                 const char   *initial_name,
                 GTask        *task)
{
  g_autoptr(GFile) initial_folder = default_folder ();
  GtkFileChooserNative *native;

  if (folder)
    native = gtk_file_chooser_native_new (_("Save All To"), widget_window (widget),
                                          GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                          _("_Select"), _("_Cancel"));
  else
    native = gtk_file_chooser_native_new (_("Save As"), widget_window (widget),
                                          GTK_FILE_CHOOSER_ACTION_SAVE,
                                          _("_Save"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), initial_folder, NULL);
  if (!folder && initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);

  g_signal_connect (native, "response", G_CALLBACK (file_chooser_response_cb), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}


/**
 * hs_media_choose_file_async:
 * @widget: the widget the request comes from (for the parent window)
 * @folder: ask for a folder to save several files in, else for one file
 * @initial_name: (nullable): the file name to suggest (files only)
 *
 * Asks where to save. Dismissing the dialog finishes with %G_IO_ERROR_CANCELLED.
 */
void
hs_media_choose_file_async (GtkWidget           *widget,
                            gboolean             folder,
                            const char          *initial_name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_media_choose_file_async);
  run_file_dialog (widget, folder, initial_name, task);
}

GFile *
hs_media_choose_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saving one picture, asking where */

typedef struct
{
  GtkWidget     *widget;
  HsMediaLoader *loader;
  GCancellable  *cancellable;
  char          *url;
  char          *fallback_url;  /* the display URL, while the original is tried */
  char          *stem;
  gboolean       is_video;
  GBytes        *bytes;   /* a picture, in memory */
  GFile         *file;    /* a video, in the cache */
  GFile         *saved;   /* where it went */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->widget);
  g_clear_object (&data->loader);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->file);
  g_clear_object (&data->saved);
  g_clear_pointer (&data->url, g_free);
  g_clear_pointer (&data->fallback_url, g_free);
  g_clear_pointer (&data->stem, g_free);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
report_save_error (SaveData     *data,
                   const GError *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  message = g_strdup_printf (_("Could not save: %s"), error->message);
  hs_media_show_toast (data->widget, message);
}

/* A picture written from memory, or a video copied from the cache. */
static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (data->file != NULL)
    saved = g_file_copy_finish (G_FILE (object), result, &error);
  else
    saved = g_file_replace_contents_finish (G_FILE (object), result, NULL, &error);
  if (!saved)
    {
      report_save_error (data, error);
      return;
    }

  hs_media_show_saved_toast (data->widget, data->file != NULL ? _("Video saved") : _("Image saved"),
                             data->saved);
}

static void
save_file_chosen_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  SaveData *moved;

  file = hs_media_choose_file_finish (result, &error);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hs_media_show_toast (data->widget, error->message);
      return;
    }

  moved = g_steal_pointer (&data);
  moved->saved = g_object_ref (file);
  /* The user confirmed replacing in the file chooser. TARGET_DEFAULT_PERMS:
   * the mode the umask gives, not the cache's private 0600. */
  if (moved->file != NULL)
    g_file_copy_async (moved->file, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                       G_PRIORITY_DEFAULT, moved->cancellable, NULL, NULL, saved_cb, moved);
  else
    g_file_replace_contents_bytes_async (file, moved->bytes, NULL, FALSE,
                                         G_FILE_CREATE_REPLACE_DESTINATION, moved->cancellable,
                                         saved_cb, moved);
}

static void
ask_where (SaveData   *data,
           const char *content_type)
{
  /* The type comes from the bytes: CDN addresses rarely carry a truthful extension. */
  g_autofree char *name = hs_media_file_name_for (data->url, content_type, data->stem);

  hs_media_choose_file_async (data->widget, FALSE, name, data->cancellable,
                              save_file_chosen_cb, data);
}

static void start_save_load (SaveData *data);

/* The fetch failed. When it was the original (not every note has every
 * original), the display URL instead; else the error is told. Takes @data. */
static void
fall_back_or_report (SaveData     *data,
                     const GError *error)
{
  if (data->fallback_url == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      report_save_error (data, error);
      save_data_free (data);
      return;
    }
  g_debug ("Original not saved (%s); saving the displayed one", error->message);
  g_free (data->url);
  data->url = g_steal_pointer (&data->fallback_url);
  start_save_load (data);
}

static void
save_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;

  data->bytes = hs_media_loader_load_bytes_finish (HS_MEDIA_LOADER (object), result,
                                                   &content_type, &error);
  if (data->bytes == NULL)
    fall_back_or_report (g_steal_pointer (&data), error);
  else
    ask_where (g_steal_pointer (&data), content_type);
}

static void
save_video_type_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *mime_type = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      report_save_error (data, error);
      return;
    }

  if (g_file_info_get_content_type (info) != NULL)
    mime_type = g_content_type_get_mime_type (g_file_info_get_content_type (info));

  ask_where (g_steal_pointer (&data), mime_type);
}

static void
save_video_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  SaveData *moved;

  data->file = hs_media_loader_load_to_file_finish (HS_MEDIA_LOADER (object), result, &error);
  if (data->file == NULL)
    {
      fall_back_or_report (g_steal_pointer (&data), error);
      return;
    }

  /* The cached file's name says nothing; its bytes say what it is. */
  moved = g_steal_pointer (&data);
  g_file_query_info_async (moved->file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, moved->cancellable,
                           save_video_type_cb, moved);
}

static void
start_save_load (SaveData *data)
{
  if (data->is_video)
    hs_media_loader_load_to_file_async (data->loader, data->url, NULL, NULL, data->cancellable,
                                        save_video_loaded_cb, data);
  else
    hs_media_loader_load_bytes_async (data->loader, data->url, data->cancellable,
                                      save_loaded_cb, data);
}

static void
save_interactive (GtkWidget     *widget,
                  HsMediaLoader *loader,
                  const char    *url,
                  const char    *original_url,
                  const char    *stem,
                  gboolean       is_video,
                  GCancellable  *cancellable)
{
  SaveData *data;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (HS_IS_MEDIA_LOADER (loader));
  g_return_if_fail (url != NULL);

  data = g_new0 (SaveData, 1);
  data->widget = g_object_ref (widget);
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  data->loader = g_object_ref (loader);
  data->is_video = is_video;
  data->stem = g_strdup (stem);
  /* The original first (doc/web-protocol.md, "Media"), then what shows. */
  if (original_url != NULL && g_strcmp0 (original_url, url) != 0)
    {
      data->url = g_strdup (original_url);
      data->fallback_url = g_strdup (url);
    }
  else
    data->url = g_strdup (url);

  start_save_load (data);
}

/**
 * hs_media_save_interactive:
 * @widget: the widget the request comes from
 * @loader: fetches @url (usually from its cache)
 * @url: the picture or video to save
 * @stem: (nullable): the file name to suggest, without extension
 * @is_video: whether @url is a video (fetched to a file rather than into memory)
 * @cancellable: (nullable): a #GCancellable
 *
 * Fetches @url, asks where to save it and writes it there, telling the outcome in a toast.
 * Fetching first means the suggested name has the right extension, and a failure is told
 * before the user picks a place.
 */
void
hs_media_save_interactive (GtkWidget     *widget,
                           HsMediaLoader *loader,
                           const char    *url,
                           const char    *stem,
                           gboolean       is_video,
                           GCancellable  *cancellable)
{
  save_interactive (widget, loader, url, NULL, stem, is_video, cancellable);
}

/**
 * hs_media_save_item_interactive:
 * @item: a #HsImage or #HsVideo
 *
 * As hs_media_save_interactive() for @item, fetching its original
 * ("original-url") first and its displayed URL when that fails.
 */
void
hs_media_save_item_interactive (GtkWidget     *widget,
                                HsMediaLoader *loader,
                                GObject       *item,
                                const char    *stem,
                                GCancellable  *cancellable)
{
  g_return_if_fail (HS_IS_IMAGE (item) || HS_IS_VIDEO (item));

  save_interactive (widget, loader, hs_media_item_get_url (item),
                    hs_media_item_get_original_url (item), stem, HS_IS_VIDEO (item),
                    cancellable);
}
