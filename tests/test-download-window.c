#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "hs-client.h"
#include "hs-demo-server.h"
#include "hs-download-window.h"
#include "hs-screenshot.h"
#include "hs-test-support.h"

/* The "Download…" window in a real window against the demo server: pasted
 * links become a row per note that fills and completes; a bad line is
 * shown, not fatal; the folder is remembered in the settings.
 * HONGSHU_TEST_SCREENSHOTS=DIR saves its two pages as PNG files there. */

static gboolean
queue_finished (gconstpointer data)
{
  HsDownloadQueue *queue = hs_download_window_get_queue ((HsDownloadWindow *) data);

  return queue != NULL && hs_download_queue_get_state (queue) == HS_DOWNLOAD_QUEUE_FINISHED;
}

static gboolean
mapped (gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  const char *dir = g_getenv ("HONGSHU_TEST_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    return;
  /* Let the layout settle. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  path = g_build_filename (dir, name, NULL);
  hs_screenshot_save_png (widget, path, &error);
  g_assert_no_error (error);
}

static GtkWidget *
find_label_with (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL &&
      gtk_widget_get_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_download_window (void)
{
  g_autoptr(HsDemoServer) server = hs_test_demo_server_new ();
  g_autoptr(HsConfig) config = hs_test_config_new (server);
  g_autoptr(HsClient) client = hs_client_new (config);
  g_autoptr(HsMediaLoader) loader = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.hongshu.Hongshu");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("hongshu-test-download-window-XXXXXX", &error);
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);
  g_autofree char *out = g_build_filename (tmp, "下载", NULL);
  g_autoptr(GFile) out_file = g_file_new_for_path (out);
  g_autofree char *remembered = NULL;
  HsDownloadWindow *window;
  HsDownloadQueue *queue;

  g_assert_no_error (error);
  hs_demo_server_set_requests_per_minute (server, 0);
  hs_client_set_access_token (client, HS_DEMO_ACCESS_TOKEN);
  loader = hs_media_loader_new_with_cache_dir (config, cache);

  window = hs_download_window_new (NULL, HS_NOTE_SOURCE (client), loader, settings);
  hs_download_window_set_folder (window, out_file);
  remembered = g_settings_get_string (settings, "download-folder");
  g_assert_cmpstr (remembered, ==, out);

  hs_download_window_set_text (window,
                               "https://www.xiaohongshu.com/explore/" HS_DEMO_SEED_NOTE_ID "?xsec_token=x\n"
                               "这一行没有链接\n"
                               "看看 6960d650977226eaca0305f7 " HS_DEMO_FAULT_FORBIDDEN_PICTURE "\n");
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 600);
  gtk_window_present (GTK_WINDOW (window));
  hs_test_wait_for (mapped, window, "the window to show");
  shoot (GTK_WIDGET (window), "download-input.png");

  hs_download_window_start (window);
  queue = hs_download_window_get_queue (window);
  g_assert_nonnull (queue);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue)), ==, 3);
  hs_test_wait_for (queue_finished, window, "the downloads to finish");

  /* The bad line is shown; each note's row says how it went. */
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "这一行没有链接"));
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "春季美妆新品推荐"));
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "3 saved, 0 already there"));
  g_assert_nonnull (find_label_with (GTK_WIDGET (window), "Failed: 02 ("));
  g_assert_cmpuint (hs_download_queue_get_n_saved (queue), >, 5);
  g_assert_cmpuint (hs_download_queue_get_n_failed (queue), ==, 1);
  shoot (GTK_WIDGET (window), "download-progress.png");
  if (g_getenv ("HONGSHU_TEST_SCREENSHOTS") != NULL)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
      shoot (GTK_WIDGET (window), "download-progress-dark.png");
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  hs_test_remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/download-window/links-to-folders", test_download_window);

  return g_test_run ();
}
