#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hs-author.h"
#include "hs-format.h"
#include "hs-image.h"
#include "hs-note-card.h"
#include "hs-texture-cache.h"
#include "hs-video.h"

/* Twice the avatar's 20 px, for HiDPI. */
#define AVATAR_TEXTURE_SIZE 40
/* The cover's box: as wide as the card, 220 px high (hs-note-card.ui). Cards are 170 px
 * at their narrowest and stretch to share the row, about 340 at one column; covers are
 * decoded for the card's width rounded up to a step, so that resizing by a few pixels
 * reuses them, and at the default before the card has a width of its own. */
#define COVER_HEIGHT        220
#define COVER_WIDTH_STEP    40
#define COVER_DEFAULT_WIDTH 240

struct _HsNoteCard
{
  GtkWidget     parent_instance;

  HsNote       *note;
  HsMediaLoader *loader;
  GCancellable *cancellable;   /* cover and avatar of the bound note */
  char         *cover_url;
  int           cover_width;   /* device pixels the cover was asked for, 0: none */

  GtkWidget    *box;
  GtkPicture   *cover;
  GtkWidget    *badge;
  GtkImage     *badge_icon;
  GtkLabel     *badge_label;
  GtkLabel     *title_label;
  AdwAvatar    *avatar;
  GtkLabel     *author_label;
  GtkLabel     *like_label;
  GtkWidget    *saved_badge;
};

G_DEFINE_FINAL_TYPE (HsNoteCard, hs_note_card, GTK_TYPE_WIDGET)

typedef struct
{
  HsNoteCard   *self;
  GCancellable *cancellable;
  gboolean      is_avatar;
  int           cover_width;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->cancellable);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
texture_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = hs_texture_cache_load_finish (HS_TEXTURE_CACHE (object), result, &error);
  /* The card was unbound or bound to another note meanwhile, or its cover is being
   * decoded again for a wider card. */
  if (data->cancellable != data->self->cancellable || g_cancellable_is_cancelled (data->cancellable) ||
      (!data->is_avatar && data->cover_width != data->self->cover_width))
    return;

  if (texture == NULL)
    {
      /* A missing cover leaves the placeholder colour: the title still says what it is. */
      g_debug ("A card picture did not load: %s", error->message);
      return;
    }

  if (data->is_avatar)
    adw_avatar_set_custom_image (data->self->avatar, GDK_PAINTABLE (texture));
  else
    gtk_picture_set_paintable (data->self->cover, GDK_PAINTABLE (texture));
}

static LoadData *
load_data_new (HsNoteCard *self,
               gboolean    is_avatar)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->cancellable);
  data->is_avatar = is_avatar;
  data->cover_width = self->cover_width;
  return data;
}

static void
load_avatar (HsNoteCard *self,
             const char *url)
{
  HsTextureCache *cache = hs_texture_cache_get_default ();
  g_autoptr(GdkTexture) cached = hs_texture_cache_lookup (cache, url, AVATAR_TEXTURE_SIZE);

  if (cached != NULL)
    {
      adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (cached));
      return;
    }
  hs_texture_cache_load_async (cache, self->loader, url, AVATAR_TEXTURE_SIZE, self->cancellable,
                               texture_loaded_cb, load_data_new (self, TRUE));
}

/* The cover's box in device pixels, for @width application pixels of card (0: not
 * allocated yet). */
static int
cover_width_for (HsNoteCard *self,
                 int         width)
{
  int step = COVER_WIDTH_STEP;

  if (width <= 0)
    width = COVER_DEFAULT_WIDTH;
  return ((width + step - 1) / step) * step * MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);
}

/* @from_cache: a cached texture may be shown at once; not while the card is being
 * allocated, where the picture's new size would be another layout. */
static void
load_cover (HsNoteCard *self,
            int         width,
            gboolean    from_cache)
{
  HsTextureCache *cache = hs_texture_cache_get_default ();
  int height = COVER_HEIGHT * MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);
  g_autoptr(GdkTexture) cached = NULL;

  self->cover_width = width;
  /* Scrolling back over cards already seen costs no decode at all. */
  if (from_cache)
    cached = hs_texture_cache_lookup_cover (cache, self->cover_url, width, height);
  if (cached != NULL)
    {
      gtk_picture_set_paintable (self->cover, GDK_PAINTABLE (cached));
      return;
    }
  hs_texture_cache_load_cover_async (cache, self->loader, self->cover_url, width, height,
                                     self->cancellable, texture_loaded_cb,
                                     load_data_new (self, FALSE));
}

