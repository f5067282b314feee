#pragma once

#include <gio/gio.h>

#include "hs-media-loader.h"

G_BEGIN_DECLS

/* Called before each item and once at the end (@index == @n_items). */
typedef void (*HsMediaSaverProgress) (guint    index,
                                      guint    n_items,
                                      gpointer user_data);

/* Saves every HsImage/HsVideo of @items into @folder, one after another, the
 * i-th named after stems[i] ("title-01.jpg") with the extension its bytes
 * call for. Items that fail are skipped; it fails only when none could be
 * saved. The task's source object is @source_object (the gallery), so that
 * its own finish can check the result. @progress_data must outlive the call
 * (the source object, which the task keeps alive). */
void     hs_media_saver_save_async  (gpointer              source_object,
                                     HsMediaLoader        *loader,
                                     GListModel           *items,
                                     GPtrArray            *stems,
                                     GFile                *folder,
                                     HsMediaSaverProgress  progress,
                                     gpointer              progress_data,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
/* @n_saved, @n_items: (out) (optional): how many files were written, of how
 * many items. */
gboolean hs_media_saver_save_finish (GAsyncResult         *result,
                                     guint                *n_saved,
                                     guint                *n_items,
                                     GError              **error);

G_END_DECLS
