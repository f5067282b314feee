#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A note body for a terminal: the text of its HTML with paragraphs kept, then wrapped to a
 * width in columns (CJK characters take two). See hs-plain-text.c for the rules. */

char  *hs_plain_text_from_html (const char *html);
char  *hs_plain_text_wrap      (const char *text,
                                guint       width);
guint  hs_plain_text_width     (const char *text);

G_END_DECLS
