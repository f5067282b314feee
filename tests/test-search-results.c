#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "hs-client.h"
#include "hs-config.h"
#include "hs-demo-server.h"
#include "hs-error.h"
#include "hs-note.h"
#include "hs-search-results.h"
#include "hs-test-support.h"

/* HsSearchResults against the demo server over real HTTP: pages on demand,
 * the end at has_more false, a 429 in the middle, cancellation, errors and
 * the refine tags. */

typedef struct
{
  HsDemoServer *server;
  HsConfig     *config;
  HsClient     *client;
  GArray       *waiting_seen;   /* guint: each value "waiting-seconds" took */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = hs_test_demo_server_new ();
  hs_demo_server_set_requests_per_minute (f->server, 0);
  f->config = hs_test_config_new (f->server);
  f->client = hs_client_new (f->config);
  hs_client_set_access_token (f->client, HS_DEMO_ACCESS_TOKEN);
  f->waiting_seen = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->client);
  g_clear_object (&f->config);
  g_array_unref (f->waiting_seen);
  hs_test_demo_server_finish (f->server);
}

static gboolean
not_loading (gconstpointer data)
{
  return !hs_search_results_get_loading (HS_SEARCH_RESULTS ((gpointer) data));
}

static void
load_page (HsSearchResults *results)
{
  g_assert_true (hs_search_results_load_more (results));
  g_assert_true (hs_search_results_get_loading (results));
  hs_test_wait_for (not_loading, results, "a page of search results");
}

/* The page numbers of the search requests in the log, as "1,2,3". */
static char *
logged_pages (HsDemoServer *server)
{
  g_autoptr(GPtrArray) log = hs_test_log_for_path (server, "/v1/notes/search");
  g_autoptr(GString) pages = g_string_new (NULL);

  for (guint i = 0; i < log->len; i++)
    {
      HsDemoRequest *request = g_ptr_array_index (log, i);
      g_string_append_printf (pages, "%s%s:%u", i > 0 ? "," : "",
                              hs_demo_request_get_query_param (request, "page"),
                              hs_demo_request_get_status (request));
    }
  return g_string_free (g_steal_pointer (&pages), FALSE);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} ItemsChanged;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  ItemsChanged *changed = user_data;

  changed->position = position;
  changed->removed = removed;
  changed->added = added;
  changed->calls++;
}

static void
test_pages_on_demand (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HsSearchResults) results = NULL;
  g_autofree char *pages = NULL;
  ItemsChanged changed = { 0 };

  /* 数码 is the tag of 6 notes: pages of 2, 2 and 2, the last with has_more false. */
  results = hs_search_results_new (HS_NOTE_SOURCE (f->client), "数码", TRUE, 2);
  g_signal_connect (results, "items-changed", G_CALLBACK (items_changed_cb), &changed);

  /* Nothing is asked for until the view wants it. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 0);
  g_assert_cmpuint (hs_test_count_requests (f->server, "/v1/notes/search"), ==, 0);
  g_assert_true (hs_search_results_get_has_more (results));

  load_page (results);
  g_assert_no_error ((GError *) hs_search_results_get_error (results));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 2);
  g_assert_cmpuint (changed.calls, ==, 1);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.added, ==, 2);
  g_assert_cmpint (hs_search_results_get_total (results), ==, 6);
  g_assert_true (hs_search_results_get_has_more (results));

  /* A second call while the first is in flight asks for nothing more. */
  g_assert_true (hs_search_results_load_more (results));
  g_assert_false (hs_search_results_load_more (results));
  hs_test_wait_for (not_loading, results, "page 2");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 4);
  g_assert_cmpuint (changed.position, ==, 2);
  g_assert_cmpuint (changed.added, ==, 2);

  load_page (results);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 6);
  g_assert_cmpuint (hs_search_results_get_n_pages (results), ==, 3);
  g_assert_false (hs_search_results_get_has_more (results));

  /* has_more false ends it: no page 4 is asked for. */
  g_assert_false (hs_search_results_load_more (results));
  pages = logged_pages (f->server);
  g_assert_cmpstr (pages, ==, "1:200,2:200,3:200");

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(HsNote) note = g_list_model_get_item (G_LIST_MODEL (results), i);

      g_assert_true (g_strv_contains (hs_note_get_tags (note), "数码"));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (results), 6));
}

static void
waiting_notify_cb (HsSearchResults *results,
                   GParamSpec      *pspec,
                   Fixture         *f)
{
  guint seconds = hs_search_results_get_waiting_seconds (results);

  g_array_append_val (f->waiting_seen, seconds);
}

