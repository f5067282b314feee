#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hs-client-internal.h"
#include "hs-error.h"
#include "hs-http.h"
#include "hs-note-parser.h"
#include "hs-note-ref.h"
#include "hs-sign.h"
#include "hs-urls.h"

/* ------------------------------------------------------------------------ */
/* HsNoteSource                                                             */

static HsNoteSourceCapabilities
source_get_capabilities (HsNoteSource *source)
{
  return HS_NOTE_SOURCE_CAN_SEARCH | HS_NOTE_SOURCE_CAN_SEARCH_TAGS |
         HS_NOTE_SOURCE_CAN_RESOLVE_SHORT | HS_NOTE_SOURCE_NEEDS_TOKEN;
}

static void
source_note_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HsNoteSourceCall *source_call = hs_note_source_call_get (task);
  GError *error = NULL;
  HsNote *note;

  note = hs_client_get_note_finish (HS_CLIENT (object), result, &source_call->warnings, &error);
  if (note == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, note, g_object_unref);
}

static void
source_fetch (GTask *task)
{
  HsClient *self = g_task_get_source_object (task);
  HsNoteRef *ref = hs_note_source_call_get (task)->resolved;

  hs_client_get_note_async (self, hs_note_ref_get_note_id (ref), self->note_fields,
                            g_task_get_cancellable (task), source_note_cb, g_object_ref (task));
}

static void
source_short_link_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (G_TASK (result));
  g_autofree char *link = call != NULL ? g_strdup (call->resolved_link) : NULL;
  g_autofree char *note_id = NULL;
  HsNoteRef *resolved;
  GError *error = NULL;

  note_id = hs_client_resolve_short_link_finish (HS_CLIENT (object), result, &error);
  if (note_id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Keep the link the short link led to, xsec_token and all. */
  resolved = link != NULL ? hs_note_ref_new_for_link (link) : NULL;
  if (resolved == NULL)
    resolved = hs_note_ref_new_for_id (note_id);
  hs_note_source_call_set_resolved (task, resolved);
  source_fetch (task);
}

static void
source_get_note (HsNoteSource *source,
                 GTask        *task)
{
  HsClient *self = HS_CLIENT (source);
  HsNoteRef *ref = hs_note_source_call_get (task)->resolved;
  g_autofree char *mapped = NULL;

  if (hs_note_ref_get_note_id (ref) != NULL)
    {
      source_fetch (task);
      return;
    }

  mapped = hs_urls_map_short_link (hs_note_ref_get_short_link (ref), self->short_link_base);
  hs_client_resolve_short_link_async (self, mapped, g_task_get_cancellable (task),
                                      source_short_link_cb, g_object_ref (task));
}

/* doc/api-protocol.md §7: @page from 1, @size 1 to 50; @is_tag searches by tag. */
static void
source_search_async (HsNoteSource        *source,
                     const char          *keyword,
                     gboolean             is_tag,
                     int                  page,
                     int                  size,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *page_text = NULL;
  g_autofree char *size_text = NULL;
  Call *call;

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_search_async);
  g_task_set_name (task, "[hongshu] search");

  if (*keyword == '\0' || !g_utf8_validate (keyword, -1, NULL))
    {
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_BAD_REQUEST,
                               is_tag ? _("The tag to search for is empty")
                                      : _("The keyword to search for is empty"));
      return;
    }
  if (page < 1)
    {
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_BAD_REQUEST,
                               _("The page number must be 1 or more"));
      return;
    }
  if (size < 1 || size > 50)
    {
      g_task_return_new_error (task, HS_ERROR, HS_ERROR_BAD_REQUEST,
                               _("The page size must be between 1 and 50"));
      return;
    }

  page_text = g_strdup_printf ("%d", page);
  size_text = g_strdup_printf ("%d", size);

  call = hs_client_call_new (CALL_SEARCH);
  call->path = g_strdup ("/v1/notes/search");
  hs_client_call_add_param (call, is_tag ? "tag" : "keyword", keyword);
  hs_client_call_add_param (call, "page", page_text);
  hs_client_call_add_param (call, "size", size_text);
  g_task_set_task_data (task, call, (GDestroyNotify) hs_client_call_free);

  hs_client_call_start (task);
}

void
hs_client_note_source_init (HsNoteSourceInterface *iface)
{
  iface->id = "api";
  iface->display_name = N_("Open platform API");
  iface->get_capabilities = source_get_capabilities;
  iface->get_note = source_get_note;
  iface->search_async = source_search_async;
}
