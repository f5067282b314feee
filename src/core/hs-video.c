#include "config.h"

#include "hs-video.h"

/* A video of a note. The API's `type` is always "video" for what we keep
 * (the parser drops other types), so it is not stored. Its URLs are kept
 * by HsMediaItem. */

enum {
  PROP_0,
  PROP_URL,
  PROP_COVER_URL,
  /* The original upload for saving (doc/web-protocol.md §7); NULL: the
   * played URL is the best there is. */
  PROP_ORIGINAL_URL,
  N_PROPS
};

static const char * const property_names[N_PROPS] = {
  [PROP_URL] = "url",
  [PROP_COVER_URL] = "cover-url",
  [PROP_ORIGINAL_URL] = "original-url",
};

struct _HsVideo
{
  HsMediaItem parent_instance;
};

G_DEFINE_FINAL_TYPE (HsVideo, hs_video, HS_TYPE_MEDIA_ITEM)

static void
hs_video_class_init (HsVideoClass *klass)
{
  hs_media_item_class_install_urls (G_OBJECT_CLASS (klass), property_names, N_PROPS);
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

  return hs_media_item_get_url_property (HS_MEDIA_ITEM (self), PROP_URL);
}

/* Returns: (nullable) */
const char *
hs_video_get_cover_url (HsVideo *self)
{
  g_return_val_if_fail (HS_IS_VIDEO (self), NULL);

  return hs_media_item_get_url_property (HS_MEDIA_ITEM (self), PROP_COVER_URL);
}

/* Returns: (nullable): what saving fetches, when it differs from the played URL */
const char *
hs_video_get_original_url (HsVideo *self)
{
  g_return_val_if_fail (HS_IS_VIDEO (self), NULL);

  return hs_media_item_get_url_property (HS_MEDIA_ITEM (self), PROP_ORIGINAL_URL);
}
