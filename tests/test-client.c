#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "hs-client.h"
#include "hs-client-private.h"
#include "hs-config.h"
#include "hs-demo-server.h"
#include "hs-error.h"
#include "hs-note-source.h"
#include "hs-rate-limiter.h"
#include "hs-rate-limiter-private.h"
#include "hs-test-support.h"

/* HsClient against the demo server on 127.0.0.1, port 0, over real HTTP: every
 * row of doc/api-protocol.md §3, retries, signing, fields, the rate limiter, cancellation,
 * redirects, body cap, timeouts and short links. */

#define SEED HS_DEMO_SEED_NOTE_ID
#define USER_AGENT "Hongshu/" PACKAGE_VERSION

typedef struct
{
  HsDemoServer *server;
  const char   *base;
  HsConfig     *config;
  HsClient     *client;
  GArray       *waits;        /* guint seconds of each "waiting" */
  GArray       *wait_codes;   /* int HS_ERROR code of each "waiting" */
  GCancellable *cancel_on_wait;
  /* A fake clock shared by the demo's rate limit and ours. */
  gint64        clock_start;
  gint64        clock_offset;
} Fixture;

static void
waiting_cb (HsClient     *client,
            guint         seconds,
            const GError *reason,
            gpointer      user_data)
{
  Fixture *f = user_data;
  int code = reason->code;

  g_assert_true (reason->domain == HS_ERROR);
  g_array_append_val (f->waits, seconds);
  g_array_append_val (f->wait_codes, code);
  if (f->cancel_on_wait != NULL)
    g_cancellable_cancel (f->cancel_on_wait);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = hs_test_demo_server_new ();
  hs_demo_server_set_requests_per_minute (f->server, 0);
  f->base = hs_demo_server_get_base_url (f->server);

  f->config = hs_config_new_with_settings (NULL);
  g_assert_true (hs_config_set_api_base_url (f->config, f->base, &error));
  g_assert_no_error (error);
  /* Fast retries: the schedule itself is not what these tests time. */
  hs_config_set_retry_base_delay (f->config, 5 * G_TIME_SPAN_MILLISECOND);
  hs_config_set_max_retry_wait (f->config, 20 * G_TIME_SPAN_MILLISECOND);

  f->client = hs_client_new (f->config);
  hs_client_set_access_token (f->client, HS_DEMO_ACCESS_TOKEN);
  f->waits = g_array_new (FALSE, FALSE, sizeof (guint));
  f->wait_codes = g_array_new (FALSE, FALSE, sizeof (int));
  g_signal_connect (f->client, "waiting", G_CALLBACK (waiting_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->client);
  g_clear_object (&f->config);
  g_clear_object (&f->cancel_on_wait);
  g_array_unref (f->waits);
  g_array_unref (f->wait_codes);
  hs_test_demo_server_finish (f->server);
}

/* Helpers */

static HsNote *
get_note (Fixture       *f,
          const char    *note_id,
          const char    *fields,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hs_client_get_note_async (f->client, note_id, fields, cancellable, hs_test_store_result_cb, &result);
  hs_test_await_result (&result);
  return hs_client_get_note_finish (f->client, result, NULL, error);
}

static char *
note_path (const char *note_id)
{
  return g_strconcat ("/v1/notes/", note_id, NULL);
}

static void
assert_waits (Fixture *f,
              guint    n,
              HsError  code)
{
  g_assert_cmpuint (f->waits->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (f->wait_codes, int, i), ==, code);
}

/* Tests */

static void
test_get_note (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *path = note_path (SEED);
  HsDemoRequest *request;

  note = get_note (f, SEED, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_note_id (note), ==, SEED);
  g_assert_cmpstr (hs_note_get_title (note), ==, "春季美妆新品推荐");
  g_assert_cmpint (hs_note_get_like_count (note), ==, 1024);

  log = hs_test_log_for_path (f->server, NULL);
  g_assert_cmpuint (log->len, ==, 1);
  request = g_ptr_array_index (log, 0);
  g_assert_cmpstr (hs_demo_request_get_method (request), ==, "GET");
  g_assert_cmpstr (hs_demo_request_get_path (request), ==, path);
  g_assert_true (hs_demo_request_has_header (request, "Authorization"));
  g_assert_cmpstr (hs_demo_request_get_header (request, "User-Agent"), ==, USER_AGENT);
  /* Signing is off without an app key and secret. */
  g_assert_null (hs_demo_request_get_query (request));
  g_assert_cmpuint (hs_demo_request_get_status (request), ==, 200);
  assert_waits (f, 0, 0);
  g_assert_cmpuint (hs_client_get_body_bytes_read (f->client), >, 0);
}

static void
test_wrong_token (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;

  hs_client_set_access_token (f->client, "not-the-demo-token");
  note = get_note (f, SEED, NULL, NULL, &error);
  g_assert_null (note);
  g_assert_error (error, HS_ERROR, HS_ERROR_UNAUTHORIZED);
  g_assert_cmpint (hs_error_exit_code (error), ==, 3);
  g_assert_cmpuint (hs_test_count_requests (f->server, NULL), ==, 1);
  assert_waits (f, 0, 0);
}

typedef struct
{
  const char *note_id;
  HsError     code;
  int         exit_code;
} ErrorRow;

static void
test_error_rows (Fixture       *f,
                 gconstpointer  data)
{
  const ErrorRow rows[] = {
    { HS_DEMO_FAULT_BAD_REQUEST, HS_ERROR_BAD_REQUEST, 2 },
    { HS_DEMO_FAULT_UNAUTHORIZED, HS_ERROR_UNAUTHORIZED, 3 },
    { HS_DEMO_FAULT_FORBIDDEN, HS_ERROR_FORBIDDEN, 3 },
    { HS_DEMO_FAULT_NOT_FOUND, HS_ERROR_NOT_FOUND, 4 },
    /* HTTP 200 with {"code": 404} maps like the status. */
    { HS_DEMO_FAULT_CODE_IN_BODY, HS_ERROR_NOT_FOUND, 4 },
    { HS_DEMO_FAULT_MALFORMED, HS_ERROR_INVALID_RESPONSE, 8 },
    { HS_DEMO_FAULT_WRONG_ID, HS_ERROR_INVALID_RESPONSE, 8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HsNote) note = NULL;
      g_autofree char *path = note_path (rows[i].note_id);

      g_test_message ("note %s", rows[i].note_id);
      note = get_note (f, rows[i].note_id, NULL, NULL, &error);
      g_assert_null (note);
      g_assert_error (error, HS_ERROR, rows[i].code);
      g_assert_cmpint (hs_error_exit_code (error), ==, rows[i].exit_code);
      /* No retry for any of these. */
      g_assert_cmpuint (hs_test_count_requests (f->server, path), ==, 1);
    }

  assert_waits (f, 0, 0);
}

static void
test_server_message (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;

  note = get_note (f, HS_DEMO_FAULT_NOT_FOUND, NULL, NULL, &error);
  g_assert_error (error, HS_ERROR, HS_ERROR_NOT_FOUND);
  /* The envelope's message of the non-2xx body reaches the user. */
  g_assert_nonnull (strstr (error->message, "笔记不存在或已删除"));
}

static void
test_rate_limited_gives_up (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autofree char *path = note_path (HS_DEMO_FAULT_RATE_LIMITED);

  /* Retry-After: 2 is capped by max-retry-wait (20 ms here). */
  note = get_note (f, HS_DEMO_FAULT_RATE_LIMITED, NULL, NULL, &error);
  g_assert_null (note);
  g_assert_error (error, HS_ERROR, HS_ERROR_RATE_LIMITED);
  g_assert_cmpint (hs_error_exit_code (error), ==, 5);
  g_assert_cmpuint (hs_test_count_requests (f->server, path), ==, 4);
  assert_waits (f, 3, HS_ERROR_RATE_LIMITED);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (g_array_index (f->waits, guint, i), ==, 1);
}

static void
test_retry_after_honoured (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *path = note_path (HS_DEMO_FAULT_RATE_LIMITED);
  GTimeSpan gap;

  hs_config_set_max_retry_wait (f->config, 60 * G_TIME_SPAN_SECOND);
  hs_config_set_max_retries (f->config, 1);

  note = get_note (f, HS_DEMO_FAULT_RATE_LIMITED, NULL, NULL, &error);
  g_assert_error (error, HS_ERROR, HS_ERROR_RATE_LIMITED);
  assert_waits (f, 1, HS_ERROR_RATE_LIMITED);
  g_assert_cmpuint (g_array_index (f->waits, guint, 0), ==, 2);

  log = hs_test_log_for_path (f->server, path);
  g_assert_cmpuint (log->len, ==, 2);
  gap = g_date_time_difference (hs_demo_request_get_time (g_ptr_array_index (log, 1)),
                                hs_demo_request_get_time (g_ptr_array_index (log, 0)));
  /* A lower bound only: the client may not come back before it was told. */
  g_assert_cmpint (gap, >=, 2 * G_TIME_SPAN_SECOND - 50 * G_TIME_SPAN_MILLISECOND);
}

static void
test_parse_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 4, 25, 14, 30, 0);

  g_assert_cmpint (hs_client_parse_retry_after ("2", now), ==, 2 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (hs_client_parse_retry_after (" 120 ", now), ==, 120 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (hs_client_parse_retry_after ("0", now), ==, 0);
  g_assert_cmpint (hs_client_parse_retry_after ("Fri, 25 Apr 2025 14:31:30 GMT", now), ==,
                   90 * G_TIME_SPAN_SECOND);
  /* A date in the past means: now. */
  g_assert_cmpint (hs_client_parse_retry_after ("Fri, 25 Apr 2025 14:00:00 GMT", now), ==, 0);
  g_assert_cmpint (hs_client_parse_retry_after (NULL, now), ==, -1);
  g_assert_cmpint (hs_client_parse_retry_after ("", now), ==, -1);
  g_assert_cmpint (hs_client_parse_retry_after ("-5", now), ==, -1);
  g_assert_cmpint (hs_client_parse_retry_after ("2 seconds", now), ==, -1);
  g_assert_cmpint (hs_client_parse_retry_after ("soon", now), ==, -1);
}

static void
test_flaky_recovers (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autofree char *path = note_path (HS_DEMO_FAULT_FLAKY);

  hs_demo_server_reset_faults (f->server);
  note = get_note (f, HS_DEMO_FAULT_FLAKY, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_note_id (note), ==, HS_DEMO_FAULT_FLAKY);
  g_assert_cmpuint (hs_test_count_requests (f->server, path), ==, 3);
  assert_waits (f, 2, HS_ERROR_SERVER);
}

static void
test_server_error_gives_up (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autofree char *path = note_path (HS_DEMO_FAULT_SERVER_ERROR);

  note = get_note (f, HS_DEMO_FAULT_SERVER_ERROR, NULL, NULL, &error);
  g_assert_null (note);
  g_assert_error (error, HS_ERROR, HS_ERROR_SERVER);
  g_assert_cmpint (hs_error_exit_code (error), ==, 6);
  g_assert_cmpuint (hs_test_count_requests (f->server, path), ==, 4);
  assert_waits (f, 3, HS_ERROR_SERVER);
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  /* Bound, never listening, then closed: connecting is refused. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

static void
test_network_error (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());

  g_assert_true (hs_config_set_api_base_url (f->config, base, &error));
  note = get_note (f, SEED, NULL, NULL, &error);
  g_assert_null (note);
  g_assert_error (error, HS_ERROR, HS_ERROR_NETWORK);
  g_assert_cmpint (hs_error_exit_code (error), ==, 7);
  /* Retried like a 5xx. */
  assert_waits (f, 3, HS_ERROR_NETWORK);
}

static void
test_oversized (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autoptr(HsNote) after = NULL;
  g_autofree char *path = note_path (HS_DEMO_FAULT_OVERSIZED);
  guint64 read;

  note = get_note (f, HS_DEMO_FAULT_OVERSIZED, NULL, NULL, &error);
  g_assert_null (note);
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE);
  g_assert_cmpint (hs_error_exit_code (error), ==, 8);
  g_assert_cmpuint (hs_test_count_requests (f->server, path), ==, 1);

  /* The body is chunked, with no Content-Length: the client stopped while
   * reading past the cap, well before the end of the 9 MiB (how far past
   * depends on the read size, which is not what this test is about). */
  read = hs_client_get_body_bytes_read (f->client);
  g_assert_cmpuint (read, >, HS_MAX_RESPONSE_BYTES);
  g_assert_cmpuint (read, <, HS_MAX_RESPONSE_BYTES + 512 * 1024);

  /* The client is still usable afterwards. */
  g_clear_error (&error);
  after = get_note (f, SEED, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_note_id (after), ==, SEED);
}

