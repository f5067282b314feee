#pragma once

/* What HsMediaPage's files share; only they include it: hs-media-page.c (the widget,
 * the picture, the states) and hs-media-page-video.c (fetching and playing a video). */

#include "hs-media-page.h"

G_BEGIN_DECLS

struct _HsMediaPage
{
  GtkWidget         parent_instance;

  HsMediaLoader    *loader;
  GObject          *item;
  int               texture_size;

  GdkTexture       *texture;
  HsMediaPageState  state;
  double            progress;
  GCancellable     *cancellable;
  gboolean          video_failed;  /* the video itself failed, not its cover */

  GtkStack         *stack;
  GtkSpinner       *spinner;
  GtkPicture       *picture;
  GtkWidget        *play_button;
  GtkWidget        *download_box;
  GtkProgressBar   *download_bar;
  GtkImage         *error_image;
  GtkLabel         *error_title;
  GtkLabel         *error_detail;
  GtkWidget        *retry_button;
  GtkWidget        *video;
  GFile            *video_file;
};

void hs_media_page_set_state         (HsMediaPage      *self,
                                      HsMediaPageState  state);
void hs_media_page_set_progress      (HsMediaPage      *self,
                                      double            progress);
void hs_media_page_show_error        (HsMediaPage      *self,
                                      gboolean          video,
                                      const GError     *error);
void hs_media_page_reset_cancellable (HsMediaPage      *self);
/* Stops the video's pipeline before the GtkVideo is unrealized (hs-media-page-video.c). */
void hs_media_page_stop_video        (HsMediaPage      *self);

G_END_DECLS
