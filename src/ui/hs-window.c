#include "config.h"

#include <glib/gi18n.h>

#include "hs-account.h"
#include "hs-credentials.h"
#include "hs-demo-server.h"
#include "hs-media-gallery.h"
#include "hs-note-grid.h"
#include "hs-note-ref.h"
#include "hs-note-source.h"
#include "hs-note-view.h"
#include "hs-trace.h"
#include "hs-urls.h"
#include "hs-web-source.h"
#include "hs-welcome-page.h"
#include "hs-window.h"
#include "hs-window-private.h"
#include "hs-window-internal.h"

/* The window: its state, properties and pages, the account and settings it
 * follows, the header that narrows on a phone, and what tests read of it.
 * Opening notes is in hs-window-navigation.c, searching in
 * hs-window-search.c, the actions in hs-window-actions.c, the library in
 * hs-window-library.c. */

G_DEFINE_FINAL_TYPE (HsWindow, hs_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_MEDIA_LOADER,
  PROP_DEMO_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (HsWindow *self)
{
  const char *current_id = hs_history_get_current_id (self->history);
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean has_note = current_id != NULL;
  GtkWidget *gallery = hs_note_view_get_gallery (self->note_view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload",
                                 has_note || self->short_ref != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-link", has_note);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-in-browser", has_note);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.download-note", has_note);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.download-results",
                                 g_strcmp0 (page, "search") == 0 && hs_note_grid_get_results (self->grid) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back",
                                 hs_history_get_can_go_back (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-forward",
                                 hs_history_get_can_go_forward (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-media",
                                 gallery != NULL && g_strcmp0 (page, "note") == 0 &&
                                 hs_media_gallery_get_n_items (HS_MEDIA_GALLERY (gallery)) > 0);
  hs_window_library_update_actions (self);
}

void
hs_window_set_page (HsWindow   *self,
                    const char *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  self->waits_for_token = FALSE;
  if (g_strcmp0 (name, "search") == 0)
    gtk_window_set_title (GTK_WINDOW (self), hs_note_grid_get_title (self->grid));
  else if (g_strcmp0 (name, "note") != 0)
    gtk_window_set_title (GTK_WINDOW (self), _("Hongshu"));
  update_actions (self);
}

HsWindowCall *
hs_window_call_new (HsWindow     *self,
                    const char   *note_id,
                    GCancellable *cancellable)
{
  HsWindowCall *call = g_new0 (HsWindowCall, 1);

  call->self = g_object_ref (self);
  call->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  call->note_id = g_strdup (note_id);
  return call;
}

void
hs_window_call_free (HsWindowCall *call)
{
  g_clear_object (&call->self);
  g_clear_object (&call->cancellable);
  g_free (call->note_id);
  g_free (call);
}

/* The account has answered and there is no token: the API source would
 * only be refused, so nothing is sent. */
gboolean
hs_window_needs_token (HsWindow *self)
{
  return self->account != NULL && !self->demo_mode &&
         hs_account_get_is_ready (self->account) && !hs_account_get_has_token (self->account);
}

/* (nullable): the settings, none in some tests. */
GSettings *
hs_window_get_settings (HsWindow *self)
{
  return hs_config_get_settings (hs_client_get_config (self->client));
}

/* (nullable) (transfer full): the value of @key, NULL without settings or
 * when their schema has no such key. */
GVariant *
hs_window_lookup_setting (HsWindow   *self,
                          const char *key)
{
  GSettings *settings = hs_window_get_settings (self);
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings != NULL)
    g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  return g_settings_get_value (settings, key);
}

/* The note source the settings choose (hs_note_source_for_config()). */
HsNoteSource *
hs_window_configured_source (HsWindow *self)
{
  return hs_note_source_for_config (hs_client_get_config (self->client), self->client,
                                    HS_NOTE_SOURCE (self->web_source));
}

/* The page when no note is open or loading. */
void
hs_window_show_start_page (HsWindow *self)
{
  hs_window_set_page (self, hs_window_needs_token (self) ? "welcome" : "empty");
}

static void
history_changed_cb (HsWindow *self)
{
  update_actions (self);
}

static void
restore_window_state (HsWindow *self)
{
  GSettings *settings = hs_window_get_settings (self);

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
hs_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hs_window_parent_class)->map (widget);

  hs_trace_mark ("window-mapped");
}

