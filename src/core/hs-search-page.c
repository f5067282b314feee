#include "config.h"

#include "hs-note.h"
#include "hs-search-page.h"

/* One page of search results (doc/api-protocol.md §7). page and size are 0 and total
 * is -1 when the server did not say. */
struct _HsSearchPage
{
  GObject parent_instance;

  int page;
  int size;
  gint64 total;
  gboolean has_more;
  GListStore *items;
};

G_DEFINE_FINAL_TYPE (HsSearchPage, hs_search_page, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_SIZE,
  PROP_TOTAL,
  PROP_HAS_MORE,
  PROP_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hs_search_page_finalize (GObject *object)
{
  HsSearchPage *self = (HsSearchPage *)object;

  g_clear_object (&self->items);

  G_OBJECT_CLASS (hs_search_page_parent_class)->finalize (object);
}

static void
hs_search_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsSearchPage *self = HS_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_int (value, self->page);
      break;

    case PROP_SIZE:
      g_value_set_int (value, self->size);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;

    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_search_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HsSearchPage *self = HS_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      self->page = g_value_get_int (value);
      break;

    case PROP_SIZE:
      self->size = g_value_get_int (value);
      break;

    case PROP_TOTAL:
      self->total = g_value_get_int64 (value);
      break;

    case PROP_HAS_MORE:
      self->has_more = g_value_get_boolean (value);
      break;

    case PROP_ITEMS:
      {
        GListModel *model = g_value_get_object (value);
        guint n_items = model != NULL ? g_list_model_get_n_items (model) : 0;

        /* A copy, so that the page stays immutable. */
        for (guint i = 0; i < n_items; i++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (model, i);

            if (HS_IS_NOTE (item))
              g_list_store_append (self->items, item);
            else
              g_critical ("HsSearchPage: a %s in the items was dropped",
                          G_OBJECT_TYPE_NAME (item));
          }
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_search_page_class_init (HsSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_search_page_finalize;
  object_class->get_property = hs_search_page_get_property;
  object_class->set_property = hs_search_page_set_property;

  /* Pages count from 1; 0 means unknown. */
  properties[PROP_PAGE] =
    g_param_spec_int ("page", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIZE] =
    g_param_spec_int ("size", NULL, NULL,
                      0, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_search_page_init (HsSearchPage *self)
{
  self->total = -1;
  self->items = g_list_store_new (HS_TYPE_NOTE);
}

int
hs_search_page_get_page (HsSearchPage *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_PAGE (self), 0);

  return self->page;
}

int
hs_search_page_get_size (HsSearchPage *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_PAGE (self), 0);

  return self->size;
}

gint64
hs_search_page_get_total (HsSearchPage *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_PAGE (self), -1);

  return self->total;
}

gboolean
hs_search_page_get_has_more (HsSearchPage *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_PAGE (self), FALSE);

  return self->has_more;
}

/* Returns: (transfer none): a list of HsNote, never NULL */
GListModel *
hs_search_page_get_items (HsSearchPage *self)
{
  g_return_val_if_fail (HS_IS_SEARCH_PAGE (self), NULL);

  return G_LIST_MODEL (self->items);
}
