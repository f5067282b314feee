#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "hs-cancel-source.h"
#include "hs-error.h"
#include "hs-http.h"
#include "hs-media-files.h"
#include "hs-media-loader-internal.h"
#include "hs-media-loader.h"
#include "hs-urls.h"

#define USER_AGENT "Hongshu/" PACKAGE_VERSION
G_DEFINE_FINAL_TYPE (HsMediaLoader, hs_media_loader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONFIG,
  PROP_CACHE_DIR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* Fetches                                                                  */

static void
waiter_free (HsMediaWaiter *waiter)
{
  hs_cancel_source_clear (&waiter->cancel_source);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static void
fetch_detach (HsMediaFetch *fetch)
{
  if (!fetch->detached)
    {
      g_hash_table_remove (fetch->self->fetches, fetch->key);
      fetch->detached = TRUE;
    }
}

static void
fetch_free (HsMediaFetch *fetch)
{
  fetch_detach (fetch);

  /* Disposing the exchange closes a body that was not read to its end
   * instead of draining it. */
  if (fetch->exchange != NULL)
    g_object_run_dispose (G_OBJECT (fetch->exchange));
  g_clear_object (&fetch->exchange);
  g_clear_object (&fetch->output);
  g_clear_pointer (&fetch->waiters, g_ptr_array_unref);
  g_clear_object (&fetch->cancellable);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_clear_object (&fetch->file);
  g_clear_object (&fetch->part_file);
  g_free (fetch->buffer);
  g_free (fetch->content_type);
  g_free (fetch->key);
  g_free (fetch->url);
  g_clear_object (&fetch->self);
  g_free (fetch);
}

void
hs_media_fetch_fail (HsMediaFetch *fetch,
                     GError       *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&fetch->waiters);

  fetch_detach (fetch);

  hs_media_fetch_file_discard (fetch);

  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    {
      HsMediaWaiter *waiter = g_ptr_array_index (waiters, i);

      g_task_return_error (waiter->task, g_error_copy (error));
    }

  g_error_free (error);
  fetch_free (fetch);
}

void
hs_media_fetch_succeed (HsMediaFetch *fetch)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&fetch->waiters);
  g_autoptr(GBytes) bytes = NULL;

  fetch_detach (fetch);

  if (!fetch->to_file)
    bytes = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body));

  for (guint i = 0; i < waiters->len; i++)
    {
      HsMediaWaiter *waiter = g_ptr_array_index (waiters, i);

      if (fetch->to_file)
        {
          g_task_return_pointer (waiter->task, g_object_ref (fetch->file), g_object_unref);
        }
      else
        {
          g_task_set_task_data (waiter->task, g_strdup (fetch->content_type), g_free);
          g_task_return_pointer (waiter->task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
        }
    }

  fetch_free (fetch);
}

static GError *
status_error (guint status)
{
  if (status == SOUP_STATUS_FORBIDDEN)
    return g_error_new_literal (HS_ERROR, HS_ERROR_FORBIDDEN,
                                _("The media server refused the file: it protects its files "
                                  "against hotlinking, check the media Referer in the preferences"));
  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    return g_error_new_literal (HS_ERROR, HS_ERROR_NOT_FOUND,
                                _("The media file does not exist any more"));
  if (status >= 500 && status <= 599)
    return g_error_new (HS_ERROR, HS_ERROR_SERVER,
                        _("The media server had an internal error (HTTP %u)"), status);
  if (status == 429)
    return g_error_new_literal (HS_ERROR, HS_ERROR_RATE_LIMITED,
                                _("The media server is receiving too many requests"));
  return g_error_new (HS_ERROR, HS_ERROR_BAD_REQUEST,
                      _("The media server refused the request (HTTP %u)"), status);
}

static GError *
too_big_error (HsMediaFetch *fetch)
{
  return g_error_new (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                      _("The media file is larger than %u MiB"),
                      (guint) MIN (fetch->limit / (1024 * 1024), G_MAXUINT));
}

void
hs_media_fetch_notify_progress (HsMediaFetch *fetch)
{
  for (guint i = 0; i < fetch->waiters->len; i++)
    {
      HsMediaWaiter *waiter = g_ptr_array_index (fetch->waiters, i);

      if (waiter->progress_callback != NULL)
        waiter->progress_callback (fetch->received, fetch->total, waiter->progress_callback_data);
    }
}

