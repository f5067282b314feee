/* HsContentView in a real window against an in-process demo server on 127.0.0.1: the body
 * renders with its pictures, which come through the media loader with the CDN's Referer
 * and without the token; hostile markup loads nothing and navigates nowhere. */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <webkit/webkit.h>

#include "hs-client.h"
#include "hs-config.h"
#include "hs-content-html.h"
#include "hs-content-view.h"
#include "hs-demo-server.h"
#include "hs-image.h"
#include "hs-media-loader.h"
#include "hs-test-support.h"

#define TEST_WORLD "hongshu-test"

static HsDemoServer *server;
static HsMediaLoader *loader;
static HsClient *client;
static GtkWindow *window;
static GtkScrolledWindow *scrolled_window;
static HsContentView *view;
static char *cache_dir;
static GPtrArray *activated_links;   /* char* */
static GPtrArray *navigations;       /* char*: every navigation WebKit asked about */

static gboolean
is_loaded (gconstpointer data)
{
  return hs_content_view_get_is_loaded (view);
}

static gboolean
is_not_loaded (gconstpointer data)
{
  return !hs_content_view_get_is_loaded (view);
}

/* Runs @script in a world of the test's own (it shares the page's DOM) and returns its
 * value as a string. */
static void
evaluated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);

  g_assert_no_error (error);
  *out = jsc_value_to_string (value);
}

static char *
evaluate (const char *script)
{
  char *result = NULL;

  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (hs_content_view_get_web_view (view)),
                                       script, -1, TEST_WORLD, NULL, NULL, evaluated_cb, &result);
  hs_test_wait_for (hs_test_pointer_is_set, &result, script);

  return result;
}

static void
assert_evaluates_to (const char *script,
                     const char *expected)
{
  g_autofree char *value = evaluate (script);

  g_test_message ("%s -> %s", script, value);
  g_assert_cmpstr (value, ==, expected);
}

static void
show_note (HsNote *note)
{
  hs_content_view_set_note (view, note);
  g_assert_true (hs_content_view_get_note (view) == note);
  g_assert_false (hs_content_view_get_is_loaded (view));
  hs_test_wait_for (is_loaded, NULL, "the body to load");
}

static guint
count_requests (const char *path_prefix,
                gboolean    with_media_referer_only)
{
  g_autoptr(GPtrArray) log = hs_demo_server_get_request_log (server);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    {
      HsDemoRequest *request = g_ptr_array_index (log, i);

      if (!g_str_has_prefix (hs_demo_request_get_path (request), path_prefix))
        continue;
      if (with_media_referer_only
          && (g_strcmp0 (hs_demo_request_get_header (request, "Referer"), HS_DEMO_MEDIA_REFERER) != 0
              || hs_demo_request_has_header (request, "Authorization")))
        continue;
      n++;
    }

  return n;
}

static void
assert_no_probe_requests (void)
{
  g_autoptr(GPtrArray) log = hs_demo_server_get_request_log (server);

  for (guint i = 0; i < log->len; i++)
    {
      HsDemoRequest *request = g_ptr_array_index (log, i);

      if (g_str_has_prefix (hs_demo_request_get_path (request), "/remote-probe/"))
        g_error ("The body made a request to %s", hs_demo_request_get_path (request));
    }
}

static gboolean
page_fits (gconstpointer data)
{
  g_autofree char *fits = evaluate ("document.documentElement.scrollHeight <= window.innerHeight "
                                    "&& window.innerHeight == Math.ceil(document.body.getBoundingClientRect().height)");

  return g_strcmp0 (fits, "true") == 0;
}

