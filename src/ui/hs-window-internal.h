#pragma once

/* What the window's files share: its state and the calls between them
 * (hs-window.c, -navigation.c, -search.c, -actions.c, -library.c,
 * -offline.c). Private to the window. */

#include "hs-account.h"
#include "hs-error-page.h"
#include "hs-history.h"
#include "hs-library.h"
#include "hs-library-page.h"
#include "hs-library-source.h"
#include "hs-note-grid.h"
#include "hs-note-source.h"
#include "hs-note-view.h"
#include "hs-web-source.h"
#include "hs-welcome-page.h"
#include "hs-window.h"
#include "hs-window-private.h"

G_BEGIN_DECLS

struct _HsWindow
{
  AdwApplicationWindow  parent_instance;

  HsClient             *client;
  HsNoteSource         *source;            /* where notes come from: hs_note_source_for_config() */
  HsWebSource          *web_source;        /* the website, for links when there is no token */
  HsMediaLoader        *loader;
  HsAccount            *account;           /* NULL: every request goes out */
  HsHistory            *history;
  GCancellable         *cancellable;       /* the window's life: clipboard, launches */
  GCancellable         *load_cancellable;  /* the note or short link in flight */
  HsNoteRef            *short_ref;         /* set while a short link resolves or after it failed */
  HsWindowLaunchHook    launch_hook;       /* tests: sees launches instead of the desktop */
  gpointer              launch_hook_data;
  gboolean              demo_mode;
  gboolean              waits_for_token;   /* the error page asks for a token */
  char                 *last_launched_uri;
  HsLibrary            *library;           /* NULL until the application opened it */
  HsLibrarySource      *library_source;    /* saved notes, offline */
  GHashTable           *saved_ids;         /* ids of the saved notes, for the badges */
  gboolean              refreshing;        /* Reload of a saved note: from the network */
  gboolean              saving;            /* a save or removal in flight */

  AdwToastOverlay      *toast_overlay;
  AdwToast             *progress_toast;    /* weak: "Saving…", gone with the next toast */
  AdwSqueezer          *title_squeezer;
  AdwSqueezerPage      *title_page;
  GtkWidget            *entry_clamp;
  AdwWindowTitle       *window_title;
  GtkWidget            *library_button;
  GtkWidget            *search_button;
  gboolean              narrow_header;     /* Library and Search only in the menu */
  guint                 narrow_header_idle;
  GtkEntry             *entry;
  GtkRevealer          *entry_error_revealer;
  GtkLabel             *entry_error_label;
  GtkRevealer          *demo_banner;
  GtkStack             *stack;
  GtkWidget            *sample_button;
  HsNoteView           *note_view;
  HsErrorPage          *error_page;
  HsWelcomePage        *welcome_page;
  GMenu                *source_section;    /* the note menu's "From …" line */
  HsNoteGrid           *grid;
  GtkPopover           *suggestions;       /* under the entry */
  gboolean              setting_entry_text; /* the window, not the person, changes it */
  GtkListBox           *suggestion_list;
  HsLibraryPage        *library_page;
};

/* The window (hs-window.c). */

/* What an async call of the window hands its callback: the window, the
 * note the call is about, and the cancellable it went out with (nullable). */
typedef struct
{
  HsWindow     *self;
  GCancellable *cancellable;
  char         *note_id;
} HsWindowCall;

HsWindowCall *hs_window_call_new  (HsWindow     *self,
                                   const char   *note_id,
                                   GCancellable *cancellable);
void          hs_window_call_free (HsWindowCall *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsWindowCall, hs_window_call_free)

gboolean      hs_window_needs_token       (HsWindow *self);
GSettings    *hs_window_get_settings      (HsWindow *self);
GVariant     *hs_window_lookup_setting    (HsWindow   *self,
                                           const char *key);
/* (transfer full): the note source the settings choose. */
HsNoteSource *hs_window_configured_source (HsWindow *self);

