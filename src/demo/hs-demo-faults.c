#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hs-sign.h"
#include "hs-urls.h"

#include "hs-demo-resources.h"
#include "hs-demo-server-private.h"

/* Serving notes, and the faults a test asks for by note id (HS_DEMO_FAULT_*). */

/* An answer held back by the slow fault. */
struct _PendingReply
{
  HsDemoServer *self;
  SoupServerMessage *msg;
  HsDemoRequest *entry;
  char *body;
  guint source_id;
  gulong finished_id;
};

/* The oversized fault's body, produced one chunk at a time as the socket drains, so
 * that a client that stops reading at its limit costs the server nothing. */
typedef struct
{
  GBytes *padding;
  gsize remaining;
  char *tail;
} OversizedStream;
void
hs_demo_pending_reply_free (PendingReply *reply)
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

/* Notes */

JsonObject *
hs_demo_copy_note (JsonObject         *note,
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
  g_autoptr(JsonObject) data = hs_demo_copy_note (note, (const char * const *) fields);

  return hs_demo_success_envelope (ex->self, data);
}

static void
serve_note (Exchange   *ex,
            JsonObject *note)
{
  g_autofree char *json = note_envelope (ex, note);

  hs_demo_respond_json (ex, SOUP_STATUS_OK, json);
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

  hs_demo_set_status (ex, SOUP_STATUS_OK);
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
  hs_demo_respond_redirect (ex, SOUP_STATUS_FOUND, location);
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

void
hs_demo_handle_note (Exchange   *ex,
                     const char *requested_id)
{
  HsDemoServer *self = ex->self;
  g_autofree char *note_id = NULL;
  JsonObject *note;

  if (!hs_note_id_is_valid (requested_id))
    {
      hs_demo_respond_error (ex, SOUP_STATUS_BAD_REQUEST, MESSAGE_BAD_NOTE_ID);
      return;
    }

  note_id = g_ascii_strdown (requested_id, -1);

  for (guint i = 0; i < G_N_ELEMENTS (status_faults); i++)
    {
      if (strcmp (note_id, status_faults[i].note_id) == 0)
        {
          hs_demo_respond_error (ex, status_faults[i].status, status_faults[i].message);
          return;
        }
    }

  if (strcmp (note_id, HS_DEMO_FAULT_RATE_LIMITED) == 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (ex->msg),
                                    "Retry-After", FAULT_RETRY_AFTER);
      hs_demo_respond_error (ex, STATUS_TOO_MANY_REQUESTS, MESSAGE_RATE_LIMITED);
      return;
    }

  if (strcmp (note_id, HS_DEMO_FAULT_MALFORMED) == 0)
    {
      /* Cut off mid-string, as a proxy that dropped the connection would leave it. */
      hs_demo_respond_json (ex, SOUP_STATUS_OK,
                            "{\"code\":200,\"message\":\"success\",\"data\":{\"note_id\":\""
                            HS_DEMO_FAULT_MALFORMED "\",\"title\":\"被截断的");
      return;
    }

  if (strcmp (note_id, HS_DEMO_FAULT_DEEP_ERROR) == 0)
    {
      g_autofree char *deep = g_malloc (HS_DEMO_DEEP_ERROR_BYTES + 1);

      memset (deep, '[', HS_DEMO_DEEP_ERROR_BYTES);
      deep[HS_DEMO_DEEP_ERROR_BYTES] = '\0';
      hs_demo_respond_json (ex, SOUP_STATUS_BAD_REQUEST, deep);
      return;
    }

  if (strcmp (note_id, HS_DEMO_FAULT_CODE_IN_BODY) == 0)
    {
      hs_demo_respond_json (ex, SOUP_STATUS_OK,
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
      hs_demo_respond_error (ex, SOUP_STATUS_INTERNAL_SERVER_ERROR, MESSAGE_SERVER_ERROR);
      return;
    }

  /* The wrong-id fault answers with another note, id and all. */
  note = g_hash_table_lookup (self->notes,
                              strcmp (note_id, HS_DEMO_FAULT_WRONG_ID) == 0 ? HS_DEMO_SEED_NOTE_ID
                                                                           : note_id);
  if (note == NULL)
    hs_demo_respond_error (ex, SOUP_STATUS_NOT_FOUND, MESSAGE_NOT_FOUND);
  else if (strcmp (note_id, HS_DEMO_FAULT_SLOW) == 0)
    serve_note_later (ex, note);
  else if (strcmp (note_id, HS_DEMO_FAULT_REDIRECT) == 0)
    serve_redirect_fault (ex, note);
  else
    serve_note (ex, note);
}
