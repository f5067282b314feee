#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hs-account.h"
#include "hs-credentials.h"
#include "hs-demo-server.h"
#include "hs-error-page.h"
#include "hs-format.h"
#include "hs-media-gallery.h"
#include "hs-note-grid.h"
#include "hs-note-ref.h"
#include "hs-note-source.h"
#include "hs-recent-searches.h"
#include "hs-search-results.h"
#include "hs-note-view.h"
#include "hs-rate-limiter.h"
#include "hs-trace.h"
#include "hs-urls.h"
#include "hs-web-source.h"
#include "hs-welcome-page.h"
#include "hs-window.h"
#include "hs-window-private.h"
#include "hs-window-internal.h"

/* A pasted megabyte would make the entry crawl; a reference is far shorter. */
#define MAX_ENTRY_TEXT_CHARS 2000
/* Notes per search page: the API's default, and two screens of cards. */
#define SEARCH_PAGE_SIZE 20
/* Recent searches the suggestions offer at once. */
#define MAX_SUGGESTED_RECENT 8

G_DEFINE_FINAL_TYPE (HsWindow, hs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_MEDIA_LOADER,
  PROP_DEMO_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  HsWindow     *self;
  GCancellable *cancellable;
  char         *note_id;
} LoadData;

static LoadData *
load_data_new (HsWindow   *self,
               const char *note_id)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->load_cancellable);
  data->note_id = g_strdup (note_id);
  return data;
}

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->note_id, g_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

void
hs_window_set_short_ref (HsWindow  *self,
                         HsNoteRef *short_ref)
{
  HsNoteRef *old = self->short_ref;

  self->short_ref = short_ref != NULL ? hs_note_ref_ref (short_ref) : NULL;
  g_clear_pointer (&old, hs_note_ref_unref);
}

