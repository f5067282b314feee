#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-config.h"
#include "hs-urls.h"
#include "hs-error.h"

/* Keys that the environment or a setter can pin, so that a later GSettings
 * change does not silently undo an explicit choice. */
typedef enum
{
  KEY_API_BASE_URL        = 1 << 0,
  KEY_REQUESTS_PER_MINUTE = 1 << 1,
  KEY_MEDIA_REFERER       = 1 << 2,
  KEY_APP_KEY             = 1 << 3,
  KEY_MEDIA_CACHE_SIZE_MB = 1 << 4,
} ConfigKey;

struct _HsConfig
{
  GObject    parent_instance;

  GSettings *settings;
  guint      overridden;   /* ConfigKey bits */

  char      *api_base_url;
  char      *api_origin;
  guint      requests_per_minute;
  char      *media_referer;
  char      *app_key;
  guint      media_cache_size_mb;

  GTimeSpan  connect_timeout;
  GTimeSpan  request_timeout;
  GTimeSpan  retry_base_delay;
  GTimeSpan  max_retry_wait;
  guint      max_retries;
};

G_DEFINE_FINAL_TYPE (HsConfig, hs_config, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_API_BASE_URL,
  PROP_API_ORIGIN,
  PROP_REQUESTS_PER_MINUTE,
  PROP_MEDIA_REFERER,
  PROP_APP_KEY,
  PROP_MEDIA_CACHE_SIZE_MB,
  PROP_CONNECT_TIMEOUT,
  PROP_REQUEST_TIMEOUT,
  PROP_RETRY_BASE_DELAY,
  PROP_MAX_RETRY_WAIT,
  PROP_MAX_RETRIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Far above any real quota; matches the rate limiter's own bound. */
#define MAX_REQUESTS_PER_MINUTE 1000000

char *
hs_config_origin_for_uri (GUri *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);

  return hs_urls_origin (uri);
}

gboolean
hs_config_uri_is_api_origin (HsConfig *self,
                             GUri     *uri)
{
  g_autofree char *origin = NULL;

  g_return_val_if_fail (HS_IS_CONFIG (self), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  origin = hs_config_origin_for_uri (uri);
  return origin != NULL && g_strcmp0 (origin, self->api_origin) == 0;
}

static gboolean
has_control_or_space (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p <= 0x20 || (guchar) *p == 0x7f)
        return TRUE;
    }
  return FALSE;
}

/* Host names (also IDN in punycode), IPv4 and IPv6 literals; GUri decodes
 * percent escapes in the host, so "h%20x" would otherwise become "h x". */
static gboolean
host_is_valid (const char *host)
{
  if (host == NULL || *host == '\0')
    return FALSE;
  for (const char *p = host; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_' && *p != ':')
        return FALSE;
    }
  return TRUE;
}

/* Returns the normalised base (no trailing slash) and its origin. */
static char *
validate_api_base_url (const char  *url,
                       char       **out_origin,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *host = NULL;
  const char *reason = NULL;
  gsize len;

  if (url == NULL || *url == '\0')
    reason = _("the address is empty");
  else if (has_control_or_space (url))
    reason = _("it contains spaces or control characters");
  else if ((uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, &local_error)) == NULL)
    reason = _("it is not an absolute URL");
  else if (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
           g_strcmp0 (g_uri_get_scheme (uri), "https") != 0)
    reason = _("only http and https are supported");
  else if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    reason = _("it has no host name");
  else if (!host_is_valid (g_uri_get_host (uri)))
    reason = _("the host name is not valid");
  else if (g_uri_get_userinfo (uri) != NULL)
    reason = _("it must not contain a user name or password");
  else if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    reason = _("it must not contain a query (?) or fragment (#)");
  else if (g_uri_get_port (uri) == 0)
    reason = _("the port is not valid");

  if (reason != NULL)
    {
      g_set_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST,
                   /* TRANSLATORS: %s is what the user typed, then the reason */
                   _("“%s” is not a valid API address: %s"),
                   url != NULL ? url : "", reason);
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  *out_origin = hs_config_origin_for_uri (uri);
  return g_uri_join (G_URI_FLAGS_ENCODED,
                     g_uri_get_scheme (uri), NULL,
                     host, g_uri_get_port (uri),
                     path, NULL, NULL);
}

