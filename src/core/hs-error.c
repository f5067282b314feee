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
    case HS_ERROR_SIGN_IN_REQUIRED:
      return _("Xiaohongshu wants you to sign in, or the link has expired: sign in under Preferences, or share the note again for a fresh link");
    case HS_ERROR_LINK_REFUSED:
      return _("Xiaohongshu did not accept this link: paste the full share link with its xsec_token, or sign in under Preferences");
    case HS_ERROR_VERIFICATION:
      return _("Xiaohongshu asks for a verification (a captcha): open the note in your browser once, then try again later");
    case HS_ERROR_TOO_MANY_VISITS:
      return _("Xiaohongshu saw too many visits: wait a few minutes before opening more notes");
    case HS_ERROR_NOTE_UNAVAILABLE:
      return _("This note was deleted, made private, or is not available");
    case HS_ERROR_RESTRICTED:
      return _("Xiaohongshu restricted this account or network address");
    case HS_ERROR_NO_NOTE_IN_PAGE:
      return _("The note page holds no note: it may be unavailable, or need a sign-in");
    case HS_ERROR_UNREADABLE_PAGE:
      return _("The note page could not be read: Xiaohongshu may have changed its pages");
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

/**
 * hs_error_new_for_web:
 * @code: one of the website's codes (or any HsError)
 * @site_message: (nullable): the site's own `error_msg`, quoted after our text
 *
 * The site explains its walls in Chinese; a person can act on that text, so
 * it is shown as what Xiaohongshu said, after our own explanation.
 */
GError *
hs_error_new_for_web (HsError     code,
                      const char *site_message)
{
  const char *text = default_message (code);

  if (site_message != NULL && *site_message != '\0' &&
      g_utf8_validate (site_message, -1, NULL))
    {
      g_autofree char *trimmed = g_utf8_substring (site_message, 0,
                                                   MIN (g_utf8_strlen (site_message, -1), 200));
      /* TRANSLATORS: the first %s is our explanation, the second Xiaohongshu's own message */
      return g_error_new (HS_ERROR, code, _("%s (Xiaohongshu said: %s)"), text, trimmed);
    }

  return g_error_new_literal (HS_ERROR, code, text);
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
    case HS_ERROR_SIGN_IN_REQUIRED:
    case HS_ERROR_LINK_REFUSED:
    case HS_ERROR_VERIFICATION:
    case HS_ERROR_RESTRICTED:
      return 3;
    case HS_ERROR_NOT_FOUND:
    case HS_ERROR_NOTE_UNAVAILABLE:
    case HS_ERROR_NO_NOTE_IN_PAGE:
      return 4;
    case HS_ERROR_RATE_LIMITED:
    case HS_ERROR_TOO_MANY_VISITS:
      return 5;
    case HS_ERROR_SERVER:
      return 6;
    case HS_ERROR_NETWORK:
      return 7;
    case HS_ERROR_INVALID_RESPONSE:
    case HS_ERROR_UNREADABLE_PAGE:
      return 8;
    case HS_ERROR_FAILED:
    default:
      return 1;
    }
}
