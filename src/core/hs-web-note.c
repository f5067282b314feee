#include "config.h"

#include <string.h>

#include "hs-error.h"
#include "hs-image.h"
#include "hs-note-parser-private.h"
#include "hs-note-ref.h"
#include "hs-video.h"
#include "hs-web-note.h"

/*
 * The note object of a page's state (WEB.md §4) in the models the API's
 * notes use. The site's own feed API sends the same object in snake_case, so
 * every field is looked up under both spellings. The page is not checked
 * like an API body: a field of the wrong shape is simply unknown, since the
 * person can do nothing about a page's oddities.
 */

#define TOPIC_SUFFIX "[话题]#"
#define PROFILE_LINK_PREFIX "https://www.xiaohongshu.com/user/profile/"

/* Returns: (nullable) (transfer none): the member under @camel or @snake,
 * NULL when absent or null */
static JsonNode *
member (JsonObject *object,
        const char *camel,
        const char *snake)
{
  JsonNode *node = NULL;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, camel);
  if ((node == NULL || JSON_NODE_HOLDS_NULL (node)) && snake != NULL)
    node = json_object_get_member (object, snake);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static JsonObject *
member_object (JsonObject *object,
               const char *camel,
               const char *snake)
{
  JsonNode *node = member (object, camel, snake);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *camel,
              const char *snake)
{
  JsonNode *node = member (object, camel, snake);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Returns: (nullable) (transfer none): a non-empty string member */
static const char *
member_string (JsonObject *object,
               const char *camel,
               const char *snake)
{
  JsonNode *node = member (object, camel, snake);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);
  return *text != '\0' ? text : NULL;
}

static gboolean
member_boolean (JsonObject *object,
                const char *camel,
                const char *snake)
{
  JsonNode *node = member (object, camel, snake);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* Returns: (nullable): an absolute http(s) URL member */
static char *
member_url (JsonObject *object,
            const char *camel,
            const char *snake)
{
  const char *text = member_string (object, camel, snake);

  return text != NULL ? hs_note_parser_normalize_url (text) : NULL;
}

/* A number, or its digits as a string; -1 when unknown. */
static gint64
member_integer (JsonObject *object,
                const char *camel,
                const char *snake)
{
  JsonNode *node = member (object, camel, snake);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return json_node_get_int (node);

    case G_TYPE_DOUBLE:
      return (gint64) json_node_get_double (node);

    case G_TYPE_STRING:
      if (g_ascii_string_to_signed (json_node_get_string (node), 10, 0, G_MAXINT64, &value, NULL))
        return value;
      return -1;

    default:
      return -1;
    }
}

static GDateTime *
member_time (JsonObject *object,
             const char *camel,
             const char *snake)
{
  gint64 value = member_integer (object, camel, snake);

  return value > 0 ? hs_note_parser_time_from_epoch (value) : NULL;
}

/* Counts are strings on the page ("7", "10+", "1.2万"); -1 when unknown. */
static gint64
member_count (JsonObject *object,
              const char *camel,
              const char *snake,
              gboolean   *out_lower_bound)
{
  JsonNode *node = member (object, camel, snake);
  gint64 value;

  *out_lower_bound = FALSE;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return MAX (json_node_get_int (node), -1);

  if (json_node_get_value_type (node) == G_TYPE_STRING &&
      hs_note_parser_parse_count (json_node_get_string (node), &value, out_lower_bound))
    return value;

  *out_lower_bound = FALSE;
  return -1;
}

static const char *
note_id_of (JsonObject *note)
{
  const char *id = member_string (note, "noteId", "note_id");

  if (id == NULL)
    id = member_string (note, "id", NULL);

  return id != NULL && hs_note_id_is_valid (id) ? id : NULL;
}

static gboolean
is_wanted (JsonObject *note,
           const char *note_id)
{
  const char *id = note_id_of (note);

  return id != NULL && (note_id == NULL || g_ascii_strcasecmp (id, note_id) == 0);
}

