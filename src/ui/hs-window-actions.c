#include "config.h"

#include <glib/gi18n.h>

#include "hs-download-window.h"
#include "hs-format.h"
#include "hs-media-gallery.h"
#include "hs-window-internal.h"

/* How a person hands the window a reference and acts on it: the entry
 * and the error under it, paste and drop, the window's actions (win.*) and
 * their keys, and the links the window hands to the desktop. */

void
hs_window_show_entry_error (HsWindow   *self,
                            const char *message)
{
  gtk_label_set_text (self->entry_error_label, message ? message : "");
  gtk_revealer_set_reveal_child (self->entry_error_revealer, message != NULL);

  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (message != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->entry_error_label, NULL,
                                    -1);
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->entry),
                                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
}

/* Replaces the entry's text without taking it for the user's typing. */
void
hs_window_set_entry_text (HsWindow   *self,
                          const char *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) == 0)
    return;
  self->setting_entry_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  self->setting_entry_text = FALSE;
}

/* Narrower than this, the header shows the note's title instead of the entry: an entry
 * of 200 px shows only "https://www.". */
#define ENTRY_MIN_WIDTH 300

/* Narrow, the entry takes the title's place until Enter, Esc or the focus
 * leaves it; wide, it is always there. */
void
hs_window_set_entry_revealed (HsWindow *self,
                              gboolean  revealed)
{
  adw_squeezer_page_set_enabled (self->title_page, !revealed);
  gtk_widget_set_size_request (self->entry_clamp, revealed ? -1 : ENTRY_MIN_WIDTH, -1);
}

void
hs_window_reveal_entry (HsWindow *self)
{
  if (adw_squeezer_get_visible_child (self->title_squeezer) != self->entry_clamp)
    hs_window_set_entry_revealed (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

void
hs_window_entry_focus_leave_cb (HsWindow *self)
{
  /* Focus also leaves while the window is torn down, its children gone. */
  if (self->entry_error_revealer == NULL)
    return;
  /* A complaint under the entry needs the entry to make sense. */
  if (!gtk_revealer_get_reveal_child (self->entry_error_revealer))
    hs_window_set_entry_revealed (self, FALSE);
}

void
hs_window_entry_activate_cb (HsWindow *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  /* Enter in an empty entry asks for nothing: no error either. */
  if (*g_strstrip (text) == '\0' ||
      hs_window_activate_entry_text (self, gtk_editable_get_text (GTK_EDITABLE (self->entry))))
    hs_window_set_entry_revealed (self, FALSE);
}

/* Esc, or Cancel while loading: stop what is under way and show the note that was
 * shown, with its link back in the entry and no complaint under it. */
static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);
  HsNote *shown = hs_note_view_get_note (self->note_view);
  const char *shown_id = shown != NULL ? hs_note_get_note_id (shown) : NULL;

  if (self->load_cancellable != NULL)
    {
      hs_window_cancel_load (self);
      hs_window_set_short_ref (self, NULL);
      /* The cancelled note was pushed already: step back to the one shown. */
      if (shown_id != NULL && g_strcmp0 (hs_history_get_current_id (self->history), shown_id) != 0 &&
          hs_history_get_can_go_back (self->history))
        hs_history_go_back (self->history);
      /* Opened from the Library or a search: back to it, which the
       * history shows without a request. */
      if (hs_history_get_current_place (self->history) != NULL ||
          hs_history_get_current_search (self->history) != NULL)
        hs_window_show_history_entry (self);
      else if (shown != NULL)
        hs_window_set_page (self, "note");
      else
        hs_window_show_start_page (self);
    }

  if (self->short_ref != NULL)
    hs_window_set_entry_text (self, hs_note_ref_get_short_link (self->short_ref));
  else if (shown_id != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "note") == 0)
    {
      /* The link as it was given, query string and all. */
      g_autofree char *link = hs_window_dup_note_link (self);

      if (link != NULL)
        hs_window_set_entry_text (self, link);
    }
  hs_window_show_entry_error (self, NULL);
  hs_window_set_entry_revealed (self, FALSE);
}

void
hs_window_entry_changed_cb (HsWindow *self)
{
  /* A search or a note the window shows: nothing to suggest for it. */
  if (self->setting_entry_text)
    {
      gtk_popover_popdown (self->suggestions);
      return;
    }
  /* The user is fixing the text: the old complaint no longer applies. */
  if (gtk_revealer_get_reveal_child (self->entry_error_revealer))
    hs_window_show_entry_error (self, NULL);
  hs_window_update_suggestions (self, FALSE);
}

static void launch_uri (HsWindow   *self,
                        const char *uri);

typedef struct
{
  HsWindow *self;
  char     *uri;
} Launch;

static void
uri_launched_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Launch *launch = user_data;
  g_autoptr(HsWindow) self = launch->self;
  g_autofree char *uri = launch->uri;
  g_autoptr(GError) error = NULL;

  g_free (launch);

  if (!g_app_info_launch_default_for_uri_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *web_map = hs_format_web_map_uri (uri);

      g_debug ("Cannot launch: %s", error->message);
      /* No maps application: the place on a web map, in the browser. */
      if (web_map != NULL)
        launch_uri (self, web_map);
      else
        hs_window_show_toast (self, _("No application can open this link"));
    }
}

static void
launch_uri (HsWindow   *self,
            const char *uri)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;
  Launch *launch;

  g_free (self->last_launched_uri);
  self->last_launched_uri = g_strdup (uri);

  if (self->launch_hook != NULL && self->launch_hook (self, uri, self->launch_hook_data))
    return;

  launch = g_new0 (Launch, 1);
  launch->self = g_object_ref (self);
  launch->uri = g_strdup (uri);

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context),
                                           self->cancellable,
                                           uri_launched_cb, launch);
}

