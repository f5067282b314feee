#include "config.h"

#include <glib/gi18n.h>

#include "hs-error.h"
#include "hs-error-page.h"

struct _HsErrorPage
{
  AdwBin         parent_instance;

  AdwStatusPage *status_page;
  GtkLabel      *countdown_label;
  GtkButton     *action_button;
  GtkWidget     *details_box;
  GtkLabel      *details_label;

  char          *details;
  guint          countdown_seconds;
  guint          countdown_source;
};

G_DEFINE_FINAL_TYPE (HsErrorPage, hs_error_page, ADW_TYPE_BIN)

typedef struct
{
  const char *icon_name;
  const char *title;
  const char *advice;
  const char *button_label;
  const char *action_name;
  gboolean    has_details;
} ErrorState;

/* One state per row of doc/api-protocol.md §3, each telling what to do next. */
static ErrorState
error_state_for (const GError *error)
{
  HsError code = HS_ERROR_FAILED;

  if (error != NULL && error->domain == HS_ERROR)
    code = error->code;

  switch (code)
    {
    case HS_ERROR_UNAUTHORIZED:
      return (ErrorState) {
        "dialog-password-symbolic",
        _("Access Token Not Accepted"),
        _("Check the access token in Preferences, or get a new one from the Xiaohongshu Open Platform."),
        _("Open Preferences"), "app.preferences", FALSE,
      };

    case HS_ERROR_FORBIDDEN:
      return (ErrorState) {
        "channel-secure-symbolic",
        _("No Permission to View This Note"),
        _("The author may have made the note private, or your access token may lack the permission. Go back, or open another note."),
        _("Open Another Note"), "win.focus-entry", FALSE,
      };

    case HS_ERROR_NOT_FOUND:
      return (ErrorState) {
        "edit-find-symbolic",
        _("Note Not Found"),
        _("Check that the link is complete, or open another note."),
        _("Open Another Note"), "win.focus-entry", FALSE,
      };

    case HS_ERROR_RATE_LIMITED:
      return (ErrorState) {
        "preferences-system-time-symbolic",
        _("Xiaohongshu Asks to Slow Down"),
        _("The API allows a limited number of requests a minute. Wait a moment, then try again."),
        _("Try Again"), "win.reload", FALSE,
      };

    case HS_ERROR_SERVER:
      return (ErrorState) {
        "computer-fail-symbolic",
        _("The Server Has a Problem"),
        _("This is not caused by anything on your computer. Try again in a few minutes."),
        _("Try Again"), "win.reload", FALSE,
      };

    case HS_ERROR_NETWORK:
      return (ErrorState) {
        "network-offline-symbolic",
        _("Can’t Reach the Server"),
        _("Check your internet connection and the API address in Preferences, then try again."),
        _("Try Again"), "win.reload", FALSE,
      };

    case HS_ERROR_INVALID_RESPONSE:
      return (ErrorState) {
        "dialog-warning-symbolic",
        _("Unexpected Response"),
        _("The server answered in a form that Hongshu does not understand. If this keeps happening, copy the details into a bug report."),
        _("Try Again"), "win.reload", TRUE,
      };

    case HS_ERROR_BAD_REQUEST:
      return (ErrorState) {
        "dialog-error-symbolic",
        _("Request Refused"),
        _("The link may be incomplete or the note may not be open to the API. Go back, or open another note; if every note fails, check the API address and the app key in Preferences."),
        _("Open Another Note"), "win.focus-entry", FALSE,
      };

    case HS_ERROR_INVALID_REFERENCE:
      return (ErrorState) {
        "edit-paste-symbolic",
        _("Not a Note Link"),
        _("Paste a note link, a note ID, or the text that the Xiaohongshu app copies when you share a note."),
        _("Open Another Note"), "win.focus-entry", FALSE,
      };

    case HS_ERROR_SIGN_IN_REQUIRED:
      return (ErrorState) {
        "system-users-symbolic",
        _("Sign-In or Fresh Link Needed"),
        _("Xiaohongshu shows this note only to signed-in visitors, or the link has expired. Sign in under Preferences, or share the note again in the app for a fresh link."),
        _("Open Preferences"), "app.preferences", TRUE,
      };

    case HS_ERROR_LINK_REFUSED:
      return (ErrorState) {
        "edit-paste-symbolic",
        _("The Link Needs Its Token"),
        _("The website opens a note only from its full share link, the one with “xsec_token” in it, or for a signed-in visitor. Paste the whole share text, or sign in under Preferences."),
        _("Open Another Note"), "win.focus-entry", FALSE,
      };

    case HS_ERROR_VERIFICATION:
      return (ErrorState) {
        "security-medium-symbolic",
        _("Xiaohongshu Wants a Verification"),
        _("The website asks for a captcha. Open the note once in your browser and solve it, then try again later."),
        _("Try Again"), "win.reload", FALSE,
      };

    case HS_ERROR_TOO_MANY_VISITS:
      return (ErrorState) {
        "preferences-system-time-symbolic",
        _("Too Many Visits"),
        _("Xiaohongshu saw too many visits in a short time. Wait a few minutes before opening more notes."),
        _("Try Again"), "win.reload", TRUE,
      };

    case HS_ERROR_NOTE_UNAVAILABLE:
      return (ErrorState) {
        "edit-find-symbolic",
        _("Note Not Available"),
        _("The note was deleted, made private, or cannot be viewed right now."),
        _("Open Another Note"), "win.focus-entry", TRUE,
      };

    case HS_ERROR_RESTRICTED:
      return (ErrorState) {
        "action-unavailable-symbolic",
        _("Account or Address Restricted"),
        _("Xiaohongshu restricted the signed-in account or this network address. Sign in with another account under Preferences, or try again later."),
        _("Open Preferences"), "app.preferences", TRUE,
      };

    case HS_ERROR_NO_NOTE_IN_PAGE:
      return (ErrorState) {
        "edit-find-symbolic",
        _("No Note on the Page"),
        _("The note page came back without the note: it may be unavailable, or shown only to signed-in visitors."),
        _("Open Another Note"), "win.focus-entry", FALSE,
      };

    case HS_ERROR_UNREADABLE_PAGE:
      return (ErrorState) {
        "dialog-warning-symbolic",
        _("Note Page Not Readable"),
        _("The page did not hold a note in a form Hongshu knows; Xiaohongshu may have changed its pages. If this keeps happening, copy the details into a bug report."),
        _("Try Again"), "win.reload", TRUE,
      };

    case HS_ERROR_FAILED:
    default:
      return (ErrorState) {
        "dialog-error-symbolic",
        _("Something Went Wrong"),
        _("Try again. If this keeps happening, copy the details into a bug report."),
        _("Try Again"), "win.reload", TRUE,
      };
    }
}

