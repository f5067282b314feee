/* The note response parser (doc/api-protocol.md §2) and the JSON writer behind `--json`, over any
 * bytes a server may send. */

#include <glib.h>

#include "hs-fuzz.h"
#include "hs-note-json.h"
#include "hs-note-parser.h"

#define NOTE_ID "649c46ab000000002702ad36"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = g_bytes_new (data, size);

  /* Without and with the id the client asked for: the second also walks the mismatch
   * path. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GPtrArray) warnings = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(HsNote) note = hs_note_parser_parse_response (body, i == 0 ? NULL : NOTE_ID,
                                                              &warnings, &error);

      g_assert ((note != NULL) != (error != NULL));
      if (note != NULL)
        {
          g_autofree char *json = hs_note_to_json (note);

          g_assert (g_utf8_validate (json, -1, NULL));
        }
    }

  return 0;
}
