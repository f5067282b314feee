/* Note references as a user pastes them (doc/api-protocol.md §8): ids, links, short links, share
 * text. */

#include <string.h>
#include <glib.h>

#include "hs-fuzz.h"
#include "hs-note-ref.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* What a paste gives: text up to its first NUL. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *note_id = NULL;
  g_autofree char *short_link = NULL;
  g_autofree char *from_url = NULL;
  g_autoptr(GError) error = NULL;

  if (hs_note_ref_parse (text, &note_id, &short_link, &error))
    {
      g_assert (error == NULL);
      g_assert ((note_id != NULL) != (short_link != NULL));
      if (note_id != NULL)
        g_assert (hs_note_id_is_valid (note_id));
    }
  else
    g_assert (error != NULL && note_id == NULL && short_link == NULL);

  from_url = hs_note_ref_note_id_from_url (text);
  if (from_url != NULL)
    g_assert (hs_note_id_is_valid (from_url));
  (void) hs_note_id_is_valid (text);

  return 0;
}
