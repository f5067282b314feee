#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-error.h"
#include "hs-note-parser-internal.h"

typedef enum
{
  SCAN_OK,
  SCAN_NOT_JSON,
  SCAN_NOT_OBJECT,
  SCAN_TOO_DEEP,
} ScanResult;

void
hs_note_parser_set_invalid (GError     **error,
                            const char  *reason)
{
  g_set_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE,
               /* TRANSLATORS: %s is a reason such as "the body is empty" */
               _("The server sent an invalid response: %s"), reason);
}

/* Only a pure integer literal can overflow, and json-glib 1.6 wraps those
 * around silently: -18446744073709551416 reads as 200 and
 * -9223372036854775809 as the largest positive count. */
static gboolean
integer_literal_overflows (const char *token,
                           gsize       length)
{
  g_autofree char *copy = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_digits = length;
  gint64 value;

  if (length > 0 && token[0] == '-')
    n_digits--;

  if (n_digits <= 18)
    return FALSE;

  for (gsize i = length - n_digits; i < length; i++)
    if (!g_ascii_isdigit (token[i]))
      return FALSE;

  copy = g_strndup (token, length);
  if (!g_ascii_string_to_signed (copy, 10, G_MININT64, G_MAXINT64, &value, &error))
    return g_error_matches (error, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS);

  return FALSE;
}

/*
 * json-glib's parser is recursive and lenient, so the body is checked
 * first, in one pass and without recursion: one JSON object and nothing
 * after it, nesting at most HS_MAX_JSON_DEPTH deep, and no byte outside a
 * string that strict JSON does not allow there. The last rule also makes
 * sure that json-glib's idea of where strings start and end is ours:
 * single-quoted strings and comments, which it might accept, are refused.
 *
 * An integer literal beyond 64 bits gets ".0" appended in @patched so that
 * json-glib reads it as a (huge) double instead of wrapping it around.
 */
static ScanResult
scan_json (const char  *data,
           gsize        length,
           GString    **patched)
{
  gsize i = 0;
  gsize copied = 0;
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean started = FALSE;
  gboolean finished = FALSE;

  *patched = NULL;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  while (i < length)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            {
              i += 2;
              continue;
            }
          if (c == '"')
            in_string = FALSE;
          i++;
          continue;
        }

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          i++;
          continue;
        }

      if (finished)
        return SCAN_NOT_JSON;

      if (!started)
        {
          if (c != '{')
            return SCAN_NOT_OBJECT;
          started = TRUE;
        }

      if (c == '{' || c == '[')
        {
          if (++depth > HS_MAX_JSON_DEPTH)
            return SCAN_TOO_DEEP;
          i++;
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return SCAN_NOT_JSON;
          if (--depth == 0)
            finished = TRUE;
          i++;
        }
      else if (c == '"')
        {
          in_string = TRUE;
          i++;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize end = i;

          while (end < length && strchr ("+-.0123456789eE", data[end]) != NULL &&
                 data[end] != '\0')
            end++;

          if (integer_literal_overflows (data + i, end - i))
            {
              if (*patched == NULL)
                *patched = g_string_sized_new (length + 16);
              g_string_append_len (*patched, data + copied, end - copied);
              g_string_append (*patched, ".0");
              copied = end;
            }

          i = end;
        }
      else if (strchr (":,truefalsn", c) != NULL && c != '\0')
        {
          /* Punctuation and the letters of true, false and null; json-glib
           * rejects any other word made of them. */
          i++;
        }
      else
        {
          return SCAN_NOT_JSON;
        }
    }

  if (!started)
    return SCAN_NOT_OBJECT;
  if (in_string || !finished)
    return SCAN_NOT_JSON;

  if (*patched != NULL)
    g_string_append_len (*patched, data + copied, length - copied);

  return SCAN_OK;
}

/* The one way into json-glib for a body from the network, success or
 * error alike: scanned first (scan_json()), so that no depth json-glib's
 * recursion cannot take ever reaches it.
 * Returns: (transfer full): the root, always an object */
JsonNode *
hs_note_parser_parse_json (GBytes  *body,
                           GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) patched = NULL;
  g_autoptr(GError) json_error = NULL;
  const char *data;
  gsize length = 0;
  JsonNode *root;

  if (body == NULL || g_bytes_get_size (body) == 0)
    {
      hs_note_parser_set_invalid (error, _("the body is empty"));
      return NULL;
    }

  if (g_bytes_get_size (body) > HS_MAX_RESPONSE_BYTES)
    {
      hs_note_parser_set_invalid (error, _("the body is larger than 8 MiB"));
      return NULL;
    }

  data = g_bytes_get_data (body, &length);

  /* Also refuses NUL bytes, which would cut strings short. */
  if (!g_utf8_validate (data, length, NULL))
    {
      hs_note_parser_set_invalid (error, _("the body is not valid UTF-8"));
      return NULL;
    }

  switch (scan_json (data, length, &patched))
    {
    case SCAN_OK:
      break;

    case SCAN_NOT_OBJECT:
      hs_note_parser_set_invalid (error, _("the body is not a JSON object"));
      return NULL;

    case SCAN_TOO_DEEP:
      hs_note_parser_set_invalid (error, _("the JSON is nested too deeply"));
      return NULL;

    case SCAN_NOT_JSON:
    default:
      hs_note_parser_set_invalid (error, _("the body is not valid JSON"));
      return NULL;
    }

  if (patched != NULL)
    {
      data = patched->str;
      length = patched->len;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &json_error))
    {
      g_debug ("Response is not JSON: %s", json_error->message);
      hs_note_parser_set_invalid (error, _("the body is not valid JSON"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      hs_note_parser_set_invalid (error, _("the body is not a JSON object"));
      return NULL;
    }

  return json_node_ref (root);
}
