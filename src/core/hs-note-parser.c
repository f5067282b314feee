#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "hs-error.h"
#include "hs-note-parser-internal.h"
#include "hs-urls.h"

/* Returns: (transfer none): `data` of a code-200 envelope */
static JsonObject *
check_envelope (JsonNode  *root,
                GError   **error)
{
  JsonObject *envelope = json_node_get_object (root);
  JsonNode *code_node = json_object_get_member (envelope, "code");
  JsonNode *data_node;
  gint64 code;

  if (code_node == NULL || !JSON_NODE_HOLDS_VALUE (code_node) ||
      json_node_get_value_type (code_node) != G_TYPE_INT64)
    {
      hs_note_parser_set_invalid (error, _("it has no whole-number “code”"));
      return NULL;
    }

  code = json_node_get_int (code_node);
  if (code != 200)
    {
      JsonNode *message_node = json_object_get_member (envelope, "message");
      const char *message = NULL;

      if (message_node != NULL && JSON_NODE_HOLDS_VALUE (message_node) &&
          json_node_get_value_type (message_node) == G_TYPE_STRING)
        message = json_node_get_string (message_node);

      /* A code out of int's range maps to "invalid response" like any
       * other code that is not an HTTP error. */
      g_propagate_error (error,
                         hs_error_new_for_api_code (code >= 0 && code <= G_MAXINT ? (int) code : 0,
                                                    message));
      return NULL;
    }

  data_node = json_object_get_member (envelope, "data");
  if (data_node == NULL || !JSON_NODE_HOLDS_OBJECT (data_node))
    {
      hs_note_parser_set_invalid (error, _("it has no “data” object"));
      return NULL;
    }

  return json_node_get_object (data_node);
}

/* Returns: (transfer none): `data` of the code-200 envelope that @body
 * holds, alive as long as @root */
static JsonObject *
parse_envelope (GBytes    *body,
                JsonNode **root,
                GError   **error)
{
  *root = hs_note_parser_parse_json (body, error);
  if (*root == NULL)
    return NULL;

  return check_envelope (*root, error);
}

/* An author without any usable field is no author. */
static HsAuthor *
read_author (ParseContext *ctx,
             JsonObject   *data)
{
  JsonObject *object = hs_note_parser_read_object (ctx, data, "author");
  g_autofree char *user_id = NULL;
  g_autofree char *nickname = NULL;
  g_autofree char *avatar_url = NULL;
  gboolean lower_bound;
  gint64 follower_count;

  if (object == NULL)
    return NULL;

  user_id = hs_note_parser_read_string (ctx, object, "user_id", "author.user_id");
  nickname = hs_note_parser_read_string (ctx, object, "nickname", "author.nickname");
  avatar_url = hs_note_parser_read_url (ctx, object, "avatar", "author.avatar");
  follower_count = hs_note_parser_read_count (ctx, object, "follower_count", "author.follower_count", &lower_bound);

  if (user_id == NULL && nickname == NULL && avatar_url == NULL && follower_count < 0)
    return NULL;

  return hs_author_new (user_id, nickname, avatar_url, follower_count, lower_bound);
}

static gboolean
read_degrees (JsonNode *node,
              double    limit,
              double   *out_value)
{
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return FALSE;

  if (!isfinite (value) || value < -limit || value > limit)
    return FALSE;

  *out_value = value;
  return TRUE;
}

/* A location without name and coordinates is no location. The name is kept
 * when the coordinates are bad: it is what the views show. */
