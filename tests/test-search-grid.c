/* Search in the real window against an in-process demo server on
 * 127.0.0.1: the grid fills and pages itself as it is scrolled, stops at
 * has_more false, opens a note and comes back without a request, follows
 * tag pills and chips, counts down a 429 and continues, offers suggestions
 * and recent searches, and takes `hongshu --search` from a second process.
 *
 * It runs in a session bus of its own (meson wraps it in dbus-run-session),
 * so that the application can be the primary instance for the second
 * process. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "hs-account.h"
#include "hs-application.h"
#include "hs-content-view.h"
#include "hs-download-window.h"
#include "hs-library.h"
#include "hs-note-card.h"
#include "hs-note-grid.h"
#include "hs-note-view.h"
#include "hs-recent-searches.h"
#include "hs-screenshot.h"
#include "hs-test-support.h"
#include "hs-test-window.h"
#include "hs-window.h"
#include "hs-window-private.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* "一" is in 54 of the 61 sample notes: pages of 20, 20 and 14. */
#define KEYWORD   "一"
#define N_RESULTS 54

static HsDemoServer *server;
static HsApplication *app;
static HsWindow *window;

static HsNoteGrid *
grid (void)
{
  return HS_NOTE_GRID (hs_window_get_note_grid (window));
}

static HsSearchResults *
results (void)
{
  return hs_note_grid_get_results (grid ());
}

static guint
n_results (void)
{
  return results () != NULL ? g_list_model_get_n_items (G_LIST_MODEL (results ())) : 0;
}

static char *
describe (void)
{
  const char *footer = hs_note_grid_get_footer_text (grid ());

  return g_strdup_printf ("page: %s, grid: %s, %u results, footer: %s",
                          hs_window_get_visible_page (window),
                          hs_note_grid_get_visible_page (grid ()),
                          n_results (), footer != NULL ? footer : "(none)");
}

static void
wait_for (HsTestCondition  condition,
          gconstpointer    data,
          const char      *what)
{
  hs_test_wait_for_full (condition, data, what, describe);
}

static gboolean
has_results (gconstpointer data)
{
  return hs_test_page_is ("search") && n_results () >= GPOINTER_TO_UINT (data) &&
         !hs_search_results_get_loading (results ());
}

static gboolean
footer_is (gconstpointer data)
{
  return g_strcmp0 (hs_note_grid_get_footer_text (grid ()), data) == 0;
}

static gboolean
footer_starts_with (gconstpointer data)
{
  const char *footer = hs_note_grid_get_footer_text (grid ());

  return footer != NULL && g_str_has_prefix (footer, data);
}

static gboolean
search_shown (gconstpointer data)
{
  return hs_test_page_is ("search") && results () != NULL &&
         g_strcmp0 (hs_search_results_get_query (results ()), data) == 0;
}

static gboolean
credentials_ready (gconstpointer data)
{
  return hs_account_get_is_ready (hs_application_get_account (app));
}

