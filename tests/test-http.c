#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <gio/gio.h>
#include <libsoup/soup.h>

#include "hs-client.h"
#include "hs-config.h"
#include "hs-demo-server.h"
#include "hs-error.h"
#include "hs-http.h"
#include "hs-note-source.h"
#include "hs-test-support.h"

/* HsHttpExchange and what the client makes of it, over real HTTP on
 * 127.0.0.1: the credential rule, hostile headers (a raw socket server
 * writes what no HTTP library would), deep JSON in an error body, the
 * deadline of a whole call, and HsClient as a note source. */

/* A header far over libsoup's limit of its header buffer. */
#define HUGE_HEADER_BYTES (512 * 1024)

typedef struct
{
  HsDemoServer *server;
  const char   *base;
  HsConfig     *config;
  HsClient     *client;
} Fixture;

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
  hs_config_set_retry_base_delay (f->config, 5 * G_TIME_SPAN_MILLISECOND);
  hs_config_set_max_retry_wait (f->config, 20 * G_TIME_SPAN_MILLISECOND);
  f->client = hs_client_new (f->config);
  hs_client_set_access_token (f->client, HS_DEMO_ACCESS_TOKEN);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->client);
  g_clear_object (&f->config);
  hs_test_demo_server_finish (f->server);
}

static HsNote *
get_note (Fixture     *f,
          const char  *note_id,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hs_client_get_note_async (f->client, note_id, NULL, NULL, hs_test_store_result_cb, &result);
  return hs_client_get_note_finish (f->client, hs_test_await_result (&result), NULL, error);
}

/* A server that answers every connection with @response, raw. */
typedef struct
{
  GSocketService *service;
  guint16         port;
  const char     *response;
  gsize           response_len;
  guint           connections;
} RawServer;

static gboolean
raw_incoming_cb (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source,
                 gpointer           user_data)
{
  RawServer *raw = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  raw->connections++;
  /* Small and local: the request sits in the socket buffer unread. */
  g_output_stream_write_all (out, raw->response, raw->response_len, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
raw_server_start (RawServer  *raw,
                  const char *response,
                  gsize       response_len)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  raw->service = g_socket_service_new ();
  raw->response = response;
  raw->response_len = response_len;
  g_socket_listener_add_address (G_SOCKET_LISTENER (raw->service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  raw->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (raw->service, "incoming", G_CALLBACK (raw_incoming_cb), raw);
  g_socket_service_start (raw->service);
}

static void
raw_server_stop (RawServer *raw)
{
  g_socket_service_stop (raw->service);
  g_socket_listener_close (G_SOCKET_LISTENER (raw->service));
  g_clear_object (&raw->service);
}

static void
assert_hostile_header_refused (Fixture    *f,
                               const char *response,
                               gsize       response_len)
{
  RawServer raw = { 0 };
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;

  raw_server_start (&raw, response, response_len);
  base = g_strdup_printf ("http://127.0.0.1:%u", raw.port);
  g_assert_true (hs_config_set_api_base_url (f->config, base, &error));

  note = get_note (f, HS_DEMO_SEED_NOTE_ID, &error);
  g_assert_null (note);
  /* An invalid response (exit 8), not a network error: asking again gets
   * the same header, so there is exactly one connection. */
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE);
  g_assert_cmpint (hs_error_exit_code (error), ==, 8);
  g_assert_cmpuint (raw.connections, ==, 1);

  raw_server_stop (&raw);
}

static void
test_header_too_big (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) response = g_string_new ("HTTP/1.1 200 OK\r\nX-Big: ");

  for (gsize i = 0; i < HUGE_HEADER_BYTES; i++)
    g_string_append_c (response, 'a');
  g_string_append (response, "\r\nContent-Length: 2\r\n\r\n{}");
  assert_hostile_header_refused (f, response->str, response->len);
}

static void
test_header_nul (Fixture       *f,
                 gconstpointer  data)
{
  static const char response[] = "HTTP/1.1 200 OK\r\nX-Nul: a\0b\r\nContent-Length: 2\r\n\r\n{}";

  assert_hostile_header_refused (f, response, sizeof response - 1);
}

static void
test_deep_error_body (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;

  /* 64 KiB of "[" in a 400: scanned and refused before json-glib, so the
   * error is the status's own. */
  note = get_note (f, HS_DEMO_FAULT_DEEP_ERROR, &error);
  g_assert_null (note);
  g_assert_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST);
}

