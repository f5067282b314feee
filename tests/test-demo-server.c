#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hs-sign.h"
#include "hs-demo-server.h"
#include "hs-demo-web.h"

/* Raw libsoup requests against the demo server on 127.0.0.1, port 0. */

#define REFERER "https://www.xiaohongshu.com/"
#define USER_AGENT "hongshu-test/1.0"
#define SEED HS_DEMO_SEED_NOTE_ID
/* 2025-04-25T14:30:00Z, the timestamp of doc/api-protocol.md's signing vectors */
#define VECTOR_TIME ((gint64) 1745591400)
#define RESOURCE_PREFIX "/io/github/hongshu/Hongshu/demo"

typedef struct
{
  HsDemoServer *server;
  SoupSession *session;
  const char *base;
  gint64 now_usec;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return f->now_usec;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = hs_demo_server_new ();
  g_assert_true (hs_demo_server_start (f->server, 0, &error));
  g_assert_no_error (error);
  f->base = hs_demo_server_get_base_url (f->server);
  f->session = soup_session_new_with_options ("user-agent", USER_AGENT, NULL);
  f->now_usec = VECTOR_TIME * G_USEC_PER_SEC;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_assert_finalize_object (f->server);
  /* Let both ends close what they still hold. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
use_fake_clock (Fixture *f)
{
  hs_demo_server_set_clock (f->server, fake_clock, f);
}

/* HTTP helpers */

typedef struct
{
  GMainLoop *loop;
  GBytes *body;
  GError *error;
  gboolean done;
} Sent;

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Sent *sent = user_data;

  sent->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &sent->error);
  sent->done = TRUE;
  if (sent->loop != NULL)
    g_main_loop_quit (sent->loop);
}

static void
wait_for (Sent *sent)
{
  if (!sent->done)
    {
      sent->loop = g_main_loop_new (NULL, FALSE);
      g_main_loop_run (sent->loop);
      g_clear_pointer (&sent->loop, g_main_loop_unref);
    }
}

static GBytes *
send_message (SoupSession *session,
              SoupMessage *msg)
{
  Sent sent = { 0 };

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &sent);
  wait_for (&sent);
  g_assert_no_error (sent.error);

  return sent.body;
}

static SoupMessage *
new_message (Fixture    *f,
             const char *path,
             const char *token,
             const char *referer)
{
  g_autofree char *url = g_str_has_prefix (path, "http") ? g_strdup (path)
                                                         : g_strconcat (f->base, path, NULL);
  SoupMessage *msg = soup_message_new ("GET", url);
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (referer != NULL)
    soup_message_headers_replace (headers, "Referer", referer);

  return msg;
}

/* GET @path with the demo token; returns the status, fills @body. */
static guint
api_get (Fixture     *f,
         const char  *path,
         GBytes     **body)
{
  g_autoptr(SoupMessage) msg = new_message (f, path, HS_DEMO_ACCESS_TOKEN, NULL);
  g_autoptr(GBytes) bytes = send_message (f->session, msg);

  if (body != NULL)
    *body = g_steal_pointer (&bytes);

  return soup_message_get_status (msg);
}

static JsonObject *
parse_object (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  json_parser_load_from_data (parser, data, size, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Asserts the error envelope of doc/api-protocol.md §3 and its HTTP status. */
static void
assert_error (Fixture    *f,
              const char *path,
              guint       status,
              const char *message)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) envelope = NULL;

  g_assert_cmpuint (api_get (f, path, &body), ==, status);
  envelope = parse_object (body);
  g_assert_cmpint (json_object_get_int_member (envelope, "code"), ==, status);
  if (message != NULL)
    g_assert_cmpstr (json_object_get_string_member (envelope, "message"), ==, message);
  else
    g_assert_cmpstr (json_object_get_string_member (envelope, "message"), !=, "");
  g_assert_false (json_object_has_member (envelope, "data"));
}

static JsonObject *
get_data (Fixture    *f,
          const char *path)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) envelope = NULL;

  g_assert_cmpuint (api_get (f, path, &body), ==, SOUP_STATUS_OK);
  envelope = parse_object (body);
  g_assert_cmpint (json_object_get_int_member (envelope, "code"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (envelope, "message"), ==, "success");

  return json_object_ref (json_object_get_object_member (envelope, "data"));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The member names of @object, sorted and joined with commas. */
static char *
member_names (JsonObject *object)
{
  g_autoptr(GList) names = json_object_get_members (object);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (GList *l = names; l != NULL; l = l->next)
    g_ptr_array_add (sorted, l->data);
  g_ptr_array_sort (sorted, compare_names);
  g_ptr_array_add (sorted, NULL);

  return g_strjoinv (",", (char **) sorted->pdata);
}

static guint
log_length (Fixture *f)
{
  g_autoptr(GPtrArray) log = hs_demo_server_get_request_log (f->server);

  return log->len;
}

static HsDemoRequest *
last_request (Fixture *f)
{
  g_autoptr(GPtrArray) log = hs_demo_server_get_request_log (f->server);

  g_assert_cmpuint (log->len, >, 0);
  return hs_demo_request_ref (g_ptr_array_index (log, log->len - 1));
}

/* Tests */

static void
test_base_url (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *expected = g_strdup_printf ("http://127.0.0.1:%u", hs_demo_server_get_port (f->server));
  g_autofree char *expected_cdn = g_strconcat (expected, "/cdn", NULL);
  g_autofree char *expected_short_links = g_strconcat (expected, "/xhslink", NULL);
  g_autofree char *cdn = hs_demo_server_get_cdn_base_url (f->server);
  g_autofree char *short_links = hs_demo_server_get_short_link_base (f->server);

  g_assert_cmpuint (hs_demo_server_get_port (f->server), >, 0);
  g_assert_cmpstr (f->base, ==, expected);
  g_assert_cmpstr (cdn, ==, expected_cdn);
  g_assert_cmpstr (short_links, ==, expected_short_links);
  g_assert_cmpuint (hs_demo_server_get_requests_per_minute (f->server), ==, 100);
  g_assert_cmpuint (hs_demo_server_get_slow_delay_ms (f->server), ==, 5000);
}

static void
test_token (Fixture       *f,
            gconstpointer  data)
{
  const char *tokens[] = { NULL, "wrong-token", "demo-token-x", "" };
  g_autoptr(SoupMessage) raw = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) envelope = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(SoupMessage) msg = new_message (f, "/v1/notes/" SEED, tokens[i], NULL);
      g_autoptr(GBytes) reply = send_message (f->session, msg);
      g_autoptr(JsonObject) error_envelope = parse_object (reply);

      g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
      g_assert_cmpint (json_object_get_int_member (error_envelope, "code"), ==, 401);
      g_assert_cmpstr (json_object_get_string_member (error_envelope, "message"), ==, "无效的access_token");
      g_assert_nonnull (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                      "WWW-Authenticate"));
    }

  /* The scheme is case-insensitive, the token is not. */
  raw = new_message (f, "/v1/notes/" SEED, NULL, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (raw), "Authorization", "bearer demo-token");
  body = send_message (f->session, raw);
  g_assert_cmpuint (soup_message_get_status (raw), ==, 200);
  envelope = parse_object (body);
  g_assert_cmpint (json_object_get_int_member (envelope, "code"), ==, 200);

  /* Search needs the token too. */
  {
    g_autoptr(SoupMessage) msg = new_message (f, "/v1/notes/search?keyword=a", NULL, NULL);
    g_autoptr(GBytes) reply = send_message (f->session, msg);

    g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  }
}

