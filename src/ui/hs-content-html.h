#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The scheme under which the content view serves the note's inline images. */
#define HS_MEDIA_SCHEME "hs-media"

char *hs_media_uri_for_url          (const char *url);
char *hs_media_uri_get_url          (const char *media_uri);

char     *hs_content_media_scope   (const char         *url);
gboolean  hs_content_media_allowed (const char         *url,
                                    const char * const *scopes);

char *hs_content_html_rewrite       (const char         *html,
                                     const char * const *scopes);
char *hs_content_html_build_document (const char *content_html,
                                      const char *stylesheet,
                                      const char *font_family,
                                      gboolean    dark);

G_END_DECLS
