#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hs-content-html.h"
#include "hs-content-view.h"
#include "hs-format.h"
#include "hs-media-gallery.h"
#include "hs-note-layout.h"
#include "hs-note-view.h"
#include "hs-texture-cache.h"
#include "hs-trace.h"

#define AVATAR_TEXTURE_SIZE 96

struct _HsNoteView
{
  AdwBin             parent_instance;

  HsNote            *note;
  HsMediaLoader     *loader;
  GCancellable      *avatar_cancellable;
  char              *maps_uri;

  GtkWidget         *gallery;
  GtkWidget         *content_view;
  gulong             focus_handler;     /* on the root */

  GtkScrolledWindow *scrolled_window;
  HsNoteLayout      *layout;
  GtkWidget         *author_box;
  GtkWidget         *author_search;         /* the button, or its icon alone where narrow */
  GtkWidget         *author_search_button;
  GtkWidget         *author_search_icon_button;
  AdwAvatar         *avatar;
  GtkLabel          *nickname_label;
  GtkLabel          *followers_label;
  AdwBin            *media_slot;
  GtkBox            *media_box;
  GtkLabel          *omitted_media_label;
  GtkLabel          *title_label;
  AdwBin            *content_slot;
  GtkFlowBox        *tags_box;
  GtkWidget         *time_box;
  GtkLabel          *time_label;
  GtkWidget         *location_box;
  GtkLabel          *location_label;
  GtkWidget         *maps_button;
  GtkWidget         *like_box;
  GtkLabel          *like_label;
  GtkWidget         *favorite_box;
  GtkLabel          *favorite_label;
  GtkWidget         *comment_box;
  GtkLabel          *comment_label;
  GtkWidget         *share_box;
  GtkLabel          *share_label;
  GtkWidget         *saved_badge;
};

