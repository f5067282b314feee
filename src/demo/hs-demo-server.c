#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hs-sign.h"

#include "hs-demo-media.h"
#include "hs-demo-request-private.h"
#include "hs-demo-resources.h"
#include "hs-demo-server.h"

#define RESOURCE_PREFIX "/io/github/hongshu/Hongshu/demo"
#define JSON_CONTENT_TYPE "application/json; charset=utf-8"
#define TEXT_CONTENT_TYPE "text/plain; charset=utf-8"
#define HTML_CONTENT_TYPE "text/html; charset=utf-8"

/* libsoup 3.2 has no name for it, nor a reason phrase. */
#define STATUS_TOO_MANY_REQUESTS 429

#define RATE_WINDOW_USEC ((gint64) 60 * G_USEC_PER_SEC)
#define SIGN_MAX_SKEW_SECONDS 300
#define DEFAULT_REQUESTS_PER_MINUTE 100
#define DEFAULT_SLOW_DELAY_MS 5000
#define REQUEST_LOG_MAX 10000
#define FLAKY_FAILURES 2
#define FAULT_RETRY_AFTER "2"
#define OVERSIZED_CHUNK_BYTES (64 * 1024)
#define SEARCH_DEFAULT_SIZE 20
#define SEARCH_MAX_SIZE 50
#define OVERFULL_IMAGES 120
#define OVERFULL_VIDEOS 25
#define MEDIA_MAX_AGE "public, max-age=86400"

/* The `message` of error envelopes is protocol text, shown to the user as "what the
 * server said". It stays Chinese, as the platform sends it (see the seed's error table),
 * and is deliberately not marked for translation. */
#define MESSAGE_BAD_REQUEST   "请求参数错误"
#define MESSAGE_BAD_NOTE_ID   "请求参数错误：note_id 必须是 24 位十六进制字符"
#define MESSAGE_UNAUTHORIZED  "无效的access_token"
#define MESSAGE_FORBIDDEN     "无权限访问：作者已将笔记设为私密"
#define MESSAGE_NOT_FOUND     "笔记不存在或已删除"
#define MESSAGE_RATE_LIMITED  "调用频率超限"
#define MESSAGE_SERVER_ERROR  "服务器内部错误"
#define MESSAGE_NO_SUCH_API   "接口不存在"

struct _HsDemoServer
{
  GObject parent_instance;

  SoupServer *soup_server;
  char *base_url;
  guint16 port;

  guint requests_per_minute;
  guint slow_delay_ms;
  guint flaky_failures;
  guint media_bytes_per_second;  /* 0: full speed */
  gboolean media_ranges;

  HsDemoClockFunc clock_func;
  gpointer clock_data;

  /* token -> GArray of gint64 admission times (µs), oldest first */
  GHashTable *rate_windows;

  JsonNode *samples_root;
  JsonNode *faults_root;
  JsonObject *overfull_note;
  JsonObject *forbidden_picture_note;
  GPtrArray *samples;        /* Sample, newest first: what search walks */
  GHashTable *notes;         /* lowercase id -> JsonObject (borrowed from the roots) */
  char **image_names;        /* files under media/img, for the overfull note */
  GHashTable *media_etags;   /* resource path -> ETag */

  GPtrArray *request_log;    /* HsDemoRequest */
  GPtrArray *pending;        /* PendingReply */
};

G_DEFINE_FINAL_TYPE (HsDemoServer, hs_demo_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_PORT,
  PROP_REQUESTS_PER_MINUTE,
  PROP_SLOW_DELAY_MS,
  N_PROPS
};

enum {
  REQUEST_LOGGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  JsonObject *object;       /* borrowed from samples_root */
  gint64 publish_time;
  char *title_folded;
  char *text_folded;        /* the content without its markup */
  char **tags;
  char **tags_folded;
} Sample;

/* What every handler needs about the request being answered. */
typedef struct
{
  HsDemoServer *self;
  SoupServerMessage *msg;
  HsDemoRequest *entry;
  const char *path;
  GHashTable *query;
} Exchange;

/* An answer held back by the slow fault. */
typedef struct
{
  HsDemoServer *self;
  SoupServerMessage *msg;
  HsDemoRequest *entry;
  char *body;
  guint source_id;
  gulong finished_id;
} PendingReply;

/* The oversized fault's body, produced one chunk at a time as the socket drains, so
 * that a client that stops reading at its limit costs the server nothing. */
typedef struct
{
  GBytes *padding;
  gsize remaining;
  char *tail;
} OversizedStream;

static void
sample_free (Sample *sample)
{
  g_free (sample->title_folded);
  g_free (sample->text_folded);
  g_strfreev (sample->tags);
  g_strfreev (sample->tags_folded);
  g_free (sample);
}

static void
pending_reply_free (PendingReply *reply)
{
  g_clear_handle_id (&reply->source_id, g_source_remove);
  g_clear_signal_handler (&reply->finished_id, reply->msg);
  g_clear_object (&reply->msg);
  g_clear_pointer (&reply->entry, hs_demo_request_unref);
  g_free (reply->body);
  g_free (reply);
}

