#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "hs-author.h"
#include "hs-content-html.h"
#include "hs-urls.h"
#include "hs-content-view.h"
#include "hs-image.h"
#include "hs-media-actions.h"
#include "hs-trace.h"
#include "hs-video.h"
#include "hs-webkit-shell.h"

/* How the body stays harmless:
 * - JavaScript markup is off, so the page has no script at all: WebKit drops <script>,
 *   event handler attributes and javascript: URLs while parsing. JavaScript itself stays on
 *   only for our own isolated script world, which measures the content's height (the
 *   WebKit API refuses to run any script when it is off, even ours).
 * - The default content security policy lets the page load nothing but pictures of our
 *   scheme, whose handler serves only the note's own pictures and only to our views.
 * - Every navigation but our own document's is refused; a click on an http(s) link goes to
 *   the browser.
 * - The views share one ephemeral network session and one web context (HsWebKitShell):
 *   nothing reaches the disk, and the web process started at start-up serves every note. */

#define SCRIPT_WORLD        "hongshu"
#define HEIGHT_MESSAGE      "hsHeight"
#define DOCUMENT_BASE_URI   "about:blank"
/* A body that keeps growing as its view grows (a 110vh element) stops here. */
#define MAX_CONTENT_HEIGHT  50000
/* Reloads after the web process ended, per note. */
#define MAX_RELOADS         3

/* Rules the page's own CSS cannot override (user level, !important): the view measures
 * the body, so its size must be the content's; fixed and absolute elements stay inside it
 * (contain: paint), and the page never scrolls on its own. */
static const char user_style_sheet[] =
  "html { overflow: hidden !important; height: auto !important; min-height: 0 !important;"
  "       margin: 0 !important; padding: 0 !important; border: none !important; }\n"
  "body { display: flow-root !important; position: relative !important;"
  "       height: auto !important; min-height: 0 !important; max-height: none !important;"
  "       margin: 0 !important; overflow: hidden !important; contain: paint !important; }\n"
  /* What the policy blocks would leave empty frames and "Blocked Plug-in" boxes; forms
   * have nowhere to go. */
  "iframe, frame, frameset, object, embed, applet, video, audio, canvas, form, input,"
  "button, select, textarea, dialog, portal { display: none !important; }\n";

/* Runs in our isolated world, which the page cannot see. */
static const char measure_script[] =
  "(function () {\n"
  "  var body = document.body, last = -1;\n"
  "  if (!body)\n"
  "    return;\n"
  "  new ResizeObserver(function () {\n"
  "    var height = Math.ceil(body.getBoundingClientRect().height);\n"
  "    if (height !== last) {\n"
  "      last = height;\n"
  "      window.webkit.messageHandlers." HEIGHT_MESSAGE ".postMessage(height);\n"
  "    }\n"
  "  }).observe(body);\n"
  "})();\n";

static const char height_expression[] =
  "document.body ? Math.ceil(document.body.getBoundingClientRect().height) : 0";

struct _HsContentView
{
  GtkWidget       parent_instance;

  WebKitWebView  *web_view;
  HsMediaLoader  *loader;
  HsNote         *note;
  char           *content_html;    /* the note's body, rewritten */
  GStrv           media_scopes;    /* where its pictures may come from */
  GCancellable   *load_cancellable;  /* picture requests of the current document */
  GCancellable   *cancellable;       /* everything else; cancelled in dispose */
  GSimpleActionGroup *actions;

  int             content_height;
  guint           own_loads;       /* our load_html() calls not yet allowed by policy */
  guint           reloads;
  guint           reload_source;
  guint           loaded_source;
  guint           is_loaded : 1;
  guint           loaded_pending : 1;
};

G_DEFINE_FINAL_TYPE (HsContentView, hs_content_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MEDIA_LOADER,
  PROP_NOTE,
  PROP_IS_LOADED,
  PROP_CONTENT_HEIGHT,
  N_PROPS
};

enum {
  ACTIVATE_LINK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


static gboolean
is_http_uri (const char *uri)
{
  const char *scheme = g_uri_peek_scheme (uri);

  return g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0;
}

/* Our scheme */

typedef struct
{
  WebKitURISchemeRequest *request;
  char                   *url;
} MediaRequest;

static void
media_request_free (MediaRequest *data)
{
  g_clear_object (&data->request);
  g_free (data->url);
  g_free (data);
}

static void
media_request_fail (WebKitURISchemeRequest *request,
                    const char             *message)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, message);

  webkit_uri_scheme_request_finish_error (request, error);
}