/* Returns: (nullable) (transfer none): the note object asked for */
static JsonObject *
find_note (JsonObject *state,
           const char *note_id)
{
  JsonObject *note_store = member_object (state, "note", NULL);
  JsonObject *map = member_object (note_store, "noteDetailMap", "note_detail_map");
  JsonObject *older;
  JsonObject *mobile;

  if (map != NULL)
    {
      g_autoptr(GList) keys = json_object_get_members (map);

      /* The map may hold several notes (related ones the page preloads):
       * take the one asked for, whatever the key's spelling. */
      for (GList *l = keys; l != NULL; l = l->next)
        {
          JsonObject *entry = member_object (map, l->data, NULL);
          JsonObject *note = member_object (entry, "note", NULL);

          if (note != NULL && is_wanted (note, note_id))
            return note;
        }
    }

  older = member_object (note_store, "note", NULL);
  if (older != NULL && is_wanted (older, note_id))
    return older;

  mobile = member_object (member_object (member_object (state, "noteData", NULL), "data", NULL),
                          "noteData", NULL);
  if (mobile != NULL && is_wanted (mobile, note_id))
    return mobile;

  return NULL;
}

/* Body */

static void
append_escaped (GString    *html,
                const char *text,
                gssize      length)
{
  g_autofree char *escaped = g_markup_escape_text (text, length);

  g_string_append (html, escaped);
}

/* Returns: (nullable) (transfer none): the user id of the mention @name */
static const char *
mention_user_id (JsonArray  *at_users,
                 const char *name,
                 gsize       name_length)
{
  guint length = at_users != NULL ? json_array_get_length (at_users) : 0;

  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (at_users, i);
      JsonObject *user;
      const char *nickname;
      const char *user_id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      user = json_node_get_object (element);
      nickname = member_string (user, "nickname", "nick_name");
      user_id = member_string (user, "userId", "user_id");

      if (nickname != NULL && user_id != NULL && strlen (nickname) == name_length &&
          memcmp (nickname, name, name_length) == 0 &&
          user_id[strspn (user_id, "0123456789abcdefABCDEF")] == '\0')
        return user_id;
    }

  return NULL;
}

/* One line of `desc`: topics `#名字[话题]#` become links, and so do the
 * mentions that atUserList names. Emoji codes like [笑哭R] stay as text. */
static void
append_line (GString    *html,
             const char *line,
             gsize       length,
             JsonArray  *at_users)
{
  const char *p = line;
  const char *end = line + length;
  const char *text_start = line;

  while (p < end)
    {
      if (*p == '#')
        {
          const char *suffix = g_strstr_len (p + 1, end - p - 1, TOPIC_SUFFIX);
          const char *next_hash = memchr (p + 1, '#', end - p - 1);

          if (suffix != NULL && suffix > p + 1 && (next_hash == NULL || next_hash > suffix))
            {
              g_autofree char *name = g_strndup (p + 1, suffix - p - 1);
              g_autofree char *escaped_name = g_uri_escape_string (name, NULL, FALSE);

              append_escaped (html, text_start, p - text_start);
              g_string_append_printf (html, "<a href=\"%s%s\">#", HS_WEB_TOPIC_LINK_PREFIX, escaped_name);
              append_escaped (html, name, -1);
              g_string_append (html, "</a>");
              p = suffix + strlen (TOPIC_SUFFIX);
              text_start = p;
              continue;
            }
        }
      else if (*p == '@' && at_users != NULL)
        {
          /* A nickname runs to the next space or the end of the line. */
          const char *name = p + 1;
          const char *name_end = name;
          const char *user_id;

          while (name_end < end && *name_end != ' ' && *name_end != '@' && *name_end != '#')
            name_end++;
          user_id = mention_user_id (at_users, name, name_end - name);
          if (user_id != NULL)
            {
              append_escaped (html, text_start, p - text_start);
              g_string_append_printf (html, "<a href=\"%s%s\">@", PROFILE_LINK_PREFIX, user_id);
              append_escaped (html, name, name_end - name);
              g_string_append (html, "</a>");
              p = name_end;
              text_start = p;
              continue;
            }
        }

      p++;
    }

  append_escaped (html, text_start, end - text_start);
}

char *
hs_web_note_body_html (const char *desc,
                       JsonArray  *at_users)
{
  g_autoptr(GString) html = g_string_new (NULL);
  const char *p = desc;

  if (desc == NULL || *desc == '\0')
    return NULL;

  while (*p != '\0')
    {
      const char *newline = strchr (p, '\n');
      gsize length = newline != NULL ? (gsize) (newline - p) : strlen (p);
      gsize visible = length;

      /* \r\n and trailing blanks are not content. */
      while (visible > 0 && g_ascii_isspace (p[visible - 1]))
        visible--;

      if (visible > 0)
        {
          g_string_append (html, "<p>");
          append_line (html, p, visible, at_users);
          g_string_append (html, "</p>\n");
        }

      p += length;
      if (*p == '\n')
        p++;
    }

  return html->len > 0 ? g_string_free (g_steal_pointer (&html), FALSE) : NULL;
}

