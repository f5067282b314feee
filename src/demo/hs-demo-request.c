#include "config.h"

#include "hs-demo-request-private.h"

struct _HsDemoRequest
{
  char *method;
  char *path;
  char *query;
  GHashTable *query_params;
  SoupMessageHeaders *headers;  /* credentials' values left out */
  GDateTime *time;
  guint status;
};

G_DEFINE_BOXED_TYPE (HsDemoRequest, hs_demo_request, hs_demo_request_ref, hs_demo_request_unref)

/* Headers whose presence is kept, never their value: a test asks whether a
 * credential reached a host, and the log must not hold one. */
static const char * const credential_headers[] = { "Authorization", "Cookie" };

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  SoupMessageHeaders *copy = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (credential_headers); i++)
    {
      if (g_ascii_strcasecmp (name, credential_headers[i]) == 0)
        value = "";
    }
  soup_message_headers_append (copy, name, value);
}

HsDemoRequest *
hs_demo_request_new (SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query_params,
                     GDateTime         *time)
{
  HsDemoRequest *request;

  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (time != NULL, NULL);

  request = g_rc_box_new0 (HsDemoRequest);
  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));
  request->query_params = query_params != NULL ? g_hash_table_ref (query_params) : NULL;
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg),
                                copy_header_cb, request->headers);
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
  soup_message_headers_unref (request->headers);
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

const char *
hs_demo_request_get_header (HsDemoRequest *request,
                            const char    *name)
{
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return soup_message_headers_get_one (request->headers, name);
}

gboolean
hs_demo_request_has_header (HsDemoRequest *request,
                            const char    *name)
{
  return hs_demo_request_get_header (request, name) != NULL;
}