static void
oversized_stream_free (gpointer  data,
                       GClosure *closure)
{
  OversizedStream *stream = data;

  g_bytes_unref (stream->padding);
  g_free (stream->tail);
  g_free (stream);
}

static gint64
now_usec (HsDemoServer *self)
{
  if (self->clock_func != NULL)
    return self->clock_func (self->clock_data);

  return g_get_real_time ();
}

static GDateTime *
date_time_new_from_usec (gint64 usec)
{
  g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (seconds, usec % G_USEC_PER_SEC);
}

static gboolean
is_note_id (const char *text)
{
  gsize i;

  for (i = 0; text[i] != '\0'; i++)
    {
      if (i >= 24 || !g_ascii_isxdigit (text[i]))
        return FALSE;
    }

  return i == 24;
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

static const char *
sniff_content_type (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "image/jpeg";
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  if (size >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  if (size >= 4 && memcmp (data, "\x1a\x45\xdf\xa3", 4) == 0)
    return "video/webm";

  return "application/octet-stream";
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

static void
load_samples (HsDemoServer *self)
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

static void
load_faults (HsDemoServer *self)
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

/* Responses */

static char *
expand_placeholders (HsDemoServer *self,
                     const char   *json)
{
  GString *expanded = g_string_new (json);
  g_autofree char *cdn = hs_demo_server_get_cdn_base_url (self);

  g_string_replace (expanded, "{cdn}", cdn, 0);
  g_string_replace (expanded, "{origin}", self->base_url, 0);

  return g_string_free (expanded, FALSE);
}

static char *
success_envelope (HsDemoServer *self,
                  JsonObject   *data)
{
  g_autoptr(JsonObject) envelope = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;

  json_object_set_int_member (envelope, "code", 200);
  json_object_set_string_member (envelope, "message", "success");
  json_object_set_object_member (envelope, "data", json_object_ref (data));
  json_node_set_object (root, envelope);
  json = json_to_string (root, FALSE);

  return expand_placeholders (self, json);
}

static void
set_status (Exchange *ex,
            guint     status)
{
  soup_server_message_set_status (ex->msg, status,
                                  status == STATUS_TOO_MANY_REQUESTS ? "Too Many Requests" : NULL);
  hs_demo_request_set_status (ex->entry, status);
}

static void
respond (Exchange   *ex,
         guint       status,
         const char *content_type,
         const char *body)
{
  set_status (ex, status);
  soup_server_message_set_response (ex->msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static void
respond_json (Exchange   *ex,
              guint       status,
              const char *json)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (ex->msg),
                                "Cache-Control", "no-store");
  respond (ex, status, JSON_CONTENT_TYPE, json);
}

static void
respond_error (Exchange   *ex,
               guint       status,
               const char *message)
{
  g_autoptr(JsonObject) envelope = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;

  json_object_set_int_member (envelope, "code", status);
  json_object_set_string_member (envelope, "message", message);
  json_node_set_object (root, envelope);
  json = json_to_string (root, FALSE);

  respond_json (ex, status, json);
}

static void
respond_rate_limited (Exchange *ex,
                      guint     retry_after)
{
  g_autofree char *value = g_strdup_printf ("%u", retry_after);

  soup_message_headers_replace (soup_server_message_get_response_headers (ex->msg),
                                "Retry-After", value);
  respond_error (ex, STATUS_TOO_MANY_REQUESTS, MESSAGE_RATE_LIMITED);
}

static void
respond_redirect (Exchange   *ex,
                  const char *location)
{
  soup_server_message_set_redirect (ex->msg, SOUP_STATUS_FOUND, location);
  hs_demo_request_set_status (ex->entry, SOUP_STATUS_FOUND);
}

/* Access checks of the API paths */

static gboolean
has_valid_token (Exchange *ex)
{
  const char *value;

  value = soup_message_headers_get_one (soup_server_message_get_request_headers (ex->msg),
                                        "Authorization");
  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return FALSE;

  value += 7;
  while (*value == ' ')
    value++;

  return strcmp (value, HS_DEMO_ACCESS_TOKEN) == 0;
}

/* At most requests_per_minute admissions per token in any rolling 60 s. When full,
 * @retry_after is the whole seconds until the oldest admission that matters leaves. */
static gboolean
rate_limit_admit (HsDemoServer *self,
                  const char   *token,
                  guint        *retry_after)
{
  GArray *window;
  gint64 now = now_usec (self);
  guint expired = 0;

  if (self->requests_per_minute == 0)
    return TRUE;

  window = g_hash_table_lookup (self->rate_windows, token);
  if (window == NULL)
    {
      window = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->rate_windows, g_strdup (token), window);
    }

  while (expired < window->len &&
         g_array_index (window, gint64, expired) <= now - RATE_WINDOW_USEC)
    expired++;
  g_array_remove_range (window, 0, expired);

  if (window->len >= self->requests_per_minute)
    {
      gint64 frees_at = g_array_index (window, gint64, window->len - self->requests_per_minute)
                        + RATE_WINDOW_USEC;
      gint64 wait = frees_at - now;

      *retry_after = (guint) MAX (1, (wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
      return FALSE;
    }

  g_array_append_val (window, now);
  return TRUE;
}

/* API.md §4: signing is on when the request carries app_key or sign. */
static gboolean
check_signature (Exchange    *ex,
                 const char **failure)
{
  const char *app_key;
  const char *timestamp;
  const char *sign;
  g_autofree char *expected = NULL;
  gint64 seconds;
  gint64 now;

  if (ex->query == NULL)
    return TRUE;

  app_key = g_hash_table_lookup (ex->query, "app_key");
  timestamp = g_hash_table_lookup (ex->query, "timestamp");
  sign = g_hash_table_lookup (ex->query, "sign");
  if (app_key == NULL && sign == NULL)
    return TRUE;

  if (g_strcmp0 (app_key, HS_DEMO_APP_KEY) != 0)
    {
      *failure = "无效的app_key";
      return FALSE;
    }

  if (timestamp == NULL ||
      !g_ascii_string_to_signed (timestamp, 10, 0, G_MAXINT64, &seconds, NULL))
    {
      *failure = "缺少或无效的timestamp";
      return FALSE;
    }

  now = now_usec (ex->self) / G_USEC_PER_SEC;
  if (seconds > now + SIGN_MAX_SKEW_SECONDS || seconds < now - SIGN_MAX_SKEW_SECONDS)
    {
      *failure = "timestamp已过期，请校准时间";
      return FALSE;
    }

  if (sign == NULL)
    {
      *failure = "缺少sign";
      return FALSE;
    }

  expected = hs_sign_compute (ex->path, ex->query, HS_DEMO_APP_SECRET);
  if (g_ascii_strcasecmp (expected, sign) != 0)
    {
      *failure = "签名错误";
      return FALSE;
    }

  return TRUE;
}

/* Notes */

static JsonObject *
copy_note (JsonObject         *note,
           const char * const *fields)
{
  JsonObject *copy = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (note);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (fields == NULL || strcmp (name, "note_id") == 0 || g_strv_contains (fields, name))
        json_object_set_member (copy, name, json_node_copy (json_object_get_member (note, name)));
    }

  return copy;
}

static char **
requested_fields (Exchange *ex)
{
  const char *value = ex->query != NULL ? g_hash_table_lookup (ex->query, "fields") : NULL;
  char **fields;

  if (value == NULL)
    return NULL;

  fields = g_strsplit (value, ",", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    g_strstrip (fields[i]);

  return fields;
}

static char *
note_envelope (Exchange   *ex,
               JsonObject *note)
{
  g_auto(GStrv) fields = requested_fields (ex);
  g_autoptr(JsonObject) data = copy_note (note, (const char * const *) fields);

  return success_envelope (ex->self, data);
}

static void
serve_note (Exchange   *ex,
            JsonObject *note)
{
  g_autofree char *json = note_envelope (ex, note);

  respond_json (ex, SOUP_STATUS_OK, json);
}

static gboolean
pending_reply_timeout_cb (gpointer user_data)
{
  PendingReply *reply = user_data;
  gsize length = strlen (reply->body);

  reply->source_id = 0;
  g_clear_signal_handler (&reply->finished_id, reply->msg);

  soup_message_headers_replace (soup_server_message_get_response_headers (reply->msg),
                                "Cache-Control", "no-store");
  soup_server_message_set_status (reply->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (reply->msg, JSON_CONTENT_TYPE, SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&reply->body), length);
  hs_demo_request_set_status (reply->entry, SOUP_STATUS_OK);
  soup_server_message_unpause (reply->msg);

  g_ptr_array_remove (reply->self->pending, reply);

  return G_SOURCE_REMOVE;
}

static void
pending_reply_finished_cb (SoupServerMessage *msg,
                           PendingReply      *reply)
{
  /* The connection ended before the answer was due: nobody is waiting for it. */
  g_ptr_array_remove (reply->self->pending, reply);
}

static void
serve_note_later (Exchange   *ex,
                  JsonObject *note)
{
  PendingReply *reply = g_new0 (PendingReply, 1);

  reply->self = ex->self;
  reply->msg = g_object_ref (ex->msg);
  reply->entry = hs_demo_request_ref (ex->entry);
  reply->body = note_envelope (ex, note);
  reply->finished_id = g_signal_connect (reply->msg, "finished",
                                         G_CALLBACK (pending_reply_finished_cb), reply);
  reply->source_id = g_timeout_add (ex->self->slow_delay_ms, pending_reply_timeout_cb, reply);
  g_source_set_name_by_id (reply->source_id, "[hongshu] demo slow reply");
  g_ptr_array_add (ex->self->pending, reply);

  soup_server_message_pause (ex->msg);
}

static void
oversized_append_next (OversizedStream *stream,
                       SoupMessageBody *body)
{
  if (stream->remaining > 0)
    {
      gsize size = MIN (stream->remaining, g_bytes_get_size (stream->padding));
      g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (stream->padding, 0, size);

      soup_message_body_append_bytes (body, chunk);
      stream->remaining -= size;
    }
  else if (stream->tail != NULL)
    {
      gsize length = strlen (stream->tail);

      soup_message_body_append (body, SOUP_MEMORY_TAKE, g_steal_pointer (&stream->tail), length);
      soup_message_body_complete (body);
    }
}

static void
oversized_wrote_chunk_cb (SoupServerMessage *msg,
                          OversizedStream   *stream)
{
  oversized_append_next (stream, soup_server_message_get_response_body (msg));
}

static void
serve_oversized (Exchange *ex)
{
  static const char head[] =
    "{\"code\":200,\"message\":\"success\",\"data\":{\"note_id\":\"" HS_DEMO_FAULT_OVERSIZED "\","
    "\"title\":\"大得离谱的笔记\",\"content\":\"<p>";
  static const char tail[] = "</p>\"}}";
  SoupMessageBody *body = soup_server_message_get_response_body (ex->msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (ex->msg);
  OversizedStream *stream = g_new0 (OversizedStream, 1);
  char *padding = g_malloc (OVERSIZED_CHUNK_BYTES);

  memset (padding, 'a', OVERSIZED_CHUNK_BYTES);
  stream->padding = g_bytes_new_take (padding, OVERSIZED_CHUNK_BYTES);
  stream->remaining = HS_DEMO_OVERSIZED_BYTES - strlen (head) - strlen (tail);
  stream->tail = g_strdup (tail);

  set_status (ex, SOUP_STATUS_OK);
  soup_message_headers_set_content_type (headers, JSON_CONTENT_TYPE, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, head, strlen (head));
  oversized_append_next (stream, body);
  g_signal_connect_data (ex->msg, "wrote-chunk", G_CALLBACK (oversized_wrote_chunk_cb),
                         stream, oversized_stream_free, 0);
}

static void
serve_redirect_fault (Exchange   *ex,
                      JsonObject *note)
{
  HsDemoServer *self = ex->self;
  const char *host;
  const char *query;
  g_autofree char *other_origin_host = g_strdup_printf ("localhost:%u", self->port);
  g_autofree char *location = NULL;

  host = soup_message_headers_get_one (soup_server_message_get_request_headers (ex->msg), "Host");
  if (g_strcmp0 (host, other_origin_host) == 0)
    {
      serve_note (ex, note);
      return;
    }

  query = g_uri_get_query (soup_server_message_get_uri (ex->msg));
  location = g_strdup_printf ("http://%s%s%s%s", other_origin_host, ex->path,
                              query != NULL ? "?" : "", query != NULL ? query : "");
  respond_redirect (ex, location);
}

static const struct
{
  const char *note_id;
  guint status;
  const char *message;
} status_faults[] = {
  { HS_DEMO_FAULT_BAD_REQUEST, SOUP_STATUS_BAD_REQUEST, MESSAGE_BAD_REQUEST },
  { HS_DEMO_FAULT_UNAUTHORIZED, SOUP_STATUS_UNAUTHORIZED, MESSAGE_UNAUTHORIZED },
  { HS_DEMO_FAULT_FORBIDDEN, SOUP_STATUS_FORBIDDEN, MESSAGE_FORBIDDEN },
  { HS_DEMO_FAULT_NOT_FOUND, SOUP_STATUS_NOT_FOUND, MESSAGE_NOT_FOUND },
  { HS_DEMO_FAULT_SERVER_ERROR, SOUP_STATUS_INTERNAL_SERVER_ERROR, MESSAGE_SERVER_ERROR },
};

static void
handle_note (Exchange   *ex,
             const char *requested_id)
{
  HsDemoServer *self = ex->self;
  g_autofree char *note_id = NULL;
  JsonObject *note;

  if (!is_note_id (requested_id))
    {
      respond_error (ex, SOUP_STATUS_BAD_REQUEST, MESSAGE_BAD_NOTE_ID);
      return;
    }

  note_id = g_ascii_strdown (requested_id, -1);

  for (guint i = 0; i < G_N_ELEMENTS (status_faults); i++)
    {
      if (strcmp (note_id, status_faults[i].note_id) == 0)
        {
          respond_error (ex, status_faults[i].status, status_faults[i].message);
          return;
        }
    }

  if (strcmp (note_id, HS_DEMO_FAULT_RATE_LIMITED) == 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (ex->msg),
                                    "Retry-After", FAULT_RETRY_AFTER);
      respond_error (ex, STATUS_TOO_MANY_REQUESTS, MESSAGE_RATE_LIMITED);
      return;
    }

  if (strcmp (note_id, HS_DEMO_FAULT_MALFORMED) == 0)
    {
      /* Cut off mid-string, as a proxy that dropped the connection would leave it. */
      respond_json (ex, SOUP_STATUS_OK,
                    "{\"code\":200,\"message\":\"success\",\"data\":{\"note_id\":\""
                    HS_DEMO_FAULT_MALFORMED "\",\"title\":\"被截断的");
      return;
    }

  if (strcmp (note_id, HS_DEMO_FAULT_DEEP_ERROR) == 0)
    {
      g_autofree char *deep = g_malloc (HS_DEMO_DEEP_ERROR_BYTES + 1);

      memset (deep, '[', HS_DEMO_DEEP_ERROR_BYTES);
      deep[HS_DEMO_DEEP_ERROR_BYTES] = '\0';
      respond_json (ex, SOUP_STATUS_BAD_REQUEST, deep);
      return;
    }

  if (strcmp (note_id, HS_DEMO_FAULT_CODE_IN_BODY) == 0)
    {
      respond_json (ex, SOUP_STATUS_OK,
                    "{\"code\":404,\"message\":\"" MESSAGE_NOT_FOUND "\",\"data\":null}");
      return;
    }

  if (strcmp (note_id, HS_DEMO_FAULT_OVERSIZED) == 0)
    {
      serve_oversized (ex);
      return;
    }

  if (strcmp (note_id, HS_DEMO_FAULT_FLAKY) == 0 && self->flaky_failures < FLAKY_FAILURES)
    {
      self->flaky_failures++;
      respond_error (ex, SOUP_STATUS_INTERNAL_SERVER_ERROR, MESSAGE_SERVER_ERROR);
      return;
    }

  /* The wrong-id fault answers with another note, id and all. */
  note = g_hash_table_lookup (self->notes,
                              strcmp (note_id, HS_DEMO_FAULT_WRONG_ID) == 0 ? HS_DEMO_SEED_NOTE_ID
                                                                           : note_id);
  if (note == NULL)
    respond_error (ex, SOUP_STATUS_NOT_FOUND, MESSAGE_NOT_FOUND);
  else if (strcmp (note_id, HS_DEMO_FAULT_SLOW) == 0)
    serve_note_later (ex, note);
  else if (strcmp (note_id, HS_DEMO_FAULT_REDIRECT) == 0)
    serve_redirect_fault (ex, note);
  else
    serve_note (ex, note);
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

static void
handle_search (Exchange *ex)
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
      respond_error (ex, SOUP_STATUS_BAD_REQUEST, "请求参数错误：需要 keyword 或 tag 之一");
      return;
    }

  if ((keyword != NULL ? keyword : tag)[0] == '\0')
    {
      respond_error (ex, SOUP_STATUS_BAD_REQUEST, "请求参数错误：keyword 或 tag 不能为空");
      return;
    }

  if (!parse_bounded (page_text, 1, G_MAXINT32, 1, &page))
    {
      respond_error (ex, SOUP_STATUS_BAD_REQUEST, "请求参数错误：page 必须是从 1 开始的整数");
      return;
    }

  if (!parse_bounded (size_text, 1, SEARCH_MAX_SIZE, SEARCH_DEFAULT_SIZE, &size))
    {
      respond_error (ex, SOUP_STATUS_BAD_REQUEST, "请求参数错误：size 必须在 1 到 50 之间");
      return;
    }

  if (keyword != NULL)
    keyword_folded = g_utf8_casefold (keyword, -1);

  matches = g_ptr_array_new ();
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

      json_array_add_object_element (items, copy_note (sample->object, item_fields));
    }

  data = json_object_new ();
  json_object_set_int_member (data, "page", (gint64) page);
  json_object_set_int_member (data, "size", (gint64) size);
  json_object_set_int_member (data, "total", matches->len);
  json_object_set_boolean_member (data, "has_more", start + size < matches->len);
  json_object_set_array_member (data, "items", items);

  json = success_envelope (self, data);
  respond_json (ex, SOUP_STATUS_OK, json);
}

static void
handle_api (Exchange   *ex,
            const char *note_id)
{
  const char *failure = NULL;
  guint retry_after = 0;

  if (!has_valid_token (ex))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (ex->msg),
                                    "WWW-Authenticate",
                                    "Bearer realm=\"hongshu-demo\", error=\"invalid_token\"");
      respond_error (ex, SOUP_STATUS_UNAUTHORIZED, MESSAGE_UNAUTHORIZED);
      return;
    }

  if (!rate_limit_admit (ex->self, HS_DEMO_ACCESS_TOKEN, &retry_after))
    {
      respond_rate_limited (ex, retry_after);
      return;
    }

  if (!check_signature (ex, &failure))
    {
      respond_error (ex, SOUP_STATUS_UNAUTHORIZED, failure);
      return;
    }

  if (note_id == NULL)
    handle_search (ex);
  else
    handle_note (ex, note_id);
}

