#include "config.h"

#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "hs-content-html.h"
#include "hs-content-view-internal.h"
#include "hs-media-actions.h"
#include "hs-urls.h"

/* What the body may do, decided for the web view: only our own document
 * loads; a person's click on a link opens a search in the window or the
 * link in the browser, and nothing else goes anywhere; the context menu
 * keeps Copy and offers Save Image… for the note's own pictures. */

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
            && g_strcmp0 (uri, HS_CONTENT_VIEW_DOCUMENT_URI) == 0)
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
        else if (navigation_type == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED && hs_urls_is_web (uri))
          hs_content_view_emit_activate_link (self, uri);
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

        if (g_strcmp0 (uri, HS_CONTENT_VIEW_DOCUMENT_URI) == 0)
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

void
hs_content_view_policy_init (HsContentView *self)
{
  static const GActionEntry actions[] = {
    { .name = "save-image", .activate = save_image_activate_cb, .parameter_type = "s" },
  };

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), actions, G_N_ELEMENTS (actions), self);

  g_signal_connect (self->web_view, "decide-policy", G_CALLBACK (decide_policy_cb), self);
  g_signal_connect (self->web_view, "context-menu", G_CALLBACK (context_menu_cb), self);
}
