#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

#define HS_TYPE_WEBKIT_SHELL (hs_webkit_shell_get_type ())

G_DECLARE_FINAL_TYPE (HsWebKitShell, hs_webkit_shell, HS, WEBKIT_SHELL, GObject)

/* Serves a request of our picture scheme (HS_MEDIA_SCHEME) for one view. */
typedef void (*HsWebKitSchemeHandler) (WebKitURISchemeRequest *request,
                                       gpointer                user_data);

/* The process-wide WebKit set-up that every note body shares: the web context with the
 * picture scheme registered, an ephemeral network session, the locked-down settings, the
 * content stylesheet and the web process started early (prewarm). */
HsWebKitShell *hs_webkit_shell_get_default      (void);
/* A view on the shared context, session and settings (sharing the prewarmed process, or
 * that of the views added). */
WebKitWebView *hs_webkit_shell_create_web_view  (HsWebKitShell            *self,
                                                 WebKitUserContentManager *manager,
                                                 const char               *content_security_policy);
/* Starts the web process with @document loaded; later views share it. */
void           hs_webkit_shell_prewarm          (HsWebKitShell            *self,
                                                 WebKitUserContentManager *manager,
                                                 const char               *document,
                                                 const char               *base_uri);
gboolean       hs_webkit_shell_get_is_prewarmed (HsWebKitShell            *self);
/* hs-content-view.css, for the documents the views load. */
const char    *hs_webkit_shell_get_stylesheet   (HsWebKitShell            *self);
/* Our scheme's requests from @web_view go to @handler; any other view's are refused.
 * Remove the view before it goes away. */
void           hs_webkit_shell_add_view         (HsWebKitShell            *self,
                                                 WebKitWebView            *web_view,
                                                 HsWebKitSchemeHandler     handler,
                                                 gpointer                  user_data);
void           hs_webkit_shell_remove_view      (HsWebKitShell            *self,
                                                 WebKitWebView            *web_view);
void           hs_webkit_shell_release_memory   (HsWebKitShell            *self,
                                                 GCancellable             *cancellable);

G_END_DECLS
