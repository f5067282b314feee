#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HS_TYPE_ERROR_PAGE (hs_error_page_get_type ())

G_DECLARE_FINAL_TYPE (HsErrorPage, hs_error_page, HS, ERROR_PAGE, AdwBin)

/* A status page for each error of doc/api-protocol.md §3: what happened, what to do, and
 * one button that does it ("app.preferences", "win.reload" or
 * "win.focus-entry"). An invalid response also shows its details, with a
 * button to copy them for a bug report. */
GtkWidget     *hs_error_page_new               (void);
/* @note_id: (nullable): the note that failed, for the details. */
void           hs_error_page_set_error         (HsErrorPage   *self,
                                                const GError  *error,
                                                const char    *note_id);
/* The client waits before a retry (its "waiting" signal): say why and count
 * the seconds down live. */
void           hs_error_page_show_countdown    (HsErrorPage   *self,
                                                const GError  *reason,
                                                guint          seconds,
                                                gboolean       pacing);
/* What is shown, for tests and the accessibility tree alike. */
/* No access token and the API source: nothing was sent; the button opens
 * the token row of the preferences ("app.set-access-token"). */
void           hs_error_page_show_token_needed (HsErrorPage   *self);
AdwStatusPage *hs_error_page_get_status_page   (HsErrorPage   *self);
GtkButton     *hs_error_page_get_action_button (HsErrorPage   *self);
/* "Trying again in 2 seconds…" while counting down, else NULL. */
const char    *hs_error_page_get_countdown     (HsErrorPage   *self);
/* NULL when this error has no details to copy. */
const char    *hs_error_page_get_details       (HsErrorPage   *self);

G_END_DECLS
