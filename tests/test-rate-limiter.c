#include "config.h"

#include <gio/gio.h>

#include "hs-rate-limiter.h"
#include "hs-rate-limiter-private.h"

#define S G_TIME_SPAN_SECOND
#define T0 (1000 * S)

/* A fake monotonic clock and a record of every completion. */
typedef struct
{
  gint64      now;
  GArray     *order;   /* int: index of the caller, in completion order */
  GArray     *times;   /* gint64: clock at completion */
  GPtrArray  *errors;  /* GError* or NULL, indexed like order */
} Fixture;

typedef struct
{
  Fixture *fixture;
  int      index;
} Call;

static gint64
fake_clock (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now;
}

static void
free_error (gpointer data)
{
  if (data != NULL)
    g_error_free (data);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->now = T0;
  fixture->order = g_array_new (FALSE, FALSE, sizeof (int));
  fixture->times = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->errors = g_ptr_array_new_with_free_func (free_error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_array_unref (fixture->order);
  g_array_unref (fixture->times);
  g_ptr_array_unref (fixture->errors);
}

static void
acquired_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Call *call = user_data;
  Fixture *fixture = call->fixture;
  GError *error = NULL;
  gboolean ok = hs_rate_limiter_acquire_finish (HS_RATE_LIMITER (object), result, &error);
  gint64 at = fixture->now;

  g_assert_true (ok == (error == NULL));
  g_array_append_val (fixture->order, call->index);
  g_array_append_val (fixture->times, at);
  g_ptr_array_add (fixture->errors, error);
  g_free (call);
}

static void
acquire (HsRateLimiter *limiter,
         Fixture       *fixture,
         int            index,
         GCancellable  *cancellable)
{
  Call *call = g_new0 (Call, 1);

  call->fixture = fixture;
  call->index = index;
  hs_rate_limiter_acquire_async (limiter, cancellable, acquired_cb, call);
}

static void
flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Moves the fake clock and lets the limiter grant what is due. */
static void
advance_to (HsRateLimiter *limiter,
            Fixture       *fixture,
            gint64         when)
{
  fixture->now = when;
  hs_rate_limiter_process (limiter);
  flush ();
}

static HsRateLimiter *
fake_limiter_new (Fixture *fixture,
                  guint    max_calls,
                  gint64   window)
{
  HsRateLimiter *limiter = hs_rate_limiter_new (max_calls, window);

  hs_rate_limiter_set_clock_func (limiter, fake_clock, fixture);
  return limiter;
}

static int
order_at (Fixture *fixture,
          guint    i)
{
  return g_array_index (fixture->order, int, i);
}

static gint64
time_at (Fixture *fixture,
         guint    i)
{
  return g_array_index (fixture->times, gint64, i);
}

/* max 3 per 60 s: the 4th call waits for the 1st to leave the window, not
 * for a fixed minute boundary, and in order. */
static void
test_sliding_window (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(HsRateLimiter) limiter = fake_limiter_new (fixture, 3, 60 * S);

  g_assert_cmpint (hs_rate_limiter_get_wait (limiter), ==, 0);
  acquire (limiter, fixture, 0, NULL);
  flush ();
  fixture->now = T0 + 1 * S;
  acquire (limiter, fixture, 1, NULL);
  flush ();
  fixture->now = T0 + 2 * S;
  acquire (limiter, fixture, 2, NULL);
  flush ();
  g_assert_cmpuint (fixture->order->len, ==, 3);
  g_assert_cmpint (time_at (fixture, 0), ==, T0);
  g_assert_cmpint (time_at (fixture, 1), ==, T0 + 1 * S);
  g_assert_cmpint (time_at (fixture, 2), ==, T0 + 2 * S);

  fixture->now = T0 + 10 * S;
  g_assert_cmpint (hs_rate_limiter_get_wait (limiter), ==, 50 * S);
  acquire (limiter, fixture, 3, NULL);
  acquire (limiter, fixture, 4, NULL);
  acquire (limiter, fixture, 5, NULL);
  acquire (limiter, fixture, 6, NULL);
  flush ();
  g_assert_cmpuint (fixture->order->len, ==, 3);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 4);
  /* Queue: 3 at T0+60, 4 at T0+61, 5 at T0+62, 6 at T0+120; a newcomer at T0+121. */
  g_assert_cmpint (hs_rate_limiter_get_wait (limiter), ==, 111 * S);

  advance_to (limiter, fixture, T0 + 60 * S - 1);
  g_assert_cmpuint (fixture->order->len, ==, 3);

  advance_to (limiter, fixture, T0 + 60 * S);
  g_assert_cmpuint (fixture->order->len, ==, 4);
  g_assert_cmpint (order_at (fixture, 3), ==, 3);
  g_assert_cmpint (time_at (fixture, 3), ==, T0 + 60 * S);

  /* A late timer grants everything that became due, still in order. */
  advance_to (limiter, fixture, T0 + 90 * S);
  g_assert_cmpuint (fixture->order->len, ==, 6);
  g_assert_cmpint (order_at (fixture, 4), ==, 4);
  g_assert_cmpint (order_at (fixture, 5), ==, 5);
  g_assert_cmpint (time_at (fixture, 4), ==, T0 + 90 * S);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 1);
  /* Grants now at T0+60, +90, +90: 6 passes at T0+120, a newcomer after it
   * at T0+150. */
  g_assert_cmpint (hs_rate_limiter_get_wait (limiter), ==, 60 * S);

  advance_to (limiter, fixture, T0 + 120 * S - 1);
  g_assert_cmpuint (fixture->order->len, ==, 6);
  advance_to (limiter, fixture, T0 + 120 * S);
  g_assert_cmpuint (fixture->order->len, ==, 7);
  g_assert_cmpint (order_at (fixture, 6), ==, 6);
  g_assert_cmpint (time_at (fixture, 6), ==, T0 + 120 * S);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 0);

  for (guint i = 0; i < fixture->errors->len; i++)
    g_assert_null (g_ptr_array_index (fixture->errors, i));
}