/* The search requests in the log as "keyword=一&page=1,…" (page and query only). */
static char *
logged_searches (void)
{
  g_autoptr(GPtrArray) log = hs_test_log_for_path (server, "/v1/notes/search");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < log->len; i++)
    {
      HsDemoRequest *request = g_ptr_array_index (log, i);
      const char *keyword = hs_demo_request_get_query_param (request, "keyword");
      const char *tag = hs_demo_request_get_query_param (request, "tag");

      g_string_append_printf (text, "%s%s=%s&page=%s:%u", i > 0 ? "," : "",
                              keyword != NULL ? "keyword" : "tag",
                              keyword != NULL ? keyword : tag,
                              hs_demo_request_get_query_param (request, "page"),
                              hs_demo_request_get_status (request));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
count_api_requests (void)
{
  g_autoptr(GPtrArray) log = hs_demo_server_get_request_log (server);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    if (g_str_has_prefix (hs_demo_request_get_path (g_ptr_array_index (log, i)), "/v1/"))
      n++;
  return n;
}

/* Requests for anything but the CDN's media: API calls, note pages. */
static guint
count_non_media_requests (void)
{
  g_autoptr(GPtrArray) log = hs_demo_server_get_request_log (server);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    if (!g_str_has_prefix (hs_demo_request_get_path (g_ptr_array_index (log, i)), "/cdn/"))
      n++;
  return n;
}

static void
scroll_to_end (void)
{
  GtkAdjustment *adjustment = hs_note_grid_get_vadjustment (grid ());

  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
}

/* Keeps scrolling to the end, as a person would, until @data results came:
 * the grid's height grows only once it has laid out the new cards. */
/* A person scrolls what is drawn: after new cards (or a new search), wait
 * for the next frames before scrolling to the end of what they made. */
static void
scroll_to_end_when_drawn (void)
{
  static guint last_n = G_MAXUINT;
  static gpointer last_results;
  static gint64 frame_at_change;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (hs_note_grid_get_grid_view (grid ()));
  gint64 frame = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : 0;

  if (n_results () != last_n || results () != last_results)
    {
      last_n = n_results ();
      last_results = results ();
      frame_at_change = frame;
      return;
    }
  if (frame > frame_at_change + 1)
    scroll_to_end ();
}

static gboolean
scrolled_to_results (gconstpointer data)
{
  if (has_results (data))
    return TRUE;
  scroll_to_end_when_drawn ();
  return FALSE;
}

static void
collect_cards (GtkWidget *widget,
               GPtrArray *cards)
{
  if (HS_IS_NOTE_CARD (widget))
    {
      g_ptr_array_add (cards, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_cards (child, cards);
}

/* Cards bound to a note and with their cover painted. */
static gboolean
covers_shown (gconstpointer data)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  guint n_covers = 0;

  collect_cards (hs_note_grid_get_grid_view (grid ()), cards);
  for (guint i = 0; i < cards->len; i++)
    if (hs_note_card_get_note (g_ptr_array_index (cards, i)) != NULL &&
        hs_note_card_has_cover (g_ptr_array_index (cards, i)))
      n_covers++;
  return n_covers >= GPOINTER_TO_UINT (data);
}

static void
reset (void)
{
  hs_demo_server_clear_request_log (server);
  hs_demo_server_reset_faults (server);
  hs_demo_server_set_search_fault_page (server, 0);
}

static void
test_fills_and_pages (void)
{
  g_autofree char *log = NULL;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  GtkWidget *grid_view = hs_note_grid_get_grid_view (grid ());
  HsNoteCard *first = NULL;

  reset ();
  g_assert_true (hs_window_search (window, KEYWORD, FALSE));
  g_assert_cmpstr (hs_window_get_visible_page (window), ==, "search");
  g_assert_cmpstr (hs_note_grid_get_title (grid ()), ==, "“" KEYWORD "”");
  g_assert_cmpstr (hs_note_grid_get_subtitle (grid ()), ==, "Keyword search");
  wait_for (has_results, GUINT_TO_POINTER (20), "page 1");

  /* The first page fills more than a screen: nothing more is asked for
   * until the person scrolls. */
  hs_test_run_for_ms (300);
  log = logged_searches ();
  g_assert_cmpstr (log, ==, "keyword=" KEYWORD "&page=1:200");
  g_clear_pointer (&log, g_free);
  g_assert_cmpuint (n_results (), ==, 20);
  g_assert_null (hs_note_grid_get_footer_text (grid ()));

  /* Cards show their cover (through the CDN, so with the Referer), title,
   * author and likes. */
  wait_for (covers_shown, GUINT_TO_POINTER (4), "the first covers");
  collect_cards (grid_view, cards);
  g_assert_cmpuint (cards->len, >=, 4);
  for (guint i = 0; i < cards->len && first == NULL; i++)
    if (hs_note_card_get_note (g_ptr_array_index (cards, i)) != NULL)
      first = g_ptr_array_index (cards, i);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_prefix (hs_note_card_get_cover_url (first),
                                   hs_demo_server_get_base_url (server)));
  {
    g_autoptr(GPtrArray) cdn = hs_test_log_for_path (server, NULL);
    guint with_referer = 0;

    for (guint i = 0; i < cdn->len; i++)
      {
        HsDemoRequest *request = g_ptr_array_index (cdn, i);

        if (g_str_has_prefix (hs_demo_request_get_path (request), "/cdn/"))
          {
            g_assert_cmpuint (hs_demo_request_get_status (request), !=, 403);
            with_referer++;
          }
      }
    g_assert_cmpuint (with_referer, >=, 4);
  }

  /* Scrolling near the end brings page 2, then 3, which ends it. */
  wait_for (scrolled_to_results, GUINT_TO_POINTER (40), "page 2");
  wait_for (scrolled_to_results, GUINT_TO_POINTER (N_RESULTS), "page 3");
  g_assert_false (hs_search_results_get_has_more (results ()));
  /* All in: their count, true wherever the grid is scrolled. */
  wait_for (footer_is, G_STRINGIFY (N_RESULTS) " notes", "the count at the end of the results");

  hs_test_run_for_ms (300);
  log = logged_searches ();
  g_assert_cmpstr (log, ==,
                   "keyword=" KEYWORD "&page=1:200,"
                   "keyword=" KEYWORD "&page=2:200,"
                   "keyword=" KEYWORD "&page=3:200");
  g_assert_cmpuint (n_results (), ==, N_RESULTS);
}

/* The grid view's card children that are laid out, with their bounds in the scroller. */
static gboolean
next_card_child (GtkWidget      **child,
                 graphene_rect_t *bounds)
{
  GtkWidget *grid_view = hs_note_grid_get_grid_view (grid ());

  for (*child = *child == NULL ? gtk_widget_get_first_child (grid_view) : gtk_widget_get_next_sibling (*child);
       *child != NULL; *child = gtk_widget_get_next_sibling (*child))
    if (HS_IS_NOTE_CARD (gtk_widget_get_first_child (*child)) && gtk_widget_get_child_visible (*child) &&
        gtk_widget_compute_bounds (*child, gtk_widget_get_parent (grid_view), bounds))
      return TRUE;
  return FALSE;
}

/* Scrolls by less than a row so that the row below the top edge starts at the top:
 * a row of cards wholly in view (the view is taller than a card, not than two). */
static void
align_row_to_top (GtkAdjustment *adjustment)
{
  GtkWidget *child = NULL;
  graphene_rect_t bounds;
  float below = G_MAXFLOAT;

  while (next_card_child (&child, &bounds))
    if (bounds.origin.y >= 0)
      below = MIN (below, bounds.origin.y);
  g_assert_cmpfloat (below, <, G_MAXFLOAT);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + below);
  hs_test_run_for_ms (300);
}

