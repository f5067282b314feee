#pragma once

#include "hs-client.h"

G_BEGIN_DECLS

/* For tests only. */

/* Bodies of at least @bytes are parsed in a worker thread (default
 * 256 KiB). */
void           hs_client_set_parse_in_thread_bytes (HsClient             *self,
                                                    gsize                 bytes);
/* How many bodies a thread other than the caller's parsed. */
guint          hs_client_get_worker_parses         (HsClient             *self);
/* Response body bytes this client has read so far, over all calls (to show
 * that an oversized body is cut off while reading). */
guint64        hs_client_get_body_bytes_read       (HsClient             *self);

G_END_DECLS
