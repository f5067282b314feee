#include "config.h"

#include <stdio.h>

#include "hs-trace.h"

gboolean
hs_trace_enabled (void)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = g_strcmp0 (g_getenv ("HONGSHU_TRACE"), "1") == 0;
  return enabled;
}

void
hs_trace_mark (const char *format,
               ...)
{
  g_autofree char *event = NULL;
  va_list args;

  if (!hs_trace_enabled ())
    return;

  va_start (args, format);
  event = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "hongshu-trace %" G_GINT64_FORMAT " %s\n", g_get_monotonic_time (), event);
  fflush (stderr);
}
