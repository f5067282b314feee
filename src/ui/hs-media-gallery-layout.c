#include "config.h"

#include <math.h>

#include "hs-media-gallery-internal.h"
#include "hs-texture-cache.h"

/* Layout: the stage's height follows its width, the strip sits below. */

/* GtkWidget's: the gallery is a final type, so its parent is GtkWidget's class. */
#define PARENT_CLASS(widget) g_type_class_peek_parent (G_OBJECT_GET_CLASS (widget))

static gboolean
strip_shown (HsMediaGallery *self)
{
  return gtk_widget_get_visible (self->strip_window);
}

/* The stage and the strip fit in the scrolled window around us, so that a person sees the
 * whole picture and its thumbnails without scrolling. */
static int
max_stage_height (HsMediaGallery *self)
{
  int limit = MAX_STAGE_HEIGHT;

  if (self->viewport_height > 0)
    {
      int available = self->viewport_height - VIEWPORT_MARGIN;

      if (strip_shown (self))
        available -= THUMBNAIL_SIZE + STRIP_SPACING + 4;
      limit = MIN (limit, available);
    }

  return MAX (limit, MIN_STAGE_HEIGHT);
}

static int
stage_height_for_width (HsMediaGallery *self,
                        int             width)
{
  int height = (int) (width / self->aspect_ratio + 0.5);

  return CLAMP (height, MIN_STAGE_HEIGHT, max_stage_height (self));
}

static gboolean
viewport_resize_cb (gpointer user_data)
{
  HsMediaGallery *self = user_data;

  self->viewport_source = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

static void
viewport_page_size_cb (GtkAdjustment  *adjustment,
                       GParamSpec     *pspec,
                       HsMediaGallery *self)
{
  int height = (int) gtk_adjustment_get_page_size (adjustment);

  if (height == self->viewport_height)
    return;

  self->viewport_height = height;
  /* This comes during the scrolled window's allocation: measure again after it. */
  if (self->viewport_source == 0)
    self->viewport_source = g_idle_add (viewport_resize_cb, self);
}

void
hs_media_gallery_unwatch_viewport (HsMediaGallery *self)
{
  if (self->viewport_adjustment != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->viewport_adjustment, viewport_page_size_cb, self);
      g_clear_object (&self->viewport_adjustment);
    }
  g_clear_handle_id (&self->viewport_source, g_source_remove);
  self->viewport_height = 0;
}

/* The strip scrolls sideways only, but GTK turns a wheel's turns over a scrolled window
 * that only scrolls sideways into sideways scrolling. A person turning the wheel over the
 * thumbnails means to scroll the note: pass the turn on to the scrolled window around us,
 * as far as it would have gone there. Shift+wheel still scrolls the strip. */
gboolean
hs_media_gallery_strip_scroll_cb (GtkEventControllerScroll *controller,
                                  double                    dx,
                                  double                    dy,
                                  HsMediaGallery           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double step = 1.0;

  if (self->viewport_adjustment == NULL || dy == 0 || (state & GDK_SHIFT_MASK) != 0)
    return FALSE;

  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (self->viewport_adjustment), 2.0 / 3.0);

  gtk_adjustment_set_value (self->viewport_adjustment,
                            gtk_adjustment_get_value (self->viewport_adjustment) + dy * step);

  return TRUE;
}

static void
hs_media_gallery_root (GtkWidget *widget)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);
  GtkWidget *scrolled_window;

  GTK_WIDGET_CLASS (PARENT_CLASS (widget))->root (widget);

  scrolled_window = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled_window != NULL)
    {
      self->viewport_adjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled_window)));
      g_signal_connect (self->viewport_adjustment, "notify::page-size",
                        G_CALLBACK (viewport_page_size_cb), self);
      self->viewport_height = (int) gtk_adjustment_get_page_size (self->viewport_adjustment);
    }
}

static void
hs_media_gallery_unroot (GtkWidget *widget)
{
  hs_media_gallery_unwatch_viewport (HS_MEDIA_GALLERY (widget));

  GTK_WIDGET_CLASS (PARENT_CLASS (widget))->unroot (widget);
}