/* The position of the first card whose whole height is inside the grid's view;
 * G_MAXUINT when none is. */
static guint
first_card_in_view (void)
{
  GtkWidget *grid_view = hs_note_grid_get_grid_view (grid ());
  HsSearchResults *model = results ();
  int view_height = gtk_widget_get_height (gtk_widget_get_parent (grid_view));
  GtkWidget *child = NULL;
  graphene_rect_t bounds;

  while (next_card_child (&child, &bounds))
    {
      GtkWidget *card = gtk_widget_get_first_child (child);

      if (bounds.origin.y < 0 || bounds.origin.y + bounds.size.height > view_height)
        continue;
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
        {
          g_autoptr(HsNote) note = g_list_model_get_item (G_LIST_MODEL (model), i);

          if (note == hs_note_card_get_note (HS_NOTE_CARD (card)))
            return i;
        }
    }
  return G_MAXUINT;
}

static void
test_open_and_back (void)
{
  GtkAdjustment *adjustment = hs_note_grid_get_vadjustment (grid ());
  HsSearchResults *before;
  g_autoptr(HsNote) note = NULL;
  double scroll;
  guint n_before, position;

  reset ();
  hs_window_search (window, KEYWORD, FALSE);
  wait_for (has_results, GUINT_TO_POINTER (20), "page 1");
  wait_for (scrolled_to_results, GUINT_TO_POINTER (40), "page 2");

  /* Somewhere in the middle, then a card opens its note (the keyboard's
   * Enter on a card activates the same signal). */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 3);
  hs_test_run_for_ms (300);
  /* The header above the grid may still settle and move the rows a little. */
  for (guint i = 0; (position = first_card_in_view ()) == G_MAXUINT; i++)
    {
      g_assert_cmpuint (i, <, 10);
      align_row_to_top (adjustment);
    }
  scroll = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (scroll, >, 0);
  before = results ();
  /* A card wholly in view there, as the one a person clicks usually is (one
   * cut by the edge is scrolled into view when it takes the keyboard again
   * after Back, which is right, but moves the offset). It is not near the
   * end, where the grid would rightly ask for the next page. */
  note = g_list_model_get_item (G_LIST_MODEL (before), position);
  g_signal_emit_by_name (hs_note_grid_get_grid_view (grid ()), "activate", position);
  wait_for (hs_test_note_shown, hs_note_get_note_id (note), "the note of card 8");

  /* Back: the same results at the same place, and no request at all
   * (once whatever the note's page asked for has landed). */
  hs_test_run_for_ms (300);
  hs_demo_server_clear_request_log (server);
  n_before = n_results ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  g_assert_cmpstr (hs_window_get_visible_page (window), ==, "search");
  g_assert_true (results () == before);
  hs_test_run_for_ms (300);
  /* The grid view estimates the rows it has not measured again, so the
   * offset may move by a few pixels, never by a row. */
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment), scroll, 40);
  {
    g_autofree char *searches = logged_searches ();

    g_assert_cmpstr (searches, ==, "");
  }
  g_assert_cmpuint (count_api_requests (), ==, 0);
  g_assert_cmpuint (n_results (), ==, n_before);

  /* Forward to the note again: the history kept it too. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-forward", NULL);
  g_assert_true (hs_test_note_shown (hs_note_get_note_id (note)));
  g_assert_cmpuint (count_api_requests (), ==, 0);
}

static GtkWidget *
find_button_with_target (GtkWidget  *root,
                         const char *action,
                         const char *target)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    {
      GVariant *value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (root));

      if (value != NULL && g_strcmp0 (g_variant_get_string (value, NULL), target) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_target (child, action, target);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
mapped_button_exists (gconstpointer data)
{
  const char * const *what = data;

  return find_button_with_target (GTK_WIDGET (window), what[0], what[1]) != NULL;
}

static void
test_tags (void)
{
  static const char * const pill[] = { "win.search-tag", "美妆" };
  g_autofree char *log = NULL;
  GtkWidget *chips;
  GtkWidget *chip;
  g_autofree char *chip_tag = NULL;

  reset ();
  hs_window_open (window, HS_DEMO_SEED_NOTE_ID);
  wait_for (hs_test_note_shown, HS_DEMO_SEED_NOTE_ID, "the seed note");

  /* The seed note's pill #美妆 opens the tag search. (The note view hides
   * the pills when the body ends with the same tags, as every demo note's
   * does: the pill's own action is what is run here.) */
  wait_for (mapped_button_exists, pill, "the #美妆 pill");
  {
    GtkWidget *button = find_button_with_target (GTK_WIDGET (window), pill[0], pill[1]);

    g_assert_true (gtk_widget_activate_action_variant (button,
                                                       gtk_actionable_get_action_name (GTK_ACTIONABLE (button)),
                                                       gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button))));
  }
  wait_for (search_shown, "美妆", "the tag search");
  wait_for (has_results, GUINT_TO_POINTER (1), "its results");
  g_assert_cmpstr (hs_note_grid_get_title (grid ()), ==, "#美妆");
  g_assert_cmpstr (hs_note_grid_get_subtitle (grid ()), ==, "Tag");
  g_assert_true (hs_search_results_get_is_tag (results ()));
  log = logged_searches ();
  g_assert_true (g_str_has_suffix (log, "tag=美妆&page=1:200"));
  for (guint i = 0; i < n_results (); i++)
    {
      g_autoptr(HsNote) note = g_list_model_get_item (G_LIST_MODEL (results ()), i);

      g_assert_true (g_strv_contains (hs_note_get_tags (note), "美妆"));
    }

  /* Refine chips: the other tags of these results; one runs its search. */
  chips = hs_note_grid_get_chips (grid ());
  chip = gtk_widget_get_first_child (chips);
  g_assert_nonnull (chip);
  /* The chips are rebuilt by the next search: a copy. */
  chip_tag = g_variant_dup_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (chip)), NULL);
  g_assert_cmpstr (chip_tag, !=, "美妆");
  g_assert_true (gtk_widget_activate (chip));
  /* A button's activation clicks it a moment later. */
  wait_for (search_shown, chip_tag, "the refined tag search");
  wait_for (has_results, GUINT_TO_POINTER (1), "its results");

  /* Back returns to #美妆 without asking again. */
  hs_demo_server_clear_request_log (server);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  g_assert_true (search_shown ("美妆"));
  hs_test_run_for_ms (200);
  g_assert_cmpuint (count_api_requests (), ==, 0);
}