static HsLocation *
read_location (ParseContext *ctx,
               JsonObject   *data)
{
  JsonObject *object = hs_note_parser_read_object (ctx, data, "location");
  g_autofree char *name = NULL;
  JsonNode *latitude_node;
  JsonNode *longitude_node;
  double latitude = 0.0;
  double longitude = 0.0;
  gboolean has_coordinates = FALSE;

  if (object == NULL)
    return NULL;

  name = hs_note_parser_read_string (ctx, object, "name", "location.name");

  latitude_node = hs_note_parser_get_member (object, "latitude");
  longitude_node = hs_note_parser_get_member (object, "longitude");
  if (latitude_node != NULL || longitude_node != NULL)
    {
      has_coordinates = read_degrees (latitude_node, 90.0, &latitude) &&
                        read_degrees (longitude_node, 180.0, &longitude);
      if (!has_coordinates)
        hs_note_parser_warn_field (ctx, "location", PROBLEM_BAD_COORDINATES);
    }

  if (name == NULL && !has_coordinates)
    return NULL;

  return hs_location_new (name, has_coordinates, latitude, longitude);
}

static GDateTime *
read_publish_time (ParseContext *ctx,
                   JsonObject   *data)
{
  JsonNode *node = hs_note_parser_get_member (data, "publish_time");
  GDateTime *time;

  if (node == NULL)
    return NULL;

  time = hs_note_parser_time_from_node (node);
  if (time == NULL)
    hs_note_parser_warn_field (ctx, "publish_time", PROBLEM_BAD_TIME);

  return time;
}

/* @data holds a valid note_id (@note_id); every other field is optional
 * and only costs a warning when it is bad. */
static HsNote *
read_note (ParseContext *ctx,
           JsonObject   *data,
           const char   *note_id)
{
  static const struct {
    const char *name;
    const char *count_property;
    const char *lower_bound_property;
  } count_fields[] = {
    { "like_count", "like-count", "like-count-is-lower-bound" },
    { "comment_count", "comment-count", "comment-count-is-lower-bound" },
    { "favorite_count", "favorite-count", "favorite-count-is-lower-bound" },
    { "share_count", "share-count", "share-count-is-lower-bound" },
  };
  g_autofree char *title = NULL;
  g_autofree char *content = NULL;
  g_autoptr(GListStore) images = NULL;
  g_autoptr(GListStore) videos = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(HsAuthor) author = NULL;
  g_autoptr(GDateTime) publish_time = NULL;
  g_autoptr(HsLocation) location = NULL;
  gint64 counts[G_N_ELEMENTS (count_fields)];
  gboolean lower_bounds[G_N_ELEMENTS (count_fields)];
  guint n_omitted_images = 0;
  guint n_omitted_videos = 0;
  HsNote *note;

  /* In the order of doc/api-protocol.md §2, so that warnings come in that order too. */
  title = hs_note_parser_read_string (ctx, data, "title", "title");
  content = hs_note_parser_read_string (ctx, data, "content", "content");
  images = hs_note_parser_read_images (ctx, data, &n_omitted_images);
  videos = hs_note_parser_read_videos (ctx, data, &n_omitted_videos);
  tags = hs_note_parser_read_tags (ctx, data);
  for (guint i = 0; i < G_N_ELEMENTS (count_fields); i++)
    counts[i] = hs_note_parser_read_count (ctx, data, count_fields[i].name, count_fields[i].name, &lower_bounds[i]);
  author = read_author (ctx, data);
  publish_time = read_publish_time (ctx, data);
  location = read_location (ctx, data);

  note = g_object_new (HS_TYPE_NOTE,
                       "note-id", note_id,
                       "title", title,
                       "content", content,
                       "images", images,
                       "videos", videos,
                       "tags", tags,
                       "author", author,
                       "publish-time", publish_time,
                       "location", location,
                       "omitted-media-count", n_omitted_images + n_omitted_videos,
                       count_fields[0].count_property, counts[0],
                       count_fields[1].count_property, counts[1],
                       count_fields[2].count_property, counts[2],
                       count_fields[3].count_property, counts[3],
                       count_fields[0].lower_bound_property, lower_bounds[0],
                       count_fields[1].lower_bound_property, lower_bounds[1],
                       count_fields[2].lower_bound_property, lower_bounds[2],
                       count_fields[3].lower_bound_property, lower_bounds[3],
                       NULL);

  return note;
}

