#include "config.h"

#include "hs-note-layout.h"

/* The text column on a wide window: wide enough for a comfortable line of
 * Chinese text, never so wide that the pictures lose their room. */
#define TEXT_COLUMN_MIN 340
#define TEXT_COLUMN_MAX 440

/* Room above the media when it stays in view while the text scrolls. */
#define STICKY_MARGIN 12

struct _HsNoteLayout
{
  GtkWidget  parent_instance;

  GtkWidget *header;
  GtkWidget *media;
  GtkWidget *body;

  GtkAdjustment *scroll_adjustment;

  int        wide_threshold;
  int        spacing;
  gboolean   is_wide;
};

G_DEFINE_FINAL_TYPE (HsNoteLayout, hs_note_layout, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HEADER,
  PROP_MEDIA,
  PROP_BODY,
  PROP_WIDE_THRESHOLD,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
child_visible (GtkWidget *child)
{
  return child != NULL && gtk_widget_get_visible (child);
}

static int
child_min_width (GtkWidget *child)
{
  int min = 0;

  if (child_visible (child))
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static void
child_height (GtkWidget *child,
              int        width,
              int       *min,
              int       *nat)
{
  *min = *nat = 0;
  if (child_visible (child))
    gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, min, nat, NULL, NULL);
}

static int
text_column_width (HsNoteLayout *self,
                   int           width)
{
  return CLAMP (width * 2 / 5, TEXT_COLUMN_MIN, TEXT_COLUMN_MAX);
}

static gboolean
is_wide_for_width (HsNoteLayout *self,
                   int           width,
                   int          *out_media_width,
                   int          *out_text_width)
{
  int text_width;
  int media_width;

  if (!child_visible (self->media) || width < self->wide_threshold)
    return FALSE;

  text_width = text_column_width (self, width);
  media_width = width - text_width - self->spacing;
  if (media_width < child_min_width (self->media) ||
      text_width < child_min_width (self->header) ||
      text_width < child_min_width (self->body))
    return FALSE;

  if (out_media_width)
    *out_media_width = media_width;
  if (out_text_width)
    *out_text_width = text_width;
  return TRUE;
}

/* Height of the children in a column of @width, with spacing between the
 * visible ones. */
static void
column_height (HsNoteLayout  *self,
               GtkWidget    **children,
               guint          n_children,
               int            width,
               int           *min,
               int           *nat)
{
  int n_visible = 0;

  *min = *nat = 0;
  for (guint i = 0; i < n_children; i++)
    {
      int child_min, child_nat;

      if (!child_visible (children[i]))
        continue;
      child_height (children[i], width, &child_min, &child_nat);
      *min += child_min;
      *nat += child_nat;
      n_visible++;
    }
  if (n_visible > 1)
    {
      *min += (n_visible - 1) * self->spacing;
      *nat += (n_visible - 1) * self->spacing;
    }
}

static void
hs_note_layout_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  HsNoteLayout *self = HS_NOTE_LAYOUT (widget);
  int media_width, text_width;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Stacked is always possible, so the minimum is the widest child's;
       * the natural width is what makes the side-by-side form possible. */
      GtkWidget *children[] = { self->header, self->media, self->body };
      int min = 0, nat = 0;

      for (guint i = 0; i < G_N_ELEMENTS (children); i++)
        {
          int child_min, child_nat;

          if (!child_visible (children[i]))
            continue;
          gtk_widget_measure (children[i], GTK_ORIENTATION_HORIZONTAL, -1,
                              &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat = MAX (nat, child_nat);
        }
      if (child_visible (self->media))
        nat = MAX (nat, self->wide_threshold);
      *minimum = min;
      *natural = MAX (min, nat);
      return;
    }

  if (for_size < 0)
    gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &for_size, NULL, NULL);

  if (is_wide_for_width (self, for_size, &media_width, &text_width))
    {
      GtkWidget *text[] = { self->header, self->body };
      int media_min, media_nat, text_min, text_nat;

      child_height (self->media, media_width, &media_min, &media_nat);
      column_height (self, text, G_N_ELEMENTS (text), text_width, &text_min, &text_nat);
      *minimum = MAX (media_min, text_min);
      *natural = MAX (media_nat, text_nat);
    }
  else
    {
      GtkWidget *stack[] = { self->header, self->media, self->body };

      column_height (self, stack, G_N_ELEMENTS (stack), for_size, minimum, natural);
    }
}

