#include "config.h"

#include <string.h>

#include "hs-urls.h"

#define NOTE_ID_LENGTH 24

static const char * const note_domains[] = { "xiaohongshu.com", "rednote.com" };
static const char * const short_link_hosts[] = {
  "xhslink.com", "www.xhslink.com", "xhslink.cn", "www.xhslink.cn",
};
static const char * const media_domains[] = {
  "xhscdn.com", "xhscdn.net", "xiaohongshu.com",
};

gboolean
hs_note_id_is_valid (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (size_t i = 0; i < NOTE_ID_LENGTH; i++)
    {
      if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }

  return text[NOTE_ID_LENGTH] == '\0';
}

static gsize
host_length (const char *host)
{
  gsize len = strlen (host);

  /* A fully qualified "www.xiaohongshu.com." names the same host. */
  if (len > 0 && host[len - 1] == '.')
    len--;
  return len;
}

static gboolean
host_equal (const char *host,
            const char *name)
{
  gsize len = host_length (host);

  return len == strlen (name) && g_ascii_strncasecmp (host, name, len) == 0;
}

gboolean
hs_urls_host_is_or_is_under (const char *host,
                             const char *domain)
{
  gsize host_len;
  gsize domain_len = strlen (domain);

  if (host == NULL)
    return FALSE;

  host_len = host_length (host);
  if (host_len == domain_len)
    return g_ascii_strncasecmp (host, domain, domain_len) == 0;

  return host_len > domain_len &&
         host[host_len - domain_len - 1] == '.' &&
         g_ascii_strncasecmp (host + host_len - domain_len, domain, domain_len) == 0;
}

/* @subdomains: whether a host under one of @names matches too. */
static gboolean
host_in_list (const char         *host,
              const char * const *names,
              gsize               n_names,
              gboolean            subdomains)
{
  if (host == NULL)
    return FALSE;

  for (gsize i = 0; i < n_names; i++)
    if (subdomains ? hs_urls_host_is_or_is_under (host, names[i]) : host_equal (host, names[i]))
      return TRUE;
  return FALSE;
}

gboolean
hs_urls_host_is_note_site (const char *host)
{
  return host_in_list (host, note_domains, G_N_ELEMENTS (note_domains), TRUE);
}

gboolean
hs_urls_host_is_short_link (const char *host)
{
  /* Exactly these: the client follows short links, so no subdomain. */
  return host_in_list (host, short_link_hosts, G_N_ELEMENTS (short_link_hosts), FALSE);
}

gboolean
hs_urls_host_is_media_cdn (const char *host)
{
  return host_in_list (host, media_domains, G_N_ELEMENTS (media_domains), TRUE);
}

gboolean
hs_urls_uri_is_web (GUri *uri)
{
  const char *scheme;
  const char *host;

  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && *host != '\0';
}

GUri *
hs_urls_parse_web (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return NULL;

  uri = g_uri_parse (url, HS_URLS_PARSE_FLAGS, NULL);
  return hs_urls_uri_is_web (uri) ? g_steal_pointer (&uri) : NULL;
}

gboolean
hs_urls_is_web (const char *url)
{
  g_autoptr(GUri) uri = hs_urls_parse_web (url);

  return uri != NULL;
}

char *
hs_urls_origin (GUri *uri)
{
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  int port;

  if (!hs_urls_uri_is_web (uri))
    return NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  port = g_uri_get_port (uri);
  if (port <= 0)
    port = strcmp (scheme, "https") == 0 ? 443 : 80;

  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("%s://[%s]:%d", scheme, host, port);
  return g_strdup_printf ("%s://%s:%d", scheme, host, port);
}

gboolean
hs_urls_same_origin (GUri *a,
                     GUri *b)
{
  g_autofree char *origin_a = hs_urls_origin (a);
  g_autofree char *origin_b = hs_urls_origin (b);

  return origin_a != NULL && g_strcmp0 (origin_a, origin_b) == 0;
}

char *
hs_urls_note_link (const char *note_id)
{
  g_return_val_if_fail (hs_note_id_is_valid (note_id), NULL);

  return g_strconcat (HS_URLS_NOTE_LINK_PREFIX, note_id, NULL);
}

char *
hs_urls_map_short_link (const char *url,
                        const char *base)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  gsize len;

  if (base == NULL)
    return g_strdup (url);

  uri = hs_urls_parse_web (url);
  if (uri == NULL || !hs_urls_host_is_short_link (g_uri_get_host (uri)))
    return g_strdup (url);

  trimmed = g_strdup (base);
  len = strlen (trimmed);
  while (len > 0 && trimmed[len - 1] == '/')
    trimmed[--len] = '\0';

  return g_strconcat (trimmed, g_uri_get_path (uri),
                      g_uri_get_query (uri) != NULL ? "?" : "",
                      g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "",
                      NULL);
}

