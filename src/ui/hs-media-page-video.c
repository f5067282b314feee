#include "config.h"

#include "hs-media-page-internal.h"

/* A video page: its cover first (hs-media-page.c); on play the video is fetched into
 * the cache with progress, then played in a GtkVideo that loops. */

typedef struct
{
  GWeakRef page;
} Download;

static void
download_progress_cb (goffset  current,
                      goffset  total,
                      gpointer user_data)
{
  Download *download = user_data;
  g_autoptr(HsMediaPage) self = g_weak_ref_get (&download->page);

  if (self == NULL)
    return;

  if (total > 0)
    {
      hs_media_page_set_progress (self, CLAMP ((double) current / (double) total, 0.0, 1.0));
      gtk_progress_bar_set_fraction (self->download_bar, self->progress);
    }
  else
    {
      gtk_progress_bar_pulse (self->download_bar);
    }
}

/* GTK 4.8's GStreamer backend seeks back at the end of a looping stream but leaves it
 * paused, and GtkVideo's big replay icon only rewinds an ended one. So the page loops by
 * itself: whenever the stream ends, from the start and playing again. */
static void
stream_ended_cb (GtkMediaStream *stream,
                 GParamSpec     *pspec,
                 HsMediaPage    *self)
{
  if (!gtk_media_stream_get_ended (stream))
    return;

  gtk_media_stream_seek (stream, 0);
  gtk_media_stream_play (stream);
}

/* GtkVideo makes its stream when it has a file, and again when it is realized. */
static void
video_stream_changed_cb (GtkVideo    *video,
                         GParamSpec  *pspec,
                         HsMediaPage *self)
{
  GtkMediaStream *stream = gtk_video_get_media_stream (video);

  if (stream == NULL)
    return;

  gtk_media_stream_set_loop (stream, FALSE);
  g_signal_handlers_disconnect_by_func (stream, stream_ended_cb, self);
  g_signal_connect_object (stream, "notify::ended", G_CALLBACK (stream_ended_cb), self, 0);
}

/* Stops the video's pipeline while the page can still take it down in order. GtkVideo,
 * when it is unrealized, first lets go of the GL context its GStreamer sink draws with and
 * only then of the player, whose streaming threads may still be handing over a frame: under
 * load that use of a released context crashed the gallery when a note replaced one with a
 * playing video. Clearing the media file first joins those threads. */
void
hs_media_page_stop_video (HsMediaPage *self)
{
  GtkMediaStream *stream;

  if (self->video == NULL)
    return;

  stream = gtk_video_get_media_stream (GTK_VIDEO (self->video));
  if (stream == NULL)
    return;

  g_signal_handlers_disconnect_by_func (stream, stream_ended_cb, self);
  gtk_media_stream_pause (stream);
  if (GTK_IS_MEDIA_FILE (stream))
    gtk_media_file_clear (GTK_MEDIA_FILE (stream));
}

static void
video_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Download *download = user_data;
  g_autoptr(HsMediaPage) self = g_weak_ref_get (&download->page);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (&download->page);
  g_free (download);

  file = hs_media_loader_load_to_file_finish (HS_MEDIA_LOADER (object), result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (file == NULL)
    {
      g_debug ("Video %s failed: %s", hs_media_page_get_url (self), error->message);
      hs_media_page_show_error (self, TRUE, error);
      return;
    }

  if (self->video != NULL)
    {
      hs_media_page_stop_video (self);
      gtk_stack_remove (self->stack, self->video);
    }
  g_set_object (&self->video_file, file);

  /* From the file, never from a stream: GTK's GStreamer backend aborts on a GtkMediaFile
   * made from an input stream. */
  self->video = gtk_video_new ();
  gtk_video_set_autoplay (GTK_VIDEO (self->video), TRUE);
  g_signal_connect_object (self->video, "notify::media-stream", G_CALLBACK (video_stream_changed_cb), self, 0);
  gtk_video_set_file (GTK_VIDEO (self->video), file);
  gtk_stack_add_named (self->stack, self->video, "video");

  hs_media_page_set_progress (self, 1.0);
  hs_media_page_set_state (self, HS_MEDIA_PAGE_PLAYING);
}

/**
 * hs_media_page_play:
 *
 * For a video: fetches it into the cache (with progress) and plays it; plays it again
 * after a pause.
 */
void
hs_media_page_play (HsMediaPage *self)
{
  Download *download;

  g_return_if_fail (HS_IS_MEDIA_PAGE (self));

  if (!hs_media_page_is_video (self) || self->state == HS_MEDIA_PAGE_DOWNLOADING)
    return;

  if (self->state == HS_MEDIA_PAGE_PLAYING)
    {
      GtkMediaStream *stream = gtk_video_get_media_stream (GTK_VIDEO (self->video));

      /* Stopped when the page left its window: start it afresh. */
      if (stream == NULL || (GTK_IS_MEDIA_FILE (stream) && gtk_media_file_get_file (GTK_MEDIA_FILE (stream)) == NULL))
        gtk_video_set_file (GTK_VIDEO (self->video), self->video_file);
      else
        gtk_media_stream_play (stream);
      return;
    }

  hs_media_page_reset_cancellable (self);
  hs_media_page_set_progress (self, 0.0);
  gtk_progress_bar_set_fraction (self->download_bar, 0.0);
  hs_media_page_set_state (self, HS_MEDIA_PAGE_DOWNLOADING);

  download = g_new0 (Download, 1);
  g_weak_ref_init (&download->page, self);
  hs_media_loader_load_to_file_async (self->loader, hs_media_page_get_url (self),
                                      download_progress_cb, download,
                                      self->cancellable, video_loaded_cb, download);
}

void
hs_media_page_pause (HsMediaPage *self)
{
  GtkMediaStream *stream;

  g_return_if_fail (HS_IS_MEDIA_PAGE (self));

  if (self->state != HS_MEDIA_PAGE_PLAYING)
    return;

  stream = gtk_video_get_media_stream (GTK_VIDEO (self->video));
  if (stream != NULL)
    gtk_media_stream_pause (stream);
}
