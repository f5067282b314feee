#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HS_TYPE_RATE_LIMITER (hs_rate_limiter_get_type ())

G_DECLARE_FINAL_TYPE (HsRateLimiter, hs_rate_limiter, HS, RATE_LIMITER, GObject)

/* At most @max_calls acquisitions in any rolling @window (microseconds,
 * usually 60 * G_TIME_SPAN_SECOND); @max_calls 0 means unlimited.
 * Waiters are served first come, first served. */
HsRateLimiter *hs_rate_limiter_new             (guint                  max_calls,
                                                GTimeSpan              window);
guint          hs_rate_limiter_get_max_calls   (HsRateLimiter         *self);
void           hs_rate_limiter_set_max_calls   (HsRateLimiter         *self,
                                                guint                  max_calls);
GTimeSpan      hs_rate_limiter_get_window      (HsRateLimiter         *self);

/* Completes (TRUE) when the caller may make one call. Cancelling a waiting
 * call removes it from the queue, consumes no slot and fails it with
 * G_IO_ERROR_CANCELLED. */
void           hs_rate_limiter_acquire_async   (HsRateLimiter         *self,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
gboolean       hs_rate_limiter_acquire_finish  (HsRateLimiter         *self,
                                                GAsyncResult          *result,
                                                GError               **error);

/* How long a caller arriving now would wait (0 if it would pass at once). */
GTimeSpan      hs_rate_limiter_get_wait        (HsRateLimiter         *self);
guint          hs_rate_limiter_get_n_waiting   (HsRateLimiter         *self);


G_END_DECLS
