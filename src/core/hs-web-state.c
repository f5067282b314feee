#include "config.h"

#include <string.h>

#include "hs-error.h"
#include "hs-note-parser.h"
#include "hs-web-state.h"

/*
 * The state is a JavaScript object literal, not JSON (WEB.md §4): bare
 * `undefined` values, raw control characters inside strings, and other
 * stores written as `new Map([...])`. A small scanner rewrites it into
 * strict JSON, token by token, and knows where strings start and end, so
 * that nothing inside a note's text is ever rewritten (a note may well say
 * "undefined") and a `</script>` inside a string cannot end the literal.
 * The JSON then goes through the same depth and strictness check as the
 * API's bodies before json-glib sees it.
 */

#define STATE_NAME "__INITIAL_STATE__"
#define WINDOW_PREFIX "window."

/* The JSON goes through hs_note_parser_parse_json(), which takes no more;
 * stopping here saves rewriting the rest. */
#define MAX_JSON_BYTES HS_MAX_RESPONSE_BYTES

static void
set_unreadable (GError     **error,
                const char  *why)
{
  g_debug ("Page state unreadable: %s", why);
  g_propagate_error (error, hs_error_new_for_web (HS_ERROR_UNREADABLE_PAGE, NULL));
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static gboolean
is_identifier_start (char c)
{
  return g_ascii_isalpha (c) || c == '_' || c == '$';
}

static gboolean
is_identifier_part (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$';
}

/* Returns: the offset of the first case-insensitive @needle at or after
 * @from, or @length when there is none */
static gsize
find_ascii_nocase (const char *text,
                   gsize       length,
                   gsize       from,
                   const char *needle)
{
  gsize needle_length = strlen (needle);
  char first = g_ascii_tolower (needle[0]);

  for (gsize i = from; i + needle_length <= length; i++)
    if (g_ascii_tolower (text[i]) == first &&
        g_ascii_strncasecmp (text + i, needle, needle_length) == 0)
      return i;

  return length;
}

/* Returns: the offset just past the `>` of the tag that starts at @from
 * (after "<script"), quotes of attribute values respected, or @length */
static gsize
skip_open_tag (const char *html,
               gsize       length,
               gsize       from)
{
  char quote = '\0';

  for (gsize i = from; i < length; i++)
    {
      char c = html[i];

      if (quote != '\0')
        {
          if (c == quote)
            quote = '\0';
        }
      else if (c == '"' || c == '\'')
        {
          quote = c;
        }
      else if (c == '>')
        {
          return i + 1;
        }
    }

  return length;
}

/* Looks in the script text [@start, @end) for `window.__INITIAL_STATE__ = {`
 * as a statement of its own (at the start, or after `;` or white space), and
 * returns the offset of its `{`, or 0. */
static gsize
find_assignment (const char *html,
                 gsize       start,
                 gsize       end)
{
  gsize prefix_length = strlen (WINDOW_PREFIX STATE_NAME);
  gsize i = start;

  while (i < end)
    {
      gsize at = find_ascii_nocase (html, end, i, WINDOW_PREFIX STATE_NAME);
      gsize p;

      if (at >= end)
        return 0;

      i = at + 1;
      if (at > start && !is_space (html[at - 1]) && html[at - 1] != ';')
        continue;
      /* The names are case-sensitive in JavaScript. */
      if (strncmp (html + at, WINDOW_PREFIX STATE_NAME, prefix_length) != 0)
        continue;

      p = at + prefix_length;
      while (p < end && is_space (html[p]))
        p++;
      if (p >= end || html[p] != '=')
        continue;
      p++;
      while (p < end && is_space (html[p]))
        p++;
      if (p < end && html[p] == '{')
        return p;
    }

  return 0;
}

/* Returns: the offset of the state literal's `{`, or 0 when no script
 * element of @html assigns it */
static gsize
find_state_literal (const char *html,
                    gsize       length)
{
  gsize i = 0;

  for (;;)
    {
      gsize tag = find_ascii_nocase (html, length, i, "<script");
      gsize content;
      gsize close;
      gsize literal;
      char after;

      if (tag >= length)
        return 0;

      i = tag + strlen ("<script");
      after = i < length ? html[i] : '\0';
      if (!is_space (after) && after != '>' && after != '/')
        continue;

      content = skip_open_tag (html, length, i);
      /* Only bounds the search: a `</script>` inside a string of the literal
       * does not end it, the literal scanner decides where it ends. */
      close = find_ascii_nocase (html, length, content, "</script");

      literal = find_assignment (html, content, close);
      if (literal != 0)
        return literal;

      i = close;
    }
}

static void
append_unicode_escape (GString  *out,
                       gunichar  c)
{
  g_string_append_printf (out, "\\u%04x", c);
}

/* Reads 4 hex digits at @p (within @end) into @out_value. */
static gboolean
read_hex4 (const char *p,
           const char *end,
           gunichar   *out_value)
{
  gunichar value = 0;

  if (end - p < 4)
    return FALSE;

  for (int k = 0; k < 4; k++)
    {
      int digit = g_ascii_xdigit_value (p[k]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (gunichar) digit;
    }

  *out_value = value;
  return TRUE;
}

/* Appends a code point from a JavaScript escape as JSON. Lone surrogates
 * become U+FFFD: json-glib refuses them, and one broken emoji in a title
 * must not sink the note. */
static void
append_code_point (GString  *out,
                   gunichar  c)
{
  if (c < 0x20 || c == '"' || c == '\\')
    append_unicode_escape (out, c);
  else if (c >= 0xd800 && c <= 0xdfff)
    g_string_append (out, "\\ufffd");
  else if (c > 0x10ffff)
    g_string_append (out, "\\ufffd");
  else
    g_string_append_unichar (out, c);
}

/* Copies the string literal at *@pp (its opening quote) as a JSON string
 * and moves *@pp past its closing quote. */
static gboolean
copy_string (const char **pp,
             const char  *end,
             GString     *out)
{
  const char *p = *pp;
  char quote = *p++;

  g_string_append_c (out, '"');

  while (p < end)
    {
      const char *run = p;
      char c;

      /* The common case, plain text, is copied in runs. */
      while (p < end && *p != quote && *p != '\\' && *p != '"' && (guchar) *p >= 0x20)
        p++;
      g_string_append_len (out, run, p - run);
      if (p >= end)
        break;

      c = *p;
      if (c == quote)
        {
          g_string_append_c (out, '"');
          *pp = p + 1;
          return TRUE;
        }

      if (c == '"')
        {
          /* Only inside a single-quoted string. */
          g_string_append (out, "\\\"");
          p++;
          continue;
        }

      if (c != '\\')
        {
          /* A raw control character: strict JSON refuses it, the text keeps it. */
          append_unicode_escape (out, (guchar) c);
          p++;
          continue;
        }

      /* An escape. */
      if (p + 1 >= end)
        return FALSE;
      c = p[1];
      p += 2;

      switch (c)
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          break;

        case '\'':
          g_string_append_c (out, '\'');
          break;

        case 'v':
          append_unicode_escape (out, 0x0b);
          break;

        case '0':
          append_unicode_escape (out, 0);
          break;

        case '\n':
          /* A line continuation: nothing. */
          break;

        case '\r':
          if (p < end && *p == '\n')
            p++;
          break;

        case 'x':
          {
            int high = p + 1 < end ? g_ascii_xdigit_value (p[0]) : -1;
            int low = p + 1 < end ? g_ascii_xdigit_value (p[1]) : -1;

            if (high < 0 || low < 0)
              return FALSE;
            append_code_point (out, (gunichar) (high * 16 + low));
            p += 2;
          }
          break;

        case 'u':
          if (p < end && *p == '{')
            {
              gunichar value = 0;

              for (p++; p < end && *p != '}'; p++)
                {
                  int digit = g_ascii_xdigit_value (*p);

                  if (digit < 0 || value > 0x10ffff)
                    return FALSE;
                  value = value * 16 + (gunichar) digit;
                }
              if (p >= end)
                return FALSE;
              p++;
              append_code_point (out, value);
            }
          else
            {
              gunichar value;
              gunichar low;

              if (!read_hex4 (p, end, &value))
                return FALSE;
              p += 4;

              if (value >= 0xd800 && value <= 0xdbff &&
                  end - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
                  read_hex4 (p + 2, end, &low) && low >= 0xdc00 && low <= 0xdfff)
                {
                  p += 6;
                  append_code_point (out, 0x10000 + ((value - 0xd800) << 10) + (low - 0xdc00));
                }
              else
                {
                  append_code_point (out, value);
                }
            }
          break;

        default:
          /* Any other escaped character stands for itself. */
          if ((guchar) c < 0x20)
            append_unicode_escape (out, (guchar) c);
          else
            g_string_append_c (out, c);
          break;
        }
    }

  return FALSE;
}

/* Copies the number at *@pp: JSON has no leading `+`, no `.5` or `5.`
 * and no hex. */
static gboolean
copy_number (const char **pp,
             const char  *end,
             GString     *out)
{
  const char *p = *pp;
  const char *start;
  g_autofree char *token = NULL;

  if (*p == '+')
    p++;
  else if (*p == '-')
    g_string_append_c (out, *p++);

  start = p;
  while (p < end && (g_ascii_isalnum (*p) || *p == '.' ||
                     ((*p == '+' || *p == '-') && (p[-1] == 'e' || p[-1] == 'E'))))
    p++;
  if (p == start)
    return FALSE;

  token = g_strndup (start, p - start);
  *pp = p;

  if (token[0] == '0' && (token[1] == 'x' || token[1] == 'X'))
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (token + 2, 16, 0, G_MAXINT64, &value, NULL))
        return FALSE;
      g_string_append_printf (out, "%" G_GUINT64_FORMAT, value);
      return TRUE;
    }

  if (token[0] == '.')
    g_string_append_c (out, '0');
  g_string_append (out, token);
  if (token[strlen (token) - 1] == '.')
    g_string_append_c (out, '0');

  return TRUE;
}