static void
allocate_column (HsNoteLayout  *self,
                 GtkWidget    **children,
                 guint          n_children,
                 int            x,
                 int            y,
                 int            width,
                 int            widget_width)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  for (guint i = 0; i < n_children; i++)
    {
      int min, nat;

      if (!child_visible (children[i]))
        continue;
      child_height (children[i], width, &min, &nat);
      gtk_widget_size_allocate (children[i],
                                &(GtkAllocation) {
                                  rtl ? widget_width - x - width : x, y, width, nat
                                },
                                -1);
      y += nat + self->spacing;
    }
}

/* As on the website, the pictures stay in view while a long text scrolls
 * past them: the media follows the top of the viewport, within our bounds.
 * One scrolled window still moves everything; nothing scrolls on its own. */
static int
sticky_media_y (HsNoteLayout *self,
                int           media_width,
                int           height)
{
  GtkWidget *viewport;
  graphene_point_t origin;
  int media_min, media_nat;

  if (self->scroll_adjustment == NULL)
    return 0;

  viewport = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_VIEWPORT);
  if (viewport == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (self), viewport, &GRAPHENE_POINT_INIT (0, 0), &origin))
    return 0;

  child_height (self->media, media_width, &media_min, &media_nat);
  /* origin.y < 0 once our top has scrolled above the viewport's. */
  return CLAMP ((int) -origin.y + STICKY_MARGIN, 0, MAX (0, height - media_nat));
}

static void
hs_note_layout_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  HsNoteLayout *self = HS_NOTE_LAYOUT (widget);
  int media_width, text_width;

  self->is_wide = is_wide_for_width (self, width, &media_width, &text_width);

  if (self->is_wide)
    {
      GtkWidget *media[] = { self->media };
      GtkWidget *text[] = { self->header, self->body };

      allocate_column (self, media, G_N_ELEMENTS (media), 0,
                       sticky_media_y (self, media_width, height), media_width, width);
      allocate_column (self, text, G_N_ELEMENTS (text),
                       media_width + self->spacing, 0, text_width, width);
    }
  else
    {
      GtkWidget *stack[] = { self->header, self->media, self->body };

      allocate_column (self, stack, G_N_ELEMENTS (stack), 0, 0, width, width);
    }
}

static GtkSizeRequestMode
hs_note_layout_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Replaces the child in @slot, keeping the children in reading order
 * (header, media, body) so that keyboard focus follows it. */
static void
set_child (HsNoteLayout  *self,
           GtkWidget    **slot,
           GtkWidget     *child,
           GParamSpec    *pspec)
{
  GtkWidget *order[3];

  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (*slot == child)
    return;

  g_clear_pointer (slot, gtk_widget_unparent);
  *slot = child;

  order[0] = self->header;
  order[1] = self->media;
  order[2] = self->body;
  if (child != NULL)
    {
      GtkWidget *previous = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (order) && order[i] != child; i++)
        if (order[i] != NULL)
          previous = order[i];
      gtk_widget_insert_after (child, GTK_WIDGET (self), previous);
    }

  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
hs_note_layout_dispose (GObject *object)
{
  HsNoteLayout *self = (HsNoteLayout *)object;

  hs_note_layout_set_scroll_adjustment (self, NULL);
  g_clear_pointer (&self->header, gtk_widget_unparent);
  g_clear_pointer (&self->media, gtk_widget_unparent);
  g_clear_pointer (&self->body, gtk_widget_unparent);

  G_OBJECT_CLASS (hs_note_layout_parent_class)->dispose (object);
}

