#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "hs-config.h"
#include "hs-error.h"

/* The repo's schema compiled into a temp dir (set up once in main). */
static char *schema_dir;

static void
unset_environment (void)
{
  g_unsetenv ("HONGSHU_API_BASE_URL");
  g_unsetenv ("HONGSHU_APP_KEY");
  g_unsetenv ("HONGSHU_REQUESTS_PER_MINUTE");
}

static GSettings *
memory_settings_new (void)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GError) error = NULL;

  source = g_settings_schema_source_new_from_directory (schema_dir, NULL, TRUE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, HS_CONFIG_SCHEMA_ID, FALSE);
  g_assert_nonnull (schema);

  return g_settings_new_full (schema, backend, NULL);
}

static void
assert_defaults (HsConfig *config)
{
  g_assert_cmpstr (hs_config_get_api_base_url (config), ==, "https://api.xiaohongshu.com");
  g_assert_cmpstr (hs_config_get_api_origin (config), ==, "https://api.xiaohongshu.com:443");
  g_assert_cmpuint (hs_config_get_requests_per_minute (config), ==, 100);
  g_assert_cmpstr (hs_config_get_media_referer (config), ==, "https://www.xiaohongshu.com/");
  g_assert_cmpstr (hs_config_get_app_key (config), ==, "");
  g_assert_cmpuint (hs_config_get_media_cache_size_mb (config), ==, 200);
  g_assert_cmpint (hs_config_get_connect_timeout (config), ==, 10 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (hs_config_get_request_timeout (config), ==, 30 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (hs_config_get_retry_base_delay (config), ==, 500 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (hs_config_get_max_retry_wait (config), ==, 60 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (hs_config_get_max_retries (config), ==, 3);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  int *count = user_data;

  (*count)++;
}

static void
test_config_defaults (void)
{
  g_autoptr(HsConfig) config = hs_config_new_with_settings (NULL);

  assert_defaults (config);
  g_assert_null (hs_config_get_settings (config));
}

static void
test_config_base_url_valid (void)
{
  struct { const char *input, *base, *origin; } cases[] = {
    { "http://127.0.0.1:8080/", "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
    { "https://api.xiaohongshu.com", "https://api.xiaohongshu.com", "https://api.xiaohongshu.com:443" },
    { "HTTPS://Api.Example.COM/prefix//", "https://api.example.com/prefix", "https://api.example.com:443" },
    { "http://example.com", "http://example.com", "http://example.com:80" },
    { "https://example.com:8443/v", "https://example.com:8443/v", "https://example.com:8443" },
    { "http://[::1]:9000/", "http://[::1]:9000", "http://[::1]:9000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HsConfig) config = hs_config_new_with_settings (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *via_property = NULL;

      g_assert_true (hs_config_set_api_base_url (config, cases[i].input, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (hs_config_get_api_base_url (config), ==, cases[i].base);
      g_assert_cmpstr (hs_config_get_api_origin (config), ==, cases[i].origin);
      g_object_get (config, "api-origin", &via_property, NULL);
      g_assert_cmpstr (via_property, ==, cases[i].origin);
    }
}

static void
test_config_base_url_invalid (void)
{
  const char *cases[] = {
    "",
    "ftp://example.com",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "/v1/notes",
    "api.xiaohongshu.com",
    "https://user:pw@example.com",
    "https://token@example.com",
    "https://example.com/?a=1",
    "https://example.com?",
    "https://example.com/#top",
    "https:///path",
    "https://exa mple.com",
    "https://h%20x/",
    "https://example.com:0/",
    "https://example.com:99999/",
    "https://example.com/\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HsConfig) config = hs_config_new_with_settings (NULL);
      g_autoptr(GError) error = NULL;
      int notified = 0;

      g_signal_connect (config, "notify::api-base-url", G_CALLBACK (count_notify_cb), &notified);
      g_assert_false (hs_config_set_api_base_url (config, cases[i], &error));
      g_assert_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST);
      g_assert_cmpstr (hs_config_get_api_base_url (config), ==, "https://api.xiaohongshu.com");
      g_assert_cmpstr (hs_config_get_api_origin (config), ==, "https://api.xiaohongshu.com:443");
      g_assert_cmpint (notified, ==, 0);
    }
}

static void
test_config_origin_check (void)
{
  g_autoptr(HsConfig) config = hs_config_new_with_settings (NULL);
  struct { const char *uri; gboolean same; } cases[] = {
    { "https://api.xiaohongshu.com/v1/notes/649c46ab000000002702ad36", TRUE },
    { "https://api.xiaohongshu.com:443/", TRUE },
    { "https://API.XIAOHONGSHU.COM/v1", TRUE },
    { "http://api.xiaohongshu.com/v1", FALSE },
    { "https://api.xiaohongshu.com:8443/v1", FALSE },
    { "https://api.xiaohongshu.com.evil.example/v1", FALSE },
    { "https://sns-img-qc.xhscdn.com/a.jpg", FALSE },
    { "https://www.xiaohongshu.com/", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) uri = g_uri_parse (cases[i].uri, G_URI_FLAGS_NONE, NULL);

      g_assert_nonnull (uri);
      g_assert_cmpint (hs_config_uri_is_api_origin (config, uri), ==, cases[i].same);
    }
}

static void
record_origin_cb (HsConfig   *config,
                  GParamSpec *pspec,
                  char      **origin_seen)
{
  g_free (*origin_seen);
  *origin_seen = g_strdup (hs_config_get_api_origin (config));
}

/* Whoever hears of a new base URL looks credentials up by origin: the origin
 * must already be the new one, or the old server's token reaches the new. */
static void
test_config_origin_changes_before_notify (void)
{
  g_autoptr(HsConfig) config = hs_config_new_with_settings (NULL);
  g_autofree char *origin_seen = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (config, "notify::api-base-url",
                    G_CALLBACK (record_origin_cb), &origin_seen);

  g_assert_true (hs_config_set_api_base_url (config, "http://127.0.0.1:8080/api", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (origin_seen, ==, "http://127.0.0.1:8080");
}

static void
test_config_follows_settings (void)
{
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(HsConfig) config = NULL;
  int base_notifies = 0;
  int origin_notifies = 0;

  g_settings_set_uint (settings, "requests-per-minute", 30);
  g_settings_set_string (settings, "app-key", "settings-key");
  config = hs_config_new_with_settings (settings);
  g_assert_true (hs_config_get_settings (config) == settings);
  g_assert_cmpuint (hs_config_get_requests_per_minute (config), ==, 30);
  g_assert_cmpstr (hs_config_get_app_key (config), ==, "settings-key");
  g_assert_cmpstr (hs_config_get_api_base_url (config), ==, "https://api.xiaohongshu.com");

  g_signal_connect (config, "notify::api-base-url", G_CALLBACK (count_notify_cb), &base_notifies);
  g_signal_connect (config, "notify::api-origin", G_CALLBACK (count_notify_cb), &origin_notifies);

  g_settings_set_string (settings, "api-base-url", "http://127.0.0.1:4321/");
  g_assert_cmpstr (hs_config_get_api_base_url (config), ==, "http://127.0.0.1:4321");
  g_assert_cmpstr (hs_config_get_api_origin (config), ==, "http://127.0.0.1:4321");
  g_assert_cmpint (base_notifies, ==, 1);
  g_assert_cmpint (origin_notifies, ==, 1);

  /* Same origin, other path: the origin does not change. */
  g_settings_set_string (settings, "api-base-url", "http://127.0.0.1:4321/api");
  g_assert_cmpint (base_notifies, ==, 2);
  g_assert_cmpint (origin_notifies, ==, 1);

  g_settings_set_uint (settings, "requests-per-minute", 60);
  g_assert_cmpuint (hs_config_get_requests_per_minute (config), ==, 60);
  g_settings_set_string (settings, "media-referer", "https://example.com/");
  g_assert_cmpstr (hs_config_get_media_referer (config), ==, "https://example.com/");
  g_settings_set_uint (settings, "media-cache-size-mb", 0);
  g_assert_cmpuint (hs_config_get_media_cache_size_mb (config), ==, 0);
}

/* A bad value in the settings is ignored with a warning. GLib 2.74's
 * g_test_expect_message() does not see structured logs: check the stderr of
 * a subprocess where warnings are not fatal. */
static void
test_config_invalid_setting (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GSettings) settings = memory_settings_new ();
      g_autoptr(HsConfig) config = NULL;
      int base_notifies = 0;

      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_settings_set_string (settings, "api-base-url", "javascript:alert(1)");
      config = hs_config_new_with_settings (settings);
      g_assert_cmpstr (hs_config_get_api_base_url (config), ==, "https://api.xiaohongshu.com");

      g_assert_true (hs_config_set_api_base_url (config, "http://127.0.0.1:4321/api", NULL));
      g_signal_connect (config, "notify::api-base-url", G_CALLBACK (count_notify_cb), &base_notifies);
      g_settings_set_string (settings, "api-base-url", "ftp://example.com");
      g_assert_cmpstr (hs_config_get_api_base_url (config), ==, "http://127.0.0.1:4321/api");
      g_assert_cmpint (base_notifies, ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* The quotes around the value depend on the child's locale charset. */
  g_test_trap_assert_stderr ("*Hongshu-Core-WARNING*Ignoring the api-base-url setting: "
                             "?javascript:alert(1)? is not a valid API address: "
                             "only http and https are supported*");
  /* The pinned value is not even read back: no second warning. */
  g_test_trap_assert_stderr_unmatched ("*ftp:*");
}

static void
test_config_setter_pins_key (void)
{
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(HsConfig) config = hs_config_new_with_settings (settings);
  g_autoptr(GError) error = NULL;

  g_assert_true (hs_config_set_api_base_url (config, "http://127.0.0.1:1/", &error));
  hs_config_set_app_key (config, "demo-key");
  hs_config_set_requests_per_minute (config, 0);

  g_settings_set_string (settings, "api-base-url", "https://other.example.com");
  g_settings_set_string (settings, "app-key", "other-key");
  g_settings_set_uint (settings, "requests-per-minute", 50);
  g_assert_cmpstr (hs_config_get_api_base_url (config), ==, "http://127.0.0.1:1");
  g_assert_cmpstr (hs_config_get_app_key (config), ==, "demo-key");
  g_assert_cmpuint (hs_config_get_requests_per_minute (config), ==, 0);

  /* Unpinned keys still follow. */
  g_settings_set_uint (settings, "media-cache-size-mb", 7);
  g_assert_cmpuint (hs_config_get_media_cache_size_mb (config), ==, 7);
}

static void
test_config_properties (void)
{
  g_autoptr(HsConfig) config = hs_config_new_with_settings (NULL);
  g_autofree char *base = NULL;
  gint64 connect, request, delay, wait;
  guint retries;

  g_object_set (config,
                "api-base-url", "http://127.0.0.1:9/x/",
                "connect-timeout", (gint64) G_TIME_SPAN_SECOND,
                "request-timeout", (gint64) (2 * G_TIME_SPAN_SECOND),
                "retry-base-delay", (gint64) (10 * G_TIME_SPAN_MILLISECOND),
                "max-retry-wait", (gint64) (3 * G_TIME_SPAN_SECOND),
                "max-retries", 1u,
                NULL);
  g_object_get (config,
                "api-base-url", &base,
                "connect-timeout", &connect,
                "request-timeout", &request,
                "retry-base-delay", &delay,
                "max-retry-wait", &wait,
                "max-retries", &retries,
                NULL);

  g_assert_cmpstr (base, ==, "http://127.0.0.1:9/x");
  g_assert_cmpint (connect, ==, G_TIME_SPAN_SECOND);
  g_assert_cmpint (request, ==, 2 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (delay, ==, 10 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (wait, ==, 3 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (retries, ==, 1);
  g_assert_cmpint (hs_config_get_request_timeout (config), ==, 2 * G_TIME_SPAN_SECOND);
}

static void
test_config_environment (void)
{
  g_autoptr(GSettings) settings = memory_settings_new ();
  g_autoptr(HsConfig) config = hs_config_new_with_settings (settings);
  g_autoptr(GError) error = NULL;

  g_setenv ("HONGSHU_API_BASE_URL", "http://127.0.0.1:5555/", TRUE);
  g_setenv ("HONGSHU_APP_KEY", "env-key", TRUE);
  g_setenv ("HONGSHU_REQUESTS_PER_MINUTE", "12", TRUE);
  g_assert_true (hs_config_apply_environment (config, &error));
  g_assert_no_error (error);
  unset_environment ();

  g_assert_cmpstr (hs_config_get_api_base_url (config), ==, "http://127.0.0.1:5555");
  g_assert_cmpstr (hs_config_get_api_origin (config), ==, "http://127.0.0.1:5555");
  g_assert_cmpstr (hs_config_get_app_key (config), ==, "env-key");
  g_assert_cmpuint (hs_config_get_requests_per_minute (config), ==, 12);

  /* The environment wins over later settings changes too. */
  g_settings_set_string (settings, "api-base-url", "https://other.example.com");
  g_settings_set_string (settings, "app-key", "settings-key");
  g_assert_cmpstr (hs_config_get_api_base_url (config), ==, "http://127.0.0.1:5555");
  g_assert_cmpstr (hs_config_get_app_key (config), ==, "env-key");
}

static void
test_config_environment_invalid (void)
{
  g_autoptr(HsConfig) config = hs_config_new_with_settings (NULL);
  g_autoptr(HsConfig) config2 = hs_config_new_with_settings (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  g_setenv ("HONGSHU_API_BASE_URL", "file:///etc/passwd", TRUE);
  g_setenv ("HONGSHU_APP_KEY", "env-key", TRUE);
  g_assert_false (hs_config_apply_environment (config, &error));
  unset_environment ();
  g_assert_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST);
  g_assert_true (g_str_has_prefix (error->message, "HONGSHU_API_BASE_URL: "));
  g_assert_cmpstr (hs_config_get_api_base_url (config), ==, "https://api.xiaohongshu.com");
  /* The valid variable still applies. */
  g_assert_cmpstr (hs_config_get_app_key (config), ==, "env-key");

  g_setenv ("HONGSHU_REQUESTS_PER_MINUTE", "lots", TRUE);
  g_assert_false (hs_config_apply_environment (config2, &error2));
  unset_environment ();
  g_assert_error (error2, HS_ERROR, HS_ERROR_BAD_REQUEST);
  g_assert_cmpuint (hs_config_get_requests_per_minute (config2), ==, 100);
}

/* hs_config_new() looks the schema up in the default source, which GLib
 * builds once per process: each case runs in a subprocess. */
static void
test_config_new_without_schema (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(HsConfig) config = hs_config_new ();

      g_assert_null (hs_config_get_settings (config));
      assert_defaults (config);
      return;
    }
  else
    {
      g_autofree char *empty = g_dir_make_tmp ("hongshu-empty-XXXXXX", NULL);
      g_autofree char *old_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
      g_autofree char *old_schema_dir = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));

      g_assert_nonnull (empty);
      g_setenv ("XDG_DATA_DIRS", empty, TRUE);
      g_unsetenv ("GSETTINGS_SCHEMA_DIR");
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      if (old_dirs != NULL)
        g_setenv ("XDG_DATA_DIRS", old_dirs, TRUE);
      else
        g_unsetenv ("XDG_DATA_DIRS");
      if (old_schema_dir != NULL)
        g_setenv ("GSETTINGS_SCHEMA_DIR", old_schema_dir, TRUE);
      g_rmdir (empty);

      g_test_trap_assert_passed ();
    }
}

static void
test_config_new_with_schema (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(HsConfig) config = hs_config_new ();
      GSettings *settings = hs_config_get_settings (config);

      g_assert_nonnull (settings);
      /* Environment over settings. */
      g_assert_cmpstr (hs_config_get_app_key (config), ==, "env-key");
      g_assert_cmpuint (hs_config_get_requests_per_minute (config), ==, 100);

      g_settings_set_uint (settings, "requests-per-minute", 77);
      g_assert_cmpuint (hs_config_get_requests_per_minute (config), ==, 77);
      g_settings_set_string (settings, "app-key", "settings-key");
      g_assert_cmpstr (hs_config_get_app_key (config), ==, "env-key");
      return;
    }
  else
    {
      g_autofree char *old_schema_dir = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));

      g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
      g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
      g_setenv ("HONGSHU_APP_KEY", "env-key", TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      unset_environment ();
      if (old_schema_dir != NULL)
        g_setenv ("GSETTINGS_SCHEMA_DIR", old_schema_dir, TRUE);
      else
        g_unsetenv ("GSETTINGS_SCHEMA_DIR");

      g_test_trap_assert_passed ();
    }
}

static char *
compile_schema (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hongshu-schema-XXXXXX", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                   "io.github.hongshu.Hongshu.gschema.xml", NULL);
  g_autofree char *copy = g_build_filename (dir, "io.github.hongshu.Hongshu.gschema.xml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "glib-compile-schemas", "--strict", NULL, NULL };
  int status = -1;
  gsize len;

  g_assert_nonnull (dir);
  g_file_get_contents (source, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, contents, len, &error);
  g_assert_no_error (error);

  argv[2] = dir;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&dir);
}

static void
remove_schema_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Whatever a test writes under HOME and the XDG dirs goes to a throw-away place. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Subprocesses inherit the parent's dir through the environment. */
  if (g_getenv ("HONGSHU_TEST_SCHEMA_DIR") != NULL)
    schema_dir = g_strdup (g_getenv ("HONGSHU_TEST_SCHEMA_DIR"));
  else
    {
      schema_dir = compile_schema ();
      g_setenv ("HONGSHU_TEST_SCHEMA_DIR", schema_dir, TRUE);
    }
  if (!g_test_subprocess ())
    unset_environment ();

  g_test_add_func ("/config/defaults", test_config_defaults);
  g_test_add_func ("/config/base-url-valid", test_config_base_url_valid);
  g_test_add_func ("/config/origin-changes-before-notify", test_config_origin_changes_before_notify);
  g_test_add_func ("/config/base-url-invalid", test_config_base_url_invalid);
  g_test_add_func ("/config/origin-check", test_config_origin_check);
  g_test_add_func ("/config/follows-settings", test_config_follows_settings);
  g_test_add_func ("/config/invalid-setting", test_config_invalid_setting);
  g_test_add_func ("/config/setter-pins-key", test_config_setter_pins_key);
  g_test_add_func ("/config/properties", test_config_properties);
  g_test_add_func ("/config/environment", test_config_environment);
  g_test_add_func ("/config/environment-invalid", test_config_environment_invalid);
  g_test_add_func ("/config/new-without-schema", test_config_new_without_schema);
  g_test_add_func ("/config/new-with-schema", test_config_new_with_schema);

  ret = g_test_run ();

  if (!g_test_subprocess ())
    remove_schema_dir (schema_dir);
  g_free (schema_dir);

  return ret;
}
