#pragma once

#include "hs-rate-limiter.h"

G_BEGIN_DECLS

/* For tests only. */

/* Returns the current time in microseconds on a monotonic clock. */
typedef gint64 (*HsRateLimiterClockFunc) (gpointer user_data);

/* Testing hooks: replace g_get_monotonic_time(). An injected clock arms no
 * timer: after moving it, call hs_rate_limiter_process(), which grants every
 * waiter whose turn has come (with the real clock, the limiter's own timer
 * calls it). */
void           hs_rate_limiter_set_clock_func  (HsRateLimiter         *self,
                                                HsRateLimiterClockFunc clock_func,
                                                gpointer               user_data);
void           hs_rate_limiter_process         (HsRateLimiter         *self);

G_END_DECLS
