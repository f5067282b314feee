#include "config.h"

#include "hs-image.h"

/* One picture of a note's gallery. The parser only builds it from an
 * absolute http(s) URL; the model itself does not re-check. */
struct _HsImage
{
  GObject parent_instance;

  char *url;
  char *original_url;
  char *live_photo_url;
};

G_DEFINE_FINAL_TYPE (HsImage, hs_image, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_ORIGINAL_URL,
  PROP_LIVE_PHOTO_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hs_image_finalize (GObject *object)
{
  HsImage *self = (HsImage *)object;

  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->original_url, g_free);
  g_clear_pointer (&self->live_photo_url, g_free);

  G_OBJECT_CLASS (hs_image_parent_class)->finalize (object);
}

static void
hs_image_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HsImage *self = HS_IMAGE (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_ORIGINAL_URL:
      g_value_set_string (value, self->original_url);
      break;

    case PROP_LIVE_PHOTO_URL:
      g_value_set_string (value, self->live_photo_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_image_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HsImage *self = HS_IMAGE (object);

  switch (prop_id)
    {
    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    case PROP_ORIGINAL_URL:
      self->original_url = g_value_dup_string (value);
      break;

    case PROP_LIVE_PHOTO_URL:
      self->live_photo_url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_image_class_init (HsImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_image_finalize;
  object_class->get_property = hs_image_get_property;
  object_class->set_property = hs_image_set_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The full-size original for saving (WEB.md §5); NULL: the display URL is the best there is. */
  properties[PROP_ORIGINAL_URL] =
    g_param_spec_string ("original-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* A live photo's clip, played with the picture. */
  properties[PROP_LIVE_PHOTO_URL] =
    g_param_spec_string ("live-photo-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_image_init (HsImage *self)
{
}

HsImage *
hs_image_new (const char *url)
{
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (HS_TYPE_IMAGE,
                       "url", url,
                       NULL);
}

const char *
hs_image_get_url (HsImage *self)
{
  g_return_val_if_fail (HS_IS_IMAGE (self), NULL);

  return self->url;
}

/* Returns: (nullable): what saving fetches, when it differs from the display URL */
const char *
hs_image_get_original_url (HsImage *self)
{
  g_return_val_if_fail (HS_IS_IMAGE (self), NULL);

  return self->original_url;
}

/* Returns: (nullable): the short clip of a live photo */
const char *
hs_image_get_live_photo_url (HsImage *self)
{
  g_return_val_if_fail (HS_IS_IMAGE (self), NULL);

  return self->live_photo_url;
}
