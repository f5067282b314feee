#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-error.h"
#include "hs-note-ref.h"
#include "hs-urls.h"

/* How a pasted text becomes a note reference. The rules, in order:
 *
 * 1. Only the first HS_NOTE_REF_MAX_SCAN_BYTES bytes are read, cut back to
 *    a character boundary. That part must be valid UTF-8, else the text is
 *    rejected as a whole.
 *
 * 2. The text is cut into words: runs of the ASCII characters that RFC 3986
 *    allows in a URI. Everything else ends a word: spaces, control
 *    characters and every non-ASCII character, so that the full-width
 *    punctuation (，。！：；）」』】), the CJK text and the emoji of the app's
 *    share text never stick to a link. ASCII sentence punctuation at the
 *    end of a word (".,;:!?')]}") and brackets or quotes at its start are
 *    dropped.
 *
 * 3. A word is a link when it contains "://" (the link starts at the scheme
 *    before it), when it starts with a non-web scheme such as "javascript:"
 *    or "data:", or when it starts with one of our host names and a "/"
 *    ("xhslink.com/a/…", "www.xiaohongshu.com/explore/…", read as https).
 *    A link is only used when GUri parses it as http or https and it is
 *    - a note link: the host is xiaohongshu.com or rednote.com or a
 *      subdomain of them, and the path is /explore/ID, /discovery/item/ID,
 *      /user/profile/USER/ID or /search_result/ID, with an optional trailing
 *      slash; query and fragment do not matter. A login or captcha page of
 *      those hosts whose `redirectPath` parameter is such a note link counts
 *      too (that is where a short link may end). We never contact the host,
 *      so any subdomain is harmless;
 *    - a short link: the host is exactly xhslink.com or xhslink.cn (or their
 *      www.), without user info or port, and the path has one or two
 *      segments of [A-Za-z0-9_-] ("/a/AbCd123", "/m/AbCd123", "/AbCd123").
 *      The client follows this one, so the rule is strict, and the link is
 *      rebuilt from its parsed parts (the fragment is dropped).
 *    Every other link (evil.example/explore/ID, a profile link without a
 *    note, javascript:…) is ignored as a whole: an id inside it is not
 *    taken, neither as a link nor as a bare id, because the user pointed at
 *    something that is not a note of ours.
 *
 * 4. In the remaining words that contain no "/" (a path on an unknown host
 *    is a link in disguise, rule 3), a bare id is a run of exactly 24 hex
 *    digits that touches no ASCII letter, digit or "_": "ID", "id=ID" and
 *    "笔记ID：ID。" hold one; a 25-digit run, "x" + ID and ID + "g" do not.
 *
 * 5. The first note link wins, else the first short link, else the first
 *    bare id. Links go before bare ids because a link says "this is a note"
 *    while 24 hex digits in prose might be anything; a note link goes before
 *    a short link because it needs no request.
 *
 * Ids come back in lowercase, the form of every real id, so that an id
 * typed in capitals names the same note, makes the same request and equals
 * the id the server echoes byte for byte. hs_note_id_is_valid() accepts
 * either case (doc/api-protocol.md §1).
 */

#define NOTE_ID_LENGTH 24
#define MESSAGE_EXCERPT_CHARS 40
#define SHORT_LINK_SEGMENT_MAX 64

/* Schemes that make a word a link although it has no "://". */
static const char * const opaque_schemes[] = {
  "javascript", "vbscript", "data", "file", "blob", "about", "mailto", "intent",
};

typedef struct
{
  char *link;
  char *link_note_id;
  char *short_link;
  char *bare_note_id;
} Found;

static void
found_clear (Found *found)
{
  g_clear_pointer (&found->link, g_free);
  g_clear_pointer (&found->link_note_id, g_free);
  g_clear_pointer (&found->short_link, g_free);
  g_clear_pointer (&found->bare_note_id, g_free);
}

static gboolean
is_uri_char (char c)
{
  return c != '\0' &&
         (g_ascii_isalnum (c) || strchr ("-._~:/?#[]@!$&'()*+,;=%", c) != NULL);
}