G_DEFINE_FINAL_TYPE (HsNoteView, hs_note_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_NOTE,
  PROP_MEDIA_LOADER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The exact count with its noun, for the tooltip and the screen reader. */
static char *
count_long_text (HsCountKind kind,
                 gint64      n,
                 gboolean    lower_bound)
{
  g_autofree char *number = NULL;
  gulong plural_n;

  if (n < 0)
    {
      switch (kind)
        {
        case HS_COUNT_LIKES:
          return g_strdup (_("Number of likes unknown"));
        case HS_COUNT_FAVORITES:
          return g_strdup (_("Number of favorites unknown"));
        case HS_COUNT_COMMENTS:
          return g_strdup (_("Number of comments unknown"));
        case HS_COUNT_SHARES:
        default:
          return g_strdup (_("Number of shares unknown"));
        }
    }

  number = hs_format_count_long_full (n, lower_bound);
  /* ngettext takes an unsigned long; past its range every language uses
   * its "many" form anyway. */
  plural_n = (gulong) MIN (n, (gint64) G_MAXUINT32);

  switch (kind)
    {
    case HS_COUNT_LIKES:
      /* TRANSLATORS: %s is an exact number such as "1,024" or "100,000+" */
      return g_strdup_printf (ngettext ("%s like", "%s likes", plural_n), number);
    case HS_COUNT_FAVORITES:
      /* TRANSLATORS: %s is an exact number such as "1,024" or "100,000+" */
      return g_strdup_printf (ngettext ("%s favorite", "%s favorites", plural_n), number);
    case HS_COUNT_COMMENTS:
      /* TRANSLATORS: %s is an exact number such as "1,024" or "100,000+" */
      return g_strdup_printf (ngettext ("%s comment", "%s comments", plural_n), number);
    case HS_COUNT_SHARES:
    default:
      /* TRANSLATORS: %s is an exact number such as "1,024" or "100,000+" */
      return g_strdup_printf (ngettext ("%s share", "%s shares", plural_n), number);
    }
}

static void
show_count (GtkWidget   *box,
            GtkLabel    *label,
            HsNote      *note,
            HsCountKind  kind)
{
  gint64 n = hs_note_get_count (note, kind);
  gboolean lower_bound = hs_note_get_count_is_lower_bound (note, kind);
  g_autofree char *short_text = hs_format_count_full (n, lower_bound);
  g_autofree char *long_text = count_long_text (kind, n, lower_bound);

  gtk_label_set_text (label, short_text);
  gtk_widget_set_tooltip_text (box, long_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, long_text,
                                  -1);
}

static void
avatar_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HsNoteView) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = hs_texture_cache_load_finish (HS_TEXTURE_CACHE (object), result, &error);
  if (texture == NULL)
    {
      /* The initials stay: a missing avatar is not worth a message. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No avatar: %s", error->message);
      return;
    }

  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
}

static void
show_author (HsNoteView *self,
             HsAuthor   *author)
{
  const char *nickname = author ? hs_author_get_nickname (author) : NULL;
  const char *avatar_url = author ? hs_author_get_avatar_url (author) : NULL;
  gint64 followers = author ? hs_author_get_follower_count (author) : -1;

  g_cancellable_cancel (self->avatar_cancellable);
  g_clear_object (&self->avatar_cancellable);
  adw_avatar_set_custom_image (self->avatar, NULL);

  gtk_widget_set_visible (self->author_box, author != NULL);
  if (author == NULL)
    return;

  gtk_widget_set_visible (self->author_search, nickname != NULL && *nickname != '\0');
  if (nickname != NULL && *nickname != '\0')
    {
      GtkWidget *buttons[] = { self->author_search_button, self->author_search_icon_button };

      /* The target first: the action takes a string. */
      for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
        {
          gtk_actionable_set_action_target (GTK_ACTIONABLE (buttons[i]), "s", nickname);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (buttons[i]), "win.search-keyword");
        }
    }
  if (nickname == NULL || *nickname == '\0')
    nickname = _("Unknown Author");
  gtk_label_set_text (self->nickname_label, nickname);
  adw_avatar_set_text (self->avatar, nickname);

  if (followers >= 0)
    {
      gboolean lower_bound = hs_author_get_follower_count_is_lower_bound (author);
      g_autofree char *short_count = hs_format_count_full (followers, lower_bound);
      g_autofree char *long_count = hs_format_count_long_full (followers, lower_bound);
      gulong plural_n = (gulong) MIN (followers, (gint64) G_MAXUINT32);
      g_autofree char *text = NULL;
      g_autofree char *long_text = NULL;

      /* TRANSLATORS: %s is a short count such as "1.2K" or "1.2万" */
      text = g_strdup_printf (ngettext ("%s follower", "%s followers", plural_n), short_count);
      /* TRANSLATORS: %s is an exact number such as "12,345" */
      long_text = g_strdup_printf (ngettext ("%s follower", "%s followers", plural_n), long_count);
      gtk_label_set_text (self->followers_label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->followers_label), long_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->followers_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, long_text,
                                      -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->followers_label), followers >= 0);

  if (avatar_url != NULL && self->loader != NULL)
    {
      self->avatar_cancellable = g_cancellable_new ();
      /* Decoded off the main thread, at twice the shown size for HiDPI. */
      hs_texture_cache_load_async (hs_texture_cache_get_default (), self->loader, avatar_url,
                                   AVATAR_TEXTURE_SIZE, self->avatar_cancellable,
                                   avatar_loaded_cb, g_object_ref (self));
    }
}

static void
show_time (HsNoteView *self,
           GDateTime  *publish_time)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *relative = NULL;

  gtk_widget_set_visible (self->time_box, publish_time != NULL);
  if (publish_time == NULL)
    return;

  now = g_date_time_new_now_local ();
  absolute = hs_format_time_absolute (publish_time);
  relative = hs_format_time_relative (publish_time, now);
  /* As Xiaohongshu does: "3 days ago" for a recent note, the exact time in its tooltip.
   * Past a week the relative form is the date, which the absolute one starts with. */
  if (g_str_has_prefix (absolute, relative))
    {
      gtk_label_set_text (self->time_label, absolute);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), NULL);
    }
  else
    {
      gtk_label_set_text (self->time_label, relative);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), absolute);
    }
}

