#include "config.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-format.h"

/* Which language?  Counts follow the language the interface is actually
 * shown in, so that "1.2万" never sits among English words nor "12K" among
 * Chinese ones. That language is the one of the catalog gettext picked for
 * us right now (LANGUAGE, LC_ALL, LC_MESSAGES, LANG and which catalogs are
 * installed all play their part), and its header says it: "Language: zh_CN".
 * No catalog means English.
 *
 * Short counts (hs_format_count):
 *   Chinese groups by 10 000: 0 to 9 999 exactly, then 1万, 1.2万, 9999.9万,
 *   then 1亿, 1.2亿 (Traditional Chinese: 萬, 億).
 *   Otherwise: 0 to 999 exactly, then 1.2K, 12K, 999.9K, 1M, 1.5M, 1B, 1T.
 *   At most one decimal, no trailing ".0", and always rounded DOWN: a short
 *   count never claims more than there is (9 999 stays "9999", 19 999 is
 *   "1.9万", not "2万"). The decimal mark is always ".", as both 小红书 and
 *   English sites write it.
 *   A negative count is unknown (doc/api-protocol.md: -1) and shows as "—".
 *   With @lower_bound (the API sent "10万+") a "+" follows: "10万+".
 *
 * Long counts (hs_format_count_long), for tooltips and screen readers: the
 * exact number, grouped as LC_NUMERIC says; a locale without grouping (C,
 * POSIX) gets "," every three digits, which Chinese and English both read.
 * Unknown is the translated word "unknown".
 *
 * Times are shown in local time. Absolute: "2025-04-25 22:30", the ISO
 * order every reader of both languages knows, not translated. Relative:
 * "Just now" under a minute (and for any time in the future, which only a
 * skewed clock produces), minutes, hours under a day, then calendar days in
 * local time: "Yesterday", "3 days ago" up to 7, then the date "2025-04-15".
 */

typedef enum
{
  NUMERALS_WESTERN,
  NUMERALS_SIMPLIFIED_CHINESE,
  NUMERALS_TRADITIONAL_CHINESE,
} NumeralStyle;

/* Not a literal in the call, so that xgettext does not take it for a
 * message: gettext ("") returns the header of the catalog in use. */
static const char catalog_header_msgid[] = "";

static NumeralStyle
numeral_style (void)
{
  const char *header = g_dgettext (GETTEXT_PACKAGE, catalog_header_msgid);
  const char *field = NULL;
  g_autofree char *language = NULL;
  size_t len;

  if (header == NULL || header[0] == '\0')
    return NUMERALS_WESTERN;

  if (g_str_has_prefix (header, "Language:"))
    field = header;
  else
    {
      field = strstr (header, "\nLanguage:");
      if (field != NULL)
        field++;
    }
  if (field == NULL)
    return NUMERALS_WESTERN;

  field += strlen ("Language:");
  while (*field == ' ' || *field == '\t')
    field++;
  len = strcspn (field, "\n \t");
  language = g_strndup (field, len);

  if (g_ascii_strncasecmp (language, "zh", 2) != 0 ||
      (language[2] != '\0' && language[2] != '_' && language[2] != '-' && language[2] != '@'))
    return NUMERALS_WESTERN;

  if (strstr (language, "TW") != NULL || strstr (language, "HK") != NULL ||
      strstr (language, "MO") != NULL || strstr (language, "Hant") != NULL)
    return NUMERALS_TRADITIONAL_CHINESE;

  return NUMERALS_SIMPLIFIED_CHINESE;
}

static char *
format_scaled (gint64      n,
               gint64      unit,
               const char *suffix,
               const char *plus)
{
  gint64 whole = n / unit;
  gint64 tenth = (n % unit) / (unit / 10);

  if (tenth == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "%s%s", whole, suffix, plus);

  return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT "%s%s",
                          whole, tenth, suffix, plus);
}

/**
 * hs_format_count_full:
 * @n: a count, negative when unknown
 * @lower_bound: whether @n is only a lower bound ("10万+")
 *
 * Returns: (transfer full): the short display form, see the top of this file
 */
