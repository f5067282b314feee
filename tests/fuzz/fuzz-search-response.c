/* The search response parser (doc/api-protocol.md §7) and its JSON writer. */

#include <glib.h>

#include "hs-fuzz.h"
#include "hs-note-json.h"
#include "hs-note-parser.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsSearchPage) page = hs_note_parser_parse_search_response (body, &warnings, &error);

  g_assert ((page != NULL) != (error != NULL));
  if (page != NULL)
    {
      g_autofree char *json = hs_search_page_to_json (page);

      g_assert (g_utf8_validate (json, -1, NULL));
    }

  return 0;
}
