#include "config.h"

#include "hs-image.h"
#include "hs-note.h"
#include "hs-video.h"

/* One note, immutable once built. Everything but the id may be unknown:
 * strings and objects are then NULL, counts -1, lists empty. */
struct _HsNote
{
  GObject parent_instance;

  char *note_id;
  char *title;
  char *content;
  GListStore *images;
  GListStore *videos;
  char **tags;
  gint64 counts[HS_N_COUNT_KINDS];
  gboolean lower_bounds[HS_N_COUNT_KINDS];
  HsAuthor *author;
  GDateTime *publish_time;
  HsLocation *location;
  GDateTime *edit_time;
  char *source;
};

G_DEFINE_FINAL_TYPE (HsNote, hs_note, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NOTE_ID,
  PROP_TITLE,
  PROP_CONTENT,
  PROP_IMAGES,
  PROP_VIDEOS,
  PROP_TAGS,
  PROP_LIKE_COUNT,
  PROP_COMMENT_COUNT,
  PROP_FAVORITE_COUNT,
  PROP_SHARE_COUNT,
  PROP_LIKE_COUNT_IS_LOWER_BOUND,
  PROP_COMMENT_COUNT_IS_LOWER_BOUND,
  PROP_FAVORITE_COUNT_IS_LOWER_BOUND,
  PROP_SHARE_COUNT_IS_LOWER_BOUND,
  PROP_AUTHOR,
  PROP_PUBLISH_TIME,
  PROP_LOCATION,
  PROP_EDIT_TIME,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The caller's list may change later; the note keeps its own copy so that
 * it stays immutable. */
static void
copy_items (GListStore *store,
            GListModel *model,
            GType       item_type)
{
  guint n_items;

  if (model == NULL)
    return;

  n_items = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_type_is_a (G_OBJECT_TYPE (item), item_type))
        g_list_store_append (store, item);
      else
        g_critical ("HsNote: a %s in a list of %s was dropped",
                    G_OBJECT_TYPE_NAME (item), g_type_name (item_type));
    }
}

static void
hs_note_constructed (GObject *object)
{
  HsNote *self = (HsNote *)object;

  G_OBJECT_CLASS (hs_note_parent_class)->constructed (object);

  if (self->tags == NULL)
    self->tags = g_new0 (char *, 1);
}

static void
hs_note_dispose (GObject *object)
{
  HsNote *self = (HsNote *)object;

  g_clear_object (&self->author);
  g_clear_object (&self->location);

  G_OBJECT_CLASS (hs_note_parent_class)->dispose (object);
}

static void
hs_note_finalize (GObject *object)
{
  HsNote *self = (HsNote *)object;

  g_clear_pointer (&self->note_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->content, g_free);
  g_clear_object (&self->images);
  g_clear_object (&self->videos);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->publish_time, g_date_time_unref);
  g_clear_pointer (&self->edit_time, g_date_time_unref);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (hs_note_parent_class)->finalize (object);
}

