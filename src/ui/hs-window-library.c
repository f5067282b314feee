#include "config.h"

#include <glib/gi18n.h>

#include "hs-library-browse.h"
#include "hs-library-page.h"
#include "hs-library-saver.h"
#include "hs-library-source.h"
#include "hs-window-internal.h"

/* The window's side of the library (issue 11): the Library page in the
 * stack, Save to Library (Ctrl+D) and Remove from Library, the saved
 * badges, recording what is opened into the History, and opening a saved
 * note from the library, without the network.
 *
 * A saved note is read from the library first (pick_source() asks
 * hs_window_library_source_for()); Reload fetches it from the network
 * again, saves the new copy, and keeps showing the old one if that
 * fetch fails. A note that is only in the History opens from the network
 * like any other: its copy has no media. */

static gboolean
records_history (HsWindow *self)
{
  g_autoptr(GVariant) value = hs_window_lookup_setting (self, "record-history");

  return value == NULL || g_variant_get_boolean (value);
}

gboolean
hs_window_library_is_saved (HsWindow   *self,
                            const char *note_id)
{
  return self->saved_ids != NULL && note_id != NULL &&
         g_hash_table_contains (self->saved_ids, note_id);
}

static HsNote *
shown_note (HsWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "note") != 0)
    return NULL;
  return hs_note_view_get_note (self->note_view);
}

void
hs_window_library_update_actions (HsWindow *self)
{
  HsNote *note = shown_note (self);
  gboolean saved = note != NULL && hs_window_library_is_saved (self, hs_note_get_note_id (note));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-to-library",
                                 self->library != NULL && note != NULL && !saved && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-from-library",
                                 self->library != NULL && saved && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-library", self->library != NULL);
  hs_note_view_set_saved (self->note_view,
                          note != NULL && hs_window_library_is_saved (self, hs_note_get_note_id (note)));
}

/* The saved ids changed: every grid and badge shows it. */
static void
saved_ids_changed (HsWindow *self)
{
  hs_note_grid_set_saved_ids (self->grid, self->saved_ids);
  hs_library_page_set_saved_ids (self->library_page, self->saved_ids);
  hs_window_library_update_actions (self);
}

static void
saved_ids_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(HsWindow) self = user_data;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = hs_library_saved_ids_finish (HS_LIBRARY (object), result, &error);
  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hs_window_show_toast (self, error->message);
      return;
    }
  if (self->library != HS_LIBRARY (object))
    return;
  g_clear_pointer (&self->saved_ids, g_hash_table_unref);
  self->saved_ids = g_steal_pointer (&ids);
  saved_ids_changed (self);
}

void
hs_window_set_library (HsWindow  *self,
                       HsLibrary *library)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  g_return_if_fail (library == NULL || HS_IS_LIBRARY (library));

  if (!g_set_object (&self->library, library))
    return;
  g_clear_object (&self->library_source);
  g_clear_pointer (&self->saved_ids, g_hash_table_unref);
  if (library != NULL)
    {
      self->library_source = hs_library_source_new (library);
      hs_library_source_set_media_loader (self->library_source, self->loader);
      hs_library_saved_ids_async (library, self->cancellable, saved_ids_loaded_cb, g_object_ref (self));
    }
  hs_library_page_set_library (self->library_page, library);
  saved_ids_changed (self);
}

HsLibrary *
hs_window_get_library (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return self->library;
}

GtkWidget *
hs_window_get_library_page (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->library_page);
}

HsNoteSource *
hs_window_library_source_for (HsWindow  *self,
                              HsNoteRef *ref)
{
  if (self->library_source == NULL || self->refreshing ||
      !hs_window_library_is_saved (self, hs_note_ref_get_note_id (ref)))
    return NULL;
  return g_object_ref (HS_NOTE_SOURCE (self->library_source));
}

