#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "hs-error.h"

static void
test_error_api_code_mapping (void)
{
  struct { int code; HsError expected; int exit_code; } cases[] = {
    { 400, HS_ERROR_BAD_REQUEST, 2 },
    { 401, HS_ERROR_UNAUTHORIZED, 3 },
    { 403, HS_ERROR_FORBIDDEN, 3 },
    { 404, HS_ERROR_NOT_FOUND, 4 },
    { 429, HS_ERROR_RATE_LIMITED, 5 },
    { 500, HS_ERROR_SERVER, 6 },
    { 503, HS_ERROR_SERVER, 6 },
    { 418, HS_ERROR_BAD_REQUEST, 2 },
    { 302, HS_ERROR_INVALID_RESPONSE, 8 },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = hs_error_new_for_api_code (cases[i].code, NULL);
      g_assert_error (error, HS_ERROR, (int) cases[i].expected);
      g_assert_cmpint (hs_error_exit_code (error), ==, cases[i].exit_code);
    }
}

static void
test_error_server_message (void)
{
  g_autoptr(GError) error = hs_error_new_for_api_code (404, "笔记不存在");
  g_autoptr(GError) bad_utf8 = hs_error_new_for_api_code (404, "\xff\xfe");

  g_assert_nonnull (strstr (error->message, "笔记不存在"));
  g_assert_null (strstr (bad_utf8->message, "\xff"));
  g_assert_true (g_utf8_validate (bad_utf8->message, -1, NULL));
}

static void
test_error_retryable (void)
{
  g_autoptr(GError) limited = hs_error_new_for_api_code (429, NULL);
  g_autoptr(GError) server = hs_error_new_for_api_code (502, NULL);
  g_autoptr(GError) missing = hs_error_new_for_api_code (404, NULL);
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  g_assert_true (hs_error_is_retryable (limited));
  g_assert_true (hs_error_is_retryable (server));
  g_assert_false (hs_error_is_retryable (missing));
  g_assert_false (hs_error_is_retryable (io));
  g_assert_cmpint (hs_error_exit_code (io), ==, 1);
  g_assert_cmpint (hs_error_exit_code (NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/error/api-code-mapping", test_error_api_code_mapping);
  g_test_add_func ("/error/server-message", test_error_server_message);
  g_test_add_func ("/error/retryable", test_error_retryable);
  return g_test_run ();
}
