#include "config.h"

#include <locale.h>
#include <libintl.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "hs-format.h"

/* A locale directory holding only the test catalog that tests/meson.build
 * compiles (po/zh_CN.po plus the references fragment), and an empty one. */
static char *locale_dir;
static char *empty_locale_dir;

/* POSIX rules, so that the tests need no tzdata. */
#define TZ_CHINA "CST-8"
#define TZ_CENTRAL_EUROPE "CET-1CEST,M3.5.0,M10.5.0/3"

static void
use_time_zone (const char *tz)
{
  g_autoptr(GTimeZone) local = NULL;

  g_setenv ("TZ", tz, TRUE);
  local = g_time_zone_new_local ();
  g_assert_cmpstr (g_time_zone_get_identifier (local), ==, tz);
}

static void
use_english (void)
{
  g_unsetenv ("LANGUAGE");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  use_time_zone (TZ_CHINA);
}

/* Skips (never passes silently) where the machine lacks the locale. */
static gboolean
use_chinese (void)
{
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed; "
                   "`build-aux/dev setup` generates it when run as root");
      return FALSE;
    }
  use_time_zone (TZ_CHINA);

  /* The catalog must really be in use, or every Chinese check below would
   * fail for a reason that has nothing to do with hs-format. */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Yesterday"), ==, "昨天");
  return TRUE;
}

typedef struct
{
  gint64 n;
  gboolean lower_bound;
  const char *expected;
} CountCase;

static void
assert_counts (const CountCase *cases,
               size_t           n_cases,
               char          *(*format) (gint64, gboolean))
{
  for (size_t i = 0; i < n_cases; i++)
    {
      g_autofree char *text = format (cases[i].n, cases[i].lower_bound);

      g_test_message ("n = %" G_GINT64_FORMAT "%s", cases[i].n, cases[i].lower_bound ? "+" : "");
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_format_count_english (void)
{
  static const CountCase cases[] = {
    { 0, FALSE, "0" },
    { 1, FALSE, "1" },
    { 999, FALSE, "999" },
    { 1000, FALSE, "1K" },
    { 1200, FALSE, "1.2K" },
    { 1999, FALSE, "1.9K" },
    { 9999, FALSE, "9.9K" },
    { 10000, FALSE, "10K" },
    { 12000, FALSE, "12K" },
    { 12345, FALSE, "12.3K" },
    { 15500, FALSE, "15.5K" },
    { 999999, FALSE, "999.9K" },
    { 1000000, FALSE, "1M" },
    { 1500000, FALSE, "1.5M" },
    { 100000000, FALSE, "100M" },
    { 123456789, FALSE, "123.4M" },
    { G_GINT64_CONSTANT (1000000000), FALSE, "1B" },
    { G_GINT64_CONSTANT (2750000000000), FALSE, "2.7T" },
    { G_MAXINT64, FALSE, "9223372T" },
    { -1, FALSE, "—" },
    { -42, TRUE, "—" },
    { 10, TRUE, "10+" },
    { 1000, TRUE, "1K+" },
    { 100000, TRUE, "100K+" },
  };
  g_autofree char *plain = NULL;

  use_english ();
  assert_counts (cases, G_N_ELEMENTS (cases), hs_format_count_full);

  plain = hs_format_count (12000);
  g_assert_cmpstr (plain, ==, "12K");
}

static void
test_format_count_chinese (void)
{
  static const CountCase cases[] = {
    { 0, FALSE, "0" },
    { 1, FALSE, "1" },
    { 999, FALSE, "999" },
    { 1000, FALSE, "1000" },
    { 1200, FALSE, "1200" },
    { 9999, FALSE, "9999" },
    { 10000, FALSE, "1万" },
    { 12000, FALSE, "1.2万" },
    { 15500, FALSE, "1.5万" },
    { 19999, FALSE, "1.9万" },
    { 100000, FALSE, "10万" },
    { 99999999, FALSE, "9999.9万" },
    { 100000000, FALSE, "1亿" },
    { 123456789, FALSE, "1.2亿" },
    { G_MAXINT64, FALSE, "92233720368.5亿" },
    { -1, FALSE, "—" },
    { 10, TRUE, "10+" },
    { 100000, TRUE, "10万+" },
    { 12000, TRUE, "1.2万+" },
  };
  g_autofree char *plain = NULL;

  if (!use_chinese ())
    return;

  assert_counts (cases, G_N_ELEMENTS (cases), hs_format_count_full);

  plain = hs_format_count (12000);
  g_assert_cmpstr (plain, ==, "1.2万");
}

/* The count style follows the language of the interface: a Chinese locale
 * without our catalog shows English words, so its counts are English too. */
static void
test_format_count_follows_catalog (void)
{
  g_autofree char *count = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2025, 4, 25, 4, 0, 0);
  g_autoptr(GDateTime) t = g_date_time_add_hours (now, -5);

  if (!use_chinese ())
    return;

  bindtextdomain (GETTEXT_PACKAGE, empty_locale_dir);
  count = hs_format_count (12000);
  when = hs_format_time_relative (t, now);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);

  g_assert_cmpstr (when, ==, "5 hours ago");
  g_assert_cmpstr (count, ==, "12K");
}

