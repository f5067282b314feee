#pragma once

#include <gio/gio.h>

#include "hs-config.h"
#include "hs-note-source.h"
#include "hs-rate-limiter.h"

G_BEGIN_DECLS

#define HS_TYPE_WEB_SOURCE (hs_web_source_get_type ())

G_DECLARE_FINAL_TYPE (HsWebSource, hs_web_source, HS, WEB_SOURCE, GObject)

#define HS_WEB_SOURCE_DEFAULT_BASE_URL "https://www.xiaohongshu.com"
#define HS_WEB_SOURCE_DEFAULT_REQUESTS_PER_MINUTE 20

/* The Xiaohongshu website as a note source (WEB.md): reads the note page
 * of a link, with the person's own sign-in cookie when there is one.
 *
 * Links on www.xiaohongshu.com and www.rednote.com are fetched from the
 * base URL (default HS_WEB_SOURCE_DEFAULT_BASE_URL; HONGSHU_WEB_BASE_URL;
 * the demo server in tests) with their path and query as given. Short
 * links are followed with GET, by hand, without the cookie, on the short
 * link base when one is set. Every note costs one pass through the
 * source's own limiter (GSettings `web-requests-per-minute`, default 20).
 *
 * The cookie goes to the base URL's origin only: never to the short-link
 * host, a CDN or the API. It is never logged, and is wiped from memory
 * when replaced or dropped. */
HsWebSource   *hs_web_source_new                  (HsConfig        *config);

/* Fails with HS_ERROR_BAD_REQUEST unless @url is an absolute http(s) URL
 * with a host and no query; trailing slashes are trimmed. */
gboolean       hs_web_source_set_base_url         (HsWebSource     *self,
                                                   const char      *url,
                                                   GError         **error);
const char    *hs_web_source_get_base_url         (HsWebSource     *self);
/* HONGSHU_WEB_BASE_URL and HONGSHU_WEB_COOKIE, when set. */
gboolean       hs_web_source_apply_environment    (HsWebSource     *self,
                                                   GError         **error);

/* @cookie: (nullable): the site's cookies as a Cookie header value
 * ("web_session=…; a1=…"); NULL or "" signs out. */
void           hs_web_source_set_cookie           (HsWebSource     *self,
                                                   const char      *cookie);
gboolean       hs_web_source_has_cookie           (HsWebSource     *self);

void           hs_web_source_set_short_link_base  (HsWebSource     *self,
                                                   const char      *short_link_base);
/* Where the originals of WEB.md §5 are fetched from (NULL: the real hosts). */
void           hs_web_source_set_original_bases   (HsWebSource     *self,
                                                   const char      *image_base,
                                                   const char      *video_base);

HsRateLimiter *hs_web_source_get_rate_limiter     (HsWebSource     *self);
void           hs_web_source_set_rate_limiter     (HsWebSource     *self,
                                                   HsRateLimiter   *limiter);
void           hs_web_source_set_proxy_resolver   (HsWebSource     *self,
                                                   GProxyResolver  *resolver);

G_END_DECLS