static void
sniff_once (HsMediaFetch *fetch)
{
  SoupMessageHeaders *headers;

  if (fetch->content_type != NULL || fetch->body == NULL)
    return;
  headers = hs_http_exchange_get_response_headers (fetch->exchange);
  fetch->content_type = hs_media_sniff_content_type (fetch->body->data, fetch->body->len,
                                                     soup_message_headers_get_content_type (headers, NULL));
}

static void
body_complete (HsMediaFetch *fetch)
{
  if (fetch->received == 0)
    {
      hs_media_fetch_fail (fetch, g_error_new_literal (HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                                              _("The media server sent an empty file")));
      return;
    }

  if (fetch->to_file)
    hs_media_fetch_file_finish (fetch);
  else
    {
      sniff_once (fetch);
      hs_media_fetch_succeed (fetch);
    }
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HsMediaFetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  gssize n_read;
  guint8 *data;

  n_read = hs_http_exchange_read_finish (HS_HTTP_EXCHANGE (object), result, &error);
  if (n_read < 0)
    {
      if (!fetch->to_file)
        g_byte_array_set_size (fetch->body, fetch->body->len - HS_MEDIA_FETCH_CHUNK_SIZE);
      if (hs_http_exchange_get_body_too_big (fetch->exchange))
        hs_media_fetch_fail (fetch, too_big_error (fetch));
      else
        hs_media_fetch_fail (fetch, g_steal_pointer (&error));
      return;
    }

  if (fetch->to_file)
    data = fetch->buffer;
  else
    {
      g_byte_array_set_size (fetch->body, fetch->body->len - HS_MEDIA_FETCH_CHUNK_SIZE + (guint) n_read);
      data = fetch->body->data + fetch->body->len - n_read;
    }

  if (n_read == 0)
    {
      body_complete (fetch);
      return;
    }

  /* The exchange enforces the cap while reading. */
  fetch->received += n_read;

  if (!fetch->to_file)
    {
      hs_media_fetch_read_next_chunk (fetch);
      return;
    }

  hs_media_fetch_file_write (fetch, data, (gsize) n_read);
}

void
hs_media_fetch_read_next_chunk (HsMediaFetch *fetch)
{
  guint8 *buffer;

  if (fetch->to_file)
    buffer = fetch->buffer;
  else
    {
      guint old_len = fetch->body->len;

      g_byte_array_set_size (fetch->body, old_len + HS_MEDIA_FETCH_CHUNK_SIZE);
      buffer = fetch->body->data + old_len;
    }

  hs_http_exchange_read_async (fetch->exchange, buffer, HS_MEDIA_FETCH_CHUNK_SIZE, read_cb, fetch);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HsMediaFetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  guint status;

  if (!hs_http_exchange_send_finish (HS_HTTP_EXCHANGE (object), result, &error))
    {
      hs_media_fetch_fail (fetch, g_steal_pointer (&error));
      return;
    }

  status = hs_http_exchange_get_status (fetch->exchange);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      hs_media_fetch_fail (fetch, status_error (status));
      return;
    }

  fetch->total = hs_http_exchange_get_content_length (fetch->exchange);
  if (hs_http_exchange_get_body_too_big (fetch->exchange))
    {
      hs_media_fetch_fail (fetch, too_big_error (fetch));
      return;
    }

  if (!fetch->to_file)
    {
      fetch->body = g_byte_array_sized_new ((guint) MAX (fetch->total, 0) + HS_MEDIA_FETCH_CHUNK_SIZE);
      hs_media_fetch_read_next_chunk (fetch);
      return;
    }

  hs_media_fetch_file_open (fetch);
}

/* A picture that redirects stays within the scope its first URL vouches
 * for (or on a Xiaohongshu CDN), hop after hop: else the Referer and the
 * reader's address would go wherever the CDN points. @user_data is the
 * scope, owned by the exchange. */
static HsHttpRedirectAction
media_redirect_cb (HsHttpExchange  *exchange,
                   GUri            *from,
                   GUri            *to,
                   gpointer         user_data,
                   GError         **error)
{
  const char *scope = user_data;
  g_autofree char *target = g_uri_to_string (to);
  const char * const scopes[] = { scope, NULL };

  if (hs_urls_media_allowed (target, scopes))
    return HS_HTTP_REDIRECT_FOLLOW;

  /* TRANSLATORS: %s is a host name */
  g_set_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE,
               _("The media server sent the file on to %s, outside the note’s media; it was not fetched"),
               g_uri_get_host (to));
  return HS_HTTP_REDIRECT_REFUSE;
}