static void
update_actions (HsWindow *self)
{
  const char *current_id = hs_history_get_current_id (self->history);
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean has_note = current_id != NULL;
  GtkWidget *gallery = hs_note_view_get_gallery (self->note_view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload",
                                 has_note || self->short_ref != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-link", has_note);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-in-browser", has_note);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.download-note", has_note);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.download-results",
                                 g_strcmp0 (page, "search") == 0 && hs_note_grid_get_results (self->grid) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back",
                                 hs_history_get_can_go_back (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-forward",
                                 hs_history_get_can_go_forward (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-media",
                                 gallery != NULL && g_strcmp0 (page, "note") == 0 &&
                                 hs_media_gallery_get_n_items (HS_MEDIA_GALLERY (gallery)) > 0);
  hs_window_library_update_actions (self);
}

void
hs_window_set_page (HsWindow   *self,
                    const char *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  self->waits_for_token = FALSE;
  if (g_strcmp0 (name, "search") == 0)
    gtk_window_set_title (GTK_WINDOW (self), hs_note_grid_get_title (self->grid));
  else if (g_strcmp0 (name, "note") != 0)
    gtk_window_set_title (GTK_WINDOW (self), _("Hongshu"));
  update_actions (self);
}

/* The grid's scroll position goes with its entry in the history, so that
 * Back returns to the same place. */
void
hs_window_remember_scroll (HsWindow *self)
{
  GObject *search = hs_history_get_current_search (self->history);

  if (search != NULL && search == G_OBJECT (hs_note_grid_get_results (self->grid)))
    hs_history_set_current_scroll (self->history, hs_note_grid_get_scroll (self->grid));
}

/* The account has answered and there is no token: the API source would
 * only be refused, so nothing is sent. */
static gboolean
needs_token (HsWindow *self)
{
  return self->account != NULL && !self->demo_mode &&
         hs_account_get_is_ready (self->account) && !hs_account_get_has_token (self->account);
}

/* The page when no note is open or loading. */
void
hs_window_show_start_page (HsWindow *self)
{
  hs_window_set_page (self, needs_token (self) ? "welcome" : "empty");
}

/* Instead of a request: say that a token is needed and offer to set it. */
static gboolean
stop_for_token (HsWindow  *self,
                HsNoteRef *ref)
{
  g_autoptr(HsNoteSource) source = NULL;

  if (!needs_token (self))
    return FALSE;

  /* The website reads a link without a token; a bare id only for a
   * signed-in visitor, so without either nothing is sent. */
  source = hs_note_source_for_config (hs_client_get_config (self->client), self->client,
                                      HS_NOTE_SOURCE (self->web_source));
  if (!hs_note_source_can (source, HS_NOTE_SOURCE_NEEDS_TOKEN) &&
      (hs_note_ref_get_link (ref) != NULL || hs_note_ref_get_short_link (ref) != NULL ||
       !hs_note_source_can (source, HS_NOTE_SOURCE_NEEDS_LINK_TOKEN)))
    return FALSE;

  hs_window_cancel_load (self);
  hs_error_page_show_token_needed (self->error_page);
  hs_window_set_page (self, "error");
  self->waits_for_token = TRUE;
  return TRUE;
}

void
hs_window_cancel_load (HsWindow *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
}

/* The menu says where the note came from (a greyed line, not an action). */
static void
set_source_item (HsWindow *self,
                 HsNote   *note)
{
  const char *source = hs_note_get_source (note);
  const char *label;

  /* API notes do not name their source; the window knows who fetched it. */
  if (source == NULL && self->source != NULL)
    source = hs_note_source_get_id (self->source);
  if (self->source != NULL && HS_IS_LIBRARY_SOURCE (self->source))
    label = _("From the library, offline");
  else if (g_strcmp0 (source, "web") == 0)
    label = _("From the Xiaohongshu website");
  else if (g_strcmp0 (source, "api") == 0)
    label = _("From the open platform API");
  else
    label = NULL;

  g_menu_remove_all (self->source_section);
  if (label != NULL)
    g_menu_append (self->source_section, label, NULL);
}

static void
show_note (HsWindow *self,
           HsNote   *note)
{
  const char *title = hs_note_get_title (note);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  hs_note_view_set_note (self->note_view, note);
  set_source_item (self, note);
  hs_window_set_page (self, "note");
  gtk_window_set_title (GTK_WINDOW (self),
                        title != NULL && *title != '\0' ? title : _("Hongshu"));

  /* Like a browser after Enter: the note has the keyboard now, so Ctrl+C
   * copies its link and Ctrl+V opens the next one. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry)))
    gtk_root_set_focus (GTK_ROOT (self), NULL);
}

static void
show_error (HsWindow     *self,
            const GError *error,
            const char   *note_id)
{
  hs_error_page_set_error (self->error_page, error, note_id);
  hs_window_set_page (self, "error");
}

static void
note_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  HsWindow *self = data->self;
  g_autoptr(HsNote) note = NULL;
  g_autoptr(HsNoteRef) resolved = NULL;
  g_autoptr(GError) error = NULL;

  note = hs_note_source_get_note_finish (HS_NOTE_SOURCE (object), result, &resolved, NULL, &error);

  /* A newer request replaced this one: its late result must not show. */
  if (data->cancellable != self->load_cancellable)
    return;
  g_clear_object (&self->load_cancellable);

  if (note == NULL)
    {
      /* A short link stays in self->short_ref, so that Try Again follows
       * it again. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !hs_window_library_load_failed (self, data->note_id, error))
        show_error (self, error, data->note_id);
      return;
    }

  /* A short link led here: from now on the window shows the note link it
   * led to, query string and all. */
  if (data->note_id == NULL)
    {
      g_autofree char *link = hs_note_ref_dup_web_link (resolved);

      hs_window_set_short_ref (self, NULL);
      hs_history_push (self->history, hs_note_ref_get_note_id (resolved));
      hs_history_set_current_link (self->history, hs_note_ref_get_link (resolved));
      hs_window_set_entry_text (self, link);
    }

  hs_trace_mark ("note-received %s", hs_note_get_note_id (note));
  hs_history_set_note (self->history, note);
  show_note (self, note);
  hs_window_library_note_loaded (self, note, HS_NOTE_SOURCE (object));
}

static gboolean
note_source_is_auto (HsWindow *self)
{
  GSettings *settings = hs_config_get_settings (hs_client_get_config (self->client));
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *name = NULL;

  if (settings != NULL)
    g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, "note-source"))
    return TRUE;
  name = g_settings_get_string (settings, "note-source");
  return g_strcmp0 (name, "auto") == 0;
}

