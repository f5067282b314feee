#pragma once

#include "hs-window.h"

G_BEGIN_DECLS

/* For build-aux/screenshots.sh and build-aux/bench-library.sh, through the
 * environment; does nothing when none is set. Once the library is open:
 *   HONGSHU_LIBRARY_VIEW=SECTION  show the Library at SECTION (saved,
 *                           history, tags, categories) or, as search:TEXT,
 *                           a library search for TEXT
 *   HONGSHU_LIBRARY_SCREENSHOT=FILE.png  once it shows (its first page and
 *                           covers), render the window into FILE.png and quit
 *   HONGSHU_BENCH_LIBRARY=TEXT  time the Library opening at Saved to its
 *                           first page painted, then a search for TEXT to
 *                           its first page painted; print both to stderr
 *                           and quit */
void hs_library_bench_attach_from_environment (HsWindow *window);

G_END_DECLS
