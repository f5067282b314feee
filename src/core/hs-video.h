#pragma once

#include "hs-media-item.h"

G_BEGIN_DECLS

#define HS_TYPE_VIDEO (hs_video_get_type ())

G_DECLARE_FINAL_TYPE (HsVideo, hs_video, HS, VIDEO, HsMediaItem)

HsVideo    *hs_video_new              (const char *url,
                                       const char *cover_url);
const char *hs_video_get_url          (HsVideo    *self);
const char *hs_video_get_cover_url    (HsVideo    *self);
const char *hs_video_get_original_url (HsVideo    *self);

G_END_DECLS
