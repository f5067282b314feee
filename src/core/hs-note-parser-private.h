#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The parser's building blocks that the website source (hs-web-note.c)
 * shares, so that both sources read URLs, counts and times by the same
 * rules. Not for the UI: core only. */

/* An absolute http(s) URL with a host, trimmed and scheme lower-cased. */
char             *hs_note_parser_normalize_url   (const char  *text);
/* "7", "1,234", "1.2万", "10+", "1k+": a trailing + is a lower bound. */
gboolean          hs_note_parser_parse_count     (const char  *text,
                                                  gint64      *out_value,
                                                  gboolean    *out_lower_bound);
/* Seconds or milliseconds since 1970 (told apart by size); NULL for <= 0. */
GDateTime        *hs_note_parser_time_from_epoch (gint64       value);

G_END_DECLS
