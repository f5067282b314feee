#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "hs-credentials.h"
#include "hs-test-no-bus.h"
#include "hs-error.h"

/* Runs against a real Secret Service: tests/run-with-keyring.sh starts a
 * private session bus and a fresh, unlocked gnome-keyring for it. */

#define ORIGIN "http://127.0.0.1:8080"
#define OTHER_ORIGIN "https://api.xiaohongshu.com:443"

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static char *
lookup (HsCredentialKind   kind,
        const char        *origin,
        GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  hs_credentials_lookup_async (kind, origin, NULL, store_result_cb, &result);
  return hs_credentials_lookup_finish (wait_for_result (&result), error);
}

static char *
lookup_ok (HsCredentialKind  kind,
           const char       *origin)
{
  g_autoptr(GError) error = NULL;
  char *value = lookup (kind, origin, &error);

  g_assert_no_error (error);
  return value;
}

static void
store_ok (HsCredentialKind  kind,
          const char       *origin,
          const char       *value)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;

  hs_credentials_store_async (kind, origin, value, NULL, store_result_cb, &result);
  g_assert_true (hs_credentials_store_finish (wait_for_result (&result), &warning, &error));
  g_assert_no_error (error);
  /* The unlocked login keyring keeps it: no "only until you log out". */
  g_assert_null (warning);
}

static void
clear_ok (HsCredentialKind  kind,
          const char       *origin)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hs_credentials_clear_async (kind, origin, NULL, store_result_cb, &result);
  g_assert_true (hs_credentials_clear_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
}

static void
test_round_trip (void)
{
  char *value;

  clear_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
  g_assert_null (lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN));

  store_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN, "token-1");
  value = lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
  g_assert_cmpstr (value, ==, "token-1");
  g_free (value);

  /* Storing again replaces, not adds. */
  store_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN, "令牌-2 ✓");
  value = lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
  g_assert_cmpstr (value, ==, "令牌-2 ✓");
  g_free (value);

  clear_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
  g_assert_null (lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN));

  /* Clearing what is not there succeeds. */
  clear_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
}

/* A token is bound to its origin and kind: never handed out for another
 * origin (nor for "no origin"), nor as the app secret. */
static void
test_scoping (void)
{
  char *value;

  store_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN, "local-token");
  store_ok (HS_CREDENTIAL_APP_SECRET, NULL, "the-secret");

  g_assert_null (lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, OTHER_ORIGIN));
  g_assert_null (lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, NULL));
  g_assert_null (lookup_ok (HS_CREDENTIAL_APP_SECRET, ORIGIN));

  value = lookup_ok (HS_CREDENTIAL_APP_SECRET, NULL);
  g_assert_cmpstr (value, ==, "the-secret");
  g_free (value);
  value = lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
  g_assert_cmpstr (value, ==, "local-token");
  g_free (value);

  /* Clearing one leaves the other. */
  clear_ok (HS_CREDENTIAL_APP_SECRET, NULL);
  g_assert_null (lookup_ok (HS_CREDENTIAL_APP_SECRET, NULL));
  value = lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
  g_assert_cmpstr (value, ==, "local-token");
  g_free (value);

  clear_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
  g_assert_null (lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN));
}

