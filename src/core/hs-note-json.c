#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-image.h"
#include "hs-note-json.h"
#include "hs-video.h"

/*
 * The normalised form of a note (`hongshu-cli parse`, `get --json`):
 * every key of doc/api-protocol.md §2 in the order of its table, null for what is
 * unknown, [] for empty lists, times in UTC. Scripts and tests compare it
 * byte for byte, so it is written here rather than by JsonGenerator,
 * whose doubles print as 31.230399999999999.
 */

void
hs_json_add_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* A lower bound prints as its number: the table has no key for it. */
static void
add_count (JsonBuilder *builder,
           const char  *name,
           gint64       value)
{
  json_builder_set_member_name (builder, name);
  if (value >= 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_author (JsonBuilder *builder,
            HsAuthor    *author)
{
  json_builder_set_member_name (builder, "author");
  if (author == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  hs_json_add_string (builder, "user_id", hs_author_get_user_id (author));
  hs_json_add_string (builder, "nickname", hs_author_get_nickname (author));
  hs_json_add_string (builder, "avatar", hs_author_get_avatar_url (author));
  add_count (builder, "follower_count", hs_author_get_follower_count (author));
  json_builder_end_object (builder);
}

static void
add_location (JsonBuilder *builder,
              HsLocation  *location)
{
  gboolean has_coordinates;

  json_builder_set_member_name (builder, "location");
  if (location == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  has_coordinates = hs_location_has_coordinates (location);

  json_builder_begin_object (builder);
  hs_json_add_string (builder, "name", hs_location_get_name (location));
  json_builder_set_member_name (builder, "latitude");
  if (has_coordinates)
    json_builder_add_double_value (builder, hs_location_get_latitude (location));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "longitude");
  if (has_coordinates)
    json_builder_add_double_value (builder, hs_location_get_longitude (location));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
add_publish_time (JsonBuilder *builder,
                  GDateTime   *time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, "publish_time");
  if (time == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  /* Whole seconds, and the year always four digits, unlike %Y. */
  utc = g_date_time_to_utc (time);
  text = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          g_date_time_get_year (utc),
                          g_date_time_get_month (utc),
                          g_date_time_get_day_of_month (utc),
                          g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc),
                          g_date_time_get_second (utc));
  json_builder_add_string_value (builder, text);
}

static void
add_note_members (JsonBuilder *builder,
                  HsNote      *note)
{
  GListModel *images = hs_note_get_images (note);
  GListModel *videos = hs_note_get_videos (note);
  const char * const *tags = hs_note_get_tags (note);
  guint n_items;

  hs_json_add_string (builder, "note_id", hs_note_get_note_id (note));
  hs_json_add_string (builder, "title", hs_note_get_title (note));
  hs_json_add_string (builder, "content", hs_note_get_content (note));

  json_builder_set_member_name (builder, "images");
  json_builder_begin_array (builder);
  n_items = g_list_model_get_n_items (images);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(HsImage) image = g_list_model_get_item (images, i);

      json_builder_add_string_value (builder, hs_image_get_url (image));
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "videos");
  json_builder_begin_array (builder);
  n_items = g_list_model_get_n_items (videos);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(HsVideo) video = g_list_model_get_item (videos, i);

      json_builder_begin_object (builder);
      hs_json_add_string (builder, "type", "video");
      hs_json_add_string (builder, "url", hs_video_get_url (video));
      hs_json_add_string (builder, "cover", hs_video_get_cover_url (video));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);

  add_count (builder, "like_count", hs_note_get_like_count (note));
  add_count (builder, "comment_count", hs_note_get_comment_count (note));
  add_count (builder, "favorite_count", hs_note_get_favorite_count (note));
  add_count (builder, "share_count", hs_note_get_share_count (note));
  add_author (builder, hs_note_get_author (note));
  add_publish_time (builder, hs_note_get_publish_time (note));
  add_location (builder, hs_note_get_location (note));
}

