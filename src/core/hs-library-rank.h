#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Adds the FTS5 ranking function hs_rank() to @api (one connection's).
 * See hs-library-rank.c. */
gboolean hs_library_rank_register (fts5_api *api);

G_END_DECLS
