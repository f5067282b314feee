#pragma once

#include <gio/gio.h>

#include "hs-note.h"
#include "hs-search-page.h"

G_BEGIN_DECLS

/* Deeper JSON is refused before json-glib (a recursive parser) sees it. */
#define HS_MAX_JSON_DEPTH 64

HsNote       *hs_note_parser_parse_response        (GBytes      *body,
                                                    const char  *expected_note_id,
                                                    GPtrArray  **warnings,
                                                    GError     **error);
HsSearchPage *hs_note_parser_parse_search_response (GBytes      *body,
                                                    GPtrArray  **warnings,
                                                    GError     **error);

G_END_DECLS