/* The source for @ref: the setting's (hs_note_source_for_config()), except
 * in demo mode. The demo has its own token, so "auto" would always pick its
 * API and the website would never be seen; there, what a person without a
 * token has (a share link with its xsec_token, a short link) or a signed-in
 * session goes through the demo's website, and a bare id through its API. */
static HsNoteSource *
pick_source (HsWindow  *self,
             HsNoteRef *ref)
{
  g_autoptr(HsNoteSource) source = NULL;
  const char *link = hs_note_ref_get_link (ref);

  /* A saved note opens from the library, without the network. */
  source = hs_window_library_source_for (self, ref);
  if (source != NULL)
    return g_steal_pointer (&source);
  source = hs_note_source_for_config (hs_client_get_config (self->client), self->client,
                                      HS_NOTE_SOURCE (self->web_source));
  if (self->demo_mode && HS_IS_CLIENT (source) && note_source_is_auto (self) &&
      (hs_note_ref_get_short_link (ref) != NULL ||
       (link != NULL && strstr (link, "xsec_token=") != NULL) ||
       hs_web_source_has_cookie (self->web_source)))
    return g_object_ref (HS_NOTE_SOURCE (self->web_source));
  return g_steal_pointer (&source);
}

/* Searches go to the setting's source, picked anew: a token may have
 * arrived or gone since. */
static void
pick_search_source (HsWindow *self)
{
  g_clear_object (&self->source);
  self->source = hs_note_source_for_config (hs_client_get_config (self->client), self->client,
                                            HS_NOTE_SOURCE (self->web_source));
}

/* Asks the source for @ref; @note_id is NULL for a short link. */
void
hs_window_load_ref (HsWindow  *self,
                    HsNoteRef *ref)
{
  const char *note_id = hs_note_ref_get_note_id (ref);

  hs_window_cancel_load (self);
  /* Without a token nothing is sent: the page says what to do instead. */
  if (stop_for_token (self, ref))
    return;
  self->load_cancellable = g_cancellable_new ();
  hs_window_set_page (self, "loading");

  hs_trace_mark ("request %s", note_id != NULL ? note_id : hs_note_ref_get_short_link (ref));
  /* Picked for every note: a token may have arrived or gone since. */
  g_clear_object (&self->source);
  self->source = pick_source (self, ref);
  hs_note_source_get_note_async (self->source, ref,
                                 self->load_cancellable,
                                 note_loaded_cb,
                                 load_data_new (self, note_id));
}

static void
load_note (HsWindow   *self,
           const char *note_id,
           const char *link)
{
  g_autoptr(HsNoteRef) ref = link != NULL ? hs_note_ref_new_for_link (link) : NULL;

  if (ref == NULL)
    ref = hs_note_ref_new_for_id (note_id);
  hs_window_load_ref (self, ref);
}

static void
resolve_short_link (HsWindow  *self,
                    HsNoteRef *short_ref)
{
  g_autoptr(HsNoteRef) ref = hs_note_ref_ref (short_ref);

  hs_window_set_short_ref (self, ref);
  hs_window_set_entry_text (self, hs_note_ref_get_short_link (ref));
  hs_window_load_ref (self, ref);
}