static void
limit_stack_cb (gpointer user_data)
{
  struct rlimit limit = { 4 * 1024 * 1024, 4 * 1024 * 1024 };

  setrlimit (RLIMIT_STACK, &limit);
}

static void
test_deep_error_body_cli (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(HsTestRun) run = { 0 };
  const char * const args[] = { "get", HS_DEMO_FAULT_DEEP_ERROR, NULL };

  /* json-glib would need 6 to 7 MiB of stack for the body; with the scan
   * hongshu-cli stays within 4 MiB and reports a bad request (exit 2)
   * instead of dying of SIGSEGV. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, limit_stack_cb, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "HONGSHU_API_BASE_URL", f->base, TRUE);
  g_subprocess_launcher_setenv (launcher, "HONGSHU_ACCESS_TOKEN", HS_DEMO_ACCESS_TOKEN, TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  if (!hs_test_run_cli (launcher, NULL, args, NULL, &run))
    return;
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_deadline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;
  g_autofree char *path = g_strconcat ("/v1/notes/", HS_DEMO_FAULT_RATE_LIMITED, NULL);

  /* Retry-After: 2 honoured in full, but the call may take 1 s in all:
   * the retry that could not start in time is not made. */
  hs_config_set_max_retry_wait (f->config, 10 * G_TIME_SPAN_SECOND);
  hs_client_set_deadline (f->client, G_TIME_SPAN_SECOND);
  g_assert_cmpint (hs_client_get_deadline (f->client), ==, G_TIME_SPAN_SECOND);

  note = get_note (f, HS_DEMO_FAULT_RATE_LIMITED, &error);
  g_assert_null (note);
  g_assert_error (error, HS_ERROR, HS_ERROR_RATE_LIMITED);
  g_assert_cmpuint (hs_test_count_requests (f->server, path), ==, 1);
}

static HsHttpRedirectAction
follow_cb (HsHttpExchange  *exchange,
           GUri            *from,
           GUri            *to,
           gpointer         user_data,
           GError         **error)
{
  (*(guint *) user_data)++;
  return HS_HTTP_REDIRECT_FOLLOW;
}

/* An exchange for the demo's note @note_id with the token bound to the
 * demo's origin. */
static HsHttpExchange *
note_exchange (Fixture     *f,
               SoupSession *session,
               const char  *note_id)
{
  g_autofree char *url = g_strconcat (f->base, "/v1/notes/", note_id, NULL);
  g_autoptr(GUri) uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  HsHttpExchange *exchange = hs_http_exchange_new (session, uri);

  hs_http_exchange_set_credential (exchange, uri, "Authorization", "Bearer " HS_DEMO_ACCESS_TOKEN);
  return exchange;
}

static void
send_and_wait (HsHttpExchange *exchange)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hs_http_exchange_send_async (exchange, NULL, hs_test_store_result_cb, &result);
  g_assert_true (hs_http_exchange_send_finish (exchange, hs_test_await_result (&result), &error));
  g_assert_no_error (error);
}