static const char *
skip_space_and_comments (const char *p,
                         const char *end)
{
  while (p < end)
    {
      if (is_space (*p))
        {
          p++;
        }
      else if (*p == '/' && p + 1 < end && p[1] == '/')
        {
          while (p < end && *p != '\n')
            p++;
        }
      else if (*p == '/' && p + 1 < end && p[1] == '*')
        {
          const char *close = g_strstr_len (p + 2, end - p - 2, "*/");

          p = close != NULL ? close + 2 : end;
        }
      else
        {
          break;
        }
    }

  return p;
}

/**
 * hs_web_state_literal_to_json:
 *
 * Outside strings: `undefined`, `NaN` and `Infinity` become null, other bare
 * words too (a value we cannot know), an unquoted key gets its quotes, and
 * `new Map(…)` (any constructor) is replaced by its argument, which keeps a
 * store's entries as an array of pairs. Inside strings: every escape is
 * turned into its JSON form, and raw control characters are escaped.
 */
GString *
hs_web_state_literal_to_json (const char  *literal,
                              gsize        length,
                              gsize       *out_end,
                              GError     **error)
{
  g_autoptr(GString) out = g_string_sized_new (length + length / 16 + 16);
  g_autoptr(GArray) constructors = g_array_new (FALSE, FALSE, sizeof (guint));
  /* The open brackets, innermost last: a `]` must close a `[`. */
  g_autoptr(GString) open = g_string_new (NULL);
  const char *p = literal;
  const char *end = literal + length;

  if (length == 0 || *p != '{')
    {
      set_unreadable (error, "the literal does not start with {");
      return NULL;
    }

  while (p < end)
    {
      char c;

      p = skip_space_and_comments (p, end);
      if (p >= end)
        break;

      if (out->len > MAX_JSON_BYTES)
        {
          set_unreadable (error, "the state is too large");
          return NULL;
        }

      c = *p;
      if (c == '"' || c == '\'')
        {
          if (!copy_string (&p, end, out))
            {
              set_unreadable (error, "a string does not end");
              return NULL;
            }
        }
      else if (c == '{' || c == '[')
        {
          g_string_append_c (open, c);
          g_string_append_c (out, c);
          p++;
        }
      else if (c == '}' || c == ']')
        {
          if (open->len == 0 || open->str[open->len - 1] != (c == '}' ? '{' : '['))
            {
              set_unreadable (error, "a bracket closes nothing");
              return NULL;
            }
          g_string_truncate (open, open->len - 1);
          g_string_append_c (out, c);
          p++;
          if (open->len == 0)
            break;
        }
      else if (c == ',' || c == ':')
        {
          g_string_append_c (out, c);
          p++;
        }
      else if (c == ')')
        {
          if (constructors->len == 0 ||
              g_array_index (constructors, guint, constructors->len - 1) != open->len)
            {
              set_unreadable (error, "a parenthesis closes nothing");
              return NULL;
            }
          g_array_set_size (constructors, constructors->len - 1);
          p++;
        }
      else if (g_ascii_isdigit (c) || c == '.' ||
               ((c == '-' || c == '+') && p + 1 < end && (g_ascii_isdigit (p[1]) || p[1] == '.')))
        {
          if (!copy_number (&p, end, out))
            {
              set_unreadable (error, "a number is malformed");
              return NULL;
            }
        }
      else if ((c == '-' || c == '+') && p + 1 < end && is_identifier_start (p[1]))
        {
          /* -Infinity, the only signed word. */
          p++;
          while (p < end && is_identifier_part (*p))
            p++;
          g_string_append (out, "null");
        }
      else if (is_identifier_start (c))
        {
          const char *word = p;
          gsize word_length;
          const char *next;

          while (p < end && is_identifier_part (*p))
            p++;
          word_length = p - word;
          next = skip_space_and_comments (p, end);

          if (next < end && *next == ':')
            {
              g_string_append_c (out, '"');
              g_string_append_len (out, word, word_length);
              g_string_append_c (out, '"');
            }
          else if (word_length == 3 && memcmp (word, "new", 3) == 0)
            {
              /* new Name(…) or new a.b.Name(…) */
              p = next;
              while (p < end && (is_identifier_part (*p) || *p == '.'))
                p++;
              p = skip_space_and_comments (p, end);
              if (p >= end || *p != '(')
                {
                  set_unreadable (error, "new without arguments");
                  return NULL;
                }
              p = skip_space_and_comments (p + 1, end);
              if (p < end && *p == ')')
                {
                  g_string_append (out, "null");
                  p++;
                }
              else
                {
                  guint depth = open->len;

                  if (constructors->len >= HS_MAX_JSON_DEPTH)
                    {
                      set_unreadable (error, "constructors nested too deeply");
                      return NULL;
                    }
                  g_array_append_val (constructors, depth);
                }
            }
          else if ((word_length == 4 && memcmp (word, "true", 4) == 0) ||
                   (word_length == 5 && memcmp (word, "false", 5) == 0) ||
                   (word_length == 4 && memcmp (word, "null", 4) == 0))
            {
              g_string_append_len (out, word, word_length);
            }
          else
            {
              /* undefined, NaN, Infinity, or a name whose value only the
               * page's script knows. */
              g_string_append (out, "null");
            }
        }
      else
        {
          set_unreadable (error, "an unexpected character outside strings");
          return NULL;
        }
    }

  if (open->len != 0)
    {
      set_unreadable (error, "the literal does not end");
      return NULL;
    }

  if (out_end != NULL)
    *out_end = p - literal;

  return g_steal_pointer (&out);
}

