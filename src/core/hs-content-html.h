#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The scheme under which the content view serves the note's inline images. */
#define HS_MEDIA_SCHEME "hs-media"

/* With JavaScript markup off, this leaves a body nothing to load but our scheme's pictures
 * and its own inline styles. base-uri and form-action do not fall back to default-src. */
#define HS_CONTENT_SECURITY_POLICY \
  "default-src 'none'; img-src " HS_MEDIA_SCHEME ":; style-src 'unsafe-inline'; " \
  "base-uri 'none'; form-action 'none'"

char *hs_media_uri_for_url          (const char *url);
char *hs_media_uri_get_url          (const char *media_uri);


char *hs_content_html_rewrite       (const char         *html,
                                     const char * const *scopes);
char *hs_content_html_build_document (const char *content_html,
                                      const char *stylesheet,
                                      const char *font_family,
                                      gboolean    dark);
gboolean hs_content_html_ends_with_tags (const char         *html,
                                         const char * const *tags);

G_END_DECLS
