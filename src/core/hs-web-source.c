#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "hs-error.h"
#include "hs-http.h"
#include "hs-urls.h"
#include "hs-web-note.h"
#include "hs-web-outcome.h"
#include "hs-web-source.h"
#include "hs-web-state.h"

/* A desktop browser's navigation (doc/web-protocol.md §3): the site serves its pages to
 * browsers, and tells a bot apart by exactly these headers. */
#define BROWSER_USER_AGENT "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 " \
                           "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
#define BROWSER_ACCEPT "text/html,application/xhtml+xml,application/xml;q=0.9," \
                       "image/avif,image/webp,*/*;q=0.8"
#define BROWSER_ACCEPT_LANGUAGE "zh-CN,zh;q=0.9"

#define MAX_REDIRECTS 5
/* Walls and redirects carry small bodies; the page itself may be large. */
#define SMALL_BODY_LIMIT (64 * 1024)

#define SETTINGS_KEY_REQUESTS_PER_MINUTE "web-requests-per-minute"

struct _HsWebSource
{
  GObject parent_instance;

  HsConfig *config;
  SoupSession *session;
  /* Short links have a session of their own: they are another site, and a
   * hop we stop at (its body unread) closes its connection, which must not
   * be the one the page is asked on next. */
  SoupSession *short_link_session;
  HsRateLimiter *limiter;
  char *base_url;
  GUri *base_uri;
  char *referer;
  char *cookie;
  char *short_link_base;
  char *image_original_base;
  char *video_original_base;
};

static void hs_web_source_note_source_init (HsNoteSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HsWebSource, hs_web_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HS_TYPE_NOTE_SOURCE,
                                                      hs_web_source_note_source_init))

/* One get-note: the limiter, the short link if any, then the page. What
 * it is for is the HsNoteSourceCall's reference; this is the rest. */
typedef struct
{
  char *start_url;
  HsHttpExchange *exchange;
} Call;

static void
call_free (Call *call)
{
  g_clear_pointer (&call->start_url, g_free);
  g_clear_object (&call->exchange);
  g_free (call);
}

static Call *
call_get (GTask *task)
{
  return hs_note_source_call_get (task)->data;
}

/* The reference the call fetches: the one asked for, or what its short link led to. */
static HsNoteRef *
call_get_ref (GTask *task)
{
  return hs_note_source_call_get (task)->resolved;
}

static void
wipe_string (char **text)
{
  if (*text == NULL)
    return;

  explicit_bzero (*text, strlen (*text));
  g_clear_pointer (text, g_free);
}

static gboolean
same_origin_as (GUri       *uri,
                const char *url)
{
  g_autoptr(GUri) other = url != NULL ? hs_urls_parse_web (url) : NULL;

  return other != NULL && hs_urls_same_origin (uri, other);
}

static gboolean
is_site_page (HsWebSource *self,
              GUri        *uri)
{
  return hs_urls_host_is_note_site (g_uri_get_host (uri)) ||
         hs_urls_same_origin (uri, self->base_uri);
}

static gboolean
has_param (GUri       *uri,
           const char *name)
{
  g_autoptr(GHashTable) params = NULL;

  if (g_uri_get_query (uri) == NULL)
    return FALSE;

  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  return params != NULL && g_hash_table_contains (params, name);
}

/* The site's own link for @uri, which is on the site or on one of our
 * stand-ins for it (the demo serves pages and short links alike). */
static char *
site_link_for (GUri *uri)
{
  if (hs_urls_host_is_note_site (g_uri_get_host (uri)))
    return g_uri_to_string (uri);

  return g_uri_join (G_URI_FLAGS_ENCODED, "https", NULL, "www.xiaohongshu.com", -1,
                     g_uri_get_path (uri), g_uri_get_query (uri), NULL);
}

/* Parsing, off the main thread: a page may be megabytes */

typedef struct
{
  GBytes *body;
  char *note_id;
  char *image_original_base;
  char *video_original_base;
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_bytes_unref (data->body);
  g_free (data->note_id);
  g_free (data->image_original_base);
  g_free (data->video_original_base);
  g_free (data);
}

static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseData *data = task_data;
  g_autoptr(JsonNode) state = NULL;
  GError *error = NULL;
  gsize length = 0;
  const char *html = g_bytes_get_data (data->body, &length);
  HsNote *note;

  state = hs_web_state_parse_page (html, length, &error);
  if (state == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  note = hs_web_note_from_state (state, data->note_id, data->image_original_base,
                                 data->video_original_base, &error);
  if (note == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, note, g_object_unref);
}

