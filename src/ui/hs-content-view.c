#include "config.h"

#include <adwaita.h>
#include <webkit/webkit.h>

#include "hs-author.h"
#include "hs-content-html.h"
#include "hs-content-view.h"
#include "hs-content-view-internal.h"
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

/* Runs in our isolated world, which the page cannot see. It reports the body's height
 * whenever it changes, and once more with the load event (all pictures in): that last
 * report is what "loaded" waits for, with no round trip to ask for the height. It also
 * reports where the keyboard focus went inside the body (Tab to a link): the web view is
 * as tall as the body and scrolls with the note, so the note must scroll it into view. */
static const char measure_script[] =
  "(function () {\n"
  "  var body = document.body, last = -1;\n"
  "  if (!body)\n"
  "    return;\n"
  "  function height() {\n"
  "    return Math.ceil(body.getBoundingClientRect().height);\n"
  "  }\n"
  "  function loaded() {\n"
  "    window.webkit.messageHandlers." HEIGHT_MESSAGE ".postMessage({ height: height(), loaded: true });\n"
  "  }\n"
  "  new ResizeObserver(function () {\n"
  "    var now = height();\n"
  "    if (now !== last) {\n"
  "      last = now;\n"
  "      window.webkit.messageHandlers." HEIGHT_MESSAGE ".postMessage(now);\n"
  "    }\n"
  "  }).observe(body);\n"
  "  document.addEventListener('focusin', function (event) {\n"
  "    var box = event.target.getBoundingClientRect();\n"
  "    var link = event.target.closest ? event.target.closest('a[href]') : null;\n"
  "    window.webkit.messageHandlers." HEIGHT_MESSAGE ".postMessage({ focusTop: Math.floor(box.top + window.scrollY),\n"
  "                                                              focusHeight: Math.ceil(box.height),\n"
  "                                                              focusLink: link ? link.href : '' });\n"
  "  }, true);\n"
  "  if (document.readyState === 'complete')\n"
  "    loaded();\n"
  "  else\n"
  "    window.addEventListener('load', loaded);\n"
  "})();\n";

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
  FOCUS_AREA,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

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
  hs_webkit_shell_prewarm (shell, manager, document, HS_CONTENT_VIEW_DOCUMENT_URI);
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

/* For the trace: the first frame GTK paints once the body has a height, about when the
 * text shows. */
static void
first_frame_cb (GdkFrameClock *frame_clock,
                HsContentView *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_cb, self);
  if (self->note != NULL)
    hs_trace_mark ("body-first-frame %s", hs_note_get_note_id (self->note));
}

static void finish_loading (HsContentView *self);

/* The load event of our latest document: the pictures are in, so the height is final
 * but for reflows, which the script reports too. */
