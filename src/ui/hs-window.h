#pragma once

#include <adwaita.h>

#include "hs-client.h"
#include "hs-history.h"
#include "hs-media-loader.h"

G_BEGIN_DECLS

#define HS_TYPE_WINDOW (hs_window_get_type ())

G_DECLARE_FINAL_TYPE (HsWindow, hs_window, HS, WINDOW, AdwApplicationWindow)

/* The main window: a note entry in the header bar drives the client; the
 * note, an error or the welcome page fills the rest.
 *
 * Properties: "client" and "media-loader" (construct-only), "demo-mode"
 * (shows the demo banner). */
HsWindow   *hs_window_new                (GtkApplication *application,
                                          HsClient       *client,
                                          HsMediaLoader  *loader);
/* Opens whatever API.md §8 accepts (a note id, a link, share text). Invalid
 * text goes into the entry with an inline error and nothing is sent:
 * returns FALSE then. A new note cancels the one in flight. */
gboolean    hs_window_open               (HsWindow       *self,
                                          const char     *text);
void        hs_window_reload             (HsWindow       *self);
/* The first page when nothing is open: the welcome page explains the
 * access token; without it, an empty "Open a Note" page. */
void        hs_window_set_needs_token    (HsWindow       *self,
                                          gboolean        needs_token);
void        hs_window_set_demo_mode      (HsWindow       *self,
                                          gboolean        demo_mode);
gboolean    hs_window_get_demo_mode      (HsWindow       *self);
/* Short links on xhslink.com/.cn resolve under this base instead (the demo
 * server's stand-in); NULL for the real ones. */
void        hs_window_set_short_link_base (HsWindow      *self,
                                          const char     *short_link_base);
void        hs_window_show_toast         (HsWindow       *self,
                                          const char     *message);

/* What the window shows, for tests: "welcome", "empty", "loading", "note"
 * or "error". */
const char *hs_window_get_visible_page   (HsWindow       *self);
HsHistory  *hs_window_get_history        (HsWindow       *self);
GtkWidget  *hs_window_get_entry          (HsWindow       *self);
/* The inline error under the entry, NULL while there is none. */
const char *hs_window_get_entry_error    (HsWindow       *self);
const char *hs_window_get_last_launched_uri (HsWindow    *self);
GtkWidget  *hs_window_get_note_view      (HsWindow       *self);
GtkWidget  *hs_window_get_error_page     (HsWindow       *self);
GtkWidget  *hs_window_get_welcome_page   (HsWindow       *self);
/* The link that Ctrl+C copies and Ctrl+O opens, NULL without a note. */
char       *hs_window_dup_note_link      (HsWindow       *self);

G_END_DECLS
