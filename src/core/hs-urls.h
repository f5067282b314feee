#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every host name, origin rule and link format of Hongshu lives here, once:
 *   - note sites: xiaohongshu.com and rednote.com and their subdomains;
 *   - short links: xhslink.com, xhslink.cn and their www.;
 *   - media CDNs: xhscdn.com, xhscdn.net, xiaohongshu.com and subdomains.
 * A host comparison ignores case and a trailing "." (a fully qualified
 * name names the same host). */

/* The form an http(s) URL with a host is parsed in throughout Hongshu
 * (libsoup's SOUP_HTTP_URI_FLAGS, without pulling libsoup in here). */
#define HS_URLS_PARSE_FLAGS (G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_PATH | \
                             G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_ENCODED_FRAGMENT | \
                             G_URI_FLAGS_SCHEME_NORMALIZE)

/* The canonical link of a bare note id. */
#define HS_URLS_NOTE_LINK_PREFIX "https://www.xiaohongshu.com/explore/"

gboolean  hs_note_id_is_valid           (const char         *text);

gboolean  hs_urls_host_is_or_is_under   (const char         *host,
                                         const char         *domain);
gboolean  hs_urls_host_is_note_site     (const char         *host);
gboolean  hs_urls_host_is_short_link    (const char         *host);
gboolean  hs_urls_host_is_media_cdn     (const char         *host);

/* @url parsed when it is an http or https URL with a non-empty host, else
 * NULL. */
GUri     *hs_urls_parse_web             (const char         *url);
gboolean  hs_urls_is_web                (const char         *url);
gboolean  hs_urls_uri_is_web            (GUri               *uri);

/* "scheme://host:port" in lowercase with the default port filled in, IPv6
 * in brackets; NULL unless http(s) with a host. */
char     *hs_urls_origin                (GUri               *uri);
gboolean  hs_urls_same_origin           (GUri               *a,
                                         GUri               *b);

/* "https://www.xiaohongshu.com/explore/ID" for a valid @note_id. */
char     *hs_urls_note_link             (const char         *note_id);

/* A short link (hs_urls_host_is_short_link()) moved onto @base (the demo
 * server's stand-in for xhslink.com), path and query kept; any other URL,
 * or any URL when @base is NULL, comes back as it is. */
char     *hs_urls_map_short_link        (const char         *url,
                                         const char         *base);

/* The scope of pictures that one of a note's own media URLs vouches for:
 * "scheme://host:port/first-segment/", NULL unless http(s). */
char     *hs_urls_media_scope           (const char         *url);
/* Whether a picture at @url may be loaded for a note with @scopes: on a
 * Xiaohongshu CDN, or within one of @scopes (nullable). */
gboolean  hs_urls_media_allowed         (const char         *url,
                                         const char * const *scopes);

/* Hongshu's own links to a search, which the window opens in place:
 * "hongshu-search:?keyword=K" or "hongshu-search:?tag=T" (percent-encoded
 * UTF-8). Tag pills, `#topic` links in a note's body (any note source that
 * finds topics links them this way) and `hongshu --search/--tag` use them. */
#define HS_URLS_SEARCH_SCHEME "hongshu-search"

char     *hs_urls_search_link           (const char         *query,
                                         gboolean            is_tag);
/* Whether @link is such a link with a non-empty query, or the website's
 * search page (https://www.xiaohongshu.com/search_result?keyword=…, where its
 * topic links lead; "#topic[话题]#" there is the tag "topic"); @query: (out)
 * (optional) (transfer full); @is_tag: (out) (optional). */
gboolean  hs_urls_parse_search_link     (const char         *link,
                                         char              **query,
                                         gboolean           *is_tag);

G_END_DECLS
