#include "config.h"

#include "hs-video.h"

/* A video of a note. The API's `type` is always "video" for what we keep
 * (the parser drops other types), so it is not stored. */
struct _HsVideo
{
  GObject parent_instance;

  char *url;
  char *cover_url;
  char *original_url;
};

G_DEFINE_FINAL_TYPE (HsVideo, hs_video, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_COVER_URL,
  PROP_ORIGINAL_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hs_video_finalize (GObject *object)
{
  HsVideo *self = (HsVideo *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->cover_url, g_free);
  g_clear_pointer (&self->original_url, g_free);

  G_OBJECT_CLASS (hs_video_parent_class)->finalize (object);
}

static void
hs_video_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HsVideo *self = HS_VIDEO (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_COVER_URL:
      g_value_set_string (value, self->cover_url);
      break;

    case PROP_ORIGINAL_URL:
      g_value_set_string (value, self->original_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_video_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HsVideo *self = HS_VIDEO (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    case PROP_COVER_URL:
      self->cover_url = g_value_dup_string (value);
      break;

    case PROP_ORIGINAL_URL:
      self->original_url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_video_class_init (HsVideoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_video_finalize;
  object_class->get_property = hs_video_get_property;
  object_class->set_property = hs_video_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COVER_URL] =
    g_param_spec_string ("cover-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The original upload for saving (WEB.md §5); NULL: the played URL is the best there is. */
  properties[PROP_ORIGINAL_URL] =
    g_param_spec_string ("original-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_video_init (HsVideo *self)
{
}

/**
 * hs_video_new:
 * @url: the video stream
 * @cover_url: (nullable): the poster picture
 */
HsVideo *
hs_video_new (const char *url,
              const char *cover_url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (HS_TYPE_VIDEO,
                       "url", url,
                       "cover-url", cover_url,
                       NULL);
}

const char *
hs_video_get_url (HsVideo *self)
{
  g_return_val_if_fail (HS_IS_VIDEO (self), NULL);

  return self->url;
}

/* Returns: (nullable) */
const char *
hs_video_get_cover_url (HsVideo *self)
{
  g_return_val_if_fail (HS_IS_VIDEO (self), NULL);

  return self->cover_url;
}

/* Returns: (nullable): what saving fetches, when it differs from the played URL */
const char *
hs_video_get_original_url (HsVideo *self)
{
  g_return_val_if_fail (HS_IS_VIDEO (self), NULL);

  return self->original_url;
}