/* Opening notes (hs-window-navigation.c). */
void hs_window_cancel_load (HsWindow *self);
void hs_window_load_ref (HsWindow  *self,
                         HsNoteRef *ref);
void hs_window_show_token_needed (HsWindow *self);
void hs_window_grid_activate_note_cb (HsWindow   *self,
                                      HsNote     *note,
                                      HsNoteGrid *grid);
void hs_window_client_waiting_cb (HsWindow     *self,
                                  guint         seconds,
                                  const GError *reason,
                                  HsClient     *client);

/* The library (hs-window-library.c). */
void          hs_window_library_class_init     (GtkWidgetClass *widget_class);
void          hs_window_library_init           (HsWindow       *self);
void          hs_window_library_constructed    (HsWindow       *self);
void          hs_window_library_dispose        (HsWindow       *self);
void          hs_window_library_update_actions (HsWindow       *self);
gboolean      hs_window_library_is_saved       (HsWindow       *self,
                                                const char     *note_id);
/* (nullable) (transfer full): the library for a saved note, unless reloading. */
HsNoteSource *hs_window_library_source_for     (HsWindow       *self,
                                                HsNoteRef      *ref);
/* A note came from @source: into the History, or saved anew after a Reload. */
void          hs_window_library_note_loaded    (HsWindow       *self,
                                                HsNote         *note,
                                                HsNoteSource   *source);
/* TRUE when the failure of a Reload was handled by showing the saved copy. */
gboolean      hs_window_library_load_failed    (HsWindow       *self,
                                                const char     *note_id,
                                                const GError   *error);
void hs_window_navigate (HsWindow   *self,
                         const char *note_id,
                         const char *link,
                         gboolean    push);
void hs_window_set_page (HsWindow   *self,
                         const char *name);
void hs_window_set_short_ref (HsWindow  *self,
                              HsNoteRef *short_ref);
void hs_window_actions_class_init (GtkWidgetClass *widget_class);
gboolean hs_window_drop_cb (HsWindow      *self,
                            const GValue  *value,
                            double         x,
                            double         y,
                            GtkDropTarget *target);
void hs_window_entry_activate_cb (HsWindow *self);
void hs_window_entry_changed_cb (HsWindow *self);
gboolean hs_window_page_gallery_key_cb (GtkWidget *widget,
                                        GVariant  *args,
                                        gpointer   user_data);
/* Search (hs-window-search.c): what Enter does with the entry's text, the
 * suggestions under it, and the results page. */
void hs_window_search_class_init (GtkWidgetClass *widget_class);
void hs_window_search_init (HsWindow *self);
void hs_window_search_dispose (HsWindow *self);
gboolean hs_window_activate_entry_text (HsWindow   *self,
                                        const char *text);
void hs_window_run_search (HsWindow     *self,
                           HsNoteSource *source,
                           const char   *query,
                           gboolean      is_tag);
void hs_window_update_suggestions (HsWindow *self,
                                   gboolean  force);
void hs_window_remember_scroll (HsWindow *self);
void hs_window_show_progress_toast (HsWindow   *self,
                                    const char *message);
void hs_window_show_history_entry (HsWindow *self);
void hs_window_set_entry_text (HsWindow   *self,
                               const char *text);
void hs_window_show_entry_error (HsWindow   *self,
                                 const char *message);
void hs_window_set_entry_revealed (HsWindow *self,
                                   gboolean  revealed);
void hs_window_reveal_entry (HsWindow *self);
void hs_window_entry_focus_leave_cb (HsWindow *self);
void hs_window_show_search (HsWindow        *self,
                            HsSearchResults *results,
                            double           scroll);
/* Offline search (hs-window-offline.c): the library's, where the source
 * cannot search online. */
void hs_window_search_library (HsWindow   *self,
                               const char *query,
                               gboolean    is_tag);
gboolean hs_window_results_are_offline (HsWindow        *self,
                                        HsSearchResults *results);
void hs_window_update_search_notice (HsWindow        *self,
                                     HsSearchResults *results);

G_END_DECLS
