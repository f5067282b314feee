#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The `recent-searches` setting: newest first, no repeats, at most
 * HS_RECENT_SEARCHES_MAX. A search is kept as the entry shows it: a
 * keyword as typed, a tag as "#tag". With @settings NULL (no schema
 * installed) nothing is kept. */
#define HS_RECENT_SEARCHES_MAX 20

void    hs_recent_searches_add   (GSettings  *settings,
                                  const char *text);
/* Returns: (transfer full): the list, never NULL. */
char  **hs_recent_searches_get   (GSettings  *settings);
void    hs_recent_searches_clear (GSettings  *settings);

/* The entry's form of a search, and back: "#tag" is a tag search. */
char     *hs_recent_searches_format (const char  *query,
                                     gboolean     is_tag);
gboolean  hs_recent_searches_parse  (const char  *text,
                                     char       **query,
                                     gboolean    *is_tag);

G_END_DECLS