/* Shows @note_id: @note when it is already in hand, else from the
 * history's memory when going back or forward, else from the API. */
static void
navigate_to (HsWindow   *self,
             const char *note_id,
             const char *link,
             gboolean    push,
             HsNote     *note)
{
  g_autofree char *id = g_strdup (note_id);
  g_autofree char *kept = g_strdup (link);
  g_autofree char *shown = kept != NULL ? g_strdup (kept) : hs_urls_note_link (id);
  HsNote *known;

  hs_window_set_short_ref (self, NULL);
  if (push)
    {
      hs_window_remember_scroll (self);
      hs_history_push (self->history, id);
      hs_history_set_current_link (self->history, kept);
    }
  hs_window_set_entry_text (self, shown);
  hs_window_show_entry_error (self, NULL);

  if (note != NULL)
    hs_history_set_note (self->history, note);
  known = push && note == NULL ? NULL : hs_history_get_current_note (self->history);
  if (known != NULL)
    {
      hs_window_cancel_load (self);
      show_note (self, known);
    }
  else
    load_note (self, id, kept);
}

void
hs_window_navigate (HsWindow   *self,
                    const char *note_id,
                    const char *link,
                    gboolean    push)
{
  navigate_to (self, note_id, link, push, NULL);
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

gboolean
hs_window_search (HsWindow   *self,
                  const char *query,
                  gboolean    is_tag)
{
  g_autoptr(HsSearchResults) results = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *link = NULL;
  g_autofree char *shown = NULL;
  HsSearchResults *old;

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
  hs_recent_searches_add (hs_config_get_settings (hs_client_get_config (self->client)), shown);

  pick_search_source (self);
  if (!hs_note_source_can (self->source,
                           is_tag ? HS_NOTE_SOURCE_CAN_SEARCH_TAGS : HS_NOTE_SOURCE_CAN_SEARCH))
    {
      /* Offline over the library instead, and the page says so. */
      hs_window_search_library (self, stripped, is_tag);
      return TRUE;
    }

  /* Without a token the API would only refuse the search. */
  if (needs_token (self))
    {
      hs_window_cancel_load (self);
      hs_error_page_show_token_needed (self->error_page);
      hs_window_set_page (self, "error");
      self->waits_for_token = TRUE;
      return TRUE;
    }

  /* A new search cancels the page the old one was loading; the old one
   * stays in the history and asks again if the person goes back. */
  old = hs_note_grid_get_results (self->grid);
  if (old != NULL)
    hs_search_results_cancel (old);
  hs_window_remember_scroll (self);

  results = hs_search_results_new (self->source, stripped, is_tag, SEARCH_PAGE_SIZE);
  link = hs_urls_search_link (stripped, is_tag);
  hs_history_push_search (self->history, link, G_OBJECT (results));
  hs_window_show_search (self, results, 0);
  return TRUE;
}

gboolean
hs_window_open (HsWindow   *self,
                const char *text)
{
  g_autoptr(HsNoteRef) ref = NULL;
  g_autofree char *query = NULL;
  gboolean is_tag;

  g_return_val_if_fail (HS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  hs_trace_mark ("open");

  /* Before note references: a search link may hold a note id. */
  if (hs_urls_parse_search_link (text, &query, &is_tag))
    return hs_window_search (self, query, is_tag);

  ref = hs_note_ref_new_from_text (text, NULL);
  if (ref == NULL)
    {
      g_autofree char *shown = g_utf8_substring (text, 0, MIN (g_utf8_strlen (text, -1),
                                                               MAX_ENTRY_TEXT_CHARS));
      g_autofree char *stripped = g_strstrip (g_strdup (shown));

      hs_window_set_entry_text (self, shown);
      if (*stripped == '\0')
        hs_window_show_entry_error (self, _("Enter a note link or a note ID"));
      else
        hs_window_show_entry_error (self, _("This is not a note link or a note ID. Paste a link to a note, its 24-character ID, or the text that the Xiaohongshu app copies when you share a note."));
      hs_window_reveal_entry (self);
      return FALSE;
    }

  if (hs_note_ref_get_note_id (ref) != NULL)
    hs_window_navigate (self, hs_note_ref_get_note_id (ref), hs_note_ref_get_link (ref), TRUE);
  else
    resolve_short_link (self, ref);
  return TRUE;
}

void
hs_window_reload (HsWindow *self)
{
  const char *current_id;

  g_return_if_fail (HS_IS_WINDOW (self));

  current_id = hs_history_get_current_id (self->history);
  if (self->short_ref != NULL)
    resolve_short_link (self, self->short_ref);
  else if (current_id != NULL)
    {
      g_autofree char *id = g_strdup (current_id);
      g_autofree char *link = g_strdup (hs_history_get_current_link (self->history));

      /* A saved note: from the network this time (hs-window-library.c). */
      self->refreshing = hs_window_library_is_saved (self, id);
      load_note (self, id, link);
    }
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

  recent = hs_recent_searches_get (hs_config_get_settings (hs_client_get_config (self->client)));
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

  hs_recent_searches_clear (hs_config_get_settings (hs_client_get_config (self->client)));
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
grid_activate_note_cb (HsWindow   *self,
                       HsNote     *note,
                       HsNoteGrid *grid)
{
  /* The library's notes are whole: shown as they are, without asking a
   * source that may be offline. */
  navigate_to (self, hs_note_get_note_id (note), NULL, TRUE,
               hs_window_results_are_offline (self, hs_note_grid_get_results (grid)) ? note : NULL);
}

static void
client_waiting_cb (HsWindow     *self,
                   guint         seconds,
                   const GError *reason,
                   HsClient     *client)
{
  /* The client is the application's: only our own request concerns us. */
  if (self->load_cancellable == NULL)
    return;

  /* The client announces its own limiter's waits like a server's Retry-After; when the
   * limiter holds the request, no server has said anything yet. */
  hs_error_page_show_countdown (self->error_page, reason, seconds,
                                hs_rate_limiter_get_wait (hs_client_get_rate_limiter (client)) >= G_TIME_SPAN_SECOND);
  hs_window_set_page (self, "error");
}

static void
history_changed_cb (HsWindow *self)
{
  update_actions (self);
}

/* After the history moved: a search shows its kept results at the kept
 * scroll position (no request), a note as before. */
void
hs_window_show_history_entry (HsWindow *self)
{
  GObject *search = hs_history_get_current_search (self->history);

  if (search != NULL)
    hs_window_show_search (self, HS_SEARCH_RESULTS (search), hs_history_get_current_scroll (self->history));
  else
    hs_window_navigate (self, hs_history_get_current_id (self->history),
              hs_history_get_current_link (self->history), FALSE);
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

  hs_recent_searches_clear (hs_config_get_settings (hs_client_get_config (self->client)));
  hs_window_show_toast (self, _("Recent searches cleared"));
}

static void
restore_window_state (HsWindow *self)
{
  GSettings *settings = hs_config_get_settings (hs_client_get_config (self->client));

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
hs_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hs_window_parent_class)->map (widget);

  hs_trace_mark ("window-mapped");
}

static gboolean
hs_window_close_request (GtkWindow *window)
{
  HsWindow *self = HS_WINDOW (window);
  GSettings *settings = hs_config_get_settings (hs_client_get_config (self->client));

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (settings);
    }

  return GTK_WINDOW_CLASS (hs_window_parent_class)->close_request (window);
}

static void
hs_window_constructed (GObject *object)
{
  HsWindow *self = (HsWindow *)object;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (hs_window_parent_class)->constructed (object);

  g_assert (HS_IS_CLIENT (self->client));
  g_assert (HS_IS_MEDIA_LOADER (self->loader));
  self->web_source = hs_web_source_new (hs_client_get_config (self->client));
  /* HONGSHU_WEB_BASE_URL and HONGSHU_WEB_COOKIE; a bad base keeps the real site. */
  if (!hs_web_source_apply_environment (self->web_source, &error))
    g_warning ("%s", error->message);
  self->source = hs_note_source_for_config (hs_client_get_config (self->client), self->client,
                                            HS_NOTE_SOURCE (self->web_source));

  g_signal_connect_object (self->client, "waiting",
                           G_CALLBACK (client_waiting_cb), self,
                           G_CONNECT_SWAPPED);
  hs_note_view_set_media_loader (self->note_view, self->loader);
  hs_note_grid_set_media_loader (self->grid, self->loader);
  hs_window_library_constructed (self);

  restore_window_state (self);
  hs_window_show_start_page (self);
}

static void
hs_window_dispose (GObject *object)
{
  HsWindow *self = (HsWindow *)object;

  hs_window_cancel_load (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->narrow_header_idle, g_source_remove);

  if (self->suggestions != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->suggestions));
  self->suggestions = NULL;
  self->suggestion_list = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_WINDOW);
  hs_window_library_dispose (self);

  g_clear_object (&self->history);
  g_clear_object (&self->source);
  g_clear_object (&self->web_source);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (hs_window_parent_class)->dispose (object);
}

