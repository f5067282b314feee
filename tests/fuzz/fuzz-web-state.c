/* The website state scanner (WEB.md §4): a page's window.__INITIAL_STATE__ literal found
 * and turned into strict JSON, over any page a server may send. */

#include <glib.h>

#include "hs-fuzz.h"
#include "hs-web-state.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) literal_error = NULL;
  JsonNode *state = hs_web_state_parse_page ((const char *) data, size, &error);
  GString *json;
  gsize end = 0;

  g_assert ((state != NULL) != (error != NULL));
  if (state != NULL)
    {
      g_assert (JSON_NODE_HOLDS_OBJECT (state));
      json_node_unref (state);
    }

  json = hs_web_state_literal_to_json ((const char *) data, size, &end, &literal_error);
  g_assert ((json != NULL) != (literal_error != NULL));
  if (json != NULL)
    {
      g_assert (end <= size);
      g_string_free (json, TRUE);
    }

  return 0;
}
