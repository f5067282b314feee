#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Note references a user may paste (API.md §8): a bare note id, a note link
 * on xiaohongshu.com or rednote.com, or an xhslink.com / xhslink.cn short
 * link, alone or anywhere inside the app's share text. The rules are spelled
 * out at the top of hs-note-ref.c. */

/* Longest prefix of a pasted text that is scanned; share texts are far
 * shorter, and the cap keeps a pasted megabyte cheap. */
#define HS_NOTE_REF_MAX_SCAN_BYTES (64 * 1024)

gboolean  hs_note_id_is_valid          (const char  *text);
gboolean  hs_note_ref_parse            (const char  *text,
                                        char       **out_note_id,
                                        char       **out_short_link,
                                        GError     **error);
char     *hs_note_ref_note_id_from_url (const char  *url);

G_END_DECLS