/* Which pictures a note may show
 *
 * A body is HTML from anybody. Its pictures on the note's own CDN are part
 * of the note; a picture anywhere else is a third party's, and loading it
 * tells that party who reads the note (a tracking pixel). So only pictures
 * within the scopes of the note's own media are loaded: the same scheme,
 * host and port and the same first path segment ("https://host/dir/"),
 * plus the hosts of Xiaohongshu's CDNs. The media loader applies the same
 * rule to every redirect hop. */
char *
hs_urls_media_scope (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *origin = NULL;
  const char *path;
  const char *slash;

  if (url == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  origin = hs_urls_origin (uri);
  if (origin == NULL)
    return NULL;

  path = g_uri_get_path (uri);
  if (path[0] == '/')
    path++;
  slash = strchr (path, '/');

  /* A file at the root vouches for the root only. */
  return g_strdup_printf ("%s/%.*s", origin,
                          slash != NULL ? (int) (slash - path + 1) : 0, path);
}

gboolean
hs_urls_media_allowed (const char         *url,
                       const char * const *scopes)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scope = NULL;

  if (url == NULL)
    return FALSE;
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (!hs_urls_uri_is_web (uri))
    return FALSE;

  if (hs_urls_host_is_media_cdn (g_uri_get_host (uri)))
    return TRUE;

  scope = hs_urls_media_scope (url);
  for (guint i = 0; scope != NULL && scopes != NULL && scopes[i] != NULL; i++)
    {
      if (g_str_has_prefix (scope, scopes[i]))
        return TRUE;
    }

  return FALSE;
}

char *
hs_urls_search_link (const char *query,
                     gboolean    is_tag)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (query != NULL, NULL);

  escaped = g_uri_escape_string (query, NULL, FALSE);
  return g_strdup_printf (HS_URLS_SEARCH_SCHEME ":?%s=%s", is_tag ? "tag" : "keyword", escaped);
}

/* The website's own search page, where its topic links lead:
 * https://www.xiaohongshu.com/search_result?keyword=%23口红%5B话题%5D%23 is the
 * topic (tag) 口红; a keyword without the # is a keyword. */
static gboolean
parse_site_search_link (const char  *link,
                        char       **query,
                        gboolean    *is_tag)
{
  g_autoptr(GUri) uri = hs_urls_parse_web (link);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *text = NULL;
  const char *keyword;
  gboolean tag;

  if (uri == NULL || !hs_urls_host_is_note_site (g_uri_get_host (uri)) ||
      g_strcmp0 (g_uri_get_path (uri), "/search_result") != 0 || g_uri_get_query (uri) == NULL)
    return FALSE;
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  keyword = params != NULL ? g_hash_table_lookup (params, "keyword") : NULL;
  if (keyword == NULL || !g_utf8_validate (keyword, -1, NULL))
    return FALSE;

  text = g_strstrip (g_strdup (keyword));
  tag = text[0] == '#';
  if (tag)
    {
      char *end;

      memmove (text, text + 1, strlen (text));
      if (g_str_has_suffix (text, "#"))
        text[strlen (text) - 1] = '\0';
      if ((end = strstr (text, "[话题]")) != NULL)
        *end = '\0';
      g_strstrip (text);
    }
  if (*text == '\0')
    return FALSE;

  if (query != NULL)
    *query = g_steal_pointer (&text);
  if (is_tag != NULL)
    *is_tag = tag;
  return TRUE;
}

gboolean
hs_urls_parse_search_link (const char  *link,
                           char       **query,
                           gboolean    *is_tag)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *keyword;
  const char *tag;

  if (query != NULL)
    *query = NULL;
  if (link == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (link, HS_URLS_SEARCH_SCHEME ":", strlen (HS_URLS_SEARCH_SCHEME ":")) != 0)
    return parse_site_search_link (link, query, is_tag);

  uri = g_uri_parse (link, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (uri == NULL || g_uri_get_query (uri) == NULL)
    return FALSE;
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return FALSE;

  keyword = g_hash_table_lookup (params, "keyword");
  tag = g_hash_table_lookup (params, "tag");
  /* Exactly one, like the API's own search. */
  if ((keyword == NULL) == (tag == NULL))
    return FALSE;
  if (!g_utf8_validate (keyword != NULL ? keyword : tag, -1, NULL) ||
      *g_strstrip (keyword != NULL ? (char *) keyword : (char *) tag) == '\0')
    return FALSE;

  if (query != NULL)
    *query = g_strdup (keyword != NULL ? keyword : tag);
  if (is_tag != NULL)
    *is_tag = tag != NULL;
  return TRUE;
}
