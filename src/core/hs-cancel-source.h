#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A queued request that must learn of its cancellation (the rate
 * limiter's waiters, the media loader's shared downloads) watches its
 * cancellable with a source rather than the "cancelled" signal: the
 * handler then runs in the owner's context, whichever thread cancels. */

/* @func: a GCancellableSourceFunc. Returns: (nullable): the attached
 * source, or NULL when @cancellable is NULL. */
GSource *hs_cancel_source_attach (GCancellable *cancellable,
                                  GMainContext *context,
                                  GSourceFunc   func,
                                  gpointer      user_data,
                                  const char   *name);
/* Destroys and unrefs *@source, if any, and sets it to NULL. Allowed from
 * within the source's own callback. */
void     hs_cancel_source_clear  (GSource     **source);

G_END_DECLS
