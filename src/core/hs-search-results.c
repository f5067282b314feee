#include "config.h"

#include <string.h>

#include "hs-note.h"
#include "hs-search-results.h"

struct _HsSearchResults
{
  GObject parent_instance;

  HsNoteSource *source;
  char *query;
  gboolean is_tag;
  int page_size;

  GPtrArray *notes;            /* HsNote, in page order */
  GCancellable *cancellable;   /* the page in flight, NULL when none */
  GError *error;
  gboolean has_more;
  guint n_pages;
  gint64 total;

  gulong waiting_id;
  guint waiting_seconds;
  guint countdown_id;

  GHashTable *tag_counts;      /* tag → count; owns nothing, keys in tag_order */
  GPtrArray *tag_order;        /* tags in order of first appearance (owned) */
};

static void hs_search_results_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HsSearchResults, hs_search_results, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      hs_search_results_list_model_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_ERROR,
  PROP_HAS_MORE,
  PROP_WAITING_SECONDS,
  PROP_N_PAGES,
  PROP_TOTAL,
  PROP_TOP_TAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Enough chips to refine with, and what the header shows. */
#define TOP_TAGS_PROPERTY_MAX 8

static GType
list_get_item_type (GListModel *model)
{
  return HS_TYPE_NOTE;
}

static guint
list_get_n_items (GListModel *model)
{
  return HS_SEARCH_RESULTS (model)->notes->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  HsSearchResults *self = HS_SEARCH_RESULTS (model);

  if (position >= self->notes->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->notes, position));
}

static void
hs_search_results_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
set_waiting_seconds (HsSearchResults *self,
                     guint            seconds)
{
  if (self->waiting_seconds == seconds)
    return;
  self->waiting_seconds = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_SECONDS]);
}

static void
stop_countdown (HsSearchResults *self)
{
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  set_waiting_seconds (self, 0);
}

static gboolean
countdown_tick_cb (gpointer user_data)
{
  HsSearchResults *self = user_data;

  if (self->waiting_seconds <= 1)
    {
      self->countdown_id = 0;
      set_waiting_seconds (self, 0);
      return G_SOURCE_REMOVE;
    }
  set_waiting_seconds (self, self->waiting_seconds - 1);
  return G_SOURCE_CONTINUE;
}

/* The client is shared by the whole application: a wait concerns this
 * model only while one of its pages is in flight. */
static void
source_waiting_cb (HsSearchResults *self,
                   guint            seconds,
                   const GError    *reason,
                   GObject         *source)
{
  if (self->cancellable == NULL)
    return;

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  set_waiting_seconds (self, seconds);
  if (seconds > 0)
    self->countdown_id = g_timeout_add_seconds (1, countdown_tick_cb, self);
}

static void
count_tags (HsSearchResults *self,
            HsNote          *note)
{
  const char * const *tags = hs_note_get_tags (note);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      gpointer stored;
      gpointer count;

      if (*tags[i] == '\0')
        continue;
      if (g_hash_table_lookup_extended (self->tag_counts, tags[i], &stored, &count))
        g_hash_table_insert (self->tag_counts, stored,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
      else
        {
          char *tag = g_strdup (tags[i]);

          g_ptr_array_add (self->tag_order, tag);
          g_hash_table_insert (self->tag_counts, tag, GUINT_TO_POINTER (1));
        }
    }
}

/* The page in flight holds no reference on the model, so that dropping
 * the model (a new search, a closed window) disposes it, which cancels the
 * page. */
typedef struct
{
  GWeakRef self;
  GCancellable *cancellable;
} PageRequest;

static void
page_request_free (PageRequest *request)
{
  g_weak_ref_clear (&request->self);
  g_clear_object (&request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageRequest, page_request_free)

static void
page_received_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PageRequest) request = user_data;
  g_autoptr(HsSearchResults) self = NULL;
  g_autoptr(HsSearchPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *items;
  guint position;
  guint n_items;

  page = hs_note_source_search_finish (HS_NOTE_SOURCE (object), result, &error);

  /* Cancelled (or finished just as it was): the model was cancelled or
   * disposed, and self->cancellable belongs to no page or a newer one. */
  if (g_cancellable_is_cancelled (request->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = g_weak_ref_get (&request->self);
  if (self == NULL || self->cancellable != request->cancellable)
    return;

  g_clear_object (&self->cancellable);
  stop_countdown (self);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (page == NULL)
    {
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  items = hs_search_page_get_items (page);
  n_items = g_list_model_get_n_items (items);
  position = self->notes->len;
  for (guint i = 0; i < n_items; i++)
    {
      HsNote *note = g_list_model_get_item (items, i);

      count_tags (self, note);
      g_ptr_array_add (self->notes, note);
    }

  self->n_pages++;
  /* An empty page ends the search too, whatever it says: asking again
   * would give the same. */
  self->has_more = hs_search_page_get_has_more (page) && n_items > 0;
  self->total = hs_search_page_get_total (page);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOP_TAGS]);
  if (!self->has_more)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);

  if (n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n_items);

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
hs_search_results_load_more (HsSearchResults *self)
{
  PageRequest *request;

  g_return_val_if_fail (HS_IS_SEARCH_RESULTS (self), FALSE);

  if (self->cancellable != NULL || !self->has_more || self->error != NULL)
    return FALSE;

  request = g_new0 (PageRequest, 1);
  g_weak_ref_init (&request->self, self);
  self->cancellable = g_cancellable_new ();
  request->cancellable = g_object_ref (self->cancellable);
  hs_note_source_search_async (self->source, self->query, self->is_tag,
                               (int) self->n_pages + 1, self->page_size,
                               self->cancellable, page_received_cb, request);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  return TRUE;
}

gboolean
hs_search_results_retry (HsSearchResults *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_RESULTS (self), FALSE);

  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  return hs_search_results_load_more (self);
}

