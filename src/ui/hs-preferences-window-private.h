#pragma once

#include "hs-preferences-window.h"

G_BEGIN_DECLS

/* For tests only. */

/* Apply the text as if typed into the row and confirmed. */
gboolean    hs_preferences_window_apply_api_base_url       (HsPreferencesWindow *self,
                                                            const char          *text);
gboolean    hs_preferences_window_apply_referer            (HsPreferencesWindow *self,
                                                            const char          *text);
GtkWidget  *hs_preferences_window_get_access_token_row     (HsPreferencesWindow *self);
/* The message under the token row, NULL while none shows. */
const char *hs_preferences_window_get_access_token_message (HsPreferencesWindow *self);

G_END_DECLS
