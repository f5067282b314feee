#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-library-private.h"
#include "hs-library-source.h"

struct _HsLibrarySource
{
  GObject    parent_instance;

  HsLibrary      *library;
  HsLibraryQuery *scope;   /* NULL: the whole library */
  HsMediaLoader  *loader;  /* nullable: gets each note's saved media */
};

static void hs_library_source_note_source_init (HsNoteSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HsLibrarySource, hs_library_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (HS_TYPE_NOTE_SOURCE, hs_library_source_note_source_init))

static void
hs_library_source_dispose (GObject *object)
{
  HsLibrarySource *self = HS_LIBRARY_SOURCE (object);

  g_clear_object (&self->library);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (hs_library_source_parent_class)->dispose (object);
}

static void
hs_library_source_finalize (GObject *object)
{
  HsLibrarySource *self = HS_LIBRARY_SOURCE (object);

  g_clear_pointer (&self->scope, hs_library_query_free);

  G_OBJECT_CLASS (hs_library_source_parent_class)->finalize (object);
}

static void
hs_library_source_class_init (HsLibrarySourceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hs_library_source_dispose;
  G_OBJECT_CLASS (klass)->finalize = hs_library_source_finalize;
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

HsLibrarySource *
hs_library_source_new_for_scope (HsLibrary            *library,
                                 const HsLibraryQuery *scope)
{
  HsLibrarySource *self = hs_library_source_new (library);

  g_return_val_if_fail (scope != NULL, self);

  self->scope = hs_library_query_copy (scope);
  return self;
}

void
hs_library_source_set_media_loader (HsLibrarySource *self,
                                    HsMediaLoader   *loader)
{
  g_return_if_fail (HS_IS_LIBRARY_SOURCE (self));
  g_set_object (&self->loader, loader);
}

static HsNoteSourceCapabilities
source_get_capabilities (HsNoteSource *source G_GNUC_UNUSED)
{
  return HS_NOTE_SOURCE_CAN_SEARCH | HS_NOTE_SOURCE_CAN_SEARCH_TAGS | HS_NOTE_SOURCE_OFFLINE;
}

typedef struct
{
  HsNote     *note;
  GHashTable *media;   /* URL -> GFile */
} NoteWithMedia;

static void
note_with_media_free (NoteWithMedia *found)
{
  g_clear_object (&found->note);
  g_clear_pointer (&found->media, g_hash_table_unref);
  g_free (found);
}

/* In a worker thread: the library is used from one at a time (its mutex). */
static void
get_note_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  HsLibrarySource *self = source_object;
  HsNoteRef *ref = task_data;
  g_autoptr(HsLibraryItem) item = NULL;
  NoteWithMedia *found;
  GError *error = NULL;

  item = hs_library_get_sync (self->library, hs_note_ref_get_note_id (ref), cancellable, &error);
  if (item == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  found = g_new0 (NoteWithMedia, 1);
  found->note = g_object_ref (hs_library_item_get_note (item));
  if (self->loader != NULL && hs_library_item_get_saved (item))
    {
      /* Without its media the note still shows, as it would online. */
      found->media = hs_library_get_media_sync (self->library, hs_note_ref_get_note_id (ref),
                                                cancellable, NULL);
    }
  g_task_return_pointer (task, found, (GDestroyNotify) note_with_media_free);
}

/* On the main thread, where the loader lives. */
static void
note_found_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HsLibrarySource *self = HS_LIBRARY_SOURCE (object);
  NoteWithMedia *found;
  GError *error = NULL;

  found = g_task_propagate_pointer (G_TASK (result), &error);
  if (found == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (found->media != NULL && self->loader != NULL)
    hs_media_loader_add_local_files (self->loader, found->media);
  g_task_return_pointer (task, g_steal_pointer (&found->note), g_object_unref);
  note_with_media_free (found);
}

static void
source_get_note (HsNoteSource *source,
                 GTask        *task)
{
  HsNoteRef *ref = hs_note_source_call_get (task)->resolved;
  g_autoptr(GTask) lookup = NULL;

  /* A short link names no note until the network follows it. */
  if (hs_note_ref_get_note_id (ref) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The library cannot follow a short link without the network"));
      return;
    }

  lookup = g_task_new (source, g_task_get_cancellable (task), note_found_cb, g_object_ref (task));
  g_task_set_name (lookup, "[hongshu] library source get note");
  g_task_set_task_data (lookup, hs_note_ref_ref (ref), (GDestroyNotify) hs_note_ref_unref);
  g_task_run_in_thread (lookup, get_note_thread);
}

typedef struct
{
  int             page;
  int             size;
  HsLibraryQuery *query;
  GHashTable     *media;   /* URL -> GFile of the page's saved notes; nullable */
} PageData;

static void
page_data_free (PageData *data)
{
  g_clear_pointer (&data->query, hs_library_query_free);
  g_clear_pointer (&data->media, g_hash_table_unref);
  g_free (data);
}

/* In a worker thread: the page, and the saved media of its notes, so that
 * their covers show without the network. */
static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  HsLibrarySource *self = source_object;
  PageData *page = task_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GListStore) notes = g_list_store_new (HS_TYPE_NOTE);
  GError *error = NULL;
  gboolean has_more;

  items = hs_library_query_sync (self->library, page->query, cancellable, &error);
  if (items == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* One more than a page was asked for, to know whether there is more. */
  has_more = items->len > (guint) page->size;
  for (guint i = 0; i < MIN (items->len, (guint) page->size); i++)
    {
      HsLibraryItem *item = items->pdata[i];
      HsNote *note = hs_library_item_get_note (item);

      g_list_store_append (notes, note);
      if (self->loader != NULL && hs_library_item_get_saved (item))
        {
          g_autoptr(GHashTable) media = hs_library_get_media_sync (self->library,
                                                                   hs_note_get_note_id (note),
                                                                   cancellable, NULL);
          GHashTableIter iter;
          gpointer url, file;

          if (media == NULL)
            continue;
          if (page->media == NULL)
            page->media = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
          g_hash_table_iter_init (&iter, media);
          while (g_hash_table_iter_next (&iter, &url, &file))
            g_hash_table_replace (page->media, g_strdup (url), g_object_ref (file));
        }
    }

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

  if (self->scope != NULL)
    {
      query = *self->scope;
      /* Within a section, nothing typed yet lists the whole section. */
      if (keyword == NULL || *keyword == '\0')
        keyword = NULL;
    }
  query.text = NULL;
  if (is_tag)
    query.tag = keyword != NULL ? keyword : query.tag;
  else
    query.text = keyword;
  query.limit = (guint) data->size + 1;
  query.offset = (guint) ((data->page - 1) * data->size);
  data->query = hs_library_query_copy (&query);
  g_task_set_task_data (task, data, (GDestroyNotify) page_data_free);
  /* GTask's threads take the tasks waiting by priority: a page of cards,
   * which a person waits for, before the covers still being decoded for
   * the page shown before (hs-texture-cache.c, default priority). */
  g_task_set_priority (task, G_PRIORITY_HIGH);

  g_task_run_in_thread (task, search_thread);
}

static HsSearchPage *
source_search_finish (HsNoteSource  *source,
                      GAsyncResult  *result,
                      GError       **error)
{
  HsLibrarySource *self = HS_LIBRARY_SOURCE (source);
  PageData *page;

  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  /* On the main thread, where the loader lives. */
  page = g_task_get_task_data (G_TASK (result));
  if (page->media != NULL && self->loader != NULL && !g_task_had_error (G_TASK (result)))
    hs_media_loader_add_local_files (self->loader, page->media);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
hs_library_source_note_source_init (HsNoteSourceInterface *iface)
{
  iface->id = "library";
  iface->display_name = N_("Library");
  iface->get_capabilities = source_get_capabilities;
  iface->get_note = source_get_note;
  iface->search_async = source_search_async;
  iface->search_finish = source_search_finish;
}