static void
test_body_loads (void)
{
  g_autoptr(HsNote) note = hs_test_fetch_note (client, HS_DEMO_SEED_NOTE_ID);
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (scrolled_window);

  hs_demo_server_clear_request_log (server);
  show_note (note);

  /* The text is there, in our document. */
  assert_evaluates_to ("document.body.innerText.includes('今天分享几款超火的美妆新品')", "true");
  assert_evaluates_to ("document.querySelector('meta[charset]').getAttribute('charset')", "utf-8");
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (hs_content_view_get_web_view (view))), ==, "about:blank");

  /* Its inline picture came through our scheme and decoded (a WebP of 800×1000). */
  assert_evaluates_to ("document.images.length", "1");
  assert_evaluates_to ("document.images[0].src.startsWith('hs-media:///image?u=')", "true");
  assert_evaluates_to ("document.images[0].naturalWidth + 'x' + document.images[0].naturalHeight", "800x1000");

  /* …fetched from the CDN with the Referer and without the token. */
  g_assert_cmpuint (count_requests ("/cdn/img/lipstick.webp", FALSE), >=, 1);
  g_assert_cmpuint (count_requests ("/cdn/img/lipstick.webp", FALSE), ==,
                    count_requests ("/cdn/img/lipstick.webp", TRUE));

  /* The view is as tall as the body, so the window's scrolled window is the only one. */
  {
    g_autofree char *height = evaluate ("Math.ceil(document.body.getBoundingClientRect().height)");

    g_assert_cmpint (hs_content_view_get_content_height (view), ==, atoi (height));
    g_assert_cmpint (hs_content_view_get_content_height (view), >, 300);
    g_assert_cmpint (gtk_widget_get_height (hs_content_view_get_web_view (view)), ==,
                     hs_content_view_get_content_height (view));
    /* WebKit learns its new size a little later: then nothing is left to scroll inside. */
    hs_test_wait_for (page_fits, NULL, "the page to fit its view");
    g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >=, hs_content_view_get_content_height (view));
  }
}

static gboolean
height_is (gconstpointer data)
{
  return hs_content_view_get_content_height (view) == GPOINTER_TO_INT (data);
}

static gboolean
widths_are (gconstpointer data)
{
  int width = GPOINTER_TO_INT (data);
  g_autofree char *page_width = NULL;

  if (gtk_widget_get_width (GTK_WIDGET (view)) != width)
    return FALSE;

  page_width = evaluate ("window.innerWidth");

  return atoi (page_width) == width;
}

static gboolean
height_is_body_height (gconstpointer data)
{
  g_autofree char *height = evaluate ("Math.ceil(document.body.getBoundingClientRect().height)");

  return hs_content_view_get_content_height (view) == atoi (height);
}

/* Gives the view @width and waits until the page has it and the view has measured the
 * reflowed body. */
static int
resize_view (int width)
{
  gtk_widget_set_size_request (GTK_WIDGET (view), width, -1);
  hs_test_wait_for (widths_are, GINT_TO_POINTER (width), "the new width");
  hs_test_wait_for (height_is_body_height, NULL, "the height to follow the width");

  return hs_content_view_get_content_height (view);
}

static void
test_height_follows_width (void)
{
  g_autoptr(HsNote) note = hs_test_fetch_note (client, HS_DEMO_SEED_NOTE_ID);
  int wide_height;
  int narrow_height;

  if (hs_content_view_get_note (view) != note)
    show_note (note);

  gtk_widget_set_halign (GTK_WIDGET (view), GTK_ALIGN_START);
  wide_height = resize_view (600);
  /* Narrower means more lines and a smaller picture: the view follows its content. */
  narrow_height = resize_view (300);
  g_assert_cmpint (narrow_height, !=, wide_height);
  g_assert_cmpint (resize_view (600), ==, wide_height);

  gtk_widget_set_size_request (GTK_WIDGET (view), -1, -1);
  gtk_widget_set_halign (GTK_WIDGET (view), GTK_ALIGN_FILL);
}

static void
test_hostile_sample (void)
{
  g_autoptr(HsNote) note = hs_test_fetch_note (client, HS_DEMO_FAULT_HOSTILE_HTML);

  hs_demo_server_clear_request_log (server);
  show_note (note);

  /* No script ran, none is even in the document. */
  assert_evaluates_to ("document.title", "");
  assert_evaluates_to ("document.scripts.length", "0");
  assert_evaluates_to ("document.querySelectorAll('[onerror], [onmouseover]').length", "0");
  /* The ordinary CDN picture shows; the remote one was dropped before it could load. */
  assert_evaluates_to ("document.querySelector('img[alt=\"正常的图片\"]').naturalWidth > 0", "true");
  assert_evaluates_to ("document.querySelector('img[alt=\"远程图片\"]').hasAttribute('src')", "false");
  g_assert_cmpuint (count_requests ("/cdn/img/kitty.png", TRUE), >=, 1);

  /* Scripts, frames, objects, stylesheets, CSS url()s, media, forms, the remote picture:
   * none of them made a request. */
  assert_no_probe_requests ();
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (hs_content_view_get_web_view (view))), ==, "about:blank");
}

