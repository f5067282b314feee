#include "config.h"

#include <glib/gi18n.h>

#include "hs-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HsApplication) application = NULL;
  /* `meson devenv` points an uninstalled build at the catalogs it built. */
  const char *localedir = g_getenv ("HONGSHU_LOCALEDIR");

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = hs_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