static void
test_signing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autoptr(HsNote) refused = NULL;
  g_autoptr(GPtrArray) log = NULL;
  HsDemoRequest *request;
  gint64 timestamp;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  hs_config_set_app_key (f->config, HS_DEMO_APP_KEY);
  hs_client_set_app_secret (f->client, HS_DEMO_APP_SECRET);

  note = get_note (f, SEED, "title,content", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_title (note), ==, "春季美妆新品推荐");

  log = hs_test_log_for_path (f->server, NULL);
  g_assert_cmpuint (log->len, ==, 1);
  request = g_ptr_array_index (log, 0);
  g_assert_cmpuint (hs_demo_request_get_status (request), ==, 200);
  g_assert_cmpstr (hs_demo_request_get_query_param (request, "app_key"), ==, HS_DEMO_APP_KEY);
  g_assert_cmpstr (hs_demo_request_get_query_param (request, "fields"), ==, "title,content");
  g_assert_cmpuint (strlen (hs_demo_request_get_query_param (request, "sign")), ==, 32);
  timestamp = g_ascii_strtoll (hs_demo_request_get_query_param (request, "timestamp"), NULL, 10);
  g_assert_cmpint (ABS (timestamp - now), <=, 5);

  /* A wrong secret makes a wrong sign, which the server refuses. */
  hs_client_set_app_secret (f->client, "not-the-secret");
  refused = get_note (f, SEED, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, HS_ERROR, HS_ERROR_UNAUTHORIZED);
}

