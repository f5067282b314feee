#pragma once

#include <adwaita.h>

#include "hs-application.h"

G_BEGIN_DECLS

#define HS_TYPE_PREFERENCES_WINDOW (hs_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (HsPreferencesWindow, hs_preferences_window, HS, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* The settings of doc/api-protocol.md: the API address (validated), the access token and
 * the app secret (in the keyring, per API origin, through hs-credentials),
 * the app key, requests per minute, the media Referer and the media cache.
 * Writes GSettings; the application's HsConfig follows it. */
GtkWidget *hs_preferences_window_new                (HsApplication       *application);
/* Shows the token row with the keyboard in it ("Set Access Token…"). */
void       hs_preferences_window_focus_access_token (HsPreferencesWindow *self);

/* For tests: apply the text as if typed into the row and confirmed. */
gboolean   hs_preferences_window_apply_api_base_url (HsPreferencesWindow *self,
                                                     const char          *text);

G_END_DECLS