/* The note in @data (the `data` object of a response, or the normalised
 * form itself). */
static HsNote *
parse_note_object (JsonObject  *data,
                   const char  *expected_note_id,
                   GPtrArray  **warnings,
                   GError     **error)
{
  g_autoptr(GPtrArray) warning_list = g_ptr_array_new_with_free_func (g_free);
  ParseContext ctx = { warning_list, "" };
  const char *note_id;
  HsNote *note;

  note_id = hs_note_parser_get_note_id (data);
  if (note_id == NULL)
    {
      hs_note_parser_set_invalid (error, _("it has no valid “note_id”"));
      return NULL;
    }

  if (expected_note_id != NULL && g_ascii_strcasecmp (note_id, expected_note_id) != 0)
    {
      g_autofree char *reason = NULL;

      /* Both ids are plain hex here, safe to show. */
      if (hs_note_id_is_valid (expected_note_id))
        reason = g_strdup_printf (_("it is for note %s instead of %s"), note_id, expected_note_id);
      else
        reason = g_strdup_printf (_("it is for note %s, not for the one asked for"), note_id);
      hs_note_parser_set_invalid (error, reason);
      return NULL;
    }

  note = read_note (&ctx, data, note_id);

  if (warnings != NULL)
    *warnings = g_steal_pointer (&warning_list);

  return note;
}

/**
 * hs_note_parser_parse_response:
 * @body: the response body of `GET /v1/notes/{id}`
 * @expected_note_id: (nullable): the id that was asked for
 * @warnings: (out) (optional) (transfer full) (element-type utf8): on
 *   success, one translated line per field that was ignored; NULL on error
 * @error: an HS_ERROR: the code of a non-200 envelope as
 *   hs_error_new_for_api_code() maps it, else HS_ERROR_INVALID_RESPONSE
 *
 * Applies doc/api-protocol.md §2 and §3 to one response. The note ids are hex, so
 * @expected_note_id matches regardless of case; the note keeps the
 * server's spelling.
 *
 * Returns: (transfer full) (nullable): the note, or NULL with @error set
 */
HsNote *
hs_note_parser_parse_response (GBytes      *body,
                               const char  *expected_note_id,
                               GPtrArray  **warnings,
                               GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *data;

  if (warnings != NULL)
    *warnings = NULL;

  data = parse_envelope (body, &root, error);
  if (data == NULL)
    return NULL;

  return parse_note_object (data, expected_note_id, warnings, error);
}

/**
 * hs_note_parser_parse_normalised:
 * @body: one note in the normalised form (hs_note_to_json(), `get --json`)
 * @warnings: (out) (optional) (transfer full) (element-type utf8): as for
 *   hs_note_parser_parse_response()
 * @error: HS_ERROR_INVALID_RESPONSE when @body is no note
 *
 * The normalised form is the `data` object of doc/api-protocol.md §2 without its
 * envelope, so it goes through the same checks and field readers as a
 * response: what the library and an import read back is held to the
 * network's rules, and hs_note_to_json() of the result gives @body again.
 *
 * Returns: (transfer full) (nullable): the note
 */
HsNote *
hs_note_parser_parse_normalised (GBytes     *body,
                                 GPtrArray **warnings,
                                 GError    **error)
{
  g_autoptr(JsonNode) root = NULL;

  if (warnings != NULL)
    *warnings = NULL;

  root = hs_note_parser_parse_json (body, error);
  if (root == NULL)
    return NULL;

  return parse_note_object (json_node_get_object (root), NULL, warnings, error);
}

static int
read_page_number (ParseContext *ctx,
                  JsonObject   *data,
                  const char   *name)
{
  JsonNode *node = hs_note_parser_get_member (data, name);
  gint64 value;

  if (node == NULL)
    return 0;

  if (!hs_note_parser_holds_type (node, G_TYPE_INT64) ||
                (value = json_node_get_int (node)) < 1 || value > G_MAXINT)
    {
      hs_note_parser_warn_field (ctx, name, PROBLEM_BAD_NUMBER);
      return 0;
    }

  return (int) value;
}

