#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-error.h"
#include "hs-library-rank.h"
#include "hs-library-tokenizer.h"

/*
 * Why a tokenizer of our own. Chinese has no spaces between words and most
 * words are two characters (口红, 底妆, 穿搭), many one (猫, 雨). FTS5's
 * `unicode61` makes a whole run of Han characters one token, so 口红 is
 * not found inside 今天分享口红色号; its `trigram` tokenizer answers only
 * queries of three characters or more: in SQLite 3.40 `口红` against
 * 今天分享口红色号 gives no row, with MATCH or with LIKE (DESIGN.md).
 *
 * So every CJK character is indexed twice at its position: as the bigram
 * it starts and, colocated with it (FTS5_TOKEN_COLOCATED), as a unigram.
 * A query is split the other way: one character is its unigram; two or
 * more are their overlapping bigrams, which FTS5 matches as a phrase at
 * consecutive positions, so 口红色 finds exactly the texts holding 口红色.
 * Every query length works and stays an index lookup, at the price of
 * about twice the postings of unigrams alone. (Bigrams alone, with a
 * one-character query as the prefix query 红*, would halve the index,
 * but FTS5 merges the lists of every bigram starting with 红 for it: on
 * 100 000 notes that search took 109 ms of CPU instead of 22.) Runs of other letters and
 * digits (ASCII words, Latin, Cyrillic) are one token each, lowercased.
 * Everything else (punctuation, spaces, emoji) separates tokens.
 */

typedef enum
{
  CHAR_SEPARATOR,
  CHAR_WORD,
  CHAR_CJK,
} CharClass;

static CharClass
classify (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c) ? CHAR_WORD : CHAR_SEPARATOR;
  /* Most of a Chinese text, every character of it a letter of script
   * Han: without looking it up in GLib's tables, twice a character. */
  if (c >= 0x4E00 && c <= 0x9FFF)
    return CHAR_CJK;

  {
    GUnicodeScript script = g_unichar_get_script (c);

    if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
        script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_HANGUL ||
        script == G_UNICODE_SCRIPT_BOPOMOFO)
      return g_unichar_isalnum (c) ? CHAR_CJK : CHAR_SEPARATOR;
  }

  if (g_unichar_isalnum (c) || g_unichar_ismark (c))
    return CHAR_WORD;

  return CHAR_SEPARATOR;
}

/* Whether a token starts anywhere in [p, end). */
static gboolean
word_follows (const char *p,
              const char *end)
{
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        p++;
      else if (classify (c) != CHAR_SEPARATOR)
        return TRUE;
      else
        p = g_utf8_next_char (p);
    }
  return FALSE;
}

