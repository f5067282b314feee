#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-note-parser-internal.h"
#include "hs-urls.h"

/* Integers from here up are epoch milliseconds, below it seconds: 1e11 s
 * is the year 5138, 1e11 ms is March 1973, long before the first note. */
#define EPOCH_MILLISECONDS_THRESHOLD G_GINT64_CONSTANT (100000000000)

/* The largest integer a double holds exactly. */
#define MAX_EXACT_DOUBLE 9007199254740992.0

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

gboolean
hs_note_parser_count_from_node (JsonNode *node,
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
GDateTime *
hs_note_parser_time_from_node (JsonNode *node)
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
