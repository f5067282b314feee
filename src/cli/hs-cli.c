#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <glib/gi18n.h>

#include "hs-cli-commands.h"
#include "hs-format.h"

typedef struct
{
  const char *name;
  int (*main) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "parse", hs_cli_parse_main, N_("Print the normalised note of an API response (FILE or -)") },
  { "get", hs_cli_get_main, N_("Fetch notes by id, link or share text") },
  { "search", hs_cli_search_main, N_("Search notes by keyword or tag") },
  { "download", hs_cli_download_main, N_("Save the pictures and videos of notes, a file of links or a search") },
  { "demo-server", hs_cli_demo_server_main, N_("Serve the demo API on loopback") },
};

/* Everything printed for people goes through here: messages and summaries quote server
 * text (errors, warnings, titles, tags), never with its terminal escapes. */
static char *format_for_terminal (const char *format,
                                  va_list     args) G_GNUC_PRINTF (1, 0);

static char *
format_for_terminal (const char *format,
                     va_list     args)
{
  g_autofree char *text = g_strdup_vprintf (format, args);

  return hs_format_for_terminal (text);
}

void
hs_cli_print_error (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = format_for_terminal (format, args);
  va_end (args);

  g_printerr ("hongshu-cli: %s\n", message);
}

void
hs_cli_print (const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = format_for_terminal (format, args);
  va_end (args);

  /* Bytes as they are: g_print() would convert to a non-UTF-8 locale. */
  fputs (text, stdout);
}

const char *
hs_cli_exit_status_help (void)
{
  return _("Exit status:\n"
           "  0    success (possibly with warnings)\n"
           "  1    internal error\n"
           "  2    usage error, a reference that names no note, a FILE that cannot be read;\n"
           "       also a response with code 400\n"
           "  3    a response with code 401 or 403 (token missing, invalid or not allowed)\n"
           "  4    a response with code 404 (no such note)\n"
           "  5    a response with code 429 (too many requests)\n"
           "  6    a response with a 5xx code\n"
           "  7    the server could not be reached, or it did not answer in time\n"
           "  8    an invalid response (not JSON, wrong shape, id mismatch, over 8 MiB)\n"
           "  130  interrupted (Ctrl+C)\n");
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: hongshu-cli COMMAND [OPTION…]"), _("Commands:"));
  for (size_t i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “hongshu-cli COMMAND --help” for the options of a command."));
  fprintf (out, "\n%s", hs_cli_exit_status_help ());
}

int
main (int    argc,
      char **argv)
{
  /* As the app: an uninstalled build finds its catalogs through HONGSHU_LOCALEDIR. */
  const char *localedir = g_getenv ("HONGSHU_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("hongshu-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("hongshu-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (size_t i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].main (argc - 1, argv + 1);

  hs_cli_print_error (_("unknown command “%s”"), argv[1]);
  print_usage (stderr);
  return 2;
}
