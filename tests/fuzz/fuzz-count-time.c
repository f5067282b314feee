/* The count ("1.2万+", "1,234", "10k") and time (epoch seconds or milliseconds, ISO 8601)
 * parsers, reached the way a server reaches them: as a note's like_count, follower_count
 * and publish_time, once as a JSON string holding the input and once as the input in
 * place of the value. */

#include <string.h>
#include <glib.h>

#include "hs-fuzz.h"
#include "hs-note-parser.h"

static void
parse (const char *value)
{
  g_autofree char *text = g_strdup_printf ("{\"code\":200,\"message\":\"success\",\"data\":"
                                           "{\"note_id\":\"649c46ab000000002702ad36\","
                                           "\"like_count\":%s,\"comment_count\":%s,"
                                           "\"author\":{\"nickname\":\"a\",\"follower_count\":%s},"
                                           "\"publish_time\":%s}}",
                                           value, value, value, value);
  g_autoptr(GBytes) body = g_bytes_new_take (text, strlen (text));
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsNote) note = NULL;

  text = NULL;
  note = hs_note_parser_parse_response (body, NULL, &warnings, &error);
  g_assert ((note != NULL) != (error != NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *raw = g_strndup ((const char *) data, size);
  GString *quoted;

  /* Short inputs only: these are single values, and the note around them is the other
   * harnesses' work. */
  if (size > 256)
    return 0;

  parse (raw);

  quoted = g_string_new ("\"");
  for (const char *p = raw; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (quoted, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  parse (quoted->str);
  g_string_free (quoted, TRUE);

  return 0;
}
