#include "config.h"

#include <gio/gio.h>

#include "hs-sign.h"

static GHashTable *
query_new (const char *first_key,
           ...) G_GNUC_NULL_TERMINATED;

static GHashTable *
query_new (const char *first_key,
           ...)
{
  GHashTable *query = g_hash_table_new (g_str_hash, g_str_equal);
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    g_hash_table_insert (query, (gpointer) key, va_arg (args, char *));
  va_end (args);

  return query;
}

/* doc/api-protocol.md §4, first vector. */
static void
test_sign_note_vector (void)
{
  g_autoptr(GHashTable) query = query_new ("timestamp", "1745591400",
                                           "fields", "title,content",
                                           "app_key", "demo-key",
                                           NULL);
  g_autofree char *canonical = hs_sign_canonical_string ("/v1/notes/649c46ab000000002702ad36",
                                                         query, "demo-secret");
  g_autofree char *sign = hs_sign_compute ("/v1/notes/649c46ab000000002702ad36",
                                           query, "demo-secret");

  g_assert_cmpstr (canonical, ==,
                   "/v1/notes/649c46ab000000002702ad36?app_key=demo-key&fields=title,content"
                   "&timestamp=1745591400demo-secret");
  g_assert_cmpstr (sign, ==, "ae4a42f0075e0bca1d806b2274e2c859");
}

/* doc/api-protocol.md §4, second vector: a raw (not percent-encoded) Chinese value. */
static void
test_sign_search_vector (void)
{
  g_autoptr(GHashTable) query = query_new ("size", "20",
                                           "page", "2",
                                           "keyword", "美妆",
                                           "timestamp", "1745591400",
                                           "app_key", "demo-key",
                                           NULL);
  g_autofree char *canonical = hs_sign_canonical_string ("/v1/notes/search", query, "demo-secret");
  g_autofree char *sign = hs_sign_compute ("/v1/notes/search", query, "demo-secret");

  g_assert_cmpstr (canonical, ==,
                   "/v1/notes/search?app_key=demo-key&keyword=美妆&page=2&size=20"
                   "&timestamp=1745591400demo-secret");
  g_assert_cmpstr (sign, ==, "12388912f9061aba583f42b5376ed881");
}

/* A sign already in the query (a retry re-signing) must not sign itself. */
static void
test_sign_ignores_sign (void)
{
  g_autoptr(GHashTable) query = query_new ("timestamp", "1745591400",
                                           "fields", "title,content",
                                           "app_key", "demo-key",
                                           "sign", "0123456789abcdef0123456789abcdef",
                                           NULL);
  g_autofree char *sign = hs_sign_compute ("/v1/notes/649c46ab000000002702ad36",
                                           query, "demo-secret");

  g_assert_cmpstr (sign, ==, "ae4a42f0075e0bca1d806b2274e2c859");
}

/* Byte order: upper case before lower case, "a" before "a_b" before "ab". */
static void
test_sign_byte_order (void)
{
  g_autoptr(GHashTable) query = query_new ("ab", "3", "a_b", "2", "a", "1", "Z", "0", NULL);
  g_autofree char *canonical = hs_sign_canonical_string ("/p", query, "s");
  g_autofree char *sign = hs_sign_compute ("/p", query, "s");
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_MD5,
                                                             "/p?Z=0&a=1&a_b=2&ab=3s", -1);

  g_assert_cmpstr (canonical, ==, "/p?Z=0&a=1&a_b=2&ab=3s");
  g_assert_cmpstr (sign, ==, expected);
  g_assert_cmpstr (sign, ==, "fa92805ca434a172b9a48385a1163c44");
}

static void
test_sign_empty_query (void)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *with_empty = hs_sign_canonical_string ("/v1/x", query, "k");
  g_autofree char *with_null = hs_sign_canonical_string ("/v1/x", NULL, "k");

  g_assert_cmpstr (with_empty, ==, "/v1/x?k");
  g_assert_cmpstr (with_null, ==, "/v1/x?k");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sign/note-vector", test_sign_note_vector);
  g_test_add_func ("/sign/search-vector", test_sign_search_vector);
  g_test_add_func ("/sign/ignores-sign", test_sign_ignores_sign);
  g_test_add_func ("/sign/byte-order", test_sign_byte_order);
  g_test_add_func ("/sign/empty-query", test_sign_empty_query);

  return g_test_run ();
}