static void
add_note_object (JsonBuilder *builder,
                 HsNote      *note)
{
  json_builder_begin_object (builder);
  add_note_members (builder, note);
  json_builder_end_object (builder);
}

static void write_node (GString  *out,
                        JsonNode *node);

static void
write_string (GString    *out,
              const char *text)
{
  g_autofree char *valid = NULL;

  /* Models built by the parser hold valid UTF-8; others might not. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"')
        g_string_append (out, "\\\"");
      else if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\b')
        g_string_append (out, "\\b");
      else if (c == '\f')
        g_string_append (out, "\\f");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", (guint) c);
      /* C1 controls (U+0080 to U+009F): a terminal may act on them as on ESC sequences. */
      else if (c == 0xc2 && (guchar) p[1] >= 0x80 && (guchar) p[1] <= 0x9f)
        {
          g_string_append_printf (out, "\\u%04x", (guint) (guchar) p[1]);
          p += 1;
        }
      /* U+2028 and U+2029 end lines in JavaScript and some tools. */
      else if (c == 0xe2 && (guchar) p[1] == 0x80 && ((guchar) p[2] == 0xa8 || (guchar) p[2] == 0xa9))
        {
          g_string_append (out, (guchar) p[2] == 0xa8 ? "\\u2028" : "\\u2029");
          p += 2;
        }
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as the same double: 31.2304, not
 * 31.230399999999999. */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  /* %g would write -90 as -9e+01. */
  if (value == floor (value) && fabs (value) < 1e15)
    {
      g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.0f", value));
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else if (type == G_TYPE_STRING)
    write_string (out, json_node_get_string (node));
  else
    g_string_append (out, "null");
}

static void
write_node (GString  *out,
            JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            write_string (out, name);
            g_string_append_c (out, ':');
            write_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < length; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            write_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      write_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* Writes @node (taken) on one line. */
static char *
node_take_string (JsonNode *node)
{
  g_autoptr(JsonNode) owned = node;
  GString *out = g_string_new (NULL);

  write_node (out, owned);

  return g_string_free (out, FALSE);
}

/**
 * hs_note_to_json_node:
 *
 * Returns: (transfer full): the normalised form of @note, an object
 */
JsonNode *
hs_note_to_json_node (HsNote *note)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (HS_IS_NOTE (note), NULL);

  add_note_object (builder, note);

  return json_builder_get_root (builder);
}

/**
 * hs_note_to_json:
 *
 * Returns: (transfer full): the normalised form of @note on one line,
 *   without a trailing newline
 */
char *
hs_note_to_json (HsNote *note)
{
  g_return_val_if_fail (HS_IS_NOTE (note), NULL);

  return node_take_string (hs_note_to_json_node (note));
}

/**
 * hs_search_page_to_json_node:
 *
 * Returns: (transfer full): `{"page","size","total","has_more","items"}`,
 *   with null for an unknown page, size or total
 */
JsonNode *
hs_search_page_to_json_node (HsSearchPage *page)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GListModel *items;
  guint n_items;

  g_return_val_if_fail (HS_IS_SEARCH_PAGE (page), NULL);

  items = hs_search_page_get_items (page);
  n_items = g_list_model_get_n_items (items);

  json_builder_begin_object (builder);
  add_count (builder, "page", hs_search_page_get_page (page) > 0 ? hs_search_page_get_page (page) : -1);
  add_count (builder, "size", hs_search_page_get_size (page) > 0 ? hs_search_page_get_size (page) : -1);
  add_count (builder, "total", hs_search_page_get_total (page));
  json_builder_set_member_name (builder, "has_more");
  json_builder_add_boolean_value (builder, hs_search_page_get_has_more (page));
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(HsNote) note = g_list_model_get_item (items, i);

      add_note_object (builder, note);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * hs_search_page_to_json:
 *
 * Returns: (transfer full): hs_search_page_to_json_node() on one line
 */
char *
hs_search_page_to_json (HsSearchPage *page)
{
  g_return_val_if_fail (HS_IS_SEARCH_PAGE (page), NULL);

  return node_take_string (hs_search_page_to_json_node (page));
}