static gboolean
activate_link_cb (HsContentView *content_view,
                  const char    *uri,
                  gpointer       user_data)
{
  g_ptr_array_add (activated_links, g_strdup (uri));

  /* Handled: no browser in the tests. */
  return TRUE;
}

static gboolean
navigation_hook_cb (GSignalInvocationHint *hint,
                    guint                  n_params,
                    const GValue          *params,
                    gpointer               user_data)
{
  WebKitPolicyDecision *decision = g_value_get_object (&params[1]);

  if (WEBKIT_IS_NAVIGATION_POLICY_DECISION (decision))
    {
      WebKitNavigationAction *action =
        webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));

      g_ptr_array_add (navigations, g_strdup (webkit_uri_request_get_uri (webkit_navigation_action_get_request (action))));
    }

  return TRUE;
}

static gboolean
n_links_is (gconstpointer data)
{
  return activated_links->len == GPOINTER_TO_UINT (data);
}

static gboolean
navigated_to (gconstpointer data)
{
  for (guint i = 0; i < navigations->len; i++)
    if (g_str_has_suffix (g_ptr_array_index (navigations, i), data))
      return TRUE;

  return FALSE;
}

static HsNote *
hostile_note (void)
{
  g_autofree char *cdn = hs_demo_server_get_cdn_base_url (server);
  g_autofree char *probe = g_strdup_printf ("%s/remote-probe", hs_demo_server_get_base_url (server));
  g_autofree char *smuggled_url = g_strdup_printf ("%s/css-smuggle.png", probe);
  g_autofree char *smuggled = hs_media_uri_for_url (smuggled_url);
  g_autofree char *kitty = g_strdup_printf ("%s/img/kitty.png", cdn);
  g_autoptr(GListStore) images = g_list_store_new (HS_TYPE_IMAGE);
  g_autoptr(GListStore) videos = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(HsImage) image = hs_image_new (kitty);
  g_autofree char *content = NULL;

  content = g_strdup_printf ("<p id=\"text\">链接测试</p>"
                             "<p><a id=\"js\" href=\"javascript:fetch('%s/js-link')\">js</a></p>"
                             "<p><a id=\"file\" href=\"file:///etc/passwd\">file</a></p>"
                             "<p><a id=\"scheme\" href=\"%s\">scheme</a></p>"
                             "<p><a id=\"blank\" target=\"_blank\" href=\"%s/blank\">blank</a></p>"
                             "<p><a id=\"web\" href=\"%s/clicked?x=1\">web</a></p>"
                             "<p id=\"smuggle\" style=\"background: url(%s)\">css</p>"
                             "<img id=\"remote\" src=\"%s/img.png\">"
                             "<img id=\"ok\" src=\"%s\">"
                             "<meta http-equiv=\"refresh\" content=\"0;url=%s/refresh\">",
                             probe, smuggled, probe, probe, smuggled, probe, kitty, probe);

  g_list_store_append (images, image);

  return g_object_new (HS_TYPE_NOTE,
                       "note-id", "0123456789abcdef01234567",
                       "title", "hostile",
                       "content", content,
                       "images", images,
                       "videos", videos,
                       NULL);
}

