#include "config.h"

#include <stdio.h>
#include <string.h>

#include "hs-library-bench.h"
#include "hs-library-page.h"
#include "hs-note-grid.h"
#include "hs-screenshot.h"
#include "hs-window-private.h"

/* Covers decode off the main thread after the first page; give them this
 * long to paint before a screenshot. */
#define SCREENSHOT_SETTLE_MS 2500

/* The benchmark starts once the window has settled: the web process of
 * note bodies starts and the saved ids load right after startup. */
#define BENCH_SETTLE_MS 2000

typedef enum
{
  STEP_WAIT_LIBRARY,
  STEP_SETTLE,
  STEP_OPEN,      /* the Library shown at its section, first page not painted yet */
  STEP_SEARCH,    /* the benchmark's search typed, first page not painted yet */
  STEP_DONE,
} Step;

typedef struct
{
  HsWindow *window;
  char     *view;
  char     *screenshot;
  char     *bench_query;
  Step      step;
  gint64    started;
  gint64    ready_at;      /* the library was open */
  gint64    painted;       /* set in after-paint once the page is there */
  gint64    arrived;       /* the frame that saw the first page */
  double    open_ms;
  guint     tick_id;
} Bench;

static void
bench_free (gpointer data)
{
  Bench *bench = data;

  g_free (bench->view);
  g_free (bench->screenshot);
  g_free (bench->bench_query);
  g_free (bench);
}

static HsLibraryPage *
page_of (Bench *bench)
{
  return HS_LIBRARY_PAGE (hs_window_get_library_page (bench->window));
}

/* The section or search shown has its first page, or is a list (tags,
 * categories) that is read. */
static gboolean
first_page_ready (Bench *bench)
{
  GtkWidget *grid = hs_library_page_get_visible_grid (page_of (bench));
  HsSearchResults *results;

  if (grid == NULL)
    return !hs_library_page_get_busy (page_of (bench));
  results = hs_note_grid_get_results (HS_NOTE_GRID (grid));
  /* The first page: the grid may already ask for the next to fill the window. */
  return results != NULL && (hs_search_results_get_n_pages (results) > 0 ||
                             (!hs_search_results_get_loading (results) &&
                              hs_search_results_get_error (results) != NULL));
}

static void
quit (Bench *bench)
{
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (bench->window))));
}

static void
search (Bench      *bench,
        const char *text)
{
  GtkWidget *entry = hs_library_page_get_search_entry (page_of (bench));

  /* As typed: the entry says so after its typing delay, which is part of
   * what a person waits for. */
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, bench);
  bench->painted = g_get_monotonic_time ();
}

static gboolean
shoot_cb (gpointer user_data)
{
  Bench *bench = user_data;
  g_autoptr(GError) error = NULL;

  if (hs_screenshot_save_png (GTK_WIDGET (bench->window), bench->screenshot, &error))
    fprintf (stderr, "hongshu: saved %s\n", bench->screenshot);
  else
    fprintf (stderr, "hongshu: %s\n", error->message);
  quit (bench);
  return G_SOURCE_REMOVE;
}

static void
show_view (Bench *bench)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (page_of (bench)), GTK_TYPE_STACK);

  /* Under Xvfb a crossfade that started before the first frames can be
   * left half done in the picture: show the page outright. */
  if (stack != NULL)
    gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_NONE);
  if (g_str_has_prefix (bench->view, "search:"))
    {
      hs_window_show_library (bench->window, "saved");
      search (bench, bench->view + strlen ("search:"));
    }
  else
    hs_window_show_library (bench->window, bench->view);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Bench *bench = user_data;

  switch (bench->step)
    {
    case STEP_WAIT_LIBRARY:
      if (hs_window_get_library (bench->window) == NULL)
        return G_SOURCE_CONTINUE;
      bench->ready_at = g_get_monotonic_time ();
      bench->step = bench->bench_query != NULL ? STEP_SETTLE : STEP_OPEN;
      if (bench->step == STEP_SETTLE)
        return G_SOURCE_CONTINUE;
      G_GNUC_FALLTHROUGH;

    case STEP_SETTLE:
      if (bench->step == STEP_SETTLE &&
          g_get_monotonic_time () - bench->ready_at < BENCH_SETTLE_MS * 1000)
        return G_SOURCE_CONTINUE;
      bench->step = STEP_OPEN;
      bench->painted = 0;
      bench->started = g_get_monotonic_time ();
      if (bench->bench_query != NULL)
        hs_window_show_library (bench->window, "saved");
      else
        show_view (bench);
      return G_SOURCE_CONTINUE;

    case STEP_OPEN:
    case STEP_SEARCH:
      if (bench->painted == 0)
        {
          /* Ready now: what this frame paints is the first page. */
          if (first_page_ready (bench) && bench->arrived == 0)
            bench->arrived = g_get_monotonic_time ();
          if (first_page_ready (bench) &&
              !g_signal_handler_find (clock, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                      after_paint_cb, bench))
            g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
          return G_SOURCE_CONTINUE;
        }
      if (bench->bench_query == NULL)
        {
          bench->step = STEP_DONE;
          g_timeout_add (SCREENSHOT_SETTLE_MS, shoot_cb, bench);
          bench->tick_id = 0;
          return G_SOURCE_REMOVE;
        }
      if (bench->step == STEP_OPEN)
        {
          bench->open_ms = (bench->painted - bench->started) / 1000.0;
          fprintf (stderr, "hongshu-bench-library: open: first page there after %.1f ms, painted after %.1f ms\n",
                   (bench->arrived - bench->started) / 1000.0, bench->open_ms);
          bench->arrived = 0;
          bench->step = STEP_SEARCH;
          bench->painted = 0;
          bench->started = g_get_monotonic_time ();
          search (bench, bench->bench_query);
          return G_SOURCE_CONTINUE;
        }
      fprintf (stderr, "hongshu-bench-library: search: first page there after %.1f ms, painted after %.1f ms\n",
               (bench->arrived - bench->started) / 1000.0, (bench->painted - bench->started) / 1000.0);
      fprintf (stderr, "hongshu-bench-library: open_ms=%.1f search_ms=%.1f query=%s\n",
               bench->open_ms, (bench->painted - bench->started) / 1000.0, bench->bench_query);
      bench->step = STEP_DONE;
      bench->tick_id = 0;
      quit (bench);
      return G_SOURCE_REMOVE;

    case STEP_DONE:
    default:
      return G_SOURCE_REMOVE;
    }
}

void
hs_library_bench_attach_from_environment (HsWindow *window)
{
  const char *view = g_getenv ("HONGSHU_LIBRARY_VIEW");
  const char *screenshot = g_getenv ("HONGSHU_LIBRARY_SCREENSHOT");
  const char *query = g_getenv ("HONGSHU_BENCH_LIBRARY");
  Bench *bench;

  if ((screenshot == NULL || *screenshot == '\0') && (query == NULL || *query == '\0'))
    return;

  bench = g_new0 (Bench, 1);
  bench->window = window;
  bench->view = g_strdup (view != NULL && *view != '\0' ? view : "saved");
  bench->screenshot = screenshot != NULL && *screenshot != '\0' ? g_strdup (screenshot) : NULL;
  bench->bench_query = query != NULL && *query != '\0' ? g_strdup (query) : NULL;
  g_object_set_data_full (G_OBJECT (window), "hs-library-bench", bench, bench_free);
  bench->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, bench, NULL);
}
