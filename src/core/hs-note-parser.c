#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hs-error.h"
#include "hs-image.h"
#include "hs-note-parser.h"
#include "hs-note-parser-private.h"
#include "hs-urls.h"
#include "hs-video.h"

/* Integers from here up are epoch milliseconds, below it seconds: 1e11 s
 * is the year 5138, 1e11 ms is March 1973, long before the first note. */
#define EPOCH_MILLISECONDS_THRESHOLD G_GINT64_CONSTANT (100000000000)

/* The largest integer a double holds exactly. */
#define MAX_EXACT_DOUBLE 9007199254740992.0

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

typedef enum
{
  SCAN_OK,
  SCAN_NOT_JSON,
  SCAN_NOT_OBJECT,
  SCAN_TOO_DEEP,
} ScanResult;

static void add_warning (ParseContext *ctx,
                         const char   *format,
                         ...) G_GNUC_PRINTF (2, 3);

static void
add_warning (ParseContext *ctx,
             const char   *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (ctx->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Warnings name the field but never quote the server's value: the value
 * may be long or hold line breaks, and a warning is one line. */
static void
warn_field (ParseContext *ctx,
            const char   *field,
            Problem       problem)
{
  g_autofree char *path = g_strconcat (ctx->prefix, field, NULL);

  switch (problem)
    {
    case PROBLEM_NOT_STRING:
      /* TRANSLATORS: in these warnings %s is the JSON name of a field, such
       * as title or author.avatar, to be left as it is */
      add_warning (ctx, _("“%s” is not a string; ignored"), path);
      break;

    case PROBLEM_NOT_OBJECT:
      add_warning (ctx, _("“%s” is not an object; ignored"), path);
      break;

    case PROBLEM_NOT_ARRAY:
      add_warning (ctx, _("“%s” is not an array; ignored"), path);
      break;

    case PROBLEM_NOT_BOOLEAN:
      add_warning (ctx, _("“%s” is not true or false; ignored"), path);
      break;

    case PROBLEM_BAD_NUMBER:
      add_warning (ctx, _("“%s” is not a positive whole number; ignored"), path);
      break;

    case PROBLEM_BAD_COUNT:
      add_warning (ctx, _("“%s” is not a valid count; ignored"), path);
      break;

    case PROBLEM_BAD_URL:
      add_warning (ctx, _("“%s” is not an absolute http or https URL; ignored"), path);
      break;

    case PROBLEM_BAD_TIME:
      add_warning (ctx, _("“%s” is not a valid time; ignored"), path);
      break;

    case PROBLEM_BAD_COORDINATES:
      add_warning (ctx, _("“%s” has no valid latitude and longitude; coordinates ignored"), path);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
set_invalid_response (GError     **error,
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
      set_invalid_response (error, _("the body is empty"));
      return NULL;
    }

  if (g_bytes_get_size (body) > HS_MAX_RESPONSE_BYTES)
    {
      set_invalid_response (error, _("the body is larger than 8 MiB"));
      return NULL;
    }

  data = g_bytes_get_data (body, &length);

  /* Also refuses NUL bytes, which would cut strings short. */
  if (!g_utf8_validate (data, length, NULL))
    {
      set_invalid_response (error, _("the body is not valid UTF-8"));
      return NULL;
    }

  switch (scan_json (data, length, &patched))
    {
    case SCAN_OK:
      break;

    case SCAN_NOT_OBJECT:
      set_invalid_response (error, _("the body is not a JSON object"));
      return NULL;

    case SCAN_TOO_DEEP:
      set_invalid_response (error, _("the JSON is nested too deeply"));
      return NULL;

    case SCAN_NOT_JSON:
    default:
      set_invalid_response (error, _("the body is not valid JSON"));
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
      set_invalid_response (error, _("the body is not valid JSON"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_invalid_response (error, _("the body is not a JSON object"));
      return NULL;
    }

  return json_node_ref (root);
}

/* Returns: (transfer none): `data` of a code-200 envelope */
static JsonObject *
check_envelope (JsonNode  *root,
                GError   **error)
{
  JsonObject *envelope = json_node_get_object (root);
  JsonNode *code_node = json_object_get_member (envelope, "code");
  JsonNode *data_node;
  gint64 code;

  if (code_node == NULL || !JSON_NODE_HOLDS_VALUE (code_node) ||
      json_node_get_value_type (code_node) != G_TYPE_INT64)
    {
      set_invalid_response (error, _("it has no whole-number “code”"));
      return NULL;
    }

  code = json_node_get_int (code_node);
  if (code != 200)
    {
      JsonNode *message_node = json_object_get_member (envelope, "message");
      const char *message = NULL;

      if (message_node != NULL && JSON_NODE_HOLDS_VALUE (message_node) &&
          json_node_get_value_type (message_node) == G_TYPE_STRING)
        message = json_node_get_string (message_node);

      /* A code out of int's range maps to "invalid response" like any
       * other code that is not an HTTP error. */
      g_propagate_error (error,
                         hs_error_new_for_api_code (code >= 0 && code <= G_MAXINT ? (int) code : 0,
                                                    message));
      return NULL;
    }

  data_node = json_object_get_member (envelope, "data");
  if (data_node == NULL || !JSON_NODE_HOLDS_OBJECT (data_node))
    {
      set_invalid_response (error, _("it has no “data” object"));
      return NULL;
    }

  return json_node_get_object (data_node);
}

/* Returns: (nullable): NULL when absent or null: the server may leave out
 * any field, and null says the same. */
static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static gboolean
node_holds_type (JsonNode *node,
                 GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Returns: (nullable): the note_id of @object when it is a valid one */
static const char *
get_note_id (JsonObject *object)
{
  JsonNode *node = get_member (object, "note_id");

  if (node == NULL || !node_holds_type (node, G_TYPE_STRING) ||
      !hs_note_id_is_valid (json_node_get_string (node)))
    return NULL;

  return json_node_get_string (node);
}

/* Surrounding white space is forgiven and the scheme lower-cased, as a
 * browser would; anything but an absolute http(s) URL with a host is
 * refused, which keeps javascript:, data:, file: and relative URLs out of
 * the views and the media loader. */
char *
hs_note_parser_normalize_url (const char *text)
{
  g_autofree char *url = g_strstrip (g_strdup (text));
  g_autoptr(GUri) uri = NULL;

  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f)
      return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (!hs_urls_uri_is_web (uri))
    return NULL;

  for (char *p = url; *p != ':'; p++)
    *p = g_ascii_tolower (*p);

  return g_steal_pointer (&url);
}

/*
 * Counts as real servers send them: "1024", "1,234", "1.2万", "3.5k",
 * "3.5K", "1.2w", "2亿", "10+", "1k+", "10万+". 万 and w are 10 000,
 * 亿 100 000 000, k 1 000, m 1 000 000; a trailing + makes a lower bound.
 * Abbreviated fractions are truncated, as the abbreviation was.
 */
gboolean
hs_note_parser_parse_count (const char *text,
                            gint64     *out_value,
                            gboolean   *out_lower_bound)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *p = copy;
  guint64 whole = 0;
  guint64 fraction = 0;
  guint64 fraction_scale = 1;
  guint64 multiplier = 1;
  guint64 value;
  guint64 fraction_value;
  guint n_digits = 0;
  guint group_length = 0;
  gboolean grouped = FALSE;

  for (;; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (!g_uint64_checked_mul (&whole, whole, 10) ||
              !g_uint64_checked_add (&whole, whole, (guint64) (*p - '0')))
            return FALSE;
          n_digits++;
          group_length++;
        }
      else if (*p == ',')
        {
          /* Thousands separators: 1-3 digits first, then groups of 3. */
          if (group_length == 0 || group_length > 3 || (grouped && group_length != 3))
            return FALSE;
          grouped = TRUE;
          group_length = 0;
        }
      else
        {
          break;
        }
    }

  if (n_digits == 0 || (grouped && group_length != 3))
    return FALSE;

  if (*p == '.')
    {
      guint n_fraction_digits = 0;

      for (p++; g_ascii_isdigit (*p); p++, n_fraction_digits++)
        {
          /* Digits past the ninth cannot matter at these multipliers. */
          if (fraction_scale < 1000000000)
            {
              fraction = fraction * 10 + (guint64) (*p - '0');
              fraction_scale *= 10;
            }
        }

      if (n_fraction_digits == 0)
        return FALSE;
    }

  if (g_str_has_prefix (p, "万"))
    {
      multiplier = 10000;
      p += strlen ("万");
    }
  else if (g_str_has_prefix (p, "亿"))
    {
      multiplier = 100000000;
      p += strlen ("亿");
    }
  else if (*p == 'w' || *p == 'W')
    {
      multiplier = 10000;
      p++;
    }
  else if (*p == 'k' || *p == 'K')
    {
      multiplier = 1000;
      p++;
    }
  else if (*p == 'm' || *p == 'M')
    {
      multiplier = 1000000;
      p++;
    }

  *out_lower_bound = FALSE;
  if (*p == '+')
    {
      *out_lower_bound = TRUE;
      p++;
    }

  if (*p != '\0')
    return FALSE;

  /* A count is whole: "12.5" means nothing without a multiplier. */
  fraction_value = fraction * multiplier / fraction_scale;
  if (multiplier == 1 && fraction != 0)
    return FALSE;

  if (!g_uint64_checked_mul (&value, whole, multiplier) ||
      !g_uint64_checked_add (&value, value, fraction_value) ||
      value > G_MAXINT64)
    return FALSE;

  *out_value = (gint64) value;
  return TRUE;
}

static gboolean
parse_count_node (JsonNode *node,
                  gint64   *out_value,
                  gboolean *out_lower_bound)
{
  GType type;

  *out_lower_bound = FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);

      if (value < 0)
        return FALSE;
      *out_value = value;
      return TRUE;
    }

  /* 12.0 and 1e3 are whole numbers written as floats: accepted. */
  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (!isfinite (value) || value < 0 || value != floor (value) || value > MAX_EXACT_DOUBLE)
        return FALSE;
      *out_value = (gint64) value;
      return TRUE;
    }

  if (type == G_TYPE_STRING)
    return hs_note_parser_parse_count (json_node_get_string (node), out_value, out_lower_bound);

  return FALSE;
}

