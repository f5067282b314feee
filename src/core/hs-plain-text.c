#include "config.h"

#include <string.h>

#include "hs-plain-text.h"

/* From HTML:
 *   - Block elements (p, div, h1-h6, ul, ol, blockquote, pre, table rows, section…) end a
 *     paragraph: paragraphs are separated by one empty line. <br> ends a line; <li> starts
 *     a line with "• ".
 *   - script, style, template, head, title and comments give no text.
 *   - Whitespace collapses as a browser collapses it, except in a body with no tag at all,
 *     whose line breaks are kept (some servers send plain text).
 *   - Character references (&amp; &#20013; &#x4e2d; …) are decoded; an unknown one stays as
 *     written; &nbsp; is a space.
 * Wrapping: greedy, at the last space that fits, or between two characters when either
 * is wide (CJK text has no spaces); never before closing CJK punctuation (，。！ …) nor
 * after opening punctuation; a word longer than the width is cut. */

static gboolean
is_block_element (const char *name)
{
  static const char * const blocks[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "table", "tr", "section", "article", "header", "footer",
    "aside", "nav", "figure", "figcaption", "hr", "address", "main", "details", "summary",
    NULL
  };

  return g_strv_contains (blocks, name);
}

static gboolean
is_hidden_element (const char *name)
{
  static const char * const hidden[] = {
    "script", "style", "template", "head", "title", "noscript", "textarea", NULL
  };

  return g_strv_contains (hidden, name);
}

static void
trim_trailing_spaces (GString *out)
{
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
}

/* Ends the current line (@n_newlines 1) or paragraph (2), never with more than one empty
 * line and never at the start. */
static void
end_block (GString *out,
           guint    n_newlines)
{
  guint have = 0;

  trim_trailing_spaces (out);
  if (out->len == 0)
    return;
  while (have < out->len && out->str[out->len - 1 - have] == '\n')
    have++;
  for (; have < n_newlines; have++)
    g_string_append_c (out, '\n');
}

static void
append_space (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
    g_string_append_c (out, ' ');
}

/* Decodes the character reference at @p ('&'); returns where the text goes on. */
static const char *
append_reference (GString    *out,
                  const char *p)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" }, { "apos;", "'" },
    { "nbsp;", " " }, { "#39;", "'" },
  };
  const char *q = p + 1;

  for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
    if (strncmp (q, named[i].name, strlen (named[i].name)) == 0)
      {
        g_string_append (out, named[i].text);
        return q + strlen (named[i].name);
      }

  if (*q == '#')
    {
      gboolean hex = q[1] == 'x' || q[1] == 'X';
      const char *digits = q + (hex ? 2 : 1);
      const char *end = digits;
      guint64 value = 0;

      while (hex ? g_ascii_isxdigit (*end) : g_ascii_isdigit (*end))
        {
          if (value <= 0x10FFFF)
            value = value * (hex ? 16 : 10) + (guint64) (hex ? g_ascii_xdigit_value (*end)
                                                              : g_ascii_digit_value (*end));
          end++;
        }
      if (end > digits)
        {
          gunichar c = (gunichar) value;

          if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
            c = 0xFFFD;
          g_string_append_unichar (out, c == 0xA0 ? ' ' : c);
          return *end == ';' ? end + 1 : end;
        }
    }

  g_string_append_c (out, '&');
  return q;
}

/* Reads the tag at @p ('<' then a letter or '/'); sets *@name (lower case) and *@closing.
 * Returns: just past its '>', or the end of the text */
static const char *
read_tag (const char  *p,
          char       **name,
          gboolean    *closing)
{
  const char *start;
  char quote = 0;

  p++;
  *closing = *p == '/';
  if (*closing)
    p++;
  start = p;
  while (g_ascii_isalnum (*p))
    p++;
  *name = g_ascii_strdown (start, p - start);

  for (; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p + 1;
    }

  return p;
}

static const char *
skip_to_end_tag (const char *p,
                 const char *name)
{
  gsize len = strlen (name);

  for (p = strstr (p, "</"); p != NULL; p = strstr (p + 2, "</"))
    if (g_ascii_strncasecmp (p + 2, name, len) == 0 && !g_ascii_isalnum (p[2 + len]))
      {
        const char *end = strchr (p, '>');

        return end != NULL ? end + 1 : p + strlen (p);
      }

  return NULL;
}

/**
 * hs_plain_text_from_html:
 * @html: (nullable): a note body, HTML or plain text (untrusted)
 *
 * Returns: (transfer full): its text, paragraphs separated by an empty line, without
 *   leading or trailing blank lines
 */