static void
media_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MediaRequest *data = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *content_type = NULL;

  bytes = hs_media_loader_load_bytes_finish (HS_MEDIA_LOADER (object), result, &content_type, &error);
  if (bytes == NULL)
    {
      g_debug ("Body picture %s failed: %s", data->url, error->message);
      webkit_uri_scheme_request_finish_error (data->request, error);
      media_request_free (data);
      return;
    }

  if (content_type == NULL)
    {
      gsize size;
      gconstpointer contents = g_bytes_get_data (bytes, &size);
      g_autofree char *guessed = g_content_type_guess (NULL, contents, size, NULL);

      content_type = g_content_type_get_mime_type (guessed);
    }

  /* Only pictures, and no SVG: the scheme must never serve a document. */
  if (content_type == NULL || !g_str_has_prefix (content_type, "image/")
      || g_str_has_prefix (content_type, "image/svg"))
    {
      media_request_fail (data->request, "Not a picture");
      media_request_free (data);
      return;
    }

  stream = g_memory_input_stream_new_from_bytes (bytes);
  webkit_uri_scheme_request_finish (data->request, stream, g_bytes_get_size (bytes), content_type);
  media_request_free (data);
}

/* The shell hands us the requests of our own view only. */
static void
media_scheme_request_cb (WebKitURISchemeRequest *request,
                         gpointer                user_data)
{
  HsContentView *self = user_data;
  g_autofree char *url = NULL;
  MediaRequest *data;

  if (self->loader == NULL)
    {
      media_request_fail (request, "Not allowed");
      return;
    }

  /* The page's CSS could name any address of our scheme: the policy holds here too. */
  url = hs_media_uri_get_url (webkit_uri_scheme_request_get_uri (request));
  if (url == NULL
      || g_strcmp0 (webkit_uri_scheme_request_get_http_method (request), "GET") != 0
      || !hs_urls_media_allowed (url, (const char * const *) self->media_scopes))
    {
      media_request_fail (request, "Not allowed");
      return;
    }

  data = g_new0 (MediaRequest, 1);
  data->request = g_object_ref (request);
  data->url = g_steal_pointer (&url);
  hs_media_loader_load_bytes_async (self->loader, data->url, self->load_cancellable,
                                    media_loaded_cb, data);
}

static WebKitUserContentManager *
create_user_content_manager (void)
{
  WebKitUserContentManager *manager = webkit_user_content_manager_new ();
  g_autoptr(WebKitUserStyleSheet) sheet = NULL;
  g_autoptr(WebKitUserScript) script = NULL;

  sheet = webkit_user_style_sheet_new (user_style_sheet, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                       WEBKIT_USER_STYLE_LEVEL_USER, NULL, NULL);
  webkit_user_content_manager_add_style_sheet (manager, sheet);

  script = webkit_user_script_new_for_world (measure_script, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             SCRIPT_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (manager, script);

  return manager;
}

static char *
interface_font_family (GtkWidget *widget)
{
  g_autofree char *font_name = NULL;
  g_autoptr(PangoFontDescription) description = NULL;

  g_object_get (gtk_widget_get_settings (widget), "gtk-font-name", &font_name, NULL);
  if (font_name == NULL)
    return NULL;

  description = pango_font_description_from_string (font_name);

  return g_strdup (pango_font_description_get_family (description));
}

static char *
build_document (HsContentView *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *family = interface_font_family (GTK_WIDGET (self));

  return hs_content_html_build_document (self->content_html,
                                         hs_webkit_shell_get_stylesheet (hs_webkit_shell_get_default ()),
                                         family,
                                         adw_style_manager_get_dark (style_manager));
}

/**
 * hs_content_view_prewarm:
 *
 * Starts the web process that will render note bodies, with our stylesheet and fonts
 * loaded, so that the first body shows without that delay. Call it early at start-up;
 * views created afterwards share the process.
 */
void
hs_content_view_prewarm (void)
{
  HsWebKitShell *shell = hs_webkit_shell_get_default ();
  g_autoptr(WebKitUserContentManager) manager = NULL;
  g_autofree char *document = NULL;

  if (hs_webkit_shell_get_is_prewarmed (shell))
    return;

  manager = create_user_content_manager ();
  document = hs_content_html_build_document ("<p>红薯</p>", hs_webkit_shell_get_stylesheet (shell),
                                             NULL, FALSE);
  hs_webkit_shell_prewarm (shell, manager, document, DOCUMENT_BASE_URI);
}

/* Height */

static void
set_content_height (HsContentView *self,
                    int            height)
{
  height = CLAMP (height, 0, MAX_CONTENT_HEIGHT);
  if (height == self->content_height)
    return;

  self->content_height = height;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_HEIGHT]);
}