/* CDN */

static GBytes *
lookup_media (const char  *rest,
              char       **out_resource_path)
{
  static const char * const folders[] = { "img/", "avatar/", "video/" };
  static const char * const extensions[] = { ".jpg", ".png", ".webp", ".webm" };
  const char *name = NULL;
  g_autofree char *path = NULL;
  GBytes *bytes;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      if (g_str_has_prefix (rest, folders[i]))
        name = rest + strlen (folders[i]);
    }

  if (name == NULL || name[0] == '\0' || name[0] == '.' || strchr (name, '/') != NULL)
    return NULL;

  path = g_strconcat (RESOURCE_PREFIX "/media/", rest, NULL);
  bytes = g_resource_lookup_data (hs_demo_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  /* Real CDN URLs often carry no extension; the type comes from the bytes anyway. */
  for (guint i = 0; bytes == NULL && strchr (name, '.') == NULL && i < G_N_ELEMENTS (extensions); i++)
    {
      g_free (path);
      path = g_strconcat (RESOURCE_PREFIX "/media/", rest, extensions[i], NULL);
      bytes = g_resource_lookup_data (hs_demo_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    }

  if (bytes != NULL)
    *out_resource_path = g_steal_pointer (&path);

  return bytes;
}

static void
handle_cdn (Exchange   *ex,
            const char *rest)
{
  HsDemoServer *self = ex->self;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (ex->msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (ex->msg);
  const char *referer = soup_message_headers_get_one (request_headers, "Referer");
  const char *if_none_match;
  g_autofree char *resource_path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *etag;

  if (referer == NULL || !g_str_has_prefix (referer, HS_DEMO_MEDIA_REFERER))
    {
      respond (ex, SOUP_STATUS_FORBIDDEN, TEXT_CONTENT_TYPE,
               "403 Forbidden: hotlinking is not allowed\n");
      return;
    }

  if (g_str_has_prefix (rest, HS_DEMO_CDN_FORBIDDEN))
    {
      respond (ex, SOUP_STATUS_FORBIDDEN, TEXT_CONTENT_TYPE, "403 Forbidden\n");
      return;
    }

  if (g_str_has_prefix (rest, HS_DEMO_CDN_REDIRECT_OUT) || g_str_has_prefix (rest, HS_DEMO_CDN_REDIRECT_IN))
    {
      gboolean out = g_str_has_prefix (rest, HS_DEMO_CDN_REDIRECT_OUT);
      g_autofree char *location = NULL;

      if (out)
        location = g_strdup_printf ("http://localhost:%u/cdn/%s", self->port,
                                    rest + strlen (HS_DEMO_CDN_REDIRECT_OUT));
      else
        location = g_strdup_printf ("%s/cdn/%s", self->base_url, rest + strlen (HS_DEMO_CDN_REDIRECT_IN));
      respond_redirect (ex, location);
      return;
    }

  bytes = lookup_media (rest, &resource_path);
  if (bytes == NULL)
    {
      respond (ex, SOUP_STATUS_NOT_FOUND, TEXT_CONTENT_TYPE, "404 Not Found\n");
      return;
    }

  etag = g_hash_table_lookup (self->media_etags, resource_path);
  if (etag == NULL)
    {
      g_autofree char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, bytes);
      char *value = g_strdup_printf ("\"%.16s\"", digest);

      g_hash_table_insert (self->media_etags, g_strdup (resource_path), value);
      etag = value;
    }

  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Cache-Control", MEDIA_MAX_AGE);
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");

  if_none_match = soup_message_headers_get_list (request_headers, "If-None-Match");
  if (if_none_match != NULL &&
      (strcmp (if_none_match, "*") == 0 || strstr (if_none_match, etag) != NULL))
    {
      set_status (ex, SOUP_STATUS_NOT_MODIFIED);
      return;
    }

  if (hs_demo_media_respond (ex->msg, ex->entry, bytes, sniff_content_type (bytes),
                             self->media_bytes_per_second, self->media_ranges))
    return;

  /* A complete body with status 200 lets SoupServer answer Range requests with 206. */
  set_status (ex, SOUP_STATUS_OK);
  soup_message_headers_set_content_type (headers, sniff_content_type (bytes), NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (ex->msg), bytes);
}

/* Short links and web pages */

static void
handle_short_link (Exchange   *ex,
                   const char *code)
{
  HsDemoServer *self = ex->self;
  g_autofree char *location = NULL;

  if (strcmp (code, HS_DEMO_SHORT_LINK_CODE) == 0)
    location = g_strdup_printf ("%s/explore/%s?xsec_token=demo", self->base_url, HS_DEMO_SEED_NOTE_ID);
  else if (strcmp (code, HS_DEMO_SHORT_LINK_CODE_CHAIN) == 0)
    location = g_strdup_printf ("%s/xhslink/a/%s", self->base_url, HS_DEMO_SHORT_LINK_CODE);
  else if (strcmp (code, HS_DEMO_SHORT_LINK_CODE_NO_NOTE) == 0)
    location = g_strdup_printf ("%s/user/profile/987654321?xsec_token=demo", self->base_url);

  if (location == NULL)
    respond (ex, SOUP_STATUS_NOT_FOUND, HTML_CONTENT_TYPE,
             "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404</title></head>"
             "<body><p>链接已失效</p></body></html>\n");
  else
    respond_redirect (ex, location);
}

static void
handle_web_page (Exchange   *ex,
                 const char *note_id)
{
  JsonObject *note = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *html = NULL;
  const char *title = "小红书 - 你的生活指南";

  if (note_id != NULL && is_note_id (note_id))
    {
      lower = g_ascii_strdown (note_id, -1);
      note = g_hash_table_lookup (ex->self->notes, lower);
    }
  if (note != NULL)
    title = json_object_get_string_member_with_default (note, "title", title);

  html = g_markup_printf_escaped ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                  "<title>%s</title></head><body><h1>%s</h1></body></html>\n",
                                  title, title);
  respond (ex, SOUP_STATUS_OK, HTML_CONTENT_TYPE, html);
}

