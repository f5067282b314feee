#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-client.h"
#include "hs-note-source.h"

G_DEFINE_INTERFACE (HsNoteSource, hs_note_source, G_TYPE_OBJECT)

static void
note_source_call_free (HsNoteSourceCall *call)
{
  g_clear_pointer (&call->resolved, hs_note_ref_unref);
  g_clear_pointer (&call->warnings, g_ptr_array_unref);
  if (call->data_free != NULL)
    g_clear_pointer (&call->data, call->data_free);
  g_free (call);
}

HsNoteSourceCall *
hs_note_source_call_get (GTask *task)
{
  g_return_val_if_fail (g_task_get_source_tag (task) == hs_note_source_get_note_async, NULL);

  return g_task_get_task_data (task);
}

void
hs_note_source_call_set_resolved (GTask     *task,
                                  HsNoteRef *resolved)
{
  HsNoteSourceCall *call = hs_note_source_call_get (task);

  g_clear_pointer (&call->resolved, hs_note_ref_unref);
  call->resolved = resolved;
}

static HsNote *
default_get_note_finish (HsNoteSource  *self,
                         GAsyncResult  *result,
                         HsNoteRef    **resolved,
                         GPtrArray    **warnings,
                         GError       **error)
{
  HsNoteSourceCall *call;
  HsNote *note;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  call = hs_note_source_call_get (G_TASK (result));
  note = g_task_propagate_pointer (G_TASK (result), error);
  if (note == NULL)
    return NULL;

  if (resolved != NULL)
    *resolved = hs_note_ref_ref (call->resolved);
  if (warnings != NULL)
    *warnings = call->warnings != NULL ? g_ptr_array_ref (call->warnings)
                                       : g_ptr_array_new_with_free_func (g_free);
  return note;
}

static void
hs_note_source_default_init (HsNoteSourceInterface *iface)
{
  iface->get_note_finish = default_get_note_finish;
}

const char *
hs_note_source_get_id (HsNoteSource *self)
{
  g_return_val_if_fail (HS_IS_NOTE_SOURCE (self), NULL);

  return HS_NOTE_SOURCE_GET_IFACE (self)->id;
}

const char *
hs_note_source_get_display_name (HsNoteSource *self)
{
  g_return_val_if_fail (HS_IS_NOTE_SOURCE (self), NULL);

  return g_dgettext (GETTEXT_PACKAGE, HS_NOTE_SOURCE_GET_IFACE (self)->display_name);
}

HsNoteSourceCapabilities
hs_note_source_get_capabilities (HsNoteSource *self)
{
  g_return_val_if_fail (HS_IS_NOTE_SOURCE (self), HS_NOTE_SOURCE_NONE);

  return HS_NOTE_SOURCE_GET_IFACE (self)->get_capabilities (self);
}

gboolean
hs_note_source_can (HsNoteSource             *self,
                    HsNoteSourceCapabilities  capabilities)
{
  return (hs_note_source_get_capabilities (self) & capabilities) == capabilities;
}

void
hs_note_source_get_note_async (HsNoteSource        *self,
                               HsNoteRef           *ref,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  HsNoteSourceCall *call;

  g_return_if_fail (HS_IS_NOTE_SOURCE (self));
  g_return_if_fail (ref != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_note_source_get_note_async);
  g_task_set_name (task, "[hongshu] note source get note");
  call = g_new0 (HsNoteSourceCall, 1);
  call->resolved = hs_note_ref_ref (ref);
  g_task_set_task_data (task, call, (GDestroyNotify) note_source_call_free);

  HS_NOTE_SOURCE_GET_IFACE (self)->get_note (self, task);
}

HsNote *
hs_note_source_get_note_finish (HsNoteSource  *self,
                                GAsyncResult  *result,
                                HsNoteRef    **resolved,
                                GPtrArray    **warnings,
                                GError       **error)
{
  g_return_val_if_fail (HS_IS_NOTE_SOURCE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  if (resolved != NULL)
    *resolved = NULL;
  if (warnings != NULL)
    *warnings = NULL;

  return HS_NOTE_SOURCE_GET_IFACE (self)->get_note_finish (self, result, resolved, warnings, error);
}

void
hs_note_source_search_async (HsNoteSource        *self,
                             const char          *keyword,
                             gboolean             is_tag,
                             int                  page,
                             int                  size,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  HsNoteSourceInterface *iface;

  g_return_if_fail (HS_IS_NOTE_SOURCE (self));
  g_return_if_fail (keyword != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* A source that cannot search says so in the same way every time. */
  iface = HS_NOTE_SOURCE_GET_IFACE (self);
  if (iface->search_async == NULL)
    {
      /* TRANSLATORS: %s is the name of a note source, such as "Open platform API" */
      g_task_report_new_error (self, callback, user_data, hs_note_source_search_async,
                               G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("%s cannot search"), hs_note_source_get_display_name (self));
      return;
    }

  iface->search_async (self, keyword, is_tag, page, size, cancellable, callback, user_data);
}

HsSearchPage *
hs_note_source_search_finish (HsNoteSource  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  HsNoteSourceInterface *iface;

  g_return_val_if_fail (HS_IS_NOTE_SOURCE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  iface = HS_NOTE_SOURCE_GET_IFACE (self);
  if (g_async_result_is_tagged (result, hs_note_source_search_async) || iface->search_finish == NULL)
    {
      g_return_val_if_fail (g_task_is_valid (result, self), NULL);
      return g_task_propagate_pointer (G_TASK (result), error);
    }
  return iface->search_finish (self, result, error);
}

char *
hs_note_source_dup_setting (HsConfig *config)
{
  GSettings *settings;
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (HS_IS_CONFIG (config), NULL);

  settings = hs_config_get_settings (config);
  if (settings != NULL)
    g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, "note-source"))
    return g_strdup ("auto");
  return g_settings_get_string (settings, "note-source");
}

HsNoteSource *
hs_note_source_for_config (HsConfig     *config,
                           HsClient     *api_client,
                           HsNoteSource *web_source)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (HS_IS_CONFIG (config), NULL);
  g_return_val_if_fail (HS_IS_CLIENT (api_client), NULL);
  g_return_val_if_fail (web_source == NULL || HS_IS_NOTE_SOURCE (web_source), NULL);

  if (web_source == NULL)
    return HS_NOTE_SOURCE (g_object_ref (api_client));

  name = hs_note_source_dup_setting (config);

  if (g_strcmp0 (name, "web") == 0)
    return g_object_ref (web_source);
  if (g_strcmp0 (name, "api") == 0)
    return HS_NOTE_SOURCE (g_object_ref (api_client));

  /* auto: the open platform needs a token that few people have; everyone
   * has links, which the website reads. */
  if (hs_client_has_access_token (api_client))
    return HS_NOTE_SOURCE (g_object_ref (api_client));
  return g_object_ref (web_source);
}
