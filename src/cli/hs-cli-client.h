#pragma once

#include <glib.h>

#include "hs-client.h"

G_BEGIN_DECLS

/* What `get` and `search` share: the options that shape the client, and
 * the credentials. */
typedef struct
{
  char   *api_base_url;
  int     requests_per_minute;  /* -1: not given */
  double  timeout;              /* seconds; 0: not given */
  char   *short_link_base;
} HsCliClientOptions;

#define HS_CLI_CLIENT_OPTIONS_INIT { NULL, -1, 0.0, NULL }

void      hs_cli_client_options_clear     (HsCliClientOptions *options);
/* Adds --api-base-url, --requests-per-minute, --timeout to @context. */
void      hs_cli_client_add_options       (GOptionContext     *context,
                                           HsCliClientOptions *options,
                                           gboolean            with_short_links);
/* Sets the program name to @prgname and returns a context with @summary, @entries
 * and the client options above. */
GOptionContext *hs_cli_client_option_context_new (const char         *prgname,
                                                  const char         *summary,
                                                  const GOptionEntry *entries,
                                                  HsCliClientOptions *options,
                                                  gboolean            with_short_links);
/* Returns: FALSE after printing why (the exit status is then 2). */
gboolean  hs_cli_client_parse_options     (GOptionContext     *context,
                                           int                *argc,
                                           char             ***argv);

/* Looks up the access token (and the app secret when an app key is set)
 * while iterating the main context.
 * Returns: the client, or NULL after printing why (*exit_code is set). */
HsClient *hs_cli_client_new               (HsCliClientOptions *options,
                                           int                *exit_code);

/* The settings, the environment, then @options (timeouts, rate, bases).
 * Returns: the config, or NULL after printing why (*exit_code is 2). */
HsConfig *hs_cli_client_config_new        (HsCliClientOptions *options,
                                           int                *exit_code);
/* From http_proxy, https_proxy, all_proxy and no_proxy. */
GProxyResolver *hs_cli_client_proxy_resolver_new (void);
gboolean  hs_cli_client_has_access_token  (HsCliClientOptions *options);

/* A handler of HsClient::waiting that tells the user on stderr. */
void      hs_cli_client_waiting_cb        (HsClient           *client,
                                           guint               seconds,
                                           const GError       *reason,
                                           gpointer            user_data);

/* A short link of xhslink.com/.cn rewritten onto @options' short-link base
 * (the demo server's stand-in), else a copy of @short_link. */
char     *hs_cli_client_map_short_link    (HsCliClientOptions *options,
                                           const char         *short_link);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HsCliClientOptions, hs_cli_client_options_clear)

G_END_DECLS
