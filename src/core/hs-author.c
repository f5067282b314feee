#include "config.h"

#include "hs-author.h"

/* The author of a note as the API describes them. Every field may be
 * missing, so every getter may return NULL or -1. */
struct _HsAuthor
{
  GObject parent_instance;

  char *user_id;
  char *nickname;
  char *avatar_url;
  gint64 follower_count;
  gboolean follower_count_is_lower_bound;
};

G_DEFINE_FINAL_TYPE (HsAuthor, hs_author, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USER_ID,
  PROP_NICKNAME,
  PROP_AVATAR_URL,
  PROP_FOLLOWER_COUNT,
  PROP_FOLLOWER_COUNT_IS_LOWER_BOUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hs_author_finalize (GObject *object)
{
  HsAuthor *self = (HsAuthor *)object;

  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->nickname, g_free);
  g_clear_pointer (&self->avatar_url, g_free);

  G_OBJECT_CLASS (hs_author_parent_class)->finalize (object);
}

static void
hs_author_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HsAuthor *self = HS_AUTHOR (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;

    case PROP_NICKNAME:
      g_value_set_string (value, self->nickname);
      break;

    case PROP_AVATAR_URL:
      g_value_set_string (value, self->avatar_url);
      break;

    case PROP_FOLLOWER_COUNT:
      g_value_set_int64 (value, self->follower_count);
      break;

    case PROP_FOLLOWER_COUNT_IS_LOWER_BOUND:
      g_value_set_boolean (value, hs_author_get_follower_count_is_lower_bound (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_author_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HsAuthor *self = HS_AUTHOR (object);

  switch (prop_id)
    {
    case PROP_USER_ID:
      self->user_id = g_value_dup_string (value);
      break;

    case PROP_NICKNAME:
      self->nickname = g_value_dup_string (value);
      break;

    case PROP_AVATAR_URL:
      self->avatar_url = g_value_dup_string (value);
      break;

    case PROP_FOLLOWER_COUNT:
      self->follower_count = g_value_get_int64 (value);
      break;

    case PROP_FOLLOWER_COUNT_IS_LOWER_BOUND:
      self->follower_count_is_lower_bound = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_author_class_init (HsAuthorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_author_finalize;
  object_class->get_property = hs_author_get_property;
  object_class->set_property = hs_author_set_property;

  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NICKNAME] =
    g_param_spec_string ("nickname", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AVATAR_URL] =
    g_param_spec_string ("avatar-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* -1 when the server did not say. */
  properties[PROP_FOLLOWER_COUNT] =
    g_param_spec_int64 ("follower-count", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* TRUE when the server only said "at least", as in "10万+". */
  properties[PROP_FOLLOWER_COUNT_IS_LOWER_BOUND] =
    g_param_spec_boolean ("follower-count-is-lower-bound", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_author_init (HsAuthor *self)
{
  self->follower_count = -1;
}

/**
 * hs_author_new:
 * @user_id: (nullable):
 * @nickname: (nullable):
 * @avatar_url: (nullable):
 * @follower_count: the count, or -1 when unknown
 * @follower_count_is_lower_bound: whether the server only gave a minimum
 */
HsAuthor *
hs_author_new (const char *user_id,
               const char *nickname,
               const char *avatar_url,
               gint64      follower_count,
               gboolean    follower_count_is_lower_bound)
{
  return g_object_new (HS_TYPE_AUTHOR,
                       "user-id", user_id,
                       "nickname", nickname,
                       "avatar-url", avatar_url,
                       "follower-count", MAX (follower_count, -1),
                       "follower-count-is-lower-bound", follower_count_is_lower_bound,
                       NULL);
}

const char *
hs_author_get_user_id (HsAuthor *self)
{
  g_return_val_if_fail (HS_IS_AUTHOR (self), NULL);

  return self->user_id;
}

const char *
hs_author_get_nickname (HsAuthor *self)
{
  g_return_val_if_fail (HS_IS_AUTHOR (self), NULL);

  return self->nickname;
}

const char *
hs_author_get_avatar_url (HsAuthor *self)
{
  g_return_val_if_fail (HS_IS_AUTHOR (self), NULL);

  return self->avatar_url;
}

gint64
hs_author_get_follower_count (HsAuthor *self)
{
  g_return_val_if_fail (HS_IS_AUTHOR (self), -1);

  return self->follower_count;
}

/* A lower bound without a count means nothing, so it reads as FALSE. */
gboolean
hs_author_get_follower_count_is_lower_bound (HsAuthor *self)
{
  g_return_val_if_fail (HS_IS_AUTHOR (self), FALSE);

  return self->follower_count >= 0 && self->follower_count_is_lower_bound;
}
