#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hs-sign.h"
#include "hs-urls.h"

#include "hs-demo-media.h"
#include "hs-demo-resources.h"
#include "hs-demo-server-private.h"

/* The sample notes of the demo (a GResource) and search over them. */
void
hs_demo_sample_free (Sample *sample)
{
  g_free (sample->title_folded);
  g_free (sample->text_folded);
  g_strfreev (sample->tags);
  g_strfreev (sample->tags_folded);
  g_free (sample);
}

/* Only search reads this, so a crude tag stripper is enough. */
static char *
strip_markup (const char *html)
{
  GString *text = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>' && in_tag)
        {
          in_tag = FALSE;
          g_string_append_c (text, ' ');
        }
      else if (!in_tag)
        g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

static JsonNode *
load_json_resource (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/", name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data;

  bytes = g_resource_lookup_data (hs_demo_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_critical ("Demo data %s is missing: %s", path, error->message);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  if (!json_parser_load_from_data (parser, data, size, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_critical ("Demo data %s is not a JSON object: %s", path,
                  error != NULL ? error->message : "wrong root");
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

static JsonArray *
notes_array (JsonNode *root)
{
  JsonObject *object;

  if (root == NULL)
    return NULL;

  object = json_node_get_object (root);
  if (!json_object_has_member (object, "notes"))
    return NULL;

  return json_object_get_array_member (object, "notes");
}

static char **
folded_tags (JsonObject *note,
             gboolean    fold)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  JsonArray *tags;
  char **result;

  if (json_object_has_member (note, "tags") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (note, "tags")))
    {
      tags = json_object_get_array_member (note, "tags");
      for (guint i = 0; i < json_array_get_length (tags); i++)
        {
          JsonNode *tag = json_array_get_element (tags, i);

          if (JSON_NODE_HOLDS_VALUE (tag) && json_node_get_value_type (tag) == G_TYPE_STRING)
            {
              g_autofree char *folded = fold ? g_utf8_casefold (json_node_get_string (tag), -1) : NULL;

              g_strv_builder_add (builder, fold ? folded : json_node_get_string (tag));
            }
        }
    }

  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return result;
}

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  const Sample *sa = *(const Sample * const *) a;
  const Sample *sb = *(const Sample * const *) b;

  if (sa->publish_time != sb->publish_time)
    return sa->publish_time > sb->publish_time ? -1 : 1;

  return strcmp (json_object_get_string_member (sa->object, "note_id"),
                 json_object_get_string_member (sb->object, "note_id"));
}

void
hs_demo_load_samples (HsDemoServer *self)
{
  JsonArray *notes;

  self->samples_root = load_json_resource ("notes.json");
  notes = notes_array (self->samples_root);
  if (notes == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      JsonObject *note = json_array_get_object_element (notes, i);
      g_autoptr(GDateTime) time = NULL;
      g_autofree char *text = NULL;
      Sample *sample;

      sample = g_new0 (Sample, 1);
      sample->object = note;
      time = g_date_time_new_from_iso8601 (json_object_get_string_member_with_default (note, "publish_time", ""), NULL);
      sample->publish_time = time != NULL ? g_date_time_to_unix (time) : 0;
      sample->title_folded = g_utf8_casefold (json_object_get_string_member_with_default (note, "title", ""), -1);
      text = strip_markup (json_object_get_string_member_with_default (note, "content", ""));
      sample->text_folded = g_utf8_casefold (text, -1);
      sample->tags = folded_tags (note, FALSE);
      sample->tags_folded = folded_tags (note, TRUE);
      g_ptr_array_add (self->samples, sample);

      g_hash_table_insert (self->notes,
                           g_ascii_strdown (json_object_get_string_member (note, "note_id"), -1),
                           note);
    }

  g_ptr_array_sort (self->samples, compare_samples);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static JsonObject *
build_overfull_note (HsDemoServer *self)
{
  JsonObject *note = json_object_new ();
  JsonArray *images = json_array_new ();
  JsonArray *videos = json_array_new ();
  JsonArray *tags = json_array_new ();
  JsonObject *author = json_object_new ();
  guint n_names = self->image_names != NULL ? g_strv_length (self->image_names) : 0;

  /* A query string makes every URL distinct, like a real gallery; the CDN ignores it. */
  for (guint i = 0; i < OVERFULL_IMAGES && n_names > 0; i++)
    {
      g_autofree char *url = g_strdup_printf ("{cdn}/img/%s?n=%u", self->image_names[i % n_names], i);

      json_array_add_string_element (images, url);
    }

  for (guint i = 0; i < OVERFULL_VIDEOS && n_names > 0; i++)
    {
      JsonObject *video = json_object_new ();
      g_autofree char *url = g_strdup_printf ("{cdn}/video/%s?n=%u",
                                              i % 2 == 0 ? "city-walk.webm" : "spring-makeup.webm", i);
      g_autofree char *cover = g_strdup_printf ("{cdn}/img/%s?video=%u",
                                                self->image_names[i % n_names], i);

      json_object_set_string_member (video, "type", "video");
      json_object_set_string_member (video, "url", url);
      json_object_set_string_member (video, "cover", cover);
      json_array_add_object_element (videos, video);
    }

  json_array_add_string_element (tags, "测试");
  json_array_add_string_element (tags, "上限");

  json_object_set_string_member (author, "user_id", "9912837406");
  json_object_set_string_member (author, "nickname", "光影记录者");
  json_object_set_string_member (author, "avatar", "{cdn}/avatar/sheying.jpg");
  json_object_set_int_member (author, "follower_count", 98765);

  json_object_set_string_member (note, "note_id", HS_DEMO_FAULT_OVERFULL);
  json_object_set_string_member (note, "title", "图片和视频多到放不下的笔记");
  json_object_set_string_member (note, "content",
                                 "<p>这条笔记有 120 张图片和 25 个视频，超过了客户端的上限"
                                 "（100 张图片、20 个视频），多出来的应当被截掉。</p>");
  json_object_set_array_member (note, "images", images);
  json_object_set_array_member (note, "videos", videos);
  json_object_set_array_member (note, "tags", tags);
  json_object_set_int_member (note, "like_count", 120);
  json_object_set_int_member (note, "comment_count", 25);
  json_object_set_int_member (note, "favorite_count", 100);
  json_object_set_int_member (note, "share_count", 20);
  json_object_set_object_member (note, "author", author);
  json_object_set_string_member (note, "publish_time", "2025-06-05T12:00:00+08:00");

  return note;
}

void
hs_demo_load_faults (HsDemoServer *self)
{
  JsonArray *notes;

  self->faults_root = load_json_resource ("fault-notes.json");
  notes = notes_array (self->faults_root);
  for (guint i = 0; notes != NULL && i < json_array_get_length (notes); i++)
    {
      JsonObject *note = json_array_get_object_element (notes, i);

      g_hash_table_insert (self->notes,
                           g_ascii_strdown (json_object_get_string_member (note, "note_id"), -1),
                           note);
    }

  self->image_names = g_resource_enumerate_children (hs_demo_get_resource (),
                                                     RESOURCE_PREFIX "/media/img/",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (self->image_names != NULL)
    qsort (self->image_names, g_strv_length (self->image_names), sizeof (char *), compare_strings);

  self->overfull_note = build_overfull_note (self);
  g_hash_table_insert (self->notes, g_strdup (HS_DEMO_FAULT_OVERFULL), self->overfull_note);
  self->forbidden_picture_note = hs_demo_media_build_forbidden_note ();
  g_hash_table_insert (self->notes, g_strdup (HS_DEMO_FAULT_FORBIDDEN_PICTURE), self->forbidden_picture_note);
}

/* Search */

static gboolean
sample_matches (Sample     *sample,
                const char *keyword_folded,
                const char *tag)
{
  if (tag != NULL)
    return g_strv_contains ((const char * const *) sample->tags, tag);

  if (strstr (sample->title_folded, keyword_folded) != NULL ||
      strstr (sample->text_folded, keyword_folded) != NULL)
    return TRUE;

  for (guint i = 0; sample->tags_folded[i] != NULL; i++)
    {
      if (strstr (sample->tags_folded[i], keyword_folded) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
parse_bounded (const char *text,
               guint64     min,
               guint64     max,
               guint64     fallback,
               guint64    *out)
{
  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }

  return g_ascii_string_to_unsigned (text, 10, min, max, out, NULL);
}

void
hs_demo_handle_search (Exchange *ex)
{
  static const char * const item_fields[] = {
    "note_id", "title", "images", "like_count", "author", "tags", NULL
  };
  HsDemoServer *self = ex->self;
  const char *keyword = ex->query != NULL ? g_hash_table_lookup (ex->query, "keyword") : NULL;
  const char *tag = ex->query != NULL ? g_hash_table_lookup (ex->query, "tag") : NULL;
  const char *page_text = ex->query != NULL ? g_hash_table_lookup (ex->query, "page") : NULL;
  const char *size_text = ex->query != NULL ? g_hash_table_lookup (ex->query, "size") : NULL;
  g_autofree char *keyword_folded = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(JsonObject) data = NULL;
  g_autofree char *json = NULL;
  JsonArray *items;
  guint64 page;
  guint64 size;
  guint64 start;

  if ((keyword == NULL) == (tag == NULL))
    {
      hs_demo_respond_error (ex, SOUP_STATUS_BAD_REQUEST, "请求参数错误：需要 keyword 或 tag 之一");
      return;
    }

  if ((keyword != NULL ? keyword : tag)[0] == '\0')
    {
      hs_demo_respond_error (ex, SOUP_STATUS_BAD_REQUEST, "请求参数错误：keyword 或 tag 不能为空");
      return;
    }

  if (!parse_bounded (page_text, 1, G_MAXINT32, 1, &page))
    {
      hs_demo_respond_error (ex, SOUP_STATUS_BAD_REQUEST, "请求参数错误：page 必须是从 1 开始的整数");
      return;
    }

  if (!parse_bounded (size_text, 1, SEARCH_MAX_SIZE, SEARCH_DEFAULT_SIZE, &size))
    {
      hs_demo_respond_error (ex, SOUP_STATUS_BAD_REQUEST, "请求参数错误：size 必须在 1 到 50 之间");
      return;
    }

  if (self->search_fault_page != 0 && page == self->search_fault_page)
    {
      self->search_fault_page = 0;
      hs_demo_respond_rate_limited (ex, (guint) g_ascii_strtoull (FAULT_RETRY_AFTER, NULL, 10));
      return;
    }

  if (keyword != NULL)
    keyword_folded = g_utf8_casefold (keyword, -1);

  matches = g_ptr_array_new ();
  for (guint round = 0; round < self->search_repeat; round++)
    for (guint i = 0; i < self->samples->len; i++)
      {
        Sample *sample = g_ptr_array_index (self->samples, i);

        if (sample_matches (sample, keyword_folded, tag))
          g_ptr_array_add (matches, sample);
      }

  items = json_array_new ();
  start = (page - 1) * size;
  for (guint64 i = start; i < matches->len && i < start + size; i++)
    {
      Sample *sample = g_ptr_array_index (matches, i);

      json_array_add_object_element (items, hs_demo_copy_note (sample->object, item_fields));
    }

  data = json_object_new ();
  json_object_set_int_member (data, "page", (gint64) page);
  json_object_set_int_member (data, "size", (gint64) size);
  json_object_set_int_member (data, "total", matches->len);
  json_object_set_boolean_member (data, "has_more", start + size < matches->len);
  json_object_set_array_member (data, "items", items);

  json = hs_demo_success_envelope (self, data);
  hs_demo_respond_json (ex, SOUP_STATUS_OK, json);
}
