#pragma once

#include "hs-window.h"

G_BEGIN_DECLS

/* For tests only: what the window shows. */

/* "welcome", "empty", "loading", "note", "error" or "search". */
const char *hs_window_get_visible_page   (HsWindow       *self);
/* The menu's "where the note came from" line, or NULL. */
char       *hs_window_dup_source_label   (HsWindow       *self);
HsHistory  *hs_window_get_history        (HsWindow       *self);
GtkWidget  *hs_window_get_library_page   (HsWindow       *self);
GtkWidget  *hs_window_get_entry          (HsWindow       *self);
/* The inline error under the entry, NULL while there is none. */
const char *hs_window_get_entry_error    (HsWindow       *self);
GtkWidget  *hs_window_get_error_page     (HsWindow       *self);
GtkWidget  *hs_window_get_welcome_page   (HsWindow       *self);
GtkWidget  *hs_window_get_note_grid      (HsWindow       *self);
/* The welcome page (or the last note), as at start-up. */
void        hs_window_show_start_page    (HsWindow       *self);
/* The list of suggestions under the entry. */
GtkWidget  *hs_window_get_suggestions    (HsWindow       *self);
/* The address last handed to the desktop to open. */
const char *hs_window_get_last_launched_uri (HsWindow    *self);

/* Called instead of the desktop's launcher for every link the window
 * opens (Open in Browser, links in a note); return TRUE when handled. */
typedef gboolean (*HsWindowLaunchHook) (HsWindow   *window,
                                        const char *uri,
                                        gpointer    user_data);

void hs_window_set_launch_hook (HsWindow           *self,
                                HsWindowLaunchHook  hook,
                                gpointer            user_data);

G_END_DECLS
