#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hs-grid-bench.h"
#include "hs-note-card.h"
#include "hs-note-grid.h"
#include "hs-screenshot.h"
#include "hs-texture-cache.h"
#include "hs-window-private.h"

/* Pixels a frame: a brisk flick, about 3000 px/s at 60 Hz. */
#define SCROLL_STEP 50
/* Covers decode off the main thread after the first page: a screenshot
 * waits until every card shown has its cover (a fixed 2.5 s missed some
 * on a loaded machine), at most this long, then one more moment to paint. */
#define SCREENSHOT_COVERS_MAX_MS 15000
#define SCREENSHOT_SETTLE_MS 300

typedef struct
{
  HsWindow   *window;
  guint       target;       /* results to scroll through */
  char       *screenshot;
  gboolean    started;
  gint64      last_frame_time;
  GArray     *intervals;    /* double ms between frames while scrolling */
  char       *memory_before;
  char       *memory_first_pass;  /* at the end, before scrolling back up and down again */
  gboolean    second_pass;
  guint       tick_id;
  guint       poll_id;
  gint64      covers_deadline;
} Bench;

static void
bench_free (gpointer data)
{
  Bench *bench = data;

  g_clear_handle_id (&bench->poll_id, g_source_remove);
  g_clear_pointer (&bench->intervals, g_array_unref);
  g_free (bench->memory_before);
  g_free (bench->memory_first_pass);
  g_free (bench->screenshot);
  g_free (bench);
}

/* Proportional set size and anonymous memory of this (the UI) process,
 * from the kernel's rollup. */
static char *
read_memory (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 pss = 0, anonymous = 0;

  if (!g_file_get_contents ("/proc/self/smaps_rollup", &text, NULL, NULL))
    return g_strdup ("unknown");
  lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l != NULL; l++)
    {
      if (g_str_has_prefix (*l, "Pss:"))
        pss = g_ascii_strtoull (*l + 4, NULL, 10);
      else if (g_str_has_prefix (*l, "Anonymous:"))
        anonymous = g_ascii_strtoull (*l + 10, NULL, 10);
    }
  /* malloc's own view tells live blocks from freed ones it keeps (arena
   * fragmentation), and the cache says how much of it is pictures. */
  {
    struct mallinfo2 info = mallinfo2 ();
    HsTextureCache *cache = hs_texture_cache_get_default ();

    return g_strdup_printf ("pss_kib=%" G_GUINT64_FORMAT " anonymous_kib=%" G_GUINT64_FORMAT
                            " malloc_used_kib=%zu malloc_free_kib=%zu malloc_mmap_kib=%zu"
                            " cache_kib=%zu cache_textures=%u",
                            pss, anonymous,
                            info.uordblks / 1024, info.fordblks / 1024, info.hblkhd / 1024,
                            hs_texture_cache_get_size (cache) / 1024,
                            hs_texture_cache_get_n_textures (cache));
  }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
finish (Bench *bench)
{
  HsNoteGrid *grid = HS_NOTE_GRID (hs_window_get_note_grid (bench->window));
  g_autofree char *memory_after = read_memory ();
  GArray *v = bench->intervals;
  guint n = v->len;

  /* The frame times are the first pass's, which loads the pages. */
  g_array_sort (v, compare_doubles);
  fprintf (stderr, "hongshu-bench-grid: results=%u frames=%u median_ms=%.2f p95_ms=%.2f max_ms=%.2f\n",
           g_list_model_get_n_items (G_LIST_MODEL (hs_note_grid_get_results (grid))), n,
           n > 0 ? g_array_index (v, double, n / 2) : 0,
           n > 0 ? g_array_index (v, double, MIN (n - 1, n * 95 / 100)) : 0,
           n > 0 ? g_array_index (v, double, n - 1) : 0);
  fprintf (stderr, "hongshu-bench-grid: memory before %s\n", bench->memory_before);
  fprintf (stderr, "hongshu-bench-grid: memory after %s\n", bench->memory_first_pass);
  fprintf (stderr, "hongshu-bench-grid: memory after a second pass %s\n", memory_after);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (bench->window))));
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *bench = user_data;
  HsNoteGrid *grid = HS_NOTE_GRID (hs_window_get_note_grid (bench->window));
  HsSearchResults *results = hs_note_grid_get_results (grid);
  GtkAdjustment *adjustment = hs_note_grid_get_vadjustment (grid);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double value = gtk_adjustment_get_value (adjustment);
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (bench->last_frame_time != 0 && !bench->second_pass)
    {
      double interval = (now - bench->last_frame_time) / 1000.0;

      g_array_append_val (bench->intervals, interval);
    }
  bench->last_frame_time = now;

  if (value >= bottom - 1 && !hs_search_results_get_loading (results) &&
      (g_list_model_get_n_items (G_LIST_MODEL (results)) >= bench->target ||
       !hs_search_results_get_has_more (results)))
    {
      /* Then up to the top and down again over the same results: growth that comes
       * back on the second pass is a leak, growth that does not is a bounded cache. */
      if (!bench->second_pass)
        {
          bench->second_pass = TRUE;
          bench->memory_first_pass = read_memory ();
          gtk_adjustment_set_value (adjustment, 0);
          return G_SOURCE_CONTINUE;
        }
      bench->tick_id = 0;
      finish (bench);
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (adjustment, MIN (value + SCROLL_STEP, bottom));
  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, bench);

  if (hs_screenshot_save_png (GTK_WIDGET (bench->window), bench->screenshot, &error))
    fprintf (stderr, "hongshu: saved %s\n", bench->screenshot);
  else
    fprintf (stderr, "hongshu: %s\n", error->message);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (bench->window))));
}

