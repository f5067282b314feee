#include "config.h"

#include <glib/gi18n.h>

#include "hs-download-queue.h"
#include "hs-download-sources.h"
#include "hs-download-window-internal.h"
#include "hs-media-actions.h"

G_DEFINE_FINAL_TYPE (HsDownloadWindow, hs_download_window, ADW_TYPE_WINDOW)

static GFile *
default_folder (void)
{
  const char *pictures = g_get_user_special_dir (G_USER_DIRECTORY_PICTURES);
  g_autofree char *path = g_build_filename (pictures != NULL ? pictures : g_get_home_dir (),
                                            "Hongshu", NULL);

  return g_file_new_for_path (path);
}

static void
update_folder_row (HsDownloadWindow *self)
{
  g_autofree char *name = g_file_get_parse_name (self->folder);

  adw_action_row_set_subtitle (self->folder_row, name);
}

void
hs_download_window_set_folder (HsDownloadWindow *self,
                               GFile            *folder)
{
  g_return_if_fail (HS_IS_DOWNLOAD_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  g_set_object (&self->folder, folder);
  update_folder_row (self);
  if (self->settings != NULL)
    {
      g_autofree char *path = g_file_get_path (folder);

      g_settings_set_string (self->settings, "download-folder", path != NULL ? path : "");
    }
}

void
hs_download_window_set_text (HsDownloadWindow *self,
                             const char       *text)
{
  adw_combo_row_set_selected (self->from_row, HS_DOWNLOAD_WINDOW_FROM_TEXT);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
}

HsDownloadWindow *
hs_download_window_find_shown (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (HS_IS_DOWNLOAD_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
      return l->data;
  return NULL;
}

HsDownloadQueue *
hs_download_window_get_queue (HsDownloadWindow *self)
{
  return self->queue;
}

/* Rows */

static const char *
state_text (HsDownloadItem *item)
{
  switch (hs_download_item_get_state (item))
    {
    case HS_DOWNLOAD_STATE_WAITING: return _("Waiting");
    case HS_DOWNLOAD_STATE_FETCHING: return _("Getting the note…");
    case HS_DOWNLOAD_STATE_DOWNLOADING: return _("Downloading…");
    case HS_DOWNLOAD_STATE_DONE: return _("Done");
    case HS_DOWNLOAD_STATE_FAILED: return _("Failed");
    case HS_DOWNLOAD_STATE_CANCELLED: return _("Cancelled");
    default: return "";
    }
}

typedef struct
{
  HsDownloadItem *item;
  GtkLabel       *title;
  GtkLabel       *state;
  GtkProgressBar *bar;
  GtkWidget      *retry;
  GtkWidget      *open;
} Row;

static void
row_free (Row *row)
{
  g_signal_handlers_disconnect_by_data (row->item, row);
  g_object_unref (row->item);
  g_free (row);
}

static void
update_row (Row *row)
{
  HsDownloadItem *item = row->item;
  HsDownloadState state = hs_download_item_get_state (item);
  const char *title = hs_download_item_get_title (item);
  const char * const *failures = hs_download_item_get_failures (item);
  g_autofree char *text = NULL;

  gtk_label_set_label (row->title, title != NULL && *title != '\0' ? title : hs_download_item_get_label (item));
  if (state == HS_DOWNLOAD_STATE_DONE || state == HS_DOWNLOAD_STATE_DOWNLOADING)
    /* TRANSLATORS: the state of a note's download, then files saved and already there */
    text = g_strdup_printf (_("%s · %u saved, %u already there"), state_text (item),
                            hs_download_item_get_n_saved (item), hs_download_item_get_n_skipped (item));
  else if (state == HS_DOWNLOAD_STATE_FAILED && failures[0] != NULL)
    /* TRANSLATORS: "Failed", then why */
    text = g_strdup_printf (_("%s: %s"), state_text (item), failures[0]);
  else
    text = g_strdup (state_text (item));
  gtk_label_set_label (row->state, text);
  gtk_progress_bar_set_fraction (row->bar, hs_download_item_get_fraction (item));
  gtk_widget_set_visible (row->retry, state == HS_DOWNLOAD_STATE_FAILED || state == HS_DOWNLOAD_STATE_CANCELLED);
  gtk_widget_set_visible (row->open, hs_download_item_get_folder (item) != NULL);
}

static void
item_notify_cb (HsDownloadItem *item,
                GParamSpec     *pspec,
                Row            *row)
{
  update_row (row);
}

static void
open_clicked_cb (GtkButton *button,
                 Row       *row)
{
  GFile *folder = hs_download_item_get_folder (row->item);

  if (folder != NULL)
    hs_media_open_folder (GTK_WIDGET (button), folder);
}

static void
retry_clicked_cb (GtkButton *button,
                  Row       *row)
{
  HsDownloadWindow *self = HS_DOWNLOAD_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));

  hs_download_queue_retry (self->queue, row->item);
}

