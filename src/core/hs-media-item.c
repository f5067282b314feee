#include "config.h"

#include "hs-image.h"
#include "hs-media-item.h"
#include "hs-video.h"

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