GDateTime *
hs_note_parser_time_from_epoch (gint64 value)
{
  g_autoptr(GDateTime) time = NULL;

  /* Zero is what a server sends for "no time"; no note is older than 1970. */
  if (value <= 0)
    return NULL;

  if (value < EPOCH_MILLISECONDS_THRESHOLD)
    return g_date_time_new_from_unix_utc (value);

  time = g_date_time_new_from_unix_utc (value / 1000);
  if (time == NULL)
    return NULL;

  return g_date_time_add (time, (value % 1000) * G_TIME_SPAN_MILLISECOND);
}

/* ISO 8601 must carry its zone (a NULL default zone makes GLib refuse
 * the string otherwise): a time without one is ambiguous by hours. */
static GDateTime *
parse_time_node (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return hs_note_parser_time_from_epoch (json_node_get_int (node));

  if (type == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      if (!isfinite (value) || value < 1 || value > (double) G_MAXINT64 / 2)
        return NULL;
      return hs_note_parser_time_from_epoch ((gint64) value);
    }

  if (type == G_TYPE_STRING)
    {
      g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));
      g_autoptr(GDateTime) time = NULL;
      gint64 epoch;

      if (*text != '\0' && text[strspn (text, "0123456789")] == '\0')
        {
          if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &epoch, NULL))
            return NULL;
          return hs_note_parser_time_from_epoch (epoch);
        }

      time = g_date_time_new_from_iso8601 (text, NULL);
      if (time == NULL || g_date_time_to_unix (time) <= 0)
        return NULL;

      return g_date_time_to_utc (time);
    }

  return NULL;
}