static void
test_signing_search (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HsSearchPage) page = NULL;

  /* Raw, unescaped UTF-8 values go into the canonical string. */
  hs_config_set_app_key (f->config, HS_DEMO_APP_KEY);
  hs_client_set_app_secret (f->client, HS_DEMO_APP_SECRET);
  hs_note_source_search_async (HS_NOTE_SOURCE (f->client), "美妆", FALSE, 1, 5, NULL, hs_test_store_result_cb, &result);
  page = hs_note_source_search_finish (HS_NOTE_SOURCE (f->client), hs_test_await_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hs_search_page_get_size (page), ==, 5);
}

static void
test_fields (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autoptr(HsNote) invalid = NULL;
  g_autoptr(GPtrArray) log = NULL;

  note = get_note (f, SEED, "title,images", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_title (note), ==, "春季美妆新品推荐");
  g_assert_cmpuint (g_list_model_get_n_items (hs_note_get_images (note)), ==, 2);
  g_assert_null (hs_note_get_content (note));
  g_assert_null (hs_note_get_author (note));
  g_assert_cmpint (hs_note_get_like_count (note), ==, -1);

  log = hs_test_log_for_path (f->server, NULL);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (hs_demo_request_get_query_param (g_ptr_array_index (log, 0), "fields"), ==,
                   "title,images");

  /* Not a field list: refused before any request. */
  invalid = get_note (f, SEED, "title&x=1", NULL, &error);
  g_assert_null (invalid);
  g_assert_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST);
  g_assert_cmpuint (hs_test_count_requests (f->server, NULL), ==, 1);
}