char *
hs_format_count_full (gint64   n,
                      gboolean lower_bound)
{
  const char *plus = lower_bound ? "+" : "";
  NumeralStyle style;

  if (n < 0)
    return g_strdup ("—");

  style = numeral_style ();
  switch (style)
    {
    case NUMERALS_SIMPLIFIED_CHINESE:
    case NUMERALS_TRADITIONAL_CHINESE:
      if (n < G_GINT64_CONSTANT (10000))
        break;
      if (n < G_GINT64_CONSTANT (100000000))
        return format_scaled (n, G_GINT64_CONSTANT (10000),
                              style == NUMERALS_SIMPLIFIED_CHINESE ? "万" : "萬", plus);
      return format_scaled (n, G_GINT64_CONSTANT (100000000),
                            style == NUMERALS_SIMPLIFIED_CHINESE ? "亿" : "億", plus);

    case NUMERALS_WESTERN:
    default:
      if (n < G_GINT64_CONSTANT (1000))
        break;
      if (n < G_GINT64_CONSTANT (1000000))
        return format_scaled (n, G_GINT64_CONSTANT (1000), "K", plus);
      if (n < G_GINT64_CONSTANT (1000000000))
        return format_scaled (n, G_GINT64_CONSTANT (1000000), "M", plus);
      if (n < G_GINT64_CONSTANT (1000000000000))
        return format_scaled (n, G_GINT64_CONSTANT (1000000000), "B", plus);
      return format_scaled (n, G_GINT64_CONSTANT (1000000000000), "T", plus);
    }

  return g_strdup_printf ("%" G_GINT64_FORMAT "%s", n, plus);
}

char *
hs_format_count (gint64 n)
{
  return hs_format_count_full (n, FALSE);
}

static char *
group_digits (gint64 n)
{
  const struct lconv *conv = localeconv ();
  g_autofree char *plain = NULL;
  GString *grouped;
  size_t len;

  if (conv->thousands_sep != NULL && conv->thousands_sep[0] != '\0' &&
      conv->grouping != NULL && conv->grouping[0] > 0 && conv->grouping[0] != CHAR_MAX)
    {
      char buffer[128];
      int written = snprintf (buffer, sizeof buffer, "%'" G_GINT64_FORMAT, n);

      /* A legacy 8-bit locale could give a separator that is not UTF-8. */
      if (written > 0 && (size_t) written < sizeof buffer &&
          g_utf8_validate (buffer, -1, NULL))
        return g_strdup (buffer);
    }

  plain = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  len = strlen (plain);
  grouped = g_string_sized_new (len + len / 3);
  for (size_t i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (grouped, ',');
      g_string_append_c (grouped, plain[i]);
    }

  return g_string_free (grouped, FALSE);
}

/**
 * hs_format_count_long_full:
 * @n: a count, negative when unknown
 * @lower_bound: whether @n is only a lower bound
 *
 * Returns: (transfer full): the exact count with digit grouping, "12,000" or
 *   "100,000+", or the translated "unknown"
 */
char *
hs_format_count_long_full (gint64   n,
                           gboolean lower_bound)
{
  g_autofree char *digits = NULL;

  if (n < 0)
    /* TRANSLATORS: a count (likes, comments…) the server did not give */
    return g_strdup (_("unknown"));

  digits = group_digits (n);
  if (lower_bound)
    return g_strconcat (digits, "+", NULL);

  return g_steal_pointer (&digits);
}

char *
hs_format_count_long (gint64 n)
{
  return hs_format_count_long_full (n, FALSE);
}

static GDateTime *
to_local_or_self (GDateTime *t)
{
  GDateTime *local = g_date_time_to_local (t);

  /* Only fails at the edges of the year 1–9999 range. */
  return local != NULL ? local : g_date_time_ref (t);
}

/**
 * hs_format_time_absolute:
 * @t: a time
 *
 * Returns: (transfer full): @t in local time, "2025-04-25 22:30"
 */
char *
hs_format_time_absolute (GDateTime *t)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (t != NULL, NULL);

  local = to_local_or_self (t);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static int