static void
hs_note_layout_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsNoteLayout *self = HS_NOTE_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_HEADER:
      g_value_set_object (value, self->header);
      break;

    case PROP_MEDIA:
      g_value_set_object (value, self->media);
      break;

    case PROP_BODY:
      g_value_set_object (value, self->body);
      break;

    case PROP_WIDE_THRESHOLD:
      g_value_set_int (value, self->wide_threshold);
      break;

    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_note_layout_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HsNoteLayout *self = HS_NOTE_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_HEADER:
      hs_note_layout_set_header (self, g_value_get_object (value));
      break;

    case PROP_MEDIA:
      hs_note_layout_set_media (self, g_value_get_object (value));
      break;

    case PROP_BODY:
      hs_note_layout_set_body (self, g_value_get_object (value));
      break;

    case PROP_WIDE_THRESHOLD:
      if (self->wide_threshold != g_value_get_int (value))
        {
          self->wide_threshold = g_value_get_int (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SPACING:
      if (self->spacing != g_value_get_int (value))
        {
          self->spacing = g_value_get_int (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_note_layout_class_init (HsNoteLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_note_layout_dispose;
  object_class->get_property = hs_note_layout_get_property;
  object_class->set_property = hs_note_layout_set_property;

  widget_class->measure = hs_note_layout_measure;
  widget_class->size_allocate = hs_note_layout_size_allocate;
  widget_class->get_request_mode = hs_note_layout_get_request_mode;

  properties[PROP_HEADER] =
    g_param_spec_object ("header", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MEDIA] =
    g_param_spec_object ("media", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BODY] =
    g_param_spec_object ("body", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WIDE_THRESHOLD] =
    g_param_spec_int ("wide-threshold", NULL, NULL,
                      0, G_MAXINT, 720,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL,
                      0, G_MAXINT, 24,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "notelayout");
}

static void
hs_note_layout_init (HsNoteLayout *self)
{
  self->wide_threshold = 720;
  self->spacing = 24;
}

GtkWidget *
hs_note_layout_new (void)
{
  return g_object_new (HS_TYPE_NOTE_LAYOUT, NULL);
}

GtkWidget *
hs_note_layout_get_header (HsNoteLayout *self)
{
  g_return_val_if_fail (HS_IS_NOTE_LAYOUT (self), NULL);
  return self->header;
}

void
hs_note_layout_set_header (HsNoteLayout *self,
                           GtkWidget    *header)
{
  g_return_if_fail (HS_IS_NOTE_LAYOUT (self));
  set_child (self, &self->header, header, properties[PROP_HEADER]);
}

GtkWidget *
hs_note_layout_get_media (HsNoteLayout *self)
{
  g_return_val_if_fail (HS_IS_NOTE_LAYOUT (self), NULL);
  return self->media;
}

void
hs_note_layout_set_media (HsNoteLayout *self,
                          GtkWidget    *media)
{
  g_return_if_fail (HS_IS_NOTE_LAYOUT (self));
  set_child (self, &self->media, media, properties[PROP_MEDIA]);
}

GtkWidget *
hs_note_layout_get_body (HsNoteLayout *self)
{
  g_return_val_if_fail (HS_IS_NOTE_LAYOUT (self), NULL);
  return self->body;
}

void
hs_note_layout_set_body (HsNoteLayout *self,
                         GtkWidget    *body)
{
  g_return_if_fail (HS_IS_NOTE_LAYOUT (self));
  set_child (self, &self->body, body, properties[PROP_BODY]);
}

static void
scrolled_cb (HsNoteLayout *self)
{
  /* Only the media moves: no new measuring, just a new allocation. */
  if (self->is_wide)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
hs_note_layout_set_scroll_adjustment (HsNoteLayout  *self,
                                      GtkAdjustment *adjustment)
{
  g_return_if_fail (HS_IS_NOTE_LAYOUT (self));
  g_return_if_fail (adjustment == NULL || GTK_IS_ADJUSTMENT (adjustment));

  if (self->scroll_adjustment == adjustment)
    return;

  if (self->scroll_adjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->scroll_adjustment, scrolled_cb, self);
  g_set_object (&self->scroll_adjustment, adjustment);
  if (adjustment != NULL)
    g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (scrolled_cb), self);

  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

gboolean
hs_note_layout_get_is_wide (HsNoteLayout *self)
{
  g_return_val_if_fail (HS_IS_NOTE_LAYOUT (self), FALSE);
  return self->is_wide;
}