void
hs_search_results_cancel (HsSearchResults *self)
{
  g_return_if_fail (HS_IS_SEARCH_RESULTS (self));

  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_countdown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
hs_search_results_dispose (GObject *object)
{
  HsSearchResults *self = (HsSearchResults *)object;

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (self->source != NULL)
    g_clear_signal_handler (&self->waiting_id, self->source);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (hs_search_results_parent_class)->dispose (object);
}

static void
hs_search_results_finalize (GObject *object)
{
  HsSearchResults *self = (HsSearchResults *)object;

  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->tag_counts, g_hash_table_unref);
  g_clear_pointer (&self->tag_order, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_free (self->query);

  G_OBJECT_CLASS (hs_search_results_parent_class)->finalize (object);
}

static void
hs_search_results_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HsSearchResults *self = HS_SEARCH_RESULTS (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;

    case PROP_WAITING_SECONDS:
      g_value_set_uint (value, self->waiting_seconds);
      break;

    case PROP_N_PAGES:
      g_value_set_uint (value, self->n_pages);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    case PROP_TOP_TAGS:
      g_value_take_boxed (value, hs_search_results_dup_top_tags (self, TOP_TAGS_PROPERTY_MAX));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_search_results_class_init (HsSearchResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_search_results_dispose;
  object_class->finalize = hs_search_results_finalize;
  object_class->get_property = hs_search_results_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WAITING_SECONDS] =
    g_param_spec_uint ("waiting-seconds", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_PAGES] =
    g_param_spec_uint ("n-pages", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, -1, G_MAXINT64, -1,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOP_TAGS] =
    g_param_spec_boxed ("top-tags", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_search_results_init (HsSearchResults *self)
{
  self->notes = g_ptr_array_new_with_free_func (g_object_unref);
  self->tag_counts = g_hash_table_new (g_str_hash, g_str_equal);
  self->tag_order = g_ptr_array_new_with_free_func (g_free);
  self->has_more = TRUE;
  self->total = -1;
}

HsSearchResults *
hs_search_results_new (HsNoteSource *source,
                       const char   *query,
                       gboolean      is_tag,
                       int           page_size)
{
  HsSearchResults *self;

  g_return_val_if_fail (HS_IS_NOTE_SOURCE (source), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (page_size > 0, NULL);

  self = g_object_new (HS_TYPE_SEARCH_RESULTS, NULL);
  self->source = g_object_ref (source);
  self->query = g_strdup (query);
  self->is_tag = !!is_tag;
  self->page_size = page_size;

  /* The API client announces its retry waits; another source may not. */
  if (g_signal_lookup ("waiting", G_OBJECT_TYPE (source)) != 0)
    self->waiting_id = g_signal_connect_object (source, "waiting",
                                                G_CALLBACK (source_waiting_cb), self,
                                                G_CONNECT_SWAPPED);
  return self;
}

HsNoteSource *
hs_search_results_get_source (HsSearchResults *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_RESULTS (self), NULL);
  return self->source;
}

const char *
hs_search_results_get_query (HsSearchResults *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_RESULTS (self), NULL);
  return self->query;
}

gboolean
hs_search_results_get_is_tag (HsSearchResults *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_RESULTS (self), FALSE);
  return self->is_tag;
}

gboolean
hs_search_results_get_loading (HsSearchResults *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_RESULTS (self), FALSE);
  return self->cancellable != NULL;
}

const GError *
hs_search_results_get_error (HsSearchResults *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_RESULTS (self), NULL);
  return self->error;
}

gboolean
hs_search_results_get_has_more (HsSearchResults *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_RESULTS (self), FALSE);
  return self->has_more;
}

guint
hs_search_results_get_waiting_seconds (HsSearchResults *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_RESULTS (self), 0);
  return self->waiting_seconds;
}

guint
hs_search_results_get_n_pages (HsSearchResults *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_RESULTS (self), 0);
  return self->n_pages;
}

gint64
hs_search_results_get_total (HsSearchResults *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_RESULTS (self), -1);
  return self->total;
}

char **
hs_search_results_dup_top_tags (HsSearchResults *self,
                                guint            max)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GStrvBuilder *builder;
  char **tags;

  g_return_val_if_fail (HS_IS_SEARCH_RESULTS (self), NULL);

  /* tag_order is in order of first appearance; a stable sort by count
   * keeps it among equals. */
  sorted = g_ptr_array_copy (self->tag_order, NULL, NULL);
  /* The copy borrows the strings (it took the free function along). */
  g_ptr_array_set_free_func (sorted, NULL);
  builder = g_strv_builder_new ();
  for (guint n = 0; n < max && sorted->len > 0; )
    {
      guint best = 0;
      guint best_count = 0;
      const char *tag;

      for (guint i = 0; i < sorted->len; i++)
        {
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->tag_counts,
                                                               g_ptr_array_index (sorted, i)));

          if (count > best_count)
            {
              best = i;
              best_count = count;
            }
        }
      tag = g_ptr_array_index (sorted, best);
      g_ptr_array_remove_index (sorted, best);
      if (self->is_tag && strcmp (tag, self->query) == 0)
        continue;
      g_strv_builder_add (builder, tag);
      n++;
    }
  tags = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return tags;
}