static void
test_author_name_search (void)
{
  GtkWidget *button;
  HsAuthor *author;

  reset ();
  hs_window_open (window, HS_DEMO_SEED_NOTE_ID);
  wait_for (hs_test_note_shown, HS_DEMO_SEED_NOTE_ID, "the seed note");
  author = hs_note_get_author (hs_note_view_get_note (HS_NOTE_VIEW (hs_window_get_note_view (window))));
  button = hs_note_view_get_author_search_button (HS_NOTE_VIEW (hs_window_get_note_view (window)));
  g_assert_true (gtk_widget_get_visible (button));
  /* Honest about what it is. */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (button), "keyword search"));
  g_assert_true (gtk_widget_activate (button));
  wait_for (search_shown, hs_author_get_nickname (author), "the name search");
  /* The demo's keyword search reads titles, tags and bodies, not authors:
   * the name finds nothing there, and the page says so. */
  wait_for (has_results, GUINT_TO_POINTER (0), "the name search's answer");
  g_assert_cmpstr (hs_note_grid_get_visible_page (grid ()), ==, "empty");
  g_assert_false (hs_search_results_get_is_tag (results ()));
}

static gboolean
scrolled_to_countdown (gconstpointer data)
{
  if (footer_starts_with ("Too many requests. Trying again in"))
    return TRUE;
  scroll_to_end_when_drawn ();
  return FALSE;
}

static void
test_rate_limited_page (void)
{
  g_autofree char *log = NULL;

  reset ();
  hs_demo_server_set_search_fault_page (server, 2);
  hs_window_search (window, KEYWORD, FALSE);
  wait_for (has_results, GUINT_TO_POINTER (20), "page 1");

  /* The 429 shows as a countdown in the footer, not as an error... */
  wait_for (scrolled_to_countdown, NULL, "the countdown");
  g_assert_cmpstr (hs_note_grid_get_footer_text (grid ()), ==, "Too many requests. Trying again in 2 seconds…");
  /* ...then the retry brings page 2. */
  wait_for (has_results, GUINT_TO_POINTER (40), "page 2 after the wait");
  g_assert_null (hs_search_results_get_error (results ()));
  log = logged_searches ();
  g_assert_cmpstr (log, ==,
                   "keyword=" KEYWORD "&page=1:200,"
                   "keyword=" KEYWORD "&page=2:429,"
                   "keyword=" KEYWORD "&page=2:200");
}

static GtkWidget *
suggestion_named (const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (hs_window_get_suggestions (window));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      return row;
  return NULL;
}

static const char *
row_text (GtkWidget *row)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (box)));
}

