#pragma once

#include <gio/gio.h>

#include "hs-note.h"

G_BEGIN_DECLS

#define HS_TYPE_LIBRARY_ITEM (hs_library_item_get_type ())

G_DECLARE_FINAL_TYPE (HsLibraryItem, hs_library_item, HS, LIBRARY_ITEM, GObject)

/* One note of the library with what the library knows about it. Times
 * are Unix seconds. The snippet (NULL outside a search) marks each match
 * with HS_LIBRARY_MATCH_START and HS_LIBRARY_MATCH_END. */
#define HS_LIBRARY_MATCH_START "\002"
#define HS_LIBRARY_MATCH_END   "\003"

HsLibraryItem *hs_library_item_new              (HsNote        *note,
                                                 const char    *source,
                                                 const char    *link,
                                                 gint64         first_opened,
                                                 gint64         last_opened,
                                                 gboolean       saved,
                                                 const char    *snippet);
HsNote        *hs_library_item_get_note         (HsLibraryItem *self);
/* The id of the note source it came from ("api", "web", "import"). */
const char    *hs_library_item_get_source       (HsLibraryItem *self);
/* The link it was opened from, query string (xsec_token) kept; may be NULL. */
const char    *hs_library_item_get_link         (HsLibraryItem *self);
gint64         hs_library_item_get_first_opened (HsLibraryItem *self);
gint64         hs_library_item_get_last_opened  (HsLibraryItem *self);
gboolean       hs_library_item_get_saved        (HsLibraryItem *self);
const char    *hs_library_item_get_snippet      (HsLibraryItem *self);

G_END_DECLS
