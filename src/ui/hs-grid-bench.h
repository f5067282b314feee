#pragma once

#include "hs-window.h"

G_BEGIN_DECLS

/* For build-aux/bench-grid.sh and build-aux/screenshots.sh, through the
 * environment; does nothing when neither is set:
 *   HONGSHU_BENCH_GRID=N    once the search grid shows its first page,
 *                           scroll it a step per frame until N results
 *                           have come (or the last page), print frame
 *                           times and memory to stderr, and quit
 *   HONGSHU_GRID_SCREENSHOT=FILE.png  once the grid's first page and covers
 *                           show, render the window into FILE.png and quit */
void hs_grid_bench_attach_from_environment (HsWindow *window);

G_END_DECLS