static void
parse_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  HsNote *note;

  note = g_task_propagate_pointer (G_TASK (result), &error);
  if (note == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, note, g_object_unref);
}

/* The page */

static HsHttpRedirectAction
page_redirect_cb (HsHttpExchange  *exchange,
                  GUri            *from,
                  GUri            *to,
                  gpointer         user_data,
                  GError         **error)
{
  HsWebSource *self = user_data;
  g_autofree char *to_string = NULL;
  GError *wall;

  if (!is_site_page (self, to))
    {
      /* TRANSLATORS: %s is a host name */
      g_set_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                   _("The note page sent Hongshu to another site, %s"), g_uri_get_host (to));
      return HS_HTTP_REDIRECT_REFUSE;
    }

  /* Where the chain leads says what happened (doc/web-protocol.md §4): a sign-in page or
   * the home page is the answer, not a page to read. */
  to_string = g_uri_to_string (to);
  wall = hs_web_outcome_error_for_url (to_string);
  if (wall != NULL)
    {
      g_propagate_error (error, wall);
      return HS_HTTP_REDIRECT_REFUSE;
    }

  return HS_HTTP_REDIRECT_FOLLOW;
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HsWebSource *self = g_task_get_source_object (task);
  HsHttpExchange *exchange = HS_HTTP_EXCHANGE (object);
  g_autoptr(GTask) parse_task = NULL;
  g_autofree char *url = NULL;
  g_autofree char *next = NULL;
  GError *error = NULL;
  ParseData *data;

  if (!hs_http_exchange_send_finish (exchange, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  url = g_uri_to_string (hs_http_exchange_get_uri (exchange));
  if (hs_web_outcome_classify (hs_http_exchange_get_status (exchange), url, NULL,
                               &next, &error) != HS_WEB_STEP_PAGE)
    {
      g_task_return_error (task, error);
      return;
    }

  if (hs_http_exchange_get_body_too_big (exchange) || hs_http_exchange_get_body (exchange) == NULL)
    {
      g_task_return_error (task, hs_error_new_for_web (HS_ERROR_UNREADABLE_PAGE, NULL));
      return;
    }

  data = g_new0 (ParseData, 1);
  data->body = g_bytes_ref (hs_http_exchange_get_body (exchange));
  data->note_id = g_strdup (hs_note_ref_get_note_id (call_get_ref (task)));
  data->image_original_base = g_strdup (self->image_original_base);
  data->video_original_base = g_strdup (self->video_original_base);

  /* No source object: the worker thread may drop its reference after the
   * answer, and the source must be free to go by then. */
  parse_task = g_task_new (NULL, g_task_get_cancellable (task), parse_cb, g_object_ref (task));
  g_task_set_name (parse_task, "[hongshu] web page parse");
  g_task_set_task_data (parse_task, data, (GDestroyNotify) parse_data_free);
  g_task_run_in_thread (parse_task, parse_thread);
}

/* The page URL of a note link: its path and query on our base. */
static char *
page_url_for (HsWebSource *self,
              HsNoteRef   *ref)
{
  g_autofree char *link = hs_note_ref_dup_web_link (ref);
  g_autoptr(GUri) uri = hs_urls_parse_web (link);

  if (uri == NULL)
    return NULL;

  return g_uri_join (G_URI_FLAGS_ENCODED,
                     g_uri_get_scheme (self->base_uri), NULL,
                     g_uri_get_host (self->base_uri), g_uri_get_port (self->base_uri),
                     g_uri_get_path (uri), g_uri_get_query (uri), NULL);
}

static void
add_browser_headers (HsWebSource    *self,
                     HsHttpExchange *exchange)
{
  hs_http_exchange_set_header (exchange, "Accept", BROWSER_ACCEPT);
  hs_http_exchange_set_header (exchange, "Accept-Language", BROWSER_ACCEPT_LANGUAGE);
  hs_http_exchange_set_header (exchange, "Referer", self->referer);
  hs_http_exchange_set_timeouts (exchange, hs_config_get_connect_timeout (self->config),
                                 hs_config_get_request_timeout (self->config));
  hs_http_exchange_set_max_redirects (exchange, MAX_REDIRECTS);
}

static void
fetch_page (GTask *task)
{
  HsWebSource *self = g_task_get_source_object (task);
  Call *call = call_get (task);
  g_autofree char *page_url = page_url_for (self, call_get_ref (task));
  g_autoptr(GUri) uri = page_url != NULL ? hs_urls_parse_web (page_url) : NULL;

  if (uri == NULL)
    {
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_INVALID_REFERENCE, "%s",
                               _("This is not a note id or a note link"));
      return;
    }

  g_clear_object (&call->exchange);
  call->exchange = hs_http_exchange_new (self->session, uri);
  add_browser_headers (self, call->exchange);
  hs_http_exchange_set_body_limits (call->exchange, HS_MAX_RESPONSE_BYTES, SMALL_BODY_LIMIT);
  hs_http_exchange_set_redirect_func (call->exchange, page_redirect_cb, self);
  /* The person's session, for the site's own origin only. */
  if (self->cookie != NULL)
    hs_http_exchange_set_credential (call->exchange, self->base_uri, "Cookie", self->cookie);

  hs_http_exchange_send_async (call->exchange, g_task_get_cancellable (task),
                               page_cb, g_object_ref (task));
}

