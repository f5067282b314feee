#pragma once

#include <libsoup/soup.h>

#include "hs-demo-request.h"
#include "hs-demo-server.h"

G_BEGIN_DECLS

/* The demo server playing the Xiaohongshu website (WEB.md): note pages in
 * the site's own format, each note's xsec_token, the walls of WEB.md §3 on
 * fault ids, and a sign-in page. src/demo/README.md lists it all. */

/* The session cookie the demo sign-in page sets: `web_session=` this. */
#define HS_DEMO_WEB_SESSION "demo-web-session"

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

/* The note's xsec_token, e.g. "AB…=" (not yet percent-encoded). */
char     *hs_demo_web_xsec_token (const char        *note_id);
/* The path and query of the note's share link:
 * "/explore/ID?xsec_token=AB…%3D&xsec_source=pc_share". */
char     *hs_demo_web_note_path  (const char        *note_id);

/* Answers @msg when @path is one of the website's; FALSE leaves it to the
 * API routes. */
gboolean  hs_demo_web_handle     (HsDemoServer      *server,
                                  SoupServerMessage *msg,
                                  const char        *path,
                                  GHashTable        *query,
                                  HsDemoRequest     *entry);

G_END_DECLS