char *
hs_web_note_topic_from_link (const char *url)
{
  g_autofree char *topic = NULL;
  const char *encoded;

  if (url == NULL || !g_str_has_prefix (url, HS_WEB_TOPIC_LINK_PREFIX))
    return NULL;

  encoded = url + strlen (HS_WEB_TOPIC_LINK_PREFIX);
  if (*encoded == '\0' || strchr (encoded, '&') != NULL || strchr (encoded, '#') != NULL)
    return NULL;

  topic = g_uri_unescape_string (encoded, NULL);
  if (topic == NULL || *topic == '\0' || !g_utf8_validate (topic, -1, NULL))
    return NULL;

  return g_steal_pointer (&topic);
}

/* Media rules of WEB.md §5 */

static gboolean
is_all (const char *text,
        gsize       length,
        const char *allowed)
{
  for (gsize i = 0; i < length; i++)
    if (text[i] == '\0' || strchr (allowed, text[i]) == NULL)
      return FALSE;

  return TRUE;
}

char *
hs_web_note_original_image_url (const char *display_url,
                                const char *base)
{
  g_autoptr(GUri) uri = NULL;
  const char *path;
  const char *second;
  const char *token;
  const char *token_end;

  if (display_url == NULL)
    return NULL;

  uri = g_uri_parse (display_url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;

  /* /{YYYYMMDDhhmm}/{32 hex}/[dir/]{image-id}!style */
  path = g_uri_get_path (uri);
  if (path[0] != '/')
    return NULL;
  second = strchr (path + 1, '/');
  if (second == NULL || second - path - 1 != 12 || !is_all (path + 1, 12, "0123456789"))
    return NULL;
  token = strchr (second + 1, '/');
  if (token == NULL || token - second - 1 != 32 ||
      !is_all (second + 1, 32, "0123456789abcdefABCDEF"))
    return NULL;
  token++;

  token_end = strchr (token, '!');
  if (token_end == NULL)
    token_end = token + strlen (token);
  if (token_end == token ||
      !is_all (token, token_end - token,
               "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-/.") ||
      g_strstr_len (token, token_end - token, "..") != NULL)
    return NULL;

  return g_strdup_printf ("%s/%.*s", base != NULL ? base : HS_WEB_IMAGE_ORIGINAL_BASE,
                          (int) (token_end - token), token);
}

char *
hs_web_note_full_avatar_url (const char *avatar_url)
{
  g_autoptr(GUri) uri = NULL;
  const char *at;

  if (avatar_url == NULL)
    return NULL;

  uri = g_uri_parse (avatar_url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    return NULL;

  /* The size suffix is in the path, never in the authority. */
  at = strchr (g_uri_get_path (uri), '@');
  if (at == NULL)
    return NULL;

  return g_strndup (avatar_url, strlen (avatar_url) - strlen (at));
}

/* Returns: (nullable): the video original of an originVideoKey */
static char *
original_video_url (const char *key,
                    const char *base)
{
  if (key == NULL || key[0] == '/' || strstr (key, "..") != NULL ||
      !is_all (key, strlen (key),
               "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-/.="))
    return NULL;

  return g_strdup_printf ("%s/%s", base != NULL ? base : HS_WEB_VIDEO_ORIGINAL_BASE, key);
}

/* Returns: (nullable): the display URL of one imageList entry */
static char *
picture_url (JsonObject *image)
{
  char *url = member_url (image, "urlDefault", "url_default");
  JsonArray *infos;

  if (url != NULL)
    return url;

  infos = member_array (image, "infoList", "info_list");
  for (guint i = 0; infos != NULL && i < json_array_get_length (infos); i++)
    {
      JsonNode *element = json_array_get_element (infos, i);
      JsonObject *info;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      info = json_node_get_object (element);
      if (g_strcmp0 (member_string (info, "imageScene", "image_scene"), "WB_DFT") == 0 &&
          (url = member_url (info, "url", NULL)) != NULL)
        return url;
    }

  return member_url (image, "url", NULL);
}

/* Returns: (nullable) (transfer none): the stream entry with the most pixels,
 * then the highest bitrate */
static JsonObject *
best_stream (JsonArray *streams)
{
  JsonObject *best = NULL;
  gint64 best_pixels = -1;
  gint64 best_bitrate = -1;

  for (guint i = 0; streams != NULL && i < json_array_get_length (streams); i++)
    {
      JsonNode *element = json_array_get_element (streams, i);
      JsonObject *stream;
      gint64 pixels;
      gint64 bitrate;
      g_autofree char *url = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      stream = json_node_get_object (element);
      url = member_url (stream, "masterUrl", "master_url");
      if (url == NULL)
        continue;

      pixels = MAX (member_integer (stream, "width", NULL), 0) *
               MAX (member_integer (stream, "height", NULL), 0);
      bitrate = member_integer (stream, "videoBitrate", "video_bitrate");
      if (pixels > best_pixels || (pixels == best_pixels && bitrate > best_bitrate))
        {
          best = stream;
          best_pixels = pixels;
          best_bitrate = bitrate;
        }
    }

  return best;
}

static char *
live_photo_clip (JsonObject *image)
{
  JsonObject *stream = member_object (image, "stream", NULL);
  JsonArray *h264 = member_array (stream, "h264", NULL);
  JsonNode *first;

  if (!member_boolean (image, "livePhoto", "live_photo") || h264 == NULL ||
      json_array_get_length (h264) == 0)
    return NULL;

  first = json_array_get_element (h264, 0);
  if (!JSON_NODE_HOLDS_OBJECT (first))
    return NULL;

  return member_url (json_node_get_object (first), "masterUrl", "master_url");
}

static GListStore *
read_pictures (JsonArray  *image_list,
               const char *original_base)
{
  GListStore *store = g_list_store_new (HS_TYPE_IMAGE);

  for (guint i = 0; image_list != NULL && i < json_array_get_length (image_list); i++)
    {
      JsonNode *element = json_array_get_element (image_list, i);
      g_autofree char *url = NULL;
      g_autofree char *original = NULL;
      g_autofree char *clip = NULL;
      g_autoptr(HsImage) image = NULL;

      if (g_list_model_get_n_items (G_LIST_MODEL (store)) >= HS_MAX_IMAGES)
        break;
      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          (url = picture_url (json_node_get_object (element))) == NULL)
        continue;

      original = hs_web_note_original_image_url (url, original_base);
      clip = live_photo_clip (json_node_get_object (element));
      image = g_object_new (HS_TYPE_IMAGE,
                            "url", url,
                            "original-url", original,
                            "live-photo-url", clip,
                            NULL);
      g_list_store_append (store, image);
    }

  return store;
}

static GListStore *
read_video (JsonObject *note,
            JsonArray  *image_list,
            const char *original_base)
{
  GListStore *store = g_list_store_new (HS_TYPE_VIDEO);
  JsonObject *video = member_object (note, "video", NULL);
  JsonObject *streams = member_object (member_object (video, "media", NULL), "stream", NULL);
  g_autofree char *original = NULL;
  g_autofree char *played = NULL;
  g_autofree char *cover = NULL;
  g_autoptr(HsVideo) result = NULL;
  /* h264 plays everywhere; the others only when no h264 is offered. */
  static const char *codecs[] = { "h264", "h265", "av1" };

  if (video == NULL)
    return store;

  original = original_video_url (member_string (member_object (video, "consumer", NULL),
                                                "originVideoKey", "origin_video_key"),
                                 original_base);

  for (guint i = 0; i < G_N_ELEMENTS (codecs) && played == NULL; i++)
    {
      JsonObject *best = best_stream (member_array (streams, codecs[i], NULL));

      if (best != NULL)
        played = member_url (best, "masterUrl", "master_url");
    }

  if (played == NULL && original == NULL)
    return store;

  if (image_list != NULL && json_array_get_length (image_list) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (image_list, 0)))
    cover = picture_url (json_node_get_object (json_array_get_element (image_list, 0)));

  result = g_object_new (HS_TYPE_VIDEO,
                         "url", played != NULL ? played : original,
                         "cover-url", cover,
                         "original-url", played != NULL ? original : NULL,
                         NULL);
  g_list_store_append (store, result);

  return store;
}

