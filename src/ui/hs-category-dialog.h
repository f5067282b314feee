#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HS_TYPE_CATEGORY_DIALOG (hs_category_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HsCategoryDialog, hs_category_dialog, HS, CATEGORY_DIALOG, AdwMessageDialog)

/* Makes a category, or renames one and changes its tags: a name and the
 * tags, separated by commas (，and # are fine too). Save is enabled once
 * both are there. Signal "done": Save was chosen; read the fields then. */
HsCategoryDialog *hs_category_dialog_new          (GtkWindow          *parent);
/* @name: (nullable): the category changed, NULL for a new one. */
void              hs_category_dialog_set_category (HsCategoryDialog   *self,
                                                   const char         *name,
                                                   const char * const *tags);
/* The name it had (NULL for a new one), and the name and tags now. */
const char       *hs_category_dialog_get_old_name (HsCategoryDialog  *self);
const char       *hs_category_dialog_get_name     (HsCategoryDialog  *self);
GStrv             hs_category_dialog_dup_tags     (HsCategoryDialog  *self);

/* The tags in @text: split at commas (ASCII or full-width), spaces
 * around them and a leading # dropped, empty ones skipped. */
GStrv             hs_category_dialog_parse_tags   (const char        *text);

G_END_DECLS