static void
test_entry_and_recent (void)
{
  GtkWidget *entry = hs_window_get_entry (window);
  GSettings *settings = hs_config_get_settings (hs_application_get_config (app));
  g_auto(GStrv) recent = NULL;
  GtkWidget *row;

  reset ();
  hs_recent_searches_clear (settings);

  /* Typing words that are no note reference offers their search... */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "口红");
  row = suggestion_named ("suggest-search");
  g_assert_nonnull (row);
  g_assert_cmpstr (row_text (row), ==, "Search for “口红”");
  /* ...and Enter runs it. */
  g_signal_emit_by_name (entry, "activate");
  wait_for (search_shown, "口红", "the 口红 search");
  g_assert_null (hs_window_get_entry_error (window));

  /* A search the window runs itself (`hongshu --search` at start-up, when the
   * entry has the keyboard) shows its words in the entry and suggests nothing. */
  gtk_widget_grab_focus (entry);
  hs_window_search (window, "美食", FALSE);
  wait_for (search_shown, "美食", "the 美食 search");
  hs_test_run_for_ms (200);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "美食");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (hs_window_get_suggestions (window),
                                                                   GTK_TYPE_POPOVER)));

  /* "#tag" is a tag search. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "#数码");
  g_assert_cmpstr (row_text (suggestion_named ("suggest-search")), ==, "Search the tag “数码”");
  g_signal_emit_by_name (entry, "activate");
  wait_for (search_shown, "数码", "the #数码 search");
  g_assert_true (hs_search_results_get_is_tag (results ()));

  /* A note link still opens the note, with no suggestion. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), HS_DEMO_SEED_NOTE_ID);
  g_assert_null (suggestion_named ("suggest-search"));

  /* Recent searches, newest first, offered when the entry is empty. */
  recent = hs_recent_searches_get (settings);
  g_assert_cmpuint (g_strv_length (recent), >=, 3);
  g_assert_cmpstr (recent[0], ==, "#数码");
  g_assert_cmpstr (recent[1], ==, "美食");
  g_assert_cmpstr (recent[2], ==, "口红");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  row = suggestion_named ("suggest-recent");
  g_assert_nonnull (row);
  g_assert_cmpstr (row_text (row), ==, "#数码");
  /* One runs from the list. */
  g_signal_emit_by_name (hs_window_get_suggestions (window), "row-activated", row);
  wait_for (search_shown, "数码", "the recent search");

  /* At most 20 are kept; Clear forgets them. */
  for (int i = 0; i < 25; i++)
    {
      g_autofree char *text = g_strdup_printf ("word %d", i);

      hs_recent_searches_add (settings, text);
    }
  g_clear_pointer (&recent, g_strfreev);
  recent = hs_recent_searches_get (settings);
  g_assert_cmpuint (g_strv_length (recent), ==, HS_RECENT_SEARCHES_MAX);
  g_assert_cmpstr (recent[0], ==, "word 24");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-recent-searches", NULL);
  g_clear_pointer (&recent, g_strfreev);
  recent = hs_recent_searches_get (settings);
  g_assert_cmpuint (g_strv_length (recent), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static GtkWindow *
preferences_window (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != (gpointer) window && ADW_IS_PREFERENCES_WINDOW (l->data) &&
        gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
preferences_shown (gconstpointer data)
{
  return preferences_window () != NULL;
}

/* With the website as the source (no open-platform API), a search runs over
 * the library, offline, and says so; its notes open from the library too. */
static void
test_offline_library (void)
{
  GSettings *settings = hs_config_get_settings (hs_application_get_config (app));
  g_autoptr(HsLibrary) library = hs_library_new (NULL);
  g_autoptr(HsNote) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) first = NULL;
  GtkWidget *button;
  const char *notice;

  /* A note in the library: the seed note, opened once through the API. */
  reset ();
  hs_window_open (window, HS_DEMO_SEED_NOTE_ID);
  wait_for (hs_test_note_shown, HS_DEMO_SEED_NOTE_ID, "the seed note");
  saved = g_object_ref (hs_note_view_get_note (HS_NOTE_VIEW (hs_window_get_note_view (window))));
  g_assert_true (hs_library_open_sync (library, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hs_library_write_sync (library, HS_LIBRARY_WRITE_SAVE, saved, "api", NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The website cannot search: the tag search goes to the library. */
  g_settings_set_string (settings, "note-source", "web");
  reset ();
  g_assert_true (hs_window_search (window, "美妆", TRUE));
  wait_for (has_results, GUINT_TO_POINTER (1), "the library's results");
  g_assert_cmpstr (hs_note_grid_get_visible_page (grid ()), ==, "grid");
  g_assert_cmpuint (n_results (), ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (results ()), 0);
  g_assert_cmpstr (hs_note_get_note_id (first), ==, HS_DEMO_SEED_NOTE_ID);
  g_assert_cmpstr (hs_note_grid_get_title (grid ()), ==, "#美妆");
  /* Said plainly, with the way to online search. */
  notice = hs_note_grid_get_notice (grid ());
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "from your library, offline"));
  g_assert_nonnull (strstr (notice, "open platform API"));
  button = hs_note_grid_get_notice_button (grid ());
  g_assert_true (gtk_widget_get_visible (button));
  /* HONGSHU_TEST_SCREENSHOT=FILE.png [HONGSHU_TEST_SCREENSHOT_SIZE=WxH]: the page
   * with its notice, for a person to look at. */
  if (g_getenv ("HONGSHU_TEST_SCREENSHOT") != NULL)
    {
      int width = 1280, height = 800;

      sscanf (g_getenv ("HONGSHU_TEST_SCREENSHOT_SIZE") ? g_getenv ("HONGSHU_TEST_SCREENSHOT_SIZE") : "",
              "%dx%d", &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (window), width, height);
      hs_test_run_for_ms (2000);
      g_assert_true (hs_screenshot_save_png (GTK_WIDGET (window), g_getenv ("HONGSHU_TEST_SCREENSHOT"), NULL));
      gtk_window_set_default_size (GTK_WINDOW (window), 1200, 600);
    }
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Preferences");
  /* Nothing but the covers went over the network for it (the media loader's
   * disk cache has them, with its own revalidation). */
  hs_test_run_for_ms (200);
  g_assert_cmpuint (count_api_requests (), ==, 0);
  g_assert_cmpuint (count_non_media_requests (), ==, 0);

  /* A keyword that no note in the library has: the empty page, still offline. */
  g_assert_true (hs_window_search (window, "完全没有的词", FALSE));
  wait_for (has_results, GUINT_TO_POINTER (0), "the library's answer");
  g_assert_cmpstr (hs_note_grid_get_visible_page (grid ()), ==, "empty");
  g_assert_nonnull (hs_note_grid_get_notice (grid ()));

  /* Back to #美妆, and its card opens the note from the library. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  wait_for (search_shown, "美妆", "the library's #美妆 again");
  g_assert_nonnull (hs_note_grid_get_notice (grid ()));
  reset ();
  g_signal_emit_by_name (hs_note_grid_get_grid_view (grid ()), "activate", 0);
  wait_for (hs_test_note_shown, HS_DEMO_SEED_NOTE_ID, "the note from the library");
  g_assert_cmpuint (count_non_media_requests (), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
  wait_for (search_shown, "美妆", "the library's results after the note");

  /* The button opens the preferences, where the API is chosen. */
  g_assert_null (preferences_window ());
  g_assert_true (gtk_widget_activate (button));
  wait_for (preferences_shown, NULL, "the preferences");
  gtk_window_destroy (preferences_window ());

  /* With the API again, a search is online and the notice goes. */
  g_settings_set_string (settings, "note-source", "auto");
  g_assert_true (hs_window_search (window, "美妆", TRUE));
  wait_for (has_results, GUINT_TO_POINTER (1), "the online results");
  g_assert_null (hs_note_grid_get_notice (grid ()));
  g_assert_cmpuint (count_api_requests (), >=, 1);
}

/* Keyboard only: real key presses through the X server (XTEST, by xdotool), into the
 * window as a person's would come, nothing called on the widgets. */

static gboolean
xdotool_done (gconstpointer data)
{
  return *(const gboolean *) data;
}

static void
xdotool_exited_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
press (const char *keys)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");
  g_auto(GStrv) argv = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  argv = g_strsplit (keys, " ", -1);
  g_ptr_array_add (args, path);
  g_ptr_array_add (args, (gpointer) "key");
  g_ptr_array_add (args, (gpointer) "--delay");
  g_ptr_array_add (args, (gpointer) "60");
  for (char **k = argv; *k != NULL; k++)
    g_ptr_array_add (args, *k);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  /* The main loop runs meanwhile: the keys are handled as they come. */
  g_subprocess_wait_async (process, NULL, xdotool_exited_cb, &done);
  wait_for (xdotool_done, &done, keys);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static GtkWidget *
focus_widget (void)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static gboolean
focus_in (gconstpointer data)
{
  GtkWidget *focus = focus_widget ();

  return focus != NULL && (focus == data || gtk_widget_is_ancestor (focus, GTK_WIDGET (data)));
}

static gboolean
window_is_active (gconstpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (window));
}

static gboolean
entry_text_is (gconstpointer data)
{
  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (hs_window_get_entry (window))), data) == 0;
}