static HsHttpExchange *
new_exchange (HsMediaLoader *self,
              const char    *url,
              gsize          limit)
{
  const char *referer = hs_config_get_media_referer (self->config);
  g_autoptr(GUri) uri = hs_urls_parse_web (url);
  HsHttpExchange *exchange;
  char *scope;

  exchange = hs_http_exchange_new (self->session, uri);
  /* doc/api-protocol.md §6: the CDN wants the Referer and must never
   * see the token (this session never has one). */
  if (referer != NULL && *referer != '\0')
    hs_http_exchange_set_header (exchange, "Referer", referer);
  hs_http_exchange_set_header (exchange, "Accept", "image/*, video/*;q=0.9, */*;q=0.5");
  scope = hs_urls_media_scope (url);
  g_object_set_data_full (G_OBJECT (exchange), "hs-media-scope", scope, g_free);
  hs_http_exchange_set_redirect_func (exchange, media_redirect_cb, scope);
  hs_http_exchange_set_body_limits (exchange, limit, limit);
  hs_http_exchange_set_stream_body (exchange, TRUE);
  /* No deadline: a video may take long as a whole; the session's idle
   * timeout ends a CDN that stops sending. */
  hs_http_exchange_set_timeouts (exchange, hs_config_get_connect_timeout (self->config), 0);

  return exchange;
}

HsHttpExchange *
hs_media_loader_new_file_exchange (HsMediaLoader *self,
                                   const char    *url)
{
  HsHttpExchange *exchange;

  g_return_val_if_fail (HS_IS_MEDIA_LOADER (self), NULL);
  g_return_val_if_fail (hs_urls_is_web (url), NULL);

  exchange = new_exchange (self, url, (gsize) self->max_file_bytes);
  /* A download to a file is its own cache; do not keep it twice. */
  hs_http_exchange_disable_feature (exchange, SOUP_TYPE_CACHE);
  return exchange;
}

GError *
hs_media_loader_error_for_status (guint status)
{
  return status_error (status);
}

void
hs_media_fetch_start_download (HsMediaFetch *fetch)
{
  HsMediaLoader *self = fetch->self;

  fetch->exchange = new_exchange (self, fetch->url, fetch->limit);

  /* Downloads to a file are their own cache; do not keep them twice. */
  if (fetch->to_file)
    hs_http_exchange_disable_feature (fetch->exchange, SOUP_TYPE_CACHE);

  hs_http_exchange_send_async (fetch->exchange, fetch->cancellable, send_cb, fetch);
}

static void
waiter_cancelled (HsMediaWaiter *waiter)
{
  HsMediaFetch *fetch = waiter->fetch;
  GTask *task = g_object_ref (waiter->task);

  /* Frees the waiter, which destroys its cancel source. */
  g_ptr_array_remove (fetch->waiters, waiter);

  /* The others keep the download; the last one to leave stops it. New
   * requests for the URL start afresh. */
  if (fetch->waiters->len == 0)
    {
      fetch_detach (fetch);
      g_cancellable_cancel (fetch->cancellable);
    }

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The download was cancelled"));
  g_object_unref (task);
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  waiter_cancelled (user_data);
  return G_SOURCE_REMOVE;
}

static void
load_async (HsMediaLoader         *self,
            const char            *url,
            gboolean               to_file,
            GFileProgressCallback  progress_callback,
            gpointer               progress_callback_data,
            GCancellable          *cancellable,
            GAsyncReadyCallback    callback,
            gpointer               user_data,
            gpointer               source_tag)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *key = NULL;
  gboolean new_fetch = FALSE;
  HsMediaWaiter *waiter;
  HsMediaFetch *fetch;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, to_file ? "[hongshu] load media to file" : "[hongshu] load media");

  if (!hs_urls_is_web (url))
    {
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                               _("“%s” is not an http or https address"), url);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  if (hs_media_local_load (self, url, to_file, task))
    return;

  key = g_strconcat (to_file ? "file " : "bytes ", url, NULL);
  fetch = g_hash_table_lookup (self->fetches, key);
  if (fetch == NULL)
    {
      fetch = g_new0 (HsMediaFetch, 1);
      fetch->self = g_object_ref (self);
      fetch->key = g_steal_pointer (&key);
      fetch->url = g_strdup (url);
      fetch->to_file = to_file;
      fetch->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
      fetch->cancellable = g_cancellable_new ();
      fetch->total = -1;
      fetch->limit = to_file ? (gsize) self->max_file_bytes : self->max_bytes;
      if (to_file)
        fetch->file = hs_media_fetch_file_for_url (self, url);
      g_hash_table_insert (self->fetches, fetch->key, fetch);
      new_fetch = TRUE;
    }

  waiter = g_new0 (HsMediaWaiter, 1);
  waiter->fetch = fetch;
  waiter->task = g_steal_pointer (&task);
  waiter->progress_callback = progress_callback;
  waiter->progress_callback_data = progress_callback_data;
  waiter->cancel_source = hs_cancel_source_attach (cancellable, g_task_get_context (waiter->task),
                                                   G_SOURCE_FUNC (waiter_cancelled_cb), waiter,
                                                   "[hongshu] media loader cancel");
  g_ptr_array_add (fetch->waiters, waiter);

  if (!new_fetch)
    return;

  if (to_file)
    hs_media_fetch_file_start (fetch);
  else
    hs_media_fetch_start_download (fetch);
}