static void
test_links_and_navigation (void)
{
  g_autoptr(HsNote) note = hostile_note ();
  g_autofree char *web = g_strdup_printf ("%s/remote-probe/clicked?x=1", hs_demo_server_get_base_url (server));
  g_autofree char *blank = g_strdup_printf ("%s/remote-probe/blank", hs_demo_server_get_base_url (server));
  gulong handler;
  gulong hook;

  handler = g_signal_connect (view, "activate-link", G_CALLBACK (activate_link_cb), NULL);
  hook = g_signal_add_emission_hook (g_signal_lookup ("decide-policy", WEBKIT_TYPE_WEB_VIEW), 0,
                                     navigation_hook_cb, NULL, NULL);
  g_ptr_array_set_size (activated_links, 0);
  g_ptr_array_set_size (navigations, 0);
  hs_demo_server_clear_request_log (server);

  show_note (note);
  assert_evaluates_to ("document.getElementById('ok').naturalWidth > 0", "true");
  assert_evaluates_to ("document.getElementById('remote').hasAttribute('src')", "false");

  /* The meta refresh was dropped by the rewriter (the navigation policy would refuse it
   * too); the clicks below are the sync point for it never asking. */
  assert_evaluates_to ("document.querySelectorAll('meta[http-equiv=refresh]').length", "0");
  assert_evaluates_to ("document.getElementById('text').textContent", "链接测试");

  /* Clicks on javascript:, file: and hs-media: links go nowhere; then an http link goes to
   * the browser (here: the handler), which is the sync point for the earlier clicks. */
  assert_evaluates_to ("document.getElementById('js').click(); 'clicked'", "clicked");
  assert_evaluates_to ("document.getElementById('file').click(); 'clicked'", "clicked");
  assert_evaluates_to ("document.getElementById('scheme').click(); 'clicked'", "clicked");
  assert_evaluates_to ("document.getElementById('web').click(); 'clicked'", "clicked");
  hs_test_wait_for (n_links_is, GUINT_TO_POINTER (1), "the http link");
  g_assert_cmpstr (g_ptr_array_index (activated_links, 0), ==, web);

  /* A link to a new window is the browser's too. */
  assert_evaluates_to ("document.getElementById('blank').click(); 'clicked'", "clicked");
  hs_test_wait_for (n_links_is, GUINT_TO_POINTER (2), "the target=_blank link");
  g_assert_cmpstr (g_ptr_array_index (activated_links, 1), ==, blank);

  /* Still our document, and nothing was fetched but the allowed picture: not the
   * javascript: link, not the remote <img>, not the address smuggled into the CSS (the
   * picture itself may have come from the loader's cache). */
  assert_evaluates_to ("document.getElementById('text').textContent", "链接测试");
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (hs_content_view_get_web_view (view))), ==, "about:blank");
  g_assert_false (navigated_to ("passwd"));
  g_assert_false (navigated_to ("/remote-probe/refresh"));
  assert_no_probe_requests ();
  g_assert_true (hs_content_view_get_is_loaded (view));

  g_signal_remove_emission_hook (g_signal_lookup ("decide-policy", WEBKIT_TYPE_WEB_VIEW), hook);
  g_signal_handler_disconnect (view, handler);
}


/* A loopback listener that only counts: a preconnect opens a TCP connection without ever
 * sending a request, so what counts here is every accepted socket. */
typedef struct
{
  GSocketService *service;
  guint16         port;
  guint           n_accepted;
} Listener;

