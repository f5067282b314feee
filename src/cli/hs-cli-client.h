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

/* Returns: the client, or NULL after printing why (*exit_code is set). */
HsClient *hs_cli_client_new               (HsCliClientOptions *options,
                                           int                *exit_code);
/* Looks up the access token (and the app secret when an app key is set)
 * while iterating the main context. Returns FALSE after printing why. */
gboolean  hs_cli_client_load_credentials  (HsClient           *client,
                                           int                *exit_code);

/* A short link of xhslink.com/.cn rewritten onto @options' short-link base
 * (the demo server's stand-in), else a copy of @short_link. */
char     *hs_cli_client_map_short_link    (HsCliClientOptions *options,
                                           const char         *short_link);

G_END_DECLS
