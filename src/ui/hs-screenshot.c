#include "config.h"

#include <stdio.h>

#include "hs-content-view.h"
#include "hs-media-gallery.h"
#include "hs-media-page.h"
#include "hs-note-view.h"
#include "hs-screenshot.h"
#include "hs-trace.h"

/* Pictures arrive after the body is laid out; give them this long to be
 * decoded and painted before the picture is taken. */
#define SETTLE_MS 1500

typedef struct
{
  GtkWidget   *window;
  char        *path;
  gboolean     quit;               /* after a screenshot or HONGSHU_EXIT_WHEN_READY */
  gboolean     taken;

  /* Whether the note is "ready": its text shown, its body rendered (in
   * another process) and its first picture painted. */
  HsNoteView  *note_view;
  gboolean     pending;
  guint        ready_source;
  GtkWidget   *body;               /* watched for "is-loaded" */
  HsMediaPage *first_page;         /* watched until its picture shows */
  gboolean     first_picture_shown;
} Screenshot;

static void unwatch (Screenshot *shot);

static void
screenshot_free (gpointer data)
{
  Screenshot *shot = data;

  unwatch (shot);
  if (shot->note_view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (shot->note_view), (gpointer *) &shot->note_view);
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
note_ready (Screenshot *shot)
{
  /* Traced only (build-aux/bench-window.sh): every note is timed, nothing is taken. */
  if (!shot->quit || shot->taken)
    return;
  shot->taken = TRUE;
  g_timeout_add_full (G_PRIORITY_DEFAULT, shot->path ? SETTLE_MS : 0,
                      settled_cb, shot, NULL);
}

static gboolean
ready_cb (gpointer user_data)
{
  Screenshot *shot = user_data;
  HsNote *note = shot->note_view ? hs_note_view_get_note (shot->note_view) : NULL;

  shot->ready_source = 0;
  if (!shot->pending)
    return G_SOURCE_REMOVE;

  shot->pending = FALSE;
  hs_trace_mark ("ready %s", note ? hs_note_get_note_id (note) : "-");
  note_ready (shot);
  return G_SOURCE_REMOVE;
}

/* Ready once the text is shown and the body has rendered; from an idle, so
 * that the frame with them is laid out first. */
static void
check_ready (Screenshot *shot)
{
  if (!shot->pending || shot->ready_source != 0)
    return;

  /* The body renders in another process: wait for its word. */
  if (shot->body != NULL && !hs_content_view_get_is_loaded (HS_CONTENT_VIEW (shot->body)))
    return;
  /* And the first picture, the first thing a person looks at. */
  if (shot->first_page != NULL && !shot->first_picture_shown)
    return;

  shot->ready_source = g_idle_add_full (G_PRIORITY_LOW, ready_cb, shot, NULL);
}

static void
unwatch_first_page (Screenshot *shot)
{
  if (shot->first_page != NULL)
    g_signal_handlers_disconnect_by_data (shot->first_page, shot);
  g_clear_object (&shot->first_page);
}

static void
first_picture_painted_cb (GdkFrameClock *frame_clock,
                          Screenshot    *shot)
{
  HsNote *note = hs_note_view_get_note (shot->note_view);

  g_signal_handlers_disconnect_by_func (frame_clock, first_picture_painted_cb, shot);
  hs_trace_mark ("first-picture %s", note ? hs_note_get_note_id (note) : "-");
  shot->first_picture_shown = TRUE;
  check_ready (shot);
}

static void
first_page_state_cb (HsMediaPage *page,
                     GParamSpec  *pspec,
                     Screenshot  *shot)
{
  GdkFrameClock *frame_clock;

  switch (hs_media_page_get_state (page))
    {
    case HS_MEDIA_PAGE_LOADED:
    case HS_MEDIA_PAGE_PLAYING:
      /* On screen once the next frame is painted, not before. */
      unwatch_first_page (shot);
      frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (shot->note_view));
      if (frame_clock != NULL)
        {
          g_signal_connect (frame_clock, "after-paint",
                            G_CALLBACK (first_picture_painted_cb), shot);
          gtk_widget_queue_draw (GTK_WIDGET (shot->note_view));
        }
      else
        {
          shot->first_picture_shown = TRUE;
          check_ready (shot);
        }
      break;

    case HS_MEDIA_PAGE_FAILED:
      /* Nothing more will come: the placeholder is what shows. */
      unwatch_first_page (shot);
      shot->first_picture_shown = TRUE;
      check_ready (shot);
      break;

    case HS_MEDIA_PAGE_EMPTY:
    case HS_MEDIA_PAGE_LOADING:
    case HS_MEDIA_PAGE_DOWNLOADING:
    default:
      break;
    }
}

static void
body_loaded_cb (GObject    *body,
                GParamSpec *pspec,
                Screenshot *shot)
{
  check_ready (shot);
}

static void
unwatch (Screenshot *shot)
{
  GdkFrameClock *frame_clock;

  g_clear_handle_id (&shot->ready_source, g_source_remove);
  unwatch_first_page (shot);
  if (shot->body != NULL)
    g_signal_handlers_disconnect_by_data (shot->body, shot);
  g_clear_object (&shot->body);
  frame_clock = shot->note_view ? gtk_widget_get_frame_clock (GTK_WIDGET (shot->note_view)) : NULL;
  if (frame_clock != NULL)
    g_signal_handlers_disconnect_by_func (frame_clock, first_picture_painted_cb, shot);
}

/* A note is shown: watch its body and first picture. */
static void
note_shown_cb (HsNoteView *note_view,
               GParamSpec *pspec,
               Screenshot *shot)
{
  GtkWidget *gallery = hs_note_view_get_gallery (note_view);
  HsMediaPage *page = gallery ? hs_media_gallery_get_page (HS_MEDIA_GALLERY (gallery), 0) : NULL;
  GtkWidget *body = hs_note_view_get_body (note_view);

  unwatch (shot);
  if (hs_note_view_get_note (note_view) == NULL)
    return;

  shot->pending = TRUE;
  shot->first_picture_shown = FALSE;
  if (body != NULL)
    {
      shot->body = g_object_ref (body);
      g_signal_connect (body, "notify::is-loaded", G_CALLBACK (body_loaded_cb), shot);
    }
  if (page != NULL)
    {
      shot->first_page = g_object_ref (page);
      g_signal_connect (page, "notify::state", G_CALLBACK (first_page_state_cb), shot);
      first_page_state_cb (page, NULL, shot);
    }
  check_ready (shot);
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

  /* With HONGSHU_TRACE=1 the "first-picture" and "ready" marks come from here too. */
  if ((path == NULL || *path == '\0') && !exit_when_ready && !hs_trace_enabled ())
    return;

  shot = g_new0 (Screenshot, 1);
  shot->window = GTK_WIDGET (window);
  shot->path = path && *path ? g_strdup (path) : NULL;
  shot->quit = shot->path != NULL || exit_when_ready;
  g_object_set_data_full (G_OBJECT (window), "hs-screenshot", shot, screenshot_free);
  shot->note_view = HS_NOTE_VIEW (hs_window_get_note_view (window));
  g_object_add_weak_pointer (G_OBJECT (shot->note_view), (gpointer *) &shot->note_view);
  g_signal_connect (shot->note_view, "notify::note", G_CALLBACK (note_shown_cb), shot);
}
