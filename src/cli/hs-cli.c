#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <glib/gi18n.h>

#include "hs-cli-commands.h"

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

void
hs_cli_print_error (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("hongshu-cli: %s\n", message);
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: hongshu-cli COMMAND [OPTION…]"), _("Commands:"));
  for (size_t i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “hongshu-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
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
