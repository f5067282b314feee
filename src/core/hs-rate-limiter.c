#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-cancel-source.h"
#include "hs-rate-limiter.h"
#include "hs-rate-limiter-private.h"

/* A sliding log rather than a token bucket: doc/api-protocol.md §5 asks for at most
 * max_calls in ANY rolling window, and a bucket with a burst of max_calls lets
 * twice that through across a window boundary. Only the last max_calls grant
 * times matter: a new grant at `now` is allowed when the oldest of them is at
 * least one window old. */

typedef struct
{
  HsRateLimiter *self;      /* unowned: the task holds a ref */
  GTask         *task;
  GSource       *cancel_source;
} Waiter;

struct _HsRateLimiter
{
  GObject                parent_instance;

  guint                  max_calls;
  GTimeSpan              window;

  /* Ring buffer of the last grant times, oldest at log_start. Capacity is
   * max_calls (none when unlimited). */
  gint64                *log;
  guint                  log_start;
  guint                  log_len;

  GQueue                 waiters;   /* of Waiter*, head first */
  GSource               *timer;
  GMainContext          *context;

  HsRateLimiterClockFunc clock_func;
  gpointer               clock_data;
};

G_DEFINE_FINAL_TYPE (HsRateLimiter, hs_rate_limiter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_CALLS,
  PROP_WINDOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Far above any real quota; keeps the log allocation bounded. */
#define MAX_CALLS_LIMIT 1000000

static void arm_timer (HsRateLimiter *self);

static gint64
now (HsRateLimiter *self)
{
  if (self->clock_func != NULL)
    return self->clock_func (self->clock_data);
  return g_get_monotonic_time ();
}

static gint64
log_nth (HsRateLimiter *self,
         guint          n)
{
  return self->log[(self->log_start + n) % self->max_calls];
}

static void
log_push (HsRateLimiter *self,
          gint64         time)
{
  if (self->max_calls == 0)
    return;

  if (self->log_len < self->max_calls)
    {
      self->log[(self->log_start + self->log_len) % self->max_calls] = time;
      self->log_len++;
    }
  else
    {
      self->log[self->log_start] = time;
      self->log_start = (self->log_start + 1) % self->max_calls;
    }
}

/* When the next grant may happen (<= now_time if at once). */
static gint64
next_grant_time (HsRateLimiter *self,
                 gint64         now_time)
{
  if (self->max_calls == 0 || self->log_len < self->max_calls)
    return now_time;
  return MAX (now_time, log_nth (self, 0) + self->window);
}

static void
waiter_free (Waiter *waiter)
{
  hs_cancel_source_clear (&waiter->cancel_source);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static void
clear_timer (HsRateLimiter *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

static void
grant (HsRateLimiter *self,
       GTask         *task,
       gint64         now_time)
{
  log_push (self, now_time);
  g_task_return_boolean (task, TRUE);
}

void
hs_rate_limiter_process (HsRateLimiter *self)
{
  gint64 now_time;

  g_return_if_fail (HS_IS_RATE_LIMITER (self));

  /* Keep ourselves alive: returning the last task may drop the last ref. */
  g_object_ref (self);

  now_time = now (self);
  while (!g_queue_is_empty (&self->waiters) &&
         next_grant_time (self, now_time) <= now_time)
    {
      Waiter *waiter = g_queue_pop_head (&self->waiters);
      g_autoptr(GTask) task = g_steal_pointer (&waiter->task);

      waiter_free (waiter);
      grant (self, task, now_time);
    }

  arm_timer (self);

  g_object_unref (self);
}

static gboolean
timer_cb (gpointer user_data)
{
  HsRateLimiter *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  hs_rate_limiter_process (self);

  return G_SOURCE_REMOVE;
}

/* One timer for the head waiter only: the others cannot pass before it. */
static void
arm_timer (HsRateLimiter *self)
{
  gint64 now_time;
  GTimeSpan delay;

  clear_timer (self);

  /* An injected clock does not move by itself: a real timer would fire
   * again and again. The test calls hs_rate_limiter_process() instead. */
  if (g_queue_is_empty (&self->waiters) || self->clock_func != NULL)
    return;

  now_time = now (self);
  delay = next_grant_time (self, now_time) - now_time;

  self->timer = g_timeout_source_new (0);
  /* Microseconds, where g_timeout_add() would round to milliseconds and
   * could fire a hair early for the window. */
  g_source_set_ready_time (self->timer, g_get_monotonic_time () + MAX (delay, 0));
  g_source_set_priority (self->timer, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->timer, timer_cb, self, NULL);
  g_source_set_static_name (self->timer, "[hongshu] rate limiter");
  g_source_attach (self->timer, self->context);
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  HsRateLimiter *self = waiter->self;
  g_autoptr(GTask) task = g_steal_pointer (&waiter->task);

  g_queue_remove (&self->waiters, waiter);
  /* Destroying the source we run in is allowed; the waiter frees its ref.
   * The timer stays: the next waiter cannot pass before the cancelled one
   * would have, and process() re-arms for it. */
  waiter_free (waiter);

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           "%s", _("Waiting for the rate limit was cancelled"));

  return G_SOURCE_REMOVE;
}

void
hs_rate_limiter_acquire_async (HsRateLimiter       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Waiter *waiter;
  gint64 now_time;

  g_return_if_fail (HS_IS_RATE_LIMITER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_rate_limiter_acquire_async);
  /* Once granted, the slot is spent: report it even if the caller cancels
   * between the grant and its callback. */
  g_task_set_check_cancellable (task, FALSE);

  if (g_task_return_error_if_cancelled (task))
    return;

  now_time = now (self);
  if (g_queue_is_empty (&self->waiters) &&
      next_grant_time (self, now_time) <= now_time)
    {
      grant (self, task, now_time);
      return;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->self = self;
  waiter->task = g_steal_pointer (&task);
  waiter->cancel_source = hs_cancel_source_attach (cancellable, self->context,
                                                   G_SOURCE_FUNC (waiter_cancelled_cb), waiter,
                                                   "[hongshu] rate limiter cancel");
  g_queue_push_tail (&self->waiters, waiter);

  if (self->waiters.length == 1)
    arm_timer (self);
}

gboolean
hs_rate_limiter_acquire_finish (HsRateLimiter  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (HS_IS_RATE_LIMITER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GTimeSpan
hs_rate_limiter_get_wait (HsRateLimiter *self)
{
  g_autofree gint64 *times = NULL;
  guint n, len;
  gint64 now_time;
  gint64 t = 0;

  g_return_val_if_fail (HS_IS_RATE_LIMITER (self), 0);

  now_time = now (self);
  if (self->max_calls == 0)
    return 0;

  /* Replay the queue: waiter i passes one window after the grant max_calls
   * before it, and the caller arriving now comes after all of them. */
  n = self->waiters.length + 1;
  times = g_new (gint64, self->log_len + n);
  for (len = 0; len < self->log_len; len++)
    times[len] = log_nth (self, len);
  for (guint i = 0; i < n; i++)
    {
      t = len < self->max_calls ? now_time
                                : MAX (now_time, times[len - self->max_calls] + self->window);
      times[len++] = t;
    }

  return t - now_time;
}

guint
hs_rate_limiter_get_n_waiting (HsRateLimiter *self)
{
  g_return_val_if_fail (HS_IS_RATE_LIMITER (self), 0);

  return self->waiters.length;
}

guint
hs_rate_limiter_get_max_calls (HsRateLimiter *self)
{
  g_return_val_if_fail (HS_IS_RATE_LIMITER (self), 0);

  return self->max_calls;
}

GTimeSpan
hs_rate_limiter_get_window (HsRateLimiter *self)
{
  g_return_val_if_fail (HS_IS_RATE_LIMITER (self), 0);

  return self->window;
}

void
hs_rate_limiter_set_max_calls (HsRateLimiter *self,
                               guint          max_calls)
{
  gint64 *log;
  guint keep;

  g_return_if_fail (HS_IS_RATE_LIMITER (self));

  max_calls = MIN (max_calls, MAX_CALLS_LIMIT);
  if (self->max_calls == max_calls)
    return;

  /* The newest grants are the ones that still constrain the new limit.
   * Coming from unlimited there is no history to keep. */
  keep = MIN (self->log_len, max_calls);
  log = max_calls > 0 ? g_new0 (gint64, max_calls) : NULL;
  for (guint i = 0; i < keep; i++)
    log[i] = log_nth (self, self->log_len - keep + i);

  g_free (self->log);
  self->log = log;
  self->log_start = 0;
  self->log_len = keep;
  self->max_calls = max_calls;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_CALLS]);

  /* A higher limit may let waiters pass now, a lower one moves the timer. */
  hs_rate_limiter_process (self);
}

void
hs_rate_limiter_set_clock_func (HsRateLimiter          *self,
                                HsRateLimiterClockFunc  clock_func,
                                gpointer                user_data)
{
  g_return_if_fail (HS_IS_RATE_LIMITER (self));

  self->clock_func = clock_func;
  self->clock_data = user_data;
}

HsRateLimiter *
hs_rate_limiter_new (guint     max_calls,
                     GTimeSpan window)
{
  return g_object_new (HS_TYPE_RATE_LIMITER,
                       "max-calls", max_calls,
                       "window", window,
                       NULL);
}

static void
hs_rate_limiter_dispose (GObject *object)
{
  HsRateLimiter *self = HS_RATE_LIMITER (object);
  Waiter *waiter;

  clear_timer (self);

  /* Only reachable with waiters through g_object_run_dispose(), as each
   * task holds a ref on us; fail them rather than leave them hanging. */
  while ((waiter = g_queue_pop_head (&self->waiters)) != NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&waiter->task);

      waiter_free (waiter);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("The rate limiter was shut down"));
    }

  G_OBJECT_CLASS (hs_rate_limiter_parent_class)->dispose (object);
}

static void
hs_rate_limiter_finalize (GObject *object)
{
  HsRateLimiter *self = HS_RATE_LIMITER (object);

  g_clear_pointer (&self->log, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (hs_rate_limiter_parent_class)->finalize (object);
}

static void
hs_rate_limiter_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HsRateLimiter *self = HS_RATE_LIMITER (object);

  switch (prop_id)
    {
    case PROP_MAX_CALLS:
      g_value_set_uint (value, self->max_calls);
      break;

    case PROP_WINDOW:
      g_value_set_int64 (value, self->window);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_rate_limiter_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HsRateLimiter *self = HS_RATE_LIMITER (object);

  switch (prop_id)
    {
    case PROP_MAX_CALLS:
      hs_rate_limiter_set_max_calls (self, g_value_get_uint (value));
      break;

    case PROP_WINDOW:
      self->window = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_rate_limiter_class_init (HsRateLimiterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_rate_limiter_dispose;
  object_class->finalize = hs_rate_limiter_finalize;
  object_class->get_property = hs_rate_limiter_get_property;
  object_class->set_property = hs_rate_limiter_set_property;

  properties[PROP_MAX_CALLS] =
    g_param_spec_uint ("max-calls", NULL, NULL,
                       0, MAX_CALLS_LIMIT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_WINDOW] =
    g_param_spec_int64 ("window", NULL, NULL,
                        1, G_MAXINT64, 60 * G_TIME_SPAN_SECOND,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_rate_limiter_init (HsRateLimiter *self)
{
  self->window = 60 * G_TIME_SPAN_SECOND;
  self->context = g_main_context_ref_thread_default ();
  g_queue_init (&self->waiters);
}
