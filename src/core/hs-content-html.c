#include "config.h"

#include <string.h>

#include "hs-content-html.h"
#include "hs-urls.h"

/* A note's body is an HTML fragment from the network and may contain anything. The view
 * that shows it runs no page script and, through its content security policy, loads nothing
 * but images of our own scheme. This file only has to make the legitimate pictures load:
 * each <img> whose address is http(s) is rewritten to point at our scheme, whose handler
 * fetches it with the Referer that the CDN demands. Whatever this tokenizer gets wrong on
 * hostile markup fails safe: an image it misses is blocked by the policy, nothing more.
 *
 * The tokenizer follows the HTML tokenizer's rules for tags, attributes, comments and the
 * raw text elements, so that it sees the same tags as WebKit does. */

#define MEDIA_URI_PREFIX HS_MEDIA_SCHEME ":///image?u="

/* Pictures declared at most this many pixels wide or high are emoji, shown in the line. */
#define SMALL_IMAGE_SIZE 48


/**
 * hs_media_uri_for_url:
 * @url: an image address from a note
 *
 * Returns: (transfer full) (nullable): the address under which the content view serves
 *   @url, or %NULL when @url is not an absolute http(s) URL.
 */
char *
hs_media_uri_for_url (const char *url)
{
  g_autofree char *escaped = NULL;

  /* hs_media_uri_get_url() reads the address back as UTF-8: anything else could not come
   * back, and is no address a note can use (found by tests/fuzz/fuzz-content-html). */
  if (url == NULL || !g_utf8_validate (url, -1, NULL) || !hs_urls_is_web (url))
    return NULL;

  /* Escaping everything but the unreserved characters keeps the result plain ASCII that
   * needs no quoting in an attribute and that WebKit hands back unchanged. */
  escaped = g_uri_escape_string (url, NULL, FALSE);

  return g_strconcat (MEDIA_URI_PREFIX, escaped, NULL);
}

/**
 * hs_media_uri_get_url:
 * @media_uri: an address of the content view's scheme
 *
 * Returns: (transfer full) (nullable): the http(s) URL that @media_uri stands for, or
 *   %NULL when it is not one of ours.
 */
char *
hs_media_uri_get_url (const char *media_uri)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *query;
  const char *url;

  if (media_uri == NULL)
    return NULL;

  uri = g_uri_parse (media_uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (uri == NULL)
    return NULL;

  if (g_strcmp0 (g_uri_get_scheme (uri), HS_MEDIA_SCHEME) != 0
      || (g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0')
      || g_strcmp0 (g_uri_get_path (uri), "/image") != 0)
    return NULL;

  query = g_uri_get_query (uri);
  if (query == NULL)
    return NULL;

  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params == NULL)
    return NULL;

  url = g_hash_table_lookup (params, "u");
  if (!hs_urls_is_web (url))
    return NULL;

  return g_strdup (url);
}

/* Which pictures a body may show: hs_urls_media_allowed() (hs-urls.c). */

/* The tokenizer */

static inline gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

typedef struct
{
  char *name;   /* lower case */
  char *value;  /* character references decoded; NULL when the attribute has no value */
} Attribute;

static void
attribute_free (gpointer data)
{
  Attribute *attr = data;

  g_free (attr->name);
  g_free (attr->value);
  g_free (attr);
}

static void
append_unichar (GString  *string,
                gunichar  c)
{
  if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    c = 0xFFFD;
  g_string_append_unichar (string, c);
}

/* Decodes the character references that can matter in an address: the numeric ones and the
 * few named ones that URLs and alt texts use. Others stay as written. */