static void
height_message_cb (WebKitUserContentManager *manager,
                   JSCValue                 *value,
                   HsContentView            *self)
{
  if (jsc_value_is_number (value))
    set_content_height (self, jsc_value_to_int32 (value));
}

static void
set_is_loaded (HsContentView *self,
               gboolean       is_loaded)
{
  if (self->is_loaded == !!is_loaded)
    return;

  self->is_loaded = !!is_loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_LOADED]);
}

static void
finish_loading (HsContentView *self)
{
  self->loaded_pending = FALSE;
  g_clear_handle_id (&self->loaded_source, g_source_remove);

  if (self->note == NULL)
    return;

  hs_trace_mark ("body-loaded %s", hs_note_get_note_id (self->note));
  set_is_loaded (self, TRUE);
}

static gboolean
finish_loading_cb (gpointer user_data)
{
  HsContentView *self = user_data;

  self->loaded_source = 0;
  finish_loading (self);

  return G_SOURCE_REMOVE;
}

typedef struct
{
  HsContentView *self;
  HsNote        *note;
} Measure;

static void
measured_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Measure *measure = user_data;
  g_autoptr(HsContentView) self = measure->self;
  g_autoptr(HsNote) note = measure->note;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  g_free (measure);

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not measure the note body: %s", error->message);
    }
  else if (jsc_value_is_number (value))
    {
      set_content_height (self, jsc_value_to_int32 (value));
    }

  /* Another note may have come meanwhile. */
  if (note != self->note || note == NULL)
    return;

  /* Loaded means shown whole: wait for the allocation that gives it its height. */
  self->loaded_pending = TRUE;
  if (gtk_widget_get_height (GTK_WIDGET (self->web_view)) >= MAX (self->content_height, 1))
    finish_loading (self);
  else
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 HsContentView   *self)
{
  Measure *measure;

  if (event != WEBKIT_LOAD_FINISHED)
    return;

  /* The load event waits for the pictures, so the height is final but for reflows, which
   * the measuring script reports. */
  measure = g_new0 (Measure, 1);
  measure->self = g_object_ref (self);
  measure->note = self->note != NULL ? g_object_ref (self->note) : NULL;
  webkit_web_view_evaluate_javascript (web_view, height_expression, -1, SCRIPT_WORLD, NULL,
                                       self->cancellable, measured_cb, measure);
}

/* Loading */

static void
load_document (HsContentView *self)
{
  g_autofree char *document = build_document (self);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  set_is_loaded (self, FALSE);
  self->loaded_pending = FALSE;
  g_clear_handle_id (&self->loaded_source, g_source_remove);
  self->own_loads++;
  webkit_web_view_load_html (self->web_view, document, DOCUMENT_BASE_URI);
}

static void
update_dark (HsContentView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autofree char *script = NULL;

  /* Restyle in place rather than reload: no flash, no second round of requests. */
  script = g_strdup_printf ("document.documentElement.classList.toggle('hs-dark', %s);",
                            dark ? "true" : "false");
  webkit_web_view_evaluate_javascript (self->web_view, script, -1, SCRIPT_WORLD, NULL,
                                       self->cancellable, NULL, NULL);
}

static void
dark_changed_cb (AdwStyleManager *style_manager,
                 GParamSpec      *pspec,
                 HsContentView   *self)
{
  update_dark (self);
}

static gboolean
reload_cb (gpointer user_data)
{
  HsContentView *self = user_data;

  self->reload_source = 0;
  load_document (self);

  return G_SOURCE_REMOVE;
}