/* The property doc/api-protocol.md §5 asks for: never more than max in any window, even
 * with bursts arriving at awkward times. */
static void
test_any_window (Fixture       *fixture,
                 gconstpointer  data)
{
  const guint max = 5;
  const gint64 window = 60 * S;
  g_autoptr(HsRateLimiter) limiter = fake_limiter_new (fixture, max, window);
  guint n = 0;

  for (int step = 0; step < 400; step++)
    {
      /* A burst of 0..3 arrivals every 7 s; the clock moves in 7 s steps so
       * that grants fall between the window edges. */
      for (int k = 0; k < step % 4; k++)
        acquire (limiter, fixture, n++, NULL);
      flush ();
      advance_to (limiter, fixture, fixture->now + 7 * S);
    }
  /* Drain the queue, still in 7 s steps (arrivals outpace the limit). */
  for (int step = 0; step < 1000 && fixture->order->len < n; step++)
    advance_to (limiter, fixture, fixture->now + 7 * S);

  g_assert_cmpuint (n, ==, 600);
  g_assert_cmpuint (fixture->order->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (order_at (fixture, i), ==, i);
  for (guint i = 0; i + max < n; i++)
    g_assert_cmpint (time_at (fixture, i + max) - time_at (fixture, i), >=, window);
}

/* FIFO even when a newcomer arrives after a slot became free but before the
 * timer granted it to the head of the queue. */
static void
test_newcomer_queues_behind (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(HsRateLimiter) limiter = fake_limiter_new (fixture, 1, 60 * S);

  acquire (limiter, fixture, 0, NULL);
  acquire (limiter, fixture, 1, NULL);
  flush ();

  fixture->now = T0 + 60 * S;
  acquire (limiter, fixture, 2, NULL);
  flush ();
  g_assert_cmpuint (fixture->order->len, ==, 1);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 2);

  advance_to (limiter, fixture, T0 + 60 * S);
  g_assert_cmpuint (fixture->order->len, ==, 2);
  g_assert_cmpint (order_at (fixture, 1), ==, 1);

  advance_to (limiter, fixture, T0 + 120 * S);
  g_assert_cmpuint (fixture->order->len, ==, 3);
  g_assert_cmpint (order_at (fixture, 2), ==, 2);
  g_assert_cmpint (time_at (fixture, 2), ==, T0 + 120 * S);
}

