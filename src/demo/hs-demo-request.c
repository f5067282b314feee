#include "config.h"

#include "hs-demo-request-private.h"

struct _HsDemoRequest
{
  char *method;
  char *path;
  char *query;
  GHashTable *query_params;
  char *host;
  char *referer;
  char *user_agent;
  GDateTime *time;
  guint status;
  gboolean has_authorization;
  gboolean has_cookie;
};

G_DEFINE_BOXED_TYPE (HsDemoRequest, hs_demo_request, hs_demo_request_ref, hs_demo_request_unref)

HsDemoRequest *
hs_demo_request_new (SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query_params,
                     GDateTime         *time)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  HsDemoRequest *request;

  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (time != NULL, NULL);

  request = g_rc_box_new0 (HsDemoRequest);
  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  request->query_params = query_params != NULL ? g_hash_table_ref (query_params) : NULL;
  request->host = g_strdup (soup_message_headers_get_one (headers, "Host"));
  request->referer = g_strdup (soup_message_headers_get_one (headers, "Referer"));
  request->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  /* Whether they came, never their values: a test asks whether a credential
   * reached a host, and the log must not keep one. */
  request->has_authorization = soup_message_headers_get_one (headers, "Authorization") != NULL;
  request->has_cookie = soup_message_headers_get_one (headers, "Cookie") != NULL;
  request->time = g_date_time_ref (time);

  return request;
}

static void
hs_demo_request_clear (HsDemoRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->query_params, g_hash_table_unref);
  g_free (request->host);
  g_free (request->referer);
  g_free (request->user_agent);
  g_date_time_unref (request->time);
}

HsDemoRequest *
hs_demo_request_ref (HsDemoRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return g_rc_box_acquire (request);
}

void
hs_demo_request_unref (HsDemoRequest *request)
{
  g_return_if_fail (request != NULL);

  g_rc_box_release_full (request, (GDestroyNotify) hs_demo_request_clear);
}

void
hs_demo_request_set_status (HsDemoRequest *request,
                            guint          status)
{
  g_return_if_fail (request != NULL);

  request->status = status;
}

const char *
hs_demo_request_get_method (HsDemoRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->method;
}

const char *
hs_demo_request_get_path (HsDemoRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->path;
}

const char *
hs_demo_request_get_query (HsDemoRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->query;
}

const char *
hs_demo_request_get_query_param (HsDemoRequest *request,
                                 const char    *name)
{
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (request->query_params == NULL)
    return NULL;

  return g_hash_table_lookup (request->query_params, name);
}

const char *
hs_demo_request_get_host (HsDemoRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->host;
}

const char *
hs_demo_request_get_referer (HsDemoRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->referer;
}

gboolean
hs_demo_request_get_has_authorization (HsDemoRequest *request)
{
  g_return_val_if_fail (request != NULL, FALSE);

  return request->has_authorization;
}

const char *
hs_demo_request_get_user_agent (HsDemoRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->user_agent;
}

GDateTime *
hs_demo_request_get_time (HsDemoRequest *request)
{
  g_return_val_if_fail (request != NULL, NULL);

  return request->time;
}

guint
hs_demo_request_get_status (HsDemoRequest *request)
{
  g_return_val_if_fail (request != NULL, 0);

  return request->status;
}

/* Whether any Cookie header came with it (the value is never kept): the
 * website's session must never reach the CDN or the short-link host. */
gboolean
hs_demo_request_get_has_cookie (HsDemoRequest *request)
{
  g_return_val_if_fail (request != NULL, FALSE);

  return request->has_cookie;
}