/* RFC 5870 wants a dot whatever LC_NUMERIC says; six decimals are ten
 * centimetres, and trailing zeros say nothing. */
static void
format_coordinate (char   buffer[G_ASCII_DTOSTR_BUF_SIZE],
                   double value)
{
  size_t length;

  g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%.6f", value);
  length = strlen (buffer);
  while (length > 0 && buffer[length - 1] == '0')
    buffer[--length] = '\0';
  if (length > 0 && buffer[length - 1] == '.')
    buffer[--length] = '\0';
}

static void
show_location (HsNoteView *self,
               HsLocation *location)
{
  const char *name = location ? hs_location_get_name (location) : NULL;
  gboolean has_coordinates = location != NULL && hs_location_has_coordinates (location);

  g_clear_pointer (&self->maps_uri, g_free);

  gtk_widget_set_visible (self->location_box, (name != NULL && *name != '\0') || has_coordinates);
  if (location == NULL)
    return;

  if (has_coordinates)
    {
      char latitude[G_ASCII_DTOSTR_BUF_SIZE];
      char longitude[G_ASCII_DTOSTR_BUF_SIZE];

      format_coordinate (latitude, hs_location_get_latitude (location));
      format_coordinate (longitude, hs_location_get_longitude (location));
      self->maps_uri = g_strdup_printf ("geo:%s,%s", latitude, longitude);
      /* The window launches it, and says so if nothing handles geo: URIs. */
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->maps_button), "s", self->maps_uri);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->maps_button), "win.open-uri");
    }

  gtk_label_set_text (self->location_label,
                      name != NULL && *name != '\0' ? name : _("Unnamed Place"));
  gtk_widget_set_visible (self->maps_button, has_coordinates);
}

static void
show_tags (HsNoteView         *self,
           const char * const *tags,
           const char         *body)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))))
    gtk_flow_box_remove (self->tags_box, child);

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *text = g_strdup_printf ("#%s", tags[i]);
      g_autofree char *tooltip = NULL;
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *button = gtk_button_new ();

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "tag");
      gtk_widget_add_css_class (button, "flat");
      /* A tag pill opens the tag's search. */
      /* TRANSLATORS: %s is a tag */
      tooltip = g_strdup_printf (_("Search the tag “%s”"), tags[i]);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", tags[i]);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.search-tag");
      gtk_flow_box_append (self->tags_box, button);
      /* The button takes the focus, not the flow box's child around it. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }

  /* A body that ends with the tags already shows them, where the author put them: the
   * pills would say them twice. The body is left as written (cutting its markup could
   * cut more than the tags); the pills give way. */
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box),
                          tags[0] != NULL && !hs_content_html_ends_with_tags (body, tags));
}

/* Past the limits the gallery keeps only the first pictures and videos: it says so
 * rather than leave a person to think the note has no more. */
static void
show_omitted_media (HsNoteView *self,
                    HsNote     *note)
{
  guint n_omitted = hs_note_get_omitted_media_count (note);
  g_autofree char *text = NULL;

  if (n_omitted > 0)
    text = g_strdup_printf (ngettext ("%u more picture or video is not shown",
                                      "%u more pictures and videos are not shown",
                                      n_omitted),
                            n_omitted);
  gtk_label_set_text (self->omitted_media_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->omitted_media_label), n_omitted > 0);
}

static void
content_loaded_cb (HsNoteView *self)
{
  if (!hs_content_view_get_is_loaded (HS_CONTENT_VIEW (self->content_view)))
    return;

  hs_trace_mark ("body-rendered %s", self->note ? hs_note_get_note_id (self->note) : "-");
}

