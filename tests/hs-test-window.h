#pragma once

#include <gtk/gtk.h>

#include "hs-application.h"
#include "hs-test-support.h"
#include "hs-window.h"

G_BEGIN_DECLS

/* What the tests of the whole window (test-window, test-sign-in) share: waits
 * on the one window under test, which say its visible page when they give up.
 * UI tests only; hs-test-support.h is for every test. */

/* Before g_test_init(): a new temporary home for the media cache, WebKit's data and the
 * library (@name names it), settings in memory, no accessibility bus and no app key.
 * Returns: (transfer full): the home, for hs_test_remove_tree() at the end. */
char       *hs_test_window_isolate     (const char      *name);
/* Registers and activates @app (its own primary instance unless @unique), and makes its
 * main window the one the functions below look at. */
HsWindow   *hs_test_window_start       (HsApplication   *app,
                                        gboolean         unique);
/* The window the functions below look at. */
void        hs_test_window_set         (HsWindow        *window);

void        hs_test_window_wait_for    (HsTestCondition  condition,
                                        gconstpointer    data,
                                        const char      *what);
/* Conditions: @data is a page name ("note", "error") or a note id. */
gboolean    hs_test_page_is     (gconstpointer    data);
gboolean    hs_test_note_shown  (gconstpointer    data);

/* The widget named @name (gtk_widget_set_name()) at or below @root, or NULL. */
GtkWidget  *hs_test_find_named         (GtkWidget       *root,
                                        const char      *name);
/* The widget named @name in the window, or a fatal error. */
GtkWidget  *hs_test_named        (const char      *name);

G_END_DECLS