static gboolean
hs_window_close_request (GtkWindow *window)
{
  HsWindow *self = HS_WINDOW (window);
  GSettings *settings = hs_window_get_settings (self);

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (settings);
    }

  return GTK_WINDOW_CLASS (hs_window_parent_class)->close_request (window);
}

static void
hs_window_constructed (GObject *object)
{
  HsWindow *self = (HsWindow *)object;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (hs_window_parent_class)->constructed (object);

  g_assert (HS_IS_CLIENT (self->client));
  g_assert (HS_IS_MEDIA_LOADER (self->loader));
  self->web_source = hs_web_source_new (hs_client_get_config (self->client));
  /* HONGSHU_WEB_BASE_URL and HONGSHU_WEB_COOKIE; a bad base keeps the real site. */
  if (!hs_web_source_apply_environment (self->web_source, &error))
    g_warning ("%s", error->message);
  self->source = hs_window_configured_source (self);

  g_signal_connect_object (self->client, "waiting",
                           G_CALLBACK (hs_window_client_waiting_cb), self,
                           G_CONNECT_SWAPPED);
  hs_note_view_set_media_loader (self->note_view, self->loader);
  hs_note_grid_set_media_loader (self->grid, self->loader);
  hs_window_library_constructed (self);

  restore_window_state (self);
  hs_window_show_start_page (self);
}

static void
hs_window_dispose (GObject *object)
{
  HsWindow *self = (HsWindow *)object;

  hs_window_cancel_load (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->narrow_header_idle, g_source_remove);
  g_clear_weak_pointer (&self->progress_toast);

  hs_window_search_dispose (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_WINDOW);
  hs_window_library_dispose (self);

  g_clear_object (&self->history);
  g_clear_object (&self->source);
  g_clear_object (&self->web_source);
  g_clear_object (&self->client);
  g_clear_object (&self->account);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (hs_window_parent_class)->dispose (object);
}

static void
hs_window_finalize (GObject *object)
{
  HsWindow *self = (HsWindow *)object;

  g_clear_pointer (&self->short_ref, hs_note_ref_unref);
  g_clear_pointer (&self->last_launched_uri, g_free);

  G_OBJECT_CLASS (hs_window_parent_class)->finalize (object);
}

static void
hs_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HsWindow *self = HS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_MEDIA_LOADER:
      g_value_set_object (value, self->loader);
      break;

    case PROP_DEMO_MODE:
      g_value_set_boolean (value, self->demo_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HsWindow *self = HS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_MEDIA_LOADER:
      self->loader = g_value_dup_object (value);
      break;

    case PROP_DEMO_MODE:
      hs_window_set_demo_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Narrower than this (360 px on a phone), the header bar keeps what fits
 * without cutting the title short: the Library and Search buttons go, and
 * both stay in the main menu with their shortcuts (Ctrl+Shift+O, Ctrl+F). */
#define NARROW_HEADER_WIDTH 560

static gboolean
apply_narrow_header_cb (gpointer user_data)
{
  HsWindow *self = user_data;

  self->narrow_header_idle = 0;
  gtk_widget_set_visible (self->library_button, !self->narrow_header);
  gtk_widget_set_visible (self->search_button, !self->narrow_header);
  return G_SOURCE_REMOVE;
}

static void
hs_window_size_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  HsWindow *self = HS_WINDOW (widget);
  gboolean narrow;

  GTK_WIDGET_CLASS (hs_window_parent_class)->size_allocate (widget, width, height, baseline);

  /* The content's width: the window's includes the shadow of its decorations.
   * Buttons are shown or hidden after this allocation, not during it, but
   * before the next frame's layout (GDK_PRIORITY_REDRAW): at the default idle
   * priority a spinner's frames (the grid's Loading footer) kept them in the
   * header of a 360 px window until the spinner stopped. */
  narrow = gtk_widget_get_width (GTK_WIDGET (self->stack)) < NARROW_HEADER_WIDTH;
  if (narrow != self->narrow_header)
    {
      self->narrow_header = narrow;
      if (self->narrow_header_idle == 0)
        self->narrow_header_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_narrow_header_cb,
                                                    self, NULL);
    }
}