static gboolean
apply_api_base_url (HsConfig    *self,
                    const char  *url,
                    GError     **error)
{
  g_autofree char *origin = NULL;
  g_autofree char *normalised = validate_api_base_url (url, &origin, error);

  if (normalised == NULL)
    return FALSE;

  /* Listeners of api-base-url look credentials up by origin: both must have
   * changed before either is announced. */
  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (normalised, self->api_base_url) != 0)
    {
      g_free (self->api_base_url);
      self->api_base_url = g_steal_pointer (&normalised);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_BASE_URL]);
    }
  if (g_strcmp0 (origin, self->api_origin) != 0)
    {
      g_free (self->api_origin);
      self->api_origin = g_steal_pointer (&origin);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_ORIGIN]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

static void
apply_string (HsConfig   *self,
              char      **field,
              const char *value,
              int         prop)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) != 0)
    {
      g_free (*field);
      *field = g_strdup (value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
}

static void
apply_uint (HsConfig *self,
            guint    *field,
            guint     value,
            int       prop)
{
  if (*field != value)
    {
      *field = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
}

static void
apply_timespan (HsConfig  *self,
                GTimeSpan *field,
                GTimeSpan  value,
                int        prop)
{
  if (*field != value)
    {
      *field = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
    }
}

static gboolean
settings_has_key (HsConfig   *self,
                  const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static void
load_key (HsConfig   *self,
          const char *key)
{
  if (!settings_has_key (self, key))
    return;

  if (g_str_equal (key, "api-base-url"))
    {
      g_autofree char *value = NULL;
      g_autoptr(GError) error = NULL;

      if (self->overridden & KEY_API_BASE_URL)
        return;
      value = g_settings_get_string (self->settings, key);
      if (!apply_api_base_url (self, value, &error))
        g_warning ("Ignoring the api-base-url setting: %s", error->message);
    }
  else if (g_str_equal (key, "requests-per-minute"))
    {
      if (!(self->overridden & KEY_REQUESTS_PER_MINUTE))
        apply_uint (self, &self->requests_per_minute,
                    MIN (g_settings_get_uint (self->settings, key), MAX_REQUESTS_PER_MINUTE),
                    PROP_REQUESTS_PER_MINUTE);
    }
  else if (g_str_equal (key, "media-referer"))
    {
      g_autofree char *value = g_settings_get_string (self->settings, key);

      if (!(self->overridden & KEY_MEDIA_REFERER))
        apply_string (self, &self->media_referer, value, PROP_MEDIA_REFERER);
    }
  else if (g_str_equal (key, "app-key"))
    {
      g_autofree char *value = g_settings_get_string (self->settings, key);

      if (!(self->overridden & KEY_APP_KEY))
        apply_string (self, &self->app_key, value, PROP_APP_KEY);
    }
  else if (g_str_equal (key, "media-cache-size-mb"))
    {
      if (!(self->overridden & KEY_MEDIA_CACHE_SIZE_MB))
        apply_uint (self, &self->media_cache_size_mb,
                    g_settings_get_uint (self->settings, key),
                    PROP_MEDIA_CACHE_SIZE_MB);
    }
}

static void
settings_changed_cb (HsConfig   *self,
                     const char *key,
                     GSettings  *settings)
{
  load_key (self, key);
}

static void
load_all (HsConfig *self)
{
  static const char * const keys[] = {
    "api-base-url", "requests-per-minute", "media-referer", "app-key", "media-cache-size-mb",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    load_key (self, keys[i]);
}

GSettings *
hs_config_new_installed_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* An uninstalled build (the CLI from the build tree, tests) has no
   * schema: g_settings_new() would abort, defaults are the right answer. */
  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, HS_CONFIG_SCHEMA_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * hs_config_new_with_settings:
 * @settings: (nullable): a GSettings of the HS_CONFIG_SCHEMA_ID schema
 *
 * Returns: the configuration of @settings, or the built-in defaults, without
 * the environment.
 */
HsConfig *
hs_config_new_with_settings (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (HS_TYPE_CONFIG, "settings", settings, NULL);
}

HsConfig *
hs_config_new (void)
{
  g_autoptr(GSettings) settings = hs_config_new_installed_settings ();
  g_autoptr(GError) error = NULL;
  HsConfig *self = hs_config_new_with_settings (settings);

  if (!hs_config_apply_environment (self, &error))
    g_warning ("%s", error->message);

  return self;
}

/**
 * hs_config_apply_environment:
 *
 * Applies HONGSHU_API_BASE_URL, HONGSHU_APP_KEY and
 * HONGSHU_REQUESTS_PER_MINUTE when set. An invalid value is skipped (the
 * others still apply) and reported in @error.
 */
gboolean
hs_config_apply_environment (HsConfig  *self,
                             GError   **error)
{
  const char *value;
  gboolean ok = TRUE;

  g_return_val_if_fail (HS_IS_CONFIG (self), FALSE);

  value = g_getenv ("HONGSHU_API_BASE_URL");
  if (value != NULL && *value != '\0')
    {
      g_autoptr(GError) local_error = NULL;

      if (!hs_config_set_api_base_url (self, value, &local_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      "HONGSHU_API_BASE_URL: ");
          ok = FALSE;
        }
    }

  value = g_getenv ("HONGSHU_APP_KEY");
  if (value != NULL && *value != '\0')
    hs_config_set_app_key (self, value);

  value = g_getenv ("HONGSHU_REQUESTS_PER_MINUTE");
  if (value != NULL && *value != '\0')
    {
      guint64 n;

      if (g_ascii_string_to_unsigned (value, 10, 0, MAX_REQUESTS_PER_MINUTE, &n, NULL))
        hs_config_set_requests_per_minute (self, (guint) n);
      else if (ok)
        {
          g_set_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST,
                       /* TRANSLATORS: %s is the value of the environment variable */
                       _("HONGSHU_REQUESTS_PER_MINUTE: “%s” is not a number of requests"),
                       value);
          ok = FALSE;
        }
    }

  return ok;
}

GSettings *
hs_config_get_settings (HsConfig *self)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), NULL);

  return self->settings;
}