static void
show_note (HsNoteView *self)
{
  HsNote *note = self->note;
  const char *title;
  const char *content;
  gboolean has_media;

  if (note == NULL)
    {
      show_author (self, NULL);
      return;
    }

  title = hs_note_get_title (note);
  gtk_label_set_text (self->title_label, title ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), title != NULL && *title != '\0');
  hs_trace_mark ("title-shown %s", hs_note_get_note_id (note));

  show_author (self, hs_note_get_author (note));
  show_time (self, hs_note_get_publish_time (note));
  show_location (self, hs_note_get_location (note));
  show_tags (self, hs_note_get_tags (note), hs_note_get_content (note));

  show_count (self->like_box, self->like_label, note, HS_COUNT_LIKES);
  show_count (self->favorite_box, self->favorite_label, note, HS_COUNT_FAVORITES);
  show_count (self->comment_box, self->comment_label, note, HS_COUNT_COMMENTS);
  show_count (self->share_box, self->share_label, note, HS_COUNT_SHARES);

  has_media = g_list_model_get_n_items (hs_note_get_images (note)) > 0 ||
              g_list_model_get_n_items (hs_note_get_videos (note)) > 0;
  gtk_widget_set_visible (GTK_WIDGET (self->media_slot), has_media);

  content = hs_note_get_content (note);
  gtk_widget_set_visible (GTK_WIDGET (self->content_slot), content != NULL && *content != '\0');
  if (self->content_view != NULL)
    hs_content_view_set_note (HS_CONTENT_VIEW (self->content_view), note);

  if (self->gallery != NULL)
    {
      hs_media_gallery_set_note (HS_MEDIA_GALLERY (self->gallery), note);
    }
  show_omitted_media (self, note);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

/* Instead of the viewport's scroll-to-focus, which puts the start of the
 * focus widget in view: clicking into a long body jumped to its top. This
 * scrolls only as far as needed to bring the focus (after Tab) into sight,
 * and not at all for a widget taller than the page that is partly on it. */
/* Scrolls the least that shows @bounds (in the viewport's coordinates). */
static void
scroll_into_view (HsNoteView            *self,
                  const graphene_rect_t *bounds)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double value, page_size, top, bottom;

  value = gtk_adjustment_get_value (adjustment);
  page_size = gtk_adjustment_get_page_size (adjustment);
  top = bounds->origin.y;
  bottom = top + bounds->size.height;

  if (top >= 0 && bottom <= page_size)
    return;
  if (bounds->size.height > page_size && top < page_size && bottom > 0)
    return;

  if (top < 0)
    value += bounds->size.height <= page_size ? top : bottom - page_size;
  else
    value += bounds->size.height <= page_size ? bottom - page_size : top;
  gtk_adjustment_set_value (adjustment, value);
}

static void
focus_widget_changed_cb (HsNoteView *self)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scrolled_window);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  graphene_rect_t bounds;

  if (focus == NULL || viewport == NULL ||
      !gtk_widget_is_ancestor (focus, viewport) ||
      !gtk_widget_compute_bounds (focus, viewport, &bounds))
    return;

  scroll_into_view (self, &bounds);
}

/* Tab inside the body: GTK's focus stays on the web view, which is as tall as the body;
 * the link that has the keyboard is shown instead. */
static void
body_focus_area_cb (HsNoteView    *self,
                    int            top,
                    int            height,
                    HsContentView *content_view)
{
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scrolled_window);
  graphene_point_t origin;
  graphene_rect_t bounds;

  if (viewport == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (content_view), viewport,
                                 &GRAPHENE_POINT_INIT (0, top), &origin))
    return;

  graphene_rect_init (&bounds, origin.x, origin.y, gtk_widget_get_width (GTK_WIDGET (content_view)), height);
  scroll_into_view (self, &bounds);
}