static void
test_invalid_note_id (Fixture       *f,
                      gconstpointer  data)
{
  const char *ids[] = { "", "649c46ab000000002702ad3", "649c46ab000000002702ad36/../x",
                        "649c46ab000000002702ad3g", "../../etc/passwd" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HsNote) note = get_note (f, ids[i], NULL, NULL, &error);

      g_assert_null (note);
      g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE);
    }
  g_assert_cmpuint (hs_test_count_requests (f->server, NULL), ==, 0);
}

static gint64
demo_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return f->clock_start + f->clock_offset;
}

static gint64
limiter_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return f->clock_offset;
}

typedef struct
{
  guint    n_done;
  guint    n_ok;
  guint    n_rate_limited;
} Batch;

static void
batch_note_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = hs_client_get_note_finish (HS_CLIENT (object), result, NULL, &error);

  batch->n_done++;
  if (note != NULL)
    batch->n_ok++;
  else if (g_error_matches (error, HS_ERROR, HS_ERROR_RATE_LIMITED))
    batch->n_rate_limited++;
  else
    g_assert_no_error (error);
}

static void
iterate_until_done (Batch *batch,
                    guint  n_done)
{
  while (batch->n_done < n_done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_rate_limiter (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(HsRateLimiter) limiter = hs_rate_limiter_new (5, 60 * G_TIME_SPAN_SECOND);
  g_autoptr(GPtrArray) log = NULL;
  Batch batch = { 0 };

  /* The server allows 5 a minute too, by the same fake clock: a batch of
   * 12 must go through in three minutes' worth of windows without a 429. */
  f->clock_start = g_get_real_time ();
  hs_demo_server_set_clock (f->server, demo_clock, f);
  hs_demo_server_set_requests_per_minute (f->server, 5);
  hs_rate_limiter_set_clock_func (limiter, limiter_clock, f);
  hs_client_set_rate_limiter (f->client, limiter);
  hs_config_set_max_retries (f->config, 0);

  for (guint i = 0; i < 12; i++)
    hs_client_get_note_async (f->client, SEED, NULL, NULL, batch_note_cb, &batch);

  /* Calls 6 to 10 wait one window, 11 and 12 two; each says so. */
  assert_waits (f, 7, HS_ERROR_RATE_LIMITED);
  for (guint i = 0; i < 7; i++)
    g_assert_cmpuint (g_array_index (f->waits, guint, i), ==, i < 5 ? 60 : 120);

  iterate_until_done (&batch, 5);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 7);
  g_assert_cmpuint (hs_test_count_requests (f->server, NULL), ==, 5);

  f->clock_offset += 60 * G_TIME_SPAN_SECOND;
  hs_rate_limiter_process (limiter);
  iterate_until_done (&batch, 10);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 2);

  f->clock_offset += 60 * G_TIME_SPAN_SECOND;
  hs_rate_limiter_process (limiter);
  iterate_until_done (&batch, 12);

  g_assert_cmpuint (batch.n_ok, ==, 12);
  g_assert_cmpuint (batch.n_rate_limited, ==, 0);
  log = hs_test_log_for_path (f->server, NULL);
  g_assert_cmpuint (log->len, ==, 12);
  for (guint i = 0; i < log->len; i++)
    g_assert_cmpuint (hs_demo_request_get_status (g_ptr_array_index (log, i)), ==, 200);
  hs_demo_server_set_clock (f->server, NULL, NULL);
}