static void
test_seed_note (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) note = get_data (f, "/v1/notes/" SEED);
  g_autofree char *cdn = hs_demo_server_get_cdn_base_url (f->server);
  JsonArray *images = json_object_get_array_member (note, "images");
  JsonArray *videos = json_object_get_array_member (note, "videos");
  JsonArray *tags = json_object_get_array_member (note, "tags");
  JsonObject *video = json_array_get_object_element (videos, 0);
  JsonObject *author = json_object_get_object_member (note, "author");
  JsonObject *location = json_object_get_object_member (note, "location");
  const char *content = json_object_get_string_member (note, "content");

  g_assert_cmpstr (json_object_get_string_member (note, "note_id"), ==, SEED);
  g_assert_cmpstr (json_object_get_string_member (note, "title"), ==, "春季美妆新品推荐");
  g_assert_true (g_str_has_prefix (content, "<p>今天分享几款超火的美妆新品...</p>"));
  g_assert_null (strstr (content, "{cdn}"));
  g_assert_nonnull (strstr (content, cdn));

  g_assert_cmpuint (json_array_get_length (images), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_true (g_str_has_prefix (json_array_get_string_element (images, i), cdn));
  g_assert_cmpuint (json_array_get_length (videos), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (video, "type"), ==, "video");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (video, "url"), cdn));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (video, "cover"), cdn));

  g_assert_cmpuint (json_array_get_length (tags), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (tags, 0), ==, "美妆");
  g_assert_cmpstr (json_array_get_string_element (tags, 1), ==, "新品");
  g_assert_cmpint (json_object_get_int_member (note, "like_count"), ==, 1024);
  g_assert_cmpint (json_object_get_int_member (note, "comment_count"), ==, 256);
  g_assert_cmpint (json_object_get_int_member (note, "favorite_count"), ==, 512);
  g_assert_cmpint (json_object_get_int_member (note, "share_count"), ==, 128);
  g_assert_cmpstr (json_object_get_string_member (author, "user_id"), ==, "987654321");
  g_assert_cmpstr (json_object_get_string_member (author, "nickname"), ==, "美妆达人");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (author, "avatar"), cdn));
  g_assert_cmpint (json_object_get_int_member (author, "follower_count"), ==, 100000);
  g_assert_cmpstr (json_object_get_string_member (note, "publish_time"), ==, "2025-04-25T14:30:00Z");
  g_assert_cmpstr (json_object_get_string_member (location, "name"), ==, "上海");
  g_assert_cmpfloat (json_object_get_double_member (location, "latitude"), ==, 31.2304);
  g_assert_cmpfloat (json_object_get_double_member (location, "longitude"), ==, 121.4737);

  /* Ids match whatever their case; the answer carries the canonical form. */
  {
    g_autoptr(JsonObject) upper = get_data (f, "/v1/notes/649C46AB000000002702AD36?fields=title");

    g_assert_cmpstr (json_object_get_string_member (upper, "note_id"), ==, SEED);
  }
}

static void
test_fields (Fixture       *f,
             gconstpointer  data)
{
  struct { const char *query; const char *members; } cases[] = {
    { "?fields=title,content", "content,note_id,title" },
    { "?fields=title,%20images%20,nonsense", "images,note_id,title" },
    { "?fields=note_id", "note_id" },
    { "?fields=", "note_id" },
    { "?fields=author,location,publish_time", "author,location,note_id,publish_time" },
    { "", "author,comment_count,content,favorite_count,images,like_count,location,note_id,"
          "publish_time,share_count,tags,title,videos" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/v1/notes/" SEED, cases[i].query, NULL);
      g_autoptr(JsonObject) note = get_data (f, path);
      g_autofree char *members = member_names (note);

      g_assert_cmpstr (members, ==, cases[i].members);
      g_assert_cmpstr (json_object_get_string_member (note, "note_id"), ==, SEED);
    }
}

static void
test_note_ids (Fixture       *f,
               gconstpointer  data)
{
  const char *malformed[] = {
    "/v1/notes/xyz",
    "/v1/notes/649c46ab000000002702ad3",      /* 23 */
    "/v1/notes/649c46ab000000002702ad366",    /* 25 */
    "/v1/notes/649c46ab000000002702ad3g",     /* not hex */
    "/v1/notes/649c46ab000000002702ad36/x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    assert_error (f, malformed[i], 400, "请求参数错误：note_id 必须是 24 位十六进制字符");

  assert_error (f, "/v1/notes/000000000000000000000000", 404, "笔记不存在或已删除");
  assert_error (f, "/v1/notes/fa17ffffffffffffffffffff", 404, "笔记不存在或已删除");
  assert_error (f, "/v1/other", 404, "接口不存在");
}

static void
test_status_faults (Fixture       *f,
                    gconstpointer  data)
{
  struct { const char *id; guint status; const char *message; } cases[] = {
    { HS_DEMO_FAULT_BAD_REQUEST, 400, "请求参数错误" },
    { HS_DEMO_FAULT_UNAUTHORIZED, 401, "无效的access_token" },
    { HS_DEMO_FAULT_FORBIDDEN, 403, "无权限访问：作者已将笔记设为私密" },
    { HS_DEMO_FAULT_NOT_FOUND, 404, "笔记不存在或已删除" },
    { HS_DEMO_FAULT_RATE_LIMITED, 429, "调用频率超限" },
    { HS_DEMO_FAULT_SERVER_ERROR, 500, "服务器内部错误" },
  };

  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autofree char *path = g_strconcat ("/v1/notes/", cases[i].id, NULL);
          g_autoptr(SoupMessage) msg = new_message (f, path, HS_DEMO_ACCESS_TOKEN, NULL);
          g_autoptr(GBytes) body = send_message (f->session, msg);
          g_autoptr(JsonObject) envelope = parse_object (body);
          const char *retry_after = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                  "Retry-After");

          g_assert_cmpuint (soup_message_get_status (msg), ==, cases[i].status);
          g_assert_cmpint (json_object_get_int_member (envelope, "code"), ==, cases[i].status);
          g_assert_cmpstr (json_object_get_string_member (envelope, "message"), ==, cases[i].message);
          g_assert_cmpstr (retry_after, ==, cases[i].status == 429 ? "2" : NULL);
        }
    }
}

static void
test_flaky (Fixture       *f,
            gconstpointer  data)
{
  const char *path = "/v1/notes/" HS_DEMO_FAULT_FLAKY;

  assert_error (f, path, 500, "服务器内部错误");
  assert_error (f, path, 500, "服务器内部错误");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonObject) note = get_data (f, path);

      g_assert_cmpstr (json_object_get_string_member (note, "note_id"), ==, HS_DEMO_FAULT_FLAKY);
      g_assert_cmpstr (json_object_get_string_member (note, "title"), ==, "重试三次终于成功");
    }

  hs_demo_server_reset_faults (f->server);
  assert_error (f, path, 500, "服务器内部错误");
}

