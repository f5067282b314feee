#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  HS_CREDENTIAL_ACCESS_TOKEN,  /* env HONGSHU_ACCESS_TOKEN */
  HS_CREDENTIAL_APP_SECRET,    /* env HONGSHU_APP_SECRET */
} HsCredentialKind;

#define HS_CREDENTIALS_SCHEMA_NAME "io.github.hongshu.Hongshu.Credential"

/* Secrets live in the Secret Service (libsecret), schema
 * HS_CREDENTIALS_SCHEMA_NAME with the attributes "kind" ("access-token",
 * "app-secret") and, when @api_origin is not NULL, "api-origin" (see
 * hs_config_get_api_origin()): a token stored for one origin is never
 * found for another. Pass the same @api_origin (or NULL) to every call.
 *
 * Failures (no session bus, no Secret Service) are HS_ERROR_FAILED with a
 * translated message. Values are never logged. */

/* The environment variable wins over the keyring. Completes with NULL and no
 * error when nothing is stored. */
void        hs_credentials_lookup_async     (HsCredentialKind     kind,
                                             const char          *api_origin,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
char       *hs_credentials_lookup_finish    (GAsyncResult        *result,
                                             GError             **error);

/* Stores in the keyring's default collection (the environment is not
 * touched). When that collection is missing or locked and cannot be made
 * (gnome-keyring started by D-Bus activation, no prompter), the secret goes
 * into the session collection instead and @warning says so and what to do.
 * Failing both, the error says what to do (create or unlock a keyring, or
 * the environment variable). */
void        hs_credentials_store_async      (HsCredentialKind     kind,
                                             const char          *api_origin,
                                             const char          *value,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    hs_credentials_store_finish     (GAsyncResult        *result,
                                             char               **warning,
                                             GError             **error);

/* Removes from the keyring; succeeds when nothing was stored. */
void        hs_credentials_clear_async      (HsCredentialKind     kind,
                                             const char          *api_origin,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    hs_credentials_clear_finish     (GAsyncResult        *result,
                                             GError             **error);

/* "HONGSHU_ACCESS_TOKEN" or "HONGSHU_APP_SECRET". */
const char *hs_credentials_get_env_var_name (HsCredentialKind     kind);
/* TRUE when the environment variable is set and not empty, so the UI can
 * say that the keyring value is not used. */
gboolean    hs_credentials_has_env_override (HsCredentialKind     kind);

G_END_DECLS