static void
hs_window_class_init (HsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = hs_window_constructed;
  object_class->dispose = hs_window_dispose;
  object_class->finalize = hs_window_finalize;
  object_class->get_property = hs_window_get_property;
  object_class->set_property = hs_window_set_property;

  widget_class->map = hs_window_map;
  widget_class->size_allocate = hs_window_size_allocate;
  window_class->close_request = hs_window_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         HS_TYPE_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MEDIA_LOADER] =
    g_param_spec_object ("media-loader", NULL, NULL,
                         HS_TYPE_MEDIA_LOADER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEMO_MODE] =
    g_param_spec_boolean ("demo-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HS_TYPE_NOTE_VIEW);
  g_type_ensure (HS_TYPE_ERROR_PAGE);
  g_type_ensure (HS_TYPE_WELCOME_PAGE);
  g_type_ensure (HS_TYPE_NOTE_GRID);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, title_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, entry_clamp);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, library_button);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, entry);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, entry_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, entry_error_label);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, source_section);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, sample_button);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, note_view);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, grid);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, library_page);
  gtk_widget_class_bind_template_callback_full (widget_class, "entry_activate_cb",
                                                G_CALLBACK (hs_window_entry_activate_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "entry_changed_cb",
                                                G_CALLBACK (hs_window_entry_changed_cb));

  hs_window_actions_class_init (widget_class);
  hs_window_library_class_init (widget_class);
  hs_window_search_class_init (widget_class);
}

static void
hs_window_init (HsWindow *self)
{
  GtkDropTarget *target;
  GtkEventController *controller;
  GType drop_types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };

  self->history = hs_history_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The striped header bar of a development build. */
  if (g_str_has_suffix (APP_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_object_bind_property (self, "title", self->window_title, "title", G_BINDING_SYNC_CREATE);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (hs_window_entry_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);

  g_signal_connect_object (self->history, "notify::can-go-back",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "notify::can-go-forward",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);

  /* The demo's empty page offers its seed note. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->sample_button), "s", HS_DEMO_SEED_NOTE_ID);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sample_button), "win.open-ref");

  g_signal_connect_object (self->grid, "activate-note",
                           G_CALLBACK (hs_window_grid_activate_note_cb), self, G_CONNECT_SWAPPED);
  hs_window_library_init (self);

  hs_window_search_init (self);

  /* Before the focused widget (a button would move the focus with them). */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (int direction = -1; direction <= 1; direction += 2)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (direction < 0 ? GDK_KEY_Left : GDK_KEY_Right, 0),
                                                gtk_callback_action_new (hs_window_page_gallery_key_cb, NULL, NULL));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (direction));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect_object (target, "drop", G_CALLBACK (hs_window_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  update_actions (self);
}

HsWindow *
hs_window_new (GtkApplication *application,
               HsClient       *client,
               HsMediaLoader  *loader)
{
  return g_object_new (HS_TYPE_WINDOW,
                       "application", application,
                       "client", client,
                       "media-loader", loader,
                       NULL);
}

/* The start page, while it shows, follows the account and the demo mode. */
static void
update_start_page (HsWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "welcome") == 0 || g_strcmp0 (page, "empty") == 0)
    hs_window_show_start_page (self);
}

static void
account_changed_cb (HsWindow *self)
{
  update_start_page (self);

  /* The token just set in Preferences: open what was asked for. */
  if (self->waits_for_token &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") == 0 &&
      hs_account_get_has_token (self->account))
    {
      self->waits_for_token = FALSE;
      hs_window_reload (self);
    }
}

/* The account's cookie (keyring or HONGSHU_WEB_COOKIE) signs the website
 * source in; until the account has answered, the environment's. */
static void
web_cookie_changed_cb (HsWindow *self)
{
  const char *cookie = self->account != NULL ? hs_account_get_web_cookie (self->account) : NULL;

  if (cookie == NULL && hs_credentials_has_env_override (HS_CREDENTIAL_WEB_COOKIE))
    cookie = g_getenv (hs_credentials_get_env_var_name (HS_CREDENTIAL_WEB_COOKIE));
  hs_web_source_set_cookie (self->web_source, cookie);
}

void
hs_window_set_account (HsWindow  *self,
                       HsAccount *account)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  g_return_if_fail (account == NULL || HS_IS_ACCOUNT (account));

  if (self->account != NULL)
    g_signal_handlers_disconnect_by_data (self->account, self);
  g_set_object (&self->account, account);
  if (account != NULL)
    {
      g_signal_connect_object (account, "notify::state",
                               G_CALLBACK (account_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (account, "notify::web-cookie",
                               G_CALLBACK (web_cookie_changed_cb), self, G_CONNECT_SWAPPED);
    }
  web_cookie_changed_cb (self);
  account_changed_cb (self);
}

void
hs_window_set_demo_mode (HsWindow *self,
                         gboolean  demo_mode)
{
  g_return_if_fail (HS_IS_WINDOW (self));

  demo_mode = !!demo_mode;
  if (self->demo_mode == demo_mode)
    return;

  self->demo_mode = demo_mode;
  gtk_revealer_set_reveal_child (self->demo_banner, demo_mode);
  gtk_widget_set_visible (self->sample_button, demo_mode);

  update_start_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO_MODE]);
}