/* The first picture, else the first video's cover. */
static const char *
note_cover_url (HsNote *note)
{
  GListModel *images = hs_note_get_images (note);
  GListModel *videos = hs_note_get_videos (note);

  if (g_list_model_get_n_items (images) > 0)
    {
      g_autoptr(HsImage) image = g_list_model_get_item (images, 0);

      return hs_image_get_url (image);
    }
  if (g_list_model_get_n_items (videos) > 0)
    {
      g_autoptr(HsVideo) video = g_list_model_get_item (videos, 0);

      return hs_video_get_cover_url (video);
    }
  return NULL;
}

static void
show_badge (HsNoteCard *self,
            HsNote     *note)
{
  guint n_images = g_list_model_get_n_items (hs_note_get_images (note));
  guint n_videos = g_list_model_get_n_items (hs_note_get_videos (note));
  g_autofree char *count = NULL;

  if (n_videos > 0)
    {
      gtk_image_set_from_icon_name (self->badge_icon, "media-playback-start-symbolic");
      gtk_widget_set_visible (GTK_WIDGET (self->badge_label), FALSE);
      gtk_widget_set_tooltip_text (self->badge, _("Video"));
    }
  else if (n_images > 1)
    {
      g_autofree char *tooltip = NULL;

      count = g_strdup_printf ("%u", n_images);
      gtk_image_set_from_icon_name (self->badge_icon, "image-x-generic-symbolic");
      gtk_label_set_text (self->badge_label, count);
      gtk_widget_set_visible (GTK_WIDGET (self->badge_label), TRUE);
      tooltip = g_strdup_printf (ngettext ("%u picture", "%u pictures", n_images), n_images);
      gtk_widget_set_tooltip_text (self->badge, tooltip);
    }
  gtk_widget_set_visible (self->badge, n_videos > 0 || n_images > 1);
}

static void
clear (HsNoteCard *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->note);
  g_clear_object (&self->loader);
  g_clear_pointer (&self->cover_url, g_free);
  self->cover_width = 0;
  /* The texture goes with the binding: a card far away holds no picture. */
  gtk_picture_set_paintable (self->cover, NULL);
  adw_avatar_set_custom_image (self->avatar, NULL);
}

void
hs_note_card_set_note (HsNoteCard    *self,
                       HsNote        *note,
                       HsMediaLoader *loader)
{
  HsAuthor *author;
  const char *title;
  const char *nickname;
  gint64 likes;
  gboolean likes_lower_bound;
  g_autofree char *likes_short = NULL;
  g_autofree char *likes_long = NULL;
  g_autofree char *accessible = NULL;

  g_return_if_fail (HS_IS_NOTE_CARD (self));
  g_return_if_fail (note == NULL || HS_IS_NOTE (note));

  clear (self);
  if (note == NULL)
    return;

  self->note = g_object_ref (note);
  self->loader = loader != NULL ? g_object_ref (loader) : NULL;
  self->cancellable = g_cancellable_new ();

  title = hs_note_get_title (note);
  if (title == NULL || *title == '\0')
    title = _("Untitled Note");
  gtk_label_set_text (self->title_label, title);

  author = hs_note_get_author (note);
  nickname = author != NULL ? hs_author_get_nickname (author) : NULL;
  if (nickname == NULL || *nickname == '\0')
    nickname = _("Unknown Author");
  gtk_label_set_text (self->author_label, nickname);
  adw_avatar_set_text (self->avatar, nickname);

  likes = hs_note_get_like_count (note);
  likes_lower_bound = hs_note_get_count_is_lower_bound (note, HS_COUNT_LIKES);
  likes_short = hs_format_count_full (likes, likes_lower_bound);
  if (likes >= 0)
    {
      g_autofree char *number = hs_format_count_long_full (likes, likes_lower_bound);

      /* TRANSLATORS: %s is an exact number such as "1,024" or "100,000+" */
      likes_long = g_strdup_printf (ngettext ("%s like", "%s likes",
                                              (gulong) MIN (likes, (gint64) G_MAXUINT32)),
                                    number);
    }
  else
    likes_long = g_strdup (_("Number of likes unknown"));
  gtk_label_set_text (self->like_label, likes_short);

  show_badge (self, note);

  /* What a screen reader says for the whole card. */
  /* TRANSLATORS: a note card: its title, its author, and the likes ("1,024 likes") */
  accessible = g_strdup_printf (_("%s, by %s, %s"), title, nickname, likes_long);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), title);

  if (self->loader == NULL)
    return;

  self->cover_url = g_strdup (note_cover_url (note));
  if (self->cover_url != NULL)
    load_cover (self, cover_width_for (self, gtk_widget_get_width (GTK_WIDGET (self))), TRUE);
  if (author != NULL && hs_author_get_avatar_url (author) != NULL)
    load_avatar (self, hs_author_get_avatar_url (author));
}

