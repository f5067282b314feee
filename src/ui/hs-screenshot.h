#pragma once

#include "hs-window.h"

G_BEGIN_DECLS

/* For build-aux/screenshots.sh and build-aux/bench-window.sh:
 *   HONGSHU_WINDOW_SIZE=WxH      the window's size
 *   HONGSHU_SCREENSHOT=FILE.png  once a note is ready, render the window
 *                                into FILE.png and quit
 *   HONGSHU_EXIT_WHEN_READY=1    once a note is ready, quit
 *   HONGSHU_SCREENSHOT_SIGN_IN=1 with HONGSHU_SCREENSHOT: the sign-in window
 *                                (its page loaded) instead of a note
 *   HONGSHU_SCREENSHOT_DOWNLOAD=search  with HONGSHU_SCREENSHOT and
 *                                `--search WORD`: the search page's Download
 *                                All Results, the Download window once done
 *   HONGSHU_SCREENSHOT_DOWNLOAD=input   the "Download…" window as it opens
 * Does nothing when none is set. */
void     hs_screenshot_attach_from_environment (HsWindow    *window);
/* Renders @widget as it is now, at its size and scale, into a PNG file. */
gboolean hs_screenshot_save_png                (GtkWidget   *widget,
                                                const char  *path,
                                                GError     **error);

G_END_DECLS