static void
test_slow (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SoupMessage) stuck = new_message (f, "/v1/notes/" HS_DEMO_FAULT_SLOW, HS_DEMO_ACCESS_TOKEN, NULL);
  g_autoptr(SoupSession) other_session = soup_session_new ();
  g_autoptr(HsDemoRequest) pending = NULL;
  Sent stuck_sent = { 0 };
  gint64 started;

  /* An answer held back for a minute must not hold anything else back. */
  hs_demo_server_set_slow_delay_ms (f->server, 60000);
  soup_session_send_and_read_async (other_session, stuck, G_PRIORITY_DEFAULT, cancellable,
                                    send_cb, &stuck_sent);
  while (log_length (f) == 0)
    g_main_context_iteration (NULL, TRUE);
  pending = last_request (f);
  g_assert_cmpstr (hs_demo_request_get_path (pending), ==, "/v1/notes/" HS_DEMO_FAULT_SLOW);
  g_assert_cmpuint (hs_demo_request_get_status (pending), ==, 0);

  {
    g_autoptr(JsonObject) note = get_data (f, "/v1/notes/" SEED "?fields=title");

    g_assert_cmpstr (json_object_get_string_member (note, "title"), ==, "春季美妆新品推荐");
  }
  g_assert_false (stuck_sent.done);
  g_assert_cmpuint (hs_demo_request_get_status (pending), ==, 0);

  /* The client gives up; the server drops the held answer when it notices, or on
   * teardown at the latest. */
  g_cancellable_cancel (cancellable);
  wait_for (&stuck_sent);
  g_assert_error (stuck_sent.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&stuck_sent.error);

  /* A short delay: the note arrives, and not before the delay. */
  hs_demo_server_set_slow_delay_ms (f->server, 50);
  started = g_get_monotonic_time ();
  {
    g_autoptr(JsonObject) note = get_data (f, "/v1/notes/" HS_DEMO_FAULT_SLOW);

    g_assert_cmpint (g_get_monotonic_time () - started, >=, 50 * 1000);
    g_assert_cmpstr (json_object_get_string_member (note, "note_id"), ==, HS_DEMO_FAULT_SLOW);
  }
  g_clear_pointer (&pending, hs_demo_request_unref);
  pending = last_request (f);
  g_assert_cmpuint (hs_demo_request_get_status (pending), ==, 200);
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = new_message (f, "/v1/notes/" HS_DEMO_FAULT_MALFORMED, HS_DEMO_ACCESS_TOKEN, NULL);
  g_autoptr(GBytes) body = send_message (f->session, msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *text = g_bytes_get_data (body, &size);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                   ==, "application/json");
  g_assert_false (json_parser_load_from_data (parser, text, size, &error));
  g_assert_nonnull (error);
}

static void
test_oversized (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = new_message (f, "/v1/notes/" HS_DEMO_FAULT_OVERSIZED, HS_DEMO_ACCESS_TOKEN, NULL);
  g_autoptr(GBytes) body = send_message (f->session, msg);
  g_autoptr(JsonObject) envelope = NULL;
  JsonObject *note;

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpint (soup_message_headers_get_encoding (soup_message_get_response_headers (msg)),
                   ==, SOUP_ENCODING_CHUNKED);
  g_assert_cmpuint (g_bytes_get_size (body), ==, HS_DEMO_OVERSIZED_BYTES);
  g_assert_cmpuint (g_bytes_get_size (body), >, 8 * 1024 * 1024);

  envelope = parse_object (body);
  note = json_object_get_object_member (envelope, "data");
  g_assert_cmpstr (json_object_get_string_member (note, "note_id"), ==, HS_DEMO_FAULT_OVERSIZED);
}

static void
test_wrong_id (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonObject) note = get_data (f, "/v1/notes/" HS_DEMO_FAULT_WRONG_ID);

  g_assert_cmpstr (json_object_get_string_member (note, "note_id"), ==, SEED);
  g_assert_cmpstr (json_object_get_string_member (note, "title"), ==, "春季美妆新品推荐");
}

static void
test_code_in_body (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) envelope = NULL;

  g_assert_cmpuint (api_get (f, "/v1/notes/" HS_DEMO_FAULT_CODE_IN_BODY, &body), ==, 200);
  envelope = parse_object (body);
  g_assert_cmpint (json_object_get_int_member (envelope, "code"), ==, 404);
  g_assert_cmpstr (json_object_get_string_member (envelope, "message"), ==, "笔记不存在或已删除");
  g_assert_true (json_object_get_null_member (envelope, "data"));
}

static void
test_hostile_html (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) note = get_data (f, "/v1/notes/" HS_DEMO_FAULT_HOSTILE_HTML);
  const char *content = json_object_get_string_member (note, "content");
  g_autofree char *probe = g_strconcat (f->base, "/remote-probe/", NULL);
  g_autofree char *script = g_strconcat ("<script src=\"", f->base, "/remote-probe/script.js\">", NULL);
  g_autofree char *kitty = g_strconcat ("<img src=\"", f->base, "/cdn/img/kitty.png\"", NULL);
  const char *needles[] = {
    "<script>", "<iframe ", "<object ", "<embed ", "onerror=", "onmouseover=", "javascript:",
    "rel=\"stylesheet\"", "@import", "url(", "<meta http-equiv=\"refresh\"", "<form ",
    "<video ", "<audio ", probe, script, kitty,
  };
  g_autoptr(GPtrArray) log = NULL;

  g_assert_cmpstr (json_object_get_string_member (note, "title"), ==, "正文里藏着危险代码的笔记");
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    g_assert_nonnull (strstr (content, needles[i]));
  g_assert_null (strstr (content, "{origin}"));
  g_assert_null (strstr (content, "{cdn}"));

  /* The probe answers 404 and logs, whoever asks. */
  {
    g_autoptr(SoupMessage) msg = new_message (f, "/remote-probe/script.js", NULL, NULL);
    g_autoptr(GBytes) body = send_message (f->session, msg);

    g_assert_cmpuint (soup_message_get_status (msg), ==, 404);
  }
  log = hs_demo_server_get_request_log (f->server);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (hs_demo_request_get_path (g_ptr_array_index (log, 1)), ==, "/remote-probe/script.js");
  g_assert_cmpuint (hs_demo_request_get_status (g_ptr_array_index (log, 1)), ==, 404);
}

static void
test_messy (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonObject) note = get_data (f, "/v1/notes/" HS_DEMO_FAULT_MESSY);
  JsonObject *location = json_object_get_object_member (note, "location");
  JsonArray *images = json_object_get_array_member (note, "images");

  g_assert_cmpstr (json_object_get_string_member (note, "note_id"), ==, HS_DEMO_FAULT_MESSY);
  g_assert_cmpstr (json_object_get_string_member (note, "like_count"), ==, "1.2万");
  g_assert_cmpstr (json_object_get_string_member (note, "comment_count"), ==, "3.5k");
  g_assert_cmpstr (json_object_get_string_member (note, "favorite_count"), ==, "10+");
  g_assert_cmpint (json_object_get_int_member (note, "share_count"), ==, -5);
  g_assert_cmpint (json_object_get_int_member (note, "publish_time"), ==, VECTOR_TIME * 1000);
  g_assert_cmpfloat (json_object_get_double_member (location, "latitude"), ==, 123.4);
  g_assert_cmpuint (json_array_get_length (images), ==, 7);
  g_assert_cmpstr (json_array_get_string_element (images, 1), ==, "javascript:alert(1)");
  g_assert_cmpint (json_array_get_int_element (images, 4), ==, 42);
}

static void
test_overfull (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonObject) note = get_data (f, "/v1/notes/" HS_DEMO_FAULT_OVERFULL);
  g_autoptr(JsonObject) trimmed = get_data (f, "/v1/notes/" HS_DEMO_FAULT_OVERFULL "?fields=title");
  JsonArray *images = json_object_get_array_member (note, "images");
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *members = member_names (trimmed);

  g_assert_cmpuint (json_array_get_length (images), ==, 120);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (note, "videos")), ==, 25);
  for (guint i = 0; i < json_array_get_length (images); i++)
    g_hash_table_add (distinct, (gpointer) json_array_get_string_element (images, i));
  g_assert_cmpuint (g_hash_table_size (distinct), ==, 120);
  g_assert_cmpstr (members, ==, "note_id,title");
}

