#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hs-error-page.h"
#include "hs-note-ref.h"
#include "hs-note-source.h"
#include "hs-recent-searches.h"
#include "hs-search-results.h"
#include "hs-trace.h"
#include "hs-urls.h"
#include "hs-window-internal.h"

/* How the window searches: what Enter does with text that is not a note
 * reference, the suggestions under the entry (the search typed, recent
 * searches), the search actions (win.search, by tag, by keyword) and the
 * results page, online or over the library (hs-window-offline.c). */

/* Notes per search page: the API's default, and two screens of cards. */
#define SEARCH_PAGE_SIZE 20
/* Recent searches the suggestions offer at once. */
#define MAX_SUGGESTED_RECENT 8

/* The grid's scroll position goes with its entry in the history, so that
 * Back returns to the same place. */
void
hs_window_remember_scroll (HsWindow *self)
{
  GObject *search = hs_history_get_current_search (self->history);

  if (search != NULL && search == G_OBJECT (hs_note_grid_get_results (self->grid)))
    hs_history_set_current_scroll (self->history, hs_note_grid_get_scroll (self->grid));
}

void
hs_window_show_search (HsWindow        *self,
                       HsSearchResults *results,
                       double           scroll)
{
  g_autofree char *shown = hs_recent_searches_format (hs_search_results_get_query (results),
                                                      hs_search_results_get_is_tag (results));

  hs_window_cancel_load (self);
  hs_window_set_short_ref (self, NULL);
  hs_window_set_entry_text (self, shown);
  hs_window_show_entry_error (self, NULL);
  hs_note_grid_set_results (self->grid, results, scroll);
  hs_window_update_search_notice (self, results);
  hs_window_set_page (self, "search");
  /* Like a note after Enter: the results have the keyboard now. */
  hs_note_grid_focus_cards (self->grid);
}

/* Asks @source for the first page of @query and shows the results. A new
 * search cancels the page the old one was loading; the old one stays in the
 * history and asks again if the person goes back. */
void
hs_window_run_search (HsWindow     *self,
                      HsNoteSource *source,
                      const char   *query,
                      gboolean      is_tag)
{
  g_autoptr(HsSearchResults) results = NULL;
  g_autofree char *link = hs_urls_search_link (query, is_tag);
  HsSearchResults *old = hs_note_grid_get_results (self->grid);

  if (old != NULL)
    hs_search_results_cancel (old);
  hs_window_remember_scroll (self);

  results = hs_search_results_new (source, query, is_tag, SEARCH_PAGE_SIZE);
  hs_history_push_search (self->history, link, G_OBJECT (results));
  hs_window_show_search (self, results, 0);
}