/* The card that has the keyboard: its note's id. */
static const char *
focused_card_note_id (void)
{
  GtkWidget *focus = focus_widget ();
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();

  if (focus == NULL || !gtk_widget_is_ancestor (focus, hs_note_grid_get_grid_view (grid ())))
    return NULL;
  collect_cards (focus, cards);
  if (cards->len == 0 || hs_note_card_get_note (g_ptr_array_index (cards, 0)) == NULL)
    return NULL;
  return hs_note_get_note_id (hs_note_card_get_note (g_ptr_array_index (cards, 0)));
}

static gboolean
card_focused (gconstpointer data)
{
  return focused_card_note_id () != NULL;
}

/* The position in the results of the card that has the keyboard, -1 for none. */
static int
focused_position (void)
{
  GtkWidget *focus = focus_widget ();
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  HsNote *note;

  if (focus == NULL || results () == NULL ||
      !gtk_widget_is_ancestor (focus, hs_note_grid_get_grid_view (grid ())))
    return -1;
  collect_cards (focus, cards);
  if (cards->len == 0 || (note = hs_note_card_get_note (g_ptr_array_index (cards, 0))) == NULL)
    return -1;
  /* By identity: the results repeat notes, each page parsed anew. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (results ())); i++)
    {
      g_autoptr(HsNote) item = g_list_model_get_item (G_LIST_MODEL (results ()), i);

      if (item == note)
        return (int) i;
    }
  return -1;
}

static gboolean
focused_position_is (gconstpointer data)
{
  return focused_position () == GPOINTER_TO_INT (data);
}

static gboolean
focused_position_above (gconstpointer data)
{
  return focused_position () > GPOINTER_TO_INT (data);
}

static HsContentView *
body (void)
{
  return HS_CONTENT_VIEW (hs_note_view_get_body (HS_NOTE_VIEW (hs_window_get_note_view (window))));
}

static gboolean
body_loaded (gconstpointer data)
{
  return hs_content_view_get_is_loaded (body ());
}

/* Tab, as often as it takes (within reason), until the keyboard is on a topic link
 * inside the body. */
static gboolean
tab_to_topic_link (void)
{
  for (int i = 0; i < 40; i++)
    {
      const char *link = hs_content_view_get_focused_link (body ());
      GtkWidget *focus = focus_widget ();

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (body ())) &&
          link != NULL && g_str_has_prefix (link, "hongshu-search:"))
        return TRUE;
      press ("Tab");
      hs_test_run_for_ms (100);
    }
  return FALSE;
}