static void
hs_note_view_root (GtkWidget *widget)
{
  HsNoteView *self = HS_NOTE_VIEW (widget);

  GTK_WIDGET_CLASS (hs_note_view_parent_class)->root (widget);

  self->focus_handler = g_signal_connect_swapped (gtk_widget_get_root (widget), "notify::focus-widget",
                                                  G_CALLBACK (focus_widget_changed_cb), self);
}

static void
hs_note_view_unroot (GtkWidget *widget)
{
  HsNoteView *self = HS_NOTE_VIEW (widget);

  g_clear_signal_handler (&self->focus_handler, gtk_widget_get_root (widget));

  GTK_WIDGET_CLASS (hs_note_view_parent_class)->unroot (widget);
}

static void
hs_note_view_dispose (GObject *object)
{
  HsNoteView *self = (HsNoteView *)object;

  g_cancellable_cancel (self->avatar_cancellable);
  g_clear_object (&self->avatar_cancellable);

  g_clear_object (&self->note);
  g_clear_object (&self->loader);

  /* AdwBin unparents the template's child itself: no
   * gtk_widget_dispose_template(), which would leave it a dangling pointer. */
  G_OBJECT_CLASS (hs_note_view_parent_class)->dispose (object);
}

static void
hs_note_view_finalize (GObject *object)
{
  HsNoteView *self = (HsNoteView *)object;

  g_clear_pointer (&self->maps_uri, g_free);

  G_OBJECT_CLASS (hs_note_view_parent_class)->finalize (object);
}

static void
hs_note_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HsNoteView *self = HS_NOTE_VIEW (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      g_value_set_object (value, self->note);
      break;

    case PROP_MEDIA_LOADER:
      g_value_set_object (value, self->loader);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_note_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HsNoteView *self = HS_NOTE_VIEW (object);

  switch (prop_id)
    {
    case PROP_NOTE:
      hs_note_view_set_note (self, g_value_get_object (value));
      break;

    case PROP_MEDIA_LOADER:
      hs_note_view_set_media_loader (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_note_view_class_init (HsNoteViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_note_view_dispose;
  object_class->finalize = hs_note_view_finalize;
  object_class->get_property = hs_note_view_get_property;
  object_class->set_property = hs_note_view_set_property;

  widget_class->root = hs_note_view_root;
  widget_class->unroot = hs_note_view_unroot;

  properties[PROP_NOTE] =
    g_param_spec_object ("note", NULL, NULL,
                         HS_TYPE_NOTE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MEDIA_LOADER] =
    g_param_spec_object ("media-loader", NULL, NULL,
                         HS_TYPE_MEDIA_LOADER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HS_TYPE_NOTE_LAYOUT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-note-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, layout);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, author_box);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, avatar);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, nickname_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, followers_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, media_slot);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, media_box);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, omitted_media_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, title_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, content_slot);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, tags_box);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, time_box);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, time_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, location_box);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, location_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, maps_button);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, like_box);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, like_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, favorite_box);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, favorite_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, comment_box);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, comment_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, share_box);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, share_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteView, saved_badge);
}

