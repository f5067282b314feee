#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HS_TYPE_SEARCH_PAGE (hs_search_page_get_type ())

G_DECLARE_FINAL_TYPE (HsSearchPage, hs_search_page, HS, SEARCH_PAGE, GObject)

int         hs_search_page_get_page     (HsSearchPage *self);
int         hs_search_page_get_size     (HsSearchPage *self);
gint64      hs_search_page_get_total    (HsSearchPage *self);
gboolean    hs_search_page_get_has_more (HsSearchPage *self);
GListModel *hs_search_page_get_items    (HsSearchPage *self);

G_END_DECLS