static char *
decode_character_references (const char *text,
                             gsize       len)
{
  static const struct {
    const char *name;
    gunichar    c;
  } named[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "nbsp", 0xA0 },
  };
  GString *out = g_string_sized_new (len);
  const char *end = text + len;
  const char *p = text;

  while (p < end)
    {
      gboolean decoded = FALSE;

      if (*p != '&')
        {
          g_string_append_c (out, *p++);
          continue;
        }

      if (p + 1 < end && p[1] == '#')
        {
          const char *q = p + 2;
          gboolean hex = FALSE;
          guint64 value = 0;
          gboolean any = FALSE;

          if (q < end && (*q == 'x' || *q == 'X'))
            {
              hex = TRUE;
              q++;
            }
          while (q < end && (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q)))
            {
              if (value <= 0x10FFFF)
                value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q));
              any = TRUE;
              q++;
            }
          if (any)
            {
              if (q < end && *q == ';')
                q++;
              append_unichar (out, value > 0x10FFFF ? 0xFFFD : (gunichar) value);
              p = q;
              decoded = TRUE;
            }
        }
      else
        {
          for (guint i = 0; i < G_N_ELEMENTS (named); i++)
            {
              gsize n = strlen (named[i].name);
              const char *after = p + 1 + n;

              if (after > end || strncmp (p + 1, named[i].name, n) != 0)
                continue;

              if (after < end && *after == ';')
                after++;
              /* In attribute values a reference without ';' followed by '=' or an
               * alphanumeric stays text (query strings like "&ampx=1"). */
              else if (after < end && (g_ascii_isalnum (*after) || *after == '='))
                break;

              append_unichar (out, named[i].c);
              p = after;
              decoded = TRUE;
              break;
            }
        }

      if (!decoded)
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/* Parses the start or end tag at @p (which points at '<'). Returns the position after its
 * '>', or NULL when the input ends inside the tag (the HTML tokenizer then drops it). */
static const char *
parse_tag (const char  *p,
           char       **out_name,
           GPtrArray   *attributes)
{
  const char *name_start;

  g_assert (*p == '<');
  p++;
  if (*p == '/')
    p++;

  name_start = p;
  while (*p != '\0' && !is_html_space (*p) && *p != '/' && *p != '>')
    p++;
  if (out_name != NULL)
    *out_name = g_ascii_strdown (name_start, p - name_start);

  for (;;)
    {
      const char *attr_name;
      gsize attr_name_len;
      const char *value = NULL;
      gsize value_len = 0;

      while (is_html_space (*p) || *p == '/')
        p++;
      if (*p == '\0')
        return NULL;
      if (*p == '>')
        return p + 1;

      attr_name = p;
      p++;  /* the first character may be '=' */
      while (*p != '\0' && !is_html_space (*p) && *p != '/' && *p != '>' && *p != '=')
        p++;
      attr_name_len = p - attr_name;

      while (is_html_space (*p))
        p++;
      if (*p == '=')
        {
          p++;
          while (is_html_space (*p))
            p++;
          if (*p == '"' || *p == '\'')
            {
              char quote = *p++;

              value = p;
              while (*p != '\0' && *p != quote)
                p++;
              if (*p == '\0')
                return NULL;
              value_len = p - value;
              p++;
            }
          else
            {
              value = p;
              while (*p != '\0' && !is_html_space (*p) && *p != '>')
                p++;
              value_len = p - value;
            }
        }

      if (attributes != NULL)
        {
          Attribute *attr = g_new0 (Attribute, 1);

          attr->name = g_ascii_strdown (attr_name, attr_name_len);
          if (value != NULL)
            attr->value = decode_character_references (value, value_len);
          g_ptr_array_add (attributes, attr);
        }
    }
}

static const Attribute *
find_attribute (GPtrArray  *attributes,
                const char *name)
{
  /* The first of duplicate attributes wins, as in HTML. */
  for (guint i = 0; i < attributes->len; i++)
    {
      const Attribute *attr = g_ptr_array_index (attributes, i);

      if (strcmp (attr->name, name) == 0)
        return attr;
    }

  return NULL;
}

/* Returns the absolute http(s) URL an attribute value stands for, or NULL. Addresses
 * without a scheme ("//cdn/…") are common in scraped bodies; our document has no base URL
 * to resolve them against, so they mean https. */