const char *
hs_config_get_api_base_url (HsConfig *self)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), NULL);

  return self->api_base_url;
}

gboolean
hs_config_set_api_base_url (HsConfig    *self,
                            const char  *url,
                            GError     **error)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!apply_api_base_url (self, url, error))
    return FALSE;
  self->overridden |= KEY_API_BASE_URL;
  return TRUE;
}

const char *
hs_config_get_api_origin (HsConfig *self)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), NULL);

  return self->api_origin;
}

guint
hs_config_get_requests_per_minute (HsConfig *self)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), 0);

  return self->requests_per_minute;
}

void
hs_config_set_requests_per_minute (HsConfig *self,
                                   guint     requests_per_minute)
{
  g_return_if_fail (HS_IS_CONFIG (self));

  self->overridden |= KEY_REQUESTS_PER_MINUTE;
  apply_uint (self, &self->requests_per_minute,
              MIN (requests_per_minute, MAX_REQUESTS_PER_MINUTE),
              PROP_REQUESTS_PER_MINUTE);
}

const char *
hs_config_get_media_referer (HsConfig *self)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), NULL);

  return self->media_referer;
}

void
hs_config_set_media_referer (HsConfig   *self,
                             const char *referer)
{
  g_return_if_fail (HS_IS_CONFIG (self));

  self->overridden |= KEY_MEDIA_REFERER;
  apply_string (self, &self->media_referer, referer, PROP_MEDIA_REFERER);
}

const char *
hs_config_get_app_key (HsConfig *self)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), NULL);

  return self->app_key;
}

void
hs_config_set_app_key (HsConfig   *self,
                       const char *app_key)
{
  g_return_if_fail (HS_IS_CONFIG (self));

  self->overridden |= KEY_APP_KEY;
  apply_string (self, &self->app_key, app_key, PROP_APP_KEY);
}

guint
hs_config_get_media_cache_size_mb (HsConfig *self)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), 0);

  return self->media_cache_size_mb;
}

void
hs_config_set_media_cache_size_mb (HsConfig *self,
                                   guint     size_mb)
{
  g_return_if_fail (HS_IS_CONFIG (self));

  self->overridden |= KEY_MEDIA_CACHE_SIZE_MB;
  apply_uint (self, &self->media_cache_size_mb, size_mb, PROP_MEDIA_CACHE_SIZE_MB);
}

GTimeSpan
hs_config_get_connect_timeout (HsConfig *self)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), 0);

  return self->connect_timeout;
}

void
hs_config_set_connect_timeout (HsConfig  *self,
                               GTimeSpan  timeout)
{
  g_return_if_fail (HS_IS_CONFIG (self));
  g_return_if_fail (timeout >= 0);

  apply_timespan (self, &self->connect_timeout, timeout, PROP_CONNECT_TIMEOUT);
}