gboolean
hs_window_search (HsWindow   *self,
                  const char *query,
                  gboolean    is_tag)
{
  g_autofree char *stripped = NULL;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (HS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  stripped = g_strstrip (g_utf8_make_valid (query, -1));
  if (*stripped == '\0')
    {
      hs_window_show_entry_error (self, _("Enter something to search for"));
      return FALSE;
    }

  hs_trace_mark ("search");
  gtk_popover_popdown (self->suggestions);
  shown = hs_recent_searches_format (stripped, is_tag);
  hs_recent_searches_add (hs_window_get_settings (self), shown);

  /* Picked anew: a token may have arrived or gone since. */
  g_clear_object (&self->source);
  self->source = hs_window_configured_source (self);
  if (!hs_note_source_can (self->source,
                           is_tag ? HS_NOTE_SOURCE_CAN_SEARCH_TAGS : HS_NOTE_SOURCE_CAN_SEARCH))
    {
      /* Offline over the library instead, and the page says so. */
      hs_window_search_library (self, stripped, is_tag);
      return TRUE;
    }

  /* Without a token the API would only refuse the search. */
  if (hs_window_needs_token (self))
    hs_window_show_token_needed (self);
  else
    hs_window_run_search (self, self->source, stripped, is_tag);
  return TRUE;
}

/* What the entry's text would do: open a note (or a search link), else
 * search for it. */
static gboolean
text_is_search (const char  *text,
                char       **query,
                gboolean    *is_tag)
{
  g_autoptr(HsNoteRef) ref = NULL;

  if (hs_urls_parse_search_link (text, NULL, NULL))
    return FALSE;
  ref = hs_note_ref_new_from_text (text, NULL);
  if (ref != NULL)
    return FALSE;
  /* A link that names no note is a mistake to point out, not words to
   * search for. */
  if (strstr (text, "://") != NULL || g_str_has_prefix (text, "www."))
    return FALSE;
  return hs_recent_searches_parse (text, query, is_tag);
}

/* Enter: a note reference (or a search link) opens, other text searches.
 * Returns: FALSE when the text was refused (the entry shows why). */
gboolean
hs_window_activate_entry_text (HsWindow   *self,
                               const char *text)
{
  g_autofree char *query = NULL;
  gboolean is_tag = FALSE;

  if (self->suggestions != NULL)
    gtk_popover_popdown (self->suggestions);
  if (text_is_search (text, &query, &is_tag))
    return hs_window_search (self, query, is_tag);
  return hs_window_open (self, text);
}

static void
run_suggestion (HsWindow   *self,
                const char *text)
{
  g_autofree char *query = NULL;
  gboolean is_tag = FALSE;

  if (hs_recent_searches_parse (text, &query, &is_tag))
    hs_window_search (self, query, is_tag);
}

static GtkWidget *
suggestion_row_new (const char *label,
                    const char *icon_name,
                    const char *search,
                    const char *name)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_label_new (label);

  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, name);
  if (search != NULL)
    g_object_set_data_full (G_OBJECT (row), "search", g_strdup (search), g_free);
  return row;
}

/* The rows under the entry: "Search for …" for what is typed (when it is
 * not a note reference), then the recent searches that contain it. */
void
hs_window_update_suggestions (HsWindow *self,
                              gboolean  force)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *query = NULL;
  g_autofree char *shown = NULL;
  g_auto(GStrv) recent = NULL;
  gboolean is_tag = FALSE;
  gboolean is_search;
  guint n_recent = 0;
  GtkWidget *child;
  GtkWidget *focus;

  /* The entry may still change while the window goes. */
  if (self->suggestion_list == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->suggestion_list))) != NULL)
    gtk_list_box_remove (self->suggestion_list, child);

  is_search = text_is_search (text, &query, &is_tag);
  if (!is_search && *text != '\0')
    {
      /* A note link: Enter opens it, nothing to suggest. */
      gtk_popover_popdown (self->suggestions);
      return;
    }

  if (is_search)
    {
      g_autofree char *label = NULL;

      shown = hs_recent_searches_format (query, is_tag);
      if (is_tag)
        /* TRANSLATORS: a suggestion under the entry; %s is a tag */
        label = g_strdup_printf (_("Search the tag “%s”"), query);
      else
        /* TRANSLATORS: a suggestion under the entry; %s is what was typed */
        label = g_strdup_printf (_("Search for “%s”"), query);
      gtk_list_box_append (self->suggestion_list,
                           suggestion_row_new (label, "system-search-symbolic", shown, "suggest-search"));
    }

  recent = hs_recent_searches_get (hs_window_get_settings (self));
  for (guint i = 0; recent[i] != NULL && n_recent < MAX_SUGGESTED_RECENT; i++)
    {
      if (shown != NULL && strcmp (recent[i], shown) == 0)
        continue;
      if (query != NULL && strstr (recent[i], query) == NULL)
        continue;
      gtk_list_box_append (self->suggestion_list,
                           suggestion_row_new (recent[i], "document-open-recent-symbolic",
                                               recent[i], "suggest-recent"));
      n_recent++;
    }
  if (n_recent > 0)
    gtk_list_box_append (self->suggestion_list,
                         suggestion_row_new (_("Clear Recent Searches"), "edit-clear-all-symbolic",
                                             NULL, "suggest-clear"));

  focus = gtk_root_get_focus (GTK_ROOT (self));
  /* Only while the person types: text set by the window suggests nothing. */
  if (gtk_widget_get_first_child (GTK_WIDGET (self->suggestion_list)) != NULL &&
      (force || (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry)))))
    gtk_popover_popup (self->suggestions);
  else
    gtk_popover_popdown (self->suggestions);
}

