#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "hs-account.h"
#include "hs-test-no-bus.h"

/* HsAccount against a real Secret Service: tests/run-with-keyring.sh starts a
 * private session bus with a fresh, unlocked gnome-keyring. */

#define ORIGIN_URL  "http://127.0.0.1:8080"
#define OTHER_URL   "http://127.0.0.1:9090"

typedef struct
{
  HsConfig  *config;
  HsAccount *account;
  guint      changed;      /* "credentials-changed" */
  guint      state_notes;  /* notify::state */
} Fixture;

static void
changed_cb (HsAccount *account,
            Fixture   *f)
{
  f->changed++;
}

static void
state_cb (HsAccount  *account,
          GParamSpec *pspec,
          Fixture    *f)
{
  f->state_notes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_unsetenv ("HONGSHU_ACCESS_TOKEN");
  g_unsetenv ("HONGSHU_APP_SECRET");
  f->config = hs_config_new_with_settings (NULL);
  g_assert_true (hs_config_set_api_base_url (f->config, ORIGIN_URL, NULL));
  f->account = hs_account_new (f->config);
  g_signal_connect (f->account, "credentials-changed", G_CALLBACK (changed_cb), f);
  g_signal_connect (f->account, "notify::state", G_CALLBACK (state_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->account);
  g_clear_object (&f->config);
  g_unsetenv ("HONGSHU_ACCESS_TOKEN");
}

static void
wait_ready (Fixture *f)
{
  while (!hs_account_get_is_ready (f->account))
    g_main_context_iteration (NULL, TRUE);
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
store_ok (Fixture          *f,
          HsCredentialKind  kind,
          const char       *value)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;

  hs_account_store_async (f->account, kind, value, NULL, result_cb, &result);
  g_assert_true (hs_account_store_finish (f->account, wait_result (&result), &warning, &error));
  g_assert_no_error (error);
  g_assert_null (warning);
}

static void
clear_ok (Fixture          *f,
          HsCredentialKind  kind)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  hs_account_clear_async (f->account, kind, NULL, result_cb, &result);
  g_assert_true (hs_account_clear_finish (f->account, wait_result (&result), &error));
  g_assert_no_error (error);
}

/* Nothing stored: looked up, none, and the state says so. */
static void
test_none (Fixture       *f,
           gconstpointer  data)
{
  g_assert_cmpint (hs_account_get_state (f->account), ==, HS_ACCOUNT_STATE_UNKNOWN);
  g_assert_false (hs_account_get_is_ready (f->account));

  hs_account_load (f->account);
  g_assert_cmpint (hs_account_get_state (f->account), ==, HS_ACCOUNT_STATE_LOADING);
  wait_ready (f);
  g_assert_cmpint (hs_account_get_state (f->account), ==, HS_ACCOUNT_STATE_NONE);
  g_assert_false (hs_account_get_has_token (f->account));
  g_assert_null (hs_account_get_access_token (f->account));
  g_assert_null (hs_account_get_error_message (f->account));
  g_assert_cmpuint (f->state_notes, ==, 2);
}

/* Store, use, clear: the values follow, and the client is told each time. */
static void
test_store_and_clear (Fixture       *f,
                      gconstpointer  data)
{
  hs_account_load (f->account);
  wait_ready (f);
  f->changed = 0;

  store_ok (f, HS_CREDENTIAL_ACCESS_TOKEN, "token-a");
  g_assert_cmpint (hs_account_get_state (f->account), ==, HS_ACCOUNT_STATE_PRESENT);
  g_assert_true (hs_account_get_has_token (f->account));
  g_assert_true (hs_account_get_token_stored (f->account));
  g_assert_cmpstr (hs_account_get_access_token (f->account), ==, "token-a");
  g_assert_cmpuint (f->changed, ==, 1);

  store_ok (f, HS_CREDENTIAL_APP_SECRET, "secret-a");
  g_assert_true (hs_account_get_app_secret_stored (f->account));
  g_assert_cmpstr (hs_account_get_app_secret (f->account), ==, "secret-a");
  g_assert_cmpuint (f->changed, ==, 2);

  /* A fresh account finds both in the keyring. */
  g_clear_object (&f->account);
  f->account = hs_account_new (f->config);
  hs_account_load (f->account);
  wait_ready (f);
  g_assert_cmpstr (hs_account_get_access_token (f->account), ==, "token-a");
  g_assert_cmpstr (hs_account_get_app_secret (f->account), ==, "secret-a");
  g_assert_true (hs_account_get_token_stored (f->account));

  clear_ok (f, HS_CREDENTIAL_ACCESS_TOKEN);
  clear_ok (f, HS_CREDENTIAL_APP_SECRET);
  g_assert_cmpint (hs_account_get_state (f->account), ==, HS_ACCOUNT_STATE_NONE);
  g_assert_false (hs_account_get_token_stored (f->account));
  g_assert_null (hs_account_get_access_token (f->account));
  g_assert_null (hs_account_get_app_secret (f->account));
}