static char *
image_url_from_value (const char *value)
{
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return NULL;

  trimmed = g_strdup (value);
  g_strstrip (trimmed);

  if (g_str_has_prefix (trimmed, "//"))
    {
      g_autofree char *with_scheme = g_strconcat ("https:", trimmed, NULL);

      return hs_urls_is_web (with_scheme) ? g_steal_pointer (&with_scheme) : NULL;
    }

  return hs_urls_is_web (trimmed) ? g_steal_pointer (&trimmed) : NULL;
}

static void
append_escaped_attribute_value (GString    *out,
                                const char *value)
{
  for (const char *p = value; *p; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
    }
}

/* Where a "#topic" in the text ends: at white space, markup, an entity, another
 * '#' or punctuation, ASCII or CJK. */
static gboolean
ends_topic (const char *p)
{
  static const char * const stops[] = {
    "\xef\xbc\x8c", "\xe3\x80\x82", "\xef\xbc\x81", "\xef\xbc\x9f", "\xe3\x80\x81",
    "\xef\xbc\x9b", "\xef\xbc\x9a", "\xef\xbc\x88", "\xef\xbc\x89", "\xe3\x80\x90",
    "\xe3\x80\x91", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe3\x80\x80", "\xc2\xa0", NULL
  };

  if (*p == '\0' || g_ascii_isspace (*p) || strchr ("#<&,.!?;:()[]{}\"'", *p) != NULL)
    return TRUE;
  for (guint i = 0; stops[i] != NULL; i++)
    if (g_str_has_prefix (p, stops[i]))
      return TRUE;
  return FALSE;
}

/* Text of the body, with each "#topic" made a link to the topic's search
 * (hs_urls_search_link()), as Xiaohongshu shows topics: a person follows a
 * note's tags from where they are written. A '#' inside a word (an address's
 * fragment, "C#") is left alone. */
static void
append_text (GString    *out,
             const char *text,
             gsize       len,
             gboolean    in_link)
{
  const char *end = text + len;
  const char *p = text;

  if (in_link)
    {
      g_string_append_len (out, text, len);
      return;
    }

  while (p < end)
    {
      const char *hash = memchr (p, '#', end - p);
      const char *q;

      if (hash == NULL)
        {
          g_string_append_len (out, p, end - p);
          return;
        }

      for (q = hash + 1; q < end && !ends_topic (q); q = g_utf8_next_char (q))
        ;
      if (q > end)
        q = end;
      if (q == hash + 1 ||
          (hash > text && (g_ascii_isalnum (hash[-1]) || hash[-1] == '/' || hash[-1] == '&')))
        {
          g_string_append_len (out, p, hash + 1 - p);
          p = hash + 1;
          continue;
        }

      {
        g_autofree char *topic = g_strndup (hash + 1, q - hash - 1);
        g_autofree char *link = g_utf8_validate (topic, -1, NULL) ? hs_urls_search_link (topic, TRUE) : NULL;

        g_string_append_len (out, p, hash - p);
        if (link == NULL)
          g_string_append_len (out, hash, q - hash);
        else
          {
            g_string_append (out, "<a class=\"topic\" href=\"");
            append_escaped_attribute_value (out, link);
            g_string_append (out, "\">");
            g_string_append_len (out, hash, q - hash);
            g_string_append (out, "</a>");
          }
        p = q;
      }
    }
}

static gboolean
name_in (const char         *name,
         const char * const *names)
{
  return g_strv_contains (names, name);
}

/* Writes the tag again from its parsed attributes, keeping only harmless presentational
 * ones. The result is well-formed whatever the input was, so WebKit parses exactly the
 * tag written here. */