/* Short links */

static HsHttpRedirectAction
short_link_redirect_cb (HsHttpExchange  *exchange,
                        GUri            *from,
                        GUri            *to,
                        gpointer         user_data,
                        GError         **error)
{
  GTask *task = user_data;
  HsWebSource *self = g_task_get_source_object (task);
  Call *call = call_get (task);
  gboolean on_service = same_origin_as (to, call->start_url);

  if (hs_urls_host_is_short_link (g_uri_get_host (to)) && !on_service)
    return HS_HTTP_REDIRECT_FOLLOW;

  if (on_service || is_site_page (self, to))
    {
      g_autofree char *link = site_link_for (to);
      g_autoptr(HsNoteRef) ref = NULL;
      GError *wall;

      /* A note link, or a sign-in page that names the note it stands
       * before: the page is fetched next, with the cookie if there is one. */
      if (!has_param (to, "error_code") && (ref = hs_note_ref_new_for_link (link)) != NULL)
        {
          hs_note_source_call_set_resolved (task, g_steal_pointer (&ref));
          return HS_HTTP_REDIRECT_STOP;
        }

      /* The home page here means a dead link. */
      wall = hs_web_outcome_error_for_url (link);
      if (wall != NULL)
        {
          g_propagate_error (error, wall);
          return HS_HTTP_REDIRECT_REFUSE;
        }

      if (g_str_has_prefix (g_uri_get_path (to), "/user/profile"))
        {
          g_set_error_literal (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE,
                               _("The short link leads to a user profile, not a note"));
          return HS_HTTP_REDIRECT_REFUSE;
        }

      if (on_service)
        return HS_HTTP_REDIRECT_FOLLOW;
    }

  g_set_error_literal (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE,
                       _("The short link does not lead to a note"));
  return HS_HTTP_REDIRECT_REFUSE;
}

static void
short_link_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HsHttpExchange *exchange = HS_HTTP_EXCHANGE (object);
  Call *call = call_get (task);
  g_autofree char *next = NULL;
  GError *error = NULL;

  if (!hs_http_exchange_send_finish (exchange, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (hs_http_exchange_get_stopped_at (exchange) != NULL && call_get_ref (task) != NULL &&
      hs_note_ref_get_note_id (call_get_ref (task)) != NULL)
    {
      fetch_page (task);
      return;
    }

  if (hs_web_outcome_classify (hs_http_exchange_get_status (exchange), call->start_url, NULL,
                               &next, &error) == HS_WEB_STEP_FAILED)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_new_error (task, HS_ERROR, HS_ERROR_INVALID_REFERENCE, "%s",
                           _("The short link does not lead to a note"));
}

static void
follow_short_link (GTask *task)
{
  HsWebSource *self = g_task_get_source_object (task);
  Call *call = call_get (task);
  g_autoptr(GUri) uri = NULL;

  call->start_url = hs_urls_map_short_link (hs_note_ref_get_short_link (call_get_ref (task)),
                                            self->short_link_base);
  uri = hs_urls_parse_web (call->start_url);
  if (uri == NULL)
    {
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_INVALID_REFERENCE, "%s",
                               _("The short link does not lead to a note"));
      return;
    }

  /* GET (HEAD is unreliable there), by hand, and never with the cookie. */
  call->exchange = hs_http_exchange_new (self->short_link_session, uri);
  add_browser_headers (self, call->exchange);
  hs_http_exchange_set_body_limits (call->exchange, SMALL_BODY_LIMIT, SMALL_BODY_LIMIT);
  hs_http_exchange_set_redirect_func (call->exchange, short_link_redirect_cb, task);

  hs_http_exchange_send_async (call->exchange, g_task_get_cancellable (task),
                               short_link_cb, g_object_ref (task));
}