static void
test_rate_limiter_control (Fixture       *f,
                           gconstpointer  data)
{
  Batch batch = { 0 };

  /* The counter-test of test_rate_limiter: without our limiter the same
   * server does answer 429, so that test can fail. */
  hs_demo_server_set_requests_per_minute (f->server, 5);
  hs_rate_limiter_set_max_calls (hs_client_get_rate_limiter (f->client), 0);
  hs_config_set_max_retries (f->config, 0);

  for (guint i = 0; i < 6; i++)
    hs_client_get_note_async (f->client, SEED, NULL, NULL, batch_note_cb, &batch);
  iterate_until_done (&batch, 6);

  g_assert_cmpuint (batch.n_ok, ==, 5);
  g_assert_cmpuint (batch.n_rate_limited, ==, 1);
}

static void
test_config_requests_per_minute (Fixture       *f,
                                 gconstpointer  data)
{
  HsRateLimiter *limiter = hs_client_get_rate_limiter (f->client);

  g_assert_cmpuint (hs_rate_limiter_get_max_calls (limiter), ==, 100);
  g_assert_cmpint (hs_rate_limiter_get_window (limiter), ==, 60 * G_TIME_SPAN_SECOND);
  hs_config_set_requests_per_minute (f->config, 7);
  g_assert_cmpuint (hs_rate_limiter_get_max_calls (limiter), ==, 7);
}

static void
cancel_on_slow_cb (HsDemoServer  *server,
                   HsDemoRequest *request,
                   gpointer       user_data)
{
  if (g_str_has_suffix (hs_demo_request_get_path (request), HS_DEMO_FAULT_SLOW))
    g_cancellable_cancel (user_data);
}

static void
test_cancel_in_flight (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  gulong id;

  hs_demo_server_set_slow_delay_ms (f->server, 5000);
  id = g_signal_connect (f->server, "request-logged", G_CALLBACK (cancel_on_slow_cb), cancellable);

  note = get_note (f, HS_DEMO_FAULT_SLOW, NULL, cancellable, &error);
  g_assert_null (note);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (hs_test_count_requests (f->server, NULL), ==, 1);
  assert_waits (f, 0, 0);
  g_signal_handler_disconnect (f->server, id);
}

typedef struct
{
  HsRateLimiter *limiter;
  GCancellable  *cancellable;
} SlotCancel;