static void
test_environment_wins (void)
{
  char *value;

  store_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN, "keyring-token");
  store_ok (HS_CREDENTIAL_APP_SECRET, NULL, "keyring-secret");

  g_setenv ("HONGSHU_ACCESS_TOKEN", "env-token", TRUE);
  g_setenv ("HONGSHU_APP_SECRET", "env-secret", TRUE);
  g_assert_true (hs_credentials_has_env_override (HS_CREDENTIAL_ACCESS_TOKEN));
  g_assert_true (hs_credentials_has_env_override (HS_CREDENTIAL_APP_SECRET));
  value = lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
  g_assert_cmpstr (value, ==, "env-token");
  g_free (value);
  /* The environment is explicit for this run, whatever the origin. */
  value = lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, OTHER_ORIGIN);
  g_assert_cmpstr (value, ==, "env-token");
  g_free (value);
  value = lookup_ok (HS_CREDENTIAL_APP_SECRET, NULL);
  g_assert_cmpstr (value, ==, "env-secret");
  g_free (value);

  /* Empty counts as unset. */
  g_setenv ("HONGSHU_ACCESS_TOKEN", "", TRUE);
  g_assert_false (hs_credentials_has_env_override (HS_CREDENTIAL_ACCESS_TOKEN));
  value = lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
  g_assert_cmpstr (value, ==, "keyring-token");
  g_free (value);

  g_unsetenv ("HONGSHU_ACCESS_TOKEN");
  g_unsetenv ("HONGSHU_APP_SECRET");
  value = lookup_ok (HS_CREDENTIAL_APP_SECRET, NULL);
  g_assert_cmpstr (value, ==, "keyring-secret");
  g_free (value);

  g_assert_cmpstr (hs_credentials_get_env_var_name (HS_CREDENTIAL_ACCESS_TOKEN), ==,
                   "HONGSHU_ACCESS_TOKEN");
  g_assert_cmpstr (hs_credentials_get_env_var_name (HS_CREDENTIAL_APP_SECRET), ==,
                   "HONGSHU_APP_SECRET");

  clear_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
  clear_ok (HS_CREDENTIAL_APP_SECRET, NULL);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *value;

  g_cancellable_cancel (cancellable);
  hs_credentials_lookup_async (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN, cancellable,
                               store_result_cb, &result);
  value = hs_credentials_lookup_finish (wait_for_result (&result), &error);
  g_assert_null (value);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* No session bus at all: a clear error, quickly, no crash, no hang. A
 * subprocess, because GDBus caches the session bus per process. */
static void
test_unavailable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) store_error = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      char *value;

      value = lookup (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN, &error);
      g_assert_null (value);
      g_assert_error (error, HS_ERROR, HS_ERROR_FAILED);
      g_assert_true (g_str_has_prefix (error->message,
                                       "The keyring (Secret Service) is not available: "));

      hs_credentials_store_async (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN, "never-stored", NULL,
                                  store_result_cb, &result);
      g_assert_false (hs_credentials_store_finish (wait_for_result (&result), NULL, &store_error));
      g_assert_error (store_error, HS_ERROR, HS_ERROR_FAILED);
      g_assert_null (strstr (store_error->message, "never-stored"));
      return;
    }

  hs_test_trap_subprocess_without_bus ();
}

/* run-with-keyring.sh --no-login: gnome-keyring started by D-Bus activation,
 * no "login" collection and no prompter to create one (issue 13). Storing
 * must still give a token that works now, and say what to do to keep it. */
static void
test_no_login_collection (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *value = NULL;

  hs_credentials_store_async (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN, "typed-token", NULL,
                              store_result_cb, &result);
  g_assert_true (hs_credentials_store_finish (wait_for_result (&result), &warning, &error));
  g_assert_no_error (error);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "until you log out"));
  g_assert_nonnull (strstr (warning, "HONGSHU_ACCESS_TOKEN"));
  g_assert_null (strstr (warning, "typed-token"));

  value = lookup_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
  g_assert_cmpstr (value, ==, "typed-token");
  clear_ok (HS_CREDENTIAL_ACCESS_TOKEN, ORIGIN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Fail, never skip: a silent skip would hide a broken keyring setup. */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_error ("test-credentials needs a session bus with a Secret Service: "
             "run it through tests/run-with-keyring.sh");
  g_unsetenv ("HONGSHU_ACCESS_TOKEN");
  g_unsetenv ("HONGSHU_APP_SECRET");

  if (g_strcmp0 (g_getenv ("HONGSHU_KEYRING_NO_LOGIN"), "1") == 0)
    {
      g_test_add_func ("/credentials/no-login-collection", test_no_login_collection);
      return g_test_run ();
    }

  g_test_add_func ("/credentials/round-trip", test_round_trip);
  g_test_add_func ("/credentials/scoping", test_scoping);
  g_test_add_func ("/credentials/environment-wins", test_environment_wins);
  g_test_add_func ("/credentials/cancelled", test_cancelled);
  g_test_add_func ("/credentials/unavailable", test_unavailable);

  return g_test_run ();
}