/* ------------------------------------------------------------------------ */
/* HsMediaLoader                                                            */

static void
update_cache_size (HsMediaLoader *self)
{
  guint64 size = (guint64) hs_config_get_media_cache_size_mb (self->config) * 1024 * 1024;

  /* The other half is for the downloaded files (hs_media_files_trim()). */
  soup_cache_set_max_size (self->cache, (guint) MIN (size / 2, (guint64) G_MAXUINT));
}

static void
update_timeout (HsMediaLoader *self)
{
  /* An idle timeout per I/O operation: a video may take long as a whole,
   * but a CDN that stops sending is dead. */
  hs_http_session_set_io_timeout (self->session, hs_config_get_request_timeout (self->config));
}

static void
config_notify_cb (HsMediaLoader *self,
                  GParamSpec    *pspec,
                  HsConfig      *config)
{
  if (g_strcmp0 (pspec->name, "media-cache-size-mb") == 0)
    update_cache_size (self);
  else if (g_strcmp0 (pspec->name, "request-timeout") == 0)
    update_timeout (self);
}

static void
hs_media_loader_constructed (GObject *object)
{
  HsMediaLoader *self = HS_MEDIA_LOADER (object);
  g_autofree char *http_dir = NULL;

  G_OBJECT_CLASS (hs_media_loader_parent_class)->constructed (object);

  if (self->config == NULL)
    self->config = hs_config_new ();
  if (self->cache_dir == NULL)
    self->cache_dir = g_build_filename (g_get_user_cache_dir (), "hongshu", "media", NULL);

  http_dir = g_build_filename (self->cache_dir, "http", NULL);
  self->files_dir = g_build_filename (self->cache_dir, "files", NULL);
  /* Two small mkdirs and the cache index read once at start-up; SoupCache
   * offers no asynchronous load. */
  if (g_mkdir_with_parents (http_dir, 0700) != 0 ||
      g_mkdir_with_parents (self->files_dir, 0700) != 0)
    g_warning ("Could not create the media cache in %s: %s", self->cache_dir, g_strerror (errno));

  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "max-conns-per-host", 4,
                                                 NULL);
  update_timeout (self);

  self->cache = soup_cache_new (http_dir, SOUP_CACHE_SINGLE_USER);
  update_cache_size (self);
  soup_cache_load (self->cache);
  soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (self->cache));

  g_signal_connect_object (self->config, "notify", G_CALLBACK (config_notify_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
hs_media_loader_dispose (GObject *object)
{
  HsMediaLoader *self = HS_MEDIA_LOADER (object);

  /* Every fetch holds a reference to us, so none is left here. */
  if (self->cache != NULL)
    {
      soup_cache_flush (self->cache);
      soup_cache_dump (self->cache);
    }
  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->cache);
  g_clear_object (&self->config);

  G_OBJECT_CLASS (hs_media_loader_parent_class)->dispose (object);
}

static void
hs_media_loader_finalize (GObject *object)
{
  HsMediaLoader *self = HS_MEDIA_LOADER (object);

  g_clear_pointer (&self->fetches, g_hash_table_unref);
  g_clear_pointer (&self->local_files, g_hash_table_unref);
  g_free (self->cache_dir);
  g_free (self->files_dir);

  G_OBJECT_CLASS (hs_media_loader_parent_class)->finalize (object);
}

static void
hs_media_loader_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HsMediaLoader *self = HS_MEDIA_LOADER (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;

    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_media_loader_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HsMediaLoader *self = HS_MEDIA_LOADER (object);

  switch (prop_id)
    {
    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;

    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_media_loader_class_init (HsMediaLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hs_media_loader_constructed;
  object_class->dispose = hs_media_loader_dispose;
  object_class->finalize = hs_media_loader_finalize;
  object_class->get_property = hs_media_loader_get_property;
  object_class->set_property = hs_media_loader_set_property;

  properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL,
                         HS_TYPE_CONFIG,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_media_loader_init (HsMediaLoader *self)
{
  self->fetches = g_hash_table_new (g_str_hash, g_str_equal);
  self->local_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->max_bytes = HS_MEDIA_LOADER_DEFAULT_MAX_BYTES;
  self->max_file_bytes = HS_MEDIA_LOADER_DEFAULT_MAX_FILE_BYTES;
}

HsMediaLoader *
hs_media_loader_new (HsConfig *config)
{
  return hs_media_loader_new_with_cache_dir (config, NULL);
}

HsMediaLoader *
hs_media_loader_new_with_cache_dir (HsConfig   *config,
                                    const char *cache_dir)
{
  g_return_val_if_fail (config == NULL || HS_IS_CONFIG (config), NULL);

  return g_object_new (HS_TYPE_MEDIA_LOADER,
                       "config", config,
                       "cache-dir", cache_dir,
                       NULL);
}

const char *
hs_media_loader_get_cache_dir (HsMediaLoader *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_LOADER (self), NULL);

  return self->cache_dir;
}

void
hs_media_loader_set_limits (HsMediaLoader *self,
                            gsize          max_bytes,
                            goffset        max_file_bytes)
{
  g_return_if_fail (HS_IS_MEDIA_LOADER (self));
  g_return_if_fail (max_bytes > 0 && max_bytes <= G_MAXUINT - HS_MEDIA_FETCH_CHUNK_SIZE);
  g_return_if_fail (max_file_bytes > 0);

  self->max_bytes = max_bytes;
  self->max_file_bytes = max_file_bytes;
}

void
hs_media_loader_load_bytes_async (HsMediaLoader       *self,
                                  const char          *url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (HS_IS_MEDIA_LOADER (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  load_async (self, url, FALSE, NULL, NULL, cancellable, callback, user_data,
              hs_media_loader_load_bytes_async);
}

GBytes *
hs_media_loader_load_bytes_finish (HsMediaLoader  *self,
                                   GAsyncResult   *result,
                                   char          **content_type,
                                   GError        **error)
{
  GBytes *bytes;

  g_return_val_if_fail (HS_IS_MEDIA_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_media_loader_load_bytes_async, NULL);

  bytes = g_task_propagate_pointer (G_TASK (result), error);
  if (content_type != NULL)
    *content_type = bytes != NULL ? g_strdup (g_task_get_task_data (G_TASK (result))) : NULL;
  return bytes;
}

void
hs_media_loader_load_to_file_async (HsMediaLoader         *self,
                                    const char            *url,
                                    GFileProgressCallback  progress_callback,
                                    gpointer               progress_callback_data,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_return_if_fail (HS_IS_MEDIA_LOADER (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  load_async (self, url, TRUE, progress_callback, progress_callback_data,
              cancellable, callback, user_data, hs_media_loader_load_to_file_async);
}

GFile *
hs_media_loader_load_to_file_finish (HsMediaLoader  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (HS_IS_MEDIA_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hs_media_loader_load_to_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hs_media_loader_flush (HsMediaLoader *self)
{
  g_return_if_fail (HS_IS_MEDIA_LOADER (self));

  soup_cache_flush (self->cache);
  soup_cache_dump (self->cache);
}

void
hs_media_loader_clear_cache_async (HsMediaLoader       *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HS_IS_MEDIA_LOADER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_media_loader_clear_cache_async);

  /* SoupCache is not thread-safe: it clears itself here, on its thread. */
  soup_cache_clear (self->cache);
  soup_cache_dump (self->cache);
  hs_media_files_clear_in_thread (task, self->files_dir);
}

gboolean
hs_media_loader_clear_cache_finish (HsMediaLoader  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (HS_IS_MEDIA_LOADER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The CLI passes the same environment resolver as its client: GIO's
 * default loads every GIO module (and GNOME's needs its GSettings schema). */
void
hs_media_loader_set_proxy_resolver (HsMediaLoader  *self,
                                    GProxyResolver *resolver)
{
  g_return_if_fail (HS_IS_MEDIA_LOADER (self));
  g_return_if_fail (resolver == NULL || G_IS_PROXY_RESOLVER (resolver));

  soup_session_set_proxy_resolver (self->session, resolver);
}