static void
append_clean_tag (GString            *out,
                  const char         *tag_name,
                  const char         *media_uri,
                  GPtrArray          *attributes,
                  const char * const *kept,
                  gboolean            inline_mark)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  g_string_append_c (out, '<');
  g_string_append (out, tag_name);

  if (media_uri != NULL)
    {
      g_string_append (out, " src=\"");
      append_escaped_attribute_value (out, media_uri);
      g_string_append_c (out, '"');
    }
  if (inline_mark)
    g_string_append (out, " data-hs-inline");

  for (guint i = 0; i < attributes->len; i++)
    {
      const Attribute *attr = g_ptr_array_index (attributes, i);
      gboolean duplicate = FALSE;

      if (!name_in (attr->name, kept))
        continue;

      for (guint j = 0; j < seen->len; j++)
        duplicate |= strcmp (g_ptr_array_index (seen, j), attr->name) == 0;
      if (duplicate)
        continue;
      g_ptr_array_add (seen, attr->name);

      g_string_append_c (out, ' ');
      g_string_append (out, attr->name);
      if (attr->value != NULL)
        {
          g_string_append (out, "=\"");
          append_escaped_attribute_value (out, attr->value);
          g_string_append_c (out, '"');
        }
    }

  g_string_append_c (out, '>');
}

/* Emoji and stickers in a line of text declare a small size; they stay inline. */
static gboolean
is_small_image (GPtrArray *attributes)
{
  static const char * const dimensions[] = { "width", "height" };

  for (guint i = 0; i < G_N_ELEMENTS (dimensions); i++)
    {
      const Attribute *attr = find_attribute (attributes, dimensions[i]);
      guint64 value;
      char *end;

      if (attr == NULL || attr->value == NULL)
        continue;
      value = g_ascii_strtoull (attr->value, &end, 10);
      if (end != attr->value && (*end == '\0' || strcmp (end, "px") == 0)
          && value > 0 && value <= SMALL_IMAGE_SIZE)
        return TRUE;
    }

  return FALSE;
}

static void
append_image (GString            *out,
              GPtrArray          *attributes,
              const char * const *scopes)
{
  static const char * const kept[] = {
    "alt", "title", "width", "height", "id", "class", "style", "align", "lang", "dir", NULL
  };
  /* Lazy-loading pages leave the real address in one of these. */
  static const char * const sources[] = {
    "src", "data-src", "data-original", "data-actualsrc", "data-lazy-src", NULL
  };
  g_autofree char *media_uri = NULL;

  for (guint i = 0; sources[i] != NULL && media_uri == NULL; i++)
    {
      const Attribute *attr = find_attribute (attributes, sources[i]);
      g_autofree char *url = attr != NULL ? image_url_from_value (attr->value) : NULL;

      if (url != NULL && hs_urls_media_allowed (url, scopes))
        media_uri = hs_media_uri_for_url (url);
    }

  append_clean_tag (out, "img", media_uri, attributes, kept, is_small_image (attributes));
}

/* Elements whose content the HTML tokenizer reads as text up to their end tag. <noscript>
 * is left out on purpose: rewriting inside it is harmless either way. */
static gboolean
is_raw_text_element (const char *name)
{
  static const char * const raw[] = {
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", NULL
  };

  return name_in (name, raw);
}

static gboolean
is_dropped_element (const char *name)
{
  static const char * const dropped[] = { "link", "meta", "base", NULL };

  return name_in (name, dropped);
}

static const char *
find_end_tag (const char *p,
              const char *name)
{
  gsize len = strlen (name);

  for (p = strstr (p, "</"); p != NULL; p = strstr (p + 2, "</"))
    {
      if (g_ascii_strncasecmp (p + 2, name, len) == 0)
        {
          char after = p[2 + len];

          if (is_html_space (after) || after == '/' || after == '>')
            return p;
        }
    }

  return NULL;
}

static const char *
comment_end (const char *p)
{
  const char *end;
  const char *bang;

  /* "<!-->" and "<!--->" are complete (empty) comments. */
  if (*p == '>')
    return p + 1;
  if (p[0] == '-' && p[1] == '>')
    return p + 2;

  end = strstr (p, "-->");
  bang = strstr (p, "--!>");
  if (bang != NULL && (end == NULL || bang < end))
    return bang + 4;
  if (end != NULL)
    return end + 3;

  return p + strlen (p);
}

