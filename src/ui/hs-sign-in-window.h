#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "hs-account.h"

G_BEGIN_DECLS

#define HS_TYPE_SIGN_IN_WINDOW (hs_sign_in_window_get_type ())

G_DECLARE_FINAL_TYPE (HsSignInWindow, hs_sign_in_window, HS, SIGN_IN_WINDOW, AdwWindow)

/* The website's own sign-in page ({base}/login) in a WebKit view of its own:
 * an ephemeral network session that nothing else shares, JavaScript on (it
 * is the site itself, never note content), top-level navigation kept on
 * the site's hosts (Xiaohongshu's, or @base_url's origin: the demo server),
 * every other link handed to the browser.
 *
 * When the session's cookie jar holds `web_session` for the site, the
 * site's cookies go to @account as one Cookie header value (the keyring,
 * through hs_account_store_async()), "signed-in" is emitted with the name
 * the page shows (or NULL) and the window closes. A keyring failure shows
 * in the window and leaves it open. */
HsSignInWindow *hs_sign_in_window_new          (HsAccount      *account,
                                                const char     *base_url);
/* For tests: the view, to press the page's own buttons. */
WebKitWebView  *hs_sign_in_window_get_web_view (HsSignInWindow *self);

/* Whether a top-level page at @uri stays in the sign-in view: on
 * Xiaohongshu's own hosts, or on @base_url's origin. */
gboolean        hs_sign_in_window_allows_uri   (const char     *base_url,
                                                const char     *uri);

G_END_DECLS