static void
test_keyboard_only (void)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *focus_command = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *log = NULL;
  HsSearchResults *found;
  guint n_pages;
  int below;

  if (!GDK_IS_X11_SURFACE (surface) || xdotool == NULL)
    {
      g_test_skip ("Needs X11 and xdotool (build-aux/debian-packages.txt)");
      return;
    }

  /* "0" is in 16 sample notes; three times over, 48 results in pages of 20. */
  reset ();
  hs_demo_server_set_search_repeat (server, 3);
  gtk_editable_set_text (GTK_EDITABLE (hs_window_get_entry (window)), "");
  hs_window_show_start_page (window);
  /* The welcome page without a token, its empty twin with one (as here). */
  g_assert_true (hs_test_page_is ("welcome") || hs_test_page_is ("empty"));
  gtk_root_set_focus (GTK_ROOT (window), NULL);

  /* The X server's keyboard to this window, as a window manager would give it. */
  focus_command = g_strdup_printf ("windowfocus --sync %lu", (gulong) gdk_x11_surface_get_xid (surface));
  {
    g_auto(GStrv) args = g_strsplit (focus_command, " ", -1);
    const char *argv[] = { xdotool, args[0], args[1], args[2], NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
    gboolean done = FALSE;

    g_assert_no_error (error);
    g_subprocess_wait_async (process, NULL, xdotool_exited_cb, &done);
    wait_for (xdotool_done, &done, "the window focused");
  }
  wait_for (window_is_active, NULL, "the window to be active");

  /* Ctrl+F: the entry has the keyboard; type, Enter searches. */
  press ("ctrl+f");
  wait_for (focus_in, hs_window_get_entry (window), "the entry focused by Ctrl+F");
  press ("0");
  wait_for (entry_text_is, "0", "the typed query");
  press ("Return");
  wait_for (search_shown, "0", "the search for 0");
  wait_for (has_results, GUINT_TO_POINTER (20), "page 1");
  found = results ();

  /* The cards have the keyboard: arrow keys walk them, End pages on. */
  wait_for (card_focused, NULL, "a card to have the keyboard");
  press ("End");
  wait_for (has_results, GUINT_TO_POINTER (40), "page 2, from the keyboard");
  press ("End");
  wait_for (has_results, GUINT_TO_POINTER (48), "page 3, from the keyboard");
  n_pages = hs_search_results_get_n_pages (found);
  g_assert_cmpuint (n_pages, ==, 3);
  press ("Home");
  wait_for (focused_position_is, GINT_TO_POINTER (0), "Home: the first card");
  press ("Right");
  wait_for (focused_position_is, GINT_TO_POINTER (1), "Right: the second card");
  press ("Down");
  wait_for (focused_position_above, GINT_TO_POINTER (1), "Down: the row below");
  below = focused_position ();
  press ("Left");
  wait_for (focused_position_is, GINT_TO_POINTER (below - 1), "Left: the first card of that row");
  opened = g_strdup (focused_card_note_id ());

  /* Enter opens its note. */
  press ("Return");
  wait_for (hs_test_note_shown, opened, "the focused card's note");
  wait_for (body_loaded, NULL, "the note's body");

  /* Tab reaches a #topic link in the body; Enter follows it to the tag search. */
  g_assert_true (tab_to_topic_link ());
  press ("Return");
  wait_for (hs_test_page_is, "search", "the tag search from the body's link");
  g_assert_true (hs_search_results_get_is_tag (results ()));
  wait_for (has_results, GUINT_TO_POINTER (1), "the tag's notes");

  /* Alt+Left comes back: to the note, then to the grid, the same results without a
   * request, the keyboard on the card that was opened. */
  press ("alt+Left");
  wait_for (hs_test_note_shown, opened, "the note again");
  hs_demo_server_clear_request_log (server);
  press ("alt+Left");
  wait_for (hs_test_page_is, "search", "the grid again");
  g_assert_true (results () == found);
  wait_for (focused_position_is, GINT_TO_POINTER (below - 1), "the keyboard back on the card opened");
  g_assert_cmpstr (focused_card_note_id (), ==, opened);
  log = logged_searches ();
  g_assert_cmpstr (log, ==, "");
  hs_demo_server_set_search_repeat (server, 1);
#else
  g_test_skip ("Needs X11");
#endif
}

static gboolean
subprocess_done (gconstpointer data)
{
  return *(const gboolean *) data;
}

/* The grid's button that runs @action. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (widget = gtk_widget_get_first_child (widget); widget != NULL; widget = gtk_widget_get_next_sibling (widget))
    {
      GtkWidget *button = find_action_button (widget, action);

      if (button != NULL)
        return button;
    }
  return NULL;
}

static HsDownloadWindow *
download_window (void)
{
  return hs_download_window_find_shown ();
}

static gboolean
download_window_shown (gconstpointer data)
{
  return download_window () != NULL;
}

static gboolean
download_done (gconstpointer data)
{
  HsDownloadWindow *downloads = download_window ();
  HsDownloadQueue *queue = downloads != NULL ? hs_download_window_get_queue (downloads) : NULL;

  return queue != NULL && !hs_download_window_is_gathering (downloads) &&
         hs_download_queue_get_state (queue) == HS_DOWNLOAD_QUEUE_FINISHED;
}

/* The search page's "Download All Results" button: a Download window for
 * that search, whose rows fill and complete into folders on disk. */
