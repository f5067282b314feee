#pragma once

#include <gio/gio.h>

#include "hs-config.h"
#include "hs-credentials.h"

G_BEGIN_DECLS

/* Where the access token stands. */
typedef enum
{
  HS_ACCOUNT_STATE_UNKNOWN,              /* not looked up yet */
  HS_ACCOUNT_STATE_LOADING,              /* the keyring has not answered */
  HS_ACCOUNT_STATE_NONE,                 /* looked up: there is none */
  HS_ACCOUNT_STATE_PRESENT,              /* there is one (keyring, environment or demo) */
  HS_ACCOUNT_STATE_KEYRING_UNAVAILABLE,  /* the keyring failed: "error-message" says why */
} HsAccountState;

#define HS_TYPE_ACCOUNT_STATE (hs_account_state_get_type ())
GType hs_account_state_get_type (void) G_GNUC_CONST;

#define HS_TYPE_ACCOUNT (hs_account_get_type ())

G_DECLARE_FINAL_TYPE (HsAccount, hs_account, HS, ACCOUNT, GObject)

/* The person's credentials and where they stand: the API access token and
 * app secret (in the keyring per API origin, through hs-credentials, or the
 * environment), and the website's sign-in cookie. Windows and preferences
 * bind to its properties instead of being told.
 *
 * Properties (all read-only but "web-cookie" and the construct-only
 * "config"): "state" (HsAccountState, of the access token), "has-token",
 * "token-stored" and "app-secret-stored" (the keyring holds one for this
 * origin), "fixed" (demo mode: the program set them, the keyring is not
 * asked), "error-message" (the last keyring failure, or NULL).
 *
 * Signal "credentials-changed": the token or app secret value changed (the
 * application hands them to its client then).
 *
 * Follows the config's "api-base-url": a new origin drops the old secrets
 * at once, then looks up its own. */
HsAccount      *hs_account_new                  (HsConfig             *config);
HsConfig       *hs_account_get_config           (HsAccount            *self);
/* Looks both secrets up again (cancels a lookup in flight). */
void            hs_account_load                 (HsAccount            *self);
/* Demo mode: these, not the keyring's, until the account is finalized. */
void            hs_account_set_fixed            (HsAccount            *self,
                                                 const char           *access_token,
                                                 const char           *app_secret);
gboolean        hs_account_get_fixed            (HsAccount            *self);

HsAccountState  hs_account_get_state            (HsAccount            *self);
/* Neither UNKNOWN nor LOADING: a request now goes with what there is. */
gboolean        hs_account_get_is_ready         (HsAccount            *self);
gboolean        hs_account_get_has_token        (HsAccount            *self);
gboolean        hs_account_get_token_stored     (HsAccount            *self);
gboolean        hs_account_get_app_secret_stored (HsAccount           *self);
const char     *hs_account_get_error_message    (HsAccount            *self);
/* NULL when there is none. */
const char     *hs_account_get_access_token     (HsAccount            *self);
const char     *hs_account_get_app_secret       (HsAccount            *self);

/* The website's sign-in cookie (memory only for now). */
const char     *hs_account_get_web_cookie       (HsAccount            *self);
void            hs_account_set_web_cookie       (HsAccount            *self,
                                                 const char           *web_cookie);

/* Stores @value for the current origin and, on success, uses it (unless
 * fixed). @warning as for hs_credentials_store_finish(). A failure also
 * sets "error-message"; the caller keeps what was typed. */
void            hs_account_store_async          (HsAccount            *self,
                                                 HsCredentialKind      kind,
                                                 const char           *value,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        hs_account_store_finish         (HsAccount            *self,
                                                 GAsyncResult         *result,
                                                 char                **warning,
                                                 GError              **error);
/* Removes the stored one and stops using it (unless fixed). */
void            hs_account_clear_async          (HsAccount            *self,
                                                 HsCredentialKind      kind,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        hs_account_clear_finish         (HsAccount            *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
