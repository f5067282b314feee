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
  double  timeout;              /* one attempt, seconds; 0: not given */
  char   *short_link_base;
  double  deadline;             /* the whole request, seconds; 0: not given */
} HsCliClientOptions;

#define HS_CLI_CLIENT_OPTIONS_INIT { NULL, -1, 0.0, NULL, 0.0 }

void      hs_cli_client_options_clear     (HsCliClientOptions *options);
/* Adds --api-base-url, --requests-per-minute, --timeout, --deadline to @context. */
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

/* The note source of `get` and `search`: the one the config names
 * (hs_note_source_for_config()), picked here for the whole CLI. Short
 * links follow --short-link-base (set on the client). */
HsNoteSource *hs_cli_client_pick_source   (HsClient           *client);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HsCliClientOptions, hs_cli_client_options_clear)

G_END_DECLS