static void
hs_media_gallery_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int stage_min, stage_nat;

      gtk_widget_measure (self->stage, orientation, -1, &stage_min, &stage_nat, NULL, NULL);
      *minimum = MAX (stage_min, 160);
      *natural = MAX (stage_nat, NATURAL_WIDTH);
    }
  else
    {
      int width = for_size >= 0 ? for_size : NATURAL_WIDTH;
      int height = stage_height_for_width (self, width);

      if (strip_shown (self))
        {
          int strip_min, strip_nat;

          gtk_widget_measure (self->strip_window, orientation, width, &strip_min, &strip_nat, NULL, NULL);
          height += STRIP_SPACING + strip_nat;
        }

      *minimum = *natural = height;
    }
}

/* Pages decode their pictures at the size the stage shows them: a picture fits in the
 * stage, whose width is ours and whose height is at most max_stage_height(). */
static int
wanted_page_size (HsMediaGallery *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  if (width <= 0)
    return 0;

  return hs_texture_size_for_widget (GTK_WIDGET (self), MAX (width, max_stage_height (self)));
}

/* A larger stage wants sharper pictures; a much smaller one frees memory. Small changes
 * keep what is decoded. */
static gboolean
page_size_changed (HsMediaGallery *self)
{
  int wanted = wanted_page_size (self);

  return wanted > 0 && (wanted > self->page_size || wanted < self->page_size * 3 / 4);
}

static gboolean
update_page_size_cb (gpointer user_data)
{
  HsMediaGallery *self = user_data;

  self->page_size_source = 0;
  if (!page_size_changed (self))
    return G_SOURCE_REMOVE;

  self->page_size = wanted_page_size (self);
  for (guint i = 0; i < self->pages->len; i++)
    hs_media_page_set_texture_size (g_ptr_array_index (self->pages, i), self->page_size);

  return G_SOURCE_REMOVE;
}

static void
hs_media_gallery_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);
  int strip_height = 0;
  int stage_height;

  if (strip_shown (self))
    {
      int strip_min;

      gtk_widget_measure (self->strip_window, GTK_ORIENTATION_VERTICAL, width,
                          &strip_min, &strip_height, NULL, NULL);
    }

  stage_height = height - (strip_height > 0 ? strip_height + STRIP_SPACING : 0);
  gtk_widget_allocate (self->stage, width, MAX (stage_height, 0), -1, NULL);

  if (strip_height > 0)
    gtk_widget_allocate (self->strip_window, width, strip_height, -1,
                         gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, stage_height + STRIP_SPACING)));

  /* Not from within the allocation: a new texture resizes things. */
  if (page_size_changed (self) && self->page_size_source == 0)
    self->page_size_source = g_idle_add (update_page_size_cb, self);
}

static GtkSizeRequestMode
hs_media_gallery_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
set_aspect_ratio_from (HsMediaGallery *self,
                       GdkTexture     *texture)
{
  double ratio;

  if (texture == NULL)
    return;

  ratio = (double) gdk_texture_get_width (texture) / MAX (1, gdk_texture_get_height (texture));
  ratio = CLAMP (ratio, MIN_ASPECT_RATIO, MAX_ASPECT_RATIO);
  if (G_APPROX_VALUE (ratio, self->aspect_ratio, 0.001))
    return;

  self->aspect_ratio = ratio;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
hs_media_gallery_first_page_texture_cb (HsMediaPage    *page,
                                        GParamSpec     *pspec,
                                        HsMediaGallery *self)
{
  set_aspect_ratio_from (self, hs_media_page_get_texture (page));
}

void
hs_media_gallery_layout_class_init (GtkWidgetClass *widget_class)
{
  widget_class->measure = hs_media_gallery_measure;
  widget_class->size_allocate = hs_media_gallery_size_allocate;
  widget_class->get_request_mode = hs_media_gallery_get_request_mode;
  widget_class->root = hs_media_gallery_root;
  widget_class->unroot = hs_media_gallery_unroot;
}