static GtkWidget *
create_row_cb (gpointer object,
               gpointer user_data)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *list_row = gtk_list_box_row_new ();

  row->item = g_object_ref (object);
  row->title = GTK_LABEL (gtk_label_new (NULL));
  row->state = GTK_LABEL (gtk_label_new (NULL));
  row->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  row->retry = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  row->open = gtk_button_new_from_icon_name ("folder-open-symbolic");

  gtk_label_set_xalign (row->title, 0);
  gtk_label_set_ellipsize (row->title, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (row->state, 0);
  gtk_label_set_wrap (row->state, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->state), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->state), "caption");
  gtk_widget_set_tooltip_text (row->retry, _("Retry"));
  gtk_widget_set_tooltip_text (row->open, _("Open Folder"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->retry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Retry"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->open), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open Folder"), -1);
  for (GtkWidget *button = row->retry; button != NULL; button = button == row->retry ? row->open : NULL)
    {
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    }
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (row->title));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (row->bar));
  gtk_box_append (GTK_BOX (texts), GTK_WIDGET (row->state));
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), row->retry);
  gtk_box_append (GTK_BOX (box), row->open);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);

  g_signal_connect (row->item, "notify", G_CALLBACK (item_notify_cb), row);
  g_signal_connect (row->retry, "clicked", G_CALLBACK (retry_clicked_cb), row);
  g_signal_connect (row->open, "clicked", G_CALLBACK (open_clicked_cb), row);
  g_object_set_data_full (G_OBJECT (list_row), "hs-row", row, (GDestroyNotify) row_free);
  update_row (row);
  return list_row;
}

/* Progress of the whole queue */

void
hs_download_window_update_summary (HsDownloadWindow *self)
{
  HsDownloadQueue *queue = self->queue;
  HsDownloadQueueState state = hs_download_queue_get_state (queue);
  g_autofree char *bytes = g_format_size (hs_download_queue_get_bytes (queue));
  gboolean rate_limited = FALSE;
  guint waiting = hs_download_queue_get_waiting (queue, &rate_limited);
  gint64 eta = hs_download_queue_get_eta (queue);
  g_autofree char *tail = NULL;
  g_autofree char *text = NULL;
  gboolean active = state == HS_DOWNLOAD_QUEUE_RUNNING || state == HS_DOWNLOAD_QUEUE_PAUSED ||
                    self->gathering != NULL;

  if (state == HS_DOWNLOAD_QUEUE_PAUSED)
    tail = g_strdup (_("Paused"));
  else if (waiting > 0 && rate_limited)
    tail = g_strdup_printf (_("waiting %u s for the rate limit"), waiting);
  else if (active && eta > 0)
    /* TRANSLATORS: time left, in minutes and seconds */
    tail = g_strdup_printf (_("about %d:%02d left"), (int) (eta / 60), (int) (eta % 60));

  /* TRANSLATORS: notes finished of all, files saved, already there, failed, bytes */
  text = g_strdup_printf (_("%u of %u notes · %u saved · %u already there · %u failed · %s"),
                          hs_download_queue_get_n_notes_finished (queue), hs_download_queue_get_n_notes (queue),
                          hs_download_queue_get_n_saved (queue), hs_download_queue_get_n_skipped (queue),
                          hs_download_queue_get_n_failed (queue) + hs_download_queue_get_n_notes_failed (queue),
                          bytes);
  if (tail != NULL)
    {
      g_autofree char *joined = g_strconcat (text, " · ", tail, NULL);

      g_free (text);
      text = g_steal_pointer (&joined);
    }
  /* Notes still being gathered (a search's next pages) come first. */
  if (self->gathering != NULL)
    {
      g_autofree char *joined = g_strconcat (self->gathering, "\n", text, NULL);

      g_free (text);
      text = g_steal_pointer (&joined);
    }
  gtk_label_set_label (self->summary_label, text);

  gtk_widget_set_visible (GTK_WIDGET (self->pause_button), active && state != HS_DOWNLOAD_QUEUE_IDLE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), active);
  gtk_button_set_icon_name (self->pause_button, state == HS_DOWNLOAD_QUEUE_PAUSED
                                                ? "media-playback-start-symbolic"
                                                : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                               state == HS_DOWNLOAD_QUEUE_PAUSED ? _("Resume") : _("Pause"));
}

