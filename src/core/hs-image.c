#include "config.h"

#include "hs-image.h"

/* One picture of a note's gallery. The parser only builds it from an
 * absolute http(s) URL; the model itself does not re-check. */

enum {
  PROP_0,
  PROP_URL,
  /* The full-size original for saving (doc/web-protocol.md §7); NULL: the
   * display URL is the best there is. */
  PROP_ORIGINAL_URL,
  /* A live photo's clip, played with the picture. */
  PROP_LIVE_PHOTO_URL,
  N_PROPS
};

/* Every property is a construct-only URL, kept at its property's index. */
static const char * const property_names[N_PROPS] = {
  [PROP_URL] = "url",
  [PROP_ORIGINAL_URL] = "original-url",
  [PROP_LIVE_PHOTO_URL] = "live-photo-url",
};

struct _HsImage
{
  GObject parent_instance;

  char *urls[N_PROPS];
};

G_DEFINE_FINAL_TYPE (HsImage, hs_image, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
hs_image_finalize (GObject *object)
{
  HsImage *self = (HsImage *)object;

  for (guint i = 0; i < N_PROPS; i++)
    g_free (self->urls[i]);

  G_OBJECT_CLASS (hs_image_parent_class)->finalize (object);
}

static void
hs_image_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HsImage *self = HS_IMAGE (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    g_value_set_string (value, self->urls[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hs_image_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HsImage *self = HS_IMAGE (object);

  if (prop_id > PROP_0 && prop_id < N_PROPS)
    self->urls[prop_id] = g_value_dup_string (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hs_image_class_init (HsImageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_image_finalize;
  object_class->get_property = hs_image_get_property;
  object_class->set_property = hs_image_set_property;

  for (guint i = PROP_URL; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (property_names[i], NULL, NULL, NULL,
                                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                          G_PARAM_STATIC_STRINGS));

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

  return self->urls[PROP_URL];
}

/* Returns: (nullable): what saving fetches, when it differs from the display URL */
const char *
hs_image_get_original_url (HsImage *self)
{
  g_return_val_if_fail (HS_IS_IMAGE (self), NULL);

  return self->urls[PROP_ORIGINAL_URL];
}

/* Returns: (nullable): the short clip of a live photo */
const char *
hs_image_get_live_photo_url (HsImage *self)
{
  g_return_val_if_fail (HS_IS_IMAGE (self), NULL);

  return self->urls[PROP_LIVE_PHOTO_URL];
}