static HsDemoRequest *
log_request (HsDemoServer      *self,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GDateTime) time = date_time_new_from_usec (now_usec (self));
  HsDemoRequest *entry;

  entry = hs_demo_request_new (soup_server_message_get_method (msg),
                               path,
                               g_uri_get_query (soup_server_message_get_uri (msg)),
                               query,
                               soup_message_headers_get_one (headers, "Host"),
                               soup_message_headers_get_one (headers, "Referer"),
                               soup_message_headers_get_one (headers, "Authorization") != NULL,
                               soup_message_headers_get_one (headers, "User-Agent"),
                               time);

  if (self->request_log->len >= REQUEST_LOG_MAX)
    g_ptr_array_remove_index (self->request_log, 0);
  g_ptr_array_add (self->request_log, hs_demo_request_ref (entry));

  return entry;
}

static void
server_handler_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  HsDemoServer *self = HS_DEMO_SERVER (user_data);
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(HsDemoRequest) entry = log_request (self, msg, path, query);
  Exchange ex = { self, msg, entry, path, query };

  if (strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "GET, HEAD");
      respond (&ex, SOUP_STATUS_METHOD_NOT_ALLOWED, TEXT_CONTENT_TYPE, "405 Method Not Allowed\n");
    }
  else if (strcmp (path, "/v1/notes/search") == 0)
    handle_api (&ex, NULL);
  else if (g_str_has_prefix (path, "/v1/notes/"))
    handle_api (&ex, path + strlen ("/v1/notes/"));
  else if (g_str_has_prefix (path, "/v1/"))
    respond_error (&ex, SOUP_STATUS_NOT_FOUND, MESSAGE_NO_SUCH_API);
  else if (g_str_has_prefix (path, "/cdn/"))
    handle_cdn (&ex, path + strlen ("/cdn/"));
  else if (g_str_has_prefix (path, "/xhslink/a/"))
    handle_short_link (&ex, path + strlen ("/xhslink/a/"));
  else if (g_str_has_prefix (path, "/explore/"))
    handle_web_page (&ex, path + strlen ("/explore/"));
  else if (g_str_has_prefix (path, "/user/profile/"))
    handle_web_page (&ex, NULL);
  else if (strcmp (path, "/") == 0)
    respond (&ex, SOUP_STATUS_OK, TEXT_CONTENT_TYPE,
             "Hongshu demo API server\n"
             "GET /v1/notes/{note_id}  GET /v1/notes/search?keyword=…|tag=…\n"
             "Authorization: Bearer " HS_DEMO_ACCESS_TOKEN "\n");
  else
    /* Includes /remote-probe/: only the log matters there. */
    respond (&ex, SOUP_STATUS_NOT_FOUND, TEXT_CONTENT_TYPE, "404 Not Found\n");

  g_signal_emit (self, signals[REQUEST_LOGGED], 0, entry);
}

