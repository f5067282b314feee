#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HS_ERROR (hs_error_quark ())

/* One code per row of doc/api-protocol.md §3, plus what the client itself can reject. */
typedef enum
{
  HS_ERROR_BAD_REQUEST,        /* 400 */
  HS_ERROR_UNAUTHORIZED,       /* 401 */
  HS_ERROR_FORBIDDEN,          /* 403 */
  HS_ERROR_NOT_FOUND,          /* 404 */
  HS_ERROR_RATE_LIMITED,       /* 429 */
  HS_ERROR_SERVER,             /* 5xx */
  HS_ERROR_NETWORK,            /* DNS, connect, TLS, timeout */
  HS_ERROR_INVALID_RESPONSE,   /* not JSON, wrong shape, id mismatch, too big */
  HS_ERROR_INVALID_REFERENCE,  /* text that holds no note id or short link */
  HS_ERROR_FAILED,             /* anything else */
  /* The website's answers, WEB.md §3: a wall is an answer, never retried. */
  HS_ERROR_SIGN_IN_REQUIRED,   /* a sign-in page, or 300017: a fresh link or a sign-in */
  HS_ERROR_LINK_REFUSED,       /* the home page: the link's xsec_token missing or refused */
  HS_ERROR_VERIFICATION,       /* 461/471: a captcha is demanded */
  HS_ERROR_TOO_MANY_VISITS,    /* 300013 */
  HS_ERROR_NOTE_UNAVAILABLE,   /* /404, 300031, -510000, -510001: deleted or private */
  HS_ERROR_RESTRICTED,         /* 300011/300012: the account or the address is restricted */
  HS_ERROR_NO_NOTE_IN_PAGE,    /* a page whose state holds no note */
  HS_ERROR_UNREADABLE_PAGE,    /* a page without a readable state */
} HsError;

/* Hard limits of doc/api-protocol.md §2. */
#define HS_MAX_RESPONSE_BYTES (8 * 1024 * 1024)
#define HS_MAX_IMAGES 100
#define HS_MAX_VIDEOS 20

GQuark    hs_error_quark            (void);
GError   *hs_error_new_for_api_code (int          code,
                                     const char  *server_message);
GError   *hs_error_new_for_web      (HsError      code,
                                     const char  *site_message);
gboolean  hs_error_is_retryable     (const GError *error);
int       hs_error_exit_code        (const GError *error);

G_END_DECLS