static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           HsContentView                     *self)
{
  set_is_loaded (self, FALSE);

  if (self->reloads >= MAX_RELOADS)
    {
      g_warning ("The web process showing the note body ended again (reason %d); giving up",
                 reason);
      return;
    }

  g_message ("The web process showing the note body ended (reason %d); reloading", reason);
  self->reloads++;
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_cb, self);
}

/* Navigation */

static gboolean
hs_content_view_real_activate_link (HsContentView *self,
                                    const char    *uri)
{
  hs_media_open_uri (GTK_WIDGET (self), uri);

  return TRUE;
}

static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  HsContentView            *self)
{
  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      {
        WebKitNavigationPolicyDecision *navigation = WEBKIT_NAVIGATION_POLICY_DECISION (decision);
        WebKitNavigationAction *action = webkit_navigation_policy_decision_get_navigation_action (navigation);
        const char *uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
        WebKitNavigationType navigation_type = webkit_navigation_action_get_navigation_type (action);

        if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION
            && self->own_loads > 0
            && navigation_type == WEBKIT_NAVIGATION_TYPE_OTHER
            && g_strcmp0 (uri, DOCUMENT_BASE_URI) == 0)
          {
            self->own_loads--;
            webkit_policy_decision_use (decision);
            return TRUE;
          }

        /* With page script off a link click can only come from a person. Everything else
         * (meta refresh, forms, frames, other schemes) goes nowhere. */
        webkit_policy_decision_ignore (decision);
        /* A topic link (ours, or the website's search page) opens the
         * search in the window, not the browser. */
        if (navigation_type == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED &&
            hs_urls_parse_search_link (uri, NULL, NULL))
          gtk_widget_activate_action (GTK_WIDGET (self), "win.open-ref", "s", uri);
        else if (navigation_type == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED && is_http_uri (uri))
          {
            gboolean handled = FALSE;

            g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);
          }
        else
          {
            g_debug ("Refused a navigation to %s", uri);
          }
        return TRUE;
      }

    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      {
        WebKitResponsePolicyDecision *response = WEBKIT_RESPONSE_POLICY_DECISION (decision);
        const char *uri = webkit_uri_request_get_uri (webkit_response_policy_decision_get_request (response));

        if (g_strcmp0 (uri, DOCUMENT_BASE_URI) == 0)
          webkit_policy_decision_use (decision);
        else
          webkit_policy_decision_ignore (decision);
        return TRUE;
      }

    default:
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
}

/* Context menu */

static gboolean
context_menu_cb (WebKitWebView       *web_view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 HsContentView       *self)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  GAction *save_action;
  const char *image_uri = NULL;
  g_autofree char *image_url = NULL;

  for (GList *l = webkit_context_menu_get_items (menu); l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;

      switch ((int) webkit_context_menu_item_get_stock_action (item))
        {
        case WEBKIT_CONTEXT_MENU_ACTION_COPY:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_IMAGE_TO_CLIPBOARD:
          g_ptr_array_add (kept, g_object_ref (item));
          break;

        default:
          break;
        }
    }

  webkit_context_menu_remove_all (menu);
  for (guint i = 0; i < kept->len; i++)
    webkit_context_menu_append (menu, g_ptr_array_index (kept, i));

  save_action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "save-image");
  if (webkit_hit_test_result_context_is_image (hit_test_result))
    {
      image_uri = webkit_hit_test_result_get_image_uri (hit_test_result);
      image_url = hs_media_uri_get_url (image_uri);
    }
  if (image_url != NULL)
    {
      webkit_context_menu_append (menu,
                                  webkit_context_menu_item_new_from_gaction (save_action,
                                                                             _("Save Image…"),
                                                                             g_variant_new_string (image_uri)));
    }

  /* An empty menu would be a stray rectangle. */
  return webkit_context_menu_get_n_items (menu) == 0;
}

static void
save_image_activate_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  HsContentView *self = user_data;
  g_autofree char *url = hs_media_uri_get_url (g_variant_get_string (parameter, NULL));

  if (url == NULL || self->loader == NULL)
    return;

  hs_media_save_interactive (GTK_WIDGET (self), self->loader, url, NULL, FALSE, self->cancellable);
}

/* The widget */