static void
library_call_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Recording is best effort: a note that shows is what matters. */
  if (!hs_library_write_finish (HS_LIBRARY (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not record the note in the history: %s", error->message);
}

static const char *
source_id_of (HsWindow     *self,
              HsNote       *note,
              HsNoteSource *source)
{
  if (hs_note_get_source (note) != NULL)
    return hs_note_get_source (note);
  return source != NULL ? hs_note_source_get_id (source) : NULL;
}

static void resave_done_cb (GObject *object, GAsyncResult *result, gpointer user_data);

void
hs_window_library_note_loaded (HsWindow     *self,
                               HsNote       *note,
                               HsNoteSource *source)
{
  gboolean from_library = source != NULL && HS_IS_LIBRARY_SOURCE (source);
  gboolean refreshed = self->refreshing;
  const char *link = hs_history_get_current_link (self->history);

  self->refreshing = FALSE;
  if (self->library == NULL || from_library)
    return;

  if (refreshed && hs_window_library_is_saved (self, hs_note_get_note_id (note)))
    {
      /* Reload of a saved note: the new copy replaces the old one, media and all. */
      hs_library_save_with_media_async (self->library, self->loader, note,
                                        source_id_of (self, note, source), link,
                                        self->cancellable, resave_done_cb, g_object_ref (self));
      return;
    }
  if (records_history (self))
    hs_library_write_async (self->library, HS_LIBRARY_WRITE_RECORD, note,
                            source_id_of (self, note, source), link, NULL,
                            self->cancellable, library_call_done_cb, NULL);
}

/* Reload of a saved note failed: the saved copy stays, and shows. */
gboolean
hs_window_library_load_failed (HsWindow     *self,
                               const char   *note_id,
                               const GError *error)
{
  g_autofree char *message = NULL;
  g_autoptr(HsNoteRef) ref = NULL;

  if (!self->refreshing || !hs_window_library_is_saved (self, note_id) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->refreshing = FALSE;
      return FALSE;
    }
  self->refreshing = FALSE;
  /* TRANSLATORS: %s says why the note could not be fetched */
  message = g_strdup_printf (_("Could not refresh the note, the saved copy is shown: %s"), error->message);
  hs_window_show_toast (self, message);
  ref = hs_note_ref_new_for_id (note_id);
  hs_window_load_ref (self, ref);
  return TRUE;
}

static void
after_save (HsWindow   *self,
            const char *note_id,
            gboolean    saved)
{
  if (self->saved_ids == NULL)
    self->saved_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (saved)
    g_hash_table_add (self->saved_ids, g_strdup (note_id));
  else
    g_hash_table_remove (self->saved_ids, note_id);
  saved_ids_changed (self);
  hs_library_page_reload (self->library_page);
}

/* The end of a save or removal: FALSE, after saying why, when it failed. */
static gboolean
finish_saving (HsWindow     *self,
               gboolean      done,
               const GError *error)
{
  self->saving = FALSE;
  if (done)
    return TRUE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    hs_window_show_toast (self, error->message);
  hs_window_library_update_actions (self);
  return FALSE;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HsWindowCall) data = user_data;
  HsWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_media = 0;

  if (!finish_saving (self, hs_library_save_with_media_finish (HS_LIBRARY (object), result,
                                                               &n_media, &error), error))
    return;

  after_save (self, data->note_id, TRUE);
  /* TRANSLATORS: %u is the number of pictures and videos kept with the note */
  message = g_strdup_printf (ngettext ("Saved to the library with %u picture or video",
                                       "Saved to the library with %u pictures and videos",
                                       n_media), n_media);
  hs_window_show_toast (self, message);
}

static void
resave_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hs_library_save_with_media_finish (HS_LIBRARY (object), result, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message =
        /* TRANSLATORS: %s says why */
        g_strdup_printf (_("The saved copy was kept: %s"), error->message);

      hs_window_show_toast (self, message);
    }
}

static void
save_to_library_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);
  HsNote *note = shown_note (self);
  HsWindowCall *data;

  if (note == NULL || self->library == NULL || self->saving)
    return;
  data = hs_window_call_new (self, hs_note_get_note_id (note), NULL);
  self->saving = TRUE;
  hs_window_library_update_actions (self);
  hs_window_show_progress_toast (self, _("Saving to the library…"));
  hs_library_save_with_media_async (self->library, self->loader, note,
                                    source_id_of (self, note, self->source),
                                    hs_history_get_current_link (self->history),
                                    self->cancellable, saved_cb, data);
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HsWindowCall) data = user_data;
  HsWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  HsNote *note;

  if (!finish_saving (self, hs_library_remove_finish (HS_LIBRARY (object), result, &error), error))
    return;

  /* Still open: it stays in the History like any note opened. */
  note = shown_note (self);
  if (note != NULL && g_strcmp0 (hs_note_get_note_id (note), data->note_id) == 0 &&
      records_history (self))
    hs_library_write_async (self->library, HS_LIBRARY_WRITE_RECORD, note,
                            source_id_of (self, note, self->source),
                            hs_history_get_current_link (self->history), NULL,
                            self->cancellable, library_call_done_cb, NULL);
  after_save (self, data->note_id, FALSE);
  hs_window_show_toast (self, _("Removed from the library"));
}

