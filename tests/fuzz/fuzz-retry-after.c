/* The Retry-After header (delta-seconds or an HTTP date) as a server may send it. */

#include <glib.h>

#include "hs-client.h"
#include "hs-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *value = g_strndup ((const char *) data, size);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (1745591400);
  GTimeSpan delay;

  delay = hs_client_parse_retry_after (value, now);
  g_assert (delay >= -1);
  delay = hs_client_parse_retry_after (value, NULL);
  g_assert (delay >= -1);

  return 0;
}
