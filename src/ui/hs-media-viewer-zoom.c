#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "hs-media-viewer-internal.h"

/* The media viewer's zoom: best fit or a factor, kept around the point under
 * the pointer, by keys, wheel, pinch and double click, and panning by drag. */

static void
viewport_size (HsMediaViewer *self,
               double        *width,
               double        *height)
{
  *width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self->scroller)));
  *height = MAX (1, gtk_widget_get_height (GTK_WIDGET (self->scroller)));
}

/* The zoom at which the picture fits the window, never above 100 %. */
static double
fit_zoom (HsMediaViewer *self)
{
  GdkTexture *texture = hs_media_viewer_current_texture (self);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double width, height;

  if (texture == NULL)
    return 1.0;

  viewport_size (self, &width, &height);

  return MIN (1.0, MIN (width * scale / gdk_texture_get_width (texture),
                        height * scale / gdk_texture_get_height (texture)));
}

double
hs_media_viewer_effective_zoom (HsMediaViewer *self)
{
  return self->best_fit ? fit_zoom (self) : self->zoom;
}

void
hs_media_viewer_update_zoom_ui (HsMediaViewer *self)
{
  gboolean picture = hs_media_viewer_current_texture (self) != NULL;
  double zoom = hs_media_viewer_effective_zoom (self);
  g_autofree char *label = NULL;

  /* Translators: the zoom level of a picture, e.g. "100%". */
  label = g_strdup_printf (_("%d%%"), (int) round (zoom * 100));
  gtk_label_set_label (self->zoom_label, picture ? label : "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in", picture && zoom < MAX_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-out", picture && !self->best_fit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-fit", picture && !self->best_fit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-original", picture);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-toggle", picture);
  gtk_widget_set_tooltip_text (self->zoom_button, self->best_fit ? _("Original Size") : _("Best Fit"));
}

static gboolean
apply_pending_scroll_cb (GtkWidget     *widget,
                         GdkFrameClock *frame_clock,
                         gpointer       user_data)
{
  HsMediaViewer *self = HS_MEDIA_VIEWER (widget);
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  /* Ticks come before the frame's layout: wait for the one that gave the picture its new
   * size, or the values would be clamped to the old one. */
  if (self->pending_frames++ < 5
      && (fabs (gtk_adjustment_get_upper (hadjustment) - self->pending_upper_h) > 1
          || fabs (gtk_adjustment_get_upper (vadjustment) - self->pending_upper_v) > 1))
    return G_SOURCE_CONTINUE;

  self->pending_tick = 0;
  gtk_adjustment_set_value (hadjustment, self->pending_h);
  gtk_adjustment_set_value (vadjustment, self->pending_v);

  return G_SOURCE_REMOVE;
}

/* Sets the zoom, keeping the picture's point under (@anchor_x, @anchor_y) of the viewport
 * where it is. A zoom at or below the fitting one means best fit. */
static void
set_zoom_at (HsMediaViewer *self,
             double         zoom,
             double         anchor_x,
             double         anchor_y)
{
  GdkTexture *texture = hs_media_viewer_current_texture (self);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->scroller);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double fit = fit_zoom (self);
  double old_zoom = hs_media_viewer_effective_zoom (self);
  double width, height, texture_width, texture_height;
  double old_x, old_y, new_x, new_y, point_x, point_y;
  gboolean best_fit;

  if (texture == NULL)
    return;

  zoom = CLAMP (zoom, fit, MAX_ZOOM);
  best_fit = zoom <= fit + 1e-6;
  if (best_fit == self->best_fit && (best_fit || G_APPROX_VALUE (zoom, self->zoom, 1e-6)))
    return;

  viewport_size (self, &width, &height);
  texture_width = gdk_texture_get_width (texture);
  texture_height = gdk_texture_get_height (texture);

  /* Where the anchor is on the picture, in picture pixels. */
  old_x = MAX (0, (width - texture_width * old_zoom / scale) / 2);
  old_y = MAX (0, (height - texture_height * old_zoom / scale) / 2);
  point_x = (gtk_adjustment_get_value (hadjustment) + anchor_x - old_x) / (old_zoom / scale);
  point_y = (gtk_adjustment_get_value (vadjustment) + anchor_y - old_y) / (old_zoom / scale);

  self->best_fit = best_fit;
  self->zoom = best_fit ? fit : zoom;

  if (best_fit)
    {
      gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_NEVER);
      gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, -1);
      gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_SCALE_DOWN);
      gtk_widget_set_cursor (GTK_WIDGET (self->scroller), NULL);
    }
  else
    {
      double shown_width = texture_width * zoom / scale;
      double shown_height = texture_height * zoom / scale;

      gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
      gtk_widget_set_size_request (GTK_WIDGET (self->picture), (int) ceil (shown_width), (int) ceil (shown_height));
      gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_CONTAIN);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self->scroller), "grab");

      new_x = MAX (0, (width - shown_width) / 2);
      new_y = MAX (0, (height - shown_height) / 2);
      self->pending_h = point_x * zoom / scale + new_x - anchor_x;
      self->pending_v = point_y * zoom / scale + new_y - anchor_y;
      self->pending_upper_h = MAX (width, ceil (shown_width));
      self->pending_upper_v = MAX (height, ceil (shown_height));
      self->pending_frames = 0;

      /* The adjustments learn the new size in the next layout. */
      if (self->pending_tick == 0)
        self->pending_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), apply_pending_scroll_cb, NULL, NULL);
    }

  hs_media_viewer_update_zoom_ui (self);
  hs_media_viewer_notify_zoom (self);
}

