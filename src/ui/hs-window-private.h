#pragma once

#include "hs-window.h"

G_BEGIN_DECLS

/* Test hooks of HsWindow: not for the application. */

/* Called instead of the desktop's launcher for every link the window
 * opens (Open in Browser, links in a note); return TRUE when handled. */
typedef gboolean (*HsWindowLaunchHook) (HsWindow   *window,
                                        const char *uri,
                                        gpointer    user_data);

void hs_window_set_launch_hook (HsWindow           *self,
                                HsWindowLaunchHook  hook,
                                gpointer            user_data);

G_END_DECLS
