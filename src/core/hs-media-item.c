#include "config.h"

#include "hs-image.h"
#include "hs-media-item.h"
#include "hs-video.h"

typedef struct
{
  char *urls[HS_MEDIA_ITEM_MAX_URLS];  /* at their property's id */
} HsMediaItemPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (HsMediaItem, hs_media_item, G_TYPE_OBJECT)

static void
hs_media_item_finalize (GObject *object)
{
  HsMediaItemPrivate *priv = hs_media_item_get_instance_private (HS_MEDIA_ITEM (object));

  for (guint i = 0; i < HS_MEDIA_ITEM_MAX_URLS; i++)
    g_free (priv->urls[i]);

  G_OBJECT_CLASS (hs_media_item_parent_class)->finalize (object);
}

static void
hs_media_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HsMediaItemPrivate *priv = hs_media_item_get_instance_private (HS_MEDIA_ITEM (object));

  if (prop_id > 0 && prop_id < HS_MEDIA_ITEM_MAX_URLS)
    g_value_set_string (value, priv->urls[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hs_media_item_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HsMediaItemPrivate *priv = hs_media_item_get_instance_private (HS_MEDIA_ITEM (object));

  if (prop_id > 0 && prop_id < HS_MEDIA_ITEM_MAX_URLS)
    priv->urls[prop_id] = g_value_dup_string (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hs_media_item_class_init (HsMediaItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_media_item_finalize;
}

static void
hs_media_item_init (HsMediaItem *self)
{
}

void
hs_media_item_class_install_urls (GObjectClass       *klass,
                                  const char * const *names,
                                  guint               n_names)
{
  g_return_if_fail (g_type_is_a (G_OBJECT_CLASS_TYPE (klass), HS_TYPE_MEDIA_ITEM));
  g_return_if_fail (n_names <= HS_MEDIA_ITEM_MAX_URLS);

  /* GObject does not inherit these: each class that installs properties
   * names its own, here the base's, which keep every URL. */
  klass->get_property = hs_media_item_get_property;
  klass->set_property = hs_media_item_set_property;
  for (guint i = 1; i < n_names; i++)
    g_object_class_install_property (klass, i,
                                     g_param_spec_string (names[i], NULL, NULL, NULL,
                                                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                           G_PARAM_STATIC_STRINGS)));
}

const char *
hs_media_item_get_url_property (HsMediaItem *self,
                                guint        prop_id)
{
  HsMediaItemPrivate *priv;

  g_return_val_if_fail (HS_IS_MEDIA_ITEM (self), NULL);
  g_return_val_if_fail (prop_id > 0 && prop_id < HS_MEDIA_ITEM_MAX_URLS, NULL);

  priv = hs_media_item_get_instance_private (self);
  return priv->urls[prop_id];
}

/**
 * hs_media_item_get_url:
 * @item: a #HsImage or #HsVideo
 *
 * Returns: the picture's or the video's address
 */
const char *
hs_media_item_get_url (GObject *item)
{
  if (HS_IS_IMAGE (item))
    return hs_image_get_url (HS_IMAGE (item));
  if (HS_IS_VIDEO (item))
    return hs_video_get_url (HS_VIDEO (item));
  return NULL;
}

/**
 * hs_media_item_get_original_url:
 * @item: a #HsImage or #HsVideo
 *
 * Returns: (nullable): the original to save, where the source knows one
 */
const char *
hs_media_item_get_original_url (GObject *item)
{
  if (HS_IS_IMAGE (item))
    return hs_image_get_original_url (HS_IMAGE (item));
  if (HS_IS_VIDEO (item))
    return hs_video_get_original_url (HS_VIDEO (item));
  return NULL;
}

/**
 * hs_media_item_get_picture_url:
 * @item: a #HsImage or #HsVideo
 *
 * Returns: (nullable): the address of what stands for @item as a picture: the picture
 *   itself, or the video's cover
 */
const char *
hs_media_item_get_picture_url (GObject *item)
{
  if (HS_IS_IMAGE (item))
    return hs_image_get_url (HS_IMAGE (item));
  if (HS_IS_VIDEO (item))
    return hs_video_get_cover_url (HS_VIDEO (item));
  return NULL;
}