/* After a frame, so that what is rendered is what the window shows. */
static gboolean
shoot_cb (gpointer user_data)
{
  Bench *bench = user_data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (bench->window));

  bench->poll_id = 0;
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
  gtk_widget_queue_draw (GTK_WIDGET (bench->window));
  return G_SOURCE_REMOVE;
}

/* Whether a card below @widget that is shown and has a cover to show
 * is still without it. */
static gboolean
cover_missing (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (HS_IS_NOTE_CARD (widget))
    {
      HsNoteCard *card = HS_NOTE_CARD (widget);

      return hs_note_card_get_cover_url (card) != NULL && !hs_note_card_has_cover (card);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (cover_missing (child))
      return TRUE;
  return FALSE;
}

static gboolean
covers_poll_cb (gpointer user_data)
{
  Bench *bench = user_data;
  HsNoteGrid *grid = HS_NOTE_GRID (hs_window_get_note_grid (bench->window));

  if (cover_missing (hs_note_grid_get_grid_view (grid)) &&
      g_get_monotonic_time () < bench->covers_deadline)
    return G_SOURCE_CONTINUE;
  bench->poll_id = g_timeout_add (SCREENSHOT_SETTLE_MS, shoot_cb, bench);
  return G_SOURCE_REMOVE;
}

/* The grid has no "first page shown" signal of its own; a poll costs
 * nothing in these runs and keeps the grid free of their hooks. */
static gboolean
poll_cb (gpointer user_data)
{
  Bench *bench = user_data;
  HsNoteGrid *grid = HS_NOTE_GRID (hs_window_get_note_grid (bench->window));
  HsSearchResults *results = hs_note_grid_get_results (grid);

  if (g_strcmp0 (hs_window_get_visible_page (bench->window), "search") != 0 ||
      results == NULL || hs_search_results_get_n_pages (results) == 0 ||
      hs_search_results_get_loading (results))
    return G_SOURCE_CONTINUE;

  bench->poll_id = 0;
  if (bench->screenshot != NULL)
    {
      GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (grid), GTK_TYPE_STACK);

      /* Under Xvfb a crossfade that started before the first frames can be
       * left half done in the picture: show the page outright. */
      if (stack != NULL)
        {
          gtk_stack_set_transition_type (GTK_STACK (stack), GTK_STACK_TRANSITION_TYPE_NONE);
          gtk_stack_set_visible_child_name (GTK_STACK (stack), "empty");
          gtk_stack_set_visible_child_name (GTK_STACK (stack), "search");
        }
      bench->covers_deadline = g_get_monotonic_time () + SCREENSHOT_COVERS_MAX_MS * G_TIME_SPAN_MILLISECOND;
      bench->poll_id = g_timeout_add (100, covers_poll_cb, bench);
      return G_SOURCE_REMOVE;
    }

  bench->memory_before = read_memory ();
  bench->tick_id = gtk_widget_add_tick_callback (hs_note_grid_get_grid_view (grid),
                                                 scroll_tick_cb, bench, NULL);
  return G_SOURCE_REMOVE;
}

void
hs_grid_bench_attach_from_environment (HsWindow *window)
{
  const char *target = g_getenv ("HONGSHU_BENCH_GRID");
  const char *screenshot = g_getenv ("HONGSHU_GRID_SCREENSHOT");
  Bench *bench;

  if ((target == NULL || *target == '\0') && (screenshot == NULL || *screenshot == '\0'))
    return;

  bench = g_new0 (Bench, 1);
  bench->window = window;
  bench->target = target != NULL ? (guint) MAX (1, atoi (target)) : 0;
  bench->screenshot = screenshot != NULL && *screenshot != '\0' ? g_strdup (screenshot) : NULL;
  bench->intervals = g_array_new (FALSE, FALSE, sizeof (double));
  g_object_set_data_full (G_OBJECT (window), "hs-grid-bench", bench, bench_free);
  bench->poll_id = g_timeout_add (100, poll_cb, bench);
}
