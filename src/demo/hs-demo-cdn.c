#include "config.h"

#include <string.h>

#include "hs-media-sniff.h"

#include "hs-demo-media.h"
#include "hs-demo-resources.h"
#include "hs-demo-server-private.h"

/* The demo CDN: the bundled media under {base}/cdn/, refused without the site's
 * Referer (hotlink protection), with an ETag for revalidation, the redirect and
 * forbidden switches of hs-demo-server.h, and the body sent by hs-demo-media.c. */

static GBytes *
lookup_media (const char  *rest,
              char       **out_resource_path)
{
  static const char * const folders[] = { "img/", "avatar/", "video/" };
  static const char * const extensions[] = { ".jpg", ".png", ".webp", ".webm" };
  const char *name = NULL;
  g_autofree char *path = NULL;
  GBytes *bytes;

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      if (g_str_has_prefix (rest, folders[i]))
        name = rest + strlen (folders[i]);
    }

  if (name == NULL || name[0] == '\0' || name[0] == '.' || strchr (name, '/') != NULL)
    return NULL;

  path = g_strconcat (RESOURCE_PREFIX "/media/", rest, NULL);
  bytes = g_resource_lookup_data (hs_demo_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  /* Real CDN URLs often carry no extension; the type comes from the bytes anyway. */
  for (guint i = 0; bytes == NULL && strchr (name, '.') == NULL && i < G_N_ELEMENTS (extensions); i++)
    {
      g_free (path);
      path = g_strconcat (RESOURCE_PREFIX "/media/", rest, extensions[i], NULL);
      bytes = g_resource_lookup_data (hs_demo_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    }

  if (bytes != NULL)
    *out_resource_path = g_steal_pointer (&path);

  return bytes;
}

void
hs_demo_handle_cdn (Exchange   *ex,
                    const char *rest)
{
  HsDemoServer *self = ex->self;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (ex->msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (ex->msg);
  const char *referer = soup_message_headers_get_one (request_headers, "Referer");
  const char *if_none_match;
  g_autofree char *resource_path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;
  const char *etag;

  if (referer == NULL || !g_str_has_prefix (referer, HS_DEMO_MEDIA_REFERER))
    {
      hs_demo_respond (ex, SOUP_STATUS_FORBIDDEN, TEXT_CONTENT_TYPE,
                       "403 Forbidden: hotlinking is not allowed\n");
      return;
    }

  if (g_str_has_prefix (rest, HS_DEMO_CDN_FORBIDDEN))
    {
      hs_demo_respond (ex, SOUP_STATUS_FORBIDDEN, TEXT_CONTENT_TYPE, "403 Forbidden\n");
      return;
    }

  if (g_str_has_prefix (rest, HS_DEMO_CDN_REDIRECT_OUT) || g_str_has_prefix (rest, HS_DEMO_CDN_REDIRECT_IN))
    {
      gboolean out = g_str_has_prefix (rest, HS_DEMO_CDN_REDIRECT_OUT);
      g_autofree char *location = NULL;

      if (out)
        location = g_strdup_printf ("http://localhost:%u/cdn/%s", self->port,
                                    rest + strlen (HS_DEMO_CDN_REDIRECT_OUT));
      else
        location = g_strdup_printf ("%s/cdn/%s", self->base_url, rest + strlen (HS_DEMO_CDN_REDIRECT_IN));
      hs_demo_respond_redirect (ex, SOUP_STATUS_FOUND, location);
      return;
    }

  bytes = lookup_media (rest, &resource_path);
  if (bytes == NULL)
    {
      hs_demo_respond (ex, SOUP_STATUS_NOT_FOUND, TEXT_CONTENT_TYPE, "404 Not Found\n");
      return;
    }

  etag = g_hash_table_lookup (self->media_etags, resource_path);
  if (etag == NULL)
    {
      g_autofree char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, bytes);
      char *value = g_strdup_printf ("\"%.16s\"", digest);

      g_hash_table_insert (self->media_etags, g_strdup (resource_path), value);
      etag = value;
    }

  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Cache-Control", MEDIA_MAX_AGE);
  soup_message_headers_replace (headers, "Accept-Ranges", "bytes");

  if_none_match = soup_message_headers_get_list (request_headers, "If-None-Match");
  if (if_none_match != NULL &&
      (strcmp (if_none_match, "*") == 0 || strstr (if_none_match, etag) != NULL))
    {
      hs_demo_set_status (ex, SOUP_STATUS_NOT_MODIFIED);
      return;
    }

  /* The type comes from the bytes, as a real CDN's does (many names have no extension). */
  content_type = hs_media_sniff_content_type (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  if (hs_demo_media_respond (ex->msg, ex->entry, bytes, content_type,
                             self->media_bytes_per_second, self->media_ranges))
    return;

  /* A complete body with status 200 lets SoupServer answer Range requests with 206. */
  hs_demo_set_status (ex, SOUP_STATUS_OK);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (ex->msg), bytes);
}