static void
hs_note_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  HsNote *self = HS_NOTE (object);

  switch (prop_id)
    {
    case PROP_NOTE_ID:
      g_value_set_string (value, self->note_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_CONTENT:
      g_value_set_string (value, self->content);
      break;

    case PROP_IMAGES:
      g_value_set_object (value, self->images);
      break;

    case PROP_VIDEOS:
      g_value_set_object (value, self->videos);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_LIKE_COUNT:
    case PROP_COMMENT_COUNT:
    case PROP_FAVORITE_COUNT:
    case PROP_SHARE_COUNT:
      g_value_set_int64 (value, self->counts[prop_id - PROP_LIKE_COUNT]);
      break;

    case PROP_LIKE_COUNT_IS_LOWER_BOUND:
    case PROP_COMMENT_COUNT_IS_LOWER_BOUND:
    case PROP_FAVORITE_COUNT_IS_LOWER_BOUND:
    case PROP_SHARE_COUNT_IS_LOWER_BOUND:
      g_value_set_boolean (value,
                           hs_note_get_count_is_lower_bound (self,
                                                             (HsCountKind) (prop_id - PROP_LIKE_COUNT_IS_LOWER_BOUND)));
      break;

    case PROP_AUTHOR:
      g_value_set_object (value, self->author);
      break;

    case PROP_PUBLISH_TIME:
      g_value_set_boxed (value, self->publish_time);
      break;

    case PROP_LOCATION:
      g_value_set_object (value, self->location);
      break;

    case PROP_EDIT_TIME:
      g_value_set_boxed (value, self->edit_time);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_note_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  HsNote *self = HS_NOTE (object);

  switch (prop_id)
    {
    case PROP_NOTE_ID:
      self->note_id = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;

    case PROP_CONTENT:
      self->content = g_value_dup_string (value);
      break;

    case PROP_IMAGES:
      copy_items (self->images, g_value_get_object (value), HS_TYPE_IMAGE);
      break;

    case PROP_VIDEOS:
      copy_items (self->videos, g_value_get_object (value), HS_TYPE_VIDEO);
      break;

    case PROP_TAGS:
      self->tags = g_value_dup_boxed (value);
      break;

    case PROP_LIKE_COUNT:
    case PROP_COMMENT_COUNT:
    case PROP_FAVORITE_COUNT:
    case PROP_SHARE_COUNT:
      self->counts[prop_id - PROP_LIKE_COUNT] = g_value_get_int64 (value);
      break;

    case PROP_LIKE_COUNT_IS_LOWER_BOUND:
    case PROP_COMMENT_COUNT_IS_LOWER_BOUND:
    case PROP_FAVORITE_COUNT_IS_LOWER_BOUND:
    case PROP_SHARE_COUNT_IS_LOWER_BOUND:
      self->lower_bounds[prop_id - PROP_LIKE_COUNT_IS_LOWER_BOUND] = g_value_get_boolean (value);
      break;

    case PROP_AUTHOR:
      self->author = g_value_dup_object (value);
      break;

    case PROP_PUBLISH_TIME:
      {
        GDateTime *time = g_value_get_boxed (value);

        /* Stored in UTC so that output does not depend on the server's zone. */
        self->publish_time = time != NULL ? g_date_time_to_utc (time) : NULL;
      }
      break;

    case PROP_LOCATION:
      self->location = g_value_dup_object (value);
      break;

    case PROP_EDIT_TIME:
      {
        GDateTime *time = g_value_get_boxed (value);

        self->edit_time = time != NULL ? g_date_time_to_utc (time) : NULL;
      }
      break;

    case PROP_SOURCE:
      self->source = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
count_param_spec (const char *name)
{
  /* -1 when the server did not say: unknown is not zero. */
  return g_param_spec_int64 (name, NULL, NULL,
                             -1, G_MAXINT64, -1,
                             (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
}

static GParamSpec *
lower_bound_param_spec (const char *name)
{
  /* TRUE when the server only said "at least", as in "10+" or "1k+". */
  return g_param_spec_boolean (name, NULL, NULL,
                               FALSE,
                               (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
}

static void
hs_note_class_init (HsNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hs_note_constructed;
  object_class->dispose = hs_note_dispose;
  object_class->finalize = hs_note_finalize;
  object_class->get_property = hs_note_get_property;
  object_class->set_property = hs_note_set_property;

  properties[PROP_NOTE_ID] =
    g_param_spec_string ("note-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* An untrusted HTML fragment. */
  properties[PROP_CONTENT] =
    g_param_spec_string ("content", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IMAGES] =
    g_param_spec_object ("images", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VIDEOS] =
    g_param_spec_object ("videos", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LIKE_COUNT] = count_param_spec ("like-count");
  properties[PROP_COMMENT_COUNT] = count_param_spec ("comment-count");
  properties[PROP_FAVORITE_COUNT] = count_param_spec ("favorite-count");
  properties[PROP_SHARE_COUNT] = count_param_spec ("share-count");

  properties[PROP_LIKE_COUNT_IS_LOWER_BOUND] = lower_bound_param_spec ("like-count-is-lower-bound");
  properties[PROP_COMMENT_COUNT_IS_LOWER_BOUND] = lower_bound_param_spec ("comment-count-is-lower-bound");
  properties[PROP_FAVORITE_COUNT_IS_LOWER_BOUND] = lower_bound_param_spec ("favorite-count-is-lower-bound");
  properties[PROP_SHARE_COUNT_IS_LOWER_BOUND] = lower_bound_param_spec ("share-count-is-lower-bound");

  properties[PROP_AUTHOR] =
    g_param_spec_object ("author", NULL, NULL,
                         HS_TYPE_AUTHOR,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PUBLISH_TIME] =
    g_param_spec_boxed ("publish-time", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOCATION] =
    g_param_spec_object ("location", NULL, NULL,
                         HS_TYPE_LOCATION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The website knows when a note was last edited; the API does not say. */
  properties[PROP_EDIT_TIME] =
    g_param_spec_boxed ("edit-time", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Where the note was read: "api" or "web" (NULL when not said). */
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_note_init (HsNote *self)
{
  self->images = g_list_store_new (HS_TYPE_IMAGE);
  self->videos = g_list_store_new (HS_TYPE_VIDEO);

  for (guint i = 0; i < HS_N_COUNT_KINDS; i++)
    self->counts[i] = -1;
}

const char *
hs_note_get_note_id (HsNote *self)
{
  g_return_val_if_fail (HS_IS_NOTE (self), NULL);

  return self->note_id;
}

/* Returns: (nullable) */
const char *
hs_note_get_title (HsNote *self)
{
  g_return_val_if_fail (HS_IS_NOTE (self), NULL);

  return self->title;
}

/* Returns: (nullable): an untrusted HTML fragment */
const char *
hs_note_get_content (HsNote *self)
{
  g_return_val_if_fail (HS_IS_NOTE (self), NULL);

  return self->content;
}

/* Returns: (transfer none): a list of HsImage, never NULL */
GListModel *
hs_note_get_images (HsNote *self)
{
  g_return_val_if_fail (HS_IS_NOTE (self), NULL);

  return G_LIST_MODEL (self->images);
}

/* Returns: (transfer none): a list of HsVideo, never NULL */
GListModel *
hs_note_get_videos (HsNote *self)
{
  g_return_val_if_fail (HS_IS_NOTE (self), NULL);

  return G_LIST_MODEL (self->videos);
}

/* Returns: (transfer none): never NULL, possibly empty */
const char * const *
hs_note_get_tags (HsNote *self)
{
  g_return_val_if_fail (HS_IS_NOTE (self), NULL);

  return (const char * const *) self->tags;
}

gint64
hs_note_get_count (HsNote      *self,
                   HsCountKind  kind)
{
  g_return_val_if_fail (HS_IS_NOTE (self), -1);
  g_return_val_if_fail ((guint) kind < HS_N_COUNT_KINDS, -1);

  return self->counts[kind];
}

/* A lower bound without a count means nothing, so it reads as FALSE. */
gboolean
hs_note_get_count_is_lower_bound (HsNote      *self,
                                  HsCountKind  kind)
{
  g_return_val_if_fail (HS_IS_NOTE (self), FALSE);
  g_return_val_if_fail ((guint) kind < HS_N_COUNT_KINDS, FALSE);

  return self->counts[kind] >= 0 && self->lower_bounds[kind];
}

gint64
hs_note_get_like_count (HsNote *self)
{
  return hs_note_get_count (self, HS_COUNT_LIKES);
}

gint64
hs_note_get_comment_count (HsNote *self)
{
  return hs_note_get_count (self, HS_COUNT_COMMENTS);
}

gint64
hs_note_get_favorite_count (HsNote *self)
{
  return hs_note_get_count (self, HS_COUNT_FAVORITES);
}

gint64
hs_note_get_share_count (HsNote *self)
{
  return hs_note_get_count (self, HS_COUNT_SHARES);
}

/* Returns: (nullable) (transfer none) */
HsAuthor *
hs_note_get_author (HsNote *self)
{
  g_return_val_if_fail (HS_IS_NOTE (self), NULL);

  return self->author;
}

/* Returns: (nullable) (transfer none): in UTC */
GDateTime *
hs_note_get_publish_time (HsNote *self)
{
  g_return_val_if_fail (HS_IS_NOTE (self), NULL);

  return self->publish_time;
}

/* Returns: (nullable) (transfer none) */
HsLocation *
hs_note_get_location (HsNote *self)
{
  g_return_val_if_fail (HS_IS_NOTE (self), NULL);

  return self->location;
}

/* Returns: (nullable) (transfer none): in UTC */
GDateTime *
hs_note_get_edit_time (HsNote *self)
{
  g_return_val_if_fail (HS_IS_NOTE (self), NULL);

  return self->edit_time;
}

/* Returns: (nullable): "api" or "web" */
const char *
hs_note_get_source (HsNote *self)
{
  g_return_val_if_fail (HS_IS_NOTE (self), NULL);

  return self->source;
}