static void
hs_window_finalize (GObject *object)
{
  HsWindow *self = (HsWindow *)object;

  g_clear_pointer (&self->short_ref, hs_note_ref_unref);
  g_clear_pointer (&self->last_launched_uri, g_free);

  G_OBJECT_CLASS (hs_window_parent_class)->finalize (object);
}

static void
hs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HsWindow *self = HS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_MEDIA_LOADER:
      g_value_set_object (value, self->loader);
      break;

    case PROP_DEMO_MODE:
      g_value_set_boolean (value, self->demo_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HsWindow *self = HS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_MEDIA_LOADER:
      self->loader = g_value_dup_object (value);
      break;

    case PROP_DEMO_MODE:
      hs_window_set_demo_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Narrower than this (360 px on a phone), the header bar keeps what fits
 * without cutting the title short: the Library and Search buttons go, and
 * both stay in the main menu with their shortcuts (Ctrl+Shift+O, Ctrl+F). */
#define NARROW_HEADER_WIDTH 560

static gboolean
apply_narrow_header_cb (gpointer user_data)
{
  HsWindow *self = user_data;

  self->narrow_header_idle = 0;
  gtk_widget_set_visible (self->library_button, !self->narrow_header);
  gtk_widget_set_visible (self->search_button, !self->narrow_header);
  return G_SOURCE_REMOVE;
}

static void
hs_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  HsWindow *self = HS_WINDOW (widget);
  gboolean narrow;

  GTK_WIDGET_CLASS (hs_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* The content's width: the window's includes the shadow of its decorations.
   * Buttons are shown or hidden after this allocation, not during it. */
  narrow = gtk_widget_get_width (GTK_WIDGET (self->stack)) < NARROW_HEADER_WIDTH;
  if (narrow != self->narrow_header)
    {
      self->narrow_header = narrow;
      if (self->narrow_header_idle == 0)
        self->narrow_header_idle = g_idle_add (apply_narrow_header_cb, self);
    }
}

static void
hs_window_class_init (HsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = hs_window_constructed;
  object_class->dispose = hs_window_dispose;
  object_class->finalize = hs_window_finalize;
  object_class->get_property = hs_window_get_property;
  object_class->set_property = hs_window_set_property;

  widget_class->map = hs_window_map;
  widget_class->size_allocate = hs_window_size_allocate;
  window_class->close_request = hs_window_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         HS_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MEDIA_LOADER] =
    g_param_spec_object ("media-loader", NULL, NULL,
                         HS_TYPE_MEDIA_LOADER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEMO_MODE] =
    g_param_spec_boolean ("demo-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HS_TYPE_NOTE_VIEW);
  g_type_ensure (HS_TYPE_ERROR_PAGE);
  g_type_ensure (HS_TYPE_WELCOME_PAGE);
  g_type_ensure (HS_TYPE_NOTE_GRID);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, title_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, entry_clamp);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, library_button);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, entry);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, entry_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, entry_error_label);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, source_section);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, sample_button);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, note_view);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, grid);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, library_page);
  gtk_widget_class_bind_template_callback_full (widget_class, "entry_activate_cb",
                                                G_CALLBACK (hs_window_entry_activate_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "entry_changed_cb",
                                                G_CALLBACK (hs_window_entry_changed_cb));

  hs_window_actions_class_init (widget_class);
  hs_window_library_class_init (widget_class);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.search-tag", "s", search_tag_action);
  gtk_widget_class_install_action (widget_class, "win.search-keyword", "s", search_keyword_action);
  gtk_widget_class_install_action (widget_class, "win.clear-recent-searches", NULL, clear_recent_searches_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
}

static void
hs_window_init (HsWindow *self)
{
  GtkDropTarget *target;
  GtkEventController *key;
  GtkEventController *controller;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  self->history = hs_history_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The striped header bar of a development build. */
  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_object_bind_property (self, "title", self->window_title, "title", G_BINDING_SYNC_CREATE);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (hs_window_entry_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);

  g_signal_connect_object (self->history, "notify::can-go-back",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-go-forward",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);

  /* The demo's empty page offers its seed note. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->sample_button), "s", HS_DEMO_SEED_NOTE_ID);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sample_button), "win.open-ref");

  g_signal_connect_object (self->grid, "activate-note",
                           G_CALLBACK (grid_activate_note_cb), self, G_CONNECT_SWAPPED);
  hs_window_library_init (self);

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

  /* Before the focused widget (a button would move the focus with them). */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (int direction = -1; direction <= 1; direction += 2)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (direction < 0 ? GDK_KEY_Left : GDK_KEY_Right, 0),
                                                gtk_callback_action_new (hs_window_page_gallery_key_cb, NULL, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (direction));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect_object (target, "drop", G_CALLBACK (hs_window_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  update_actions (self);
}

HsWindow *
hs_window_new (GtkApplication *application,
               HsClient       *client,
               HsMediaLoader  *loader)
{
  return g_object_new (HS_TYPE_WINDOW,
                       "application", application,
                       "client", client,
                       "media-loader", loader,
                       NULL);
}

static void
account_changed_cb (HsWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "welcome") == 0 || g_strcmp0 (page, "empty") == 0)
    hs_window_show_start_page (self);

  /* The token just set in Preferences: open what was asked for. */
  if (self->waits_for_token && g_strcmp0 (page, "error") == 0 &&
      hs_account_get_has_token (self->account))
    {
      self->waits_for_token = FALSE;
      hs_window_reload (self);
    }
}

/* The account's cookie (keyring or HONGSHU_WEB_COOKIE) signs the website
 * source in; until the account has answered, the environment's. */
static void
web_cookie_changed_cb (HsWindow *self)
{
  const char *cookie = self->account != NULL ? hs_account_get_web_cookie (self->account) : NULL;

  if (cookie == NULL && hs_credentials_has_env_override (HS_CREDENTIAL_WEB_COOKIE))
    cookie = g_getenv (hs_credentials_get_env_var_name (HS_CREDENTIAL_WEB_COOKIE));
  hs_web_source_set_cookie (self->web_source, cookie);
}

void
hs_window_set_account (HsWindow  *self,
                       HsAccount *account)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  g_return_if_fail (account == NULL || HS_IS_ACCOUNT (account));

  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_set_object (&self->account, account);
  if (account != NULL)
    {
      g_signal_connect_object (account, "notify::state",
                               G_CALLBACK (account_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (account, "notify::web-cookie",
                               G_CALLBACK (web_cookie_changed_cb), self, G_CONNECT_SWAPPED);
    }
  web_cookie_changed_cb (self);
  account_changed_cb (self);
}

void
hs_window_set_demo_mode (HsWindow *self,
                         gboolean  demo_mode)
{
  const char *page;

  g_return_if_fail (HS_IS_WINDOW (self));

  demo_mode = !!demo_mode;
  if (self->demo_mode == demo_mode)
    return;

  self->demo_mode = demo_mode;
  gtk_revealer_set_reveal_child (self->demo_banner, demo_mode);
  gtk_widget_set_visible (self->sample_button, demo_mode);

  page = gtk_stack_get_visible_child_name (self->stack);
  if (g_strcmp0 (page, "welcome") == 0 || g_strcmp0 (page, "empty") == 0)
    hs_window_show_start_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO_MODE]);
}

void
hs_window_set_short_link_base (HsWindow   *self,
                               const char *short_link_base)
{
  g_return_if_fail (HS_IS_WINDOW (self));

  /* The API source follows short links; in demo mode the demo server
   * stands in for xhslink.com (any of its host names). */
  hs_client_set_short_link_base (self->client, short_link_base);
  hs_web_source_set_short_link_base (self->web_source, short_link_base);
}

gboolean
hs_window_set_web_base_url (HsWindow    *self,
                            const char  *base_url,
                            GError     **error)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), FALSE);

  return hs_web_source_set_base_url (self->web_source,
                                     base_url != NULL ? base_url : HS_WEB_SOURCE_DEFAULT_BASE_URL,
                                     error);
}

