#include "config.h"

#include "hs-image.h"

/* One picture of a note's gallery. The parser only builds it from an
 * absolute http(s) URL; the model itself does not re-check. Its URLs are
 * kept by HsMediaItem. */

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

static const char * const property_names[N_PROPS] = {
  [PROP_URL] = "url",
  [PROP_ORIGINAL_URL] = "original-url",
  [PROP_LIVE_PHOTO_URL] = "live-photo-url",
};

struct _HsImage
{
  HsMediaItem parent_instance;
};

G_DEFINE_FINAL_TYPE (HsImage, hs_image, HS_TYPE_MEDIA_ITEM)

static void
hs_image_class_init (HsImageClass *klass)
{
  hs_media_item_class_install_urls (G_OBJECT_CLASS (klass), property_names, N_PROPS);
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

  return hs_media_item_get_url_property (HS_MEDIA_ITEM (self), PROP_URL);
}

/* Returns: (nullable): what saving fetches, when it differs from the display URL */
const char *
hs_image_get_original_url (HsImage *self)
{
  g_return_val_if_fail (HS_IS_IMAGE (self), NULL);

  return hs_media_item_get_url_property (HS_MEDIA_ITEM (self), PROP_ORIGINAL_URL);
}

/* Returns: (nullable): the short clip of a live photo */
const char *
hs_image_get_live_photo_url (HsImage *self)
{
  g_return_val_if_fail (HS_IS_IMAGE (self), NULL);

  return hs_media_item_get_url_property (HS_MEDIA_ITEM (self), PROP_LIVE_PHOTO_URL);
}