static void
test_redirect (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = new_message (f, "/v1/notes/" HS_DEMO_FAULT_REDIRECT "?fields=title",
                                            HS_DEMO_ACCESS_TOKEN, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *location = g_strdup_printf ("http://localhost:%u/v1/notes/" HS_DEMO_FAULT_REDIRECT
                                               "?fields=title", hs_demo_server_get_port (f->server));
  g_autofree char *other_host = g_strdup_printf ("localhost:%u", hs_demo_server_get_port (f->server));

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  body = send_message (f->session, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 302);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"),
                   ==, location);

  /* On the other origin (Host header), the note is served to whoever has the token:
   * the log is what tells a leak. The connection itself stays on 127.0.0.1. */
  for (guint with_token = 0; with_token < 2; with_token++)
    {
      g_autoptr(SoupMessage) there = new_message (f, "/v1/notes/" HS_DEMO_FAULT_REDIRECT "?fields=title",
                                                  with_token ? HS_DEMO_ACCESS_TOKEN : NULL, NULL);
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(HsDemoRequest) request = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (there), "Host", other_host);
      reply = send_message (f->session, there);
      request = last_request (f);
      g_assert_cmpstr (hs_demo_request_get_header (request, "Host"), ==, other_host);
      g_assert_cmpint (hs_demo_request_has_header (request, "Authorization"), ==, with_token);
      g_assert_cmpuint (soup_message_get_status (there), ==, with_token ? 200 : 401);
    }
}

static void
test_search_keyword (Fixture       *f,
                     gconstpointer  data)
{
  struct { const char *query; gint64 total; const char *first_title; } cases[] = {
    /* title, tag and content all count; case does not */
    { "keyword=CITYWALK", 1, "西安Citywalk路线，大雁塔夜景绝了" },
    { "keyword=citywalk", 1, "西安Citywalk路线，大雁塔夜景绝了" },
    { "keyword=%E6%B4%AA%E5%B4%96%E6%B4%9E", 1, "重庆本地人私藏火锅店🔥 排队两小时也值" },  /* 洪崖洞, in content only */
    { "keyword=%E7%BE%8E%E5%A6%86", 7, "换季烂脸自救指南🆘 敏感肌亲测有效" },            /* 美妆 */
    { "tag=%E6%97%85%E8%A1%8C", 6, "三亚亚龙湾亲子游全攻略 🏖️" },                     /* 旅行 */
    { "tag=%E6%97%85", 0, NULL },                                                        /* 旅: tags match whole */
    { "keyword=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D", 0, NULL },               /* 不存在的词 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("/v1/notes/search?", cases[i].query, NULL);
      g_autoptr(JsonObject) page = get_data (f, path);
      JsonArray *items = json_object_get_array_member (page, "items");

      g_assert_cmpint (json_object_get_int_member (page, "page"), ==, 1);
      g_assert_cmpint (json_object_get_int_member (page, "size"), ==, 20);
      g_assert_cmpint (json_object_get_int_member (page, "total"), ==, cases[i].total);
      g_assert_false (json_object_get_boolean_member (page, "has_more"));
      g_assert_cmpuint (json_array_get_length (items), ==, cases[i].total);
      if (cases[i].first_title != NULL)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "title"),
                         ==, cases[i].first_title);
    }
}

static void
test_search_paging (Fixture       *f,
                    gconstpointer  data)
{
  struct { guint page; guint items; gboolean has_more; } pages[] = {
    { 1, 3, TRUE }, { 2, 3, TRUE }, { 3, 1, FALSE }, { 4, 0, FALSE },
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 previous_time = G_MAXINT64;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/v1/notes/search?tag=%%E7%%BE%%8E%%E5%%A6%%86&size=3&page=%u",
                                               pages[i].page);
      g_autoptr(JsonObject) page = get_data (f, path);
      JsonArray *items = json_object_get_array_member (page, "items");

      g_assert_cmpint (json_object_get_int_member (page, "page"), ==, pages[i].page);
      g_assert_cmpint (json_object_get_int_member (page, "size"), ==, 3);
      g_assert_cmpint (json_object_get_int_member (page, "total"), ==, 7);
      g_assert_cmpint (json_object_get_boolean_member (page, "has_more"), ==, pages[i].has_more);
      g_assert_cmpuint (json_array_get_length (items), ==, pages[i].items);

      for (guint j = 0; j < json_array_get_length (items); j++)
        {
          JsonObject *item = json_array_get_object_element (items, j);
          g_autofree char *members = member_names (item);
          g_autofree char *details_path = g_strconcat ("/v1/notes/",
                                                       json_object_get_string_member (item, "note_id"),
                                                       "?fields=publish_time", NULL);
          g_autoptr(JsonObject) details = get_data (f, details_path);
          g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_object_get_string_member (details, "publish_time"), NULL);

          g_assert_cmpstr (members, ==, "author,images,like_count,note_id,tags,title");
          g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (item, "note_id"))));
          /* newest first */
          g_assert_nonnull (time);
          g_assert_cmpint (g_date_time_to_unix (time), <=, previous_time);
          previous_time = g_date_time_to_unix (time);
        }
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 7);
  g_assert_true (g_hash_table_contains (seen, SEED));
}

