#pragma once

#include <adwaita.h>

#include "hs-account.h"
#include "hs-client.h"
#include "hs-library.h"
#include "hs-config.h"
#include "hs-demo-server.h"
#include "hs-media-loader.h"

G_BEGIN_DECLS

#define HS_TYPE_APPLICATION (hs_application_get_type ())

G_DECLARE_FINAL_TYPE (HsApplication, hs_application, HS, APPLICATION, AdwApplication)

/* One instance per session: `hongshu REF...` in a second process opens the
 * notes in the first. Owns the settings, the API client and the media
 * loader that every window shares, and the demo server of `--demo`.
 *
 * Environment (doc/api-protocol.md): HONGSHU_ACCESS_TOKEN, HONGSHU_API_BASE_URL,
 * HONGSHU_APP_KEY, HONGSHU_APP_SECRET, HONGSHU_REQUESTS_PER_MINUTE.
 * For tools: HONGSHU_TRACE=1 (timings on stderr), HONGSHU_SCREENSHOT=FILE.png
 * (render the window once the note is shown, save it and quit),
 * HONGSHU_WINDOW_SIZE=WxH, HONGSHU_EXIT_WHEN_READY=1. */
HsApplication *hs_application_new                   (void);
HsConfig      *hs_application_get_config            (HsApplication  *self);
HsClient      *hs_application_get_client            (HsApplication  *self);
HsMediaLoader *hs_application_get_media_loader      (HsApplication  *self);
/* NULL unless the demo runs. */
HsDemoServer  *hs_application_get_demo_server       (HsApplication  *self);
/* Starts the in-process demo server and points the client at it. */
gboolean       hs_application_start_demo            (HsApplication  *self,
                                                     GError        **error);
/* The credentials and their state; windows and preferences bind to it. */
HsAccount     *hs_application_get_account           (HsApplication  *self);
/* The main window, created if there is none. */
GtkWindow     *hs_application_get_main_window       (HsApplication  *self);
/* The library, NULL until it is open (it opens on a worker thread at startup). */
HsLibrary     *hs_application_get_library           (HsApplication  *self);

G_END_DECLS