static void
test_format_count_long_english (void)
{
  static const CountCase cases[] = {
    { 0, FALSE, "0" },
    { 999, FALSE, "999" },
    { 1000, FALSE, "1,000" },
    { 12000, FALSE, "12,000" },
    { 100000, FALSE, "100,000" },
    { 1234567, FALSE, "1,234,567" },
    { 123456789, FALSE, "123,456,789" },
    { G_MAXINT64, FALSE, "9,223,372,036,854,775,807" },
    { 100000, TRUE, "100,000+" },
    { -1, FALSE, "unknown" },
  };
  g_autofree char *plain = NULL;

  /* C.UTF-8 has no grouping of its own: the "," fallback. */
  use_english ();
  assert_counts (cases, G_N_ELEMENTS (cases), hs_format_count_long_full);
  plain = hs_format_count_long (12000);
  g_assert_cmpstr (plain, ==, "12,000");

  /* en_US groups through printf's "'" flag. */
  g_unsetenv ("LANGUAGE");
  if (setlocale (LC_ALL, "en_US.UTF-8") == NULL)
    {
      g_test_skip ("the en_US.UTF-8 locale is not installed");
      return;
    }
  assert_counts (cases, G_N_ELEMENTS (cases), hs_format_count_long_full);
}

static void
test_format_count_long_chinese (void)
{
  static const CountCase cases[] = {
    { 0, FALSE, "0" },
    { 9999, FALSE, "9,999" },
    { 12000, FALSE, "12,000" },
    { 123456789, FALSE, "123,456,789" },
    { 100000, TRUE, "100,000+" },
    { -1, FALSE, "未知" },
  };

  if (!use_chinese ())
    return;

  assert_counts (cases, G_N_ELEMENTS (cases), hs_format_count_long_full);
}