static void
queue_notify_cb (HsDownloadQueue  *queue,
                 GParamSpec       *pspec,
                 HsDownloadWindow *self)
{
  hs_download_window_update_summary (self);
}

static void
toast_open_cb (AdwToast         *toast,
               HsDownloadWindow *self)
{
  hs_media_open_folder (GTK_WIDGET (self), self->folder);
}

void
hs_download_window_announce_done (HsDownloadWindow *self)
{
  HsDownloadQueue *queue = self->queue;
  guint failed = hs_download_queue_get_n_failed (queue) + hs_download_queue_get_n_notes_failed (queue);
  g_autofree char *title = NULL;
  AdwToast *toast;

  hs_download_window_update_summary (self);
  if (hs_download_queue_get_state (queue) == HS_DOWNLOAD_QUEUE_CANCELLED ||
      hs_download_queue_get_n_notes (queue) == 0)
    return;

  if (failed > 0)
    /* TRANSLATORS: a batch download ended with some failures; a toast's title, keep it
     * short: it shares a 360 px wide toast with the "Open Folder" button */
    title = g_strdup_printf (ngettext ("%u failed", "%u failed", failed), failed);
  else
    /* TRANSLATORS: a batch download ended; a toast's title, keep it short */
    title = g_strdup (_("All saved"));

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("Open Folder"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_open_cb), self, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);

  /* Someone working in another window learns it from the desktop. */
  if (!gtk_window_is_active (GTK_WINDOW (self)) && g_application_get_default () != NULL)
    {
      g_autofree char *heading = failed > 0
        /* TRANSLATORS: a desktop notification's title: a batch download ended with failures */
        ? g_strdup_printf (ngettext ("Downloaded, %u failed", "Downloaded, %u failed", failed), failed)
        : g_strdup (_("Download complete"));
      g_autoptr(GNotification) notification = g_notification_new (heading);
      g_autofree char *body = g_strdup_printf (_("%u notes: %u files saved, %u already there"),
                                               hs_download_queue_get_n_notes (queue),
                                               hs_download_queue_get_n_saved (queue),
                                               hs_download_queue_get_n_skipped (queue));

      g_notification_set_body (notification, body);
      g_application_send_notification (g_application_get_default (), "hongshu-download", notification);
    }
}

static void
queue_finished_cb (HsDownloadQueue  *queue,
                   HsDownloadWindow *self)
{
  /* More notes are on their way (a search's next page): not done yet. */
  if (self->gathering != NULL)
    {
      hs_download_window_update_summary (self);
      return;
    }
  hs_download_window_announce_done (self);
}

void
hs_download_window_show_problems (HsDownloadWindow *self,
                                  const char       *text)
{
  gtk_label_set_label (self->problems_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), text != NULL);
}

