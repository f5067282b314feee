#include "config.h"

#include <glib.h>

#include "hs-cli-commands.h"

/* Placeholder until the sub-command lands. */
int
hs_cli_parse_main (int argc, char **argv)
{
  hs_cli_print_error ("not implemented yet");
  return 1;
}
