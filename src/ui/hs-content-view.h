#pragma once

#include <gtk/gtk.h>

#include "hs-media-loader.h"
#include "hs-note.h"

G_BEGIN_DECLS

/* A note's HTML body in a WebKit view that treats it as hostile: no page script, no frames,
 * no plugins, nothing loaded but the note's own pictures, which come through
 * HsMediaLoader. The view is as tall as its content, so it sits in the window's one
 * scrolled window without a scroll bar of its own. Links open in the browser.
 *
 * Properties: "media-loader" (construct-only), "note" (HsNote, nullable), "is-loaded"
 * (read-only: the current note's body and its pictures finished loading), "content-height"
 * (read-only, px).
 * Signal "activate-link" (const char *uri) -> gboolean: a person clicked an http(s) link;
 * the default handler opens it in the browser, a handler returning TRUE stops that. */

#define HS_TYPE_CONTENT_VIEW (hs_content_view_get_type ())

G_DECLARE_FINAL_TYPE (HsContentView, hs_content_view, HS, CONTENT_VIEW, GtkWidget)

GtkWidget *hs_content_view_new                (HsMediaLoader *loader);
HsNote    *hs_content_view_get_note           (HsContentView *self);
void       hs_content_view_set_note           (HsContentView *self,
                                               HsNote        *note);
gboolean   hs_content_view_get_is_loaded      (HsContentView *self);
const char *hs_content_view_get_focused_link  (HsContentView *self);
int        hs_content_view_get_content_height (HsContentView *self);
GtkWidget *hs_content_view_get_web_view       (HsContentView *self);
void       hs_content_view_prewarm            (void);

G_END_DECLS
