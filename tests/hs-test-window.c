#include "config.h"

#include "hs-note-view.h"
#include "hs-test-window.h"
#include "hs-window-private.h"

static HsWindow *test_window;

char *
hs_test_window_isolate (const char *name)
{
  g_autofree char *template = g_strdup_printf ("hongshu-%s-XXXXXX", name);
  g_autofree char *cache_dir = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GError) error = NULL;
  char *home;

  home = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  cache_dir = g_build_filename (home, "cache", NULL);
  data_dir = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  /* Unsigned requests: no app key (an app secret alone turns nothing on). */
  g_setenv ("HONGSHU_APP_KEY", "", TRUE);

  return home;
}

HsWindow *
hs_test_window_start (HsApplication *app,
                      gboolean       unique)
{
  g_autoptr(GError) error = NULL;

  /* Tests run side by side: each is its own primary instance, unless it talks to a
   * second process on a bus of its own. */
  if (!unique)
    g_application_set_flags (G_APPLICATION (app),
                             g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("register: %s", error->message);
  g_application_activate (G_APPLICATION (app));
  hs_test_window_set (HS_WINDOW (hs_application_get_main_window (app)));

  return test_window;
}

void
hs_test_window_set (HsWindow *window)
{
  test_window = window;
}

static char *
describe_page (void)
{
  return g_strdup_printf ("page: %s", hs_window_get_visible_page (test_window));
}

void
hs_test_window_wait_for (HsTestCondition  condition,
                         gconstpointer    data,
                         const char      *what)
{
  hs_test_wait_for_full (condition, data, what, describe_page);
}

gboolean
hs_test_page_is (gconstpointer data)
{
  return g_strcmp0 (hs_window_get_visible_page (test_window), data) == 0;
}

gboolean
hs_test_note_shown (gconstpointer data)
{
  HsNote *note = hs_note_view_get_note (HS_NOTE_VIEW (hs_window_get_note_view (test_window)));

  return hs_test_page_is ("note") && note != NULL &&
         g_strcmp0 (hs_note_get_note_id (note), data) == 0;
}

GtkWidget *
hs_test_find_named (GtkWidget  *root,
                    const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = hs_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
hs_test_named (const char *name)
{
  GtkWidget *widget = hs_test_find_named (GTK_WIDGET (test_window), name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}