static void
test_cancel_waiter (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(HsRateLimiter) limiter = fake_limiter_new (fixture, 1, 60 * S);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error;

  acquire (limiter, fixture, 0, NULL);
  acquire (limiter, fixture, 1, cancellable);
  acquire (limiter, fixture, 2, NULL);
  flush ();
  g_assert_cmpuint (fixture->order->len, ==, 1);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 2);
  g_assert_cmpint (hs_rate_limiter_get_wait (limiter), ==, 180 * S);

  fixture->now = T0 + 5 * S;
  g_cancellable_cancel (cancellable);
  flush ();
  g_assert_cmpuint (fixture->order->len, ==, 2);
  g_assert_cmpint (order_at (fixture, 1), ==, 1);
  error = g_ptr_array_index (fixture->errors, 1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 1);
  /* The cancelled call took no slot: the next waiter passes at T0+60. */
  g_assert_cmpint (hs_rate_limiter_get_wait (limiter), ==, (120 - 5) * S);

  advance_to (limiter, fixture, T0 + 60 * S);
  g_assert_cmpuint (fixture->order->len, ==, 3);
  g_assert_cmpint (order_at (fixture, 2), ==, 2);
  g_assert_null (g_ptr_array_index (fixture->errors, 2));
  g_assert_cmpint (time_at (fixture, 2), ==, T0 + 60 * S);
}

static void
test_already_cancelled (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(HsRateLimiter) limiter = fake_limiter_new (fixture, 1, 60 * S);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  acquire (limiter, fixture, 0, cancellable);
  acquire (limiter, fixture, 1, NULL);
  flush ();

  g_assert_cmpuint (fixture->order->len, ==, 2);
  g_assert_cmpint (order_at (fixture, 0), ==, 0);
  g_assert_error ((GError *) g_ptr_array_index (fixture->errors, 0),
                  G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (g_ptr_array_index (fixture->errors, 1));
  g_assert_cmpint (hs_rate_limiter_get_wait (limiter), ==, 60 * S);
}

static void
test_unlimited (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(HsRateLimiter) limiter = fake_limiter_new (fixture, 0, 60 * S);

  for (int i = 0; i < 1000; i++)
    acquire (limiter, fixture, i, NULL);
  flush ();

  g_assert_cmpuint (fixture->order->len, ==, 1000);
  g_assert_cmpint (hs_rate_limiter_get_wait (limiter), ==, 0);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 0);
}

static void
test_raise_limit_releases (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(HsRateLimiter) limiter = fake_limiter_new (fixture, 1, 60 * S);

  acquire (limiter, fixture, 0, NULL);
  acquire (limiter, fixture, 1, NULL);
  acquire (limiter, fixture, 2, NULL);
  flush ();
  g_assert_cmpuint (fixture->order->len, ==, 1);

  fixture->now = T0 + 1 * S;
  hs_rate_limiter_set_max_calls (limiter, 2);
  flush ();
  g_assert_cmpuint (fixture->order->len, ==, 2);
  g_assert_cmpint (order_at (fixture, 1), ==, 1);
  g_assert_cmpint (time_at (fixture, 1), ==, T0 + 1 * S);

  hs_rate_limiter_set_max_calls (limiter, 0);
  flush ();
  g_assert_cmpuint (fixture->order->len, ==, 3);
  g_assert_cmpint (order_at (fixture, 2), ==, 2);
}

static void
test_lower_limit_keeps_newest (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(HsRateLimiter) limiter = fake_limiter_new (fixture, 3, 60 * S);

  acquire (limiter, fixture, 0, NULL);
  fixture->now = T0 + 1 * S;
  acquire (limiter, fixture, 1, NULL);
  fixture->now = T0 + 2 * S;
  acquire (limiter, fixture, 2, NULL);
  flush ();

  hs_rate_limiter_set_max_calls (limiter, 1);
  g_assert_cmpuint (hs_rate_limiter_get_max_calls (limiter), ==, 1);
  /* Only the newest grant (T0+2) constrains a limit of one. */
  g_assert_cmpint (hs_rate_limiter_get_wait (limiter), ==, 60 * S);

  acquire (limiter, fixture, 3, NULL);
  advance_to (limiter, fixture, T0 + 62 * S - 1);
  g_assert_cmpuint (fixture->order->len, ==, 3);
  advance_to (limiter, fixture, T0 + 62 * S);
  g_assert_cmpuint (fixture->order->len, ==, 4);
}

static void
test_dispose_fails_waiters (Fixture       *fixture,
                            gconstpointer  data)
{
  HsRateLimiter *limiter = fake_limiter_new (fixture, 1, 60 * S);

  acquire (limiter, fixture, 0, NULL);
  acquire (limiter, fixture, 1, NULL);
  flush ();
  g_assert_cmpuint (fixture->order->len, ==, 1);

  g_object_run_dispose (G_OBJECT (limiter));
  flush ();
  g_assert_cmpuint (fixture->order->len, ==, 2);
  g_assert_error ((GError *) g_ptr_array_index (fixture->errors, 1),
                  G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The waiter's task held the last extra ref; nothing else may be left. */
  g_assert_finalize_object (limiter);
}

/* Real time: 2 per 300 ms; 5 callers must take at least two windows, and
 * the main loop keeps running while they wait. */
typedef struct
{
  gint64  start;
  gint64  done[5];
  int     n_done;
  int     ticks;
} RealTime;

static void
real_acquired_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  RealTime *rt = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (hs_rate_limiter_acquire_finish (HS_RATE_LIMITER (object), result, &error));
  g_assert_no_error (error);
  rt->done[rt->n_done++] = g_get_monotonic_time ();
}

