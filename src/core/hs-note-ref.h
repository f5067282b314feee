#pragma once

#include <glib-object.h>

#include "hs-urls.h"

G_BEGIN_DECLS

/* Note references a user may paste (doc/api-protocol.md §8): a bare note id, a note link
 * on xiaohongshu.com or rednote.com, or an xhslink.com / xhslink.cn short
 * link, alone or anywhere inside the app's share text. The rules are spelled
 * out at the top of hs-note-ref.c. */

/* Longest prefix of a pasted text that is scanned; share texts are far
 * shorter, and the cap keeps a pasted megabyte cheap. */
#define HS_NOTE_REF_MAX_SCAN_BYTES (64 * 1024)

/* An immutable, reference-counted note reference: what a note source is
 * asked for. It keeps the link the person gave, query string included
 * (the website refuses a note link without its `xsec_token`); a bare id
 * stays a bare id. Exactly one of these holds:
 *   - a bare id: note_id set, link and short_link NULL;
 *   - a note link: note_id and link set;
 *   - a short link: short_link set, note_id NULL until a source follows it
 *     (hs_note_source_get_note_finish() hands back the note link it led to). */
typedef struct _HsNoteRef HsNoteRef;

#define HS_TYPE_NOTE_REF (hs_note_ref_get_type ())

GType       hs_note_ref_get_type           (void) G_GNUC_CONST;

/* NULL when @note_id is not a valid id; the id is kept in lowercase. */
HsNoteRef  *hs_note_ref_new_for_id         (const char  *note_id);
/* NULL unless @link is a note link of hs-urls.h (any query kept). */
HsNoteRef  *hs_note_ref_new_for_link       (const char  *link);
/* NULL unless @short_link is an xhslink short link. */
HsNoteRef  *hs_note_ref_new_for_short_link (const char  *short_link);
/* The reference inside a pasted text, by the rules of hs-note-ref.c;
 * HS_ERROR_INVALID_REFERENCE when there is none. */
HsNoteRef  *hs_note_ref_new_from_text      (const char  *text,
                                            GError     **error);
HsNoteRef  *hs_note_ref_ref                (HsNoteRef   *self);
void        hs_note_ref_unref              (HsNoteRef   *self);

/* (nullable): NULL only for a short link not yet followed. */
const char *hs_note_ref_get_note_id        (HsNoteRef   *self);
/* (nullable): the note link as given, query string kept. */
const char *hs_note_ref_get_link           (HsNoteRef   *self);
/* (nullable): the short link, rebuilt from its parts. */
const char *hs_note_ref_get_short_link     (HsNoteRef   *self);
/* The link to show, copy and open: the link as given, else the canonical
 * link of the bare id (hs_urls_note_link()), else the short link. */
char       *hs_note_ref_dup_web_link       (HsNoteRef   *self);
gboolean    hs_note_ref_equal              (HsNoteRef   *a,
                                            HsNoteRef   *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsNoteRef, hs_note_ref_unref)

/* hs_note_id_is_valid() is in hs-urls.h. */
gboolean  hs_note_ref_parse            (const char  *text,
                                        char       **out_note_id,
                                        char       **out_short_link,
                                        GError     **error);
char     *hs_note_ref_note_id_from_url (const char  *url);

G_END_DECLS
