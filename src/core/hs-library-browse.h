#pragma once

#include "hs-library.h"

G_BEGIN_DECLS

/* What the Library view asks of HsLibrary beyond hs-library.h. */

/* The ids of every saved note, for the saved badges on cards.
 * Returns: (transfer full): a set (g_hash_table_contains) of ids */
GHashTable *hs_library_saved_ids_sync   (HsLibrary          *self,
                                         GCancellable       *cancellable,
                                         GError            **error);
void        hs_library_saved_ids_async  (HsLibrary          *self,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
GHashTable *hs_library_saved_ids_finish (HsLibrary          *self,
                                         GAsyncResult       *result,
                                         GError            **error);

G_END_DECLS
