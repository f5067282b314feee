#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one answer of the website means (WEB.md §3), as a pure function of
 * the answer: the source follows redirects by hand and asks this at every
 * hop, because where the chain ends says what happened. */
typedef enum
{
  HS_WEB_STEP_PAGE,    /* 2xx: read the page */
  HS_WEB_STEP_FOLLOW,  /* a redirect to follow: *out_next_url */
  HS_WEB_STEP_FAILED,  /* a wall or an error: @error set */
} HsWebStep;

/* @url: the URL that was asked for; @location: (nullable): the Location
 * header of a redirect, resolved against @url. */
HsWebStep hs_web_outcome_classify (guint        status,
                                   const char  *url,
                                   const char  *location,
                                   char       **out_next_url,
                                   GError     **error);

/* The wall a website address stands for, or NULL when it is none (a note
 * page, or anywhere else): a sign-in or error page with its error_code, the
 * home page, /404. Also for where a short link leads. */
GError   *hs_web_outcome_error_for_url (const char *url);

G_END_DECLS