static char *
read_string (ParseContext *ctx,
             JsonObject   *object,
             const char   *name,
             const char   *path)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    return NULL;

  if (!node_holds_type (node, G_TYPE_STRING))
    {
      warn_field (ctx, path, PROBLEM_NOT_STRING);
      return NULL;
    }

  return g_strdup (json_node_get_string (node));
}

static char *
read_url (ParseContext *ctx,
          JsonObject   *object,
          const char   *name,
          const char   *path)
{
  JsonNode *node = get_member (object, name);
  char *url;

  if (node == NULL)
    return NULL;

  if (!node_holds_type (node, G_TYPE_STRING) ||
      (url = hs_note_parser_normalize_url (json_node_get_string (node))) == NULL)
    {
      warn_field (ctx, path, PROBLEM_BAD_URL);
      return NULL;
    }

  return url;
}

/* Returns: the count, or -1 when absent or invalid */
static gint64
read_count (ParseContext *ctx,
            JsonObject   *object,
            const char   *name,
            const char   *path,
            gboolean     *out_lower_bound)
{
  JsonNode *node = get_member (object, name);
  gint64 value = -1;

  *out_lower_bound = FALSE;

  if (node == NULL)
    return -1;

  if (!parse_count_node (node, &value, out_lower_bound))
    {
      warn_field (ctx, path, PROBLEM_BAD_COUNT);
      *out_lower_bound = FALSE;
      return -1;
    }

  return value;
}