static void
test_credential_stays_home (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(HsHttpExchange) exchange = note_exchange (f, session, HS_DEMO_FAULT_REDIRECT);
  g_autoptr(GPtrArray) log = NULL;
  guint redirects = 0;

  /* The exchange follows the demo's redirect to localhost (another
   * origin); the credential bound to 127.0.0.1 stays behind, the plain
   * header goes along, and the final URL and status are the last hop's. */
  hs_http_exchange_set_header (exchange, "Accept", "application/json");
  hs_http_exchange_set_redirect_func (exchange, follow_cb, &redirects);
  send_and_wait (exchange);

  g_assert_cmpuint (redirects, ==, 1);
  g_assert_cmpuint (hs_http_exchange_get_redirects (exchange), ==, 1);
  g_assert_cmpstr (g_uri_get_host (hs_http_exchange_get_uri (exchange)), ==, "localhost");
  /* Without the token, the demo answers 401. */
  g_assert_cmpuint (hs_http_exchange_get_status (exchange), ==, 401);
  g_assert_nonnull (hs_http_exchange_get_body (exchange));

  log = hs_test_log_for_path (f->server, NULL);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_true (hs_demo_request_has_header (g_ptr_array_index (log, 0), "Authorization"));
  g_assert_false (hs_demo_request_has_header (g_ptr_array_index (log, 1), "Authorization"));
}

static void
test_body_cap (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(HsHttpExchange) exchange = note_exchange (f, session, HS_DEMO_FAULT_OVERSIZED);

  hs_http_exchange_set_body_limits (exchange, 100 * 1024, 100 * 1024);
  send_and_wait (exchange);

  /* Cut off while reading: no body, and not much more read than the cap
   * (the demo sends 9 MiB). */
  g_assert_true (hs_http_exchange_get_body_too_big (exchange));
  g_assert_null (hs_http_exchange_get_body (exchange));
  g_assert_cmpuint (hs_http_exchange_get_bytes_read (exchange), >, 100 * 1024);
  g_assert_cmpuint (hs_http_exchange_get_bytes_read (exchange), <, 1024 * 1024);
}

static void
test_note_source (Fixture       *f,
                  gconstpointer  data)
{
  HsNoteSource *source = HS_NOTE_SOURCE (f->client);
  g_autofree char *short_base = hs_demo_server_get_short_link_base (f->server);
  g_autoptr(HsNoteRef) ref = NULL;
  g_autoptr(HsNoteRef) resolved = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;

  g_assert_cmpstr (hs_note_source_get_id (source), ==, "api");
  g_assert_nonnull (hs_note_source_get_display_name (source));
  g_assert_true (hs_note_source_can (source, HS_NOTE_SOURCE_CAN_SEARCH | HS_NOTE_SOURCE_NEEDS_TOKEN));
  g_assert_false (hs_note_source_can (source, HS_NOTE_SOURCE_NEEDS_SIGN_IN));

  /* A short link in a share text: followed (in the demo), and the
   * reference it resolves to keeps the link's query string. */
  hs_client_set_short_link_base (f->client, short_base);
  ref = hs_note_ref_new_from_text ("看看 http://xhslink.com/a/" HS_DEMO_SHORT_LINK_CODE " 复制本条信息", &error);
  g_assert_no_error (error);
  g_assert_null (hs_note_ref_get_note_id (ref));
  hs_note_source_get_note_async (source, ref, NULL, hs_test_store_result_cb, &result);
  note = hs_note_source_get_note_finish (source, hs_test_await_result (&result), &resolved, &warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hs_note_get_note_id (note), ==, HS_DEMO_SEED_NOTE_ID);
  g_assert_nonnull (warnings);
  g_assert_cmpstr (hs_note_ref_get_note_id (resolved), ==, HS_DEMO_SEED_NOTE_ID);
  g_assert_nonnull (strstr (hs_note_ref_get_link (resolved), "xsec_token=AB"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/http/header-too-big", test_header_too_big);
  ADD ("/http/header-nul", test_header_nul);
  ADD ("/http/deep-error-body", test_deep_error_body);
  ADD ("/http/deep-error-body-cli", test_deep_error_body_cli);
  ADD ("/http/deadline", test_deadline);
  ADD ("/http/credential-stays-home", test_credential_stays_home);
  ADD ("/http/body-cap", test_body_cap);
  ADD ("/http/note-source", test_note_source);

  return g_test_run ();
}
