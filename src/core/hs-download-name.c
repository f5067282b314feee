#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-author.h"
#include "hs-download-name.h"
#include "hs-error.h"

static const char * const fields[] = { "id", "title", "author", "author_id", "date", "index" };

static gboolean
is_reserved_windows_name (const char *name)
{
  static const char * const reserved[] = { "CON", "PRN", "AUX", "NUL" };
  gsize stem_length = strcspn (name, ".");

  /* Windows refuses these with any extension: "con.txt" too. */
  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (stem_length == 3 && g_ascii_strncasecmp (name, reserved[i], 3) == 0)
      return TRUE;

  if (stem_length == 4 &&
      (g_ascii_strncasecmp (name, "COM", 3) == 0 || g_ascii_strncasecmp (name, "LPT", 3) == 0) &&
      name[3] >= '1' && name[3] <= '9')
    return TRUE;

  return FALSE;
}

static void
strip_trailing (GString *name)
{
  while (name->len > 0 && (name->str[name->len - 1] == '.' || name->str[name->len - 1] == ' '))
    g_string_truncate (name, name->len - 1);
}

char *
hs_download_name_sanitize (const char *text,
                           gsize       max_bytes)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autoptr(GString) name = g_string_sized_new (strlen (valid));
  gboolean pending_space = FALSE;
  gsize cut;

  g_return_val_if_fail (max_bytes >= 8, NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_isspace (c) ||
          g_unichar_type (c) == G_UNICODE_FORMAT || g_unichar_type (c) == G_UNICODE_LINE_SEPARATOR ||
          g_unichar_type (c) == G_UNICODE_PARAGRAPH_SEPARATOR)
        {
          /* One space for any run; none at the start. */
          pending_space = name->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (name, ' ');
      pending_space = FALSE;

      if (c < 0x80 && strchr ("/\\:*?\"<>|", (char) c) != NULL)
        g_string_append_c (name, '_');
      else if (c == '.' && name->len == 0)
        /* No hidden names, no "." or "..". */
        continue;
      else
        g_string_append_unichar (name, c);
    }

  strip_trailing (name);

  if (name->len > 0 && is_reserved_windows_name (name->str))
    g_string_prepend_c (name, '_');

  if (name->len > max_bytes)
    {
      /* Back to the start of the character that crosses the limit. */
      cut = max_bytes;
      while (cut > 0 && (name->str[cut] & 0xc0) == 0x80)
        cut--;
      g_string_truncate (name, cut);
      strip_trailing (name);
    }

  if (name->len == 0)
    g_string_assign (name, "_");

  return g_string_free (g_steal_pointer (&name), FALSE);
}

static gboolean
is_field (const char *name,
          gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strlen (fields[i]) == length && strncmp (fields[i], name, length) == 0)
      return TRUE;
  return FALSE;
}

gboolean
hs_download_name_template_validate (const char  *name_template,
                                    GError     **error)
{
  guint n_fields = 0;

  g_return_val_if_fail (name_template != NULL, FALSE);

  for (const char *p = name_template; *p != '\0'; p++)
    {
      const char *end;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          p++;
          continue;
        }
      if (*p == '}')
        {
          g_set_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST,
                       _("The name template “%s” has a “}” without its “{”"), name_template);
          return FALSE;
        }
      if (*p != '{')
        continue;

      end = strchr (p + 1, '}');
      if (end == NULL)
        {
          g_set_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST,
                       _("The name template “%s” has a “{” without its “}”"), name_template);
          return FALSE;
        }
      if (!is_field (p + 1, (gsize) (end - p - 1)))
        {
          g_autofree char *field = g_strndup (p, (gsize) (end - p + 1));

          /* TRANSLATORS: a field like {foo}, then the list of known fields */
          g_set_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST,
                       _("The name template has an unknown field %s; known fields: %s"),
                       field, "{id} {title} {author} {author_id} {date} {index}");
          return FALSE;
        }
      n_fields++;
      p = end;
    }

  if (n_fields == 0)
    {
      g_set_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST,
                   _("The name template “%s” has no field: every note would get the same folder"),
                   name_template);
      return FALSE;
    }

  return TRUE;
}

static char *
note_title (HsNote *note)
{
  const char *title = hs_note_get_title (note);
  const char *content = hs_note_get_content (note);

  if (title != NULL && *title != '\0')
    return g_strdup (title);

  if (content != NULL && *content != '\0')
    {
      gsize length = strcspn (content, "\r\n");

      if (length > 0)
        return g_strndup (content, MIN (length, (gsize) 120));
    }

  return g_strdup (_("untitled"));
}

static char *
field_value (const char *field,
             gsize       length,
             HsNote     *note,
             guint       index)
{
  HsAuthor *author = hs_note_get_author (note);

#define IS(name) (length == strlen (name) && strncmp (field, name, length) == 0)
  if (IS ("id"))
    return g_strdup (hs_note_get_note_id (note));
  if (IS ("title"))
    return note_title (note);
  if (IS ("author"))
    {
      const char *nickname = author != NULL ? hs_author_get_nickname (author) : NULL;

      return g_strdup (nickname != NULL && *nickname != '\0' ? nickname : _("unknown"));
    }
  if (IS ("author_id"))
    {
      const char *user_id = author != NULL ? hs_author_get_user_id (author) : NULL;

      return g_strdup (user_id != NULL ? user_id : "");
    }
  if (IS ("date"))
    {
      GDateTime *time = hs_note_get_publish_time (note);

      return time != NULL ? g_date_time_format (time, "%Y-%m-%d") : g_strdup ("");
    }
  if (IS ("index"))
    return g_strdup_printf ("%03u", index);
#undef IS

  g_return_val_if_reached (g_strdup (""));
}

char *
hs_download_name_expand (const char *name_template,
                         HsNote     *note,
                         guint       index)
{
  g_autoptr(GString) name = g_string_new (NULL);

  g_return_val_if_fail (name_template != NULL, NULL);
  g_return_val_if_fail (HS_IS_NOTE (note), NULL);

  for (const char *p = name_template; *p != '\0'; p++)
    {
      const char *end;
      g_autofree char *value = NULL;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          g_string_append_c (name, *p);
          p++;
          continue;
        }
      if (*p != '{' || (end = strchr (p + 1, '}')) == NULL)
        {
          g_string_append_c (name, *p);
          continue;
        }

      /* Each value sanitised on its own: a title "a/b" must not split the
       * name, and a long title must not crowd out the id after it. */
      value = field_value (p + 1, (gsize) (end - p - 1), note, index);
      if (value != NULL && *value != '\0')
        {
          g_autofree char *safe = hs_download_name_sanitize (value, 80);

          g_string_append (name, safe);
        }
      p = end;
    }

  return hs_download_name_sanitize (name->str, HS_DOWNLOAD_NAME_MAX_BYTES);
}

char *
hs_download_name_numbered (const char *name,
                           guint       n)
{
  const char *dot = strrchr (name, '.');

  /* A leading dot is no extension. */
  if (dot == NULL || dot == name)
    return g_strdup_printf ("%s (%u)", name, n);
  return g_strdup_printf ("%.*s (%u)%s", (int) (dot - name), name, n, dot);
}