static gboolean
listener_incoming_cb (GSocketService    *service,
                      GSocketConnection *connection,
                      GObject           *source_object,
                      gpointer           user_data)
{
  Listener *listener = user_data;

  listener->n_accepted++;
  g_test_message ("listener on port %u accepted connection %u", listener->port, listener->n_accepted);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
listener_start (Listener *listener)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  listener->service = g_socket_service_new ();
  listener->n_accepted = 0;
  g_socket_listener_add_address (G_SOCKET_LISTENER (listener->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                 &effective, &error);
  g_assert_no_error (error);
  listener->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (listener->service, "incoming", G_CALLBACK (listener_incoming_cb), listener);
  g_socket_service_start (listener->service);
}

/* Accepts what the kernel already holds for the listener, then stops it. */
static void
listener_stop (Listener *listener)
{
  for (guint i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  g_socket_service_stop (listener->service);
  g_socket_listener_close (G_SOCKET_LISTENER (listener->service));
  g_clear_object (&listener->service);
}

/* Every way a document asks the engine to reach a host ahead of time, or behind the
 * user's click, aimed at @port. */
static char *
early_connection_markup (guint16 port)
{
  return g_strdup_printf ("<link rel=\"preconnect\" href=\"http://127.0.0.1:%u/\">"
                          "<link rel=\"dns-prefetch\" href=\"//127.0.0.1:%u/\">"
                          "<link rel=\"preload\" as=\"image\" href=\"http://127.0.0.1:%u/preload.png\">"
                          "<link rel=\"preload\" as=\"style\" href=\"http://127.0.0.1:%u/preload.css\">"
                          "<link rel=\"prefetch\" href=\"http://127.0.0.1:%u/prefetch\">"
                          "<p id=\"text\">预连接测试</p>"
                          "<p><a id=\"ping\" ping=\"http://127.0.0.1:%u/ping\" "
                          "href=\"http://127.0.0.1:%u/pinged\">ping</a></p>",
                          port, port, port, port, port, port, port);
}

/* The note body through the view (rewriter, content security policy and settings): the
 * listener must never see a connection. */
static void
test_no_early_connections (void)
{
  g_autofree char *cdn = hs_demo_server_get_cdn_base_url (server);
  g_autofree char *kitty = g_strdup_printf ("%s/img/kitty.png", cdn);
  g_autoptr(GListStore) images = g_list_store_new (HS_TYPE_IMAGE);
  g_autoptr(GListStore) videos = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(HsImage) image = hs_image_new (kitty);
  g_autoptr(HsNote) note = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *content = NULL;
  Listener listener;
  gulong handler;

  listener_start (&listener);
  markup = early_connection_markup (listener.port);
  content = g_strdup_printf ("%s<img id=\"ok\" src=\"%s\">", markup, kitty);
  g_list_store_append (images, image);
  note = g_object_new (HS_TYPE_NOTE,
                       "note-id", "0123456789abcdef01234568",
                       "title", "preconnect",
                       "content", content,
                       "images", images,
                       "videos", videos,
                       NULL);

  g_ptr_array_set_size (activated_links, 0);
  handler = g_signal_connect (view, "activate-link", G_CALLBACK (activate_link_cb), NULL);
  show_note (note);
  assert_evaluates_to ("document.getElementById('ok').naturalWidth > 0", "true");
  assert_evaluates_to ("document.querySelectorAll('link, base').length", "0");
  /* The click goes to the browser (the handler); the ping must not go anywhere. */
  assert_evaluates_to ("document.getElementById('ping').click(); 'clicked'", "clicked");
  hs_test_wait_for (n_links_is, GUINT_TO_POINTER (1), "the ping link");
  g_signal_handler_disconnect (view, handler);

  listener_stop (&listener);
  g_assert_cmpuint (listener.n_accepted, ==, 0);
}

static gboolean
web_view_is_loaded (gconstpointer data)
{
  return !webkit_web_view_is_loading (WEBKIT_WEB_VIEW ((gpointer) data));
}

static gboolean
listener_accepted (gconstpointer data)
{
  return ((const Listener *) data)->n_accepted > 0;
}

/* The second wall alone: the same markup, not rewritten and without the view's content
 * security policy, in a page with the body view's settings. A picture on a second
 * listener, after the vectors in document order, tells when the engine got that far. */
static void
test_settings_refuse_early_connections (void)
{
  WebKitWebView *body_view = WEBKIT_WEB_VIEW (hs_content_view_get_web_view (view));
  g_autoptr(WebKitWebView) raw_view = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *document = NULL;
  Listener listener;
  Listener sync;

  listener_start (&listener);
  listener_start (&sync);
  markup = early_connection_markup (listener.port);
  document = g_strdup_printf ("<!DOCTYPE html><html><head>%s</head><body>"
                              "<img src=\"http://127.0.0.1:%u/sync.png\"></body></html>",
                              markup, sync.port);

  raw_view = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                              "related-view", body_view,
                                              "settings", webkit_web_view_get_settings (body_view),
                                              NULL));
  webkit_web_view_load_html (raw_view, document, "http://127.0.0.1/");
  hs_test_wait_for (web_view_is_loaded, raw_view, "the raw page");
  hs_test_wait_for (listener_accepted, &sync, "the picture after the vectors");

  listener_stop (&sync);
  listener_stop (&listener);
  g_assert_cmpuint (listener.n_accepted, ==, 0);
}

