#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HS_TYPE_AUTHOR (hs_author_get_type ())

G_DECLARE_FINAL_TYPE (HsAuthor, hs_author, HS, AUTHOR, GObject)

HsAuthor   *hs_author_new                               (const char *user_id,
                                                         const char *nickname,
                                                         const char *avatar_url,
                                                         gint64      follower_count,
                                                         gboolean    follower_count_is_lower_bound);
const char *hs_author_get_user_id                       (HsAuthor   *self);
const char *hs_author_get_nickname                      (HsAuthor   *self);
const char *hs_author_get_avatar_url                    (HsAuthor   *self);
gint64      hs_author_get_follower_count                (HsAuthor   *self);
gboolean    hs_author_get_follower_count_is_lower_bound (HsAuthor   *self);

G_END_DECLS
