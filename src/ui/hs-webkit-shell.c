#include "config.h"

#include "hs-content-html.h"
#include "hs-webkit-shell.h"

/* The process-wide WebKit set-up, as Epiphany keeps it in its shell: one web context
 * with our picture scheme, one ephemeral network session (nothing reaches the disk), one
 * locked-down settings object, and the web process started at start-up. */
struct _HsWebKitShell
{
  GObject               parent_instance;

  WebKitWebContext     *context;
  WebKitNetworkSession *session;
  WebKitSettings       *settings;
  WebKitWebView        *prewarm_view;  /* until the first view of a body runs */
  gboolean              prewarmed;
  GHashTable           *views;        /* WebKitWebView* -> ViewHandler* */
  char                 *stylesheet;
};

G_DEFINE_FINAL_TYPE (HsWebKitShell, hs_webkit_shell, G_TYPE_OBJECT)

typedef struct
{
  HsWebKitSchemeHandler handler;
  gpointer              user_data;
} ViewHandler;

static void
scheme_request_cb (WebKitURISchemeRequest *request,
                   gpointer                user_data)
{
  HsWebKitShell *self = user_data;
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);
  ViewHandler *view = web_view != NULL ? g_hash_table_lookup (self->views, web_view) : NULL;

  /* Only the views that asked for it may use our scheme. */
  if (view == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                                     "Not allowed");

      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }
  view->handler (request, view->user_data);
}

/* A body must not reach the network on its own: WebKit opens connections ahead of time for
 * <link rel=preconnect|dns-prefetch|preload|prefetch>, for early hints, and sends
 * <a ping> on a click; none of them is a request the content security policy sees. */
static void
lock_down_settings (WebKitSettings *settings)
{
  static const char * const early_connection_features[] = {
    "LinkPreconnect",
    "LinkPreconnectEarlyHints",
    "LinkDNSPrefetch",
    "LinkPreload",
    "LinkPrefetch",
    "BeaconAPI",
  };
  g_autoptr(WebKitFeatureList) features = webkit_settings_get_all_features ();

  /* "enable-hyperlink-auditing" and "enable-dns-prefetching" are deprecated no-ops in
   * WebKitGTK 6.0 (setting them warns): the features below are what WebKit reads. */
  for (gsize i = 0; i < webkit_feature_list_get_length (features); i++)
    {
      WebKitFeature *feature = webkit_feature_list_get (features, i);
      const char *identifier = webkit_feature_get_identifier (feature);

      for (gsize j = 0; j < G_N_ELEMENTS (early_connection_features); j++)
        if (g_strcmp0 (identifier, early_connection_features[j]) == 0)
          webkit_settings_set_feature_enabled (settings, feature, FALSE);
    }
}

static void
hs_webkit_shell_finalize (GObject *object)
{
  HsWebKitShell *self = (HsWebKitShell *)object;

  g_clear_object (&self->prewarm_view);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);
  g_clear_object (&self->context);
  g_clear_pointer (&self->views, g_hash_table_unref);
  g_free (self->stylesheet);

  G_OBJECT_CLASS (hs_webkit_shell_parent_class)->finalize (object);
}

static void
hs_webkit_shell_class_init (HsWebKitShellClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_webkit_shell_finalize;
}

/* A body is a page of text with a few pictures: its web process needs a few tens of MB.
 * WebKit's default limit is the machine's memory (up to 3 GB), and it starts to free its
 * caches at a third of that; here it frees them past 64 MB and harder past 96 MB, and
 * looks every 10 s. Nothing is killed (no kill threshold). */
static WebKitMemoryPressureSettings *
create_memory_pressure_settings (void)
{
  WebKitMemoryPressureSettings *settings = webkit_memory_pressure_settings_new ();

  webkit_memory_pressure_settings_set_memory_limit (settings, 192);
  webkit_memory_pressure_settings_set_conservative_threshold (settings, 1.0 / 3.0);
  webkit_memory_pressure_settings_set_strict_threshold (settings, 0.5);
  webkit_memory_pressure_settings_set_poll_interval (settings, 10);

  return settings;
}