static GStrv
read_tags (JsonArray *tag_list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; tag_list != NULL && i < json_array_get_length (tag_list); i++)
    {
      JsonNode *element = json_array_get_element (tag_list, i);
      const char *name;

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          (name = member_string (json_node_get_object (element), "name", NULL)) != NULL)
        g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

static HsAuthor *
read_author (JsonObject *note)
{
  JsonObject *user = member_object (note, "user", NULL);
  const char *user_id = member_string (user, "userId", "user_id");
  const char *nickname = member_string (user, "nickname", "nick_name");
  g_autofree char *avatar = member_url (user, "avatar", NULL);
  g_autofree char *full_avatar = NULL;

  if (nickname == NULL)
    nickname = member_string (user, "nickName", NULL);

  if (user_id == NULL && nickname == NULL && avatar == NULL)
    return NULL;

  full_avatar = hs_web_note_full_avatar_url (avatar);

  /* The page shows no follower count: unknown, not zero. */
  return hs_author_new (user_id, nickname, full_avatar != NULL ? full_avatar : avatar, -1, FALSE);
}

static HsNote *
map_note (JsonObject *note,
          const char *image_original_base,
          const char *video_original_base)
{
  static const struct {
    const char *camel;
    const char *snake;
  } count_fields[HS_N_COUNT_KINDS] = {
    [HS_COUNT_LIKES] = { "likedCount", "liked_count" },
    [HS_COUNT_COMMENTS] = { "commentCount", "comment_count" },
    [HS_COUNT_FAVORITES] = { "collectedCount", "collected_count" },
    [HS_COUNT_SHARES] = { "shareCount", "share_count" },
  };
  JsonObject *interact = member_object (note, "interactInfo", "interact_info");
  JsonArray *image_list = member_array (note, "imageList", "image_list");
  const char *type = member_string (note, "type", NULL);
  const char *place = member_string (note, "ipLocation", "ip_location");
  g_autofree char *body = hs_web_note_body_html (member_string (note, "desc", NULL),
                                                 member_array (note, "atUserList", "at_user_list"));
  g_autoptr(GListStore) images = NULL;
  g_autoptr(GListStore) videos = NULL;
  g_auto(GStrv) tags = read_tags (member_array (note, "tagList", "tag_list"));
  g_autoptr(HsAuthor) author = read_author (note);
  g_autoptr(GDateTime) publish_time = member_time (note, "time", NULL);
  g_autoptr(GDateTime) edit_time = member_time (note, "lastUpdateTime", "last_update_time");
  g_autoptr(HsLocation) location = NULL;
  gint64 counts[HS_N_COUNT_KINDS];
  gboolean lower_bounds[HS_N_COUNT_KINDS];

  for (guint i = 0; i < HS_N_COUNT_KINDS; i++)
    counts[i] = member_count (interact, count_fields[i].camel, count_fields[i].snake, &lower_bounds[i]);

  /* A video note's first picture is the video's cover, not a picture of its own. */
  if (g_strcmp0 (type, "video") == 0)
    {
      images = g_list_store_new (HS_TYPE_IMAGE);
      videos = read_video (note, image_list, video_original_base);
    }
  else
    {
      images = read_pictures (image_list, image_original_base);
      videos = read_video (note, image_list, video_original_base);
    }

  /* The page names the province or country only: no coordinates. */
  if (place != NULL)
    location = hs_location_new (place, FALSE, 0.0, 0.0);

  return g_object_new (HS_TYPE_NOTE,
                       "note-id", note_id_of (note),
                       "title", member_string (note, "title", NULL),
                       "content", body,
                       "images", images,
                       "videos", videos,
                       "tags", tags,
                       "author", author,
                       "publish-time", publish_time,
                       "edit-time", edit_time,
                       "location", location,
                       "source", "web",
                       "like-count", counts[HS_COUNT_LIKES],
                       "comment-count", counts[HS_COUNT_COMMENTS],
                       "favorite-count", counts[HS_COUNT_FAVORITES],
                       "share-count", counts[HS_COUNT_SHARES],
                       "like-count-is-lower-bound", lower_bounds[HS_COUNT_LIKES],
                       "comment-count-is-lower-bound", lower_bounds[HS_COUNT_COMMENTS],
                       "favorite-count-is-lower-bound", lower_bounds[HS_COUNT_FAVORITES],
                       "share-count-is-lower-bound", lower_bounds[HS_COUNT_SHARES],
                       NULL);
}

HsNote *
hs_web_note_from_state (JsonNode    *state,
                        const char  *note_id,
                        const char  *image_original_base,
                        const char  *video_original_base,
                        GError     **error)
{
  JsonObject *note = NULL;

  g_return_val_if_fail (state != NULL, NULL);

  if (JSON_NODE_HOLDS_OBJECT (state))
    note = find_note (json_node_get_object (state), note_id);

  if (note == NULL)
    {
      g_propagate_error (error, hs_error_new_for_web (HS_ERROR_NO_NOTE_IN_PAGE, NULL));
      return NULL;
    }

  return map_note (note, image_original_base, video_original_base);
}