void
hs_download_window_begin_queue (HsDownloadWindow *self)
{
  g_return_if_fail (self->queue == NULL);

  self->queue = hs_download_queue_new (self->source, self->loader, self->folder);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->queue), create_row_cb, self, NULL);
  g_signal_connect_object (self->queue, "notify", G_CALLBACK (queue_notify_cb), self, 0);
  g_signal_connect_object (self->queue, "finished", G_CALLBACK (queue_finished_cb), self, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  hs_download_window_update_summary (self);
}

void
hs_download_window_start (HsDownloadWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) inputs = NULL;
  g_autoptr(GPtrArray) bad_lines = NULL;

  guint from;

  g_return_if_fail (HS_IS_DOWNLOAD_WINDOW (self));

  if (self->queue != NULL)
    return;

  from = adw_combo_row_get_selected (self->from_row);
  if (from == HS_DOWNLOAD_WINDOW_FROM_SAVED)
    {
      hs_download_window_start_library (self, NULL);
      return;
    }
  if (from >= HS_DOWNLOAD_WINDOW_FROM_FIRST_CATEGORY &&
      from - HS_DOWNLOAD_WINDOW_FROM_FIRST_CATEGORY < self->categories->len)
    {
      hs_download_window_start_library (self, g_ptr_array_index (self->categories,
                                                                 from - HS_DOWNLOAD_WINDOW_FROM_FIRST_CATEGORY));
      return;
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  inputs = hs_download_inputs_from_text (text, &bad_lines);

  if (bad_lines->len > 0)
    {
      g_autoptr(GString) problems = g_string_new (NULL);

      for (guint i = 0; i < bad_lines->len; i++)
        {
          if (i > 0)
            g_string_append_c (problems, '\n');
          /* TRANSLATORS: "LINE: TEXT" of a line that holds no note link */
          g_string_append_printf (problems, _("No note link in line %s"), (char *) g_ptr_array_index (bad_lines, i));
        }
      hs_download_window_show_problems (self, problems->str);
    }
  else
    hs_download_window_show_problems (self, NULL);

  if (inputs->len == 0)
    return;

  hs_download_window_begin_queue (self);
  for (guint i = 0; i < inputs->len; i++)
    {
      HsDownloadInput *input = g_ptr_array_index (inputs, i);

      hs_download_queue_add_ref (self->queue, input->ref, input->label);
    }
  hs_download_queue_start (self->queue);
  hs_download_window_update_summary (self);
}

static void
download_clicked_cb (GtkButton        *button,
                     HsDownloadWindow *self)
{
  hs_download_window_start (self);
}

static void
pause_clicked_cb (GtkButton        *button,
                  HsDownloadWindow *self)
{
  if (hs_download_queue_get_state (self->queue) == HS_DOWNLOAD_QUEUE_PAUSED)
    hs_download_queue_resume (self->queue);
  else
    hs_download_queue_pause (self->queue);
}

static void
cancel_clicked_cb (GtkButton        *button,
                   HsDownloadWindow *self)
{
  /* The search or the library read too: no more notes come. */
  g_cancellable_cancel (self->cancellable);
  hs_download_queue_cancel (self->queue);
}

/* Choosing a file and a folder */

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HsDownloadWindow) self = user_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  hs_download_window_set_text (self, contents);
}

