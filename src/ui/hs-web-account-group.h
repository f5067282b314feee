#pragma once

#include <adwaita.h>

#include "hs-account.h"

G_BEGIN_DECLS

#define HS_TYPE_WEB_ACCOUNT_GROUP (hs_web_account_group_get_type ())

G_DECLARE_FINAL_TYPE (HsWebAccountGroup, hs_web_account_group, HS, WEB_ACCOUNT_GROUP, AdwPreferencesGroup)

/* Preferences' "Xiaohongshu account" group: whether the website source is
 * signed in, Sign In… (HsSignInWindow on @web_base_url), Sign Out (forgets
 * the cookies: account and keyring), an advanced row to paste a cookie
 * string (it must hold `web_session=`), and a note when HONGSHU_WEB_COOKIE
 * overrides them all. The cookie itself is never shown. */
GtkWidget  *hs_web_account_group_new              (HsAccount         *account);
void        hs_web_account_group_set_web_base_url (HsWebAccountGroup *self,
                                                   const char        *web_base_url);
/* For tests: the state row's text, and the cookie row's message (NULL while none shows). */
const char *hs_web_account_group_get_state_text   (HsWebAccountGroup *self);
const char *hs_web_account_group_get_message      (HsWebAccountGroup *self);
/* Applies @text as if pasted into the cookie row and confirmed; FALSE when it is refused. */
gboolean    hs_web_account_group_apply_cookie     (HsWebAccountGroup *self,
                                                   const char        *text);
/* Opens the sign-in window (as Sign In… does) and returns it. */
GtkWindow  *hs_web_account_group_sign_in          (HsWebAccountGroup *self);

G_END_DECLS