static void
stop_countdown (HsErrorPage *self)
{
  g_clear_handle_id (&self->countdown_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), FALSE);
}

static void
update_countdown (HsErrorPage *self)
{
  g_autofree char *text = NULL;

  if (self->countdown_seconds > 0)
    text = g_strdup_printf (ngettext ("Trying again in %u second…",
                                      "Trying again in %u seconds…",
                                      self->countdown_seconds),
                            self->countdown_seconds);
  else
    text = g_strdup (_("Trying again…"));

  gtk_label_set_text (self->countdown_label, text);
}

static gboolean
countdown_tick_cb (gpointer user_data)
{
  HsErrorPage *self = user_data;

  if (self->countdown_seconds > 0)
    self->countdown_seconds--;
  update_countdown (self);

  if (self->countdown_seconds == 0)
    {
      self->countdown_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
copy_details_cb (HsErrorPage *self)
{
  if (self->details == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->details);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", _("Details copied"));
}

static void
hs_error_page_dispose (GObject *object)
{
  HsErrorPage *self = (HsErrorPage *)object;

  stop_countdown (self);
  /* AdwBin unparents the template's child itself: no
   * gtk_widget_dispose_template(), which would leave it a dangling pointer. */
  G_OBJECT_CLASS (hs_error_page_parent_class)->dispose (object);
}

static void
hs_error_page_finalize (GObject *object)
{
  HsErrorPage *self = (HsErrorPage *)object;

  g_clear_pointer (&self->details, g_free);

  G_OBJECT_CLASS (hs_error_page_parent_class)->finalize (object);
}

static void
hs_error_page_class_init (HsErrorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_error_page_dispose;
  object_class->finalize = hs_error_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-error-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HsErrorPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HsErrorPage, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, HsErrorPage, action_button);
  gtk_widget_class_bind_template_child (widget_class, HsErrorPage, details_box);
  gtk_widget_class_bind_template_child (widget_class, HsErrorPage, details_label);
  gtk_widget_class_bind_template_callback (widget_class, copy_details_cb);
}

static void
hs_error_page_init (HsErrorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hs_error_page_new (void)
{
  return g_object_new (HS_TYPE_ERROR_PAGE, NULL);
}

void
hs_error_page_set_error (HsErrorPage  *self,
                         const GError *error,
                         const char   *note_id)
{
  ErrorState state;
  g_autofree char *description = NULL;

  g_return_if_fail (HS_IS_ERROR_PAGE (self));
  g_return_if_fail (error != NULL);

  stop_countdown (self);
  state = error_state_for (error);

  adw_status_page_set_icon_name (self->status_page, state.icon_name);
  adw_status_page_set_title (self->status_page, state.title);

  g_clear_pointer (&self->details, g_free);
  if (state.has_details)
    {
      /* The raw message belongs in the details, for whoever reads the bug; the advice
       * to report it comes with where to. */
      g_autofree char *advice = g_markup_escape_text (state.advice, -1);
      g_autofree char *report = g_markup_escape_text (_("Report the problem"), -1);

      description = g_strdup_printf ("%s\n\n<a href=\"%s\">%s</a>", advice, ISSUE_URL, report);
      self->details = g_strdup_printf ("Hongshu %s\n%s: %s\n%s: %s (%s %d)\n%s",
                                       PACKAGE_VERSION,
                                       _("Note"), note_id ? note_id : "—",
                                       _("Error"), g_quark_to_string (error->domain),
                                       _("code"), error->code,
                                       error->message);
    }
  else
    {
      /* What happened (the server's own words included), then what to do. */
      g_autofree char *what = g_markup_escape_text (error->message, -1);
      g_autofree char *advice = g_markup_escape_text (state.advice, -1);

      description = g_strdup_printf ("%s\n\n%s", what, advice);
    }
  adw_status_page_set_description (self->status_page, description);

  gtk_button_set_label (self->action_button, state.button_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), state.action_name);
  gtk_widget_set_visible (GTK_WIDGET (self->action_button), TRUE);

  gtk_label_set_text (self->details_label, self->details ? self->details : "");
  gtk_widget_set_visible (self->details_box, self->details != NULL);
}

/**
 * hs_error_page_show_countdown:
 * @reason: (nullable): why the request waits
 * @seconds: how long
 * @pacing: the wait is Hongshu's own rate limiter keeping to the API's limit, not
 *   an answer from the server
 */
void
hs_error_page_show_countdown (HsErrorPage  *self,
                              const GError *reason,
                              guint         seconds,
                              gboolean      pacing)
{
  ErrorState state;
  g_autofree char *description = NULL;

  g_return_if_fail (HS_IS_ERROR_PAGE (self));

  stop_countdown (self);
  state = error_state_for (reason);

  /* What happened, in the server's words too; the wait is Hongshu's doing,
   * so there is nothing to press. */
  adw_status_page_set_icon_name (self->status_page, "preferences-system-time-symbolic");
  adw_status_page_set_title (self->status_page, pacing ? _("Hongshu Is Pacing Itself") : state.title);
  if (pacing)
    {
      g_autofree char *advice = g_markup_escape_text (_("Hongshu keeps to the number of requests a minute that the API allows, so this request waits its turn."), -1);
      g_autofree char *what = g_markup_escape_text (reason ? reason->message : "", -1);

      description = g_strdup_printf ("%s\n\n%s", advice, what);
    }
  else
    description = g_markup_escape_text (reason ? reason->message : "", -1);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->action_button), FALSE);
  gtk_widget_set_visible (self->details_box, FALSE);
  g_clear_pointer (&self->details, g_free);

  self->countdown_seconds = seconds;
  update_countdown (self);
  gtk_widget_set_visible (GTK_WIDGET (self->countdown_label), TRUE);
  if (seconds > 0)
    self->countdown_source = g_timeout_add (1000, countdown_tick_cb, self);
}