static void
limiter_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!hs_rate_limiter_acquire_finish (HS_RATE_LIMITER (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (hs_note_ref_get_note_id (call_get_ref (task)) != NULL)
    fetch_page (task);
  else
    follow_short_link (task);
}

/* HsNoteSource */

static HsNoteSourceCapabilities
source_get_capabilities (HsNoteSource *source)
{
  HsWebSource *self = HS_WEB_SOURCE (source);
  HsNoteSourceCapabilities capabilities = HS_NOTE_SOURCE_CAN_RESOLVE_SHORT;

  /* Without a sign-in, a note needs its link's xsec_token. */
  if (self->cookie == NULL)
    capabilities |= HS_NOTE_SOURCE_NEEDS_LINK_TOKEN;

  return capabilities;
}

static void
source_get_note (HsNoteSource *source,
                 GTask        *task)
{
  HsWebSource *self = HS_WEB_SOURCE (source);
  HsNoteSourceCall *source_call = hs_note_source_call_get (task);

  source_call->data = g_new0 (Call, 1);
  source_call->data_free = (GDestroyNotify) call_free;

  /* One pass per note the person opens, short link included (doc/web-protocol.md §3). */
  hs_rate_limiter_acquire_async (self->limiter, g_task_get_cancellable (task), limiter_cb,
                                 g_object_ref (task));
}

static void
hs_web_source_note_source_init (HsNoteSourceInterface *iface)
{
  iface->id = "web";
  iface->display_name = N_("Xiaohongshu website");
  iface->get_capabilities = source_get_capabilities;
  iface->get_note = source_get_note;
}

/* GObject */

static guint
configured_requests_per_minute (HsWebSource *self)
{
  GSettings *settings = hs_config_get_settings (self->config);
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return HS_WEB_SOURCE_DEFAULT_REQUESTS_PER_MINUTE;

  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, SETTINGS_KEY_REQUESTS_PER_MINUTE))
    return HS_WEB_SOURCE_DEFAULT_REQUESTS_PER_MINUTE;

  return g_settings_get_uint (settings, SETTINGS_KEY_REQUESTS_PER_MINUTE);
}

static void
settings_changed_cb (GSettings   *settings,
                     const char  *key,
                     HsWebSource *self)
{
  hs_rate_limiter_set_max_calls (self->limiter, configured_requests_per_minute (self));
}

static void
hs_web_source_dispose (GObject *object)
{
  HsWebSource *self = HS_WEB_SOURCE (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  if (self->short_link_session != NULL)
    soup_session_abort (self->short_link_session);
  g_clear_object (&self->short_link_session);
  g_clear_object (&self->limiter);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (hs_web_source_parent_class)->dispose (object);
}

static void
hs_web_source_finalize (GObject *object)
{
  HsWebSource *self = HS_WEB_SOURCE (object);

  wipe_string (&self->cookie);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_clear_pointer (&self->referer, g_free);
  g_clear_pointer (&self->short_link_base, g_free);
  g_clear_pointer (&self->image_original_base, g_free);
  g_clear_pointer (&self->video_original_base, g_free);

  G_OBJECT_CLASS (hs_web_source_parent_class)->finalize (object);
}

static void
hs_web_source_class_init (HsWebSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_web_source_dispose;
  object_class->finalize = hs_web_source_finalize;
}

static void
hs_web_source_init (HsWebSource *self)
{
  self->session = soup_session_new_with_options ("user-agent", BROWSER_USER_AGENT,
                                                 "max-conns-per-host", 2,
                                                 NULL);
  self->short_link_session = soup_session_new_with_options ("user-agent", BROWSER_USER_AGENT,
                                                            "max-conns-per-host", 2,
                                                            NULL);
}

HsWebSource *
hs_web_source_new (HsConfig *config)
{
  HsWebSource *self = g_object_new (HS_TYPE_WEB_SOURCE, NULL);
  GSettings *settings;

  self->config = config != NULL ? g_object_ref (config) : hs_config_new ();
  self->limiter = hs_rate_limiter_new (configured_requests_per_minute (self), 60 * G_TIME_SPAN_SECOND);
  hs_web_source_set_base_url (self, HS_WEB_SOURCE_DEFAULT_BASE_URL, NULL);

  settings = hs_config_get_settings (self->config);
  if (settings != NULL)
    g_signal_connect_object (settings, "changed::" SETTINGS_KEY_REQUESTS_PER_MINUTE,
                             G_CALLBACK (settings_changed_cb), self, 0);

  return self;
}

gboolean
hs_web_source_set_base_url (HsWebSource  *self,
                            const char   *url,
                            GError      **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;
  gsize length;

  g_return_val_if_fail (HS_IS_WEB_SOURCE (self), FALSE);

  trimmed = g_strstrip (g_strdup (url != NULL ? url : ""));
  length = strlen (trimmed);
  while (length > 0 && trimmed[length - 1] == '/')
    trimmed[--length] = '\0';

  uri = hs_urls_parse_web (trimmed);
  if (uri == NULL || g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL ||
      g_uri_get_userinfo (uri) != NULL)
    {
      /* TRANSLATORS: %s is what the person gave as the website's address */
      g_set_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST,
                   _("“%s” is not a website address: give an http or https URL such as https://www.xiaohongshu.com"),
                   url != NULL ? url : "");
      return FALSE;
    }

  g_free (self->base_url);
  self->base_url = g_steal_pointer (&trimmed);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  self->base_uri = g_steal_pointer (&uri);
  g_free (self->referer);
  self->referer = g_strconcat (self->base_url, "/", NULL);

  return TRUE;
}

