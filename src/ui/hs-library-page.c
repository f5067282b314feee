#include "config.h"

#include <glib/gi18n.h>

#include "hs-library-page-internal.h"
#include "hs-library-source.h"
#include "hs-note-grid.h"
#include "hs-search-results.h"

/* Cards a page of the library brings: two screens, as a search's. */
#define PAGE_SIZE 20
/* Buttons in the Tags section; the search field finds the others. */
#define MAX_TAGS_SHOWN 400
#define MAX_RELATED_TAGS 12
/* After a key, before the search runs. */
#define LIBRARY_SEARCH_DELAY_MS 50

G_DEFINE_FINAL_TYPE (HsLibraryPage, hs_library_page, GTK_TYPE_WIDGET)

enum {
  ACTIVATE_NOTE,
  CHANGED,
  SHOW_MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


void
hs_library_page_show_message (HsLibraryPage *self,
                              const char    *message)
{
  g_signal_emit (self, signals[SHOW_MESSAGE], 0, message);
}

typedef struct
{
  HsLibrary      *library;
  HsLibraryJobFunc  func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} LibraryJob;

static void
library_job_free (LibraryJob *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_clear_object (&job->library);
  g_free (job);
}

static void
library_job_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  LibraryJob *job = task_data;
  GError *error = NULL;
  gpointer result = job->func (job->library, job->data, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->result_free);
}

void
hs_library_page_run_job (HsLibraryPage       *self,
                         HsLibraryJobFunc     func,
                         gpointer             data,
                         GDestroyNotify       data_free,
                         GDestroyNotify       result_free,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, NULL);
  LibraryJob *job = g_new0 (LibraryJob, 1);

  job->library = g_object_ref (self->library);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  g_task_set_task_data (task, job, (GDestroyNotify) library_job_free);
  self->busy++;
  g_task_run_in_thread (task, library_job_thread);
}

gpointer
hs_library_page_finish_job (GAsyncResult   *result,
                            HsLibraryPage **self)
{
  g_autoptr(GError) error = NULL;
  gpointer value;

  *self = HS_LIBRARY_PAGE (g_task_get_source_object (G_TASK (result)));
  (*self)->busy--;
  value = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    *self = NULL;
  else if (error != NULL)
    hs_library_page_show_message (*self, error->message);
  return value;
}

static void
show_scope (HsLibraryPage        *self,
            HsNoteGrid           *grid,
            const HsLibraryQuery *scope,
            const char           *keyword)
{
  g_autoptr(HsLibrarySource) source = NULL;
  g_autoptr(HsSearchResults) results = NULL;

  if (self->library == NULL)
    return;
  source = hs_library_source_new_for_scope (self->library, scope);
  /* Saved notes' covers from their saved files. */
  hs_library_source_set_media_loader (source, self->loader);
  results = hs_search_results_new (HS_NOTE_SOURCE (source), keyword != NULL ? keyword : "",
                                   FALSE, PAGE_SIZE);
  /* Under Saved every card would have the badge: it says nothing there. */
  hs_note_grid_set_saved_ids (grid, grid != self->saved_grid ? self->saved_ids : NULL);
  hs_note_grid_set_results (grid, results, 0);
}

/* ---- Tags ---- */

static GtkWidget *
tag_button_new (const char *tag,
                guint       count,
                const char *action)
{
  g_autofree char *label = g_strdup_printf ("#%s", tag);
  g_autofree char *number = g_strdup_printf ("%u", count);
  g_autofree char *tooltip = NULL;
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *count_label = gtk_label_new (number);

  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_box_append (GTK_BOX (box), count_label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  /* TRANSLATORS: a tag's button in the library; %s is the tag, %u its notes */
  tooltip = g_strdup_printf (ngettext ("#%s: %u note", "#%s: %u notes", count), tag, count);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "tag-chip");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", tag);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static gpointer
tags_job (HsLibrary     *library,
          gpointer       data G_GNUC_UNUSED,
          GCancellable  *cancellable,
          GError       **error)
{
  return hs_library_tags_sync (library, cancellable, error);
}

static void
tags_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HsLibraryPage *self;
  g_autoptr(GPtrArray) tags = hs_library_page_finish_job (result, &self);
  GtkWidget *child;

  if (tags == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);
  for (guint i = 0; i < MIN (tags->len, MAX_TAGS_SHOWN); i++)
    {
      HsLibraryTagCount *count = tags->pdata[i];

      gtk_flow_box_append (self->tags_box, tag_button_new (count->tag, count->count, "library.show-tag"));
    }
  if (tags->len == 0)
    gtk_flow_box_append (self->tags_box,
                         gtk_label_new (_("No tags yet: the tags of the notes you open and save show here.")));
}

