#pragma once

#include "hs-demo-request.h"

G_BEGIN_DECLS

HsDemoRequest *hs_demo_request_new        (const char *method,
                                           const char *path,
                                           const char *query,
                                           GHashTable *query_params,
                                           const char *host,
                                           const char *referer,
                                           gboolean    has_authorization,
                                           const char *user_agent,
                                           GDateTime  *time);
void           hs_demo_request_set_status (HsDemoRequest *request,
                                           guint          status);
void           hs_demo_request_set_has_cookie (HsDemoRequest *request,
                                               gboolean       has_cookie);

G_END_DECLS
