#pragma once

#include <adwaita.h>

#include "hs-account.h"
#include "hs-client.h"
#include "hs-history.h"
#include "hs-library.h"
#include "hs-media-loader.h"

G_BEGIN_DECLS

#define HS_TYPE_WINDOW (hs_window_get_type ())

G_DECLARE_FINAL_TYPE (HsWindow, hs_window, HS, WINDOW, AdwApplicationWindow)

/* The main window: a note entry in the header bar drives the client; the
 * note, an error or the welcome page fills the rest.
 *
 * Properties: "client" and "media-loader" (construct-only), "demo-mode"
 * (shows the demo banner). */
HsWindow   *hs_window_new                (GtkApplication *application,
                                          HsClient       *client,
                                          HsMediaLoader  *loader);
/* Opens whatever doc/api-protocol.md §8 accepts (a note id, a link, share text). Invalid
 * text goes into the entry with an inline error and nothing is sent:
 * returns FALSE then. A new note cancels the one in flight. */
gboolean    hs_window_open               (HsWindow       *self,
                                          const char     *text);
void        hs_window_reload             (HsWindow       *self);
/* Searches the note source by keyword or by tag (@is_tag) and shows the
 * results as a grid; the search joins the history, with its results, and
 * the recent searches. Without search in the source, says why. Returns
 * FALSE (with an inline error) for an empty @query. hs_window_open() does
 * the same for a hongshu-search: link. */
gboolean    hs_window_search             (HsWindow       *self,
                                          const char     *query,
                                          gboolean        is_tag);
/* The account decides the first page (without a token: the welcome page
 * that explains it; else an empty "Open a Note" page) and whether a note
 * may be requested at all: without a token nothing is sent, the page says
 * a token is needed and offers to set it. NULL: requests always go. */
void        hs_window_set_account        (HsWindow       *self,
                                          HsAccount      *account);
void        hs_window_set_demo_mode      (HsWindow       *self,
                                          gboolean        demo_mode);
gboolean    hs_window_get_demo_mode      (HsWindow       *self);
/* Short links on xhslink.com/.cn resolve under this base instead (the demo
 * server's stand-in); NULL for the real ones. */
void        hs_window_set_short_link_base (HsWindow      *self,
                                          const char     *short_link_base);
/* Where the website source reads note pages (the demo server's base in
 * demo mode); NULL for the real site. HONGSHU_WEB_BASE_URL sets it first. */
gboolean    hs_window_set_web_base_url   (HsWindow       *self,
                                          const char     *base_url,
                                          GError        **error);
const char *hs_window_get_web_base_url   (HsWindow       *self);
/* Where the originals of website pictures and videos are (the demo CDN);
 * NULL for the real hosts. */
void        hs_window_set_web_original_bases (HsWindow   *self,
                                              const char *image_base,
                                              const char *video_base);
void        hs_window_show_toast         (HsWindow       *self,
                                          const char     *message);

/* The note view (screenshots watch it). */
GtkWidget  *hs_window_get_note_view      (HsWindow       *self);
/* The link that Ctrl+C copies and Ctrl+O opens, NULL without a note. */
char       *hs_window_dup_note_link      (HsWindow       *self);

/* The library the window keeps notes in (History, Saved) and reads saved
 * notes from; NULL until it is open. */
void        hs_window_set_library        (HsWindow       *self,
                                          HsLibrary      *library);
HsLibrary  *hs_window_get_library        (HsWindow       *self);
/* Shows the Library view at @section ("saved", "history", "tags",
 * "categories"; NULL: where it was). */
void        hs_window_show_library       (HsWindow       *self,
                                          const char     *section);

G_END_DECLS