static void
test_format_time_absolute (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 ("2025-04-25T14:30:00Z", NULL);
  g_autoptr(GDateTime) tokyo = g_date_time_new_from_iso8601 ("2025-04-26T01:30:59+09:00", NULL);
  g_autoptr(GDateTime) midnight = g_date_time_new_from_iso8601 ("2025-04-25T16:05:00Z", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  use_english ();
  a = hs_format_time_absolute (utc);
  b = hs_format_time_absolute (tokyo);
  c = hs_format_time_absolute (midnight);
  g_assert_cmpstr (a, ==, "2025-04-25 22:30");
  g_assert_cmpstr (b, ==, "2025-04-26 00:30");
  g_assert_cmpstr (c, ==, "2025-04-26 00:05");

  use_time_zone ("UTC");
  d = hs_format_time_absolute (utc);
  g_assert_cmpstr (d, ==, "2025-04-25 14:30");

  if (!use_chinese ())
    return;
  g_clear_pointer (&a, g_free);
  a = hs_format_time_absolute (utc);
  g_assert_cmpstr (a, ==, "2025-04-25 22:30");
}

typedef struct
{
  const char *t;          /* ISO 8601 */
  const char *english;
  const char *chinese;
} RelativeCase;

/* now = 2025-04-25 12:00 in UTC+8 */
#define NOW "2025-04-25T12:00:00+08:00"

static const RelativeCase relative_cases[] = {
  { "2025-04-25T12:00:00+08:00", "Just now", "刚刚" },
  { "2025-04-25T11:59:01+08:00", "Just now", "刚刚" },
  { "2025-04-25T11:59:00+08:00", "1 minute ago", "1分钟前" },
  { "2025-04-25T11:58:01+08:00", "1 minute ago", "1分钟前" },
  { "2025-04-25T11:58:00+08:00", "2 minutes ago", "2分钟前" },
  { "2025-04-25T11:00:01+08:00", "59 minutes ago", "59分钟前" },
  { "2025-04-25T11:00:00+08:00", "1 hour ago", "1小时前" },
  { "2025-04-25T07:00:00+08:00", "5 hours ago", "5小时前" },
  { "2025-04-24T23:00:00+08:00", "13 hours ago", "13小时前" },
  { "2025-04-24T12:00:01+08:00", "23 hours ago", "23小时前" },
  { "2025-04-24T12:00:00+08:00", "Yesterday", "昨天" },
  { "2025-04-24T00:00:00+08:00", "Yesterday", "昨天" },
  { "2025-04-23T23:59:59+08:00", "2 days ago", "2天前" },
  { "2025-04-22T12:00:00+08:00", "3 days ago", "3天前" },
  { "2025-04-18T08:00:00+08:00", "7 days ago", "7天前" },
  { "2025-04-17T23:59:00+08:00", "2025-04-17", "2025-04-17" },
  { "2025-04-15T12:00:00+08:00", "2025-04-15", "2025-04-15" },
  { "2023-12-31T20:00:00Z", "2024-01-01", "2024-01-01" },
  /* calendar days are counted in local time, not in the zone of t */
  { "2025-04-23T17:00:00Z", "Yesterday", "昨天" },
  /* the future: a skewed clock */
  { "2025-04-25T12:00:01+08:00", "Just now", "刚刚" },
  { "2025-04-25T15:00:00+08:00", "Just now", "刚刚" },
  { "2026-04-25T12:00:00+08:00", "Just now", "刚刚" },
};

static void
assert_relative (gboolean chinese)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);

  for (size_t i = 0; i < G_N_ELEMENTS (relative_cases); i++)
    {
      g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (relative_cases[i].t, NULL);
      g_autofree char *text = NULL;

      g_assert_nonnull (t);
      text = hs_format_time_relative (t, now);
      g_test_message ("t = %s", relative_cases[i].t);
      g_assert_cmpstr (text, ==, chinese ? relative_cases[i].chinese : relative_cases[i].english);
    }
}

static void
test_format_time_relative_english (void)
{
  use_english ();
  assert_relative (FALSE);
}

static void
test_format_time_relative_chinese (void)
{
  if (!use_chinese ())
    return;
  assert_relative (TRUE);
}

/* The day daylight saving time ends has 25 hours: 24 h 40 min on one date. */
static void
test_format_time_relative_long_day (void)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 ("2025-10-25T22:10:00Z", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2025-10-26T22:50:00Z", NULL);
  g_autoptr(GDateTime) next_day = g_date_time_new_from_iso8601 ("2025-10-26T23:10:00Z", NULL);
  g_autofree char *text = NULL;
  g_autofree char *next = NULL;

  use_english ();
  use_time_zone (TZ_CENTRAL_EUROPE);
  text = hs_format_time_relative (t, now);
  next = hs_format_time_relative (t, next_day);
  g_assert_cmpstr (text, ==, "24 hours ago");
  g_assert_cmpstr (next, ==, "Yesterday");
}

static void
test_format_time_relative_default_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) recent = g_date_time_add_seconds (now, -5);
  g_autoptr(GDateTime) earlier = g_date_time_add_minutes (now, -90);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  use_english ();
  a = hs_format_time_relative (recent, NULL);
  b = hs_format_time_relative (earlier, NULL);
  g_assert_cmpstr (a, ==, "Just now");
  g_assert_cmpstr (b, ==, "1 hour ago");
}

