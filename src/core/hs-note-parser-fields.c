#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-note-parser-internal.h"
#include "hs-urls.h"

void
hs_note_parser_warn (ParseContext *ctx,
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
void
hs_note_parser_warn_field (ParseContext *ctx,
                           const char   *field,
                           Problem       problem)
{
  g_autofree char *path = g_strconcat (ctx->prefix, field, NULL);

  switch (problem)
    {
    case PROBLEM_NOT_STRING:
      /* TRANSLATORS: in these warnings %s is the JSON name of a field, such
       * as title or author.avatar, to be left as it is */
      hs_note_parser_warn (ctx, _("“%s” is not a string; ignored"), path);
      break;

    case PROBLEM_NOT_OBJECT:
      hs_note_parser_warn (ctx, _("“%s” is not an object; ignored"), path);
      break;

    case PROBLEM_NOT_ARRAY:
      hs_note_parser_warn (ctx, _("“%s” is not an array; ignored"), path);
      break;

    case PROBLEM_NOT_BOOLEAN:
      hs_note_parser_warn (ctx, _("“%s” is not true or false; ignored"), path);
      break;

    case PROBLEM_BAD_NUMBER:
      hs_note_parser_warn (ctx, _("“%s” is not a positive whole number; ignored"), path);
      break;

    case PROBLEM_BAD_COUNT:
      hs_note_parser_warn (ctx, _("“%s” is not a valid count; ignored"), path);
      break;

    case PROBLEM_BAD_URL:
      hs_note_parser_warn (ctx, _("“%s” is not an absolute http or https URL; ignored"), path);
      break;

    case PROBLEM_BAD_TIME:
      hs_note_parser_warn (ctx, _("“%s” is not a valid time; ignored"), path);
      break;

    case PROBLEM_BAD_COORDINATES:
      hs_note_parser_warn (ctx, _("“%s” has no valid latitude and longitude; coordinates ignored"), path);
      break;

    default:
      g_assert_not_reached ();
    }
}

void
hs_note_parser_warn_cut (ParseContext *ctx,
                         const char   *field,
                         guint         n_valid,
                         guint         limit)
{
  g_autofree char *path = g_strconcat (ctx->prefix, field, NULL);

  hs_note_parser_warn (ctx,
                       g_dngettext (GETTEXT_PACKAGE,
                                    /* TRANSLATORS: the first %s is a field name such as
                                     * "images"; the last %u is the limit, 100 or 20 */
                                    "“%s” has %u entry; only the first %u are kept",
                                    "“%s” has %u entries; only the first %u are kept",
                                    n_valid),
                       path, n_valid, limit);
}

/* Returns: (nullable): NULL when absent or null: the server may leave out
 * any field, and null says the same. */
JsonNode *
hs_note_parser_get_member (JsonObject *object,
                           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

gboolean
hs_note_parser_holds_type (JsonNode *node,
                           GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Returns: (nullable): the note_id of @object when it is a valid one */
const char *
hs_note_parser_get_note_id (JsonObject *object)
{
  JsonNode *node = hs_note_parser_get_member (object, "note_id");

  if (node == NULL || !hs_note_parser_holds_type (node, G_TYPE_STRING) ||
                !hs_note_id_is_valid (json_node_get_string (node)))
    return NULL;

  return json_node_get_string (node);
}

char *
hs_note_parser_read_string (ParseContext *ctx,
                            JsonObject   *object,
                            const char   *name,
                            const char   *path)
{
  JsonNode *node = hs_note_parser_get_member (object, name);

  if (node == NULL)
    return NULL;

  if (!hs_note_parser_holds_type (node, G_TYPE_STRING))
    {
      hs_note_parser_warn_field (ctx, path, PROBLEM_NOT_STRING);
      return NULL;
    }

  return g_strdup (json_node_get_string (node));
}

char *
hs_note_parser_read_url (ParseContext *ctx,
                         JsonObject   *object,
                         const char   *name,
                         const char   *path)
{
  JsonNode *node = hs_note_parser_get_member (object, name);
  char *url;

  if (node == NULL)
    return NULL;

  if (!hs_note_parser_holds_type (node, G_TYPE_STRING) ||
                (url = hs_note_parser_normalize_url (json_node_get_string (node))) == NULL)
    {
      hs_note_parser_warn_field (ctx, path, PROBLEM_BAD_URL);
      return NULL;
    }

  return url;
}

/* Returns: the count, or -1 when absent or invalid */
gint64
hs_note_parser_read_count (ParseContext *ctx,
                           JsonObject   *object,
                           const char   *name,
                           const char   *path,
                           gboolean     *out_lower_bound)
{
  JsonNode *node = hs_note_parser_get_member (object, name);
  gint64 value = -1;

  *out_lower_bound = FALSE;

  if (node == NULL)
    return -1;

  if (!hs_note_parser_count_from_node (node, &value, out_lower_bound))
    {
      hs_note_parser_warn_field (ctx, path, PROBLEM_BAD_COUNT);
      *out_lower_bound = FALSE;
      return -1;
    }

  return value;
}

/* Returns: (nullable): the member @name when it is a JSON @type; a warning
 * (@problem) when it is there but of another type */
static JsonNode *
read_container (ParseContext *ctx,
                JsonObject   *object,
                const char   *name,
                JsonNodeType  type,
                Problem       problem)
{
  JsonNode *node = hs_note_parser_get_member (object, name);

  if (node == NULL)
    return NULL;

  if (JSON_NODE_TYPE (node) != type)
    {
      hs_note_parser_warn_field (ctx, name, problem);
      return NULL;
    }

  return node;
}

JsonArray *
hs_note_parser_read_array (ParseContext *ctx,
                           JsonObject   *object,
                           const char   *name)
{
  JsonNode *node = read_container (ctx, object, name, JSON_NODE_ARRAY, PROBLEM_NOT_ARRAY);

  return node != NULL ? json_node_get_array (node) : NULL;
}

JsonObject *
hs_note_parser_read_object (ParseContext *ctx,
                            JsonObject   *object,
                            const char   *name)
{
  JsonNode *node = read_container (ctx, object, name, JSON_NODE_OBJECT, PROBLEM_NOT_OBJECT);

  return node != NULL ? json_node_get_object (node) : NULL;
}
