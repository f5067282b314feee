#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "hs-category-dialog.h"

struct _HsCategoryDialog
{
  AdwMessageDialog  parent_instance;

  char             *old_name;
  GtkEntry         *name_entry;
  GtkEntry         *tags_entry;
};

G_DEFINE_FINAL_TYPE (HsCategoryDialog, hs_category_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GStrv
hs_category_dialog_parse_tags (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *commas = NULL;
  g_auto(GStrv) parts = NULL;
  GString *normal;

  /* Chinese input gives "，" and "、" as readily as ",". */
  normal = g_string_new (text != NULL ? text : "");
  g_string_replace (normal, "，", ",", 0);
  g_string_replace (normal, "、", ",", 0);
  commas = g_string_free (normal, FALSE);
  parts = g_strsplit (commas, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      while (*tag == '#')
        tag++;
      tag = g_strstrip (tag);
      if (*tag != '\0')
        g_strv_builder_add (builder, tag);
    }
  return g_strv_builder_end (builder);
}

static void
update_save (HsCategoryDialog *self)
{
  g_auto(GStrv) tags = hs_category_dialog_dup_tags (self);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save",
                                           *name != '\0' && tags[0] != NULL);
}

static void
hs_category_dialog_response (AdwMessageDialog *dialog,
                             const char       *response)
{
  if (g_strcmp0 (response, "save") == 0)
    g_signal_emit (dialog, signals[DONE], 0);
  if (ADW_MESSAGE_DIALOG_CLASS (hs_category_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (hs_category_dialog_parent_class)->response (dialog, response);
}

static void
hs_category_dialog_finalize (GObject *object)
{
  HsCategoryDialog *self = HS_CATEGORY_DIALOG (object);

  g_clear_pointer (&self->old_name, g_free);

  G_OBJECT_CLASS (hs_category_dialog_parent_class)->finalize (object);
}

static void
hs_category_dialog_class_init (HsCategoryDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_category_dialog_finalize;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = hs_category_dialog_response;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static GtkEntry *
add_entry (GtkBox     *box,
           const char *label_text,
           const char *placeholder,
           const char *name)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_name (entry, name);
  gtk_box_append (box, label);
  gtk_box_append (box, entry);
  return GTK_ENTRY (entry);
}

static void
hs_category_dialog_init (HsCategoryDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("New Category"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("A category groups tags: a note is in it when it has one of them."));
  self->name_entry = add_entry (GTK_BOX (box), _("_Name"), _("Makeup"), "category-name");
  self->tags_entry = add_entry (GTK_BOX (box), _("_Tags"), _("lipstick, foundation, eyeshadow"), "category-tags");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  g_signal_connect_object (self->name_entry, "changed", G_CALLBACK (update_save), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tags_entry, "changed", G_CALLBACK (update_save), self, G_CONNECT_SWAPPED);
  update_save (self);
}

HsCategoryDialog *
hs_category_dialog_new (GtkWindow *parent)
{
  return g_object_new (HS_TYPE_CATEGORY_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}

void
hs_category_dialog_set_category (HsCategoryDialog   *self,
                                 const char         *name,
                                 const char * const *tags)
{
  g_autofree char *joined = NULL;

  g_return_if_fail (HS_IS_CATEGORY_DIALOG (self));

  g_free (self->old_name);
  self->old_name = g_strdup (name);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self),
                                  name != NULL ? _("Change Category") : _("New Category"));
  joined = tags != NULL ? g_strjoinv (", ", (GStrv) tags) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_entry), joined);
}

const char *
hs_category_dialog_get_old_name (HsCategoryDialog *self)
{
  g_return_val_if_fail (HS_IS_CATEGORY_DIALOG (self), NULL);
  return self->old_name;
}

const char *
hs_category_dialog_get_name (HsCategoryDialog *self)
{
  g_return_val_if_fail (HS_IS_CATEGORY_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->name_entry));
}

GStrv
hs_category_dialog_dup_tags (HsCategoryDialog *self)
{
  g_return_val_if_fail (HS_IS_CATEGORY_DIALOG (self), NULL);
  return hs_category_dialog_parse_tags (gtk_editable_get_text (GTK_EDITABLE (self->tags_entry)));
}