/* Splits an absolute path into its segments. A single trailing slash is
 * allowed; any other empty segment ("//", a bare "/") means no match. */
static GStrv
split_path (const char *path)
{
  g_auto(GStrv) segments = NULL;
  guint n;

  if (path == NULL || path[0] != '/' || path[1] == '\0')
    return NULL;

  segments = g_strsplit (path + 1, "/", -1);
  n = g_strv_length (segments);
  if (n > 1 && segments[n - 1][0] == '\0')
    {
      g_free (segments[n - 1]);
      segments[n - 1] = NULL;
      n--;
    }

  for (guint i = 0; i < n; i++)
    {
      if (segments[i][0] == '\0')
        return NULL;
    }

  return g_steal_pointer (&segments);
}

static GUri *
parse_web_uri (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  /* Relaxed and encoded: the xsec_token of real links is not always
   * well-formed, and we only read the host and the path. */
  uri = g_uri_parse (url, G_URI_FLAGS_PARSE_RELAXED | G_URI_FLAGS_ENCODED, NULL);
  return hs_urls_uri_is_web (uri) ? g_steal_pointer (&uri) : NULL;
}

/* @out_link: (optional): the note link that named the id, without user
 * info and fragment, its query string kept. */
static char *
note_id_from_uri (GUri  *uri,
                  int    redirect_depth,
                  char **out_link)
{
  g_auto(GStrv) segments = NULL;
  const char *candidate = NULL;
  const char *query;
  guint n;

  if (!hs_urls_host_is_note_site (g_uri_get_host (uri)))
    return NULL;

  segments = split_path (g_uri_get_path (uri));
  n = segments != NULL ? g_strv_length (segments) : 0;

  if (n == 2 &&
      (g_ascii_strcasecmp (segments[0], "explore") == 0 ||
       g_ascii_strcasecmp (segments[0], "search_result") == 0))
    candidate = segments[1];
  else if (n == 3 &&
           g_ascii_strcasecmp (segments[0], "discovery") == 0 &&
           g_ascii_strcasecmp (segments[1], "item") == 0)
    candidate = segments[2];
  else if (n == 4 &&
           g_ascii_strcasecmp (segments[0], "user") == 0 &&
           g_ascii_strcasecmp (segments[1], "profile") == 0)
    candidate = segments[3];

  if (candidate != NULL)
    {
      if (!hs_note_id_is_valid (candidate))
        return NULL;
      if (out_link != NULL)
        *out_link = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_FRAGMENT);
      return g_ascii_strdown (candidate, -1);
    }

  /* A short link followed without cookies may land on the login or captcha
   * page, which names the note in redirectPath. One level is enough. */
  query = g_uri_get_query (uri);
  if (redirect_depth == 0 && query != NULL)
    {
      g_autoptr(GHashTable) params = NULL;
      const char *target;

      params = g_uri_parse_params (query, -1, "&",
                                   G_URI_PARAMS_PARSE_RELAXED, NULL);
      target = params != NULL ? g_hash_table_lookup (params, "redirectPath") : NULL;
      if (target != NULL)
        {
          g_autoptr(GUri) target_uri = parse_web_uri (target);

          if (target_uri != NULL)
            return note_id_from_uri (target_uri, redirect_depth + 1, out_link);
        }
    }

  return NULL;
}

static gboolean
is_short_link_segment (const char *segment)
{
  size_t len = strlen (segment);

  if (len == 0 || len > SHORT_LINK_SEGMENT_MAX)
    return FALSE;

  for (size_t i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (segment[i]) && segment[i] != '_' && segment[i] != '-')
        return FALSE;
    }

  return TRUE;
}

static char *
short_link_from_uri (GUri *uri)
{
  g_auto(GStrv) segments = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  guint n;

  if (!hs_urls_host_is_short_link (g_uri_get_host (uri)) ||
      g_uri_get_userinfo (uri) != NULL ||
      g_uri_get_port (uri) != -1)
    return NULL;

  segments = split_path (g_uri_get_path (uri));
  n = segments != NULL ? g_strv_length (segments) : 0;
  if (n < 1 || n > 2)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      if (!is_short_link_segment (segments[i]))
        return NULL;
    }

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);

  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, host, -1,
                     g_uri_get_path (uri), g_uri_get_query (uri), NULL);
}