static gpointer
related_tags_job (HsLibrary     *library,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return hs_library_related_tags_sync (library, data, cancellable, error);
}

static void
related_tags_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  HsLibraryPage *self;
  g_autoptr(GPtrArray) tags = hs_library_page_finish_job (result, &self);
  GtkWidget *child;
  guint shown = 0;

  if (tags == NULL)
    return;
  while ((child = gtk_widget_get_first_child (self->related_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->related_box), child);
  for (guint i = 0; i < tags->len && shown < MAX_RELATED_TAGS; i++)
    {
      HsLibraryTagCount *count = tags->pdata[i];

      /* The tag itself is on every one of its notes. */
      if (g_strcmp0 (count->tag, self->notes_tag) == 0)
        continue;
      gtk_box_append (GTK_BOX (self->related_box),
                      tag_button_new (count->tag, count->count, "library.narrow-tag"));
      shown++;
    }
  gtk_widget_set_visible (self->related_scroller, shown > 0);
}

/* ---- Sections ---- */

void
hs_library_page_load_section (HsLibraryPage *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);
  HsLibraryQuery scope = { 0 };

  if (self->library == NULL)
    return;

  g_cancellable_cancel (self->section_cancellable);
  g_clear_object (&self->section_cancellable);
  self->section_cancellable = g_cancellable_new ();

  if (g_strcmp0 (name, "saved") == 0)
    {
      scope.filter = HS_LIBRARY_FILTER_SAVED;
      show_scope (self, self->saved_grid, &scope, NULL);
    }
  else if (g_strcmp0 (name, "history") == 0)
    {
      /* Opened and not saved: the saved ones are under Saved, and Clear
       * History empties this. */
      scope.filter = HS_LIBRARY_FILTER_HISTORY;
      show_scope (self, self->history_grid, &scope, NULL);
    }
  else if (g_strcmp0 (name, "tags") == 0)
    hs_library_page_run_job (self, tags_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
             self->section_cancellable, tags_loaded_cb);
  else if (g_strcmp0 (name, "categories") == 0)
    hs_library_page_load_categories (self);
}

static void
section_changed_cb (HsLibraryPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    hs_library_page_load_section (self);
}

static void
replace_str (char       **slot,
             const char  *value)
{
  char *old = *slot;

  *slot = g_strdup (value);
  g_free (old);
}

static void
clear_notes_scope (HsLibraryPage *self)
{
  g_clear_pointer (&self->notes_tag, g_free);
  g_clear_pointer (&self->notes_category, g_free);
  g_clear_pointer (&self->notes_text, g_free);
}

/* The "notes" page: the notes of @tag or @category that contain @text
 * (each nullable), under @title. */
static void
show_notes (HsLibraryPage *self,
            const char    *tag,
            const char    *category,
            const char    *text,
            const char    *title,
            const char    *subtitle)
{
  HsLibraryQuery scope = { 0 };

  replace_str (&self->notes_tag, tag);
  replace_str (&self->notes_category, category);
  replace_str (&self->notes_text, text);
  scope.tag = self->notes_tag;
  scope.category = self->notes_category;
  gtk_label_set_text (self->notes_title, title);
  gtk_label_set_text (self->notes_subtitle, subtitle);
  gtk_widget_set_visible (self->related_scroller, FALSE);
  show_scope (self, self->notes_grid, &scope, self->notes_text);
  gtk_stack_set_visible_child_name (self->content_stack, "notes");
}

static void
search_changed_cb (HsLibraryPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autofree char *title = NULL;

  if (*text == '\0')
    {
      /* Emptied: back to the section the search covered. */
      if (self->notes_text != NULL && self->notes_tag == NULL && self->notes_category == NULL)
        {
          clear_notes_scope (self);
          gtk_stack_set_visible_child_name (self->content_stack, "browse");
        }
      return;
    }
  /* TRANSLATORS: the heading of a library search; %s is what was typed */
  title = g_strdup_printf (_("“%s”"), text);
  show_notes (self, NULL, NULL, text, title, _("Search in the library"));
}

