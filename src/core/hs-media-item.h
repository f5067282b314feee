#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The base of a note's media items, HsImage and HsVideo: objects whose
 * properties are all construct-only URLs. */
#define HS_TYPE_MEDIA_ITEM (hs_media_item_get_type ())

G_DECLARE_DERIVABLE_TYPE (HsMediaItem, hs_media_item, HS, MEDIA_ITEM, GObject)

struct _HsMediaItemClass
{
  GObjectClass parent_class;
};

/* The most URL properties a media item has, plus one for the unused id 0. */
#define HS_MEDIA_ITEM_MAX_URLS 4

/* For a subclass's class_init: installs a construct-only string property
 * for each of names[1] to names[n_names - 1], with its index as its id.
 * The base class keeps their values. */
void        hs_media_item_class_install_urls (GObjectClass       *klass,
                                              const char * const *names,
                                              guint               n_names);
/* For a subclass's getters: the value of property @prop_id. */
const char *hs_media_item_get_url_property   (HsMediaItem        *self,
                                              guint               prop_id);

/* What the views and the savers ask of an HsImage or an HsVideo. NULL for
 * any other object. */
const char *hs_media_item_get_url            (GObject            *item);
const char *hs_media_item_get_original_url   (GObject            *item);
const char *hs_media_item_get_picture_url    (GObject            *item);

G_END_DECLS
