#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* With HONGSHU_TRACE=1, prints "hongshu-trace <monotonic µs> <event>" to
 * stderr: build-aux/bench-window.sh times a note from Enter to its title,
 * its first picture and its body with it. Costs one branch otherwise. */
gboolean hs_trace_enabled (void);
void     hs_trace_mark    (const char *format,
                           ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