static void
document_loaded (HsContentView *self,
                 int            height)
{
  set_content_height (self, height);

  if (self->note == NULL)
    return;

  hs_trace_mark ("body-measured %s", hs_note_get_note_id (self->note));

  /* Loaded means shown whole: wait for the allocation that gives it its height. */
  self->loaded_pending = TRUE;
  if (gtk_widget_get_height (GTK_WIDGET (self->web_view)) >= MAX (self->content_height, 1))
    finish_loading (self);
  else
    gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
height_message_cb (WebKitUserContentManager *manager,
                   JSCValue                 *value,
                   HsContentView            *self)
{
  if (jsc_value_is_object (value) && jsc_value_object_has_property (value, "focusTop"))
    {
      g_autoptr(JSCValue) top = jsc_value_object_get_property (value, "focusTop");
      g_autoptr(JSCValue) height = jsc_value_object_get_property (value, "focusHeight");
      g_autoptr(JSCValue) link = jsc_value_object_get_property (value, "focusLink");

      g_clear_pointer (&self->focused_link, g_free);
      if (self->committed && jsc_value_is_string (link))
        self->focused_link = jsc_value_to_string (link);
      if (self->focused_link != NULL && *self->focused_link == '\0')
        g_clear_pointer (&self->focused_link, g_free);
      if (self->committed && jsc_value_is_number (top) && jsc_value_is_number (height))
        g_signal_emit (self, signals[FOCUS_AREA], 0,
                       jsc_value_to_int32 (top), MAX (jsc_value_to_int32 (height), 1));
      return;
    }

  if (jsc_value_is_object (value))
    {
      g_autoptr(JSCValue) height = jsc_value_object_get_property (value, "height");
      g_autoptr(JSCValue) loaded = jsc_value_object_get_property (value, "loaded");

      /* The previous document's load event may come after we replaced it. */
      if (self->committed && jsc_value_is_number (height) && jsc_value_to_boolean (loaded))
        document_loaded (self, jsc_value_to_int32 (height));
      return;
    }

  if (!jsc_value_is_number (value))
    return;

  if (!self->height_reported && self->note != NULL && hs_trace_enabled ())
    {
      GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      hs_trace_mark ("body-height %s", hs_note_get_note_id (self->note));
      if (frame_clock != NULL)
        g_signal_connect_object (frame_clock, "after-paint", G_CALLBACK (first_frame_cb), self, 0);
    }
  self->height_reported = TRUE;
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

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 HsContentView   *self)
{
  if (hs_trace_enabled () && self->note != NULL)
    {
      static const char * const names[] = { "started", "redirected", "committed", "finished" };

      hs_trace_mark ("body-load-%s %s", names[event], hs_note_get_note_id (self->note));
    }

  /* From now on the script's reports are about our latest document. */
  if (event == WEBKIT_LOAD_COMMITTED)
    self->committed = TRUE;
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
  self->height_reported = FALSE;
  self->committed = FALSE;
  if (self->note != NULL)
    hs_trace_mark ("body-load-html %s", hs_note_get_note_id (self->note));
  webkit_web_view_load_html (self->web_view, document, HS_CONTENT_VIEW_DOCUMENT_URI);
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

/* Links */

static gboolean
hs_content_view_real_activate_link (HsContentView *self,
                                    const char    *uri)
{
  hs_media_open_uri (GTK_WIDGET (self), uri);

  return TRUE;
}

gboolean
hs_content_view_emit_activate_link (HsContentView *self,
                                    const char    *uri)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);
  return handled;
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

/* The body sits on the window's background like the labels do, but painted by the web
 * view: a transparent web view keeps the previous frame's pixels wherever the new one
 * draws nothing (one note's text stayed under the next one's), so it is opaque, in the
 * window's colour, and follows the style. */
static void
update_background (HsContentView *self)
{
  GdkRGBA color = { 0.98, 0.98, 0.98, 1.0 };

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       "window_bg_color", &color))
    color.red = color.green = color.blue = adw_style_manager_get_dark (adw_style_manager_get_default ()) ? 0.14 : 0.98;
  G_GNUC_END_IGNORE_DEPRECATIONS
  color.alpha = 1.0;

  webkit_web_view_set_background_color (self->web_view, &color);
}

static void
hs_content_view_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  HsContentView *self = HS_CONTENT_VIEW (widget);

  GTK_WIDGET_CLASS (hs_content_view_parent_class)->css_changed (widget, change);

  if (self->web_view != NULL)
    update_background (self);
}

static void
clear_note (HsContentView *self)
{
  g_clear_object (&self->note);
  g_clear_pointer (&self->content_html, g_free);
  g_clear_pointer (&self->focused_link, g_free);
  g_clear_pointer (&self->media_scopes, g_strfreev);
}

/* The link inside the body that the keyboard is on (Tab), NULL if none: what Enter
 * would follow. */
const char *
hs_content_view_get_focused_link (HsContentView *self)
{
  g_return_val_if_fail (HS_IS_CONTENT_VIEW (self), NULL);
  return self->focused_link;
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
  widget_class->css_changed = hs_content_view_css_changed;

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

  /* The keyboard focus moved to this area of the body (from its top, in pixels). */
  signals[FOCUS_AREA] =
    g_signal_new ("focus-area",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

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
  self->cancellable = g_cancellable_new ();
  self->load_cancellable = g_cancellable_new ();

  g_signal_connect (manager, "script-message-received::" HEIGHT_MESSAGE,
                    G_CALLBACK (height_message_cb), self);
  webkit_user_content_manager_register_script_message_handler (manager, HEIGHT_MESSAGE, SCRIPT_WORLD);

  self->web_view = hs_webkit_shell_create_web_view (hs_webkit_shell_get_default (), manager,
                                                    HS_CONTENT_SECURITY_POLICY);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));
  /* Like Epiphany's internal schemes: only our own views may use ours. */
  hs_webkit_shell_add_view (hs_webkit_shell_get_default (), self->web_view,
                            hs_content_view_media_scheme_request_cb, self);

  update_background (self);

  hs_content_view_policy_init (self);
  g_signal_connect (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self);
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

  /* The previous body's decoded pictures would stay in the web process's memory cache. */
  if (self->note != NULL)
    hs_webkit_shell_release_memory (hs_webkit_shell_get_default (), self->cancellable);

  clear_note (self);
  if (note != NULL)
    {
      self->note = g_object_ref (note);
      self->media_scopes = hs_content_view_media_scopes_for_note (note);
      self->content_html = hs_content_html_rewrite (hs_note_get_content (note),
                                                    (const char * const *) self->media_scopes);
      hs_trace_mark ("body-rewritten %s", hs_note_get_note_id (note));
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
