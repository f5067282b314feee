#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Request signing of doc/api-protocol.md §4.
 *
 * @query maps raw (unescaped) parameter names to raw values, both char*.
 * A "sign" entry, if present, is ignored. Keys sort by their bytes (strcmp).
 *
 *   canonical = path + "?" + join ("&", sorted "k=v") + app_secret
 *   sign      = lowercase hex MD5 (canonical)
 */
char *hs_sign_canonical_string (const char *path,
                                GHashTable *query,
                                const char *app_secret);
char *hs_sign_compute          (const char *path,
                                GHashTable *query,
                                const char *app_secret);

G_END_DECLS
