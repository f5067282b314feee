#pragma once

/* What the note parser's files share; only they include it. The public
 * API is hs-note-parser.h (and hs-note-parser-private.h for the website
 * source):
 *   hs-note-parser-json.c    the scan before json-glib, hs_note_parser_parse_json()
 *   hs-note-parser-values.c  URLs, counts and times from text or a JSON value
 *   hs-note-parser-fields.c  warnings and the field readers that raise them
 *   hs-note-parser-media.c   the lists of a note: images, videos, tags
 *   hs-note-parser.c         envelope, note, author, location, search page */

#include <json-glib/json-glib.h>

#include "hs-note-parser.h"
#include "hs-note-parser-private.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *warnings;
  /* Put before every field name: "" for a note, "items[3]." in a search. */
  const char *prefix;
} ParseContext;

typedef enum
{
  PROBLEM_NOT_STRING,
  PROBLEM_NOT_OBJECT,
  PROBLEM_NOT_ARRAY,
  PROBLEM_NOT_BOOLEAN,
  PROBLEM_BAD_NUMBER,
  PROBLEM_BAD_COUNT,
  PROBLEM_BAD_URL,
  PROBLEM_BAD_TIME,
  PROBLEM_BAD_COORDINATES,
} Problem;

/* hs-note-parser-json.c */
void        hs_note_parser_set_invalid      (GError      **error,
                                             const char   *reason);

/* hs-note-parser-values.c */
gboolean    hs_note_parser_count_from_node  (JsonNode     *node,
                                             gint64       *out_value,
                                             gboolean     *out_lower_bound);
GDateTime  *hs_note_parser_time_from_node   (JsonNode     *node);

/* hs-note-parser-fields.c */
void        hs_note_parser_warn             (ParseContext *ctx,
                                             const char   *format,
                                             ...) G_GNUC_PRINTF (2, 3);
void        hs_note_parser_warn_field       (ParseContext *ctx,
                                             const char   *field,
                                             Problem       problem);
void        hs_note_parser_warn_cut         (ParseContext *ctx,
                                             const char   *field,
                                             guint         n_valid,
                                             guint         limit);
JsonNode   *hs_note_parser_get_member       (JsonObject   *object,
                                             const char   *name);
gboolean    hs_note_parser_holds_type       (JsonNode     *node,
                                             GType         type);
const char *hs_note_parser_get_note_id      (JsonObject   *object);
char       *hs_note_parser_read_string      (ParseContext *ctx,
                                             JsonObject   *object,
                                             const char   *name,
                                             const char   *path);
char       *hs_note_parser_read_url         (ParseContext *ctx,
                                             JsonObject   *object,
                                             const char   *name,
                                             const char   *path);
gint64      hs_note_parser_read_count       (ParseContext *ctx,
                                             JsonObject   *object,
                                             const char   *name,
                                             const char   *path,
                                             gboolean     *out_lower_bound);
JsonArray  *hs_note_parser_read_array       (ParseContext *ctx,
                                             JsonObject   *object,
                                             const char   *name);
JsonObject *hs_note_parser_read_object      (ParseContext *ctx,
                                             JsonObject   *object,
                                             const char   *name);

/* hs-note-parser-media.c */
GListStore *hs_note_parser_read_images      (ParseContext *ctx,
                                             JsonObject   *data,
                                             guint        *n_omitted);
GListStore *hs_note_parser_read_videos      (ParseContext *ctx,
                                             JsonObject   *data,
                                             guint        *n_omitted);
GStrv       hs_note_parser_read_tags        (ParseContext *ctx,
                                             JsonObject   *data);

G_END_DECLS
