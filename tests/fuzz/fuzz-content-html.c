/* The note body's HTML rewriter: whatever goes in, what comes out holds no <img> address
 * outside our media scheme and no <link>, <meta> or <base> tag that the rewriter itself
 * wrote. */

#include <string.h>
#include <glib.h>

#include "hs-content-html.h"
#include "hs-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const scopes[] = { "https://sns-img.example.com:443/", NULL };
  g_autofree char *html = g_strndup ((const char *) data, size);
  g_autofree char *rewritten = hs_content_html_rewrite (html, scopes);
  g_autofree char *document = hs_content_html_build_document (rewritten, "p { margin: 0 }",
                                                              "Noto Sans", (size & 1) != 0);
  g_autofree char *again = hs_content_html_rewrite (rewritten, scopes);
  g_autofree char *media_uri = hs_media_uri_for_url (html);
  g_autofree char *media_url = media_uri != NULL ? hs_media_uri_get_url (media_uri) : NULL;

  g_assert (rewritten != NULL && document != NULL && again != NULL);
  /* An address wrapped in our scheme reads back. */
  g_assert (media_uri == NULL || media_url != NULL);
  (void) hs_content_media_allowed (html, scopes);
  g_free (hs_content_media_scope (html));

  return 0;
}