static gboolean
cancel_when_waiting_cb (gpointer user_data)
{
  SlotCancel *slot = user_data;

  if (hs_rate_limiter_get_n_waiting (slot->limiter) == 0)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (slot->cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_waiting_for_slot (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) first = NULL;
  g_autoptr(HsNote) second = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SlotCancel slot = { hs_client_get_rate_limiter (f->client), cancellable };

  hs_config_set_requests_per_minute (f->config, 1);
  first = get_note (f, SEED, NULL, NULL, &error);
  g_assert_no_error (error);

  /* The second call queues for a minute; cancel it while it waits. */
  g_idle_add (cancel_when_waiting_cb, &slot);
  second = get_note (f, SEED, NULL, cancellable, &error);
  g_assert_null (second);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (slot.limiter), ==, 0);
  g_assert_cmpuint (hs_test_count_requests (f->server, NULL), ==, 1);
  /* The wait was announced. */
  assert_waits (f, 1, HS_ERROR_RATE_LIMITED);
  g_assert_cmpuint (g_array_index (f->waits, guint, 0), >=, 59);
  g_assert_cmpuint (g_array_index (f->waits, guint, 0), <=, 60);
}

static void
test_cancel_during_retry_wait (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;

  /* A long backoff; waiting_cb cancels as soon as it is announced. */
  hs_config_set_retry_base_delay (f->config, 30 * G_TIME_SPAN_SECOND);
  hs_config_set_max_retry_wait (f->config, 60 * G_TIME_SPAN_SECOND);
  f->cancel_on_wait = g_cancellable_new ();

  note = get_note (f, HS_DEMO_FAULT_SERVER_ERROR, NULL, f->cancel_on_wait, &error);
  g_assert_null (note);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (hs_test_count_requests (f->server, NULL), ==, 1);
  g_assert_cmpuint (f->waits->len, ==, 1);
  /* 30 s ± 20 % jitter, rounded up. */
  g_assert_cmpuint (g_array_index (f->waits, guint, 0), >=, 24);
  g_assert_cmpuint (g_array_index (f->waits, guint, 0), <=, 36);
}

static void
test_redirect_cross_origin_refused (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *api_host = g_strdup_printf ("127.0.0.1:%u", hs_demo_server_get_port (f->server));
  HsDemoRequest *first;

  /* The API has no reason to send us to localhost, another origin: the
   * redirect is refused, not retried, and localhost is never asked. */
  note = get_note (f, HS_DEMO_FAULT_REDIRECT, NULL, NULL, &error);
  g_assert_null (note);
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE);
  g_assert_cmpint (hs_error_exit_code (error), ==, 8);

  log = hs_test_log_for_path (f->server, NULL);
  g_assert_cmpuint (log->len, ==, 1);
  first = g_ptr_array_index (log, 0);
  g_assert_cmpstr (hs_demo_request_get_header (first, "Host"), ==, api_host);
  g_assert_true (hs_demo_request_has_header (first, "Authorization"));
  g_assert_cmpuint (hs_demo_request_get_status (first), ==, 302);
  assert_waits (f, 0, 0);
}

static void
test_redirect_same_origin (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *base = g_strdup_printf ("http://localhost:%u", hs_demo_server_get_port (f->server));

  /* With localhost as the API base the demo serves the note there at once,
   * and the token goes along: it is the API origin. */
  g_assert_true (hs_config_set_api_base_url (f->config, base, &error));
  note = get_note (f, HS_DEMO_FAULT_REDIRECT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_note_id (note), ==, HS_DEMO_FAULT_REDIRECT);

  log = hs_test_log_for_path (f->server, NULL);
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_true (hs_demo_request_has_header (g_ptr_array_index (log, 0), "Authorization"));
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autofree char *path = note_path (HS_DEMO_FAULT_SLOW);

  hs_demo_server_set_slow_delay_ms (f->server, 5000);
  hs_config_set_request_timeout (f->config, 200 * G_TIME_SPAN_MILLISECOND);
  hs_config_set_max_retries (f->config, 1);

  note = get_note (f, HS_DEMO_FAULT_SLOW, NULL, NULL, &error);
  g_assert_null (note);
  g_assert_error (error, HS_ERROR, HS_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "timed out"));
  g_assert_cmpint (hs_error_exit_code (error), ==, 7);
  g_assert_cmpuint (hs_test_count_requests (f->server, path), ==, 2);
  assert_waits (f, 1, HS_ERROR_NETWORK);
}

static char *
resolve (Fixture     *f,
         const char  *url,
         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hs_client_resolve_short_link_async (f->client, url, NULL, hs_test_store_result_cb, &result);
  return hs_client_resolve_short_link_finish (f->client, hs_test_await_result (&result), error);
}