static char *
make_locale_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mo_path = g_test_build_filename (G_TEST_BUILT, "hongshu-test-zh_CN.mo", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *messages_dir = NULL;
  g_autofree char *target = NULL;
  char *dir;
  gsize len;

  if (!g_file_get_contents (mo_path, &contents, &len, &error))
    g_error ("the test catalog is missing (is it built by tests/meson.build?): %s",
             error->message);

  dir = g_dir_make_tmp ("hongshu-test-format-XXXXXX", &error);
  g_assert_no_error (error);
  messages_dir = g_build_filename (dir, "zh_CN", "LC_MESSAGES", NULL);
  g_assert_cmpint (g_mkdir_with_parents (messages_dir, 0700), ==, 0);
  target = g_build_filename (messages_dir, GETTEXT_PACKAGE ".mo", NULL);
  g_file_set_contents (target, contents, len, &error);
  g_assert_no_error (error);

  return dir;
}

static void
remove_locale_dir (const char *dir)
{
  g_autofree char *mo = g_build_filename (dir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *messages_dir = g_build_filename (dir, "zh_CN", "LC_MESSAGES", NULL);
  g_autofree char *lang_dir = g_build_filename (dir, "zh_CN", NULL);

  g_remove (mo);
  g_rmdir (messages_dir);
  g_rmdir (lang_dir);
  g_rmdir (dir);
}

static void
test_format_web_map (void)
{
  static const char * const refused[] = {
    "https://example.com/", "geo:", "geo:31.23", "geo:a,b", "geo:91,0", "geo:0,181", "geo:1,2x",
  };
  g_autofree char *osm = NULL;
  g_autofree char *with_params = NULL;
  g_autofree char *amap = NULL;

  use_english ();
  osm = hs_format_web_map_uri ("geo:31.2304,121.4737");
  g_assert_cmpstr (osm, ==, "https://www.openstreetmap.org/?mlat=31.230400&mlon=121.473700#map=16/31.230400/121.473700");
  with_params = hs_format_web_map_uri ("geo:-33.5,-70.25;u=35");
  g_assert_cmpstr (with_params, ==, "https://www.openstreetmap.org/?mlat=-33.500000&mlon=-70.250000#map=16/-33.500000/-70.250000");
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *none = hs_format_web_map_uri (refused[i]);

      g_test_message ("%s", refused[i]);
      g_assert_null (none);
    }

  /* A Chinese interface gets Amap, longitude first. */
  if (!use_chinese ())
    return;
  amap = hs_format_web_map_uri ("geo:31.2304,121.4737");
  g_assert_cmpstr (amap, ==, "https://uri.amap.com/marker?position=121.473700,31.230400");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  locale_dir = make_locale_dir ();
  empty_locale_dir = g_dir_make_tmp ("hongshu-test-format-empty-XXXXXX", &error);
  g_assert_no_error (error);
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_add_func ("/format/count/english", test_format_count_english);
  g_test_add_func ("/format/count/chinese", test_format_count_chinese);
  g_test_add_func ("/format/count/follows-catalog", test_format_count_follows_catalog);
  g_test_add_func ("/format/count-long/english", test_format_count_long_english);
  g_test_add_func ("/format/count-long/chinese", test_format_count_long_chinese);
  g_test_add_func ("/format/time/absolute", test_format_time_absolute);
  g_test_add_func ("/format/time/relative-english", test_format_time_relative_english);
  g_test_add_func ("/format/time/relative-chinese", test_format_time_relative_chinese);
  g_test_add_func ("/format/time/relative-long-day", test_format_time_relative_long_day);
  g_test_add_func ("/format/time/relative-default-now", test_format_time_relative_default_now);
  g_test_add_func ("/format/web-map", test_format_web_map);

  status = g_test_run ();

  remove_locale_dir (locale_dir);
  g_rmdir (empty_locale_dir);
  g_free (locale_dir);
  g_free (empty_locale_dir);

  return status;
}