/**
 * hs_content_html_rewrite:
 * @html: a note's HTML fragment (untrusted)
 * @scopes: (nullable): where the note's pictures may come from (see
 *   hs_urls_media_allowed())
 *
 * Rewrites every <img> so that its address is our media scheme, or drops the address when
 * it is not an http(s) URL within @scopes, and drops the alternative sources of <picture>
 * that the content security policy would block anyway, and drops <link>, <meta> and <base>
 * (early connections, refreshes, a changed base). Everything else is copied as it
 * is.
 *
 * Returns: (transfer full): the rewritten fragment
 */
char *
hs_content_html_rewrite (const char         *html,
                         const char * const *scopes)
{
  GString *out;
  const char *p = html;
  int link_depth = 0;   /* inside <a>: its text is a link already */

  if (html == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (html) + strlen (html) / 4);

  while (*p != '\0')
    {
      const char *lt = strchr (p, '<');

      if (lt == NULL)
        {
          append_text (out, p, strlen (p), link_depth > 0);
          break;
        }

      append_text (out, p, lt - p, link_depth > 0);
      p = lt;

      if (g_str_has_prefix (p, "<!--"))
        {
          const char *end = comment_end (p + 4);

          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (p[1] == '!' || p[1] == '?' || (p[1] == '/' && !g_ascii_isalpha (p[2]) && p[2] != '\0'))
        {
          /* Bogus comments (doctype and "</>" included) end at the first '>'. */
          const char *end = strchr (p, '>');

          end = end != NULL ? end + 1 : p + strlen (p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (p[1] == '/' && g_ascii_isalpha (p[2]))
        {
          const char *end = parse_tag (p, NULL, NULL);

          if (end == NULL)
            break;
          if (g_ascii_tolower (p[2]) == 'a' && !g_ascii_isalnum (p[3]) && link_depth > 0)
            link_depth--;
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (g_ascii_isalpha (p[1]))
        {
          g_autoptr(GPtrArray) attributes = g_ptr_array_new_with_free_func (attribute_free);
          g_autofree char *name = NULL;
          const char *end = parse_tag (p, &name, attributes);

          if (end == NULL)
            break;
          if (strcmp (name, "a") == 0)
            link_depth++;

          /* The parser turns <image> into <img>, except in SVG, where it has no src. */
          if (strcmp (name, "img") == 0
              || (strcmp (name, "image") == 0 && find_attribute (attributes, "src") != NULL))
            {
              append_image (out, attributes, scopes);
            }
          else if (is_dropped_element (name))
            {
              /* Nothing of them belongs in a note; <link> would reach the network
               * (preconnect, preload, prefetch), <meta> navigate, <base> re-aim links. */
            }
          else if (strcmp (name, "source") == 0)
            {
              static const char * const kept[] = { "type", "media", NULL };

              append_clean_tag (out, "source", NULL, attributes, kept, FALSE);
            }
          else
            {
              g_string_append_len (out, p, end - p);
            }
          p = end;

          if (strcmp (name, "plaintext") == 0)
            {
              g_string_append (out, p);
              break;
            }
          if (is_raw_text_element (name))
            {
              const char *close = find_end_tag (p, name);

              if (close == NULL)
                close = p + strlen (p);
              g_string_append_len (out, p, close - p);
              p = close;
            }
        }
      else
        {
          /* A '<' that starts no tag is text. */
          g_string_append (out, "&lt;");
          p++;
        }
    }

  return g_string_free (out, FALSE);
}

static char *
sanitize_font_family (const char *font_family)
{
  GString *out = g_string_new (NULL);

  /* It ends up inside a CSS string; letters, digits, spaces and dashes are all a family
   * name needs. */
  for (const char *p = font_family ? font_family : ""; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == ' ' || *p == '-' || *p == '_')
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/**
 * hs_content_html_build_document:
 * @content_html: the rewritten body (see hs_content_html_rewrite())
 * @stylesheet: our stylesheet
 * @font_family: (nullable): the desktop's interface font family
 * @dark: whether the dark variant of the stylesheet applies
 *
 * Returns: (transfer full): the whole document the content view loads
 */
char *
hs_content_html_build_document (const char *content_html,
                                const char *stylesheet,
                                const char *font_family,
                                gboolean    dark)
{
  g_autofree char *family = sanitize_font_family (font_family);
  GString *doc = g_string_new (NULL);

  g_string_append (doc,
                   "<!DOCTYPE html>\n"
                   "<html lang=\"zh-CN\"");
  if (dark)
    g_string_append (doc, " class=\"hs-dark\"");
  g_string_append (doc,
                   "><head>\n"
                   "<meta charset=\"utf-8\">\n"
                   /* Also set as the view's default policy; repeated here so that it holds
                    * even if that setting were lost. */
                   "<meta http-equiv=\"Content-Security-Policy\" content=\""
                   HS_CONTENT_SECURITY_POLICY "\">\n"
                   "<meta name=\"color-scheme\" content=\"light dark\">\n"
                   "<style>\n");
  if (*family != '\0')
    g_string_append_printf (doc, ":root { --hs-font-family: \"%s\"; }\n", family);
  g_string_append (doc, stylesheet != NULL ? stylesheet : "");
  g_string_append (doc,
                   "\n</style>\n"
                   "</head><body>");
  /* No closing tags after the content: the parser closes everything at the end, and an
   * unclosed <textarea> or <plaintext> in the content cannot then show ours as text. */
  g_string_append (doc, content_html != NULL ? content_html : "");

  return g_string_free (doc, FALSE);
}

/* "美妆" from "#美妆", "#美妆#" or Xiaohongshu's "#美妆[话题]#". */
static char *
tag_of_token (const char *token)
{
  g_autofree char *tag = g_strdup (token + 1);
  char *mark;

  mark = strstr (tag, "[");
  if (mark != NULL)
    *mark = '\0';
  if (g_str_has_suffix (tag, "#"))
    tag[strlen (tag) - 1] = '\0';

  return g_steal_pointer (&tag);
}

/**
 * hs_content_html_ends_with_tags:
 * @html: a note's body
 * @tags: the note's tags, without "#"
 *
 * Whether the body's text ends with all of @tags written out as "#tag" (as authors
 * often end a note), so that showing them again as pills would say them twice.
 */
gboolean
hs_content_html_ends_with_tags (const char         *html,
                                const char * const *tags)
{
  g_autoptr(GString) text = NULL;
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GHashTable) trailing = NULL;
  gboolean in_markup = FALSE;
  guint n;

  if (html == NULL || tags == NULL || tags[0] == NULL)
    return FALSE;

  /* The text alone, markup as spaces; a non-breaking space is a space. */
  text = g_string_sized_new (strlen (html));
  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        in_markup = TRUE;
      else if (*p == '>' && in_markup)
        {
          in_markup = FALSE;
          g_string_append_c (text, ' ');
        }
      else if (!in_markup)
        g_string_append_c (text, *p);
    }
  g_string_replace (text, "&nbsp;", " ", 0);
  g_string_replace (text, "\xc2\xa0", " ", 0);
  g_string_replace (text, "\xe3\x80\x80", " ", 0);
  for (gsize i = 0; i < text->len; i++)
    if (g_ascii_isspace (text->str[i]))
      text->str[i] = ' ';

  tokens = g_strsplit (text->str, " ", -1);
  n = g_strv_length (tokens);
  trailing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = n; i > 0; i--)
    {
      const char *token = tokens[i - 1];

      if (*token == '\0')
        continue;
      if (token[0] != '#' || token[1] == '\0')
        break;
      g_hash_table_add (trailing, tag_of_token (token));
    }

  for (guint i = 0; tags[i] != NULL; i++)
    if (!g_hash_table_contains (trailing, tags[i]))
      return FALSE;

  return TRUE;
}
