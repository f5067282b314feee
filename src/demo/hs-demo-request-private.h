#pragma once

#include <libsoup/soup.h>

#include "hs-demo-request.h"

G_BEGIN_DECLS

/* The request as @msg brought it, received at @time (the server's clock). */
HsDemoRequest *hs_demo_request_new        (SoupServerMessage *msg,
                                           const char        *path,
                                           GHashTable        *query_params,
                                           GDateTime         *time);
void           hs_demo_request_set_status (HsDemoRequest     *request,
                                           guint              status);

G_END_DECLS
