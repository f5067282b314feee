#pragma once

#include <json-glib/json-glib.h>

#include "hs-note.h"

G_BEGIN_DECLS

/* Where the originals of WEB.md §5 live. */
#define HS_WEB_IMAGE_ORIGINAL_BASE "https://ci.xiaohongshu.com"
#define HS_WEB_VIDEO_ORIGINAL_BASE "https://sns-video-bd.xhscdn.com"

/* A topic of a note's body is a link of this form, which the window can route
 * to a tag search and the browser opens as the site's own search. */
#define HS_WEB_TOPIC_LINK_PREFIX "https://www.xiaohongshu.com/search_result?keyword="

/* Finds the note @note_id in a page's state (WEB.md §4: noteDetailMap, then
 * note.note, then the mobile noteData) and maps it into a note whose source is
 * "web". @image_original_base, @video_original_base: (nullable): where the
 * originals are (NULL: the real hosts above; the demo passes its own CDN).
 * Fails with HS_ERROR_NO_NOTE_IN_PAGE. */
HsNote *hs_web_note_from_state          (JsonNode    *state,
                                         const char  *note_id,
                                         const char  *image_original_base,
                                         const char  *video_original_base,
                                         GError     **error);

/* The body HTML of a note's `desc`: escaped, a paragraph per line, topics as
 * links, mentions as profile links when @at_users (nullable, the note's
 * `atUserList`) names them. */
char   *hs_web_note_body_html           (const char  *desc,
                                         JsonArray   *at_users);

/* Returns: (nullable): the topic a link made by hs_web_note_body_html() names */
char   *hs_web_note_topic_from_link     (const char  *url);

/* WEB.md §5. Returns: (nullable): the original picture behind a signed
 * display URL, on @base (NULL: HS_WEB_IMAGE_ORIGINAL_BASE) */
char   *hs_web_note_original_image_url  (const char  *display_url,
                                         const char  *base);
/* Returns: (nullable): the full-size avatar, or NULL when @avatar_url has no
 * size suffix */
char   *hs_web_note_full_avatar_url     (const char  *avatar_url);

G_END_DECLS
