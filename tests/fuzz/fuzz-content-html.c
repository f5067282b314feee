/* The note body's HTML: the rewriter of the body view (and the document around it), the
 * media scheme's addresses, and the plain text with wrapping that `hongshu-cli get`
 * prints. */

#include <string.h>
#include <glib.h>

#include "hs-content-html.h"
#include "hs-fuzz.h"
#include "hs-plain-text.h"

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
  /* An address wrapped in our scheme reads back as it was. */
  g_assert (media_uri == NULL || g_strcmp0 (media_url, html) == 0);

  /* Every wrapped line fits, but for a single character wider than the width. */
  {
    guint width = 1 + (guint) (size % 60);
    g_autofree char *text = hs_plain_text_from_html (html);
    g_autofree char *wrapped = hs_plain_text_wrap (text, width);
    g_auto(GStrv) lines = g_strsplit (wrapped, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      g_assert (hs_plain_text_width (lines[i]) <= width || g_utf8_strlen (lines[i], -1) == 1);
  }

  return 0;
}
