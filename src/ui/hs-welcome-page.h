#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HS_TYPE_WELCOME_PAGE (hs_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (HsWelcomePage, hs_welcome_page, HS, WELCOME_PAGE, AdwBin)

/* The first page without an access token: what the token is, where to get
 * it, and two ways on: "app.set-access-token" and "app.demo". */
GtkWidget     *hs_welcome_page_new             (void);
AdwStatusPage *hs_welcome_page_get_status_page (HsWelcomePage *self);

G_END_DECLS