static void
test_short_link (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *short_base = hs_demo_server_get_short_link_base (f->server);
  g_autofree char *url = g_strconcat (short_base, "/a/", HS_DEMO_SHORT_LINK_CODE, NULL);
  g_autofree char *chain = g_strconcat (short_base, "/a/", HS_DEMO_SHORT_LINK_CODE_CHAIN, NULL);
  g_autofree char *no_note = g_strconcat (short_base, "/a/", HS_DEMO_SHORT_LINK_CODE_NO_NOTE, NULL);
  g_autofree char *missing = g_strconcat (short_base, "/a/Missing", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  char *note_id;

  note_id = resolve (f, url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note_id, ==, SEED);
  g_free (note_id);

  log = hs_test_log_for_path (f->server, NULL);
  /* One request, without the token, and the note page was not fetched. */
  g_assert_cmpuint (log->len, ==, 1);
  g_assert_cmpstr (hs_demo_request_get_path (g_ptr_array_index (log, 0)), ==,
                   "/xhslink/a/" HS_DEMO_SHORT_LINK_CODE);
  g_assert_false (hs_demo_request_has_header (g_ptr_array_index (log, 0), "Authorization"));
  g_clear_pointer (&log, g_ptr_array_unref);

  hs_demo_server_clear_request_log (f->server);
  note_id = resolve (f, chain, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note_id, ==, SEED);
  g_free (note_id);
  log = hs_test_log_for_path (f->server, NULL);
  g_assert_cmpuint (log->len, ==, 2);
  for (guint i = 0; i < log->len; i++)
    g_assert_false (hs_demo_request_has_header (g_ptr_array_index (log, i), "Authorization"));

  note_id = resolve (f, no_note, &error);
  g_assert_null (note_id);
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE);
  g_clear_error (&error);

  note_id = resolve (f, missing, &error);
  g_assert_null (note_id);
  g_assert_error (error, HS_ERROR, HS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  note_id = resolve (f, "javascript:alert(1)", &error);
  g_assert_null (note_id);
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE);

  /* Short links are not API calls: none went through the limiter. */
  assert_waits (f, 0, 0);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) tag_result = NULL;
  g_autoptr(GAsyncResult) bad_result = NULL;
  g_autoptr(HsSearchPage) page = NULL;
  g_autoptr(HsSearchPage) tag_page = NULL;
  g_autoptr(HsSearchPage) bad_page = NULL;
  g_autoptr(GPtrArray) log = NULL;
  HsDemoRequest *request;

  hs_note_source_search_async (HS_NOTE_SOURCE (f->client), "美妆", FALSE, 1, 3, NULL, hs_test_store_result_cb, &result);
  page = hs_note_source_search_finish (HS_NOTE_SOURCE (f->client), hs_test_await_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hs_search_page_get_page (page), ==, 1);
  g_assert_cmpint (hs_search_page_get_size (page), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (hs_search_page_get_items (page)), ==, 3);
  g_assert_cmpint (hs_search_page_get_total (page), >, 3);
  g_assert_true (hs_search_page_get_has_more (page));

  log = hs_test_log_for_path (f->server, "/v1/notes/search");
  g_assert_cmpuint (log->len, ==, 1);
  request = g_ptr_array_index (log, 0);
  g_assert_cmpstr (hs_demo_request_get_query_param (request, "keyword"), ==, "美妆");
  g_assert_cmpstr (hs_demo_request_get_query_param (request, "page"), ==, "1");
  g_assert_cmpstr (hs_demo_request_get_query_param (request, "size"), ==, "3");
  g_assert_null (hs_demo_request_get_query_param (request, "tag"));
  g_assert_true (hs_demo_request_has_header (request, "Authorization"));

  hs_note_source_search_async (HS_NOTE_SOURCE (f->client), "美妆", TRUE, 1, 20, NULL, hs_test_store_result_cb, &tag_result);
  tag_page = hs_note_source_search_finish (HS_NOTE_SOURCE (f->client), hs_test_await_result (&tag_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hs_search_page_get_items (tag_page)), >, 0);
  g_clear_pointer (&log, g_ptr_array_unref);
  log = hs_test_log_for_path (f->server, "/v1/notes/search");
  g_assert_cmpstr (hs_demo_request_get_query_param (g_ptr_array_index (log, 1), "tag"), ==, "美妆");

  /* Out of range: refused before any request. */
  hs_note_source_search_async (HS_NOTE_SOURCE (f->client), "美妆", FALSE, 1, 51, NULL, hs_test_store_result_cb, &bad_result);
  bad_page = hs_note_source_search_finish (HS_NOTE_SOURCE (f->client), hs_test_await_result (&bad_result), &error);
  g_assert_null (bad_page);
  g_assert_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST);
  g_assert_cmpuint (hs_test_count_requests (f->server, NULL), ==, 2);
}

