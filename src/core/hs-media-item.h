#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A note's media item is an HsImage or an HsVideo: what the views and the
 * savers ask of either. NULL for any other object. */
const char *hs_media_item_get_url          (GObject *item);
const char *hs_media_item_get_original_url (GObject *item);
const char *hs_media_item_get_picture_url  (GObject *item);

G_END_DECLS