static void
test_search_invalid (Fixture       *f,
                     gconstpointer  data)
{
  const char *queries[] = {
    "", "?page=1", "?keyword=", "?tag=", "?keyword=a&tag=b",
    "?keyword=a&size=0", "?keyword=a&size=51", "?keyword=a&size=x", "?keyword=a&size=-1",
    "?keyword=a&page=0", "?keyword=a&page=-1", "?keyword=a&page=one", "?keyword=a&page=1.5",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *path = g_strconcat ("/v1/notes/search", queries[i], NULL);

      assert_error (f, path, 400, NULL);
    }

  /* The bounds themselves are fine. */
  {
    g_autoptr(JsonObject) one = get_data (f, "/v1/notes/search?keyword=a&size=1");
    g_autoptr(JsonObject) fifty = get_data (f, "/v1/notes/search?keyword=a&size=50");

    g_assert_cmpint (json_object_get_int_member (one, "size"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (fifty, "size"), ==, 50);
  }
}

static void
assert_rate_limited (Fixture    *f,
                     const char *retry_after)
{
  g_autoptr(SoupMessage) msg = new_message (f, "/v1/notes/" SEED, HS_DEMO_ACCESS_TOKEN, NULL);
  g_autoptr(GBytes) body = send_message (f->session, msg);
  g_autoptr(JsonObject) envelope = parse_object (body);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 429);
  g_assert_cmpint (json_object_get_int_member (envelope, "code"), ==, 429);
  g_assert_cmpstr (json_object_get_string_member (envelope, "message"), ==, "调用频率超限");
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After"),
                   ==, retry_after);
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  use_fake_clock (f);
  hs_demo_server_set_requests_per_minute (f->server, 5);

  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpuint (api_get (f, "/v1/notes/" SEED "?fields=title", NULL), ==, 200);
      f->now_usec += G_USEC_PER_SEC;
    }
  /* t0+5 s: the first slot frees at t0+60 s */
  assert_rate_limited (f, "55");

  /* Neither a request without a token nor CDN traffic counts or is refused. */
  {
    g_autoptr(SoupMessage) anonymous = new_message (f, "/v1/notes/" SEED, NULL, NULL);
    g_autoptr(SoupMessage) image = new_message (f, "/cdn/img/kitty.png", NULL, REFERER);
    g_autoptr(GBytes) first = send_message (f->session, anonymous);
    g_autoptr(GBytes) second = send_message (f->session, image);

    g_assert_cmpuint (soup_message_get_status (anonymous), ==, 401);
    g_assert_cmpuint (soup_message_get_status (image), ==, 200);
  }

  f->now_usec += (gint64) 50 * G_USEC_PER_SEC + 1;   /* t0+55 s and 1 µs */
  assert_rate_limited (f, "5");
  f->now_usec += (gint64) 5 * G_USEC_PER_SEC - 1;    /* t0+60 s */
  g_assert_cmpuint (api_get (f, "/v1/notes/search?keyword=a", NULL), ==, 200);
  /* The second slot frees at t0+61 s. */
  assert_rate_limited (f, "1");
  f->now_usec += G_USEC_PER_SEC;
  g_assert_cmpuint (api_get (f, "/v1/notes/" SEED, NULL), ==, 200);

  /* Faults count like any call. */
  f->now_usec += (gint64) 120 * G_USEC_PER_SEC;
  for (guint i = 0; i < 5; i++)
    assert_error (f, "/v1/notes/" HS_DEMO_FAULT_NOT_FOUND, 404, NULL);
  assert_rate_limited (f, "60");

  /* Lifting the limit lets everything through at once. */
  hs_demo_server_set_requests_per_minute (f->server, 0);
  for (guint i = 0; i < 150; i++)
    g_assert_cmpuint (api_get (f, "/v1/notes/" SEED "?fields=title", NULL), ==, 200);

  /* Lowering it below what the window already holds waits for the older ones. */
  hs_demo_server_set_requests_per_minute (f->server, 3);
  assert_rate_limited (f, "60");
  hs_demo_server_reset_faults (f->server);
  g_assert_cmpuint (api_get (f, "/v1/notes/" SEED "?fields=title", NULL), ==, 200);
}

static void
test_rate_limit_default (Fixture       *f,
                         gconstpointer  data)
{
  use_fake_clock (f);

  for (guint i = 0; i < 100; i++)
    g_assert_cmpuint (api_get (f, "/v1/notes/" SEED "?fields=title", NULL), ==, 200);
  assert_rate_limited (f, "60");
}