static void
file_chosen_cb (GtkNativeDialog *dialog,
                int              response,
                gpointer         user_data)
{
  HsDownloadWindow *self = user_data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gboolean is_folder = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "hs-folder"));

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      if (is_folder)
        hs_download_window_set_folder (self, file);
      else
        g_file_load_contents_async (file, self->cancellable, file_loaded_cb, g_object_ref (self));
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
choose (HsDownloadWindow     *self,
        GtkFileChooserAction  action,
        const char           *title)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, NULL, NULL);

  g_object_set_data (G_OBJECT (dialog), "hs-folder",
                     GINT_TO_POINTER (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_file_clicked_cb (GtkButton        *button,
                      HsDownloadWindow *self)
{
  choose (self, GTK_FILE_CHOOSER_ACTION_OPEN, _("Open a File of Links"));
}

static void
choose_folder_clicked_cb (GtkButton        *button,
                          HsDownloadWindow *self)
{
  choose (self, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("Download To"));
}

/* GObject */

static void
build (HsDownloadWindow *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *input = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *progress = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (_("Paste links or share texts from Xiaohongshu, one or more a line. "
                                      "Each note gets a folder with its pictures and videos."));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *open_file = gtk_button_new_with_mnemonic (_("_Open File of Links…"));
  GtkWidget *choose_folder = gtk_button_new_from_icon_name ("folder-open-symbolic");
  GtkWidget *folder_list = gtk_list_box_new ();
  GtkWidget *download = gtk_button_new_with_mnemonic (_("_Download"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *list_scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *progress_clamp = adw_clamp_new ();
  GtkWidget *from_list = gtk_list_box_new ();
  GtkWidget *text_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *input_scrolled = gtk_scrolled_window_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Download Notes"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 560);

  self->pause_button = GTK_BUTTON (gtk_button_new_from_icon_name ("media-playback-pause-symbolic"));
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  gtk_widget_set_visible (GTK_WIDGET (self->pause_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pause"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->cancel_button));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->pause_button));
  g_signal_connect (self->pause_button, "clicked", G_CALLBACK (pause_clicked_cb), self);
  g_signal_connect (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);

  /* The input page: where the notes come from, then pasted links (or a
   * file of them) or a word on the library's notes. */
  self->from_list = gtk_string_list_new (NULL);
  gtk_string_list_append (self->from_list, _("Links or share texts"));
  gtk_string_list_append (self->from_list, _("Saved notes"));
  self->from_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), _("Notes"));
  adw_combo_row_set_model (self->from_row, G_LIST_MODEL (self->from_list));
  g_signal_connect_swapped (self->from_row, "notify::selected",
                            G_CALLBACK (hs_download_window_from_changed), self);
  gtk_list_box_append (GTK_LIST_BOX (from_list), GTK_WIDGET (self->from_row));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (from_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (from_list, "boxed-list");

  self->library_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->library_label, TRUE);
  gtk_label_set_xalign (self->library_label, 0);
  gtk_widget_set_valign (GTK_WIDGET (self->library_label), GTK_ALIGN_START);

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->text_view, 8);
  gtk_text_view_set_bottom_margin (self->text_view, 8);
  gtk_text_view_set_left_margin (self->text_view, 8);
  gtk_text_view_set_right_margin (self->text_view, 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Links or share texts"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->text_view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 180);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->problems_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problems_label, TRUE);
  gtk_label_set_xalign (self->problems_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problems_label), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), FALSE);

  self->folder_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->folder_row), _("Folder"));
  gtk_widget_set_valign (choose_folder, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (choose_folder, "flat");
  gtk_widget_set_tooltip_text (choose_folder, _("Choose Folder"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (choose_folder), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose Folder"), -1);
  adw_action_row_add_suffix (self->folder_row, choose_folder);
  gtk_list_box_append (GTK_LIST_BOX (folder_list), GTK_WIDGET (self->folder_row));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (folder_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (folder_list, "boxed-list");

  gtk_widget_add_css_class (download, "suggested-action");
  gtk_widget_add_css_class (download, "pill");
  gtk_widget_set_hexpand (download, TRUE);
  gtk_widget_set_halign (download, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), open_file);
  gtk_box_append (GTK_BOX (buttons), download);
  self->open_file_button = open_file;

  gtk_box_append (GTK_BOX (text_page), intro);
  gtk_box_append (GTK_BOX (text_page), scrolled);
  self->from_stack = GTK_STACK (gtk_stack_new ());
  /* Homogeneous both ways (it fills the height anyway): a stack whose
   * height follows its page measures the library's wrapping label at one
   * line's height, so as wide as its whole text, and the window could not
   * be narrower than that (783 px in English). */
  gtk_stack_set_vhomogeneous (self->from_stack, TRUE);
  gtk_stack_add_named (self->from_stack, text_page, "text");
  gtk_stack_add_named (self->from_stack, GTK_WIDGET (self->library_label), "library");
  gtk_widget_set_vexpand (GTK_WIDGET (self->from_stack), TRUE);

  gtk_box_append (GTK_BOX (input), from_list);
  gtk_box_append (GTK_BOX (input), GTK_WIDGET (self->from_stack));
  gtk_box_append (GTK_BOX (input), folder_list);
  gtk_box_append (GTK_BOX (input), buttons);
  for (GtkWidget *page = input; page != NULL; page = page == input ? progress : NULL)
    {
      gtk_widget_set_margin_top (page, 18);
      gtk_widget_set_margin_bottom (page, 18);
      gtk_widget_set_margin_start (page, 12);
      gtk_widget_set_margin_end (page, 12);
    }
  adw_clamp_set_child (ADW_CLAMP (clamp), input);
  /* At 360 px by 640 the page is taller than the window. */
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (input_scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (input_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  g_signal_connect (open_file, "clicked", G_CALLBACK (open_file_clicked_cb), self);
  g_signal_connect (choose_folder, "clicked", G_CALLBACK (choose_folder_clicked_cb), self);
  g_signal_connect (download, "clicked", G_CALLBACK (download_clicked_cb), self);

  /* The progress page. */
  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary_label, TRUE);
  gtk_label_set_xalign (self->summary_label, 0);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->summary_label));
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->problems_label));
  gtk_box_append (GTK_BOX (progress), GTK_WIDGET (self->list));
  adw_clamp_set_child (ADW_CLAMP (progress_clamp), progress);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_scrolled), progress_clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (list_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, input_scrolled, "input");
  gtk_stack_add_named (self->stack, list_scrolled, "progress");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

