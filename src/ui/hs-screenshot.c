#include "config.h"

#include <stdio.h>
#include <string.h>

#include "hs-application.h"
#include "hs-content-view.h"
#include "hs-download-window.h"
#include "hs-media-gallery.h"
#include "hs-media-page.h"
#include "hs-note-view.h"
#include "hs-screenshot.h"
#include "hs-sign-in-window.h"
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

static gboolean
take_sign_in_shot_cb (gpointer user_data)
{
  GtkWindow *sign_in = user_data;
  const char *path = g_object_get_data (G_OBJECT (sign_in), "hs-screenshot-path");
  GtkApplication *application = gtk_window_get_application (gtk_window_get_transient_for (sign_in));
  g_autoptr(GError) error = NULL;

  if (!hs_screenshot_save_png (GTK_WIDGET (sign_in), path, &error))
    g_warning ("Screenshot not saved: %s", error->message);
  if (application != NULL)
    g_application_quit (G_APPLICATION (application));
  return G_SOURCE_REMOVE;
}

static void
sign_in_loaded_cb (WebKitWebView   *view,
                   WebKitLoadEvent  event,
                   GtkWindow       *sign_in)
{
  if (event != WEBKIT_LOAD_FINISHED)
    return;
  g_signal_handlers_disconnect_by_func (view, sign_in_loaded_cb, sign_in);
  g_timeout_add (SETTLE_MS, take_sign_in_shot_cb, sign_in);
}

/* HONGSHU_SCREENSHOT_SIGN_IN=1: the sign-in window on the website the
 * window reads (the demo's sign-in page with --demo), instead of a note. */
static void
shoot_sign_in (HsWindow   *window,
               const char *path,
               int         width,
               int         height)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (window));
  HsSignInWindow *sign_in;

  sign_in = hs_sign_in_window_new (hs_application_get_account (HS_APPLICATION (application)),
                                   hs_window_get_web_base_url (window));
  gtk_window_set_transient_for (GTK_WINDOW (sign_in), GTK_WINDOW (window));
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (sign_in), width, height);
  g_object_set_data_full (G_OBJECT (sign_in), "hs-screenshot-path", g_strdup (path), g_free);
  g_signal_connect (hs_sign_in_window_get_web_view (sign_in), "load-changed",
                    G_CALLBACK (sign_in_loaded_cb), sign_in);
  gtk_window_present (GTK_WINDOW (sign_in));
}

/* HONGSHU_SCREENSHOT_DOWNLOAD: the Download window. "search": with
 * `--search WORD`, the search page's Download All Results button once it
 * can be clicked, then the window when every result is downloaded;
 * "input": the "Download…" window as it opens; "library": the same with
 * the library's saved notes chosen. */
typedef struct
{
  HsWindow *window;
  char     *path;
  char     *mode;
  int       width;
  int       height;
  guint     tries;
} DownloadShot;

static void
download_shot_free (DownloadShot *shot)
{
  g_object_unref (shot->window);
  g_free (shot->path);
  g_free (shot->mode);
  g_free (shot);
}

/* The shown widget of that name: the Library page's grid has its own, unmapped. */
static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
download_shot_step_cb (gpointer user_data)
{
  DownloadShot *shot = user_data;
  HsDownloadWindow *downloads = hs_download_window_find_shown ();
  HsDownloadQueue *queue = downloads != NULL ? hs_download_window_get_queue (downloads) : NULL;
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (shot->window)));
  g_autoptr(GError) error = NULL;

  /* Two minutes at most, whatever happens. */
  if (++shot->tries > 1200)
    {
      g_warning ("Screenshot not taken: the Download window did not get there");
      g_application_quit (application);
      return G_SOURCE_REMOVE;
    }

  if (downloads == NULL)
    {
      GtkWidget *button = find_named (GTK_WIDGET (shot->window), "download-results");

      if (strcmp (shot->mode, "input") == 0 || strcmp (shot->mode, "library") == 0)
        gtk_widget_activate_action (GTK_WIDGET (shot->window), "win.download", NULL);
      else if (button != NULL && gtk_widget_is_sensitive (button))
        g_signal_emit_by_name (button, "clicked");
      else
        return G_SOURCE_CONTINUE;
      downloads = hs_download_window_find_shown ();
      if (downloads != NULL && shot->width > 0 && shot->height > 0)
        gtk_window_set_default_size (GTK_WINDOW (downloads), shot->width, shot->height);
      if (downloads != NULL && strcmp (shot->mode, "library") == 0)
        hs_download_window_choose_library (downloads, NULL);
      return G_SOURCE_CONTINUE;
    }

  if (strcmp (shot->mode, "input") != 0 && strcmp (shot->mode, "library") != 0 &&
      (queue == NULL || hs_download_window_is_gathering (downloads) ||
       hs_download_queue_get_state (queue) != HS_DOWNLOAD_QUEUE_FINISHED))
    return G_SOURCE_CONTINUE;
  /* Drawn at its size for a while: the toast is up, the rows are laid out. */
  if (g_object_get_data (G_OBJECT (downloads), "hs-shot-settling") == NULL)
    {
      g_object_set_data (G_OBJECT (downloads), "hs-shot-settling", GINT_TO_POINTER (shot->tries));
      return G_SOURCE_CONTINUE;
    }
  if (shot->tries - GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (downloads), "hs-shot-settling")) < 20)
    return G_SOURCE_CONTINUE;

  if (hs_screenshot_save_png (GTK_WIDGET (downloads), shot->path, &error))
    fprintf (stderr, "hongshu: saved %s\n", shot->path);
  else
    g_warning ("Screenshot not saved: %s", error->message);
  g_application_quit (application);
  return G_SOURCE_REMOVE;
}

static void
shoot_download (HsWindow   *window,
                const char *path,
                const char *mode,
                int         width,
                int         height)
{
  DownloadShot *shot = g_new0 (DownloadShot, 1);

  shot->window = g_object_ref (window);
  shot->path = g_strdup (path);
  shot->mode = g_strdup (mode);
  shot->width = width;
  shot->height = height;
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, download_shot_step_cb, shot,
                      (GDestroyNotify) download_shot_free);
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

  if (g_getenv ("HONGSHU_SCREENSHOT_DOWNLOAD") != NULL && path != NULL && *path != '\0')
    {
      if (size == NULL || sscanf (size, "%dx%d", &width, &height) != 2)
        width = height = 0;
      shoot_download (window, path, g_getenv ("HONGSHU_SCREENSHOT_DOWNLOAD"), width, height);
      return;
    }

  if (g_strcmp0 (g_getenv ("HONGSHU_SCREENSHOT_SIGN_IN"), "1") == 0 && path != NULL && *path != '\0')
    {
      if (size == NULL || sscanf (size, "%dx%d", &width, &height) != 2)
        width = height = 0;
      shoot_sign_in (window, path, width, height);
      return;
    }

  shot = g_new0 (Screenshot, 1);
  shot->window = GTK_WIDGET (window);
  shot->path = path && *path ? g_strdup (path) : NULL;
  shot->quit = shot->path != NULL || exit_when_ready;
  g_object_set_data_full (G_OBJECT (window), "hs-screenshot", shot, screenshot_free);
  shot->note_view = HS_NOTE_VIEW (hs_window_get_note_view (window));
  g_object_add_weak_pointer (G_OBJECT (shot->note_view), (gpointer *) &shot->note_view);
  g_signal_connect (shot->note_view, "notify::note", G_CALLBACK (note_shown_cb), shot);
}
