#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hs-error-page.h"
#include "hs-note-ref.h"
#include "hs-note-source.h"
#include "hs-rate-limiter.h"
#include "hs-trace.h"
#include "hs-urls.h"
#include "hs-window-internal.h"

/* How the window opens a note: the reference the person gave (a note id, a
 * link with its query string, a short link), the source that answers it
 * (the library for a saved note, else the setting's), the page while it
 * loads and after, and Back, Forward and Reload over the history. */

/* A pasted megabyte would make the entry crawl; a reference is far shorter. */
#define MAX_ENTRY_TEXT_CHARS 2000

void
hs_window_set_short_ref (HsWindow  *self,
                         HsNoteRef *short_ref)
{
  HsNoteRef *old = self->short_ref;

  self->short_ref = short_ref != NULL ? hs_note_ref_ref (short_ref) : NULL;
  g_clear_pointer (&old, hs_note_ref_unref);
}

/* Instead of a request: say that a token is needed and offer to set it. */
void
hs_window_show_token_needed (HsWindow *self)
{
  hs_window_cancel_load (self);
  hs_error_page_show_token_needed (self->error_page);
  hs_window_set_page (self, "error");
  self->waits_for_token = TRUE;
}

static gboolean
stop_for_token (HsWindow  *self,
                HsNoteRef *ref)
{
  g_autoptr(HsNoteSource) source = NULL;

  if (!hs_window_needs_token (self))
    return FALSE;

  /* The website reads a link without a token; a bare id only for a
   * signed-in visitor, so without either nothing is sent. */
  source = hs_window_configured_source (self);
  if (!hs_note_source_can (source, HS_NOTE_SOURCE_NEEDS_TOKEN) &&
      (hs_note_ref_get_link (ref) != NULL || hs_note_ref_get_short_link (ref) != NULL ||
       !hs_note_source_can (source, HS_NOTE_SOURCE_NEEDS_LINK_TOKEN)))
    return FALSE;

  hs_window_show_token_needed (self);
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
  g_autoptr(HsWindowCall) data = user_data;
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
  g_autoptr(GVariant) value = hs_window_lookup_setting (self, "note-source");

  return value == NULL || g_strcmp0 (g_variant_get_string (value, NULL), "auto") == 0;
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
  source = hs_window_configured_source (self);
  if (self->demo_mode && HS_IS_CLIENT (source) && note_source_is_auto (self) &&
      (hs_note_ref_get_short_link (ref) != NULL ||
       (link != NULL && strstr (link, "xsec_token=") != NULL) ||
       hs_web_source_has_cookie (self->web_source)))
    return g_object_ref (HS_NOTE_SOURCE (self->web_source));
  return g_steal_pointer (&source);
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
                                 hs_window_call_new (self, note_id, self->load_cancellable));
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

void
hs_window_grid_activate_note_cb (HsWindow   *self,
                                 HsNote     *note,
                                 HsNoteGrid *grid)
{
  /* The library's notes are whole: shown as they are, without asking a
   * source that may be offline. */
  navigate_to (self, hs_note_get_note_id (note), NULL, TRUE,
               hs_window_results_are_offline (self, hs_note_grid_get_results (grid)) ? note : NULL);
}

void
hs_window_client_waiting_cb (HsWindow     *self,
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

/* After the history moved: a search shows its kept results at the kept
 * scroll position (no request), a note as before. */
void
hs_window_show_history_entry (HsWindow *self)
{
  GObject *search = hs_history_get_current_search (self->history);

  if (g_strcmp0 (hs_history_get_current_place (self->history), "library") == 0)
    hs_window_show_library (self, NULL);
  else if (search != NULL)
    hs_window_show_search (self, HS_SEARCH_RESULTS (search), hs_history_get_current_scroll (self->history));
  else
    hs_window_navigate (self, hs_history_get_current_id (self->history),
                        hs_history_get_current_link (self->history), FALSE);
}