HsDownloadWindow *
hs_download_window_new (GtkWindow     *parent,
                        HsNoteSource  *source,
                        HsMediaLoader *loader,
                        GSettings     *settings)
{
  HsDownloadWindow *self;
  g_autofree char *path = NULL;

  g_return_val_if_fail (HS_IS_NOTE_SOURCE (source), NULL);
  g_return_val_if_fail (HS_IS_MEDIA_LOADER (loader), NULL);

  self = g_object_new (HS_TYPE_DOWNLOAD_WINDOW, "transient-for", parent, NULL);
  self->source = g_object_ref (source);
  self->loader = g_object_ref (loader);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      path = g_settings_get_string (settings, "download-folder");
    }
  self->folder = path != NULL && *path != '\0' ? g_file_new_for_path (path) : default_folder ();
  update_folder_row (self);
  /* The library's categories when shown: a window given the app's library
   * (hs_download_window_set_library()) opens no connection of its own. */
  return self;
}

static void
hs_download_window_dispose (GObject *object)
{
  HsDownloadWindow *self = HS_DOWNLOAD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->queue != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->queue, self);
      hs_download_queue_cancel (self->queue);
    }
  g_clear_object (&self->queue);
  g_clear_object (&self->source);
  g_clear_object (&self->loader);
  g_clear_object (&self->settings);
  g_clear_object (&self->folder);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->categories_cancellable);
  g_clear_object (&self->categories_cancellable);
  hs_download_window_unwatch_library (self);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->gathering, g_free);

  G_OBJECT_CLASS (hs_download_window_parent_class)->dispose (object);
}

static void
hs_download_window_map (GtkWidget *widget)
{
  HsDownloadWindow *self = HS_DOWNLOAD_WINDOW (widget);

  GTK_WIDGET_CLASS (hs_download_window_parent_class)->map (widget);
  if (self->library == NULL)
    hs_download_window_load_categories (self);
}

/* Back to the window: categories another process (hongshu-cli library)
 * changed meanwhile; this process's own changes come by signal. */
static void
is_active_cb (HsDownloadWindow *self)
{
  if (self->library != NULL && gtk_window_is_active (GTK_WINDOW (self)))
    hs_download_window_load_categories (self);
}

static void
hs_download_window_class_init (HsDownloadWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hs_download_window_dispose;
  GTK_WIDGET_CLASS (klass)->map = hs_download_window_map;
}

static void
hs_download_window_init (HsDownloadWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->categories = g_ptr_array_new_with_free_func (g_free);
  build (self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
}