/* GObject */

static void
hs_demo_server_dispose (GObject *object)
{
  HsDemoServer *self = HS_DEMO_SERVER (object);

  if (self->soup_server != NULL)
    soup_server_disconnect (self->soup_server);
  g_clear_object (&self->soup_server);

  /* After the disconnect: closing the connections may finish held-back messages. */
  if (self->pending != NULL)
    g_ptr_array_set_size (self->pending, 0);

  G_OBJECT_CLASS (hs_demo_server_parent_class)->dispose (object);
}

static void
hs_demo_server_finalize (GObject *object)
{
  HsDemoServer *self = HS_DEMO_SERVER (object);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->request_log, g_ptr_array_unref);
  g_clear_pointer (&self->media_etags, g_hash_table_unref);
  g_clear_pointer (&self->image_names, g_strfreev);
  g_clear_pointer (&self->notes, g_hash_table_unref);
  g_clear_pointer (&self->samples, g_ptr_array_unref);
  g_clear_pointer (&self->overfull_note, json_object_unref);
  g_clear_pointer (&self->forbidden_picture_note, json_object_unref);
  g_clear_pointer (&self->faults_root, json_node_unref);
  g_clear_pointer (&self->samples_root, json_node_unref);
  g_clear_pointer (&self->rate_windows, g_hash_table_unref);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (hs_demo_server_parent_class)->finalize (object);
}