static void
notes_back_clicked_cb (HsLibraryPage *self)
{
  clear_notes_scope (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_stack_set_visible_child_name (self->content_stack, "browse");
  hs_library_page_load_section (self);
}

static void
grid_activate_note_cb (HsLibraryPage *self,
                       HsNote        *note)
{
  g_signal_emit (self, signals[ACTIVATE_NOTE], 0, note);
}

/* ---- Actions ---- */

static gpointer
clear_history_job (HsLibrary     *library,
                   gpointer       data G_GNUC_UNUSED,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return hs_library_clear_history_sync (library, cancellable, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
history_cleared_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  HsLibraryPage *self;

  if (hs_library_page_finish_job (result, &self) != NULL)
    hs_library_page_show_message (self, _("History cleared"));
  if (self == NULL)
    return;
  hs_library_page_load_section (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
hs_library_page_clear_history (HsLibraryPage *self)
{
  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));

  if (self->library != NULL)
    hs_library_page_run_job (self, clear_history_job, NULL, NULL, NULL, self->cancellable, history_cleared_cb);
}

static void
clear_history_response_cb (HsLibraryPage  *self,
                           const char     *response)
{
  if (g_strcmp0 (response, "clear") == 0)
    hs_library_page_clear_history (self);
}

static void
clear_history_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Clear History?"),
                                   _("The notes you opened and did not save are removed from the library. Saved notes stay."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clear", _("C_lear History"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "clear",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (clear_history_response_cb), widget,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_tag_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  hs_library_page_show_tag (HS_LIBRARY_PAGE (widget), g_variant_get_string (param, NULL));
}

/* A tag used with the one shown: its notes that also mention it (in their
 * tags, title or text: the full-text search covers the tags). */
static void
narrow_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  HsLibraryPage *self = HS_LIBRARY_PAGE (widget);
  const char *other = g_variant_get_string (param, NULL);
  g_autofree char *tag = g_strdup (self->notes_tag);
  g_autofree char *title = NULL;

  if (tag == NULL)
    return;
  title = g_strdup_printf ("#%s + #%s", tag, other);
  show_notes (self, tag, NULL, other, title, _("Tags"));
}

/* ---- The class ---- */

static void
hs_library_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hs_library_page_parent_class)->map (widget);
  hs_library_page_load_section (HS_LIBRARY_PAGE (widget));
}

static void
hs_library_page_dispose (GObject *object)
{
  HsLibraryPage *self = (HsLibraryPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->section_cancellable);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_handle_id (&self->export_timer, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_LIBRARY_PAGE);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->section_cancellable);
  g_clear_object (&self->library);
  g_clear_object (&self->loader);
  g_clear_pointer (&self->saved_ids, g_hash_table_unref);

  G_OBJECT_CLASS (hs_library_page_parent_class)->dispose (object);
}

static void
hs_library_page_finalize (GObject *object)
{
  HsLibraryPage *self = (HsLibraryPage *)object;

  clear_notes_scope (self);
  g_clear_object (&self->export_cancellable);

  G_OBJECT_CLASS (hs_library_page_parent_class)->finalize (object);
}

static void
hs_library_page_class_init (HsLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_library_page_dispose;
  object_class->finalize = hs_library_page_finalize;
  widget_class->map = hs_library_page_map;

  signals[ACTIVATE_NOTE] =
    g_signal_new ("activate-note", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, HS_TYPE_NOTE);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_MESSAGE] =
    g_signal_new ("show-message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (HS_TYPE_NOTE_GRID);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, box);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, export_label);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, export_progress);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, saved_grid);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, history_grid);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, tags_box);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, categories_list);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, suggestions_heading);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, suggestions_list);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, notes_title);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, notes_subtitle);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, related_scroller);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, related_box);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPage, notes_grid);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, section_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, notes_back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "library.clear-history", NULL, clear_history_action);
  gtk_widget_class_install_action (widget_class, "library.show-tag", "s", show_tag_action);
  gtk_widget_class_install_action (widget_class, "library.narrow-tag", "s", narrow_tag_action);
  hs_library_page_categories_class_init (widget_class);
  hs_library_page_export_class_init (widget_class);
}

static void
hs_library_page_init (HsLibraryPage *self)
{
  HsNoteGrid *grids[3];

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Narrow: the sections go to the bar at the bottom. */
  g_object_bind_property (self->switcher_title, "title-visible", self->switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  /* The library answers a search in about 10 ms on a worker thread, and each
   * new search cancels the one before: no need for the entry's default
   * 150 ms wait after a key. */
  gtk_search_entry_set_search_delay (self->search_entry, LIBRARY_SEARCH_DELAY_MS);

  grids[0] = self->saved_grid;
  grids[1] = self->history_grid;
  grids[2] = self->notes_grid;
  for (guint i = 0; i < G_N_ELEMENTS (grids); i++)
    {
      hs_note_grid_set_header_visible (grids[i], FALSE);
      g_signal_connect_object (grids[i], "activate-note", G_CALLBACK (grid_activate_note_cb), self,
                               G_CONNECT_SWAPPED);
    }
  hs_note_grid_set_empty_status (self->saved_grid, "user-bookmarks-symbolic", _("No Saved Notes"),
                                 _("Notes you save (Ctrl+D) are kept here with their pictures and videos, to read without the network."));
  hs_note_grid_set_empty_status (self->history_grid, "document-open-recent-symbolic", _("No History"),
                                 _("The notes you open are listed here until you save them or clear the history."));
  hs_note_grid_set_empty_status (self->notes_grid, NULL, NULL,
                                 _("Nothing in the library matches. Try another word, or fewer of them."));
}

GtkWidget *
hs_library_page_new (void)
{
  return g_object_new (HS_TYPE_LIBRARY_PAGE, NULL);
}

void
hs_library_page_set_library (HsLibraryPage *self,
                             HsLibrary     *library)
{
  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));

  if (!g_set_object (&self->library, library))
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    hs_library_page_load_section (self);
}