static JsonArray *
read_array (ParseContext *ctx,
            JsonObject   *object,
            const char   *name)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      warn_field (ctx, name, PROBLEM_NOT_ARRAY);
      return NULL;
    }

  return json_node_get_array (node);
}

static JsonObject *
read_object (ParseContext *ctx,
             JsonObject   *object,
             const char   *name)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      warn_field (ctx, name, PROBLEM_NOT_OBJECT);
      return NULL;
    }

  return json_node_get_object (node);
}

static void
warn_cut (ParseContext *ctx,
          const char   *field,
          guint         n_valid,
          guint         limit)
{
  g_autofree char *path = g_strconcat (ctx->prefix, field, NULL);

  add_warning (ctx,
               g_dngettext (GETTEXT_PACKAGE,
                            /* TRANSLATORS: the first %s is a field name such as
                             * "images"; the last %u is the limit, 100 or 20 */
                            "“%s” has %u entry; only the first %u are kept",
                            "“%s” has %u entries; only the first %u are kept",
                            n_valid),
               path, n_valid, limit);
}

static GListStore *
read_images (ParseContext *ctx,
             JsonObject   *data)
{
  GListStore *store = g_list_store_new (HS_TYPE_IMAGE);
  JsonArray *array = read_array (ctx, data, "images");
  guint n_skipped = 0;
  guint n_valid = 0;
  guint length;

  if (array == NULL)
    return store;

  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *url = NULL;

      if (node_holds_type (element, G_TYPE_STRING))
        url = hs_note_parser_normalize_url (json_node_get_string (element));

      if (url == NULL)
        {
          n_skipped++;
          continue;
        }

      if (n_valid++ < HS_MAX_IMAGES)
        {
          g_autoptr(HsImage) image = hs_image_new (url);

          g_list_store_append (store, image);
        }
    }

  if (n_skipped > 0)
    {
      g_autofree char *path = g_strconcat (ctx->prefix, "images", NULL);

      add_warning (ctx,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s”: %u entry is not an absolute http or https URL and was skipped",
                                "“%s”: %u entries are not absolute http or https URLs and were skipped",
                                n_skipped),
                   path, n_skipped);
    }

  if (n_valid > HS_MAX_IMAGES)
    warn_cut (ctx, "images", n_valid, HS_MAX_IMAGES);

  return store;
}

/* Only "video" entries are kept (a missing type counts as "video"): the
 * views play every entry as a video, and the API knows no other type. */
static GListStore *
read_videos (ParseContext *ctx,
             JsonObject   *data)
{
  GListStore *store = g_list_store_new (HS_TYPE_VIDEO);
  JsonArray *array = read_array (ctx, data, "videos");
  guint n_skipped = 0;
  guint n_valid = 0;
  guint length;

  if (array == NULL)
    return store;

  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *url = NULL;
      g_autofree char *cover_path = NULL;
      g_autofree char *cover_url = NULL;
      g_autoptr(HsVideo) video = NULL;
      JsonObject *object;
      JsonNode *type_node;
      JsonNode *url_node;
      JsonNode *cover_node;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          n_skipped++;
          continue;
        }

      object = json_node_get_object (element);
      type_node = get_member (object, "type");
      url_node = get_member (object, "url");

      if (type_node != NULL &&
          (!node_holds_type (type_node, G_TYPE_STRING) ||
           g_ascii_strcasecmp (json_node_get_string (type_node), "video") != 0))
        {
          n_skipped++;
          continue;
        }

      if (url_node != NULL && node_holds_type (url_node, G_TYPE_STRING))
        url = hs_note_parser_normalize_url (json_node_get_string (url_node));

      if (url == NULL)
        {
          n_skipped++;
          continue;
        }

      if (n_valid++ >= HS_MAX_VIDEOS)
        continue;

      cover_node = get_member (object, "cover");
      if (cover_node != NULL &&
          (!node_holds_type (cover_node, G_TYPE_STRING) ||
           (cover_url = hs_note_parser_normalize_url (json_node_get_string (cover_node))) == NULL))
        {
          cover_path = g_strdup_printf ("videos[%u].cover", i);
          warn_field (ctx, cover_path, PROBLEM_BAD_URL);
        }

      video = hs_video_new (url, cover_url);
      g_list_store_append (store, video);
    }

  if (n_skipped > 0)
    {
      g_autofree char *path = g_strconcat (ctx->prefix, "videos", NULL);

      add_warning (ctx,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s”: %u entry is not a video with an http or https URL and was skipped",
                                "“%s”: %u entries are not videos with an http or https URL and were skipped",
                                n_skipped),
                   path, n_skipped);
    }

  if (n_valid > HS_MAX_VIDEOS)
    warn_cut (ctx, "videos", n_valid, HS_MAX_VIDEOS);

  return store;
}