void
hs_media_viewer_set_zoom_centered (HsMediaViewer *self,
                                   double         zoom)
{
  double width, height;

  viewport_size (self, &width, &height);
  set_zoom_at (self, zoom, width / 2, height / 2);
}

void
hs_media_viewer_reset_zoom (HsMediaViewer *self)
{
  self->best_fit = TRUE;
  self->zoom = 0;
  gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, -1);
  gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_SCALE_DOWN);
  gtk_widget_set_cursor (GTK_WIDGET (self->scroller), NULL);
  hs_media_viewer_update_zoom_ui (self);
  hs_media_viewer_notify_zoom (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           HsMediaViewer            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || hs_media_viewer_current_texture (self) == NULL)
    return FALSE;

  set_zoom_at (self, hs_media_viewer_effective_zoom (self) * pow (ZOOM_STEP, -dy), self->pointer_x, self->pointer_y);

  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           HsMediaViewer            *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               HsMediaViewer    *self)
{
  self->gesture_zoom = hs_media_viewer_effective_zoom (self);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       HsMediaViewer  *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      double width, height;

      viewport_size (self, &width, &height);
      x = width / 2;
      y = height / 2;
    }

  set_zoom_at (self, self->gesture_zoom * scale, x, y);
}

static void
double_click_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 HsMediaViewer   *self)
{
  if (n_press != 2 || hs_media_viewer_current_texture (self) == NULL)
    return;

  /* Between the whole picture and a close look at the spot that was clicked. */
  if (self->best_fit)
    set_zoom_at (self, MAX (1.0, fit_zoom (self) * 2), x, y);
  else
    set_zoom_at (self, 0, x, y);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               HsMediaViewer  *self)
{
  if (self->best_fit)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_h = gtk_adjustment_get_value (gtk_scrolled_window_get_hadjustment (self->scroller));
  self->drag_v = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroller));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->scroller), "grabbing");
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                HsMediaViewer  *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->scroller), self->drag_h - offset_x);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), self->drag_v - offset_y);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             HsMediaViewer  *self)
{
  if (!self->best_fit)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self->scroller), "grab");
}

static gboolean
update_zoom_ui_cb (gpointer user_data)
{
  HsMediaViewer *self = user_data;

  self->zoom_ui_source = 0;
  hs_media_viewer_update_zoom_ui (self);

  return G_SOURCE_REMOVE;
}

static void
viewport_changed_cb (GtkAdjustment *adjustment,
                     HsMediaViewer *self)
{
  /* The fitting zoom changes with the window's size. This runs during the allocation;
   * a label changed now would need another one in the same frame. */
  if (self->best_fit && self->zoom_ui_source == 0)
    self->zoom_ui_source = g_idle_add (update_zoom_ui_cb, self);
}

/* Wheel, pinch, double click and drag on the picture. */
void
hs_media_viewer_zoom_controllers_init (HsMediaViewer *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (double_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), GTK_EVENT_CONTROLLER (gesture));

  g_signal_connect (gtk_scrolled_window_get_hadjustment (self->scroller), "changed",
                    G_CALLBACK (viewport_changed_cb), self);
}