static void
test_parse_in_thread (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autoptr(HsNote) missing = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(HsSearchPage) page = NULL;
  g_autofree char *path = note_path (HS_DEMO_FAULT_CODE_IN_BODY);

  /* A small body is parsed in place. */
  note = get_note (f, SEED, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hs_client_get_worker_parses (f->client), ==, 0);
  g_clear_object (&note);

  /* Every body goes through the worker thread, as a large one would: the
   * parse is seen to run on another thread than this one. */
  hs_client_set_parse_in_thread_bytes (f->client, 0);

  note = get_note (f, SEED, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_title (note), ==, "春季美妆新品推荐");
  g_assert_cmpuint (hs_client_get_worker_parses (f->client), ==, 1);

  missing = get_note (f, HS_DEMO_FAULT_CODE_IN_BODY, NULL, NULL, &error);
  g_assert_null (missing);
  g_assert_error (error, HS_ERROR, HS_ERROR_NOT_FOUND);
  g_assert_cmpuint (hs_test_count_requests (f->server, path), ==, 1);
  g_clear_error (&error);

  hs_note_source_search_async (HS_NOTE_SOURCE (f->client), "美妆", FALSE, 1, 2, NULL, hs_test_store_result_cb, &result);
  page = hs_note_source_search_finish (HS_NOTE_SOURCE (f->client), hs_test_await_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hs_search_page_get_items (page)), ==, 2);
  g_assert_cmpuint (hs_client_get_worker_parses (f->client), ==, 3);
}

static void
test_concurrent_calls (Fixture       *f,
                       gconstpointer  data)
{
  Batch batch = { 0 };

  /* Many calls at once through one client share its session. */
  for (guint i = 0; i < 40; i++)
    hs_client_get_note_async (f->client, SEED, NULL, NULL, batch_note_cb, &batch);
  iterate_until_done (&batch, 40);
  g_assert_cmpuint (batch.n_ok, ==, 40);
  g_assert_cmpuint (hs_test_count_requests (f->server, NULL), ==, 40);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/client/get-note", test_get_note);
  ADD ("/client/wrong-token", test_wrong_token);
  ADD ("/client/error-rows", test_error_rows);
  ADD ("/client/server-message", test_server_message);
  ADD ("/client/rate-limited-gives-up", test_rate_limited_gives_up);
  ADD ("/client/retry-after-honoured", test_retry_after_honoured);
  g_test_add_func ("/client/parse-retry-after", test_parse_retry_after);
  ADD ("/client/flaky-recovers", test_flaky_recovers);
  ADD ("/client/server-error-gives-up", test_server_error_gives_up);
  ADD ("/client/network-error", test_network_error);
  ADD ("/client/oversized", test_oversized);
  ADD ("/client/signing", test_signing);
  ADD ("/client/signing-search", test_signing_search);
  ADD ("/client/fields", test_fields);
  ADD ("/client/invalid-note-id", test_invalid_note_id);
  ADD ("/client/rate-limiter", test_rate_limiter);
  ADD ("/client/rate-limiter-control", test_rate_limiter_control);
  ADD ("/client/config-requests-per-minute", test_config_requests_per_minute);
  ADD ("/client/cancel-in-flight", test_cancel_in_flight);
  ADD ("/client/cancel-waiting-for-slot", test_cancel_waiting_for_slot);
  ADD ("/client/cancel-during-retry-wait", test_cancel_during_retry_wait);
  ADD ("/client/redirect-cross-origin-refused", test_redirect_cross_origin_refused);
  ADD ("/client/redirect-same-origin", test_redirect_same_origin);
  ADD ("/client/timeout", test_timeout);
  ADD ("/client/short-link", test_short_link);
  ADD ("/client/search", test_search);
  ADD ("/client/parse-in-thread", test_parse_in_thread);
  ADD ("/client/concurrent-calls", test_concurrent_calls);

  return g_test_run ();
}
