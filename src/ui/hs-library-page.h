#pragma once

#include <adwaita.h>

#include "hs-library.h"
#include "hs-library-export.h"
#include "hs-media-loader.h"
#include "hs-note.h"

G_BEGIN_DECLS

#define HS_TYPE_LIBRARY_PAGE (hs_library_page_get_type ())

G_DECLARE_FINAL_TYPE (HsLibraryPage, hs_library_page, HS, LIBRARY_PAGE, GtkWidget)

/* The Library view (issue 11): a search field over the library's full
 * text, and the sections Saved, History, Tags and Categories in an
 * AdwViewStack (a view switcher at the top where it fits, a bar at the
 * bottom at 360 px). Notes show as the search's card grid (HsNoteGrid over
 * HsSearchResults of an HsLibrarySource scoped to the section). A tag shows
 * its notes and the tags used with it, to narrow down; a category its
 * notes. The menu exports what is shown (Markdown or JSON lines, with a
 * progress bar and Cancel), makes categories and clears the history.
 *
 * Every library call runs on a worker thread and is cancelled with the page.
 *
 * Signals: "activate-note" (HsNote *note): a card was activated;
 * "changed": the page changed the library (the history was cleared), for
 * others showing it; "show-message" (char *message): a short message for a
 * toast (done, cancelled, or a library error). */
GtkWidget  *hs_library_page_new                (void);
void        hs_library_page_set_library        (HsLibraryPage *self,
                                                HsLibrary     *library);
void        hs_library_page_set_media_loader   (HsLibraryPage *self,
                                                HsMediaLoader *loader);
/* (nullable): ids of saved notes, for the cards' saved badges; shared. */
void        hs_library_page_set_saved_ids      (HsLibraryPage *self,
                                                GHashTable    *saved_ids);
/* Reads the library again for the section shown (after a save, a removal). */
void        hs_library_page_reload             (HsLibraryPage *self);
/* Shows a section: "saved", "history", "tags", "categories". */
void        hs_library_page_show_section       (HsLibraryPage *self,
                                                const char    *name);
void        hs_library_page_show_tag           (HsLibraryPage *self,
                                                const char    *tag);
void        hs_library_page_show_category      (HsLibraryPage *self,
                                                const char    *name);
void        hs_library_page_focus_search       (HsLibraryPage *self);
/* Exports what is shown (a search, a tag, a category, the saved notes, or
 * else everything) into @dir, with the progress bar and Cancel; the end
 * is said through "show-message". The menu asks for @dir first. */
void        hs_library_page_export             (HsLibraryPage *self,
                                                HsLibraryExportFormat format,
                                                const char    *dir);
void        hs_library_page_cancel_export      (HsLibraryPage *self);
/* Removes every note not saved (Clear History, once confirmed). */
void        hs_library_page_clear_history      (HsLibraryPage *self);

/* For tests and the benchmark. */
GtkWidget  *hs_library_page_get_search_entry   (HsLibraryPage *self);
/* The grid of the notes shown (a section's, or a search's, tag's or category's). */
GtkWidget  *hs_library_page_get_visible_grid   (HsLibraryPage *self);
/* "saved", "history", "tags", "categories" or "notes". */
const char *hs_library_page_get_visible_name   (HsLibraryPage *self);
GtkWidget  *hs_library_page_get_tags_box       (HsLibraryPage *self);
GtkWidget  *hs_library_page_get_related_box    (HsLibraryPage *self);
GtkWidget  *hs_library_page_get_categories_list (HsLibraryPage *self);
/* Whether a library call is in flight (tags, categories, export). */
gboolean    hs_library_page_get_busy           (HsLibraryPage *self);

G_END_DECLS