calendar_days_between (GDateTime *earlier,
                       GDateTime *later)
{
  GDate first;
  GDate second;
  int year, month, day;

  g_date_clear (&first, 1);
  g_date_clear (&second, 1);

  g_date_time_get_ymd (earlier, &year, &month, &day);
  g_date_set_dmy (&first, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_date_time_get_ymd (later, &year, &month, &day);
  g_date_set_dmy (&second, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return g_date_days_between (&first, &second);
}

static char *
format_hours_ago (GTimeSpan elapsed)
{
  int hours = (int) MIN (elapsed / G_TIME_SPAN_HOUR, G_MAXINT);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", hours),
                          hours);
}

/**
 * hs_format_time_relative:
 * @t: a time
 * @now: (nullable): the present, %NULL for the clock's
 *
 * Returns: (transfer full): "Just now", "5 minutes ago", "3 hours ago",
 *   "Yesterday", "3 days ago" or the local date "2025-04-15", translated
 */
char *
hs_format_time_relative (GDateTime *t,
                         GDateTime *now)
{
  g_autoptr(GDateTime) now_owned = NULL;
  g_autoptr(GDateTime) local_t = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  GTimeSpan elapsed;
  int days;

  g_return_val_if_fail (t != NULL, NULL);

  if (now == NULL)
    now = now_owned = g_date_time_new_now_local ();

  elapsed = g_date_time_difference (now, t);

  if (elapsed < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));

  if (elapsed < G_TIME_SPAN_HOUR)
    {
      int minutes = (int) (elapsed / G_TIME_SPAN_MINUTE);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d minute ago", "%d minutes ago", minutes),
                              minutes);
    }

  if (elapsed < G_TIME_SPAN_DAY)
    return format_hours_ago (elapsed);

  local_t = to_local_or_self (t);
  local_now = to_local_or_self (now);
  days = calendar_days_between (local_t, local_now);

  /* A day longer than 24 hours (the end of daylight saving time) can hold
   * a whole day's difference on one date. */
  if (days <= 0)
    return format_hours_ago (elapsed);

  if (days == 1)
    return g_strdup (_("Yesterday"));

  if (days <= 7)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days),
                            days);

  return g_date_time_format (local_t, "%Y-%m-%d");
}

/**
 * hs_format_web_map_uri:
 * @geo_uri: a `geo:LATITUDE,LONGITUDE` URI (RFC 5870)
 *
 * The place on a web map, for when no maps application handles geo: URIs: Amap in a
 * Chinese interface (Xiaohongshu's places are in China, and OpenStreetMap is slow there),
 * OpenStreetMap otherwise.
 *
 * Returns: (transfer full) (nullable): the web map's address, or %NULL when @geo_uri is not
 *   a geo: URI with valid coordinates
 */
char *
hs_format_web_map_uri (const char *geo_uri)
{
  char lat_text[G_ASCII_DTOSTR_BUF_SIZE];
  char lon_text[G_ASCII_DTOSTR_BUF_SIZE];
  const char *p;
  char *end;
  double latitude, longitude;

  g_return_val_if_fail (geo_uri != NULL, NULL);

  if (g_ascii_strncasecmp (geo_uri, "geo:", 4) != 0)
    return NULL;

  p = geo_uri + 4;
  latitude = g_ascii_strtod (p, &end);
  if (end == p || *end != ',')
    return NULL;
  p = end + 1;
  longitude = g_ascii_strtod (p, &end);
  if (end == p || (*end != '\0' && *end != ';' && *end != ',' && *end != '?'))
    return NULL;
  if (!isfinite (latitude) || !isfinite (longitude) ||
      latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180)
    return NULL;

  g_ascii_formatd (lat_text, sizeof lat_text, "%.6f", latitude);
  g_ascii_formatd (lon_text, sizeof lon_text, "%.6f", longitude);

  if (numeral_style () != NUMERALS_WESTERN)
    return g_strdup_printf ("https://uri.amap.com/marker?position=%s,%s", lon_text, lat_text);

  return g_strdup_printf ("https://www.openstreetmap.org/?mlat=%s&mlon=%s#map=16/%s/%s",
                          lat_text, lon_text, lat_text, lon_text);
}

/* ------------------------------------------------------------------------ */
/* Terminal output                                                          */

#define REPLACEMENT_CHARACTER 0xFFFD

static gboolean
is_terminal_control (gunichar c)
{
  if (c == '\n' || c == '\t')
    return FALSE;

  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

char *
hs_format_for_terminal (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  /* Invalid bytes become U+FFFD first, so that what follows walks characters. */
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_terminal_control (c))
        g_string_append_unichar (out, REPLACEMENT_CHARACTER);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}