static void
hs_demo_server_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsDemoServer *self = HS_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;

    case PROP_REQUESTS_PER_MINUTE:
      g_value_set_uint (value, self->requests_per_minute);
      break;

    case PROP_SLOW_DELAY_MS:
      g_value_set_uint (value, self->slow_delay_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_demo_server_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HsDemoServer *self = HS_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_REQUESTS_PER_MINUTE:
      hs_demo_server_set_requests_per_minute (self, g_value_get_uint (value));
      break;

    case PROP_SLOW_DELAY_MS:
      hs_demo_server_set_slow_delay_ms (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_demo_server_class_init (HsDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_demo_server_dispose;
  object_class->finalize = hs_demo_server_finalize;
  object_class->get_property = hs_demo_server_get_property;
  object_class->set_property = hs_demo_server_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_REQUESTS_PER_MINUTE] =
    g_param_spec_uint ("requests-per-minute", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_REQUESTS_PER_MINUTE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SLOW_DELAY_MS] =
    g_param_spec_uint ("slow-delay-ms", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_SLOW_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REQUEST_LOGGED] =
    g_signal_new ("request-logged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, HS_TYPE_DEMO_REQUEST);
}

static void
hs_demo_server_init (HsDemoServer *self)
{
  self->requests_per_minute = DEFAULT_REQUESTS_PER_MINUTE;
  self->slow_delay_ms = DEFAULT_SLOW_DELAY_MS;
  self->media_ranges = TRUE;
  self->rate_windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_array_unref);
  self->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) sample_free);
  self->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->media_etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->request_log = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_demo_request_unref);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_reply_free);

  load_samples (self);
  load_faults (self);

  self->soup_server = soup_server_new ("server-header", "HongshuDemo/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->soup_server, NULL, server_handler_cb, self, NULL);
}

