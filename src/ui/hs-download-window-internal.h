#pragma once

/* What hs-download-window.c (the pages, the rows, the queue's progress)
 * and hs-download-window-sources.c (where the notes come from: a search's
 * pages, the library) share. Private to the window. */

#include "hs-download-window.h"
#include "hs-library.h"

G_BEGIN_DECLS

/* The source row's first entries; the library's categories follow. */
enum
{
  HS_DOWNLOAD_WINDOW_FROM_TEXT,
  HS_DOWNLOAD_WINDOW_FROM_SAVED,
  HS_DOWNLOAD_WINDOW_FROM_FIRST_CATEGORY,
};

struct _HsDownloadWindow
{
  AdwWindow        parent_instance;

  HsNoteSource    *source;
  HsMediaLoader   *loader;
  GSettings       *settings;
  GFile           *folder;
  HsDownloadQueue *queue;
  GCancellable    *cancellable;
  HsLibrary       *library;          /* (nullable): given, or opened for the categories */
  GCancellable    *categories_cancellable;  /* the categories being read */
  GPtrArray       *categories;       /* names, in the source row's order after the first two */
  char            *gathering;        /* (nullable): what is read while the queue already runs */

  AdwToastOverlay *toasts;
  GtkStack        *stack;
  AdwComboRow     *from_row;
  GtkStringList   *from_list;
  GtkStack        *from_stack;       /* "text" or "library" */
  GtkLabel        *library_label;
  GtkWidget       *open_file_button; /* for the links only */
  GtkTextView     *text_view;
  AdwActionRow    *folder_row;
  GtkLabel        *problems_label;
  GtkLabel        *summary_label;
  GtkListBox      *list;
  GtkButton       *pause_button;
  GtkButton       *cancel_button;
};

/* The queue for a batch, its rows bound and the progress page shown; not
 * started. */
void hs_download_window_begin_queue     (HsDownloadWindow *self);
void hs_download_window_update_summary  (HsDownloadWindow *self);
/* The toast (and notification) of a batch that ended. */
void hs_download_window_announce_done   (HsDownloadWindow *self);
/* Shows @text under the summary (NULL hides it). */
void hs_download_window_show_problems   (HsDownloadWindow *self,
                                         const char       *text);

/* hs-download-window-sources.c */
void hs_download_window_load_categories (HsDownloadWindow *self);
/* Drops the library and stops following its categories. */
void hs_download_window_unwatch_library (HsDownloadWindow *self);
void hs_download_window_from_changed    (HsDownloadWindow *self);
void hs_download_window_start_library   (HsDownloadWindow *self,
                                         const char       *category);

G_END_DECLS
