#pragma once

#include <gio/gio.h>

#include "hs-author.h"
#include "hs-location.h"

G_BEGIN_DECLS

/* The four counts of a note, for the getters that take the kind. */
typedef enum
{
  HS_COUNT_LIKES,
  HS_COUNT_COMMENTS,
  HS_COUNT_FAVORITES,
  HS_COUNT_SHARES,
} HsCountKind;

#define HS_N_COUNT_KINDS 4

#define HS_TYPE_NOTE (hs_note_get_type ())

G_DECLARE_FINAL_TYPE (HsNote, hs_note, HS, NOTE, GObject)

const char         *hs_note_get_note_id              (HsNote      *self);
const char         *hs_note_get_title                (HsNote      *self);
const char         *hs_note_get_content              (HsNote      *self);
GListModel         *hs_note_get_images               (HsNote      *self);
GListModel         *hs_note_get_videos               (HsNote      *self);
const char * const *hs_note_get_tags                 (HsNote      *self);
gint64              hs_note_get_like_count           (HsNote      *self);
gint64              hs_note_get_comment_count        (HsNote      *self);
gint64              hs_note_get_favorite_count       (HsNote      *self);
gint64              hs_note_get_share_count          (HsNote      *self);
gint64              hs_note_get_count                (HsNote      *self,
                                                      HsCountKind  kind);
gboolean            hs_note_get_count_is_lower_bound (HsNote      *self,
                                                      HsCountKind  kind);
HsAuthor           *hs_note_get_author               (HsNote      *self);
GDateTime          *hs_note_get_publish_time         (HsNote      *self);
HsLocation         *hs_note_get_location             (HsNote      *self);
GDateTime          *hs_note_get_edit_time            (HsNote      *self);
const char         *hs_note_get_source               (HsNote      *self);

G_END_DECLS