static void
hs_content_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  HsContentView *self = HS_CONTENT_VIEW (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      /* Never 0: a WebKitWebView once allocated no height paints nothing after it grows. */
      *minimum = *natural = MAX (self->content_height, 1);
    }
  else
    {
      gtk_widget_measure (GTK_WIDGET (self->web_view), orientation, for_size,
                          minimum, natural, NULL, NULL);
      *minimum = 0;
    }
}

static void
hs_content_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  HsContentView *self = HS_CONTENT_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->web_view), width, height, baseline, NULL);

  /* Not from within the allocation: handlers of notify::is-loaded may resize things. */
  if (self->loaded_pending && height >= MAX (self->content_height, 1) && self->loaded_source == 0)
    self->loaded_source = g_idle_add (finish_loading_cb, self);
}

static GtkSizeRequestMode
hs_content_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
clear_note (HsContentView *self)
{
  g_clear_object (&self->note);
  g_clear_pointer (&self->content_html, g_free);
  g_clear_pointer (&self->media_scopes, g_strfreev);
}

static void
hs_content_view_dispose (GObject *object)
{
  HsContentView *self = (HsContentView *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->loaded_source, g_source_remove);

  if (self->web_view != NULL)
    {
      hs_webkit_shell_remove_view (hs_webkit_shell_get_default (), self->web_view);
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      g_signal_handlers_disconnect_by_data (webkit_web_view_get_user_content_manager (self->web_view), self);
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }

  clear_note (self);
  g_clear_object (&self->loader);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (hs_content_view_parent_class)->dispose (object);
}

static void
hs_content_view_finalize (GObject *object)
{
  HsContentView *self = (HsContentView *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);

  G_OBJECT_CLASS (hs_content_view_parent_class)->finalize (object);
}

static void
hs_content_view_constructed (GObject *object)
{
  HsContentView *self = (HsContentView *)object;

  G_OBJECT_CLASS (hs_content_view_parent_class)->constructed (object);

  /* An empty document now starts the web process before the first note arrives. */
  load_document (self);
}