static GStrv
read_tags (ParseContext *ctx,
           JsonObject   *data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = read_array (ctx, data, "tags");
  guint n_skipped = 0;
  guint length;

  if (array == NULL)
    return g_strv_builder_end (builder);

  length = json_array_get_length (array);
  for (guint i = 0; i < length; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      /* An empty tag would show as an empty chip. */
      if (!node_holds_type (element, G_TYPE_STRING) || *json_node_get_string (element) == '\0')
        {
          n_skipped++;
          continue;
        }

      g_strv_builder_add (builder, json_node_get_string (element));
    }

  if (n_skipped > 0)
    {
      g_autofree char *path = g_strconcat (ctx->prefix, "tags", NULL);

      add_warning (ctx,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s”: %u entry is not a non-empty string and was skipped",
                                "“%s”: %u entries are not non-empty strings and were skipped",
                                n_skipped),
                   path, n_skipped);
    }

  return g_strv_builder_end (builder);
}

/* An author without any usable field is no author. */
static HsAuthor *
read_author (ParseContext *ctx,
             JsonObject   *data)
{
  JsonObject *object = read_object (ctx, data, "author");
  g_autofree char *user_id = NULL;
  g_autofree char *nickname = NULL;
  g_autofree char *avatar_url = NULL;
  gboolean lower_bound;
  gint64 follower_count;

  if (object == NULL)
    return NULL;

  user_id = read_string (ctx, object, "user_id", "author.user_id");
  nickname = read_string (ctx, object, "nickname", "author.nickname");
  avatar_url = read_url (ctx, object, "avatar", "author.avatar");
  follower_count = read_count (ctx, object, "follower_count", "author.follower_count", &lower_bound);

  if (user_id == NULL && nickname == NULL && avatar_url == NULL && follower_count < 0)
    return NULL;

  return hs_author_new (user_id, nickname, avatar_url, follower_count, lower_bound);
}

static gboolean
read_degrees (JsonNode *node,
              double    limit,
              double   *out_value)
{
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = (double) json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return FALSE;

  if (!isfinite (value) || value < -limit || value > limit)
    return FALSE;

  *out_value = value;
  return TRUE;
}

/* A location without name and coordinates is no location. The name is kept
 * when the coordinates are bad: it is what the views show. */
static HsLocation *
read_location (ParseContext *ctx,
               JsonObject   *data)
{
  JsonObject *object = read_object (ctx, data, "location");
  g_autofree char *name = NULL;
  JsonNode *latitude_node;
  JsonNode *longitude_node;
  double latitude = 0.0;
  double longitude = 0.0;
  gboolean has_coordinates = FALSE;

  if (object == NULL)
    return NULL;

  name = read_string (ctx, object, "name", "location.name");

  latitude_node = get_member (object, "latitude");
  longitude_node = get_member (object, "longitude");
  if (latitude_node != NULL || longitude_node != NULL)
    {
      has_coordinates = read_degrees (latitude_node, 90.0, &latitude) &&
                        read_degrees (longitude_node, 180.0, &longitude);
      if (!has_coordinates)
        warn_field (ctx, "location", PROBLEM_BAD_COORDINATES);
    }

  if (name == NULL && !has_coordinates)
    return NULL;

  return hs_location_new (name, has_coordinates, latitude, longitude);
}

static GDateTime *
read_publish_time (ParseContext *ctx,
                   JsonObject   *data)
{
  JsonNode *node = get_member (data, "publish_time");
  GDateTime *time;

  if (node == NULL)
    return NULL;

  time = parse_time_node (node);
  if (time == NULL)
    warn_field (ctx, "publish_time", PROBLEM_BAD_TIME);

  return time;
}

