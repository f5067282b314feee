#pragma once

/* What hs-media-viewer.c and hs-media-viewer-zoom.c share: the viewer's
 * state, and the zoom and pan of its picture. Private to the viewer. */

#include "hs-media-page.h"
#include "hs-media-viewer.h"

G_BEGIN_DECLS

#define MAX_ZOOM   8.0
#define ZOOM_STEP  1.25

struct _HsMediaViewer
{
  AdwWindow        parent_instance;

  HsMediaLoader   *loader;
  GListModel      *items;
  guint            position;
  char            *title_stem;
  char            *fallback_stem;

  HsMediaPage     *page;            /* the current item, full size */
  double           zoom;            /* used when !best_fit */
  gboolean         best_fit;
  double           pending_h;       /* scroll position to apply after the next layout */
  double           pending_v;
  double           pending_upper_h; /* the sizes that tell the layout has happened */
  double           pending_upper_v;
  guint            pending_frames;
  guint            pending_tick;
  guint            zoom_ui_source;
  double           pointer_x;
  double           pointer_y;
  double           gesture_zoom;    /* at the start of a pinch */
  double           drag_h;          /* at the start of a drag */
  double           drag_v;
  GCancellable    *cancellable;
  GCancellable    *prefetch_cancellable;
  gboolean         constructed;

  AdwToastOverlay *toast_overlay;
  GtkWidget       *leave_fullscreen_button;
  GtkRevealer     *header_revealer;
  AdwWindowTitle  *window_title;
  GtkWidget       *zoom_button;
  GtkLabel        *zoom_label;
  GtkStack        *stack;
  GtkScrolledWindow *scroller;
  GtkPicture      *picture;
  AdwBin          *page_bin;
};

GdkTexture *hs_media_viewer_current_texture (HsMediaViewer *self);
void hs_media_viewer_notify_zoom (HsMediaViewer *self);
double hs_media_viewer_effective_zoom (HsMediaViewer *self);
void hs_media_viewer_reset_zoom (HsMediaViewer *self);
void hs_media_viewer_set_zoom_centered (HsMediaViewer *self,
                                        double         zoom);
void hs_media_viewer_update_zoom_ui (HsMediaViewer *self);
void hs_media_viewer_zoom_controllers_init (HsMediaViewer *self);

G_END_DECLS