static void
hs_note_view_init (HsNoteView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The API cannot list an author's notes (doc/api-protocol.md has no such
   * call): the row offers what it can, a keyword search for the name, and
   * says that is what it is. */
  {
    GtkWidget *content = adw_button_content_new ();

    adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "system-search-symbolic");
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Search for Their Name"));
    self->author_search_button = gtk_button_new ();
    gtk_button_set_child (GTK_BUTTON (self->author_search_button), content);
    self->author_search_icon_button = gtk_button_new_from_icon_name ("system-search-symbolic");
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->author_search_icon_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search for Their Name"), -1);
  }
  /* With its words where they fit, else the icon alone: at 360 px the author's name
   * comes first. */
  self->author_search = adw_squeezer_new ();
  adw_squeezer_set_homogeneous (ADW_SQUEEZER (self->author_search), FALSE);
  adw_squeezer_set_transition_type (ADW_SQUEEZER (self->author_search), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
  adw_squeezer_set_xalign (ADW_SQUEEZER (self->author_search), 1.0);
  gtk_widget_set_hexpand (self->author_search, TRUE);
  gtk_widget_set_name (self->author_search_button, "author-search");
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *button = i == 0 ? self->author_search_button : self->author_search_icon_button;

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button,
                                   _("A keyword search for the name: the API cannot list an author’s notes"));
      adw_squeezer_add (ADW_SQUEEZER (self->author_search), button);
    }
  gtk_box_append (GTK_BOX (self->author_box), self->author_search);

  hs_note_layout_set_scroll_adjustment (self->layout,
                                        gtk_scrolled_window_get_vadjustment (self->scrolled_window));
}

GtkWidget *
hs_note_view_get_author_search_button (HsNoteView *self)
{
  g_return_val_if_fail (HS_IS_NOTE_VIEW (self), NULL);
  return self->author_search_button;
}

GtkWidget *
hs_note_view_new (void)
{
  return g_object_new (HS_TYPE_NOTE_VIEW, NULL);
}

HsNote *
hs_note_view_get_note (HsNoteView *self)
{
  g_return_val_if_fail (HS_IS_NOTE_VIEW (self), NULL);
  return self->note;
}

void
hs_note_view_set_note (HsNoteView *self,
                       HsNote     *note)
{
  g_return_if_fail (HS_IS_NOTE_VIEW (self));
  g_return_if_fail (note == NULL || HS_IS_NOTE (note));

  if (!g_set_object (&self->note, note))
    return;

  show_note (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

HsMediaLoader *
hs_note_view_get_media_loader (HsNoteView *self)
{
  g_return_val_if_fail (HS_IS_NOTE_VIEW (self), NULL);
  return self->loader;
}

void
hs_note_view_set_media_loader (HsNoteView    *self,
                               HsMediaLoader *loader)
{
  g_return_if_fail (HS_IS_NOTE_VIEW (self));
  g_return_if_fail (HS_IS_MEDIA_LOADER (loader));
  /* Set once: the views it feeds take it at construction. */
  g_return_if_fail (self->loader == NULL);

  self->loader = g_object_ref (loader);
  self->content_view = hs_content_view_new (loader);
  g_signal_connect_object (self->content_view, "focus-area",
                           G_CALLBACK (body_focus_area_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->content_view, "notify::is-loaded",
                           G_CALLBACK (content_loaded_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->content_slot, self->content_view);

  self->gallery = hs_media_gallery_new (loader);
  gtk_box_prepend (self->media_box, self->gallery);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEDIA_LOADER]);
}

const char *
hs_note_view_get_maps_uri (HsNoteView *self)
{
  g_return_val_if_fail (HS_IS_NOTE_VIEW (self), NULL);
  return self->maps_uri;
}

GtkWidget *
hs_note_view_get_body (HsNoteView *self)
{
  g_return_val_if_fail (HS_IS_NOTE_VIEW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->content_slot)))
    return NULL;
  return self->content_view;
}

GtkWidget *
hs_note_view_get_gallery (HsNoteView *self)
{
  g_return_val_if_fail (HS_IS_NOTE_VIEW (self), NULL);
  return self->gallery;
}

void
hs_note_view_set_saved (HsNoteView *self,
                        gboolean    saved)
{
  g_return_if_fail (HS_IS_NOTE_VIEW (self));
  gtk_widget_set_visible (self->saved_badge, saved);
}

gboolean
hs_note_view_get_saved (HsNoteView *self)
{
  g_return_val_if_fail (HS_IS_NOTE_VIEW (self), FALSE);
  return gtk_widget_get_visible (self->saved_badge);
}