static void
examine_link (const char *url,
              Found      *found)
{
  g_autoptr(GUri) uri = parse_web_uri (url);

  if (uri == NULL)
    return;

  if (found->link_note_id == NULL)
    found->link_note_id = note_id_from_uri (uri, 0, &found->link);

  if (found->link_note_id == NULL && found->short_link == NULL)
    found->short_link = short_link_from_uri (uri);
}

static gboolean
has_opaque_scheme (const char *word)
{
  for (size_t i = 0; i < G_N_ELEMENTS (opaque_schemes); i++)
    {
      size_t len = strlen (opaque_schemes[i]);

      if (g_ascii_strncasecmp (word, opaque_schemes[i], len) == 0 && word[len] == ':')
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_identifier_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static char *
find_bare_id (const char *word)
{
  const char *p = word;

  while (*p != '\0')
    {
      const char *run = p;
      gboolean all_hex = TRUE;

      if (!is_identifier_char (*p))
        {
          p++;
          continue;
        }

      while (is_identifier_char (*p))
        {
          all_hex = all_hex && g_ascii_isxdigit (*p);
          p++;
        }

      if (all_hex && p - run == NOTE_ID_LENGTH)
        return g_ascii_strdown (run, NOTE_ID_LENGTH);
    }

  return NULL;
}

static void
examine_word (const char *start,
              size_t      len,
              Found      *found)
{
  g_autofree char *word = NULL;
  const char *separator;
  const char *slash;

  while (len > 0 && strchr (".,;:!?')]}", start[len - 1]) != NULL)
    len--;
  while (len > 0 && strchr ("([{'", start[0]) != NULL)
    {
      start++;
      len--;
    }
  if (len == 0)
    return;

  word = g_strndup (start, len);

  /* First, so that "javascript:…'https://…'" is not read as its https part. */
  if (has_opaque_scheme (word))
    return;

  separator = strstr (word, "://");
  if (separator != NULL)
    {
      const char *scheme = separator;

      while (scheme > word &&
             (g_ascii_isalnum (scheme[-1]) || scheme[-1] == '+' ||
              scheme[-1] == '-' || scheme[-1] == '.'))
        scheme--;

      examine_link (scheme, found);
      return;
    }

  slash = strchr (word, '/');
  if (slash != NULL)
    {
      g_autofree char *host = g_strndup (word, slash - word);

      if (hs_urls_host_is_note_site (host) || hs_urls_host_is_short_link (host))
        {
          g_autofree char *url = g_strconcat ("https://", word, NULL);

          examine_link (url, found);
        }
      return;
    }

  if (found->bare_note_id == NULL)
    found->bare_note_id = find_bare_id (word);
}

/* One line, at most MESSAGE_EXCERPT_CHARS characters, without control or
 * invisible formatting characters (no bidi tricks in an error message). */
static char *
excerpt_for_message (const char *text,
                     size_t      len)
{
  GString *excerpt = g_string_new (NULL);
  const char *end = text + len;
  gboolean pending_space = FALSE;
  guint n_chars = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          pending_space = excerpt->len > 0;
          continue;
        }
      if (g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;

      if (n_chars == MESSAGE_EXCERPT_CHARS)
        {
          g_string_append (excerpt, "…");
          break;
        }

      if (pending_space)
        {
          g_string_append_c (excerpt, ' ');
          n_chars++;
          pending_space = FALSE;
          if (n_chars == MESSAGE_EXCERPT_CHARS)
            {
              g_string_append (excerpt, "…");
              break;
            }
        }

      g_string_append_unichar (excerpt, c);
      n_chars++;
    }

  return g_string_free (excerpt, FALSE);
}

/* Scans @text by the rules at the top of this file. On success @found
 * holds what was seen; the caller picks by rule 5. */
static gboolean
scan_text (const char  *text,
           Found       *found,
           GError     **error)
{
  size_t scan_len;
  int backed_off = 0;

  if (text == NULL)
    text = "";

  scan_len = strnlen (text, HS_NOTE_REF_MAX_SCAN_BYTES + 1);
  if (scan_len > HS_NOTE_REF_MAX_SCAN_BYTES)
    {
      /* Never cut a character in two; a longer run of continuation bytes is
       * invalid anyway and fails the check below. */
      scan_len = HS_NOTE_REF_MAX_SCAN_BYTES;
      while (backed_off < 3 && ((guchar) text[scan_len] & 0xC0) == 0x80)
        {
          scan_len--;
          backed_off++;
        }
    }

  if (!g_utf8_validate_len (text, scan_len, NULL))
    {
      g_set_error_literal (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE,
                           _("The text is not valid UTF-8, so it cannot name a note"));
      return FALSE;
    }

  for (size_t i = 0; i < scan_len && found->link_note_id == NULL;)
    {
      size_t start;

      if (!is_uri_char (text[i]))
        {
          i++;
          continue;
        }

      start = i;
      while (i < scan_len && is_uri_char (text[i]))
        i++;

      examine_word (text + start, i - start, found);
    }

  if (found->link_note_id == NULL && found->short_link == NULL && found->bare_note_id == NULL)
    {
      g_autofree char *excerpt = excerpt_for_message (text, scan_len);

      if (excerpt[0] == '\0')
        g_set_error_literal (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE,
                             _("Paste a note id, a note link or the share text of the Xiaohongshu app"));
      else
        /* TRANSLATORS: %s is the start of the text the user pasted */
        g_set_error (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE,
                     _("“%s” does not contain a note id or a Xiaohongshu link"), excerpt);
      return FALSE;
    }

  return TRUE;
}

/**
 * hs_note_ref_parse:
 * @text: (nullable): whatever the user pasted
 * @out_note_id: (out) (optional): the note id, lowercase
 * @out_short_link: (out) (optional): an xhslink short link to resolve
 * @error: a GError, HS_ERROR_INVALID_REFERENCE when @text names no note
 *
 * Finds the note a pasted text refers to (the rules are at the top of this
 * file). On success exactly one of the outs is set and the other is %NULL.
 * Pass %NULL for @out_short_link where a short link cannot be followed:
 * short links are then not looked for.
 */
gboolean
hs_note_ref_parse (const char  *text,
                   char       **out_note_id,
                   char       **out_short_link,
                   GError     **error)
{
  Found found = { NULL, NULL, NULL, NULL };
  gboolean ok = FALSE;

  g_return_val_if_fail (out_note_id != NULL || out_short_link != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_note_id != NULL)
    *out_note_id = NULL;
  if (out_short_link != NULL)
    *out_short_link = NULL;

  if (!scan_text (text, &found, error))
    return FALSE;

  if (out_note_id != NULL && found.link_note_id != NULL)
    *out_note_id = g_steal_pointer (&found.link_note_id);
  else if (out_short_link != NULL && found.short_link != NULL)
    *out_short_link = g_steal_pointer (&found.short_link);
  else if (out_note_id != NULL && found.bare_note_id != NULL)
    *out_note_id = g_steal_pointer (&found.bare_note_id);

  ok = (out_note_id != NULL && *out_note_id != NULL) ||
       (out_short_link != NULL && *out_short_link != NULL);
  found_clear (&found);
  if (!ok)
    /* Only a short link was found where none can be followed. */
    g_set_error_literal (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE,
                         _("Paste a note id, a note link or the share text of the Xiaohongshu app"));
  return ok;
}

/**
 * hs_note_ref_note_id_from_url:
 * @url: (nullable): an absolute URL, such as the end of a short link's redirects
 *
 * Returns: (transfer full) (nullable): the lowercase note id of a note
 *   link as described at the top of this file, or %NULL
 */
char *
hs_note_ref_note_id_from_url (const char *url)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;
  size_t len;

  if (url == NULL)
    return NULL;

  len = strnlen (url, HS_NOTE_REF_MAX_SCAN_BYTES + 1);
  if (len > HS_NOTE_REF_MAX_SCAN_BYTES || !g_utf8_validate_len (url, len, NULL))
    return NULL;

  trimmed = g_strstrip (g_strdup (url));
  uri = parse_web_uri (trimmed);
  if (uri == NULL)
    return NULL;

  return note_id_from_uri (uri, 0, NULL);
}

