#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-library-source.h"

struct _HsLibrarySource
{
  GObject    parent_instance;

  HsLibrary *library;
};

static void hs_library_source_note_source_init (HsNoteSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HsLibrarySource, hs_library_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HS_TYPE_NOTE_SOURCE, hs_library_source_note_source_init))

static void
hs_library_source_dispose (GObject *object)
{
  HsLibrarySource *self = HS_LIBRARY_SOURCE (object);

  g_clear_object (&self->library);

  G_OBJECT_CLASS (hs_library_source_parent_class)->dispose (object);
}

static void
hs_library_source_class_init (HsLibrarySourceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hs_library_source_dispose;
}

static void
hs_library_source_init (HsLibrarySource *self G_GNUC_UNUSED)
{
}

HsLibrarySource *
hs_library_source_new (HsLibrary *library)
{
  HsLibrarySource *self;

  g_return_val_if_fail (HS_IS_LIBRARY (library), NULL);

  self = g_object_new (HS_TYPE_LIBRARY_SOURCE, NULL);
  self->library = g_object_ref (library);
  return self;
}

HsLibrary *
hs_library_source_get_library (HsLibrarySource *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_SOURCE (self), NULL);
  return self->library;
}

static const char *
source_get_id (HsNoteSource *source G_GNUC_UNUSED)
{
  return "library";
}

static const char *
source_get_display_name (HsNoteSource *source G_GNUC_UNUSED)
{
  return _("Library");
}

static HsNoteSourceCapabilities
source_get_capabilities (HsNoteSource *source G_GNUC_UNUSED)
{
  return HS_NOTE_SOURCE_CAN_SEARCH | HS_NOTE_SOURCE_CAN_SEARCH_TAGS | HS_NOTE_SOURCE_OFFLINE;
}

static void
get_item_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(HsLibraryItem) item = NULL;
  GError *error = NULL;

  item = hs_library_get_finish (HS_LIBRARY (object), result, &error);
  if (item == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (hs_library_item_get_note (item)), g_object_unref);
}

static void
source_get_note (HsNoteSource *source,
                 GTask        *task)
{
  HsLibrarySource *self = HS_LIBRARY_SOURCE (source);
  const char *note_id = hs_note_ref_get_note_id (hs_note_source_call_get (task)->resolved);

  /* A short link names no note until the network follows it. */
  if (note_id == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The library cannot follow a short link without the network"));
      return;
    }

  hs_library_get_async (self->library, note_id, g_task_get_cancellable (task), get_item_cb,
                        g_object_ref (task));
}

typedef struct
{
  int page;
  int size;
} PageData;

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GListStore) notes = g_list_store_new (HS_TYPE_NOTE);
  PageData *page = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean has_more;

  items = hs_library_query_finish (HS_LIBRARY (object), result, &error);
  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* One more than a page was asked for, to know whether there is more. */
  has_more = items->len > (guint) page->size;
  for (guint i = 0; i < MIN (items->len, (guint) page->size); i++)
    g_list_store_append (notes, hs_library_item_get_note (items->pdata[i]));

  g_task_return_pointer (task,
                         g_object_new (HS_TYPE_SEARCH_PAGE,
                                       "page", page->page,
                                       "size", page->size,
                                       "total", (gint64) -1,
                                       "has-more", has_more,
                                       "items", notes,
                                       NULL),
                         g_object_unref);
}

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
  HsLibrarySource *self = HS_LIBRARY_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  HsLibraryQuery query = { 0 };
  PageData *data = g_new0 (PageData, 1);

  data->page = MAX (page, 1);
  data->size = CLAMP (size, 1, 100);
  g_task_set_source_tag (task, source_search_async);
  g_task_set_task_data (task, data, g_free);

  if (is_tag)
    query.tag = keyword;
  else
    query.text = keyword;
  query.limit = (guint) data->size + 1;
  query.offset = (guint) ((data->page - 1) * data->size);

  hs_library_query_async (self->library, &query, cancellable, search_cb, g_steal_pointer (&task));
}

static HsSearchPage *
source_search_finish (HsNoteSource  *source,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
hs_library_source_note_source_init (HsNoteSourceInterface *iface)
{
  iface->get_id = source_get_id;
  iface->get_display_name = source_get_display_name;
  iface->get_capabilities = source_get_capabilities;
  iface->get_note = source_get_note;
  iface->search_async = source_search_async;
  iface->search_finish = source_search_finish;
}
