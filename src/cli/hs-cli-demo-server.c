#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "hs-demo-server.h"

#include "hs-cli-commands.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_CONTINUE;
}

static void
request_logged_cb (HsDemoServer  *server,
                   HsDemoRequest *request,
                   gpointer       user_data)
{
  const char *query = hs_demo_request_get_query (request);
  guint status = hs_demo_request_get_status (request);
  g_autofree char *status_text = status != 0 ? g_strdup_printf ("%u", status) : g_strdup ("…");

  /* Says whether a token or Referer came along, never what the token was. */
  g_printerr ("%s %s%s%s %s%s%s\n",
              hs_demo_request_get_method (request),
              hs_demo_request_get_path (request),
              query != NULL ? "?" : "", query != NULL ? query : "",
              status_text,
              hs_demo_request_has_header (request, "Authorization") ? " [auth]" : "",
              hs_demo_request_get_header (request, "Referer") != NULL ? " [referer]" : "");
}

int
hs_cli_demo_server_main (int    argc,
                         char **argv)
{
  int port = 0;
  int requests_per_minute = 100;
  int slow_delay_ms = 5000;
  int media_rate = 0;
  gboolean no_ranges = FALSE;
  gboolean verbose = FALSE;
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("Port to listen on (127.0.0.1 only); 0 picks a free one"), N_("PORT") },
    { "requests-per-minute", 0, 0, G_OPTION_ARG_INT, &requests_per_minute,
      N_("API calls allowed per token in any 60 seconds; 0 turns the limit off (default 100)"), "N" },
    { "slow-delay-ms", 0, 0, G_OPTION_ARG_INT, &slow_delay_ms,
      N_("How long the slow test note takes to answer (default 5000)"), N_("MILLISECONDS") },
    { "media-rate", 0, 0, G_OPTION_ARG_INT, &media_rate,
      N_("Send media at about this many bytes a second (default: at once)"), N_("BYTES") },
    { "no-ranges", 0, 0, G_OPTION_ARG_NONE, &no_ranges,
      N_("Ignore Range requests for media: always send the whole file"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("Print every request on standard error"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HsDemoServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  guint sigint_id;
  guint sigterm_id;

  g_set_prgname ("hongshu-cli demo-server");
  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Serves the demo note API, its image CDN and its test faults on "
                                  "127.0.0.1 until interrupted. The first line of output is the "
                                  "base URL. Access token: demo-token; app key: demo-key; app "
                                  "secret: demo-secret."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, hs_cli_exit_status_help ());

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      hs_cli_print_error ("%s", error->message);
      return 2;
    }

  if (argc > 1)
    {
      hs_cli_print_error (_("unexpected argument “%s”"), argv[1]);
      return 2;
    }

  if (port < 0 || port > G_MAXUINT16)
    {
      hs_cli_print_error (_("the port must be between 0 and 65535"));
      return 2;
    }

  if (requests_per_minute < 0 || slow_delay_ms < 0 || media_rate < 0)
    {
      hs_cli_print_error (_("--requests-per-minute and --slow-delay-ms cannot be negative"));
      return 2;
    }

  server = hs_demo_server_new ();
  hs_demo_server_set_requests_per_minute (server, (guint) requests_per_minute);
  hs_demo_server_set_slow_delay_ms (server, (guint) slow_delay_ms);
  hs_demo_server_set_media_rate (server, (guint) media_rate);
  hs_demo_server_set_media_ranges (server, !no_ranges);
  if (verbose)
    g_signal_connect (server, "request-logged", G_CALLBACK (request_logged_cb), NULL);

  if (!hs_demo_server_start (server, (guint16) port, &error))
    {
      hs_cli_print_error ("%s", error->message);
      return 1;
    }

  /* Scripts read this line to learn the port. */
  printf ("%s\n", hs_demo_server_get_base_url (server));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  hs_demo_server_stop (server);

  return 0;
}
