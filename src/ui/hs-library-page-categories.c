#include "config.h"

#include <glib/gi18n.h>

#include "hs-library-page-internal.h"

/* The Categories section: the person's categories (groups of tags) with
 * their number of notes, made, renamed, re-tagged and deleted through
 * HsCategoryDialog, and the suggestions from tags used together, each
 * accepted with Add. */

typedef struct
{
  GPtrArray *categories;
  GPtrArray *suggestions;
} CategoryLists;

static void
category_lists_free (CategoryLists *lists)
{
  g_clear_pointer (&lists->categories, g_ptr_array_unref);
  g_clear_pointer (&lists->suggestions, g_ptr_array_unref);
  g_free (lists);
}

static gpointer
categories_job (HsLibrary     *library,
                gpointer       data G_GNUC_UNUSED,
                GCancellable  *cancellable,
                GError       **error)
{
  CategoryLists *lists = g_new0 (CategoryLists, 1);

  lists->categories = hs_library_categories_sync (library, cancellable, error);
  if (lists->categories != NULL)
    lists->suggestions = hs_library_suggest_categories_sync (library, cancellable, error);
  if (lists->suggestions == NULL)
    {
      category_lists_free (lists);
      return NULL;
    }
  return lists;
}

/* A flat icon button at the end of a category's row, for @action on it. */
static void
add_row_button (GtkWidget  *row,
                const char *icon_name,
                const char *tooltip,
                const char *action,
                const char *category)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", category);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static GtkWidget *
category_row_new (const HsLibraryCategory *category,
                  gboolean                 suggested)
{
  g_autofree char *tags = g_strjoinv (" · ", category->tags);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), category->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), tags);
  g_object_set_data_full (G_OBJECT (row), "category", g_strdup (category->name), g_free);

  if (suggested)
    {
      button = gtk_button_new_with_mnemonic (_("_Add"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new ("(s^as)", category->name, category->tags));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "library.add-category");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      return row;
    }

  {
    g_autofree char *count = g_strdup_printf ("%u", category->n_notes);
    GtkWidget *label = gtk_label_new (count);

    gtk_widget_add_css_class (label, "dim-label");
    gtk_widget_add_css_class (label, "numeric");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  }
  add_row_button (row, "document-edit-symbolic", _("Rename or Change Tags"),
                  "library.edit-category", category->name);
  add_row_button (row, "user-trash-symbolic", _("Delete Category"),
                  "library.delete-category", category->name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
fill_list (GtkListBox *list,
           GPtrArray  *categories,
           gboolean    suggested,
           const char *placeholder)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (guint i = 0; i < categories->len; i++)
    gtk_list_box_append (list, category_row_new (categories->pdata[i], suggested));
  if (categories->len == 0 && placeholder != NULL)
    {
      /* Wrapped: at 360 px a row's title would be cut. */
      GtkWidget *label = gtk_label_new (placeholder);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (list, label);
      gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (list, 0), FALSE);
    }
}

static void
categories_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  HsLibraryPage *self;
  CategoryLists *lists = hs_library_page_finish_job (result, &self);

  if (lists == NULL)
    return;
  fill_list (self->categories_list, lists->categories, FALSE,
             _("No categories yet. A category groups tags, such as 口红 and 眼影 under 美妆."));
  fill_list (self->suggestions_list, lists->suggestions, TRUE, NULL);
  gtk_widget_set_visible (self->suggestions_heading, lists->suggestions->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_list), lists->suggestions->len > 0);
  category_lists_free (lists);
}

typedef struct
{
  char  *old_name;   /* nullable: replaced by the new one */
  char  *name;
  GStrv  tags;
} CategoryChange;

static void
category_change_free (CategoryChange *change)
{
  g_free (change->old_name);
  g_free (change->name);
  g_strfreev (change->tags);
  g_free (change);
}

static gpointer
change_category_job (HsLibrary     *library,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  CategoryChange *change = data;

  if (change->old_name != NULL &&
      !hs_library_category_remove_sync (library, change->old_name, NULL, cancellable, error))
    return NULL;
  if (change->tags != NULL && change->tags[0] != NULL &&
      !hs_library_category_add_sync (library, change->name, (const char * const *) change->tags,
                                     cancellable, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
category_changed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  HsLibraryPage *self;

  hs_library_page_finish_job (result, &self);
  if (self != NULL)
    hs_library_page_load_section (self);
}

static void
change_category (HsLibraryPage *self,
                 const char    *old_name,
                 const char    *name,
                 GStrv          tags)
{
  CategoryChange *change = g_new0 (CategoryChange, 1);

  change->old_name = g_strdup (old_name);
  change->name = g_strdup (name);
  change->tags = g_strdupv (tags);
  hs_library_page_run_job (self, change_category_job, change, (GDestroyNotify) category_change_free, NULL,
           self->cancellable, category_changed_cb);
}

static void
category_dialog_done_cb (HsLibraryPage     *self,
                         HsCategoryDialog  *dialog)
{
  g_auto(GStrv) tags = hs_category_dialog_dup_tags (dialog);

  change_category (self, hs_category_dialog_get_old_name (dialog),
                   hs_category_dialog_get_name (dialog), tags);
}

static void
open_category_dialog (HsLibraryPage *self,
                      const char    *name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  HsCategoryDialog *dialog = hs_category_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_auto(GStrv) tags = NULL;

  /* The tags it has now, from the row's subtitle. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->categories_list));
       name != NULL && row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "category"), name) == 0)
      tags = g_strsplit (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), " · ", -1);

  hs_category_dialog_set_category (dialog, name, (const char * const *) tags);
  g_signal_connect_object (dialog, "done", G_CALLBACK (category_dialog_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
category_activated_cb (HsLibraryPage *self,
                       GtkListBoxRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "category");

  if (name != NULL)
    hs_library_page_show_category (self, name);
}

static void
new_category_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  HsLibraryPage *self = HS_LIBRARY_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "categories");
  open_category_dialog (self, NULL);
}

static void
edit_category_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  open_category_dialog (HS_LIBRARY_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
delete_category_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  change_category (HS_LIBRARY_PAGE (widget), g_variant_get_string (param, NULL), NULL, NULL);
}

static void
add_category_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  const char *name = NULL;
  g_autofree const char **tags = NULL;

  g_variant_get (param, "(&s^a&s)", &name, &tags);
  change_category (HS_LIBRARY_PAGE (widget), NULL, name, (GStrv) tags);
}

void
hs_library_page_load_categories (HsLibraryPage *self)
{
  hs_library_page_run_job (self, categories_job, NULL, NULL, (GDestroyNotify) category_lists_free,
                           self->section_cancellable, categories_loaded_cb);
}

void
hs_library_page_categories_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, category_activated_cb);
  gtk_widget_class_install_action (widget_class, "library.new-category", NULL, new_category_action);
  gtk_widget_class_install_action (widget_class, "library.edit-category", "s", edit_category_action);
  gtk_widget_class_install_action (widget_class, "library.delete-category", "s", delete_category_action);
  gtk_widget_class_install_action (widget_class, "library.add-category", "(sas)", add_category_action);
}