void
hs_error_page_show_token_needed (HsErrorPage *self)
{
  g_return_if_fail (HS_IS_ERROR_PAGE (self));

  stop_countdown (self);
  adw_status_page_set_icon_name (self->status_page, "dialog-password-symbolic");
  adw_status_page_set_title (self->status_page, _("Access Token Needed"));
  adw_status_page_set_description (self->status_page,
                                   _("The Xiaohongshu Open Platform answers only requests that carry your app’s access token. Nothing was sent. Set the token, and the note opens."));
  gtk_button_set_label (self->action_button, _("_Set Access Token…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->action_button), "app.set-access-token");
  gtk_widget_set_visible (GTK_WIDGET (self->action_button), TRUE);
  g_clear_pointer (&self->details, g_free);
  gtk_widget_set_visible (self->details_box, FALSE);
}

AdwStatusPage *
hs_error_page_get_status_page (HsErrorPage *self)
{
  g_return_val_if_fail (HS_IS_ERROR_PAGE (self), NULL);
  return self->status_page;
}

GtkButton *
hs_error_page_get_action_button (HsErrorPage *self)
{
  g_return_val_if_fail (HS_IS_ERROR_PAGE (self), NULL);
  return self->action_button;
}

const char *
hs_error_page_get_countdown (HsErrorPage *self)
{
  g_return_val_if_fail (HS_IS_ERROR_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->countdown_label)))
    return NULL;
  return gtk_label_get_text (self->countdown_label);
}

const char *
hs_error_page_get_details (HsErrorPage *self)
{
  g_return_val_if_fail (HS_IS_ERROR_PAGE (self), NULL);
  return self->details;
}
