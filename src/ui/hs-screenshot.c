#include "config.h"

#include <stdio.h>

#include "hs-note-view.h"
#include "hs-screenshot.h"
#include "hs-trace.h"

/* Pictures arrive after the body is laid out; give them this long to be
 * decoded and painted before the picture is taken. */
#define SETTLE_MS 1500

typedef struct
{
  GtkWidget *window;
  char      *path;
  gboolean   taken;
} Screenshot;

static void
screenshot_free (gpointer data)
{
  Screenshot *shot = data;

  g_free (shot->path);
  g_free (shot);
}

gboolean
hs_screenshot_save_png (GtkWidget   *widget,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Nothing to render");
      return FALSE;
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
settled_cb (gpointer user_data)
{
  Screenshot *shot = user_data;
  GApplication *application;

  if (shot->path != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (hs_screenshot_save_png (shot->window, shot->path, &error))
        fprintf (stderr, "hongshu: saved %s\n", shot->path);
      else
        fprintf (stderr, "hongshu: %s\n", error->message);
    }

  application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (shot->window)));
  if (application != NULL)
    g_application_quit (application);
  return G_SOURCE_REMOVE;
}

static void
note_ready_cb (HsNoteView *note_view,
               Screenshot *shot)
{
  if (shot->taken)
    return;
  shot->taken = TRUE;
  g_timeout_add_full (G_PRIORITY_DEFAULT, shot->path ? SETTLE_MS : 0,
                      settled_cb, shot, NULL);
}

void
hs_screenshot_attach_from_environment (HsWindow *window)
{
  const char *size = g_getenv ("HONGSHU_WINDOW_SIZE");
  const char *path = g_getenv ("HONGSHU_SCREENSHOT");
  gboolean exit_when_ready = g_strcmp0 (g_getenv ("HONGSHU_EXIT_WHEN_READY"), "1") == 0;
  int width, height;
  Screenshot *shot;

  if (size != NULL && sscanf (size, "%dx%d", &width, &height) == 2 && width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);

  if ((path == NULL || *path == '\0') && !exit_when_ready)
    return;

  shot = g_new0 (Screenshot, 1);
  shot->window = GTK_WIDGET (window);
  shot->path = path && *path ? g_strdup (path) : NULL;
  g_object_set_data_full (G_OBJECT (window), "hs-screenshot", shot, screenshot_free);
  g_signal_connect (hs_window_get_note_view (window), "ready",
                    G_CALLBACK (note_ready_cb), shot);
}