/* Lowercases [start, end) of @text into @buffer. */
static void
lower_word (GString    *buffer,
            const char *text,
            int         start,
            int         end)
{
  g_string_truncate (buffer, 0);
  for (const char *p = text + start; p < text + end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        g_string_append_c (buffer, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (buffer, g_unichar_tolower (c));
    }
}

int
hs_library_tokenize (const char         *text,
                     int                 length,
                     gboolean            for_query,
                     HsLibraryTokenFunc  func,
                     gpointer            user_data)
{
  g_autoptr(GString) buffer = g_string_sized_new (64);
  const char *end;
  const char *p;

  if (text == NULL)
    return 0;
  if (length < 0)
    length = (int) strlen (text);
  end = text + length;
  p = text;

  while (p < end)
    {
      const char *next;
      gunichar c = g_utf8_get_char_validated (p, end - p);
      CharClass cls;
      int rc;

      /* FTS5 hands us what was stored; stored text is valid UTF-8, but a
       * bad byte must not stop the scan. */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      cls = classify (c);

      if (cls == CHAR_SEPARATOR)
        {
          p = next;
          continue;
        }

      if (cls == CHAR_WORD)
        {
          const char *q = next;

          while (q < end)
            {
              gunichar d = g_utf8_get_char_validated (q, end - q);

              if (d == (gunichar) -1 || d == (gunichar) -2 || classify (d) != CHAR_WORD)
                break;
              q = g_utf8_next_char (q);
            }
          lower_word (buffer, text, p - text, q - text);
          rc = func (user_data, FALSE, buffer->str, (int) buffer->len, p - text, q - text);
          if (rc != 0)
            return rc;
          p = q;
          continue;
        }

      /* A CJK character, and the one after it when it is CJK too. */
      {
        const char *after = NULL;

        if (next < end)
          {
            gunichar d = g_utf8_get_char_validated (next, end - next);

            if (d != (gunichar) -1 && d != (gunichar) -2 && classify (d) == CHAR_CJK)
              after = g_utf8_next_char (next);
          }

        if (!for_query)
          {
            /* The bigram first: FTS5's highlight() and snippet() take
             * the offsets of the first token at each position and skip
             * colocated ones, so a match of 口红色 (bigrams at two
             * positions) is marked up to the end of 色 this way. A
             * one-character match is then marked with the character
             * after it: the lesser evil, as most words are longer. */
            rc = 0;
            if (after != NULL)
              rc = func (user_data, FALSE, p, after - p, p - text, after - text);
            rc = rc != 0 ? rc : func (user_data, after != NULL, p, next - p, p - text, next - text);
          }
        else
          {
            gboolean run_start = (p == text ||
                                  classify (g_utf8_get_char (g_utf8_find_prev_char (text, p))) != CHAR_CJK);

            /* A lone character is its unigram; in a longer run each
             * character but the last starts a bigram. The last one is
             * its unigram too when a word follows (口红abc): the phrase
             * needs a token at each position up to that word, and the
             * text has the unigram there. */
            if (after != NULL)
              rc = func (user_data, FALSE, p, after - p, p - text, after - text);
            else if (run_start || word_follows (next, end))
              rc = func (user_data, FALSE, p, next - p, p - text, next - text);
            else
              rc = 0;
          }
        if (rc != 0)
          return rc;
        p = next;
      }
    }

  return 0;
}

/* FTS5 glue. */

typedef struct
{
  void *ctx;
  int (*x_token) (void *, int, const char *, int, int, int);
} TokenizeCall;

static int
fts5_token_cb (gpointer    user_data,
               gboolean    colocated,
               const char *token,
               int         length,
               int         start,
               int         end)
{
  TokenizeCall *call = user_data;

  return call->x_token (call->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, token, length, start, end);
}

static int
tokenizer_create (void        *user_data G_GNUC_UNUSED,
                  const char **args G_GNUC_UNUSED,
                  int          n_args G_GNUC_UNUSED,
                  Fts5Tokenizer **out)
{
  /* No state: any non-NULL pointer will do. */
  static int instance;

  *out = (Fts5Tokenizer *) &instance;
  return SQLITE_OK;
}

static void
tokenizer_delete (Fts5Tokenizer *tokenizer G_GNUC_UNUSED)
{
}

static int
tokenizer_tokenize (Fts5Tokenizer *tokenizer G_GNUC_UNUSED,
                    void          *ctx,
                    int            flags,
                    const char    *text,
                    int            length,
                    int          (*x_token) (void *, int, const char *, int, int, int))
{
  TokenizeCall call = { ctx, x_token };

  /* FTS5_TOKENIZE_DOCUMENT and _AUX (snippets) must see the index's
   * tokens; only a query (and a prefix query) is split into bigrams. */
  return hs_library_tokenize (text, length, (flags & FTS5_TOKENIZE_QUERY) != 0,
                              fts5_token_cb, &call);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *statement = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &statement, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (statement, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (statement);
  sqlite3_finalize (statement);

  return api;
}

gboolean
hs_library_tokenizer_register (sqlite3  *db,
                               GError  **error)
{
  static fts5_tokenizer tokenizer = {
    tokenizer_create,
    tokenizer_delete,
    tokenizer_tokenize,
  };
  fts5_api *api = get_fts5_api (db);

  if (api == NULL ||
      api->xCreateTokenizer (api, HS_LIBRARY_TOKENIZER_NAME, NULL, &tokenizer, NULL) != SQLITE_OK ||
      !hs_library_rank_register (api))
    {
      g_set_error_literal (error, HS_ERROR, HS_ERROR_FAILED,
                           _("This SQLite has no full-text search (FTS5)"));
      return FALSE;
    }

  return TRUE;
}
