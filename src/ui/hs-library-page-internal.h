#pragma once

/* What the files of HsLibraryPage share: the page's state and how it runs
 * library calls. hs-library-page.c has the sections, tags and search;
 * hs-library-page-categories.c the categories; hs-library-page-export.c
 * the export. Private to the page. */

#include "hs-category-dialog.h"
#include "hs-library-export.h"
#include "hs-library-page.h"
#include "hs-note-grid.h"

G_BEGIN_DECLS

struct _HsLibraryPage
{
  GtkWidget           parent_instance;

  HsLibrary          *library;
  HsMediaLoader      *loader;
  GHashTable         *saved_ids;
  GCancellable       *cancellable;         /* the page's life */
  GCancellable       *section_cancellable; /* tags, related tags, categories being read */
  /* What the "notes" page shows: a search (text), a tag (narrowed down by
   * text), a category. All NULL: it is not shown. */
  char               *notes_tag;
  char               *notes_category;
  char               *notes_text;
  guint               busy;

  GCancellable       *export_cancellable;  /* NULL: no export running */
  guint               export_timer;
  guint               export_done;         /* atomic: written by the export's thread */
  guint               export_total;        /* atomic */

  GtkWidget          *box;
  GtkSearchEntry     *search_entry;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar *switcher_bar;
  GtkRevealer        *export_revealer;
  GtkLabel           *export_label;
  GtkProgressBar     *export_progress;
  GtkButton          *export_button;
  GtkStack           *content_stack;
  AdwViewStack       *view_stack;
  HsNoteGrid         *saved_grid;
  HsNoteGrid         *history_grid;
  GtkFlowBox         *tags_box;
  GtkListBox         *categories_list;
  GtkWidget          *suggestions_heading;
  GtkListBox         *suggestions_list;
  GtkLabel           *notes_title;
  GtkLabel           *notes_subtitle;
  GtkWidget          *related_scroller;
  GtkWidget          *related_box;
  HsNoteGrid         *notes_grid;
};

/* A library call that has only a blocking form, run on a worker thread by
 * hs_library_page_run_job(): returns its result, or NULL with @error. */
typedef gpointer (*HsLibraryJobFunc) (HsLibrary     *library,
                                      gpointer       data,
                                      GCancellable  *cancellable,
                                      GError       **error);

void     hs_library_page_run_job      (HsLibraryPage       *self,
                                       HsLibraryJobFunc     func,
                                       gpointer             data,
                                       GDestroyNotify       data_free,
                                       GDestroyNotify       result_free,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback);
/* Returns: (transfer full) (nullable): the job's result, or NULL when it
 * failed, and the page has shown why. @self is the page, kept alive by the
 * task until its callback returns; NULL when the job was cancelled (the page
 * is going away, or reads another section): then nothing is left to do. */
gpointer hs_library_page_finish_job   (GAsyncResult        *result,
                                       HsLibraryPage      **self);
void     hs_library_page_show_message (HsLibraryPage       *self,
                                       const char          *message);
/* Reads the library for the section shown. */
void     hs_library_page_load_section (HsLibraryPage       *self);

/* hs-library-page-categories.c */
void     hs_library_page_load_categories       (HsLibraryPage  *self);
void     hs_library_page_categories_class_init (GtkWidgetClass *widget_class);

/* hs-library-page-export.c */
void     hs_library_page_export_class_init     (GtkWidgetClass *widget_class);

G_END_DECLS
