#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Display forms of counts and times, in the language the interface is shown
 * in (see hs-format.c for the rules). Every function returns a new string. */

char *hs_format_count            (gint64     n);
char *hs_format_count_full       (gint64     n,
                                  gboolean   lower_bound);
char *hs_format_count_long       (gint64     n);
char *hs_format_count_long_full  (gint64     n,
                                  gboolean   lower_bound);
char *hs_format_time_absolute    (GDateTime *t);
char *hs_format_time_relative    (GDateTime *t,
                                  GDateTime *now);
char *hs_format_web_map_uri      (const char *geo_uri);

/* Text from a server made safe to print on a terminal: every C0 control but newline and
 * tab, DEL, every C1 control (U+0080 to U+009F) and every invalid byte become U+FFFD, so
 * that no escape sequence (screen clearing, window titles, OSC 52 clipboard writes) reaches
 * the terminal. */
char *hs_format_for_terminal     (const char *text);

G_END_DECLS