/**
 * hs_note_parser_parse_search_response:
 * @body: the response body of `GET /v1/notes/search`
 * @warnings: (out) (optional) (transfer full) (element-type utf8): as for
 *   hs_note_parser_parse_response()
 * @error: as for hs_note_parser_parse_response()
 *
 * Applies doc/api-protocol.md §7. An item that is not an object with a valid note_id is
 * skipped with a warning; `items` itself must be an array when present.
 * Without `has_more` the page infers it from page, size and total.
 *
 * Returns: (transfer full) (nullable): the page, or NULL with @error set
 */
HsSearchPage *
hs_note_parser_parse_search_response (GBytes     *body,
                                      GPtrArray **warnings,
                                      GError    **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) warning_list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListStore) items = g_list_store_new (HS_TYPE_NOTE);
  ParseContext ctx = { warning_list, "" };
  JsonObject *data;
  JsonNode *items_node;
  JsonNode *has_more_node;
  gboolean total_lower_bound;
  gboolean has_more;
  gint64 total;
  guint n_skipped = 0;
  int page;
  int size;

  if (warnings != NULL)
    *warnings = NULL;

  data = parse_envelope (body, &root, error);
  if (data == NULL)
    return NULL;

  items_node = hs_note_parser_get_member (data, "items");
  if (items_node != NULL && !JSON_NODE_HOLDS_ARRAY (items_node))
    {
      hs_note_parser_set_invalid (error, _("its “items” is not an array"));
      return NULL;
    }

  page = read_page_number (&ctx, data, "page");
  size = read_page_number (&ctx, data, "size");
  total = hs_note_parser_read_count (&ctx, data, "total", "total", &total_lower_bound);

  has_more_node = hs_note_parser_get_member (data, "has_more");
  if (has_more_node != NULL && hs_note_parser_holds_type (has_more_node, G_TYPE_BOOLEAN))
    {
      has_more = json_node_get_boolean (has_more_node);
    }
  else
    {
      if (has_more_node != NULL)
        hs_note_parser_warn_field (&ctx, "has_more", PROBLEM_NOT_BOOLEAN);
      has_more = total >= 0 && page > 0 && size > 0 && (gint64) page * size < total;
    }

  if (items_node != NULL)
    {
      JsonArray *array = json_node_get_array (items_node);
      guint length = json_array_get_length (array);

      for (guint i = 0; i < length; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *prefix = NULL;
          g_autoptr(HsNote) note = NULL;
          ParseContext item_ctx;
          const char *note_id;

          if (!JSON_NODE_HOLDS_OBJECT (element) ||
              (note_id = hs_note_parser_get_note_id (json_node_get_object (element))) == NULL)
            {
              n_skipped++;
              continue;
            }

          prefix = g_strdup_printf ("items[%u].", i);
          item_ctx.warnings = warning_list;
          item_ctx.prefix = prefix;
          note = read_note (&item_ctx, json_node_get_object (element), note_id);
          g_list_store_append (items, note);
        }
    }

  if (n_skipped > 0)
    hs_note_parser_warn (&ctx,
                         g_dngettext (GETTEXT_PACKAGE,
                                      "“items”: %u entry is not a note with a valid “note_id” and was skipped",
                                      "“items”: %u entries are not notes with a valid “note_id” and were skipped",
                                      n_skipped),
                         n_skipped);

  if (warnings != NULL)
    *warnings = g_steal_pointer (&warning_list);

  return g_object_new (HS_TYPE_SEARCH_PAGE,
                       "page", page,
                       "size", size,
                       "total", total,
                       "has-more", has_more,
                       "items", items,
                       NULL);
}
