#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hs-demo-media.h"
#include "hs-demo-request-private.h"
#include "hs-demo-server.h"

/* Ten sends a second. */
#define TICK_MS 100

typedef struct
{
  SoupServerMessage *msg;
  GBytes            *bytes;
  gsize              offset;
  gsize              chunk;
  guint              timeout_id;
  gulong             finished_id;
  gulong             disconnected_id;
} Trickle;

static void
trickle_free (Trickle *trickle)
{
  g_clear_handle_id (&trickle->timeout_id, g_source_remove);
  g_clear_signal_handler (&trickle->finished_id, trickle->msg);
  g_clear_signal_handler (&trickle->disconnected_id, trickle->msg);
  g_clear_object (&trickle->msg);
  g_bytes_unref (trickle->bytes);
  g_free (trickle);
}

static gboolean
trickle_cb (gpointer user_data)
{
  Trickle *trickle = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (trickle->msg);
  gsize size = g_bytes_get_size (trickle->bytes);
  gsize n = MIN (trickle->chunk, size - trickle->offset);
  g_autoptr(GBytes) chunk = g_bytes_new_from_bytes (trickle->bytes, trickle->offset, n);

  soup_message_body_append_bytes (body, chunk);
  trickle->offset += n;
  if (trickle->offset >= size)
    {
      trickle->timeout_id = 0;
      soup_message_body_complete (body);
      soup_server_message_unpause (trickle->msg);
      /* "finished" frees it. */
      return G_SOURCE_REMOVE;
    }
  soup_server_message_unpause (trickle->msg);
  return G_SOURCE_CONTINUE;
}

static void
trickle_finished_cb (SoupServerMessage *msg,
                     gpointer           user_data)
{
  trickle_free (user_data);
}

/* The N of "bytes=N-", else -1. */
static gint64
range_start (const char *range,
             gsize       size)
{
  const char *p;
  char *end = NULL;
  guint64 start;

  if (range == NULL || !g_str_has_prefix (range, "bytes="))
    return -1;
  p = range + strlen ("bytes=");
  start = g_ascii_strtoull (p, &end, 10);
  if (end == p || strcmp (end, "-") != 0 || start >= size)
    return -1;
  return (gint64) start;
}

gboolean
hs_demo_media_respond (SoupServerMessage *msg,
                       HsDemoRequest     *entry,
                       GBytes            *bytes,
                       const char        *content_type,
                       guint              bytes_per_second,
                       gboolean           ranges)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize size = g_bytes_get_size (bytes);
  gint64 start = -1;
  guint status = SOUP_STATUS_OK;
  Trickle *trickle;

  if (!ranges)
    {
      soup_message_headers_remove (request_headers, "Range");
      soup_message_headers_remove (headers, "Accept-Ranges");
    }
  if (ranges)
    start = range_start (soup_message_headers_get_one (request_headers, "Range"), size);

  if (bytes_per_second == 0 && start > 0)
    {
      /* SoupServer would answer the Range too, but the log would say 200. */
      g_autoptr(GBytes) rest = g_bytes_new_from_bytes (bytes, (gsize) start, size - (gsize) start);

      soup_server_message_set_status (msg, SOUP_STATUS_PARTIAL_CONTENT, NULL);
      hs_demo_request_set_status (entry, SOUP_STATUS_PARTIAL_CONTENT);
      soup_message_headers_set_content_range (headers, start, (goffset) size - 1, (goffset) size);
      soup_message_headers_set_content_type (headers, content_type, NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), rest);
      return TRUE;
    }
  if (bytes_per_second == 0)
    return FALSE;

  trickle = g_new0 (Trickle, 1);
  trickle->msg = g_object_ref (msg);
  if (start > 0)
    {
      status = SOUP_STATUS_PARTIAL_CONTENT;
      soup_message_headers_set_content_range (headers, start, (goffset) size - 1, (goffset) size);
      trickle->bytes = g_bytes_new_from_bytes (bytes, (gsize) start, size - (gsize) start);
    }
  else
    trickle->bytes = g_bytes_ref (bytes);
  trickle->chunk = MAX (bytes_per_second / (1000 / TICK_MS), 1);

  soup_server_message_set_status (msg, status, NULL);
  hs_demo_request_set_status (entry, status);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  soup_message_headers_set_content_length (headers, (goffset) g_bytes_get_size (trickle->bytes));
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);

  soup_server_message_pause (msg);
  /* Whichever comes first: a client that goes away mid-file (killed)
   * disconnects it without finishing it. */
  trickle->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (trickle_finished_cb), trickle);
  trickle->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (trickle_finished_cb), trickle);
  trickle->timeout_id = g_timeout_add (TICK_MS, trickle_cb, trickle);
  return TRUE;
}

JsonObject *
hs_demo_media_build_forbidden_note (void)
{
  JsonObject *note = json_object_new ();
  JsonArray *images = json_array_new ();
  JsonObject *author = json_object_new ();

  json_array_add_string_element (images, "{cdn}/img/kitty.png");
  json_array_add_string_element (images, "{cdn}/" HS_DEMO_CDN_FORBIDDEN "hotpot.jpg");
  json_array_add_string_element (images, "{cdn}/img/west-lake.webp");

  json_object_set_string_member (author, "user_id", "5512837406");
  json_object_set_string_member (author, "nickname", "防盗链测试");

  json_object_set_string_member (note, "note_id", HS_DEMO_FAULT_FORBIDDEN_PICTURE);
  json_object_set_string_member (note, "title", "第二张图片被拒绝");
  json_object_set_string_member (note, "content", "<p>三张图片，第二张 CDN 总是返回 403。</p>");
  json_object_set_array_member (note, "images", images);
  json_object_set_object_member (note, "author", author);
  json_object_set_int_member (note, "like_count", 3);
  json_object_set_string_member (note, "publish_time", "2025-07-01T12:00:00+08:00");

  return note;
}