/* @data holds a valid note_id (@note_id); every other field is optional
 * and only costs a warning when it is bad. */
static HsNote *
read_note (ParseContext *ctx,
           JsonObject   *data,
           const char   *note_id)
{
  static const struct {
    const char *name;
    const char *count_property;
    const char *lower_bound_property;
  } count_fields[] = {
    { "like_count", "like-count", "like-count-is-lower-bound" },
    { "comment_count", "comment-count", "comment-count-is-lower-bound" },
    { "favorite_count", "favorite-count", "favorite-count-is-lower-bound" },
    { "share_count", "share-count", "share-count-is-lower-bound" },
  };
  g_autofree char *title = NULL;
  g_autofree char *content = NULL;
  g_autoptr(GListStore) images = NULL;
  g_autoptr(GListStore) videos = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(HsAuthor) author = NULL;
  g_autoptr(GDateTime) publish_time = NULL;
  g_autoptr(HsLocation) location = NULL;
  gint64 counts[G_N_ELEMENTS (count_fields)];
  gboolean lower_bounds[G_N_ELEMENTS (count_fields)];
  HsNote *note;

  /* In the order of doc/api-protocol.md §2, so that warnings come in that order too. */
  title = read_string (ctx, data, "title", "title");
  content = read_string (ctx, data, "content", "content");
  images = read_images (ctx, data);
  videos = read_videos (ctx, data);
  tags = read_tags (ctx, data);
  for (guint i = 0; i < G_N_ELEMENTS (count_fields); i++)
    counts[i] = read_count (ctx, data, count_fields[i].name, count_fields[i].name, &lower_bounds[i]);
  author = read_author (ctx, data);
  publish_time = read_publish_time (ctx, data);
  location = read_location (ctx, data);

  note = g_object_new (HS_TYPE_NOTE,
                       "note-id", note_id,
                       "title", title,
                       "content", content,
                       "images", images,
                       "videos", videos,
                       "tags", tags,
                       "author", author,
                       "publish-time", publish_time,
                       "location", location,
                       count_fields[0].count_property, counts[0],
                       count_fields[1].count_property, counts[1],
                       count_fields[2].count_property, counts[2],
                       count_fields[3].count_property, counts[3],
                       count_fields[0].lower_bound_property, lower_bounds[0],
                       count_fields[1].lower_bound_property, lower_bounds[1],
                       count_fields[2].lower_bound_property, lower_bounds[2],
                       count_fields[3].lower_bound_property, lower_bounds[3],
                       NULL);

  return note;
}

/**
 * hs_note_parser_parse_response:
 * @body: the response body of `GET /v1/notes/{id}`
 * @expected_note_id: (nullable): the id that was asked for
 * @warnings: (out) (optional) (transfer full) (element-type utf8): on
 *   success, one translated line per field that was ignored; NULL on error
 * @error: an HS_ERROR: the code of a non-200 envelope as
 *   hs_error_new_for_api_code() maps it, else HS_ERROR_INVALID_RESPONSE
 *
 * Applies doc/api-protocol.md §2 and §3 to one response. The note ids are hex, so
 * @expected_note_id matches regardless of case; the note keeps the
 * server's spelling.
 *
 * Returns: (transfer full) (nullable): the note, or NULL with @error set
 */
HsNote *
hs_note_parser_parse_response (GBytes      *body,
                               const char  *expected_note_id,
                               GPtrArray  **warnings,
                               GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) warning_list = g_ptr_array_new_with_free_func (g_free);
  ParseContext ctx = { warning_list, "" };
  JsonObject *data;
  const char *note_id;
  HsNote *note;

  if (warnings != NULL)
    *warnings = NULL;

  root = hs_note_parser_parse_json (body, error);
  if (root == NULL)
    return NULL;

  data = check_envelope (root, error);
  if (data == NULL)
    return NULL;

  note_id = get_note_id (data);
  if (note_id == NULL)
    {
      set_invalid_response (error, _("it has no valid “note_id”"));
      return NULL;
    }

  if (expected_note_id != NULL && g_ascii_strcasecmp (note_id, expected_note_id) != 0)
    {
      g_autofree char *reason = NULL;

      /* Both ids are plain hex here, safe to show. */
      if (hs_note_id_is_valid (expected_note_id))
        reason = g_strdup_printf (_("it is for note %s instead of %s"), note_id, expected_note_id);
      else
        reason = g_strdup_printf (_("it is for note %s, not for the one asked for"), note_id);
      set_invalid_response (error, reason);
      return NULL;
    }

  note = read_note (&ctx, data, note_id);

  if (warnings != NULL)
    *warnings = g_steal_pointer (&warning_list);

  return note;
}