static void
test_crash_recovery (void)
{
  g_autoptr(HsNote) note = hs_test_fetch_note (client, HS_DEMO_SEED_NOTE_ID);

  if (hs_content_view_get_note (view) != note)
    show_note (note);

  /* The web process goes away; the view loads the body again in a new one. */
  webkit_web_view_terminate_web_process (WEBKIT_WEB_VIEW (hs_content_view_get_web_view (view)));
  hs_test_wait_for (is_not_loaded, NULL, "the view to notice");
  hs_test_wait_for (is_loaded, NULL, "the body to load again");
  assert_evaluates_to ("document.body.innerText.includes('今天分享几款超火的美妆新品')", "true");
  assert_evaluates_to ("document.images[0].naturalWidth", "800");
}

/* What GTK would put on screen for @widget right now, including the web process's last
 * frame, as RGBA bytes. */
static GBytes *
render_pixels (GtkWidget *widget,
               int       *width_out,
               int       *height_out)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gsize stride = (gsize) width * 4;
  guchar *data;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;   /* not drawn yet */
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  data = g_malloc (stride * height);
  gdk_texture_download (texture, data, stride);
  *width_out = width;
  *height_out = height;

  return g_bytes_new_take (data, stride * height);
}

static void
save_render (GtkWidget  *widget,
             const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget)));
  gdk_texture_save_to_png (texture, path);
}

static gboolean
pumped_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main loop run for a moment (pacing only, nothing is judged by it). */
static void
pump (void)
{
  gboolean done = FALSE;

  g_timeout_add (50, pumped_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Whether the render has anything on it but the background. */
static gboolean
has_content (GBytes *pixels)
{
  gsize size;
  const guchar *data = g_bytes_get_data (pixels, &size);

  for (gsize i = 4; i < size; i += 4)
    if (memcmp (data + i, data, 4) != 0)
      return TRUE;
  return FALSE;
}

/* The window once WebKit's frames have arrived (a little after the load) and stopped
 * changing. */
static GBytes *
settled_render (void)
{
  int width = 0, height = 0;
  g_autoptr(GBytes) last = NULL;
  gint64 deadline = g_get_monotonic_time () + HS_TEST_WAIT_LIMIT_SECONDS * G_USEC_PER_SEC;

  for (guint same = 0; same < 10;)
    {
      g_autoptr(GBytes) now = NULL;

      if (g_get_monotonic_time () > deadline)
        g_error ("The body never settled on screen");
      pump ();
      now = render_pixels (GTK_WIDGET (window), &width, &height);
      if (now != NULL && has_content (now) && last != NULL && g_bytes_equal (now, last))
        same++;
      else
        same = 0;
      g_clear_pointer (&last, g_bytes_unref);
      last = g_steal_pointer (&now);
    }

  return g_steal_pointer (&last);
}

/* Pixels that differ clearly (not a glyph's antialiasing, which a repaint of other tiles
 * may shift by a shade): another note's line of text is thousands of them. */
#define CLEAR_DIFFERENCE 96
#define MAX_CLEARLY_DIFFERENT 100

static gboolean
renders_as (gconstpointer data)
{
  int width = 0, height = 0;
  g_autoptr(GBytes) now = render_pixels (GTK_WIDGET (window), &width, &height);
  GBytes *expected = (GBytes *) data;
  const guchar *a, *b;
  gsize size;
  guint n_different = 0;

  if (now == NULL || g_bytes_get_size (now) != g_bytes_get_size (expected))
    return FALSE;

  a = g_bytes_get_data (now, &size);
  b = g_bytes_get_data (expected, NULL);
  for (gsize i = 0; i < size; i += 4)
    for (guint c = 0; c < 4; c++)
      if (ABS ((int) a[i + c] - (int) b[i + c]) > CLEAR_DIFFERENCE)
        {
          n_different++;
          break;
        }

  return n_different <= MAX_CLEARLY_DIFFERENT;
}

static GBytes *expected_render;

static char *
save_mismatch (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "hongshu-test-content-view-alone.png", NULL);
  g_autofree char *other = g_build_filename (g_get_tmp_dir (), "hongshu-test-content-view-after-other.png", NULL);
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT,
                                                          expected_render, (gsize) width * 4);

  save_render (GTK_WIDGET (window), path);
  gdk_texture_save_to_png (texture, other);
  return g_strdup_printf ("the body alone is in %s, after the other in %s", path, other);
}