void
hs_library_page_set_media_loader (HsLibraryPage *self,
                                  HsMediaLoader *loader)
{
  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));

  g_set_object (&self->loader, loader);
  hs_note_grid_set_media_loader (self->saved_grid, loader);
  hs_note_grid_set_media_loader (self->history_grid, loader);
  hs_note_grid_set_media_loader (self->notes_grid, loader);
}

void
hs_library_page_set_saved_ids (HsLibraryPage *self,
                               GHashTable    *saved_ids)
{
  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));

  if (saved_ids != self->saved_ids)
    {
      g_clear_pointer (&self->saved_ids, g_hash_table_unref);
      self->saved_ids = saved_ids != NULL ? g_hash_table_ref (saved_ids) : NULL;
    }
  hs_note_grid_set_saved_ids (self->history_grid, saved_ids);
  hs_note_grid_set_saved_ids (self->notes_grid, saved_ids);
}

void
hs_library_page_reload (HsLibraryPage *self)
{
  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "notes") == 0)
    {
      HsLibraryQuery scope = { 0 };

      scope.tag = self->notes_tag;
      scope.category = self->notes_category;
      show_scope (self, self->notes_grid, &scope, self->notes_text);
    }
  else
    hs_library_page_load_section (self);
}

void
hs_library_page_show_section (HsLibraryPage *self,
                              const char    *name)
{
  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));

  clear_notes_scope (self);
  gtk_stack_set_visible_child_name (self->content_stack, "browse");
  /* Not shown yet, the section is read when the page is (map): once. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), name) != 0)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    hs_library_page_load_section (self);
}

void
hs_library_page_show_tag (HsLibraryPage *self,
                          const char    *tag)
{
  g_autofree char *title = NULL;

  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (tag != NULL);

  if (self->library == NULL)
    return;
  title = g_strdup_printf ("#%s", tag);
  show_notes (self, tag, NULL, NULL, title, _("Tag"));
  hs_library_page_run_job (self, related_tags_job, g_strdup (tag), g_free, (GDestroyNotify) g_ptr_array_unref,
           self->cancellable, related_tags_loaded_cb);
}

void
hs_library_page_show_category (HsLibraryPage *self,
                               const char    *name)
{
  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (name != NULL);

  show_notes (self, NULL, name, NULL, name, _("Category"));
}

void
hs_library_page_focus_search (HsLibraryPage *self)
{
  g_return_if_fail (HS_IS_LIBRARY_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkWidget *
hs_library_page_get_search_entry (HsLibraryPage *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_PAGE (self), NULL);
  return GTK_WIDGET (self->search_entry);
}

GtkWidget *
hs_library_page_get_visible_grid (HsLibraryPage *self)
{
  const char *name;

  g_return_val_if_fail (HS_IS_LIBRARY_PAGE (self), NULL);

  name = hs_library_page_get_visible_name (self);
  if (g_strcmp0 (name, "notes") == 0)
    return GTK_WIDGET (self->notes_grid);
  if (g_strcmp0 (name, "saved") == 0)
    return GTK_WIDGET (self->saved_grid);
  if (g_strcmp0 (name, "history") == 0)
    return GTK_WIDGET (self->history_grid);
  return NULL;
}

const char *
hs_library_page_get_visible_name (HsLibraryPage *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_PAGE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "notes") == 0)
    return "notes";
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
hs_library_page_get_tags_box (HsLibraryPage *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_PAGE (self), NULL);
  return GTK_WIDGET (self->tags_box);
}

GtkWidget *
hs_library_page_get_related_box (HsLibraryPage *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_PAGE (self), NULL);
  return self->related_box;
}

GtkWidget *
hs_library_page_get_categories_list (HsLibraryPage *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_PAGE (self), NULL);
  return GTK_WIDGET (self->categories_list);
}

gboolean
hs_library_page_get_busy (HsLibraryPage *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_PAGE (self), FALSE);
  return self->busy > 0;
}
