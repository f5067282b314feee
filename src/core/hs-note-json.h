#pragma once

#include <json-glib/json-glib.h>

#include "hs-note.h"
#include "hs-search-page.h"

G_BEGIN_DECLS

JsonNode *hs_note_to_json_node        (HsNote       *note);
char     *hs_note_to_json             (HsNote       *note);
JsonNode *hs_search_page_to_json_node (HsSearchPage *page);
char     *hs_search_page_to_json      (HsSearchPage *page);

/* Adds the member @name: @value, or null when @value is NULL. */
void      hs_json_add_string          (JsonBuilder  *builder,
                                       const char   *name,
                                       const char   *value);

G_END_DECLS