char *
hs_plain_text_from_html (const char *html)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;
  gboolean has_tags;

  if (html == NULL)
    return g_strdup ("");

  /* Wrapping walks characters: an invalid byte becomes U+FFFD here, once. */
  valid = g_utf8_make_valid (html, -1);
  html = valid;

  out = g_string_sized_new (strlen (html));
  has_tags = FALSE;
  for (p = strchr (html, '<'); p != NULL && !has_tags; p = strchr (p + 1, '<'))
    has_tags = g_ascii_isalpha (p[1]) || (p[1] == '/' && g_ascii_isalpha (p[2])) || p[1] == '!';

  for (p = html; *p != '\0';)
    {
      if (*p == '<' && strncmp (p, "<!--", 4) == 0)
        {
          const char *end = strstr (p + 4, "-->");

          p = end != NULL ? end + 3 : p + strlen (p);
        }
      else if (*p == '<' && (g_ascii_isalpha (p[1]) || (p[1] == '/' && g_ascii_isalpha (p[2]))
                             || p[1] == '!' || p[1] == '?'))
        {
          g_autofree char *name = NULL;
          gboolean closing;

          p = read_tag (p, &name, &closing);
          if (!closing && is_hidden_element (name))
            {
              const char *end = skip_to_end_tag (p, name);

              p = end != NULL ? end : p + strlen (p);
            }
          else if (strcmp (name, "br") == 0)
            end_block (out, 1);
          else if (strcmp (name, "li") == 0)
            {
              end_block (out, 1);
              if (!closing)
                g_string_append (out, "• ");
            }
          else if (is_block_element (name))
            end_block (out, 2);
          else if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
            append_space (out);
        }
      else if (*p == '&')
        p = append_reference (out, p);
      else if (*p == '\n' && !has_tags)
        {
          trim_trailing_spaces (out);
          g_string_append_c (out, '\n');
          p++;
        }
      else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
        {
          if (has_tags || *p != '\r')
            append_space (out);
          p++;
        }
      else
        g_string_append_c (out, *p++);
    }

  trim_trailing_spaces (out);
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);

  /* A line that starts with a collapsed space does not need it. */
  {
    GString *clean = g_string_sized_new (out->len);
    gboolean line_start = TRUE;

    for (const char *q = out->str; *q != '\0'; q++)
      {
        if (line_start && *q == ' ')
          continue;
        g_string_append_c (clean, *q);
        line_start = *q == '\n';
      }
    g_string_free (out, TRUE);
    out = clean;
  }

  return g_string_free (out, FALSE);
}

static guint
char_width (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

/**
 * hs_plain_text_width:
 * @text: valid UTF-8, one line
 *
 * Returns: how many terminal columns @text takes
 */
guint
hs_plain_text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += char_width (g_utf8_get_char (p));

  return width;
}

static gboolean
no_break_before (gunichar c)
{
  return g_utf8_strchr ("，。、；：？！）」』》〉】〕”’…—～·,.;:?!)]}%", -1, c) != NULL;
}

static gboolean
no_break_after (gunichar c)
{
  return g_utf8_strchr ("（「『《〈【〔“‘([{", -1, c) != NULL;
}

static void
wrap_line (GString    *out,
           const char *line,
           guint       width)
{
  const char *start = line;

  while (*start != '\0')
    {
      const char *q;
      const char *cut_end = NULL;    /* where the line would end */
      const char *cut_next = NULL;   /* where the next line would start */
      gunichar previous = 0;
      guint col = 0;
      gboolean overflow = FALSE;

      for (q = start; *q != '\0'; q = g_utf8_next_char (q))
        {
          gunichar c = g_utf8_get_char (q);
          guint w = char_width (c);

          if (q > start)
            {
              if (c == ' ')
                {
                  cut_end = q;
                  cut_next = q + 1;
                }
              else if ((g_unichar_iswide (c) || g_unichar_iswide (previous)) && previous != ' '
                       && !no_break_before (c) && !no_break_after (previous))
                {
                  cut_end = q;
                  cut_next = q;
                }
            }

          if (col + w > width && q > start && c != ' ')
            {
              overflow = TRUE;
              break;
            }
          col += w;
          previous = c;
        }

      if (!overflow)
        {
          g_string_append (out, start);
          return;
        }

      if (cut_end == NULL || cut_end == start)
        {
          cut_end = q;
          cut_next = q;
        }

      {
        const char *end = cut_end;

        while (end > start && end[-1] == ' ')
          end--;
        g_string_append_len (out, start, end - start);
        g_string_append_c (out, '\n');
      }

      start = cut_next;
      while (*start == ' ')
        start++;
    }
}

/**
 * hs_plain_text_wrap:
 * @text: text whose lines are separated by '\n' (invalid UTF-8 becomes U+FFFD)
 * @width: columns, at least 1
 *
 * Returns: (transfer full): @text with every line no wider than @width columns (but for
 *   a single character wider than @width)
 */
char *
hs_plain_text_wrap (const char *text,
                    guint       width)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_auto(GStrv) lines = g_strsplit (valid, "\n", -1);
  GString *out = g_string_new (NULL);

  width = MAX (width, 1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      wrap_line (out, lines[i], width);
    }

  return g_string_free (out, FALSE);
}
