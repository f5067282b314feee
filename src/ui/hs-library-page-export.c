#include "config.h"

#include <glib/gi18n.h>

#include "hs-library-page-internal.h"

/* Export of what the page shows, as Markdown or JSON lines, into a folder
 * the person chooses: a progress bar (fed from the export's thread
 * through two atomics, read on a timer) and Cancel. */

static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  HsLibraryPage *self = user_data;

  /* The export's thread: the page reads these on its timer. */
  g_atomic_int_set (&self->export_done, done);
  g_atomic_int_set (&self->export_total, total);
}

static gboolean
export_timer_cb (gpointer user_data)
{
  HsLibraryPage *self = user_data;
  guint done = (guint) g_atomic_int_get (&self->export_done);
  guint total = (guint) g_atomic_int_get (&self->export_total);
  g_autofree char *text = NULL;

  if (total > 0)
    {
      /* TRANSLATORS: export progress; %u are numbers of notes */
      text = g_strdup_printf (ngettext ("Exporting %u of %u note…", "Exporting %u of %u notes…", total),
                              done, total);
      gtk_progress_bar_set_fraction (self->export_progress, (double) done / total);
    }
  else
    {
      text = g_strdup (_("Exporting…"));
      gtk_progress_bar_pulse (self->export_progress);
    }
  gtk_label_set_text (self->export_label, text);
  return G_SOURCE_CONTINUE;
}

static void
stop_export_timer (HsLibraryPage *self)
{
  g_clear_handle_id (&self->export_timer, g_source_remove);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HsLibraryPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_exported = 0;

  self->busy--;
  stop_export_timer (self);
  g_clear_object (&self->export_cancellable);
  if (!hs_library_export_finish (HS_LIBRARY (object), result, &n_exported, &error))
    message = g_strdup (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                          ? _("Export cancelled") : error->message);
  else
    /* TRANSLATORS: %u is a number of notes */
    message = g_strdup_printf (ngettext ("%u note exported", "%u notes exported", n_exported), n_exported);

  /* The page may be gone with its window: nothing more to show. */
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
  hs_library_page_show_message (self, message);
}

void
hs_library_page_export (HsLibraryPage         *self,
                        HsLibraryExportFormat  format,
                        const char            *dir)
{
  HsLibraryQuery query = { 0 };
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);

  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (dir != NULL);
  if (self->library == NULL || self->export_cancellable != NULL)
    return;

  /* What is shown: a search, a tag or a category, the saved notes, or
   * else everything. */
  if (g_strcmp0 (page, "notes") == 0)
    {
      query.tag = self->notes_tag;
      query.category = self->notes_category;
      query.text = self->notes_text;
    }
  else if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "saved") == 0)
    query.filter = HS_LIBRARY_FILTER_SAVED;

  self->export_cancellable = g_cancellable_new ();
  g_atomic_int_set (&self->export_done, 0);
  g_atomic_int_set (&self->export_total, 0);
  gtk_progress_bar_set_fraction (self->export_progress, 0);
  gtk_label_set_text (self->export_label, _("Exporting…"));
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  self->export_timer = g_timeout_add (100, export_timer_cb, self);
  self->busy++;
  /* The page is kept until the export is done: the progress is written into it. */
  hs_library_export_async (self->library, &query, format, dir, export_progress_cb, self,
                           self->export_cancellable, export_done_cb, g_object_ref (self));
}

void
hs_library_page_cancel_export (HsLibraryPage *self)
{
  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));
  g_cancellable_cancel (self->export_cancellable);
}

static void
export_button_clicked_cb (HsLibraryPage *self)
{
  hs_library_page_cancel_export (self);
}

static void
export_folder_chosen_cb (GtkNativeDialog *chooser,
                         int              response,
                         gpointer         user_data)
{
  HsLibraryPage *self = g_object_get_data (G_OBJECT (chooser), "page");
  HsLibraryExportFormat format = GPOINTER_TO_INT (user_data);
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self != NULL && self->export_cancellable == NULL &&
      self->library != NULL)
    {
      folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (folder != NULL && g_file_peek_path (folder) != NULL)
        hs_library_page_export (self, format, g_file_peek_path (folder));
      else
        hs_library_page_show_message (self, _("Choose a folder on this computer to export into"));
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  HsLibraryPage *self = HS_LIBRARY_PAGE (widget);
  gboolean markdown = g_strcmp0 (g_variant_get_string (param, NULL), "markdown") == 0;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  if (self->library == NULL || self->export_cancellable != NULL)
    return;
  chooser = gtk_file_chooser_native_new (markdown ? _("Export as Markdown") : _("Export as JSON Lines"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "page", g_object_ref (self), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (export_folder_chosen_cb),
                    GINT_TO_POINTER (markdown ? HS_LIBRARY_EXPORT_MARKDOWN : HS_LIBRARY_EXPORT_JSON));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
hs_library_page_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, export_button_clicked_cb);
  gtk_widget_class_install_action (widget_class, "library.export", "s", export_action);
}
