#pragma once

#include <gio/gio.h>

#include "hs-note.h"
#include "hs-note-ref.h"

G_BEGIN_DECLS

/* One note of a batch download (HsDownloadQueue): what a row of a
 * Downloads view shows. Its properties change on the main thread while the
 * queue works; bind to them. */

typedef enum
{
  HS_DOWNLOAD_STATE_WAITING,      /* not started */
  HS_DOWNLOAD_STATE_FETCHING,     /* asking the note source for the note */
  HS_DOWNLOAD_STATE_DOWNLOADING,  /* its files are being saved */
  HS_DOWNLOAD_STATE_DONE,         /* every file saved or already there */
  HS_DOWNLOAD_STATE_FAILED,       /* the note, or at least one file, failed */
  HS_DOWNLOAD_STATE_CANCELLED,
} HsDownloadState;

GType hs_download_state_get_type (void) G_GNUC_CONST;
#define HS_TYPE_DOWNLOAD_STATE (hs_download_state_get_type ())

#define HS_TYPE_DOWNLOAD_ITEM (hs_download_item_get_type ())

G_DECLARE_FINAL_TYPE (HsDownloadItem, hs_download_item, HS, DOWNLOAD_ITEM, GObject)

/* The text the note came from (a line, a link, a search), for messages. */
const char      *hs_download_item_get_label          (HsDownloadItem *self);
/* (nullable): the reference, NULL for an item made from a note. */
HsNoteRef       *hs_download_item_get_ref            (HsDownloadItem *self);
/* (nullable): the note once fetched. */
HsNote          *hs_download_item_get_note           (HsDownloadItem *self);
/* (nullable): the note's id, once known. */
const char      *hs_download_item_get_note_id        (HsDownloadItem *self);
/* (nullable): the note's title, once known. */
const char      *hs_download_item_get_title          (HsDownloadItem *self);
HsDownloadState  hs_download_item_get_state          (HsDownloadItem *self);
/* (nullable): the note's folder, once chosen. */
GFile           *hs_download_item_get_folder         (HsDownloadItem *self);
/* Files of the note, and of those: saved by this run, already there
 * (skipped), failed. */
guint            hs_download_item_get_n_files        (HsDownloadItem *self);
guint            hs_download_item_get_n_saved        (HsDownloadItem *self);
guint            hs_download_item_get_n_skipped      (HsDownloadItem *self);
guint            hs_download_item_get_n_failed       (HsDownloadItem *self);
/* Bytes so far of the files being saved and saved, and their size when
 * known (-1 while not). */
goffset          hs_download_item_get_bytes_received (HsDownloadItem *self);
/* 0 to 1, by files and the bytes of those in progress. */
double           hs_download_item_get_fraction       (HsDownloadItem *self);
/* (nullable): the first failure (of the note, else of a file). */
const GError    *hs_download_item_get_error          (HsDownloadItem *self);
/* Every failure, one line each: "02.jpg: why" or the note's error. */
const char * const *hs_download_item_get_failures    (HsDownloadItem *self);

G_END_DECLS