/* Another API origin: the old token is dropped at once, never sent there. */
static void
test_origin_change (Fixture       *f,
                    gconstpointer  data)
{
  hs_account_load (f->account);
  wait_ready (f);
  store_ok (f, HS_CREDENTIAL_ACCESS_TOKEN, "token-for-8080");

  g_assert_true (hs_config_set_api_base_url (f->config, OTHER_URL, NULL));
  g_assert_null (hs_account_get_access_token (f->account));
  g_assert_cmpint (hs_account_get_state (f->account), ==, HS_ACCOUNT_STATE_LOADING);
  wait_ready (f);
  g_assert_cmpint (hs_account_get_state (f->account), ==, HS_ACCOUNT_STATE_NONE);
  g_assert_null (hs_account_get_access_token (f->account));

  g_assert_true (hs_config_set_api_base_url (f->config, ORIGIN_URL, NULL));
  wait_ready (f);
  g_assert_cmpstr (hs_account_get_access_token (f->account), ==, "token-for-8080");
  clear_ok (f, HS_CREDENTIAL_ACCESS_TOKEN);
}

/* The environment wins over the keyring, and is not "stored". */
static void
test_environment (Fixture       *f,
                  gconstpointer  data)
{
  g_setenv ("HONGSHU_ACCESS_TOKEN", "from-env", TRUE);
  hs_account_load (f->account);
  wait_ready (f);
  g_assert_cmpint (hs_account_get_state (f->account), ==, HS_ACCOUNT_STATE_PRESENT);
  g_assert_cmpstr (hs_account_get_access_token (f->account), ==, "from-env");
  g_assert_false (hs_account_get_token_stored (f->account));
}

/* Demo mode: fixed values, no lookups, no follow-up on an origin change. */
static void
test_fixed (Fixture       *f,
            gconstpointer  data)
{
  hs_account_set_fixed (f->account, "demo-token", "demo-secret");
  g_assert_true (hs_account_get_fixed (f->account));
  g_assert_cmpint (hs_account_get_state (f->account), ==, HS_ACCOUNT_STATE_PRESENT);
  g_assert_cmpstr (hs_account_get_access_token (f->account), ==, "demo-token");
  g_assert_cmpuint (f->changed, ==, 1);

  hs_account_load (f->account);
  g_assert_true (hs_config_set_api_base_url (f->config, OTHER_URL, NULL));
  g_assert_cmpint (hs_account_get_state (f->account), ==, HS_ACCOUNT_STATE_PRESENT);
  g_assert_cmpstr (hs_account_get_access_token (f->account), ==, "demo-token");
}

/* No Secret Service on the bus: the state says so, with the reason. */
static void
test_keyring_unavailable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(HsConfig) config = hs_config_new_with_settings (NULL);
      g_autoptr(HsAccount) account = hs_account_new (config);

      hs_account_load (account);
      while (!hs_account_get_is_ready (account))
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (hs_account_get_state (account), ==, HS_ACCOUNT_STATE_KEYRING_UNAVAILABLE);
      g_assert_false (hs_account_get_has_token (account));
      g_assert_nonnull (hs_account_get_error_message (account));
      return;
    }

  hs_test_trap_subprocess_without_bus ();
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

/* Room for the website's sign-in: set, notified, cleared. */
static void
test_web_cookie (Fixture       *f,
                 gconstpointer  data)
{
  guint notes = 0;

  g_signal_connect (f->account, "notify::web-cookie", G_CALLBACK (count_cb), &notes);
  g_assert_null (hs_account_get_web_cookie (f->account));
  hs_account_set_web_cookie (f->account, "a1=b2");
  hs_account_set_web_cookie (f->account, "a1=b2");
  g_assert_cmpstr (hs_account_get_web_cookie (f->account), ==, "a1=b2");
  g_object_set (f->account, "web-cookie", NULL, NULL);
  g_assert_null (hs_account_get_web_cookie (f->account));
  g_assert_cmpuint (notes, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    g_error ("test-account needs a session bus with a Secret Service: "
             "run it through tests/run-with-keyring.sh");

#define ADD(path, func) \
  g_test_add ("/account/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("none", test_none);
  ADD ("store-and-clear", test_store_and_clear);
  ADD ("origin-change", test_origin_change);
  ADD ("environment", test_environment);
  ADD ("fixed", test_fixed);
  ADD ("web-cookie", test_web_cookie);
#undef ADD
  g_test_add_func ("/account/keyring-unavailable", test_keyring_unavailable);

  return g_test_run ();
}
