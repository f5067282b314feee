#pragma once

#include "hs-media-item.h"

G_BEGIN_DECLS

#define HS_TYPE_IMAGE (hs_image_get_type ())

G_DECLARE_FINAL_TYPE (HsImage, hs_image, HS, IMAGE, HsMediaItem)

HsImage    *hs_image_new                (const char *url);
const char *hs_image_get_url            (HsImage    *self);
const char *hs_image_get_original_url   (HsImage    *self);
const char *hs_image_get_live_photo_url (HsImage    *self);

G_END_DECLS