/* ------------------------------------------------------------------------ */
/* HsNoteRef                                                                */

struct _HsNoteRef
{
  gatomicrefcount  ref_count;
  char            *note_id;
  char            *link;
  char            *short_link;
};

G_DEFINE_BOXED_TYPE (HsNoteRef, hs_note_ref, hs_note_ref_ref, hs_note_ref_unref)

static HsNoteRef *
note_ref_new (char *note_id,
              char *link,
              char *short_link)
{
  HsNoteRef *self = g_new0 (HsNoteRef, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->note_id = note_id;
  self->link = link;
  self->short_link = short_link;
  return self;
}

HsNoteRef *
hs_note_ref_new_for_id (const char *note_id)
{
  if (!hs_note_id_is_valid (note_id))
    return NULL;

  return note_ref_new (g_ascii_strdown (note_id, -1), NULL, NULL);
}

HsNoteRef *
hs_note_ref_new_for_link (const char *link)
{
  g_autofree char *kept = NULL;
  g_autoptr(GUri) uri = NULL;
  char *note_id;

  if (link == NULL || strnlen (link, HS_NOTE_REF_MAX_SCAN_BYTES + 1) > HS_NOTE_REF_MAX_SCAN_BYTES ||
      !g_utf8_validate (link, -1, NULL))
    return NULL;

  uri = parse_web_uri (link);
  note_id = uri != NULL ? note_id_from_uri (uri, 0, &kept) : NULL;
  if (note_id == NULL)
    return NULL;

  return note_ref_new (note_id, g_steal_pointer (&kept), NULL);
}

HsNoteRef *
hs_note_ref_new_for_short_link (const char *short_link)
{
  g_autoptr(GUri) uri = NULL;
  char *rebuilt;

  if (short_link == NULL)
    return NULL;

  uri = parse_web_uri (short_link);
  rebuilt = uri != NULL ? short_link_from_uri (uri) : NULL;
  if (rebuilt == NULL)
    return NULL;

  return note_ref_new (NULL, NULL, rebuilt);
}

HsNoteRef *
hs_note_ref_new_from_text (const char  *text,
                           GError     **error)
{
  Found found = { NULL, NULL, NULL, NULL };
  HsNoteRef *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!scan_text (text, &found, error))
    return NULL;

  /* Rule 5: a note link, else a short link, else a bare id. */
  if (found.link_note_id != NULL)
    self = note_ref_new (g_steal_pointer (&found.link_note_id), g_steal_pointer (&found.link), NULL);
  else if (found.short_link != NULL)
    self = note_ref_new (NULL, NULL, g_steal_pointer (&found.short_link));
  else
    self = note_ref_new (g_steal_pointer (&found.bare_note_id), NULL, NULL);

  found_clear (&found);
  return self;
}

HsNoteRef *
hs_note_ref_ref (HsNoteRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
hs_note_ref_unref (HsNoteRef *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->note_id);
  g_free (self->link);
  g_free (self->short_link);
  g_free (self);
}

const char *
hs_note_ref_get_note_id (HsNoteRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->note_id;
}

const char *
hs_note_ref_get_link (HsNoteRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->link;
}

const char *
hs_note_ref_get_short_link (HsNoteRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->short_link;
}

char *
hs_note_ref_dup_web_link (HsNoteRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->link != NULL)
    return g_strdup (self->link);
  if (self->note_id != NULL)
    return hs_urls_note_link (self->note_id);
  return g_strdup (self->short_link);
}

gboolean
hs_note_ref_equal (HsNoteRef *a,
                   HsNoteRef *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_strcmp0 (a->note_id, b->note_id) == 0 &&
         g_strcmp0 (a->link, b->link) == 0 &&
         g_strcmp0 (a->short_link, b->short_link) == 0;
}
