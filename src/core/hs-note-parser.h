#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hs-note.h"
#include "hs-search-page.h"

G_BEGIN_DECLS

/* Deeper JSON is refused before json-glib (a recursive parser) sees it. */
#define HS_MAX_JSON_DEPTH 64

/* The body as a JSON object, after the checks json-glib needs first
 * (valid UTF-8, at most HS_MAX_RESPONSE_BYTES, nesting at most
 * HS_MAX_JSON_DEPTH): every body from the network goes through here, the
 * bodies of errors too. HS_ERROR_INVALID_RESPONSE otherwise. */
JsonNode     *hs_note_parser_parse_json            (GBytes      *body,
                                                    GError     **error);
HsNote       *hs_note_parser_parse_response        (GBytes      *body,
                                                    const char  *expected_note_id,
                                                    GPtrArray  **warnings,
                                                    GError     **error);
/* One note in the normalised form (no envelope), as hs_note_to_json()
 * writes it. */
HsNote       *hs_note_parser_parse_normalised      (GBytes      *body,
                                                    GPtrArray  **warnings,
                                                    GError     **error);
HsSearchPage *hs_note_parser_parse_search_response (GBytes      *body,
                                                    GPtrArray  **warnings,
                                                    GError     **error);

G_END_DECLS
