#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Runs the current test again in a subprocess whose session bus address leads
 * nowhere (GDBus caches the bus per process, hence the subprocess), and
 * asserts that it passed. The subprocess's own limit is generous: a hang
 * fails the test. */
static inline void
hs_test_trap_subprocess_without_bus (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hongshu-nobus-XXXXXX", NULL);
  g_autofree char *address = g_strdup_printf ("unix:path=%s/no-such-bus", dir);
  g_autofree char *old_address = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  if (old_address != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", old_address, TRUE);
  g_rmdir (dir);

  g_test_trap_assert_passed ();
}