static void
test_signing_vectors (Fixture       *f,
                      gconstpointer  data)
{
  use_fake_clock (f);

  /* doc/api-protocol.md §4, verbatim */
  {
    g_autoptr(JsonObject) note = get_data (f, "/v1/notes/" SEED "?app_key=demo-key&fields=title,content"
                                              "&timestamp=1745591400&sign=ae4a42f0075e0bca1d806b2274e2c859");
    g_autofree char *members = member_names (note);

    g_assert_cmpstr (members, ==, "content,note_id,title");
  }
  {
    g_autoptr(JsonObject) page = get_data (f, "/v1/notes/search?app_key=demo-key&keyword=%E7%BE%8E%E5%A6%86"
                                              "&page=2&size=20&timestamp=1745591400"
                                              "&sign=12388912f9061aba583f42b5376ed881");

    g_assert_cmpint (json_object_get_int_member (page, "page"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (page, "total"), ==, 7);
  }
  /* Parameter order on the wire does not matter, escaping does not either. */
  g_assert_cmpuint (api_get (f, "/v1/notes/" SEED "?sign=AE4A42F0075E0BCA1D806B2274E2C859&timestamp=1745591400"
                                "&fields=title%2Ccontent&app_key=demo-key", NULL), ==, 200);
}

static void
test_signing_rejections (Fixture       *f,
                         gconstpointer  data)
{
  const char *good = "/v1/notes/" SEED "?app_key=demo-key&fields=title,content&timestamp=1745591400"
                     "&sign=ae4a42f0075e0bca1d806b2274e2c859";

  use_fake_clock (f);

  assert_error (f, "/v1/notes/" SEED "?app_key=demo-key&fields=title,content&timestamp=1745591400"
                   "&sign=ae4a42f0075e0bca1d806b2274e2c85a", 401, "签名错误");
  /* a parameter changed after signing */
  assert_error (f, "/v1/notes/" SEED "?app_key=demo-key&fields=title&timestamp=1745591400"
                   "&sign=ae4a42f0075e0bca1d806b2274e2c859", 401, "签名错误");
  assert_error (f, "/v1/notes/" SEED "?app_key=other-key&fields=title,content&timestamp=1745591400"
                   "&sign=ae4a42f0075e0bca1d806b2274e2c859", 401, "无效的app_key");
  assert_error (f, "/v1/notes/" SEED "?app_key=demo-key&fields=title,content"
                   "&sign=ae4a42f0075e0bca1d806b2274e2c859", 401, "缺少或无效的timestamp");
  assert_error (f, "/v1/notes/" SEED "?app_key=demo-key&fields=title,content&timestamp=soon"
                   "&sign=ae4a42f0075e0bca1d806b2274e2c859", 401, "缺少或无效的timestamp");
  assert_error (f, "/v1/notes/" SEED "?app_key=demo-key&fields=title,content&timestamp=1745591400",
                401, "缺少sign");
  assert_error (f, "/v1/notes/" SEED "?fields=title,content&timestamp=1745591400"
                   "&sign=ae4a42f0075e0bca1d806b2274e2c859", 401, "无效的app_key");

  /* 300 s either way is still fresh, 301 s is not. */
  f->now_usec = (VECTOR_TIME + 300) * G_USEC_PER_SEC;
  g_assert_cmpuint (api_get (f, good, NULL), ==, 200);
  f->now_usec = (VECTOR_TIME - 300) * G_USEC_PER_SEC;
  g_assert_cmpuint (api_get (f, good, NULL), ==, 200);
  f->now_usec = (VECTOR_TIME + 301) * G_USEC_PER_SEC;
  assert_error (f, good, 401, "timestamp已过期，请校准时间");
  f->now_usec = (VECTOR_TIME - 301) * G_USEC_PER_SEC;
  assert_error (f, good, 401, "timestamp已过期，请校准时间");

  /* Without app_key and sign, a timestamp alone is not checked. */
  g_assert_cmpuint (api_get (f, "/v1/notes/" SEED "?timestamp=1", NULL), ==, 200);
}

static void
test_signing_with_hs_sign (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *timestamp = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *sign = NULL;
  g_autofree char *escaped = g_uri_escape_string ("旅行", NULL, FALSE);
  g_autofree char *path = NULL;

  /* The real clock this time, like a client would sign. */
  g_hash_table_insert (query, (gpointer) "tag", (gpointer) "旅行");
  g_hash_table_insert (query, (gpointer) "size", (gpointer) "2");
  g_hash_table_insert (query, (gpointer) "app_key", (gpointer) HS_DEMO_APP_KEY);
  g_hash_table_insert (query, (gpointer) "timestamp", timestamp);
  sign = hs_sign_compute ("/v1/notes/search", query, HS_DEMO_APP_SECRET);
  path = g_strdup_printf ("/v1/notes/search?tag=%s&size=2&app_key=" HS_DEMO_APP_KEY "&timestamp=%s&sign=%s",
                          escaped, timestamp, sign);
  {
    g_autoptr(JsonObject) page = get_data (f, path);

    g_assert_cmpint (json_object_get_int_member (page, "total"), ==, 6);
    g_assert_true (json_object_get_boolean_member (page, "has_more"));
  }
}

static GBytes *
resource_bytes (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX "/media/", name, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return bytes;
}

static void
test_cdn_hotlink (Fixture       *f,
                  gconstpointer  data)
{
  const char *refused[] = {
    NULL, "", "https://evil.example.com/", "http://www.xiaohongshu.com/",
    "https://www.xiaohongshu.com", "https://www.xiaohongshu.com.evil.example/",
  };
  const char *accepted[] = {
    "https://www.xiaohongshu.com/", "https://www.xiaohongshu.com/explore/" SEED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(SoupMessage) msg = new_message (f, "/cdn/img/peach-blossom.jpg", HS_DEMO_ACCESS_TOKEN, refused[i]);
      g_autoptr(GBytes) body = send_message (f->session, msg);
      g_autoptr(HsDemoRequest) request = last_request (f);

      g_assert_cmpuint (soup_message_get_status (msg), ==, 403);
      g_assert_cmpstr (hs_demo_request_get_path (request), ==, "/cdn/img/peach-blossom.jpg");
      g_assert_cmpstr (hs_demo_request_get_header (request, "Referer"), ==, refused[i]);
      g_assert_cmpuint (hs_demo_request_get_status (request), ==, 403);
      g_assert_true (hs_demo_request_has_header (request, "Authorization"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(SoupMessage) msg = new_message (f, "/cdn/img/peach-blossom.jpg", NULL, accepted[i]);
      g_autoptr(GBytes) body = send_message (f->session, msg);
      g_autoptr(GBytes) expected = resource_bytes ("img/peach-blossom.jpg");
      g_autoptr(HsDemoRequest) request = last_request (f);

      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_assert_true (g_bytes_equal (body, expected));
      g_assert_cmpuint (hs_demo_request_get_status (request), ==, 200);
      g_assert_false (hs_demo_request_has_header (request, "Authorization"));
    }
}

static void
test_cdn_content_types (Fixture       *f,
                        gconstpointer  data)
{
  struct { const char *path; const char *resource; const char *type; } cases[] = {
    { "/cdn/img/peach-blossom.jpg", "img/peach-blossom.jpg", "image/jpeg" },
    { "/cdn/img/kitty.png", "img/kitty.png", "image/png" },
    { "/cdn/img/lipstick.webp", "img/lipstick.webp", "image/webp" },
    { "/cdn/img/lipstick", "img/lipstick.webp", "image/webp" },
    { "/cdn/img/kitty?imageView2/2/w/1080", "img/kitty.png", "image/png" },
    { "/cdn/avatar/maomi.jpg", "avatar/maomi.jpg", "image/jpeg" },
    { "/cdn/video/city-walk.webm", "video/city-walk.webm", "video/webm" },
    { "/cdn/video/spring-makeup", "video/spring-makeup.webm", "video/webm" },
  };
  const char *missing[] = {
    "/cdn/img/nothing.jpg", "/cdn/img/", "/cdn/secret/kitty.png", "/cdn/img/.hidden",
    "/cdn/notes.json", "/cdn/img/kitty.png/x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SoupMessage) msg = new_message (f, cases[i].path, NULL, REFERER);
      g_autoptr(GBytes) body = send_message (f->session, msg);
      g_autoptr(GBytes) expected = resource_bytes (cases[i].resource);
      SoupMessageHeaders *headers = soup_message_get_response_headers (msg);

      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_assert_cmpstr (soup_message_headers_get_content_type (headers, NULL), ==, cases[i].type);
      g_assert_cmpint (soup_message_headers_get_content_length (headers), ==, g_bytes_get_size (expected));
      g_assert_true (g_bytes_equal (body, expected));
      g_assert_cmpstr (soup_message_headers_get_one (headers, "Cache-Control"), ==, "public, max-age=86400");
    }

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_autoptr(SoupMessage) msg = new_message (f, missing[i], NULL, REFERER);
      g_autoptr(GBytes) body = send_message (f->session, msg);

      g_assert_cmpuint (soup_message_get_status (msg), ==, 404);
    }
}

static void
test_cdn_etag_and_range (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GBytes) video = resource_bytes ("video/city-walk.webm");
  g_autofree char *content_range = g_strdup_printf ("bytes 100-199/%" G_GSIZE_FORMAT, g_bytes_get_size (video));
  g_autoptr(SoupMessage) first = new_message (f, "/cdn/video/city-walk.webm", NULL, REFERER);
  g_autoptr(GBytes) first_body = send_message (f->session, first);
  const char *etag = soup_message_headers_get_one (soup_message_get_response_headers (first), "ETag");

  g_assert_nonnull (etag);
  g_assert_cmpuint (strlen (etag), ==, 18);
  g_assert_cmpint (etag[0], ==, '"');

  /* Revalidation */
  {
    g_autoptr(SoupMessage) again = new_message (f, "/cdn/video/city-walk.webm", NULL, REFERER);
    g_autoptr(GBytes) body = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (again), "If-None-Match", etag);
    body = send_message (f->session, again);
    g_assert_cmpuint (soup_message_get_status (again), ==, 304);
    g_assert_cmpuint (g_bytes_get_size (body), ==, 0);
    g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (again), "ETag"), ==, etag);
  }
  {
    g_autoptr(SoupMessage) other = new_message (f, "/cdn/video/city-walk.webm", NULL, REFERER);
    g_autoptr(GBytes) body = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (other), "If-None-Match", "\"0000\"");
    body = send_message (f->session, other);
    g_assert_cmpuint (soup_message_get_status (other), ==, 200);
  }

  /* Range */
  {
    g_autoptr(SoupMessage) partial = new_message (f, "/cdn/video/city-walk.webm", NULL, REFERER);
    g_autoptr(GBytes) body = NULL;
    g_autoptr(GBytes) expected = g_bytes_new_from_bytes (video, 100, 100);

    soup_message_headers_set_range (soup_message_get_request_headers (partial), 100, 199);
    body = send_message (f->session, partial);
    g_assert_cmpuint (soup_message_get_status (partial), ==, 206);
    g_assert_true (g_bytes_equal (body, expected));
    g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (partial), "Content-Range"),
                     ==, content_range);
    g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (partial), "Accept-Ranges"),
                     ==, "bytes");
  }
}

