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

/* Reads entry @index of a media list. Returns: whether it is valid; @item: (out):
 * the image or video, made only when @keep (the list is not full yet) */
typedef gboolean (*ReadEntry) (ParseContext  *ctx,
                               JsonNode      *element,
                               guint          index,
                               gboolean       keep,
                               GObject      **item);

/* @n_omitted: (out): valid entries past @limit */
static GListStore *
read_media_list (ParseContext *ctx,
                 JsonObject   *data,
                 const char   *field,
                 GType         item_type,
                 ReadEntry     read_entry,
                 guint         limit,
                 SkipReason    reason,
                 guint        *n_omitted)
{
  GListStore *store = g_list_store_new (item_type);
  JsonArray *array = hs_note_parser_read_array (ctx, data, field);
  guint n_skipped = 0;
  guint n_valid = 0;
  guint length;

  if (array == NULL)
    return store;

  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      g_autoptr(GObject) item = NULL;

      if (!read_entry (ctx, json_array_get_element (array, i), i, n_valid < limit, &item))
        n_skipped++;
      else if (n_valid++ < limit)
        g_list_store_append (store, item);
    }

  *n_omitted = end_list (ctx, field, n_skipped, reason, n_valid, limit);

  return store;
}

static gboolean
read_image (ParseContext  *ctx,
            JsonNode      *element,
            guint          index,
            gboolean       keep,
            GObject      **item)
{
  g_autofree char *url = NULL;

  if (hs_note_parser_holds_type (element, G_TYPE_STRING))
    url = hs_note_parser_normalize_url (json_node_get_string (element));

  if (url == NULL)
    return FALSE;

  if (keep)
    *item = G_OBJECT (hs_image_new (url));
  return TRUE;
}

GListStore *
hs_note_parser_read_images (ParseContext *ctx,
                            JsonObject   *data,
                            guint        *n_omitted)
{
  return read_media_list (ctx, data, "images", HS_TYPE_IMAGE, read_image,
                          HS_MAX_IMAGES, SKIPPED_NOT_URL, n_omitted);
}

/* Only "video" entries are valid (a missing type counts as "video"): the
 * views play every entry as a video, and the API knows no other type. A bad
 * cover costs a warning, not the video. */
static gboolean
read_video (ParseContext  *ctx,
            JsonNode      *element,
            guint          index,
            gboolean       keep,
            GObject      **item)
{
  g_autofree char *url = NULL;
  g_autofree char *cover_url = NULL;
  JsonObject *object;
  JsonNode *type_node;
  JsonNode *url_node;
  JsonNode *cover_node;

  if (!JSON_NODE_HOLDS_OBJECT (element))
    return FALSE;

  object = json_node_get_object (element);
  type_node = hs_note_parser_get_member (object, "type");
  url_node = hs_note_parser_get_member (object, "url");

  if (type_node != NULL &&
      (!hs_note_parser_holds_type (type_node, G_TYPE_STRING) ||
       g_ascii_strcasecmp (json_node_get_string (type_node), "video") != 0))
    return FALSE;

  if (url_node != NULL && hs_note_parser_holds_type (url_node, G_TYPE_STRING))
    url = hs_note_parser_normalize_url (json_node_get_string (url_node));

  if (url == NULL)
    return FALSE;

  if (!keep)
    return TRUE;

  cover_node = hs_note_parser_get_member (object, "cover");
  if (cover_node != NULL &&
      (!hs_note_parser_holds_type (cover_node, G_TYPE_STRING) ||
       (cover_url = hs_note_parser_normalize_url (json_node_get_string (cover_node))) == NULL))
    {
      g_autofree char *cover_path = g_strdup_printf ("videos[%u].cover", index);

      hs_note_parser_warn_field (ctx, cover_path, PROBLEM_BAD_URL);
    }

  *item = G_OBJECT (hs_video_new (url, cover_url));
  return TRUE;
}

GListStore *
hs_note_parser_read_videos (ParseContext *ctx,
                            JsonObject   *data,
                            guint        *n_omitted)
{
  return read_media_list (ctx, data, "videos", HS_TYPE_VIDEO, read_video,
                          HS_MAX_VIDEOS, SKIPPED_NOT_VIDEO, n_omitted);
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