static void
test_download_all_results (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.hongshu.Hongshu");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_dir_make_tmp ("hongshu-test-search-download-XXXXXX", &error);
  g_autoptr(GDir) dir = NULL;
  GtkWidget *button;
  HsDownloadWindow *downloads;
  HsDownloadQueue *queue;
  guint n_folders = 0;
  const char *name;

  g_assert_no_error (error);
  g_settings_set_string (settings, "download-folder", out);
  reset ();

  g_assert_true (hs_window_search (window, "旅行", FALSE));
  wait_for (has_results, GUINT_TO_POINTER (8), "the 旅行 notes");
  button = find_action_button (GTK_WIDGET (grid ()), "win.download-results");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");

  wait_for (download_window_shown, NULL, "the Download window");
  downloads = download_window ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (downloads)), ==, "Download All Results");
  wait_for (download_done, NULL, "the search's notes downloaded");
  queue = hs_download_window_get_queue (downloads);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 8);
  g_assert_cmpuint (hs_download_queue_get_n_notes_failed (queue), ==, 0);
  g_assert_cmpuint (hs_download_queue_get_n_failed (queue), ==, 0);
  g_assert_cmpuint (hs_download_queue_get_n_saved (queue), >=, 8);

  /* A folder per note in the remembered folder, none half done. */
  dir = g_dir_open (out, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (out, name, NULL);
      g_autofree char *record = g_build_filename (path, ".hongshu.json", NULL);

      g_assert_true (g_file_test (record, G_FILE_TEST_IS_REGULAR));
      n_folders++;
    }
  g_assert_cmpuint (n_folders, ==, 8);

  gtk_window_destroy (GTK_WINDOW (downloads));
  hs_test_remove_tree (out);
}

static void
subprocess_exited_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
run_second_process (const char * const *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, subprocess_exited_cb, &done);
  /* The main loop must run: the second process talks to this one. */
  wait_for (subprocess_done, &done, "the second process");
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_second_process (void)
{
  const char *hongshu = g_getenv ("HONGSHU_BIN");
  const char * const search_argv[] = { hongshu, "--search", "咖啡", NULL };
  const char * const tag_argv[] = { hongshu, "--tag", "宠物", NULL };

  g_assert_nonnull (hongshu);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));

  reset ();
  run_second_process (search_argv);
  wait_for (search_shown, "咖啡", "the search from the second process");
  g_assert_false (hs_search_results_get_is_tag (results ()));

  run_second_process (tag_argv);
  wait_for (search_shown, "宠物", "the tag search from the second process");
  g_assert_true (hs_search_results_get_is_tag (results ()));
  wait_for (has_results, GUINT_TO_POINTER (6), "the 宠物 notes");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  home = hs_test_window_isolate ("test-search-grid");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  server = hs_test_demo_server_new ();
  hs_demo_server_set_requests_per_minute (server, 0);
  /* The second process reads these too. */
  g_setenv ("HONGSHU_ACCESS_TOKEN", HS_DEMO_ACCESS_TOKEN, TRUE);
  g_setenv ("HONGSHU_APP_SECRET", "unused-without-an-app-key", TRUE);
  g_setenv ("HONGSHU_API_BASE_URL", hs_demo_server_get_base_url (server), TRUE);

  /* The primary instance on this test's own session bus. */
  app = hs_application_new ();
  window = hs_test_window_start (app, TRUE);
  /* Short enough that a first page of cards overfills it. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 600);
  wait_for (credentials_ready, NULL, "the credentials");

  g_test_add_func ("/search-grid/fills-and-pages", test_fills_and_pages);
  g_test_add_func ("/search-grid/open-and-back", test_open_and_back);
  g_test_add_func ("/search-grid/tags", test_tags);
  g_test_add_func ("/search-grid/author-name-search", test_author_name_search);
  g_test_add_func ("/search-grid/rate-limited-page", test_rate_limited_page);
  g_test_add_func ("/search-grid/entry-and-recent", test_entry_and_recent);
  g_test_add_func ("/search-grid/offline-library", test_offline_library);
  g_test_add_func ("/search-grid/keyboard-only", test_keyboard_only);
  g_test_add_func ("/search-grid/second-process", test_second_process);
  g_test_add_func ("/search-grid/download-all-results", test_download_all_results);

  status = g_test_run ();

  /* Tearing the window down is part of the test: a warning there is as fatal as one
   * in a case (g_test_init made it so). The grid goes while scrolled into a page of
   * results: its adjustment moves as the grid view lets go of the model, and nothing
   * that moving schedules may outlive the grid (an idle once ran on the freed grid). */
  {
    gpointer grid_pointer = grid ();
    gpointer grid_address = grid_pointer;

    hs_window_search (window, KEYWORD, FALSE);
    wait_for (has_results, GUINT_TO_POINTER (20), "page 1 before the teardown");
    wait_for (scrolled_to_results, GUINT_TO_POINTER (40), "page 2 before the teardown");
    hs_test_run_for_ms (100);
    g_object_add_weak_pointer (G_OBJECT (grid_pointer), &grid_pointer);
    gtk_window_destroy (GTK_WINDOW (window));
    g_clear_object (&app);
    g_assert_null (grid_pointer);
    g_assert_null (g_main_context_find_source_by_user_data (NULL, grid_address));
  }
  hs_test_demo_server_finish (server);
  hs_test_remove_tree (home);
  return status;
}