static gboolean
tick_cb (gpointer user_data)
{
  RealTime *rt = user_data;

  rt->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
test_real_time (void)
{
  const gint64 window = 300 * G_TIME_SPAN_MILLISECOND;
  g_autoptr(HsRateLimiter) limiter = hs_rate_limiter_new (2, window);
  RealTime rt = { 0 };
  guint tick_id;

  tick_id = g_timeout_add (10, tick_cb, &rt);
  rt.start = g_get_monotonic_time ();
  for (int i = 0; i < 5; i++)
    hs_rate_limiter_acquire_async (limiter, NULL, real_acquired_cb, &rt);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 3);

  while (rt.n_done < 5)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);

  /* Grant k cannot happen before floor(k / 2) windows have passed. */
  for (int k = 0; k < 5; k++)
    g_assert_cmpint (rt.done[k] - rt.start, >=, (k / 2) * window);
  g_assert_cmpint (rt.ticks, >, 0);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 0);
}

/* Real time: cancelling the head waiter hands its turn to the next one. */
typedef struct
{
  gint64   done_at[3];
  gboolean ok[3];
  int      n_done;
} RealCancel;

typedef struct
{
  RealCancel *rc;
  int         index;
} RealCall;

static void
real_cancel_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RealCall *call = user_data;
  g_autoptr(GError) error = NULL;

  call->rc->ok[call->index] = hs_rate_limiter_acquire_finish (HS_RATE_LIMITER (object),
                                                              result, &error);
  if (!call->rc->ok[call->index])
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  call->rc->done_at[call->index] = g_get_monotonic_time ();
  call->rc->n_done++;
}

static void
test_real_time_cancel (void)
{
  const gint64 window = 200 * G_TIME_SPAN_MILLISECOND;
  g_autoptr(HsRateLimiter) limiter = hs_rate_limiter_new (1, window);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RealCancel rc = { 0 };
  RealCall calls[3] = { { &rc, 0 }, { &rc, 1 }, { &rc, 2 } };
  gint64 start = g_get_monotonic_time ();

  hs_rate_limiter_acquire_async (limiter, NULL, real_cancel_cb, &calls[0]);
  hs_rate_limiter_acquire_async (limiter, cancellable, real_cancel_cb, &calls[1]);
  hs_rate_limiter_acquire_async (limiter, NULL, real_cancel_cb, &calls[2]);
  g_cancellable_cancel (cancellable);

  while (rc.n_done < 3)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (rc.ok[0]);
  g_assert_false (rc.ok[1]);
  g_assert_true (rc.ok[2]);
  /* The cancelled call gave up at once; the third still got its turn from
   * the real timer, not before the first grant left the window. (Only lower
   * bounds: an upper one would make the test timing-dependent.) */
  g_assert_cmpint (rc.done_at[1], <, rc.done_at[2]);
  g_assert_cmpint (rc.done_at[2] - start, >=, window);
  g_assert_cmpuint (hs_rate_limiter_get_n_waiting (limiter), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/rate-limiter/sliding-window", test_sliding_window);
  ADD ("/rate-limiter/any-window", test_any_window);
  ADD ("/rate-limiter/newcomer-queues-behind", test_newcomer_queues_behind);
  ADD ("/rate-limiter/cancel-waiter", test_cancel_waiter);
  ADD ("/rate-limiter/already-cancelled", test_already_cancelled);
  ADD ("/rate-limiter/unlimited", test_unlimited);
  ADD ("/rate-limiter/raise-limit-releases", test_raise_limit_releases);
  ADD ("/rate-limiter/lower-limit-keeps-newest", test_lower_limit_keeps_newest);
  ADD ("/rate-limiter/dispose-fails-waiters", test_dispose_fails_waiters);
  g_test_add_func ("/rate-limiter/real-time", test_real_time);
  g_test_add_func ("/rate-limiter/real-time-cancel", test_real_time_cancel);

#undef ADD

  return g_test_run ();
}