HsDemoServer *
hs_demo_server_new (void)
{
  return g_object_new (HS_TYPE_DEMO_SERVER, NULL);
}

gboolean
hs_demo_server_start (HsDemoServer  *self,
                      guint16        port,
                      GError       **error)
{
  g_autoslist(GUri) uris = NULL;

  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (self->base_url == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!soup_server_listen_local (self->soup_server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_prefix_error (error, _("Could not start the demo server on port %u: "), port);
      return FALSE;
    }

  uris = soup_server_get_uris (self->soup_server);
  g_return_val_if_fail (uris != NULL, FALSE);

  self->port = (guint16) g_uri_get_port (uris->data);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);

  return TRUE;
}

void
hs_demo_server_stop (HsDemoServer *self)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  if (self->base_url == NULL)
    return;

  soup_server_disconnect (self->soup_server);
  g_ptr_array_set_size (self->pending, 0);
  g_clear_pointer (&self->base_url, g_free);
  self->port = 0;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);
}

const char *
hs_demo_server_get_base_url (HsDemoServer *self)
{
  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), NULL);

  return self->base_url;
}

guint16
hs_demo_server_get_port (HsDemoServer *self)
{
  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), 0);

  return self->port;
}

char *
hs_demo_server_get_cdn_base_url (HsDemoServer *self)
{
  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), NULL);
  g_return_val_if_fail (self->base_url != NULL, NULL);

  return g_strconcat (self->base_url, "/cdn", NULL);
}

