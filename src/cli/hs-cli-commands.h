#pragma once

/* Each sub-command of hongshu-cli takes argv from its own name on and
 * returns the process exit code of API.md §3. */
int hs_cli_parse_main       (int argc, char **argv);
int hs_cli_get_main         (int argc, char **argv);
int hs_cli_search_main      (int argc, char **argv);
int hs_cli_download_main    (int argc, char **argv);
int hs_cli_demo_server_main (int argc, char **argv);

/* Prints "hongshu-cli: MESSAGE" on stderr, one line. */
void hs_cli_print_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
