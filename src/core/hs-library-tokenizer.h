#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The FTS5 tokenizer of the library, "hongshu". See hs-library-tokenizer.c
 * for why it exists. */
#define HS_LIBRARY_TOKENIZER_NAME "hongshu"

/* Called once per token: @token is @length bytes (not NUL-terminated),
 * @start and @end its byte range in the text, @colocated TRUE when it
 * sits at the same position as the token before it. Non-zero stops. */
typedef int (*HsLibraryTokenFunc) (gpointer    user_data,
                                   gboolean    colocated,
                                   const char *token,
                                   int         length,
                                   int         start,
                                   int         end);

/* Splits @text (@length bytes, -1 for NUL-terminated) as the index does,
 * or, with @for_query, as a query string is split.
 * Returns: the first non-zero value of @func, else 0 */
int      hs_library_tokenize          (const char         *text,
                                       int                 length,
                                       gboolean            for_query,
                                       HsLibraryTokenFunc  func,
                                       gpointer            user_data);

/* Registers the tokenizer, and the ranking function hs_rank(), on @db
 * (a connection: each needs them). */
gboolean hs_library_tokenizer_register (sqlite3            *db,
                                        GError            **error);

G_END_DECLS