static int
read_page_number (ParseContext *ctx,
                  JsonObject   *data,
                  const char   *name)
{
  JsonNode *node = get_member (data, name);
  gint64 value;

  if (node == NULL)
    return 0;

  if (!node_holds_type (node, G_TYPE_INT64) ||
      (value = json_node_get_int (node)) < 1 || value > G_MAXINT)
    {
      warn_field (ctx, name, PROBLEM_BAD_NUMBER);
      return 0;
    }

  return (int) value;
}

/**
 * hs_note_parser_parse_search_response:
 * @body: the response body of `GET /v1/notes/search`
 * @warnings: (out) (optional) (transfer full) (element-type utf8): as for
 *   hs_note_parser_parse_response()
 * @error: as for hs_note_parser_parse_response()
 *
 * Applies doc/api-protocol.md §7. An item that is not an object with a valid note_id is
 * skipped with a warning; `items` itself must be an array when present.
 * Without `has_more` the page infers it from page, size and total.
 *
 * Returns: (transfer full) (nullable): the page, or NULL with @error set
 */
HsSearchPage *
hs_note_parser_parse_search_response (GBytes     *body,
                                      GPtrArray **warnings,
                                      GError    **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) warning_list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListStore) items = g_list_store_new (HS_TYPE_NOTE);
  ParseContext ctx = { warning_list, "" };
  JsonObject *data;
  JsonNode *items_node;
  JsonNode *has_more_node;
  gboolean total_lower_bound;
  gboolean has_more;
  gint64 total;
  guint n_skipped = 0;
  int page;
  int size;

  if (warnings != NULL)
    *warnings = NULL;

  root = hs_note_parser_parse_json (body, error);
  if (root == NULL)
    return NULL;

  data = check_envelope (root, error);
  if (data == NULL)
    return NULL;

  items_node = get_member (data, "items");
  if (items_node != NULL && !JSON_NODE_HOLDS_ARRAY (items_node))
    {
      set_invalid_response (error, _("its “items” is not an array"));
      return NULL;
    }

  page = read_page_number (&ctx, data, "page");
  size = read_page_number (&ctx, data, "size");
  total = read_count (&ctx, data, "total", "total", &total_lower_bound);

  has_more_node = get_member (data, "has_more");
  if (has_more_node != NULL && node_holds_type (has_more_node, G_TYPE_BOOLEAN))
    {
      has_more = json_node_get_boolean (has_more_node);
    }
  else
    {
      if (has_more_node != NULL)
        warn_field (&ctx, "has_more", PROBLEM_NOT_BOOLEAN);
      has_more = total >= 0 && page > 0 && size > 0 && (gint64) page * size < total;
    }

  if (items_node != NULL)
    {
      JsonArray *array = json_node_get_array (items_node);
      guint length = json_array_get_length (array);

      for (guint i = 0; i < length; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autofree char *prefix = NULL;
          g_autoptr(HsNote) note = NULL;
          ParseContext item_ctx;
          const char *note_id;

          if (!JSON_NODE_HOLDS_OBJECT (element) ||
              (note_id = get_note_id (json_node_get_object (element))) == NULL)
            {
              n_skipped++;
              continue;
            }

          prefix = g_strdup_printf ("items[%u].", i);
          item_ctx.warnings = warning_list;
          item_ctx.prefix = prefix;
          note = read_note (&item_ctx, json_node_get_object (element), note_id);
          g_list_store_append (items, note);
        }
    }

  if (n_skipped > 0)
    add_warning (&ctx,
                 g_dngettext (GETTEXT_PACKAGE,
                              "“items”: %u entry is not a note with a valid “note_id” and was skipped",
                              "“items”: %u entries are not notes with a valid “note_id” and were skipped",
                              n_skipped),
                 n_skipped);

  if (warnings != NULL)
    *warnings = g_steal_pointer (&warning_list);

  return g_object_new (HS_TYPE_SEARCH_PAGE,
                       "page", page,
                       "size", size,
                       "total", total,
                       "has-more", has_more,
                       "items", items,
                       NULL);
}