static void
hs_content_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HsContentView *self = HS_CONTENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_MEDIA_LOADER:
      g_value_set_object (value, self->loader);
      break;

    case PROP_NOTE:
      g_value_set_object (value, self->note);
      break;

    case PROP_IS_LOADED:
      g_value_set_boolean (value, self->is_loaded);
      break;

    case PROP_CONTENT_HEIGHT:
      g_value_set_int (value, self->content_height);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_content_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HsContentView *self = HS_CONTENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_MEDIA_LOADER:
      self->loader = g_value_dup_object (value);
      break;

    case PROP_NOTE:
      hs_content_view_set_note (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_content_view_class_init (HsContentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hs_content_view_constructed;
  object_class->dispose = hs_content_view_dispose;
  object_class->finalize = hs_content_view_finalize;
  object_class->get_property = hs_content_view_get_property;
  object_class->set_property = hs_content_view_set_property;

  widget_class->measure = hs_content_view_measure;
  widget_class->size_allocate = hs_content_view_size_allocate;
  widget_class->get_request_mode = hs_content_view_get_request_mode;

  properties[PROP_MEDIA_LOADER] =
    g_param_spec_object ("media-loader", NULL, NULL,
                         HS_TYPE_MEDIA_LOADER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE] =
    g_param_spec_object ("note", NULL, NULL,
                         HS_TYPE_NOTE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_IS_LOADED] =
    g_param_spec_boolean ("is-loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTENT_HEIGHT] =
    g_param_spec_int ("content-height", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATE_LINK] =
    g_signal_new_class_handler ("activate-link",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (hs_content_view_real_activate_link),
                                g_signal_accumulator_true_handled, NULL,
                                NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "content-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hs_content_view_init (HsContentView *self)
{
  g_autoptr(WebKitUserContentManager) manager = create_user_content_manager ();
  static const GActionEntry actions[] = {
    { .name = "save-image", .activate = save_image_activate_cb, .parameter_type = "s" },
  };
  GdkRGBA transparent = { 0, 0, 0, 0 };

  self->cancellable = g_cancellable_new ();
  self->load_cancellable = g_cancellable_new ();

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), actions, G_N_ELEMENTS (actions), self);

  g_signal_connect (manager, "script-message-received::" HEIGHT_MESSAGE,
                    G_CALLBACK (height_message_cb), self);
  webkit_user_content_manager_register_script_message_handler (manager, HEIGHT_MESSAGE, SCRIPT_WORLD);

  self->web_view = hs_webkit_shell_create_web_view (hs_webkit_shell_get_default (), manager,
                                                    HS_CONTENT_SECURITY_POLICY);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
  /* Like Epiphany's internal schemes: only our own views may use ours. */
  hs_webkit_shell_add_view (hs_webkit_shell_get_default (), self->web_view,
                            media_scheme_request_cb, self);

  /* The window's background shows through, so the body sits on it like the labels do. */
  webkit_web_view_set_background_color (self->web_view, &transparent);

  g_signal_connect (self->web_view, "decide-policy", G_CALLBACK (decide_policy_cb), self);
  g_signal_connect (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self);
  g_signal_connect (self->web_view, "context-menu", G_CALLBACK (context_menu_cb), self);
  g_signal_connect (self->web_view, "web-process-terminated", G_CALLBACK (web_process_terminated_cb), self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, 0);
}

/**
 * hs_content_view_new:
 * @loader: fetches the body's pictures (with the CDN's Referer, never the token)
 */
GtkWidget *
hs_content_view_new (HsMediaLoader *loader)
{
  g_return_val_if_fail (HS_IS_MEDIA_LOADER (loader), NULL);

  return g_object_new (HS_TYPE_CONTENT_VIEW,
                       "media-loader", loader,
                       NULL);
}

HsNote *
hs_content_view_get_note (HsContentView *self)
{
  g_return_val_if_fail (HS_IS_CONTENT_VIEW (self), NULL);

  return self->note;
}

static void
add_scope (GPtrArray  *scopes,
           const char *url)
{
  char *scope = hs_urls_media_scope (url);

  if (scope != NULL)
    g_ptr_array_add (scopes, scope);
}

/* The note's own media say where its body's pictures may come from. */
static GStrv
media_scopes_for_note (HsNote *note)
{
  GPtrArray *scopes = g_ptr_array_new ();
  GListModel *images = hs_note_get_images (note);
  GListModel *videos = hs_note_get_videos (note);
  HsAuthor *author = hs_note_get_author (note);

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(HsImage) image = g_list_model_get_item (images, i);

      add_scope (scopes, hs_image_get_url (image));
    }

  for (guint i = 0; i < g_list_model_get_n_items (videos); i++)
    {
      g_autoptr(HsVideo) video = g_list_model_get_item (videos, i);

      add_scope (scopes, hs_video_get_cover_url (video));
    }

  if (author != NULL)
    add_scope (scopes, hs_author_get_avatar_url (author));

  g_ptr_array_add (scopes, NULL);

  return (GStrv) g_ptr_array_free (scopes, FALSE);
}

/**
 * hs_content_view_set_note:
 * @note: (nullable): the note whose body to show
 */
void
hs_content_view_set_note (HsContentView *self,
                          HsNote        *note)
{
  g_return_if_fail (HS_IS_CONTENT_VIEW (self));
  g_return_if_fail (note == NULL || HS_IS_NOTE (note));

  if (note == self->note)
    return;

  clear_note (self);
  if (note != NULL)
    {
      self->note = g_object_ref (note);
      self->media_scopes = media_scopes_for_note (note);
      self->content_html = hs_content_html_rewrite (hs_note_get_content (note),
                                                    (const char * const *) self->media_scopes);
    }

  /* The height stays until the new body is measured: the page below does not jump twice. */
  self->reloads = 0;
  load_document (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

gboolean
hs_content_view_get_is_loaded (HsContentView *self)
{
  g_return_val_if_fail (HS_IS_CONTENT_VIEW (self), FALSE);

  return self->is_loaded;
}

int
hs_content_view_get_content_height (HsContentView *self)
{
  g_return_val_if_fail (HS_IS_CONTENT_VIEW (self), 0);

  return self->content_height;
}

/**
 * hs_content_view_get_web_view:
 *
 * Returns: (transfer none): the WebKitWebView inside, for tests
 */
GtkWidget *
hs_content_view_get_web_view (HsContentView *self)
{
  g_return_val_if_fail (HS_IS_CONTENT_VIEW (self), NULL);

  return GTK_WIDGET (self->web_view);
}
