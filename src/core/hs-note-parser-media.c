#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-error.h"
#include "hs-image.h"
#include "hs-note-parser-internal.h"
#include "hs-video.h"

typedef enum
{
  SKIPPED_NOT_URL,
  SKIPPED_NOT_VIDEO,
  SKIPPED_NOT_TAG,
} SkipReason;

/* One warning for all the entries of a list that were skipped for @reason. */
static void
warn_skipped (ParseContext *ctx,
              const char   *field,
              guint         n_skipped,
              SkipReason    reason)
{
  g_autofree char *path = NULL;

  if (n_skipped == 0)
    return;

  path = g_strconcat (ctx->prefix, field, NULL);
  switch (reason)
    {
    case SKIPPED_NOT_URL:
      hs_note_parser_warn (ctx,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "“%s”: %u entry is not an absolute http or https URL and was skipped",
                                        "“%s”: %u entries are not absolute http or https URLs and were skipped",
                                        n_skipped),
                           path, n_skipped);
      break;

    case SKIPPED_NOT_VIDEO:
      hs_note_parser_warn (ctx,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "“%s”: %u entry is not a video with an http or https URL and was skipped",
                                        "“%s”: %u entries are not videos with an http or https URL and were skipped",
                                        n_skipped),
                           path, n_skipped);
      break;

    case SKIPPED_NOT_TAG:
      hs_note_parser_warn (ctx,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "“%s”: %u entry is not a non-empty string and was skipped",
                                        "“%s”: %u entries are not non-empty strings and were skipped",
                                        n_skipped),
                           path, n_skipped);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The warnings at the end of a media list: what was skipped, and what was
 * valid but past @limit. Returns: how many valid entries were left out. */
static guint
end_list (ParseContext *ctx,
          const char   *field,
          guint         n_skipped,
          SkipReason    reason,
          guint         n_valid,
          guint         limit)
{
  warn_skipped (ctx, field, n_skipped, reason);
  if (n_valid <= limit)
    return 0;

  hs_note_parser_warn_cut (ctx, field, n_valid, limit);
  return n_valid - limit;
}

/* @n_omitted: (out): valid entries past HS_MAX_IMAGES */
GListStore *
hs_note_parser_read_images (ParseContext *ctx,
                            JsonObject   *data,
                            guint        *n_omitted)
{
  GListStore *store = g_list_store_new (HS_TYPE_IMAGE);
  JsonArray *array = hs_note_parser_read_array (ctx, data, "images");
  guint n_skipped = 0;
  guint n_valid = 0;
  guint length;

  if (array == NULL)
    return store;

  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *url = NULL;

      if (hs_note_parser_holds_type (element, G_TYPE_STRING))
        url = hs_note_parser_normalize_url (json_node_get_string (element));

      if (url == NULL)
        {
          n_skipped++;
          continue;
        }

      if (n_valid++ < HS_MAX_IMAGES)
        {
          g_autoptr(HsImage) image = hs_image_new (url);

          g_list_store_append (store, image);
        }
    }

  *n_omitted = end_list (ctx, "images", n_skipped, SKIPPED_NOT_URL, n_valid, HS_MAX_IMAGES);

  return store;
}

/* Only "video" entries are kept (a missing type counts as "video"): the
 * views play every entry as a video, and the API knows no other type. */
GListStore *
hs_note_parser_read_videos (ParseContext *ctx,
                            JsonObject   *data,
                            guint        *n_omitted)
{
  GListStore *store = g_list_store_new (HS_TYPE_VIDEO);
  JsonArray *array = hs_note_parser_read_array (ctx, data, "videos");
  guint n_skipped = 0;
  guint n_valid = 0;
  guint length;

  if (array == NULL)
    return store;

  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *url = NULL;
      g_autofree char *cover_path = NULL;
      g_autofree char *cover_url = NULL;
      g_autoptr(HsVideo) video = NULL;
      JsonObject *object;
      JsonNode *type_node;
      JsonNode *url_node;
      JsonNode *cover_node;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          n_skipped++;
          continue;
        }

      object = json_node_get_object (element);
      type_node = hs_note_parser_get_member (object, "type");
      url_node = hs_note_parser_get_member (object, "url");

      if (type_node != NULL &&
          (!hs_note_parser_holds_type (type_node, G_TYPE_STRING) ||
           g_ascii_strcasecmp (json_node_get_string (type_node), "video") != 0))
        {
          n_skipped++;
          continue;
        }

      if (url_node != NULL && hs_note_parser_holds_type (url_node, G_TYPE_STRING))
        url = hs_note_parser_normalize_url (json_node_get_string (url_node));

      if (url == NULL)
        {
          n_skipped++;
          continue;
        }

      if (n_valid++ >= HS_MAX_VIDEOS)
        continue;

      cover_node = hs_note_parser_get_member (object, "cover");
      if (cover_node != NULL &&
          (!hs_note_parser_holds_type (cover_node, G_TYPE_STRING) ||
           (cover_url = hs_note_parser_normalize_url (json_node_get_string (cover_node))) == NULL))
        {
          cover_path = g_strdup_printf ("videos[%u].cover", i);
          hs_note_parser_warn_field (ctx, cover_path, PROBLEM_BAD_URL);
        }

      video = hs_video_new (url, cover_url);
      g_list_store_append (store, video);
    }

  *n_omitted = end_list (ctx, "videos", n_skipped, SKIPPED_NOT_VIDEO, n_valid, HS_MAX_VIDEOS);

  return store;
}

GStrv
hs_note_parser_read_tags (ParseContext *ctx,
                          JsonObject   *data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = hs_note_parser_read_array (ctx, data, "tags");
  guint n_skipped = 0;
  guint length;

  if (array == NULL)
    return g_strv_builder_end (builder);

  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      /* An empty tag would show as an empty chip. */
      if (!hs_note_parser_holds_type (element, G_TYPE_STRING) || *json_node_get_string (element) == '\0')
        {
          n_skipped++;
          continue;
        }

      g_strv_builder_add (builder, json_node_get_string (element));
    }

  warn_skipped (ctx, "tags", n_skipped, SKIPPED_NOT_TAG);

  return g_strv_builder_end (builder);
}