const char *
hs_web_source_get_base_url (HsWebSource *self)
{
  g_return_val_if_fail (HS_IS_WEB_SOURCE (self), NULL);

  return self->base_url;
}

gboolean
hs_web_source_apply_environment (HsWebSource  *self,
                                 GError      **error)
{
  const char *base = g_getenv ("HONGSHU_WEB_BASE_URL");
  const char *cookie = g_getenv ("HONGSHU_WEB_COOKIE");

  g_return_val_if_fail (HS_IS_WEB_SOURCE (self), FALSE);

  if (base != NULL && *base != '\0' && !hs_web_source_set_base_url (self, base, error))
    return FALSE;

  if (cookie != NULL && *cookie != '\0')
    hs_web_source_set_cookie (self, cookie);

  return TRUE;
}

void
hs_web_source_set_cookie (HsWebSource *self,
                          const char  *cookie)
{
  g_return_if_fail (HS_IS_WEB_SOURCE (self));

  wipe_string (&self->cookie);
  if (cookie != NULL && *cookie != '\0')
    self->cookie = g_strdup (cookie);
}

gboolean
hs_web_source_has_cookie (HsWebSource *self)
{
  g_return_val_if_fail (HS_IS_WEB_SOURCE (self), FALSE);

  return self->cookie != NULL;
}

void
hs_web_source_set_short_link_base (HsWebSource *self,
                                   const char  *short_link_base)
{
  g_return_if_fail (HS_IS_WEB_SOURCE (self));

  g_free (self->short_link_base);
  self->short_link_base = g_strdup (short_link_base);
}

void
hs_web_source_set_original_bases (HsWebSource *self,
                                  const char  *image_base,
                                  const char  *video_base)
{
  g_return_if_fail (HS_IS_WEB_SOURCE (self));

  g_free (self->image_original_base);
  self->image_original_base = g_strdup (image_base);
  g_free (self->video_original_base);
  self->video_original_base = g_strdup (video_base);
}

HsRateLimiter *
hs_web_source_get_rate_limiter (HsWebSource *self)
{
  g_return_val_if_fail (HS_IS_WEB_SOURCE (self), NULL);

  return self->limiter;
}

void
hs_web_source_set_rate_limiter (HsWebSource   *self,
                                HsRateLimiter *limiter)
{
  g_return_if_fail (HS_IS_WEB_SOURCE (self));
  g_return_if_fail (HS_IS_RATE_LIMITER (limiter));

  g_set_object (&self->limiter, limiter);
}

void
hs_web_source_set_proxy_resolver (HsWebSource    *self,
                                  GProxyResolver *resolver)
{
  g_return_if_fail (HS_IS_WEB_SOURCE (self));

  soup_session_set_proxy_resolver (self->session, resolver);
  soup_session_set_proxy_resolver (self->short_link_session, resolver);
}
