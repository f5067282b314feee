#pragma once

/* What the files of the media gallery share: its state, its layout, and
 * its paging and thumbnail strip. Private to the gallery. */

#include <adwaita.h>

#include "hs-media-gallery.h"
#include "hs-media-viewer.h"

G_BEGIN_DECLS

/* Side of a thumbnail, px */
#define THUMBNAIL_SIZE     56
/* Space between the carousel and the thumbnails */
#define STRIP_SPACING      10
/* The carousel's height follows the first picture's shape within these bounds, like the
 * app's: from 3:4 (portrait, the usual note) to 4:3. */
#define MIN_ASPECT_RATIO   (3.0 / 4.0)
#define MAX_ASPECT_RATIO   (4.0 / 3.0)
#define MIN_STAGE_HEIGHT   240
#define MAX_STAGE_HEIGHT   720
#define NATURAL_WIDTH      480
/* Room left above and below the gallery in the scrolled window: the layout's margins. */
#define VIEWPORT_MARGIN    54
/* Pages further than this from the current one let go of their pictures. */
#define KEEP_DISTANCE      2

typedef struct
{
  GtkWidget  *button;
  GtkPicture *picture;
  GtkWidget  *failed_icon;
  GdkTexture *texture;
} Thumb;

struct _HsMediaGallery
{
  GtkWidget       parent_instance;

  HsMediaLoader  *loader;
  HsNote         *note;
  GListStore     *items;               /* HsImage, then HsVideo */
  GPtrArray      *pages;               /* HsMediaPage*, owned by the carousel */
  GPtrArray      *thumbs;              /* Thumb* */
  guint           position;
  double          aspect_ratio;        /* of the stage: width / height */
  guint           n_thumbnails_loaded;
  GCancellable   *note_cancellable;    /* thumbnails of the current note */
  GCancellable   *cancellable;         /* saving and copying; cancelled in dispose */
  GCancellable   *save_all_cancellable;
  HsMediaViewer  *viewer;               /* weak */
  GtkAdjustment  *viewport_adjustment;  /* of the scrolled window around us */
  int             viewport_height;
  guint           viewport_source;
  int             page_size;           /* longest side pages decode at; a guess until allocated */
  guint           page_size_source;

  GtkWidget      *stage;
  AdwCarousel    *carousel;
  GtkLabel       *counter_label;
  GtkWidget      *tools_box;
  GtkWidget      *save_box;
  GtkLabel       *save_label;
  GtkProgressBar *save_bar;
  GtkWidget      *strip_window;
  GtkBox         *strip;
};

void hs_media_gallery_first_page_texture_cb (HsMediaPage    *page,
                                             GParamSpec     *pspec,
                                             HsMediaGallery *self);
void hs_media_gallery_layout_class_init (GtkWidgetClass *widget_class);
gboolean hs_media_gallery_strip_scroll_cb (GtkEventControllerScroll *controller,
                                           double                    dx,
                                           double                    dy,
                                           HsMediaGallery           *self);
void hs_media_gallery_unwatch_viewport (HsMediaGallery *self);
Thumb *hs_media_gallery_create_thumb (HsMediaGallery *self,
                                      GObject        *item,
                                      guint           position);
void hs_media_gallery_page_changed_cb (HsMediaGallery *self,
                                       guint           index);
void hs_media_gallery_page_state_cb (HsMediaGallery *self);
void hs_media_gallery_update_actions (HsMediaGallery *self);
void hs_media_gallery_update_position (HsMediaGallery *self);

G_END_DECLS