char *
hs_demo_server_get_short_link_base (HsDemoServer *self)
{
  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), NULL);
  g_return_val_if_fail (self->base_url != NULL, NULL);

  return g_strconcat (self->base_url, "/xhslink", NULL);
}

void
hs_demo_server_set_requests_per_minute (HsDemoServer *self,
                                        guint         n)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  if (self->requests_per_minute == n)
    return;

  self->requests_per_minute = n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUESTS_PER_MINUTE]);
}

guint
hs_demo_server_get_requests_per_minute (HsDemoServer *self)
{
  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), 0);

  return self->requests_per_minute;
}

void
hs_demo_server_set_slow_delay_ms (HsDemoServer *self,
                                  guint         delay_ms)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  if (self->slow_delay_ms == delay_ms)
    return;

  self->slow_delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SLOW_DELAY_MS]);
}

guint
hs_demo_server_get_slow_delay_ms (HsDemoServer *self)
{
  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), 0);

  return self->slow_delay_ms;
}

void
hs_demo_server_set_clock (HsDemoServer    *self,
                          HsDemoClockFunc  clock_func,
                          gpointer         user_data)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  self->clock_func = clock_func;
  self->clock_data = user_data;
}

void
hs_demo_server_reset_faults (HsDemoServer *self)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  self->flaky_failures = 0;
  g_hash_table_remove_all (self->rate_windows);
}

GPtrArray *
hs_demo_server_get_request_log (HsDemoServer *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (HS_IS_DEMO_SERVER (self), NULL);

  copy = g_ptr_array_new_full (self->request_log->len, (GDestroyNotify) hs_demo_request_unref);
  for (guint i = 0; i < self->request_log->len; i++)
    g_ptr_array_add (copy, hs_demo_request_ref (g_ptr_array_index (self->request_log, i)));

  return copy;
}

void
hs_demo_server_clear_request_log (HsDemoServer *self)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));

  g_ptr_array_set_size (self->request_log, 0);
}

void
hs_demo_server_set_media_rate (HsDemoServer *self,
                               guint         bytes_per_second)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));
  self->media_bytes_per_second = bytes_per_second;
}

void
hs_demo_server_set_media_ranges (HsDemoServer *self,
                                 gboolean      ranges)
{
  g_return_if_fail (HS_IS_DEMO_SERVER (self));
  self->media_ranges = ranges;
}
