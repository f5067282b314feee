#pragma once

/* What hs-content-view.c, -media.c and -policy.c share: the view's state,
 * how its body's pictures are served, and what the body may do. Private to
 * the view. */

#include <webkit/webkit.h>

#include "hs-content-view.h"

G_BEGIN_DECLS

/* Where our own document loads: the only navigation the policy allows. */
#define HS_CONTENT_VIEW_DOCUMENT_URI "about:blank"

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

/* What the body may do (hs-content-view-policy.c): navigation decisions
 * and the context menu, connected to the view's web view. */
void     hs_content_view_policy_init        (HsContentView *self);
/* Emits ::activate-link for a link a person clicked in the body. */
gboolean hs_content_view_emit_activate_link (HsContentView *self,
                                             const char    *uri);

G_END_DECLS