static void
hs_webkit_shell_init (HsWebKitShell *self)
{
  g_autoptr(GBytes) css = NULL;
  g_autoptr(WebKitMemoryPressureSettings) pressure = create_memory_pressure_settings ();

  self->context = g_object_new (WEBKIT_TYPE_WEB_CONTEXT,
                                "memory-pressure-settings", pressure,
                                NULL);
  webkit_web_context_set_cache_model (self->context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
  webkit_web_context_register_uri_scheme (self->context, HS_MEDIA_SCHEME,
                                          scheme_request_cb, self, NULL);

  /* Before the session: the network process takes them when it starts. */
  webkit_network_session_set_memory_pressure_settings (pressure);
  self->session = webkit_network_session_new_ephemeral ();

  self->settings = webkit_settings_new_with_settings ("enable-javascript", TRUE,
                                                     "enable-javascript-markup", FALSE,
                                                     "javascript-can-open-windows-automatically", FALSE,
                                                     "javascript-can-access-clipboard", FALSE,
                                                     "auto-load-images", TRUE,
                                                     "enable-html5-local-storage", FALSE,
                                                     "enable-html5-database", FALSE,
                                                     "enable-page-cache", FALSE,
                                                     "enable-webaudio", FALSE,
                                                     "enable-webgl", FALSE,
                                                     "enable-webrtc", FALSE,
                                                     "enable-media", FALSE,
                                                     "enable-mediasource", FALSE,
                                                     "enable-encrypted-media", FALSE,
                                                     "enable-media-stream", FALSE,
                                                     "enable-media-capabilities", FALSE,
                                                     "media-playback-requires-user-gesture", TRUE,
                                                     "enable-fullscreen", FALSE,
                                                     "allow-modal-dialogs", FALSE,
                                                     "allow-file-access-from-file-urls", FALSE,
                                                     "allow-universal-access-from-file-urls", FALSE,
                                                     "allow-top-navigation-to-data-urls", FALSE,
                                                     "enable-back-forward-navigation-gestures", FALSE,
                                                     "enable-site-specific-quirks", FALSE,
                                                     "enable-developer-extras", FALSE,
                                                     "enable-write-console-messages-to-stdout", FALSE,
                                                     "default-charset", "utf-8",
                                                     "default-font-size", 16,
                                                     NULL);
  lock_down_settings (self->settings);

  self->views = g_hash_table_new_full (NULL, NULL, NULL, g_free);

  css = g_resources_lookup_data ("/io/github/hongshu/Hongshu/hs-content-view.css",
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  self->stylesheet = css != NULL ? g_strndup (g_bytes_get_data (css, NULL), g_bytes_get_size (css))
                                 : g_strdup ("");
}

/**
 * hs_webkit_shell_get_default:
 *
 * Returns: (transfer none): the process's shell, made on first use and kept until exit
 *   (the web process it started serves every view).
 */
HsWebKitShell *
hs_webkit_shell_get_default (void)
{
  static HsWebKitShell *shell;

  if (shell == NULL)
    shell = g_object_new (HS_TYPE_WEBKIT_SHELL, NULL);
  return shell;
}

WebKitWebView *
hs_webkit_shell_create_web_view (HsWebKitShell            *self,
                                 WebKitUserContentManager *manager,
                                 const char               *content_security_policy)
{
  WebKitWebView *related = self->prewarm_view;
  GHashTableIter iter;

  g_return_val_if_fail (HS_IS_WEBKIT_SHELL (self), NULL);
  g_return_val_if_fail (WEBKIT_IS_USER_CONTENT_MANAGER (manager), NULL);

  /* A view related to a running one (the prewarmed one, or another window's) shares its
   * web process: one process for every body. */
  g_hash_table_iter_init (&iter, self->views);
  if (related == NULL)
    g_hash_table_iter_next (&iter, (gpointer *) &related, NULL);

  if (related != NULL)
    return g_object_new (WEBKIT_TYPE_WEB_VIEW,
                         "related-view", related,
                         "settings", self->settings,
                         "user-content-manager", manager,
                         "default-content-security-policy", content_security_policy,
                         NULL);

  return g_object_new (WEBKIT_TYPE_WEB_VIEW,
                       "web-context", self->context,
                       "network-session", self->session,
                       "settings", self->settings,
                       "user-content-manager", manager,
                       "default-content-security-policy", content_security_policy,
                       NULL);
}

void
hs_webkit_shell_prewarm (HsWebKitShell            *self,
                         WebKitUserContentManager *manager,
                         const char               *document,
                         const char               *base_uri)
{
  g_return_if_fail (HS_IS_WEBKIT_SHELL (self));

  if (self->prewarmed)
    return;

  self->prewarmed = TRUE;
  self->prewarm_view = g_object_ref_sink (hs_webkit_shell_create_web_view (self, manager,
                                                                           HS_CONTENT_SECURITY_POLICY));
  webkit_web_view_load_html (self->prewarm_view, document, base_uri);
}

gboolean
hs_webkit_shell_get_is_prewarmed (HsWebKitShell *self)
{
  g_return_val_if_fail (HS_IS_WEBKIT_SHELL (self), FALSE);
  return self->prewarmed;
}

const char *
hs_webkit_shell_get_stylesheet (HsWebKitShell *self)
{
  g_return_val_if_fail (HS_IS_WEBKIT_SHELL (self), NULL);
  return self->stylesheet;
}

void
hs_webkit_shell_add_view (HsWebKitShell         *self,
                          WebKitWebView         *web_view,
                          HsWebKitSchemeHandler  handler,
                          gpointer               user_data)
{
  ViewHandler *view;

  g_return_if_fail (HS_IS_WEBKIT_SHELL (self));
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (web_view));
  g_return_if_fail (handler != NULL);

  view = g_new0 (ViewHandler, 1);
  view->handler = handler;
  view->user_data = user_data;
  g_hash_table_insert (self->views, web_view, view);

  /* The prewarmed page has done its work: the process runs, and this view keeps it and
   * relates the next ones to it. The page would otherwise stay in the process for
   * nothing. */
  g_clear_object (&self->prewarm_view);
}

/**
 * hs_webkit_shell_release_memory:
 *
 * Drops what the web processes keep of documents that are gone: with the document-viewer
 * cache model their memory cache holds up to 96 MB of decoded pictures. Call it when a
 * view shows another document; Back fetches the pictures again from the media loader's
 * disk cache.
 */
void
hs_webkit_shell_release_memory (HsWebKitShell *self,
                                GCancellable  *cancellable)
{
  g_return_if_fail (HS_IS_WEBKIT_SHELL (self));

  webkit_website_data_manager_clear (webkit_network_session_get_website_data_manager (self->session),
                                     WEBKIT_WEBSITE_DATA_MEMORY_CACHE, 0, cancellable, NULL, NULL);
}

void
hs_webkit_shell_remove_view (HsWebKitShell *self,
                             WebKitWebView *web_view)
{
  g_return_if_fail (HS_IS_WEBKIT_SHELL (self));
  g_hash_table_remove (self->views, web_view);
}