GTimeSpan
hs_config_get_request_timeout (HsConfig *self)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), 0);

  return self->request_timeout;
}

void
hs_config_set_request_timeout (HsConfig  *self,
                               GTimeSpan  timeout)
{
  g_return_if_fail (HS_IS_CONFIG (self));
  g_return_if_fail (timeout >= 0);

  apply_timespan (self, &self->request_timeout, timeout, PROP_REQUEST_TIMEOUT);
}

GTimeSpan
hs_config_get_retry_base_delay (HsConfig *self)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), 0);

  return self->retry_base_delay;
}

void
hs_config_set_retry_base_delay (HsConfig  *self,
                                GTimeSpan  delay)
{
  g_return_if_fail (HS_IS_CONFIG (self));
  g_return_if_fail (delay >= 0);

  apply_timespan (self, &self->retry_base_delay, delay, PROP_RETRY_BASE_DELAY);
}

GTimeSpan
hs_config_get_max_retry_wait (HsConfig *self)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), 0);

  return self->max_retry_wait;
}

void
hs_config_set_max_retry_wait (HsConfig  *self,
                              GTimeSpan  wait)
{
  g_return_if_fail (HS_IS_CONFIG (self));
  g_return_if_fail (wait >= 0);

  apply_timespan (self, &self->max_retry_wait, wait, PROP_MAX_RETRY_WAIT);
}

guint
hs_config_get_max_retries (HsConfig *self)
{
  g_return_val_if_fail (HS_IS_CONFIG (self), 0);

  return self->max_retries;
}

void
hs_config_set_max_retries (HsConfig *self,
                           guint     max_retries)
{
  g_return_if_fail (HS_IS_CONFIG (self));

  apply_uint (self, &self->max_retries, max_retries, PROP_MAX_RETRIES);
}