static void
test_short_links (Fixture       *f,
                  gconstpointer  data)
{
  /* The seed's share link carries its own xsec_token, which its page wants. */
  g_autofree char *seed_path = hs_demo_web_note_path (SEED);
  struct { const char *code; const char *location; const char *final; } cases[] = {
    { HS_DEMO_SHORT_LINK_CODE, seed_path, seed_path },
    { HS_DEMO_SHORT_LINK_CODE_CHAIN, "/xhslink/a/" HS_DEMO_SHORT_LINK_CODE, seed_path },
    { HS_DEMO_SHORT_LINK_CODE_NO_NOTE, "/user/profile/987654321?xsec_token=demo",
      "/user/profile/987654321?xsec_token=demo" },
  };
  g_autofree char *short_links = hs_demo_server_get_short_link_base (f->server);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strconcat (short_links, "/a/", cases[i].code, NULL);
      g_autofree char *location = g_strconcat (f->base, cases[i].location, NULL);
      g_autofree char *final = g_strconcat (f->base, cases[i].final, NULL);
      g_autoptr(SoupMessage) hop = new_message (f, url, NULL, NULL);
      g_autoptr(SoupMessage) follow = new_message (f, url, NULL, NULL);
      g_autoptr(GBytes) hop_body = NULL;
      g_autoptr(GBytes) follow_body = NULL;
      g_autofree char *final_seen = NULL;

      soup_message_add_flags (hop, SOUP_MESSAGE_NO_REDIRECT);
      hop_body = send_message (f->session, hop);
      g_assert_cmpuint (soup_message_get_status (hop), ==, 302);
      g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (hop), "Location"),
                       ==, location);

      follow_body = send_message (f->session, follow);
      final_seen = g_uri_to_string (soup_message_get_uri (follow));
      g_assert_cmpuint (soup_message_get_status (follow), ==, 200);
      g_assert_cmpstr (final_seen, ==, final);
    }

  {
    g_autoptr(SoupMessage) page = new_message (f, seed_path, NULL, NULL);
    g_autoptr(GBytes) body = send_message (f->session, page);
    g_autofree char *html = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

    g_assert_nonnull (strstr (html, "<title>春季美妆新品推荐 - 小红书</title>"));
  }
  {
    g_autoptr(SoupMessage) gone = new_message (f, "/xhslink/a/Unknown9", NULL, NULL);
    g_autoptr(GBytes) body = NULL;

    soup_message_add_flags (gone, SOUP_MESSAGE_NO_REDIRECT);
    body = send_message (f->session, gone);
    g_assert_cmpuint (soup_message_get_status (gone), ==, 404);
  }
}

static void
count_request_cb (HsDemoServer  *server,
                  HsDemoRequest *request,
                  guint         *count)
{
  g_assert_nonnull (hs_demo_request_get_path (request));
  (*count)++;
}

static void
test_request_log (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GPtrArray) cleared = NULL;
  g_autofree char *host = g_strdup_printf ("127.0.0.1:%u", hs_demo_server_get_port (f->server));
  g_autoptr(GDateTime) expected_time = g_date_time_new_from_unix_utc (VECTOR_TIME);
  HsDemoRequest *api;
  HsDemoRequest *media;
  HsDemoRequest *refused;
  guint logged = 0;

  use_fake_clock (f);

  g_assert_cmpuint (api_get (f, "/v1/notes/search?keyword=%E7%BE%8E%E5%A6%86&size=2", NULL), ==, 200);
  {
    g_autoptr(SoupMessage) msg = new_message (f, "/cdn/avatar/lulu.jpg", NULL, REFERER "explore");
    g_autoptr(GBytes) body = send_message (f->session, msg);
  }
  {
    g_autoptr(SoupMessage) msg = new_message (f, "/cdn/avatar/lulu.jpg", NULL, NULL);
    g_autoptr(GBytes) body = NULL;

    soup_message_set_method (msg, "HEAD");
    body = send_message (f->session, msg);
  }

  log = hs_demo_server_get_request_log (f->server);
  g_assert_cmpuint (log->len, ==, 3);
  api = g_ptr_array_index (log, 0);
  media = g_ptr_array_index (log, 1);
  refused = g_ptr_array_index (log, 2);

  g_assert_cmpstr (hs_demo_request_get_method (api), ==, "GET");
  g_assert_cmpstr (hs_demo_request_get_path (api), ==, "/v1/notes/search");
  g_assert_cmpstr (hs_demo_request_get_query (api), ==, "keyword=%E7%BE%8E%E5%A6%86&size=2");
  g_assert_cmpstr (hs_demo_request_get_query_param (api, "keyword"), ==, "美妆");
  g_assert_cmpstr (hs_demo_request_get_query_param (api, "page"), ==, NULL);
  g_assert_cmpstr (hs_demo_request_get_header (api, "Host"), ==, host);
  g_assert_null (hs_demo_request_get_header (api, "Referer"));
  g_assert_true (hs_demo_request_has_header (api, "Authorization"));
  /* The log keeps that a credential came, never the credential. */
  g_assert_cmpstr (hs_demo_request_get_header (api, "Authorization"), ==, "");
  g_assert_cmpstr (hs_demo_request_get_header (api, "User-Agent"), ==, USER_AGENT);
  g_assert_true (g_date_time_equal (hs_demo_request_get_time (api), expected_time));
  g_assert_cmpuint (hs_demo_request_get_status (api), ==, 200);

  g_assert_cmpstr (hs_demo_request_get_path (media), ==, "/cdn/avatar/lulu.jpg");
  g_assert_null (hs_demo_request_get_query (media));
  g_assert_null (hs_demo_request_get_query_param (media, "keyword"));
  g_assert_cmpstr (hs_demo_request_get_header (media, "Referer"), ==, REFERER "explore");
  g_assert_false (hs_demo_request_has_header (media, "Authorization"));
  g_assert_cmpuint (hs_demo_request_get_status (media), ==, 200);

  g_assert_cmpstr (hs_demo_request_get_method (refused), ==, "HEAD");
  g_assert_cmpuint (hs_demo_request_get_status (refused), ==, 403);

  /* The signal reports each request once it is handled. */
  g_signal_connect (f->server, "request-logged", G_CALLBACK (count_request_cb), &logged);
  hs_demo_server_clear_request_log (f->server);
  cleared = hs_demo_server_get_request_log (f->server);
  g_assert_cmpuint (cleared->len, ==, 0);
  /* A snapshot taken before stays whole. */
  g_assert_cmpuint (log->len, ==, 3);
  g_assert_cmpstr (hs_demo_request_get_path (api), ==, "/v1/notes/search");

  {
    g_autoptr(SoupMessage) msg = new_message (f, "/v1/notes/" SEED, HS_DEMO_ACCESS_TOKEN, NULL);
    g_autoptr(GBytes) body = NULL;

    soup_message_set_method (msg, "POST");
    body = send_message (f->session, msg);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 405);
  }
  g_assert_cmpuint (logged, ==, 1);
  g_clear_pointer (&cleared, g_ptr_array_unref);
  cleared = hs_demo_server_get_request_log (f->server);
  g_assert_cmpuint (cleared->len, ==, 1);
  g_assert_cmpstr (hs_demo_request_get_method (g_ptr_array_index (cleared, 0)), ==, "POST");
  g_assert_cmpuint (hs_demo_request_get_status (g_ptr_array_index (cleared, 0)), ==, 405);
}