static void
test_rate_limited_page (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(HsSearchResults) results = NULL;
  g_autofree char *pages = NULL;

  results = hs_search_results_new (HS_NOTE_SOURCE (f->client), "数码", TRUE, 2);
  g_signal_connect (results, "notify::waiting-seconds", G_CALLBACK (waiting_notify_cb), f);
  hs_demo_server_set_search_fault_page (f->server, 2);

  load_page (results);
  g_assert_cmpuint (f->waiting_seen->len, ==, 0);

  /* Page 2 meets a 429 with Retry-After: 2: the model counts down 2, 1, 0
   * while it is still loading, then the retry brings the page. */
  load_page (results);
  g_assert_no_error ((GError *) hs_search_results_get_error (results));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 4);
  g_assert_cmpuint (f->waiting_seen->len, >=, 2);
  g_assert_cmpuint (g_array_index (f->waiting_seen, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (f->waiting_seen, guint, f->waiting_seen->len - 1), ==, 0);
  g_assert_cmpuint (hs_search_results_get_waiting_seconds (results), ==, 0);

  pages = logged_pages (f->server);
  g_assert_cmpstr (pages, ==, "1:200,2:429,2:200");

  load_page (results);
  g_assert_false (hs_search_results_get_has_more (results));
}

static gboolean
quit_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets whatever is in flight finish (or not) before a check that nothing
 * arrived. */
static void
spin_main_loop (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(HsSearchResults) results = NULL;
  g_autoptr(HsSearchResults) dropped = NULL;
  GWeakRef weak;

  results = hs_search_results_new (HS_NOTE_SOURCE (f->client), "美妆", FALSE, 2);
  g_assert_true (hs_search_results_load_more (results));
  hs_search_results_cancel (results);
  g_assert_false (hs_search_results_get_loading (results));
  g_assert_null (hs_search_results_get_error (results));

  /* The cancelled page never lands, whether or not it had left. */
  spin_main_loop (300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 0);
  g_assert_cmpuint (hs_search_results_get_n_pages (results), ==, 0);

  /* Cancelling is not failing: the next call asks again. */
  load_page (results);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 2);

  /* Dropping a model with a page in flight finalizes it at once: the
   * request holds no reference. */
  dropped = hs_search_results_new (HS_NOTE_SOURCE (f->client), "美妆", FALSE, 2);
  g_assert_true (hs_search_results_load_more (dropped));
  g_weak_ref_init (&weak, dropped);
  g_clear_object (&dropped);
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  spin_main_loop (300);
}

static void
test_error_and_retry (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HsSearchResults) results = NULL;
  const GError *error;

  /* A wrong token: 401, no retry, an error to show. */
  hs_client_set_access_token (f->client, "not-the-demo-token");
  results = hs_search_results_new (HS_NOTE_SOURCE (f->client), "美妆", FALSE, 2);
  load_page (results);
  error = hs_search_results_get_error (results);
  g_assert_error ((GError *) error, HS_ERROR, HS_ERROR_UNAUTHORIZED);
  g_assert_true (hs_search_results_get_has_more (results));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 0);

  /* The error holds further pages until Try Again. */
  g_assert_false (hs_search_results_load_more (results));
  g_assert_cmpuint (hs_test_count_requests (f->server, "/v1/notes/search"), ==, 1);
  hs_client_set_access_token (f->client, HS_DEMO_ACCESS_TOKEN);
  g_assert_true (hs_search_results_retry (results));
  g_assert_null (hs_search_results_get_error (results));
  hs_test_wait_for (not_loading, results, "the retried page");
  g_assert_no_error ((GError *) hs_search_results_get_error (results));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 2);
  g_assert_cmpuint (hs_test_count_requests (f->server, "/v1/notes/search"), ==, 2);
}

static void
test_top_tags (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HsSearchResults) results = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) top = NULL;
  guint n_items;

  results = hs_search_results_new (HS_NOTE_SOURCE (f->client), "宠物", TRUE, 50);
  top = hs_search_results_dup_top_tags (results, 5);
  g_assert_cmpuint (g_strv_length (top), ==, 0);
  g_clear_pointer (&top, g_strfreev);

  load_page (results);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (results));
  g_assert_cmpuint (n_items, ==, 6);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(HsNote) note = g_list_model_get_item (G_LIST_MODEL (results), i);
      const char * const *tags = hs_note_get_tags (note);

      for (guint j = 0; tags[j] != NULL; j++)
        g_hash_table_insert (counts, (gpointer) tags[j],
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, tags[j])) + 1));
    }

  top = hs_search_results_dup_top_tags (results, 3);
  g_assert_cmpuint (g_strv_length (top), >=, 1);
  g_assert_cmpuint (g_strv_length (top), <=, 3);
  /* Not the tag searched for; most frequent first. */
  g_assert_false (g_strv_contains ((const char * const *) top, "宠物"));
  for (guint i = 0; top[i] != NULL && top[i + 1] != NULL; i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, top[i])), >=,
                      GPOINTER_TO_UINT (g_hash_table_lookup (counts, top[i + 1])));
  /* 养猫 is on 3 of the 6 pet notes, more than any other tag. */
  g_assert_cmpstr (top[0], ==, "养猫");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/search-results/pages-on-demand", test_pages_on_demand);
  ADD ("/search-results/rate-limited-page", test_rate_limited_page);
  ADD ("/search-results/cancel", test_cancel);
  ADD ("/search-results/error-and-retry", test_error_and_retry);
  ADD ("/search-results/top-tags", test_top_tags);

  return g_test_run ();
}
