#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The `window.__INITIAL_STATE__` of a Xiaohongshu page (WEB.md §4): a
 * JavaScript object literal inside a script element, turned into JSON. */

/* Returns: (transfer full) (nullable): the state, always an object, or NULL
 * with HS_ERROR_UNREADABLE_PAGE */
JsonNode *hs_web_state_parse_page (const char  *html,
                                   gsize        length,
                                   GError     **error);

/* The literal alone, for tests: @literal starts at its `{`; *@out_end (optional)
 * gets the offset just past its closing `}`.
 * Returns: (transfer full) (nullable): strict JSON, or NULL with
 * HS_ERROR_UNREADABLE_PAGE */
GString  *hs_web_state_literal_to_json (const char  *literal,
                                        gsize        length,
                                        gsize       *out_end,
                                        GError     **error);

G_END_DECLS
