#pragma once

#include <json-glib/json-glib.h>

#include "hs-demo-server.h"

G_BEGIN_DECLS

/* What the website pages (hs-demo-web.c) borrow from the server. */

/* Returns: (nullable) (transfer none): the sample note of that id, any case */
JsonObject *hs_demo_server_lookup_note         (HsDemoServer *self,
                                                const char   *note_id);
/* The sample's {cdn} and {origin} filled in for this server. */
char       *hs_demo_server_expand_placeholders (HsDemoServer *self,
                                                const char   *json);

G_END_DECLS