/**
 * hs_web_state_parse_page:
 * @html: the page, at most HS_MAX_RESPONSE_BYTES
 *
 * Finds the script that assigns `window.__INITIAL_STATE__` (other scripts,
 * attributes on the element and white space around `=` do not matter) and
 * reads its literal.
 */
JsonNode *
hs_web_state_parse_page (const char  *html,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(GString) json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) json_error = NULL;
  gsize start;
  JsonNode *root;

  if (html == NULL || length == 0)
    {
      set_unreadable (error, "the page is empty");
      return NULL;
    }

  if (length > HS_MAX_RESPONSE_BYTES)
    {
      set_unreadable (error, "the page is larger than 8 MiB");
      return NULL;
    }

  start = find_state_literal (html, length);
  if (start == 0)
    {
      set_unreadable (error, "no script assigns the state");
      return NULL;
    }

  json = hs_web_state_literal_to_json (html + start, length - start, NULL, error);
  if (json == NULL)
    return NULL;

  /* A broken byte in a note's text should cost that character, not the note. */
  if (!g_utf8_validate (json->str, json->len, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (json->str, json->len);

      g_string_assign (json, valid);
    }

  /* The parser's own way into json-glib, with its depth check. */
  bytes = g_bytes_new_static (json->str, json->len);
  root = hs_note_parser_parse_json (bytes, &json_error);
  if (root == NULL)
    {
      set_unreadable (error, json_error->message);
      return NULL;
    }

  return root;
}