/* Every sample note is complete and every media URL in it is served. */
static void
test_samples (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) notes_json = g_resources_lookup_data (RESOURCE_PREFIX "/notes.json", 0, NULL);
  g_autoptr(GBytes) all = NULL;
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GHashTable) authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) types = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *cdn = hs_demo_server_get_cdn_base_url (f->server);
  JsonArray *notes;
  guint with_video = 0;
  guint with_location = 0;
  guint string_counts = 0;
  GHashTableIter iter;
  gpointer url;

  hs_demo_server_set_requests_per_minute (f->server, 0);
  g_assert_nonnull (notes_json);
  root = parse_object (notes_json);
  notes = json_object_get_array_member (root, "notes");
  g_assert_cmpuint (json_array_get_length (notes), >=, 61);

  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      const char *note_id = json_object_get_string_member (json_array_get_object_element (notes, i), "note_id");
      g_autofree char *path = g_strconcat ("/v1/notes/", note_id, NULL);
      g_autoptr(JsonObject) note = get_data (f, path);
      JsonArray *images = json_object_get_array_member (note, "images");
      JsonObject *author = json_object_get_object_member (note, "author");
      const char *count_names[] = { "like_count", "comment_count", "favorite_count", "share_count" };
      g_autoptr(GRegex) img_regex = g_regex_new ("<img src=\"([^\"]+)\"", 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;

      g_assert_cmpstr (json_object_get_string_member (note, "note_id"), ==, note_id);
      g_assert_cmpstr (json_object_get_string_member (note, "title"), !=, "");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (note, "content"), "<p>"));
      g_assert_cmpuint (json_array_get_length (images), >=, strcmp (note_id, SEED) == 0 ? 2 : 3);
      g_assert_cmpuint (json_array_get_length (images), <=, 9);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (note, "tags")), >=, 2);
      {
        g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_object_get_string_member (note, "publish_time"), NULL);

        g_assert_nonnull (time);
      }
      /* A copy: the note (and its strings) is freed at the end of the iteration. */
      g_hash_table_add (authors, g_strdup (json_object_get_string_member (author, "nickname")));
      g_hash_table_add (urls, g_strdup (json_object_get_string_member (author, "avatar")));

      for (guint j = 0; j < json_array_get_length (images); j++)
        g_hash_table_add (urls, g_strdup (json_array_get_string_element (images, j)));

      if (json_object_has_member (note, "videos"))
        {
          JsonObject *video = json_array_get_object_element (json_object_get_array_member (note, "videos"), 0);

          with_video++;
          g_hash_table_add (urls, g_strdup (json_object_get_string_member (video, "url")));
          g_hash_table_add (urls, g_strdup (json_object_get_string_member (video, "cover")));
        }

      if (json_object_has_member (note, "location"))
        {
          JsonObject *location = json_object_get_object_member (note, "location");
          double latitude = json_object_get_double_member (location, "latitude");
          double longitude = json_object_get_double_member (location, "longitude");

          with_location++;
          /* inside China */
          g_assert_cmpfloat (latitude, >, 18.0);
          g_assert_cmpfloat (latitude, <, 54.0);
          g_assert_cmpfloat (longitude, >, 73.0);
          g_assert_cmpfloat (longitude, <, 135.0);
        }

      for (guint j = 0; j < G_N_ELEMENTS (count_names); j++)
        {
          JsonNode *count = json_object_get_member (note, count_names[j]);

          g_assert_nonnull (count);
          if (json_node_get_value_type (count) == G_TYPE_STRING)
            string_counts++;
        }

      g_regex_match (img_regex, json_object_get_string_member (note, "content"), 0, &match);
      while (g_match_info_matches (match))
        {
          g_hash_table_add (urls, g_match_info_fetch (match, 1));
          g_match_info_next (match, NULL);
        }
    }

  g_assert_cmpuint (with_video, >=, 10);
  g_assert_cmpuint (with_location, >=, 20);
  g_assert_cmpuint (g_hash_table_size (authors), >=, 15);
  g_assert_cmpuint (string_counts, >=, 20);

  g_hash_table_iter_init (&iter, urls);
  while (g_hash_table_iter_next (&iter, &url, NULL))
    {
      g_autoptr(SoupMessage) msg = new_message (f, url, NULL, REFERER);
      g_autoptr(GBytes) body = NULL;

      g_assert_true (g_str_has_prefix (url, cdn));
      soup_message_set_method (msg, "HEAD");
      body = send_message (f->session, msg);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_hash_table_add (types, (gpointer) g_intern_string (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL)));
    }
  g_assert_true (g_hash_table_contains (types, "image/jpeg"));
  g_assert_true (g_hash_table_contains (types, "image/png"));
  g_assert_true (g_hash_table_contains (types, "image/webp"));
  g_assert_true (g_hash_table_contains (types, "video/webm"));
  g_assert_cmpuint (g_hash_table_size (types), ==, 4);
}

/* hongshu-cli demo-server */

static GSubprocess *
spawn_cli (char **base_url,
           ...)
{
  const char *cli = g_getenv ("HONGSHU_CLI");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  GSubprocess *process;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) cli);
  g_ptr_array_add (args, (gpointer) "demo-server");
  va_start (ap, base_url);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);

  if (base_url != NULL)
    {
      /* Another process: a blocking read does not stall any server of ours. */
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
      *base_url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  return process;
}

static void
test_cli (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  int signals_to_send[] = { SIGTERM, SIGINT };

  if (g_getenv ("HONGSHU_CLI") == NULL)
    {
      g_test_skip ("HONGSHU_CLI is not set");
      return;
    }

  for (guint s = 0; s < G_N_ELEMENTS (signals_to_send); s++)
    {
      g_autofree char *base_url = NULL;
      g_autoptr(GSubprocess) process = spawn_cli (&base_url, "--requests-per-minute", "3", NULL);

      g_assert_true (g_regex_match_simple ("^http://127\\.0\\.0\\.1:[0-9]+$", base_url, 0, 0));
      g_assert_false (g_str_has_suffix (base_url, ":0"));

      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *url = g_strconcat (base_url, "/v1/notes/" SEED "?fields=title", NULL);
          g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
          g_autoptr(GBytes) body = NULL;

          soup_message_headers_replace (soup_message_get_request_headers (msg),
                                        "Authorization", "Bearer " HS_DEMO_ACCESS_TOKEN);
          body = send_message (session, msg);
          /* Four calls well inside a minute: the fourth meets --requests-per-minute 3. */
          g_assert_cmpuint (soup_message_get_status (msg), ==, i < 3 ? 200 : 429);
        }

      g_subprocess_send_signal (process, signals_to_send[s]);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
    }

  /* Usage errors exit 2 without serving. */
  {
    const char *bad[][3] = {
      { "--port", "70000", NULL }, { "--port", "-1", NULL }, { "--requests-per-minute", "-5", NULL },
      { "extra", NULL, NULL }, { "--no-such-option", NULL, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GSubprocess) process = spawn_cli (NULL, bad[i][0], bad[i][1], bad[i][2], NULL);

        g_subprocess_wait (process, NULL, &error);
        g_assert_no_error (error);
        g_assert_true (g_subprocess_get_if_exited (process));
        g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/demo-server/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("base-url", test_base_url);
  ADD ("token", test_token);
  ADD ("seed-note", test_seed_note);
  ADD ("fields", test_fields);
  ADD ("note-ids", test_note_ids);
  ADD ("faults/status", test_status_faults);
  ADD ("faults/flaky", test_flaky);
  ADD ("faults/slow", test_slow);
  ADD ("faults/malformed", test_malformed);
  ADD ("faults/oversized", test_oversized);
  ADD ("faults/wrong-id", test_wrong_id);
  ADD ("faults/code-in-body", test_code_in_body);
  ADD ("faults/hostile-html", test_hostile_html);
  ADD ("faults/messy", test_messy);
  ADD ("faults/overfull", test_overfull);
  ADD ("faults/redirect", test_redirect);
  ADD ("search/keyword", test_search_keyword);
  ADD ("search/paging", test_search_paging);
  ADD ("search/invalid", test_search_invalid);
  ADD ("rate-limit/window", test_rate_limit);
  ADD ("rate-limit/default", test_rate_limit_default);
  ADD ("signing/vectors", test_signing_vectors);
  ADD ("signing/rejections", test_signing_rejections);
  ADD ("signing/hs-sign", test_signing_with_hs_sign);
  ADD ("cdn/hotlink", test_cdn_hotlink);
  ADD ("cdn/content-types", test_cdn_content_types);
  ADD ("cdn/etag-range", test_cdn_etag_and_range);
  ADD ("short-links", test_short_links);
  ADD ("request-log", test_request_log);
  ADD ("samples", test_samples);
  g_test_add_func ("/demo-server/cli", test_cli);

#undef ADD

  return g_test_run ();
}
