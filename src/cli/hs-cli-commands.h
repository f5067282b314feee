#pragma once

/* Each sub-command of hongshu-cli takes argv from its own name on and
 * returns the process exit code of doc/api-protocol.md §3. */
int hs_cli_parse_main       (int argc, char **argv);
int hs_cli_get_main         (int argc, char **argv);
int hs_cli_search_main      (int argc, char **argv);
int hs_cli_download_main    (int argc, char **argv);
int hs_cli_demo_server_main (int argc, char **argv);

/* The exit-status table of doc/api-protocol.md §3, the same in every command's --help. */
const char *hs_cli_exit_status_help (void);

/* Prints "hongshu-cli: MESSAGE" on stderr, one line, without terminal controls. */
void hs_cli_print_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Prints human-readable output on stdout without terminal controls (see
 * hs_format_for_terminal()); JSON output goes out as it is. */
void hs_cli_print       (const char *format, ...) G_GNUC_PRINTF (1, 2);
