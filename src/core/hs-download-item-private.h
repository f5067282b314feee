#pragma once

#include "hs-download-item.h"

G_BEGIN_DECLS

/* For HsDownloadQueue only. */

HsDownloadItem *hs_download_item_new_for_ref    (HsNoteRef       *ref,
                                                 const char      *label);
HsDownloadItem *hs_download_item_new_for_note   (HsNote          *note);

void  hs_download_item_set_note      (HsDownloadItem  *self,
                                      HsNote          *note);
void  hs_download_item_set_state     (HsDownloadItem  *self,
                                      HsDownloadState  state);
void  hs_download_item_set_folder    (HsDownloadItem  *self,
                                      GFile           *folder);
void  hs_download_item_set_n_files   (HsDownloadItem  *self,
                                      guint            n_files);
void  hs_download_item_add_saved     (HsDownloadItem  *self);
void  hs_download_item_add_skipped   (HsDownloadItem  *self);
/* @error: the note's own failure when @file_name is NULL. */
void  hs_download_item_add_failure   (HsDownloadItem  *self,
                                      const char      *file_name,
                                      const GError    *error);
/* @delta bytes more; @in_progress the fraction of the files under way. */
void  hs_download_item_add_bytes     (HsDownloadItem  *self,
                                      goffset          delta,
                                      double           in_progress);
/* Back to WAITING with no counts, for a retry. */
void  hs_download_item_reset         (HsDownloadItem  *self);
/* Its place in the batch, from 1 ({index} of the name template). */
guint hs_download_item_get_index     (HsDownloadItem  *self);
void  hs_download_item_set_index     (HsDownloadItem  *self,
                                      guint            index);

G_END_DECLS
