#pragma once

#include <adwaita.h>

#include "hs-account.h"
#include "hs-media-loader.h"

G_BEGIN_DECLS

#define HS_TYPE_PREFERENCES_WINDOW (hs_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (HsPreferencesWindow, hs_preferences_window, HS, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The settings of doc/api-protocol.md: the API address (validated, with the one in effect
 * and why), the access token and the app secret (through @account: the
 * keyring, per API origin), the app key, requests per minute, the media
 * Referer and the media cache of @loader (its use, measured off the main
 * thread). Writes GSettings; the account's HsConfig follows it. Messages of
 * a row (a keyring failure, an invalid address) go under that row. */
GtkWidget *hs_preferences_window_new                (HsAccount           *account,
                                                     HsMediaLoader       *loader);
/* Shows the token row with the keyboard in it ("Set Access Token…"). */
void       hs_preferences_window_focus_access_token (HsPreferencesWindow *self);

G_END_DECLS
