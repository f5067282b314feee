#include "config.h"

#include <string.h>

#include "hs-sign.h"

#include "hs-demo-server-private.h"

/* The API's gate (src/demo/README.md, "The API paths, in order of checks"): the
 * token, the rate limit per token, the signature; then the note or the search. */

static gboolean
has_valid_token (Exchange *ex)
{
  const char *value;

  value = soup_message_headers_get_one (soup_server_message_get_request_headers (ex->msg),
                                        "Authorization");
  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return FALSE;

  value += 7;
  while (*value == ' ')
    value++;

  return strcmp (value, HS_DEMO_ACCESS_TOKEN) == 0;
}

/* At most requests_per_minute admissions per token in any rolling 60 s. When full,
 * @retry_after is the whole seconds until the oldest admission that matters leaves. */
static gboolean
rate_limit_admit (HsDemoServer *self,
                  const char   *token,
                  guint        *retry_after)
{
  GArray *window;
  gint64 now = hs_demo_now_usec (self);
  guint expired = 0;

  if (self->requests_per_minute == 0)
    return TRUE;

  window = g_hash_table_lookup (self->rate_windows, token);
  if (window == NULL)
    {
      window = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->rate_windows, g_strdup (token), window);
    }

  while (expired < window->len &&
         g_array_index (window, gint64, expired) <= now - RATE_WINDOW_USEC)
    expired++;
  g_array_remove_range (window, 0, expired);

  if (window->len >= self->requests_per_minute)
    {
      gint64 frees_at = g_array_index (window, gint64, window->len - self->requests_per_minute)
                        + RATE_WINDOW_USEC;
      gint64 wait = frees_at - now;

      *retry_after = (guint) MAX (1, (wait + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
      return FALSE;
    }

  g_array_append_val (window, now);
  return TRUE;
}

/* doc/api-protocol.md §4: signing is on when the request carries app_key or sign. */
static gboolean
check_signature (Exchange    *ex,
                 const char **failure)
{
  const char *app_key;
  const char *timestamp;
  const char *sign;
  g_autofree char *expected = NULL;
  gint64 seconds;
  gint64 now;

  if (ex->query == NULL)
    return TRUE;

  app_key = g_hash_table_lookup (ex->query, "app_key");
  timestamp = g_hash_table_lookup (ex->query, "timestamp");
  sign = g_hash_table_lookup (ex->query, "sign");
  if (app_key == NULL && sign == NULL)
    return TRUE;

  if (g_strcmp0 (app_key, HS_DEMO_APP_KEY) != 0)
    {
      *failure = "无效的app_key";
      return FALSE;
    }

  if (timestamp == NULL ||
      !g_ascii_string_to_signed (timestamp, 10, 0, G_MAXINT64, &seconds, NULL))
    {
      *failure = "缺少或无效的timestamp";
      return FALSE;
    }

  now = hs_demo_now_usec (ex->self) / G_USEC_PER_SEC;
  if (seconds > now + SIGN_MAX_SKEW_SECONDS || seconds < now - SIGN_MAX_SKEW_SECONDS)
    {
      *failure = "timestamp已过期，请校准时间";
      return FALSE;
    }

  if (sign == NULL)
    {
      *failure = "缺少sign";
      return FALSE;
    }

  expected = hs_sign_compute (ex->path, ex->query, HS_DEMO_APP_SECRET);
  if (g_ascii_strcasecmp (expected, sign) != 0)
    {
      *failure = "签名错误";
      return FALSE;
    }

  return TRUE;
}

void
hs_demo_handle_api (Exchange   *ex,
                    const char *note_id)
{
  const char *failure = NULL;
  guint retry_after = 0;

  if (!has_valid_token (ex))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (ex->msg),
                                    "WWW-Authenticate",
                                    "Bearer realm=\"hongshu-demo\", error=\"invalid_token\"");
      hs_demo_respond_error (ex, SOUP_STATUS_UNAUTHORIZED, MESSAGE_UNAUTHORIZED);
      return;
    }

  if (!rate_limit_admit (ex->self, HS_DEMO_ACCESS_TOKEN, &retry_after))
    {
      hs_demo_respond_rate_limited (ex, retry_after);
      return;
    }

  if (!check_signature (ex, &failure))
    {
      hs_demo_respond_error (ex, SOUP_STATUS_UNAUTHORIZED, failure);
      return;
    }

  if (note_id == NULL)
    hs_demo_handle_search (ex);
  else
    hs_demo_handle_note (ex, note_id);
}