static void
hs_config_constructed (GObject *object)
{
  HsConfig *self = HS_CONFIG (object);

  G_OBJECT_CLASS (hs_config_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed",
                               G_CALLBACK (settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
      load_all (self);
    }
}

static void
hs_config_dispose (GObject *object)
{
  HsConfig *self = HS_CONFIG (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hs_config_parent_class)->dispose (object);
}

static void
hs_config_finalize (GObject *object)
{
  HsConfig *self = HS_CONFIG (object);

  g_clear_pointer (&self->api_base_url, g_free);
  g_clear_pointer (&self->api_origin, g_free);
  g_clear_pointer (&self->media_referer, g_free);
  g_clear_pointer (&self->app_key, g_free);

  G_OBJECT_CLASS (hs_config_parent_class)->finalize (object);
}

static void
hs_config_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HsConfig *self = HS_CONFIG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_API_BASE_URL:
      g_value_set_string (value, self->api_base_url);
      break;

    case PROP_API_ORIGIN:
      g_value_set_string (value, self->api_origin);
      break;

    case PROP_REQUESTS_PER_MINUTE:
      g_value_set_uint (value, self->requests_per_minute);
      break;

    case PROP_MEDIA_REFERER:
      g_value_set_string (value, self->media_referer);
      break;

    case PROP_APP_KEY:
      g_value_set_string (value, self->app_key);
      break;

    case PROP_MEDIA_CACHE_SIZE_MB:
      g_value_set_uint (value, self->media_cache_size_mb);
      break;

    case PROP_CONNECT_TIMEOUT:
      g_value_set_int64 (value, self->connect_timeout);
      break;

    case PROP_REQUEST_TIMEOUT:
      g_value_set_int64 (value, self->request_timeout);
      break;

    case PROP_RETRY_BASE_DELAY:
      g_value_set_int64 (value, self->retry_base_delay);
      break;

    case PROP_MAX_RETRY_WAIT:
      g_value_set_int64 (value, self->max_retry_wait);
      break;

    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_config_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HsConfig *self = HS_CONFIG (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_API_BASE_URL:
      {
        g_autoptr(GError) error = NULL;

        if (!hs_config_set_api_base_url (self, g_value_get_string (value), &error))
          g_warning ("%s", error->message);
      }
      break;

    case PROP_REQUESTS_PER_MINUTE:
      hs_config_set_requests_per_minute (self, g_value_get_uint (value));
      break;

    case PROP_MEDIA_REFERER:
      hs_config_set_media_referer (self, g_value_get_string (value));
      break;

    case PROP_APP_KEY:
      hs_config_set_app_key (self, g_value_get_string (value));
      break;

    case PROP_MEDIA_CACHE_SIZE_MB:
      hs_config_set_media_cache_size_mb (self, g_value_get_uint (value));
      break;

    case PROP_CONNECT_TIMEOUT:
      hs_config_set_connect_timeout (self, g_value_get_int64 (value));
      break;

    case PROP_REQUEST_TIMEOUT:
      hs_config_set_request_timeout (self, g_value_get_int64 (value));
      break;

    case PROP_RETRY_BASE_DELAY:
      hs_config_set_retry_base_delay (self, g_value_get_int64 (value));
      break;

    case PROP_MAX_RETRY_WAIT:
      hs_config_set_max_retry_wait (self, g_value_get_int64 (value));
      break;

    case PROP_MAX_RETRIES:
      hs_config_set_max_retries (self, g_value_get_uint (value));
      break;

    case PROP_API_ORIGIN:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_config_class_init (HsConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = hs_config_constructed;
  object_class->dispose = hs_config_dispose;
  object_class->finalize = hs_config_finalize;
  object_class->get_property = hs_config_get_property;
  object_class->set_property = hs_config_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_API_BASE_URL] =
    g_param_spec_string ("api-base-url", NULL, NULL,
                         HS_CONFIG_DEFAULT_API_BASE_URL, rw);

  properties[PROP_API_ORIGIN] =
    g_param_spec_string ("api-origin", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_REQUESTS_PER_MINUTE] =
    g_param_spec_uint ("requests-per-minute", NULL, NULL,
                       0, MAX_REQUESTS_PER_MINUTE, HS_CONFIG_DEFAULT_REQUESTS_PER_MINUTE, rw);

  properties[PROP_MEDIA_REFERER] =
    g_param_spec_string ("media-referer", NULL, NULL,
                         HS_CONFIG_DEFAULT_MEDIA_REFERER, rw);

  properties[PROP_APP_KEY] =
    g_param_spec_string ("app-key", NULL, NULL,
                         "", rw);

  properties[PROP_MEDIA_CACHE_SIZE_MB] =
    g_param_spec_uint ("media-cache-size-mb", NULL, NULL,
                       0, G_MAXUINT, HS_CONFIG_DEFAULT_MEDIA_CACHE_SIZE_MB, rw);

  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_int64 ("connect-timeout", NULL, NULL,
                        0, G_MAXINT64, HS_CONFIG_DEFAULT_CONNECT_TIMEOUT, rw);

  properties[PROP_REQUEST_TIMEOUT] =
    g_param_spec_int64 ("request-timeout", NULL, NULL,
                        0, G_MAXINT64, HS_CONFIG_DEFAULT_REQUEST_TIMEOUT, rw);

  properties[PROP_RETRY_BASE_DELAY] =
    g_param_spec_int64 ("retry-base-delay", NULL, NULL,
                        0, G_MAXINT64, HS_CONFIG_DEFAULT_RETRY_BASE_DELAY, rw);

  properties[PROP_MAX_RETRY_WAIT] =
    g_param_spec_int64 ("max-retry-wait", NULL, NULL,
                        0, G_MAXINT64, HS_CONFIG_DEFAULT_MAX_RETRY_WAIT, rw);

  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL,
                       0, 100, HS_CONFIG_DEFAULT_MAX_RETRIES, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_config_init (HsConfig *self)
{
  self->api_base_url = validate_api_base_url (HS_CONFIG_DEFAULT_API_BASE_URL,
                                              &self->api_origin, NULL);
  g_assert (self->api_base_url != NULL);
  self->requests_per_minute = HS_CONFIG_DEFAULT_REQUESTS_PER_MINUTE;
  self->media_referer = g_strdup (HS_CONFIG_DEFAULT_MEDIA_REFERER);
  self->app_key = g_strdup ("");
  self->media_cache_size_mb = HS_CONFIG_DEFAULT_MEDIA_CACHE_SIZE_MB;
  self->connect_timeout = HS_CONFIG_DEFAULT_CONNECT_TIMEOUT;
  self->request_timeout = HS_CONFIG_DEFAULT_REQUEST_TIMEOUT;
  self->retry_base_delay = HS_CONFIG_DEFAULT_RETRY_BASE_DELAY;
  self->max_retry_wait = HS_CONFIG_DEFAULT_MAX_RETRY_WAIT;
  self->max_retries = HS_CONFIG_DEFAULT_MAX_RETRIES;
}
