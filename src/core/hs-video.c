#include "config.h"

#include "hs-video.h"

/* A video of a note. The API's `type` is always "video" for what we keep
 * (the parser drops other types), so it is not stored. */

enum {
  PROP_0,
  PROP_URL,
  PROP_COVER_URL,
  /* The original upload for saving (doc/web-protocol.md §7); NULL: the
   * played URL is the best there is. */
  PROP_ORIGINAL_URL,
  N_PROPS
};

/* Every property is a construct-only URL, kept at its property's index. */
static const char * const property_names[N_PROPS] = {
  [PROP_URL] = "url",
  [PROP_COVER_URL] = "cover-url",
  [PROP_ORIGINAL_URL] = "original-url",
};

struct _HsVideo
{
  GObject parent_instance;

  char *urls[N_PROPS];
};

G_DEFINE_FINAL_TYPE (HsVideo, hs_video, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
hs_video_finalize (GObject *object)
{
  HsVideo *self = (HsVideo *)object;

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->urls[i]);

  G_OBJECT_CLASS (hs_video_parent_class)->finalize (object);
}

static void
hs_video_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HsVideo *self = HS_VIDEO (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->urls[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hs_video_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HsVideo *self = HS_VIDEO (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    self->urls[prop_id] = g_value_dup_string (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hs_video_class_init (HsVideoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_video_finalize;
  object_class->get_property = hs_video_get_property;
  object_class->set_property = hs_video_set_property;

  for (guint i = PROP_URL; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (property_names[i], NULL, NULL, NULL,
                                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                          G_PARAM_STATIC_STRINGS));

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

  return self->urls[PROP_URL];
}

/* Returns: (nullable) */
const char *
hs_video_get_cover_url (HsVideo *self)
{
  g_return_val_if_fail (HS_IS_VIDEO (self), NULL);

  return self->urls[PROP_COVER_URL];
}

/* Returns: (nullable): what saving fetches, when it differs from the played URL */
const char *
hs_video_get_original_url (HsVideo *self)
{
  g_return_val_if_fail (HS_IS_VIDEO (self), NULL);

  return self->urls[PROP_ORIGINAL_URL];
}