static void
remove_from_library_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);
  HsNote *note = shown_note (self);
  const char *ids[2] = { NULL, NULL };
  HsWindowCall *data;

  if (note == NULL || self->library == NULL || self->saving)
    return;
  data = hs_window_call_new (self, hs_note_get_note_id (note), NULL);
  ids[0] = data->note_id;
  self->saving = TRUE;
  hs_window_library_update_actions (self);
  hs_library_remove_async (self->library, ids, self->cancellable, removed_cb, data);
}

void
hs_window_show_library (HsWindow   *self,
                        const char *section)
{
  gboolean shown;

  g_return_if_fail (HS_IS_WINDOW (self));

  if (self->library == NULL)
    return;
  shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "library") == 0;
  hs_window_cancel_load (self);
  /* An entry in Back and Forward, as a note or a search is: Back from the
   * Library returns to what was shown before it, and from a note opened
   * in it, to the Library. */
  hs_window_remember_scroll (self);
  hs_history_push_place (self->history, "library");
  /* The section first: shown, the page reads it once (map); shown
   * already, it reads it again. */
  if (section != NULL)
    hs_library_page_show_section (self->library_page, section);
  hs_window_set_page (self, "library");
  gtk_window_set_title (GTK_WINDOW (self), _("Library"));
  if (section == NULL && shown)
    hs_library_page_reload (self->library_page);
}

static void
show_library_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  hs_window_show_library (HS_WINDOW (widget), NULL);
}

/* A card of the library: opened with the link it was opened from, so
 * that the website, which wants the link's xsec_token, can open it again. */
static void
library_item_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HsWindowCall) data = user_data;
  g_autoptr(HsLibraryItem) item = NULL;

  item = hs_library_get_finish (HS_LIBRARY (object), result, NULL);
  if (gtk_widget_get_root (GTK_WIDGET (data->self->stack)) != NULL)
    hs_window_navigate (data->self, data->note_id,
                        item != NULL ? hs_library_item_get_link (item) : NULL, TRUE);
}

static void
library_activate_note_cb (HsWindow *self,
                          HsNote   *note)
{
  HsWindowCall *data = hs_window_call_new (self, hs_note_get_note_id (note), NULL);

  hs_library_get_async (self->library, data->note_id, self->cancellable, library_item_cb, data);
}

static void
library_message_cb (HsWindow   *self,
                    const char *message)
{
  hs_window_show_toast (self, message);
}

static void
library_changed_cb (HsWindow *self)
{
  if (self->library != NULL)
    hs_library_saved_ids_async (self->library, self->cancellable, saved_ids_loaded_cb, g_object_ref (self));
}

void
hs_window_library_init (HsWindow *self)
{
  g_signal_connect_object (self->library_page, "activate-note",
                           G_CALLBACK (library_activate_note_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_page, "show-message",
                           G_CALLBACK (library_message_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->library_page, "changed",
                           G_CALLBACK (library_changed_cb), self, G_CONNECT_SWAPPED);
  hs_window_library_update_actions (self);
}

void
hs_window_library_constructed (HsWindow *self)
{
  hs_library_page_set_media_loader (self->library_page, self->loader);
}

void
hs_window_library_dispose (HsWindow *self)
{
  g_clear_object (&self->library_source);
  g_clear_object (&self->library);
  g_clear_pointer (&self->saved_ids, g_hash_table_unref);
}

void
hs_window_library_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (HS_TYPE_LIBRARY_PAGE);

  gtk_widget_class_install_action (widget_class, "win.save-to-library", NULL, save_to_library_action);
  gtk_widget_class_install_action (widget_class, "win.remove-from-library", NULL, remove_from_library_action);
  gtk_widget_class_install_action (widget_class, "win.show-library", NULL, show_library_action);
}