HsNote *
hs_note_card_get_note (HsNoteCard *self)
{
  g_return_val_if_fail (HS_IS_NOTE_CARD (self), NULL);
  return self->note;
}

gboolean
hs_note_card_has_cover (HsNoteCard *self)
{
  g_return_val_if_fail (HS_IS_NOTE_CARD (self), FALSE);
  return gtk_picture_get_paintable (self->cover) != NULL;
}

const char *
hs_note_card_get_cover_url (HsNoteCard *self)
{
  g_return_val_if_fail (HS_IS_NOTE_CARD (self), NULL);
  return self->cover_url;
}

/* Height for width, as the box inside: the title wraps. */
static GtkSizeRequestMode
hs_note_card_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (HS_NOTE_CARD (widget)->box);
}

static void
hs_note_card_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  HsNoteCard *self = HS_NOTE_CARD (widget);

  gtk_widget_measure (self->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* A card that grew wider than its cover was decoded for (the first cards, bound before
 * they had a width; a narrower window with fewer, wider columns) decodes it again, so
 * that it is never blown up blurry. A narrower card keeps what it has. */
static void
hs_note_card_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  HsNoteCard *self = HS_NOTE_CARD (widget);
  int needed;

  gtk_widget_allocate (self->box, width, height, baseline, NULL);

  if (self->cover_url == NULL || self->loader == NULL)
    return;
  needed = cover_width_for (self, width);
  if (needed > self->cover_width)
    load_cover (self, needed, FALSE);
}

static void
hs_note_card_dispose (GObject *object)
{
  HsNoteCard *self = (HsNoteCard *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->note);
  g_clear_object (&self->loader);
  g_clear_pointer (&self->cover_url, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_NOTE_CARD);

  G_OBJECT_CLASS (hs_note_card_parent_class)->dispose (object);
}

static void
hs_note_card_class_init (HsNoteCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_note_card_dispose;

  widget_class->get_request_mode = hs_note_card_get_request_mode;
  widget_class->measure = hs_note_card_measure;
  widget_class->size_allocate = hs_note_card_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "notecard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-note-card.ui");
  gtk_widget_class_bind_template_child (widget_class, HsNoteCard, box);
  gtk_widget_class_bind_template_child (widget_class, HsNoteCard, cover);
  gtk_widget_class_bind_template_child (widget_class, HsNoteCard, badge);
  gtk_widget_class_bind_template_child (widget_class, HsNoteCard, badge_icon);
  gtk_widget_class_bind_template_child (widget_class, HsNoteCard, badge_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteCard, avatar);
  gtk_widget_class_bind_template_child (widget_class, HsNoteCard, author_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteCard, like_label);
  gtk_widget_class_bind_template_child (widget_class, HsNoteCard, saved_badge);
}

static void
hs_note_card_init (HsNoteCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hs_note_card_new (void)
{
  return g_object_new (HS_TYPE_NOTE_CARD, NULL);
}

void
hs_note_card_set_saved (HsNoteCard *self,
                        gboolean    saved)
{
  g_return_if_fail (HS_IS_NOTE_CARD (self));
  gtk_widget_set_visible (self->saved_badge, saved);
}

gboolean
hs_note_card_get_saved (HsNoteCard *self)
{
  g_return_val_if_fail (HS_IS_NOTE_CARD (self), FALSE);
  return gtk_widget_get_visible (self->saved_badge);
}