void
hs_window_set_short_link_base (HsWindow   *self,
                               const char *short_link_base)
{
  g_return_if_fail (HS_IS_WINDOW (self));

  /* The API source follows short links; in demo mode the demo server
   * stands in for xhslink.com (any of its host names). */
  hs_client_set_short_link_base (self->client, short_link_base);
  hs_web_source_set_short_link_base (self->web_source, short_link_base);
}

gboolean
hs_window_set_web_base_url (HsWindow    *self,
                            const char  *base_url,
                            GError     **error)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), FALSE);

  return hs_web_source_set_base_url (self->web_source,
                                     base_url != NULL ? base_url : HS_WEB_SOURCE_DEFAULT_BASE_URL,
                                     error);
}

void
hs_window_set_web_original_bases (HsWindow   *self,
                                  const char *image_base,
                                  const char *video_base)
{
  g_return_if_fail (HS_IS_WINDOW (self));
  hs_web_source_set_original_bases (self->web_source, image_base, video_base);
}

const char *
hs_window_get_web_base_url (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return hs_web_source_get_base_url (self->web_source);
}

gboolean
hs_window_get_demo_mode (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), FALSE);
  return self->demo_mode;
}

/* The toast, held by the overlay until it is dismissed. */
static AdwToast *
add_toast (HsWindow   *self,
           const char *message)
{
  AdwToast *toast;

  /* A toast saying something is under way is over once there is news:
   * it goes at once, instead of holding the news back until its time is
   * up ("Saving…" stood beside the Saved badge for 3 s). */
  if (self->progress_toast != NULL)
    adw_toast_dismiss (self->progress_toast);
  g_clear_weak_pointer (&self->progress_toast);

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return toast;
}

void
hs_window_show_toast (HsWindow   *self,
                      const char *message)
{
  g_return_if_fail (HS_IS_WINDOW (self));

  add_toast (self, message);
}

/* A toast that the next one replaces at once. */
void
hs_window_show_progress_toast (HsWindow   *self,
                               const char *message)
{
  g_return_if_fail (HS_IS_WINDOW (self));

  g_set_weak_pointer (&self->progress_toast, add_toast (self, message));
}

char *
hs_window_dup_source_label (HsWindow *self)
{
  char *label = NULL;

  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  if (g_menu_model_get_n_items (G_MENU_MODEL (self->source_section)) > 0)
    g_menu_model_get_item_attribute (G_MENU_MODEL (self->source_section), 0, G_MENU_ATTRIBUTE_LABEL,
                                     "s", &label);
  return label;
}

const char *
hs_window_get_visible_page (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

HsHistory *
hs_window_get_history (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return self->history;
}

GtkWidget *
hs_window_get_entry (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->entry);
}

const char *
hs_window_get_entry_error (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->entry_error_revealer))
    return NULL;
  return gtk_label_get_text (self->entry_error_label);
}

GtkWidget *
hs_window_get_note_view (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->note_view);
}

GtkWidget *
hs_window_get_error_page (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->error_page);
}

GtkWidget *
hs_window_get_note_grid (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->grid);
}

GtkWidget *
hs_window_get_suggestions (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->suggestion_list);
}

GtkWidget *
hs_window_get_welcome_page (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->welcome_page);
}

char *
hs_window_dup_note_link (HsWindow *self)
{
  const char *note_id;
  const char *link;

  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  note_id = hs_history_get_current_id (self->history);
  if (note_id == NULL)
    return NULL;
  /* The link as the person gave it: the website refuses one without its
   * xsec_token. */
  link = hs_history_get_current_link (self->history);
  return link != NULL ? g_strdup (link) : hs_urls_note_link (note_id);
}

void
hs_window_set_launch_hook (HsWindow           *self,
                           HsWindowLaunchHook  hook,
                           gpointer            user_data)
{
  g_return_if_fail (HS_IS_WINDOW (self));

  self->launch_hook = hook;
  self->launch_hook_data = user_data;
}
