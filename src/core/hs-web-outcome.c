#include "config.h"

#include <string.h>

#include "hs-error.h"
#include "hs-web-outcome.h"

/* error_code values of WEB.md §3 */
#define CODE_TOO_MANY_VISITS "300013"
#define CODE_BAD_LINK "300017"

static HsError
error_for_code (const char *code)
{
  static const char *unavailable[] = { "300031", "-510000", "-510001" };

  if (code == NULL)
    return HS_ERROR_SIGN_IN_REQUIRED;

  if (strcmp (code, CODE_TOO_MANY_VISITS) == 0)
    return HS_ERROR_TOO_MANY_VISITS;

  for (guint i = 0; i < G_N_ELEMENTS (unavailable); i++)
    if (strcmp (code, unavailable[i]) == 0)
      return HS_ERROR_NOTE_UNAVAILABLE;

  if (strcmp (code, "300011") == 0 || strcmp (code, "300012") == 0)
    return HS_ERROR_RESTRICTED;

  /* 300017 (a bad or expired link) and any code we do not know: on a sign-in
   * page, a sign-in or a fresh link is what helps. */
  return HS_ERROR_SIGN_IN_REQUIRED;
}

static gboolean
path_is (const char *path,
         const char *prefix)
{
  gsize length = strlen (prefix);

  return strncmp (path, prefix, length) == 0 &&
         (path[length] == '\0' || path[length] == '/' || path[length] == '?');
}

GError *
hs_web_outcome_error_for_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *path;
  const char *query;
  const char *code = NULL;
  const char *message = NULL;

  if (url == NULL)
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;

  path = g_uri_get_path (uri);
  query = g_uri_get_query (uri);
  if (query != NULL)
    params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  if (params != NULL)
    {
      code = g_hash_table_lookup (params, "error_code");
      message = g_hash_table_lookup (params, "error_msg");
    }

  if (path_is (path, "/website-login") || g_str_has_prefix (path, "/login"))
    return hs_error_new_for_web (error_for_code (code), message);

  if (g_str_has_prefix (path, "/404"))
    return hs_error_new_for_web (HS_ERROR_NOTE_UNAVAILABLE, message);

  /* An error page of another name still says what it is. */
  if (code != NULL)
    return hs_error_new_for_web (error_for_code (code), message);

  if (*path == '\0' || strcmp (path, "/") == 0 || strcmp (path, "/explore") == 0 ||
      strcmp (path, "/explore/") == 0)
    return hs_error_new_for_web (HS_ERROR_LINK_REFUSED, NULL);

  return NULL;
}

HsWebStep
hs_web_outcome_classify (guint        status,
                         const char  *url,
                         const char  *location,
                         char       **out_next_url,
                         GError     **error)
{
  g_autofree char *next = NULL;
  GError *wall;

  *out_next_url = NULL;

  if (status >= 200 && status < 300)
    return HS_WEB_STEP_PAGE;

  if (status == 461 || status == 471)
    {
      g_propagate_error (error, hs_error_new_for_web (HS_ERROR_VERIFICATION, NULL));
      return HS_WEB_STEP_FAILED;
    }

  if (status == 429)
    {
      g_propagate_error (error, hs_error_new_for_web (HS_ERROR_TOO_MANY_VISITS, NULL));
      return HS_WEB_STEP_FAILED;
    }

  if (status == 404 || status == 410)
    {
      g_propagate_error (error, hs_error_new_for_web (HS_ERROR_NOTE_UNAVAILABLE, NULL));
      return HS_WEB_STEP_FAILED;
    }

  if (status >= 300 && status < 400 && status != 304)
    {
      if (location != NULL && url != NULL)
        next = g_uri_resolve_relative (url, location, G_URI_FLAGS_ENCODED, NULL);

      if (next == NULL)
        {
          /* A redirect to nowhere: code 0 is an invalid response. */
          g_propagate_error (error, hs_error_new_for_api_code (0, NULL));
          return HS_WEB_STEP_FAILED;
        }

      wall = hs_web_outcome_error_for_url (next);
      if (wall != NULL)
        {
          g_propagate_error (error, wall);
          return HS_WEB_STEP_FAILED;
        }

      *out_next_url = g_steal_pointer (&next);
      return HS_WEB_STEP_FOLLOW;
    }

  g_propagate_error (error, hs_error_new_for_api_code ((int) status, NULL));
  return HS_WEB_STEP_FAILED;
}
