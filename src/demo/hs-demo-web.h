#pragma once

#include <libsoup/soup.h>

#include "hs-demo-request.h"
#include "hs-demo-server.h"

G_BEGIN_DECLS

/* The demo server playing the Xiaohongshu website (doc/web-protocol.md): note pages in
 * the site's own format, each note's xsec_token, the walls of doc/web-protocol.md §4 on
 * fault ids, and a sign-in page. src/demo/README.md lists it all. */

/* The session cookie the demo sign-in page sets: `web_session=` this. */
#define HS_DEMO_WEB_SESSION "demo-web-session"
/* The name the demo's signed-in home page shows. */
#define HS_DEMO_WEB_USER_NAME "演示用户"

/* Note pages of these ids answer with a wall, token or not. */
#define HS_DEMO_WEB_FAULT_TOO_MANY_VISITS "fa1700000000000000300013"
#define HS_DEMO_WEB_FAULT_UNAVAILABLE     "fa1700000000000000300031"
#define HS_DEMO_WEB_FAULT_RESTRICTED      "fa1700000000000000300011"
#define HS_DEMO_WEB_FAULT_VERIFICATION    "fa1700000000000000000461"
#define HS_DEMO_WEB_FAULT_NO_NOTE         "fa1700000000000000005100"
#define HS_DEMO_WEB_FAULT_UNREADABLE      "fa1700000000000000005101"

/* A short link code under {base}/xhslink/o/ whose target is the home page
 * (a dead link); any note id as the code leads to that note's link. */
#define HS_DEMO_WEB_SHORT_LINK_DEAD "Dead000"

/* This note's pages give its pictures the site's signed, temporary
 * addresses (/{YYYYMMDDhhmm}/{32 hex}/{token}!style on the demo server),
 * whose originals are on the demo CDN ({cdn}/{token}); every second one's
 * token starts with HS_DEMO_WEB_DISPLAY_ONLY_DIR, whose original is
 * missing (404), so saving falls back to the display address. */
#define HS_DEMO_WEB_SIGNED_PICTURES_NOTE "6683e710decf96823289ae5d"
#define HS_DEMO_WEB_DISPLAY_ONLY_DIR     "wm/"

/* The token of a signed picture path, or NULL when @path is not one. */
const char *hs_demo_web_signed_picture_token (const char *path);

/* The note's xsec_token, e.g. "AB…=" (not yet percent-encoded). */
char     *hs_demo_web_xsec_token (const char        *note_id);
/* The path and query of the note's share link:
 * "/explore/ID?xsec_token=AB…%3D&xsec_source=pc_share". */
char     *hs_demo_web_note_path  (const char        *note_id);

G_END_DECLS