/* @note, shown after another, looks exactly as it does shown after a third, different
 * one: none of either's pixels stayed. (Not after an empty body: a web view that shrank
 * to nothing may paint nothing for a long while under load.) */
static void
assert_shows_only (HsNote *note,
                   HsNote *third)
{
  g_autoptr(GBytes) after_other = settled_render ();

  show_note (third);
  settled_render ();
  show_note (note);
  expected_render = after_other;
  hs_test_wait_for_full (renders_as, after_other, "the body alone to look as it did after the other",
                         save_mismatch);
}

static void
test_switch_leaves_nothing_behind (void)
{
  g_autoptr(HsNote) first = hs_test_fetch_note (client, HS_DEMO_FAULT_MESSY);
  g_autoptr(HsNote) second = hs_test_fetch_note (client, HS_DEMO_FAULT_OVERFULL);
  g_autoptr(HsNote) third = hs_test_fetch_note (client, HS_DEMO_SEED_NOTE_ID);

  show_note (first);
  /* A selection in the first body must not survive either. */
  evaluate ("(function () { var r = document.createRange(); r.selectNodeContents(document.body);"
            " window.getSelection().removeAllRanges(); window.getSelection().addRange(r);"
            " return window.getSelection().toString().length > 0; })()");
  show_note (second);
  assert_evaluates_to ("window.getSelection().toString()", "");
  assert_shows_only (second, third);

  /* Back to the first: the same. */
  show_note (first);
  assert_shows_only (first, third);
}

static void
test_no_note (void)
{
  hs_content_view_set_note (view, NULL);
  g_assert_null (hs_content_view_get_note (view));
  g_assert_false (hs_content_view_get_is_loaded (view));
  /* The previous body is gone. */
  hs_test_wait_for (height_is, GINT_TO_POINTER (0), "the empty body");
  assert_evaluates_to ("document.body ? document.body.innerText : ''", "");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsConfig) config = NULL;
  GtkWidget *content;
  int status;

  g_test_init (&argc, &argv, NULL);
  adw_init ();

  hs_content_view_prewarm ();

  server = hs_test_demo_server_new ();

  config = hs_test_config_new (server);
  client = hs_client_new (config);
  hs_client_set_access_token (client, HS_DEMO_ACCESS_TOKEN);

  cache_dir = g_dir_make_tmp ("hongshu-test-content-view-XXXXXX", &error);
  g_assert_no_error (error);
  loader = hs_media_loader_new_with_cache_dir (config, cache_dir);

  activated_links = g_ptr_array_new_with_free_func (g_free);
  navigations = g_ptr_array_new_with_free_func (g_free);

  content = hs_content_view_new (loader);
  view = HS_CONTENT_VIEW (content);
  scrolled_window = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_scrolled_window_set_policy (scrolled_window, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (scrolled_window, content);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 800, 300);
  gtk_window_set_child (window, GTK_WIDGET (scrolled_window));
  gtk_window_present (window);

  g_test_add_func ("/content-view/body-loads", test_body_loads);
  g_test_add_func ("/content-view/height-follows-width", test_height_follows_width);
  g_test_add_func ("/content-view/hostile-sample", test_hostile_sample);
  g_test_add_func ("/content-view/links-and-navigation", test_links_and_navigation);
  g_test_add_func ("/content-view/no-early-connections", test_no_early_connections);
  g_test_add_func ("/content-view/settings-refuse-early-connections", test_settings_refuse_early_connections);
  g_test_add_func ("/content-view/crash-recovery", test_crash_recovery);
  g_test_add_func ("/content-view/switch-leaves-nothing-behind", test_switch_leaves_nothing_behind);
  g_test_add_func ("/content-view/no-note", test_no_note);

  status = g_test_run ();

  gtk_window_destroy (window);
  g_clear_object (&loader);
  g_clear_object (&client);
  hs_demo_server_stop (server);
  g_clear_object (&server);
  g_clear_pointer (&activated_links, g_ptr_array_unref);
  g_clear_pointer (&navigations, g_ptr_array_unref);
  hs_test_remove_tree (cache_dir);
  g_free (cache_dir);

  return status;
}
