#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-error.h"

G_DEFINE_QUARK (hs-error-quark, hs_error)

static HsError
error_code_for_api_code (int code)
{
  if (code == 400)
    return HS_ERROR_BAD_REQUEST;
  if (code == 401)
    return HS_ERROR_UNAUTHORIZED;
  if (code == 403)
    return HS_ERROR_FORBIDDEN;
  if (code == 404)
    return HS_ERROR_NOT_FOUND;
  if (code == 429)
    return HS_ERROR_RATE_LIMITED;
  if (code >= 500 && code <= 599)
    return HS_ERROR_SERVER;
  if (code >= 400 && code <= 499)
    return HS_ERROR_BAD_REQUEST;
  return HS_ERROR_INVALID_RESPONSE;
}

static const char *
default_message (HsError code)
{
  switch (code)
    {
    case HS_ERROR_BAD_REQUEST:
      return _("The server did not accept the request");
    case HS_ERROR_UNAUTHORIZED:
      return _("The access token is invalid or has expired");
    case HS_ERROR_FORBIDDEN:
      return _("You have no permission to see this note");
    case HS_ERROR_NOT_FOUND:
      return _("The note does not exist or was deleted");
    case HS_ERROR_RATE_LIMITED:
      return _("Too many requests: the rate limit was exceeded");
    case HS_ERROR_SERVER:
      return _("The server had an internal error");
    case HS_ERROR_NETWORK:
      return _("The server could not be reached");
    case HS_ERROR_INVALID_RESPONSE:
      return _("The server sent an invalid response");
    case HS_ERROR_INVALID_REFERENCE:
      return _("This is not a note id or a note link");
    case HS_ERROR_FAILED:
    default:
      return _("Something went wrong");
    }
}

/**
 * hs_error_new_for_api_code:
 * @code: an HTTP status or the body's `code`
 * @server_message: (nullable): the body's `message`, shown after our own text
 *
 * Maps a failed API call to the HS_ERROR code of its row in doc/api-protocol.md §3.
 */
GError *
hs_error_new_for_api_code (int         code,
                           const char *server_message)
{
  HsError hs_code = error_code_for_api_code (code);
  const char *text = default_message (hs_code);

  if (server_message != NULL && *server_message != '\0' &&
      g_utf8_validate (server_message, -1, NULL))
    {
      g_autofree char *trimmed = g_utf8_substring (server_message, 0,
                                                   MIN (g_utf8_strlen (server_message, -1), 200));
      /* TRANSLATORS: the first %s is our explanation, the second the server's own message */
      return g_error_new (HS_ERROR, hs_code, _("%s (server said: %s)"), text, trimmed);
    }

  return g_error_new_literal (HS_ERROR, hs_code, text);
}

gboolean
hs_error_is_retryable (const GError *error)
{
  return error != NULL && error->domain == HS_ERROR &&
         (error->code == HS_ERROR_RATE_LIMITED ||
          error->code == HS_ERROR_SERVER ||
          error->code == HS_ERROR_NETWORK);
}

/* Exit codes of hongshu-cli, doc/api-protocol.md §3. */
int
hs_error_exit_code (const GError *error)
{
  if (error == NULL)
    return 0;
  if (error->domain != HS_ERROR)
    return 1;

  switch ((HsError) error->code)
    {
    case HS_ERROR_BAD_REQUEST:
    case HS_ERROR_INVALID_REFERENCE:
      return 2;
    case HS_ERROR_UNAUTHORIZED:
    case HS_ERROR_FORBIDDEN:
      return 3;
    case HS_ERROR_NOT_FOUND:
      return 4;
    case HS_ERROR_RATE_LIMITED:
      return 5;
    case HS_ERROR_SERVER:
      return 6;
    case HS_ERROR_NETWORK:
      return 7;
    case HS_ERROR_INVALID_RESPONSE:
      return 8;
    case HS_ERROR_FAILED:
    default:
      return 1;
    }
}
