#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HS_TYPE_CONFIG (hs_config_get_type ())

G_DECLARE_FINAL_TYPE (HsConfig, hs_config, HS, CONFIG, GObject)

#define HS_CONFIG_SCHEMA_ID "io.github.hongshu.Hongshu"

#define HS_CONFIG_DEFAULT_API_BASE_URL "https://api.xiaohongshu.com"
#define HS_CONFIG_DEFAULT_REQUESTS_PER_MINUTE 100
#define HS_CONFIG_DEFAULT_MEDIA_REFERER "https://www.xiaohongshu.com/"
#define HS_CONFIG_DEFAULT_MEDIA_CACHE_SIZE_MB 200
#define HS_CONFIG_DEFAULT_CONNECT_TIMEOUT (10 * G_TIME_SPAN_SECOND)
#define HS_CONFIG_DEFAULT_REQUEST_TIMEOUT (30 * G_TIME_SPAN_SECOND)
#define HS_CONFIG_DEFAULT_RETRY_BASE_DELAY (G_TIME_SPAN_SECOND / 2)
#define HS_CONFIG_DEFAULT_MAX_RETRIES 3
#define HS_CONFIG_DEFAULT_MAX_RETRY_WAIT (60 * G_TIME_SPAN_SECOND)

/* The effective settings.
 *
 * hs_config_new(): the GSettings schema HS_CONFIG_SCHEMA_ID if it is
 * installed (else built-in defaults), then the environment
 * (HONGSHU_API_BASE_URL, HONGSHU_APP_KEY, HONGSHU_REQUESTS_PER_MINUTE).
 * GSettings changes are followed (property notify) unless the key was
 * overridden by the environment or by a setter.
 *
 * hs_config_new_with_settings(): that GSettings (or none: defaults), no
 * environment; for tests and embedding.
 *
 * Setters change only this object, never GSettings (the preferences write
 * GSettings themselves). Properties: "api-base-url", "requests-per-minute",
 * "media-referer", "app-key", "media-cache-size-mb", "connect-timeout",
 * "request-timeout", "retry-base-delay", "max-retry-wait" (GTimeSpan,
 * microseconds, gint64), "max-retries" (guint). "api-origin" is read-only.
 */
HsConfig   *hs_config_new                     (void);
HsConfig   *hs_config_new_with_settings       (GSettings   *settings);
/* The settings of the installed schema, or NULL when it is not installed
 * (an uninstalled build: the CLI from the build tree, tests). */
GSettings  *hs_config_new_installed_settings  (void);
gboolean    hs_config_apply_environment       (HsConfig    *self,
                                               GError     **error);
GSettings  *hs_config_get_settings            (HsConfig    *self);

/* Without a trailing slash, e.g. "https://api.xiaohongshu.com". */
const char *hs_config_get_api_base_url        (HsConfig    *self);
/* Accepts only absolute http/https URLs with a host, no userinfo, query or
 * fragment; trims trailing slashes. Fails with HS_ERROR_BAD_REQUEST (exit 2,
 * a usage error) and leaves the config unchanged. */
gboolean    hs_config_set_api_base_url        (HsConfig    *self,
                                               const char  *url,
                                               GError     **error);
/* "scheme://host:port" of the base, port always explicit, host lowercase,
 * IPv6 in brackets: compare it with hs_config_origin_for_uri() before
 * sending the access token anywhere. */
const char *hs_config_get_api_origin          (HsConfig    *self);
gboolean    hs_config_uri_is_api_origin       (HsConfig    *self,
                                               GUri        *uri);
char       *hs_config_origin_for_uri          (GUri        *uri);

guint       hs_config_get_requests_per_minute (HsConfig    *self);
void        hs_config_set_requests_per_minute (HsConfig    *self,
                                               guint        requests_per_minute);
const char *hs_config_get_media_referer       (HsConfig    *self);
void        hs_config_set_media_referer       (HsConfig    *self,
                                               const char  *referer);
/* Empty string when none is configured: signing is off then. */
const char *hs_config_get_app_key             (HsConfig    *self);
void        hs_config_set_app_key             (HsConfig    *self,
                                               const char  *app_key);
guint       hs_config_get_media_cache_size_mb (HsConfig    *self);
void        hs_config_set_media_cache_size_mb (HsConfig    *self,
                                               guint        size_mb);

GTimeSpan   hs_config_get_connect_timeout     (HsConfig    *self);
void        hs_config_set_connect_timeout     (HsConfig    *self,
                                               GTimeSpan    timeout);
GTimeSpan   hs_config_get_request_timeout     (HsConfig    *self);
void        hs_config_set_request_timeout     (HsConfig    *self,
                                               GTimeSpan    timeout);
GTimeSpan   hs_config_get_retry_base_delay    (HsConfig    *self);
void        hs_config_set_retry_base_delay    (HsConfig    *self,
                                               GTimeSpan    delay);
GTimeSpan   hs_config_get_max_retry_wait      (HsConfig    *self);
void        hs_config_set_max_retry_wait      (HsConfig    *self,
                                               GTimeSpan    wait);
guint       hs_config_get_max_retries         (HsConfig    *self);
void        hs_config_set_max_retries         (HsConfig    *self,
                                               guint        max_retries);

G_END_DECLS