static void
suggestion_activated_cb (HsWindow      *self,
                         GtkListBoxRow *row)
{
  const char *search = g_object_get_data (G_OBJECT (row), "search");

  if (search != NULL)
    {
      g_autofree char *text = g_strdup (search);

      run_suggestion (self, text);
      return;
    }

  hs_recent_searches_clear (hs_window_get_settings (self));
  hs_window_update_suggestions (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static gboolean
entry_key_pressed_cb (HsWindow              *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  GtkListBoxRow *first;

  if (keyval == GDK_KEY_Escape && gtk_widget_get_visible (GTK_WIDGET (self->suggestions)))
    {
      gtk_popover_popdown (self->suggestions);
      return TRUE;
    }

  if (keyval != GDK_KEY_Down || !gtk_widget_get_visible (GTK_WIDGET (self->suggestions)))
    return FALSE;

  /* Down walks into the suggestions, as in a browser's address bar. */
  first = gtk_list_box_get_row_at_index (self->suggestion_list, 0);
  if (first == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return TRUE;
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);

  /* In the Library, Ctrl+F searches the library. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "library") == 0)
    {
      hs_library_page_focus_search (self->library_page);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
  /* With a note's link in the entry, start from an empty search. */
  if (!text_is_search (gtk_editable_get_text (GTK_EDITABLE (self->entry)), NULL, NULL))
    gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  hs_window_update_suggestions (self, TRUE);
}

static void
search_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  hs_window_search (HS_WINDOW (widget), g_variant_get_string (param, NULL), TRUE);
}

static void
search_keyword_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  hs_window_search (HS_WINDOW (widget), g_variant_get_string (param, NULL), FALSE);
}

static void
clear_recent_searches_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  HsWindow *self = HS_WINDOW (widget);

  hs_recent_searches_clear (hs_window_get_settings (self));
  hs_window_show_toast (self, _("Recent searches cleared"));
}

void
hs_window_search_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.search-tag", "s", search_tag_action);
  gtk_widget_class_install_action (widget_class, "win.search-keyword", "s", search_keyword_action);
  gtk_widget_class_install_action (widget_class, "win.clear-recent-searches", NULL, clear_recent_searches_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

void
hs_window_search_init (HsWindow *self)
{
  GtkEventController *key;

  /* Suggestions under the entry: a popover that leaves the keyboard in the
   * entry until Down walks into it. */
  self->suggestion_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->suggestion_list), "search-suggestions");
  gtk_list_box_set_activate_on_single_click (self->suggestion_list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->suggestion_list), "navigation-sidebar");
  g_signal_connect_object (self->suggestion_list, "row-activated",
                           G_CALLBACK (suggestion_activated_cb), self, G_CONNECT_SWAPPED);
  self->suggestions = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->suggestions, GTK_WIDGET (self->suggestion_list));
  gtk_popover_set_has_arrow (self->suggestions, FALSE);
  gtk_popover_set_autohide (self->suggestions, FALSE);
  gtk_popover_set_position (self->suggestions, GTK_POS_BOTTOM);
  gtk_widget_set_halign (GTK_WIDGET (self->suggestions), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->suggestions), GTK_WIDGET (self->entry));
  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), key);
}

void
hs_window_search_dispose (HsWindow *self)
{
  if (self->suggestions != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->suggestions));
  self->suggestions = NULL;
  self->suggestion_list = NULL;
}
