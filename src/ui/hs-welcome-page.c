#include "config.h"

#include <glib/gi18n.h>

#include "hs-welcome-page.h"

struct _HsWelcomePage
{
  AdwBin         parent_instance;

  AdwStatusPage *status_page;
};

G_DEFINE_FINAL_TYPE (HsWelcomePage, hs_welcome_page, ADW_TYPE_BIN)

static void
hs_welcome_page_class_init (HsWelcomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* No dispose: AdwBin unparents its child (the template's status page)
   * itself. gtk_widget_dispose_template() would unparent it first and leave
   * AdwBin a dangling pointer. */
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HsWelcomePage, status_page);
}

static void
hs_welcome_page_init (HsWelcomePage *self)
{
  g_autofree char *description = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Built here so that the link stays out of the translated text. */
  description = g_strdup_printf ("%s\n\n%s",
                                 _("Paste a note’s share link: the text the Xiaohongshu app copies when you share a note, or a note’s address from the browser. Hongshu reads it from the Xiaohongshu website. An access token for the Xiaohongshu Open Platform API is optional."),
                                 _("To get one, sign in to the <a href=\"https://open.xiaohongshu.com/\">Xiaohongshu Open Platform</a>, create an app, and copy its access token. Hongshu keeps it in your keyring."));
  adw_status_page_set_description (self->status_page, description);
  adw_status_page_set_icon_name (self->status_page, APP_ID);
}

GtkWidget *
hs_welcome_page_new (void)
{
  return g_object_new (HS_TYPE_WELCOME_PAGE, NULL);
}

AdwStatusPage *
hs_welcome_page_get_status_page (HsWelcomePage *self)
{
  g_return_val_if_fail (HS_IS_WELCOME_PAGE (self), NULL);
  return self->status_page;
}