/**
 * hs_window_get_last_launched_uri:
 *
 * Returns: (nullable): the address last handed to the desktop to open, for tests
 */
const char *
hs_window_get_last_launched_uri (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  return self->last_launched_uri;
}

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(HsWindow) self = user_data;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (text == NULL || *text == '\0')
    {
      hs_window_show_toast (self, _("The clipboard holds no text"));
      return;
    }

  hs_window_open (self, text);
}

gboolean
hs_window_drop_cb (HsWindow      *self,
                   const GValue  *value,
                   double         x,
                   double         y,
                   GtkDropTarget *target)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
      g_autofree char *uri = NULL;
      gboolean opened;

      if (files == NULL)
        return FALSE;
      uri = g_file_get_uri (files->data);
      opened = hs_window_open (self, uri);
      g_slist_free (files);
      return opened;
    }

  if (G_VALUE_HOLDS_STRING (value))
    return hs_window_open (self, g_value_get_string (value));

  return FALSE;
}

static void
open_ref_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  hs_window_open (HS_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  hs_window_reload (HS_WINDOW (widget));
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);

  hs_window_remember_scroll (self);
  if (hs_history_go_back (self->history) != NULL)
    hs_window_show_history_entry (self);
}

static void
go_forward_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);

  hs_window_remember_scroll (self);
  if (hs_history_go_forward (self->history) != NULL)
    hs_window_show_history_entry (self);
}

/* ←/→ page the gallery wherever the keyboard is, but in a text field, whose cursor they
 * move: not only when the gallery has the focus. */
static void
page_gallery_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *gallery = hs_note_view_get_gallery (self->note_view);

  if (focus != NULL && GTK_IS_EDITABLE (focus))
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "note") != 0 ||
      hs_media_gallery_get_n_items (HS_MEDIA_GALLERY (gallery)) == 0)
    return;

  gtk_widget_activate_action (gallery, g_variant_get_int32 (param) < 0 ? "gallery.previous" : "gallery.next", NULL);
}

gboolean
hs_window_page_gallery_key_cb (GtkWidget *widget,
                               GVariant  *args,
                               gpointer   user_data)
{
  HsWindow *self = HS_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Not ours: the text field moves its cursor, the other pages keep their arrows. */
  if ((focus != NULL && GTK_IS_EDITABLE (focus)) ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "note") != 0)
    return FALSE;

  gtk_widget_activate_action_variant (widget, "win.page-gallery", args);
  return TRUE;
}

static void
focus_entry_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);

  hs_window_reveal_entry (self);
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);
  g_autofree char *link = hs_window_dup_note_link (self);

  if (link == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), link);
  hs_window_show_toast (self, _("Link copied"));
}

static void
open_in_browser_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);
  g_autofree char *link = hs_window_dup_note_link (self);

  if (link != NULL)
    launch_uri (self, link);
}

static HsDownloadWindow *
new_download_window (HsWindow *self)
{
  HsDownloadWindow *window;

  /* The window's own source: the API, or the website without a token. */
  window = hs_download_window_new (GTK_WINDOW (self), self->source, self->loader,
                                   hs_window_get_settings (self));
  /* The window's library, not a second connection to the same file. */
  if (self->library != NULL)
    hs_download_window_set_library (window, self->library);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* "Download…": pasted links or a file of them into folders, one per note. */
static void
download_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  new_download_window (HS_WINDOW (widget));
}

/* "Download Note": this note's pictures and videos into its folder, by the
 * batch download's rules, in a Download window that shows how it goes. */
static void
download_note_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);
  g_autofree char *link = hs_window_dup_note_link (self);
  HsDownloadWindow *window;

  if (link == NULL)
    return;

  window = new_download_window (self);
  hs_download_window_set_text (window, link);
  hs_download_window_start (window);
}

/* "Download All Results": every page of the search the grid shows, into
 * a Download window that fills as the pages arrive. */
static void
download_results_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);
  HsSearchResults *results = hs_note_grid_get_results (self->grid);

  if (results == NULL)
    return;
  hs_download_window_start_search (new_download_window (self), hs_search_results_get_query (results),
                                   hs_search_results_get_is_tag (results));
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  launch_uri (HS_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), self->cancellable,
                                 clipboard_text_cb, g_object_ref (self));
}

static void
save_media_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);
  GtkWidget *gallery = hs_note_view_get_gallery (self->note_view);

  /* The gallery saves the picture or video it shows. */
  if (gallery != NULL)
    gtk_widget_activate_action (gallery, "gallery.save-current", NULL);
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  hs_window_show_toast (HS_WINDOW (widget), g_variant_get_string (param, NULL));
}

void
hs_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-ref", "s", open_ref_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.page-gallery", "i", page_gallery_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.go-forward", NULL, go_forward_action);
  gtk_widget_class_install_action (widget_class, "win.focus-entry", NULL, focus_entry_action);
  gtk_widget_class_install_action (widget_class, "win.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "win.open-in-browser", NULL, open_in_browser_action);
  gtk_widget_class_install_action (widget_class, "win.download", NULL, download_action);
  gtk_widget_class_install_action (widget_class, "win.download-note", NULL, download_note_action);
  gtk_widget_class_install_action (widget_class, "win.download-results", NULL, download_results_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.save-media", NULL, save_media_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);

  /* Bubble phase, unlike application accelerators: an entry, a selected
   * label or the body's selection copy and paste their own text first, and
   * only an unhandled Ctrl+C or Ctrl+V reaches the window. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "win.copy-link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste", NULL);
}