void
hs_window_set_web_original_bases (HsWindow   *self,
                                  const char *image_base,
                                  const char *video_base)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  hs_web_source_set_original_bases (self->web_source, image_base, video_base);
}

const char *
hs_window_get_web_base_url (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return hs_web_source_get_base_url (self->web_source);
}

gboolean
hs_window_get_demo_mode (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), FALSE);
  return self->demo_mode;
}

void
hs_window_show_toast (HsWindow   *self,
                      const char *message)
{
  AdwToast *toast;

  g_return_if_fail (HS_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

char *
hs_window_dup_source_label (HsWindow *self)
{
  char *label = NULL;

  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  if (g_menu_model_get_n_items (G_MENU_MODEL (self->source_section)) > 0)
    g_menu_model_get_item_attribute (G_MENU_MODEL (self->source_section), 0, G_MENU_ATTRIBUTE_LABEL,
                                     "s", &label);
  return label;
}

const char *
hs_window_get_visible_page (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

HsHistory *
hs_window_get_history (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return self->history;
}

GtkWidget *
hs_window_get_entry (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->entry);
}

const char *
hs_window_get_entry_error (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->entry_error_revealer))
    return NULL;
  return gtk_label_get_text (self->entry_error_label);
}

GtkWidget *
hs_window_get_note_view (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->note_view);
}

GtkWidget *
hs_window_get_error_page (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->error_page);
}

GtkWidget *
hs_window_get_note_grid (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->grid);
}

GtkWidget *
hs_window_get_suggestions (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->suggestion_list);
}

GtkWidget *
hs_window_get_welcome_page (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->welcome_page);
}

char *
hs_window_dup_note_link (HsWindow *self)
{
  const char *note_id;
  const char *link;

  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  note_id = hs_history_get_current_id (self->history);
  if (note_id == NULL)
    return NULL;
  /* The link as the person gave it: the website refuses one without its
   * xsec_token. */
  link = hs_history_get_current_link (self->history);
  return link != NULL ? g_strdup (link) : hs_urls_note_link (note_id);
}

void
hs_window_set_launch_hook (HsWindow           *self,
                           HsWindowLaunchHook  hook,
                           gpointer            user_data)
{
  g_return_if_fail (HS_IS_WINDOW (self));

  self->launch_hook = hook;
  self->launch_hook_data = user_data;
}
