/* HsHistory: the window's back/forward list of the notes opened this session. */

#include "config.h"

#include "hs-history.h"

#define ID_A "649c46ab000000002702ad36"
#define ID_B "67cc34c46b8e5ff731406d84"

typedef struct
{
  guint back_notifies;
  guint forward_notifies;
} Notifies;

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  Notifies *notifies = user_data;

  if (g_str_equal (pspec->name, "can-go-back"))
    notifies->back_notifies++;
  else if (g_str_equal (pspec->name, "can-go-forward"))
    notifies->forward_notifies++;
}

static void
test_back_and_forward (void)
{
  g_autoptr(HsHistory) history = hs_history_new ();

  g_assert_null (hs_history_get_current_id (history));
  g_assert_false (hs_history_get_can_go_back (history));
  g_assert_null (hs_history_go_back (history));
  g_assert_null (hs_history_go_forward (history));

  hs_history_push (history, "a");
  hs_history_push (history, "b");
  hs_history_push (history, "c");
  g_assert_cmpuint (hs_history_get_n_entries (history), ==, 3);
  g_assert_cmpstr (hs_history_get_current_id (history), ==, "c");
  g_assert_true (hs_history_get_can_go_back (history));
  g_assert_false (hs_history_get_can_go_forward (history));

  g_assert_cmpstr (hs_history_go_back (history), ==, "b");
  g_assert_cmpstr (hs_history_go_back (history), ==, "a");
  g_assert_null (hs_history_go_back (history));
  g_assert_cmpstr (hs_history_get_current_id (history), ==, "a");
  g_assert_true (hs_history_get_can_go_forward (history));
  g_assert_cmpstr (hs_history_go_forward (history), ==, "b");
  g_assert_cmpstr (hs_history_get_current_id (history), ==, "b");
}

static void
test_push_drops_forward (void)
{
  g_autoptr(HsHistory) history = hs_history_new ();

  hs_history_push (history, "a");
  hs_history_push (history, "b");
  hs_history_push (history, "c");
  hs_history_go_back (history);
  hs_history_go_back (history);

  /* As in a browser: a new note after going back forgets b and c. */
  hs_history_push (history, "d");
  g_assert_cmpuint (hs_history_get_n_entries (history), ==, 2);
  g_assert_false (hs_history_get_can_go_forward (history));
  g_assert_cmpstr (hs_history_go_back (history), ==, "a");
  g_assert_cmpstr (hs_history_go_forward (history), ==, "d");

  /* The current note again (Enter twice) is not a new entry. */
  hs_history_push (history, "d");
  g_assert_cmpuint (hs_history_get_n_entries (history), ==, 2);
}

static void
test_keeps_the_newest_hundred (void)
{
  g_autoptr(HsHistory) history = hs_history_new ();
  guint steps = 0;

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);

      hs_history_push (history, id);
    }
  g_assert_cmpuint (hs_history_get_n_entries (history), ==, 100);
  g_assert_cmpstr (hs_history_get_current_id (history), ==, "149");
  while (hs_history_go_back (history) != NULL)
    steps++;
  g_assert_cmpuint (steps, ==, 99);
  g_assert_cmpstr (hs_history_get_current_id (history), ==, "50");
}

static void
test_notifies_changes_only (void)
{
  g_autoptr(HsHistory) history = hs_history_new ();
  Notifies notifies = { 0, 0 };

  g_signal_connect (history, "notify", G_CALLBACK (notified_cb), &notifies);

  hs_history_push (history, "a");
  g_assert_cmpuint (notifies.back_notifies, ==, 0);
  hs_history_push (history, "b");
  g_assert_cmpuint (notifies.back_notifies, ==, 1);
  hs_history_push (history, "c");
  g_assert_cmpuint (notifies.back_notifies, ==, 1);
  g_assert_cmpuint (notifies.forward_notifies, ==, 0);

  hs_history_go_back (history);
  g_assert_cmpuint (notifies.forward_notifies, ==, 1);
  g_assert_cmpuint (notifies.back_notifies, ==, 1);
  hs_history_go_back (history);
  g_assert_cmpuint (notifies.back_notifies, ==, 2);

  /* Pushing from "a" drops the forward entries: can-go-forward turns off. */
  hs_history_push (history, "d");
  g_assert_cmpuint (notifies.forward_notifies, ==, 2);
  g_assert_cmpuint (notifies.back_notifies, ==, 3);
}

static void
test_place (void)
{
  g_autoptr(HsHistory) history = hs_history_new ();

  hs_history_push (history, ID_A);
  hs_history_push_place (history, "library");
  /* Shown again (Ctrl+Shift+O twice): still one entry. */
  hs_history_push_place (history, "library");
  g_assert_cmpuint (hs_history_get_n_entries (history), ==, 2);
  g_assert_null (hs_history_get_current_id (history));
  g_assert_null (hs_history_get_current_search (history));
  g_assert_cmpstr (hs_history_get_current_place (history), ==, "library");
  hs_history_push (history, ID_B);
  g_assert_null (hs_history_get_current_place (history));
  g_assert_cmpstr (hs_history_go_back (history), ==, "library");
  g_assert_cmpstr (hs_history_get_current_place (history), ==, "library");
  g_assert_cmpstr (hs_history_go_back (history), ==, ID_A);
  g_assert_null (hs_history_get_current_place (history));
}

static void
test_keeps_link (void)
{
  g_autoptr(HsHistory) history = hs_history_new ();
  const char *link = "https://www.xiaohongshu.com/explore/" ID_A "?xsec_token=T&xsec_source=pc_share";

  hs_history_push (history, ID_A);
  hs_history_set_current_link (history, link);
  hs_history_push (history, ID_B);
  g_assert_null (hs_history_get_current_link (history));
  g_assert_cmpstr (hs_history_go_back (history), ==, ID_A);
  g_assert_cmpstr (hs_history_get_current_link (history), ==, link);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/back-and-forward", test_back_and_forward);
  g_test_add_func ("/history/keeps-link", test_keeps_link);
  g_test_add_func ("/history/place", test_place);
  g_test_add_func ("/history/push-drops-forward", test_push_drops_forward);
  g_test_add_func ("/history/keeps-the-newest-hundred", test_keeps_the_newest_hundred);
  g_test_add_func ("/history/notifies-changes-only", test_notifies_changes_only);

  return g_test_run ();
}
