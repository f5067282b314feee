#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "hs-cli-client.h"
#include "hs-cli-commands.h"
#include "hs-config.h"
#include "hs-credentials.h"
#include "hs-error.h"
#include "hs-urls.h"

void
hs_cli_client_options_clear (HsCliClientOptions *options)
{
  g_clear_pointer (&options->api_base_url, g_free);
  g_clear_pointer (&options->short_link_base, g_free);
}

void
hs_cli_client_add_options (GOptionContext     *context,
                           HsCliClientOptions *options,
                           gboolean            with_short_links)
{
  const GOptionEntry entries[] = {
    { "api-base-url", 0, 0, G_OPTION_ARG_STRING, &options->api_base_url,
      N_("Use this API server (default: the setting, or HONGSHU_API_BASE_URL)"), N_("URL") },
    { "requests-per-minute", 0, 0, G_OPTION_ARG_INT, &options->requests_per_minute,
      N_("Make at most N API calls a minute (0: no limit)"), N_("N") },
    { "timeout", 0, 0, G_OPTION_ARG_DOUBLE, &options->timeout,
      N_("Give up on one attempt of a request after this many seconds (default 30)"), N_("SECONDS") },
    { "deadline", 0, 0, G_OPTION_ARG_DOUBLE, &options->deadline,
      N_("Give up on a request, all its retries and waits included, after this many seconds (default 180)"),
      N_("SECONDS") },
    { NULL }
  };
  const GOptionEntry short_link_entries[] = {
    { "short-link-base", 0, 0, G_OPTION_ARG_STRING, &options->short_link_base,
      N_("Resolve xhslink.com short links under this URL instead (the demo server’s /xhslink)"),
      N_("URL") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (with_short_links)
    g_option_context_add_main_entries (context, short_link_entries, GETTEXT_PACKAGE);
}

GOptionContext *
hs_cli_client_option_context_new (const char         *prgname,
                                  const char         *summary,
                                  const GOptionEntry *entries,
                                  HsCliClientOptions *options,
                                  gboolean            with_short_links)
{
  GOptionContext *context;

  g_set_prgname (prgname);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, hs_cli_exit_status_help ());
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  hs_cli_client_add_options (context, options, with_short_links);

  return context;
}

gboolean
hs_cli_client_parse_options (GOptionContext   *context,
                             int              *argc,
                             char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      hs_cli_print_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static const char *
proxy_env (const char *name)
{
  g_autofree char *upper = g_ascii_strup (name, -1);
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    value = g_getenv (upper);
  return value != NULL && *value != '\0' ? value : NULL;
}

/* Proxies from the environment, as curl and other command-line tools read
 * them. GIO's default resolver would load every GIO module (libproxy and
 * its threads among them) on the first connection: milliseconds that a
 * command that runs once and exits feels. */
static GProxyResolver *
environment_proxy_resolver (void)
{
  const char *all = proxy_env ("all_proxy");
  const char *http = proxy_env ("http_proxy");
  const char *https = proxy_env ("https_proxy");
  const char *no_proxy = proxy_env ("no_proxy");
  g_auto(GStrv) ignore = NULL;
  GProxyResolver *resolver;

  if (no_proxy != NULL)
    {
      ignore = g_strsplit (no_proxy, ",", -1);
      for (guint i = 0; ignore[i] != NULL; i++)
        g_strstrip (ignore[i]);
    }

  if (all == NULL && http == NULL && https == NULL)
    return NULL;

  resolver = g_simple_proxy_resolver_new (all, ignore);
  if (http != NULL)
    g_simple_proxy_resolver_set_uri_proxy (G_SIMPLE_PROXY_RESOLVER (resolver), "http", http);
  if (https != NULL)
    g_simple_proxy_resolver_set_uri_proxy (G_SIMPLE_PROXY_RESOLVER (resolver), "https", https);
  return resolver;
}

GProxyResolver *
hs_cli_client_proxy_resolver_new (void)
{
  return environment_proxy_resolver ();
}

HsConfig *
hs_cli_client_config_new (HsCliClientOptions *options,
                          int                *exit_code)
{
  /* The CLI follows the preferences when the app is installed. */
  g_autoptr(GSettings) settings = hs_config_new_installed_settings ();
  g_autoptr(HsConfig) config = hs_config_new_with_settings (settings);
  g_autoptr(GError) error = NULL;

  if (!hs_config_apply_environment (config, &error))
    {
      hs_cli_print_error ("%s", error->message);
      *exit_code = 2;
      return NULL;
    }

  if (options->api_base_url != NULL &&
      !hs_config_set_api_base_url (config, options->api_base_url, &error))
    {
      hs_cli_print_error ("--api-base-url: %s", error->message);
      *exit_code = 2;
      return NULL;
    }

  if (options->requests_per_minute < -1)
    {
      hs_cli_print_error (_("--requests-per-minute must be 0 or more"));
      *exit_code = 2;
      return NULL;
    }
  if (options->requests_per_minute >= 0)
    hs_config_set_requests_per_minute (config, (guint) options->requests_per_minute);

  if (options->timeout < 0 || options->timeout > 24 * 3600)
    {
      hs_cli_print_error (_("--timeout must be a number of seconds up to a day"));
      *exit_code = 2;
      return NULL;
    }
  if (options->timeout > 0)
    hs_config_set_request_timeout (config, (GTimeSpan) (options->timeout * G_TIME_SPAN_SECOND));

  if (options->deadline < 0 || options->deadline > 24 * 3600)
    {
      hs_cli_print_error (_("--deadline must be a number of seconds up to a day"));
      *exit_code = 2;
      return NULL;
    }

  if (options->short_link_base != NULL)
    {
      if (!hs_urls_is_web (options->short_link_base))
        {
          hs_cli_print_error (_("--short-link-base must be an http or https URL"));
          *exit_code = 2;
          return NULL;
        }
    }

  return g_steal_pointer (&config);
}

static HsClient *
make_client (HsCliClientOptions *options,
             int                *exit_code)
{
  g_autoptr(GProxyResolver) proxy_resolver = NULL;
  g_autoptr(HsConfig) config = hs_cli_client_config_new (options, exit_code);
  HsClient *client;

  if (config == NULL)
    return NULL;

  client = hs_client_new (config);
  if (options->deadline > 0)
    hs_client_set_deadline (client, (GTimeSpan) (options->deadline * G_TIME_SPAN_SECOND));
  hs_client_set_short_link_base (client, options->short_link_base);
  proxy_resolver = environment_proxy_resolver ();
  hs_client_set_proxy_resolver (client, proxy_resolver);
  return client;
}

typedef struct
{
  gboolean  done;
  char     *value;
  GError   *error;
} Lookup;

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Lookup *lookup = user_data;

  lookup->value = hs_credentials_lookup_finish (result, &lookup->error);
  lookup->done = TRUE;
}

static char *
lookup_credential (HsCredentialKind   kind,
                   const char        *api_origin,
                   GError           **error)
{
  Lookup lookup = { FALSE, NULL, NULL };

  hs_credentials_lookup_async (kind, api_origin, NULL, lookup_cb, &lookup);
  while (!lookup.done)
    g_main_context_iteration (NULL, TRUE);

  if (lookup.error != NULL)
    g_propagate_error (error, lookup.error);
  return lookup.value;
}

static gboolean
load_credentials (HsClient *client,
                  int      *exit_code)
{
  HsConfig *config = hs_client_get_config (client);
  const char *origin = hs_config_get_api_origin (config);
  const char *app_key = hs_config_get_app_key (config);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = lookup_credential (HS_CREDENTIAL_ACCESS_TOKEN, origin, &error);
  if (token == NULL)
    {
      if (error != NULL)
        /* TRANSLATORS: %s says why the keyring could not be read */
        hs_cli_print_error (_("no access token: set HONGSHU_ACCESS_TOKEN or store one in "
                              "the preferences (%s)"), error->message);
      else
        hs_cli_print_error (_("no access token: set HONGSHU_ACCESS_TOKEN or store one in "
                              "the preferences"));
      *exit_code = 3;
      return FALSE;
    }
  hs_client_set_access_token (client, token);
  memset (token, 0, strlen (token));

  if (app_key != NULL && *app_key != '\0')
    {
      g_autofree char *secret = lookup_credential (HS_CREDENTIAL_APP_SECRET, origin, &error);

      if (secret == NULL)
        {
          if (error != NULL)
            hs_cli_print_error (_("an app key is set but the app secret could not be read "
                                  "(%s): set HONGSHU_APP_SECRET"), error->message);
          else
            hs_cli_print_error (_("an app key is set but no app secret: set HONGSHU_APP_SECRET "
                                  "or store it in the preferences"));
          *exit_code = 3;
          return FALSE;
        }
      hs_client_set_app_secret (client, secret);
      memset (secret, 0, strlen (secret));
    }

  return TRUE;
}

/* Whether an access token is configured, asked quietly: `--source auto`
 * reads the website without one. */
gboolean
hs_cli_client_has_access_token (HsCliClientOptions *options)
{
  int exit_code = 0;
  g_autoptr(HsClient) client = make_client (options, &exit_code);
  g_autofree char *token = NULL;

  if (client == NULL)
    return FALSE;

  token = lookup_credential (HS_CREDENTIAL_ACCESS_TOKEN,
                             hs_config_get_api_origin (hs_client_get_config (client)), NULL);
  if (token == NULL)
    return FALSE;

  memset (token, 0, strlen (token));
  return TRUE;
}

HsClient *
hs_cli_client_new (HsCliClientOptions *options,
                   int                *exit_code)
{
  g_autoptr(HsClient) client = make_client (options, exit_code);

  if (client == NULL || !load_credentials (client, exit_code))
    return NULL;
  return g_steal_pointer (&client);
}

void
hs_cli_client_waiting_cb (HsClient     *client,
                          guint         seconds,
                          const GError *reason,
                          gpointer      user_data)
{
  /* TRANSLATORS: %u is a number of seconds, %s why the client waits */
  hs_cli_print_error (ngettext ("waiting %u second: %s", "waiting %u seconds: %s", seconds),
                      seconds, reason->message);
}

HsNoteSource *
hs_cli_client_pick_source (HsClient *client)
{
  return hs_note_source_for_config (hs_client_get_config (client), client, NULL);
}
