#pragma once

/* What hs-content-view.c and hs-content-view-media.c share: the view's
 * state, and how its body's pictures are served. Private to the view. */

#include <webkit/webkit.h>

#include "hs-content-view.h"

G_BEGIN_DECLS

struct _HsContentView
{
  GtkWidget       parent_instance;

  WebKitWebView  *web_view;
  HsMediaLoader  *loader;
  HsNote         *note;
  char           *content_html;    /* the note's body, rewritten */
  char           *focused_link;    /* the link inside the body that has the keyboard */
  GStrv           media_scopes;    /* where its pictures may come from */
  GCancellable   *load_cancellable;  /* picture requests of the current document */
  GCancellable   *cancellable;       /* everything else; cancelled in dispose */
  GSimpleActionGroup *actions;

  int             content_height;
  guint           own_loads;       /* our load_html() calls not yet allowed by policy */
  guint           reloads;
  guint           reload_source;
  guint           loaded_source;
  guint           is_loaded : 1;
  guint           loaded_pending : 1;
  guint           height_reported : 1;  /* for the trace: the first report of a document */
  guint           committed : 1;        /* our latest document replaced the one before */
};

void hs_content_view_media_scheme_request_cb (WebKitURISchemeRequest *request,
                                              gpointer                user_data);
GStrv hs_content_view_media_scopes_for_note (HsNote *note);

G_END_DECLS
