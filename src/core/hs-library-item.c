#include "config.h"

#include "hs-library-item.h"

struct _HsLibraryItem
{
  GObject   parent_instance;

  HsNote   *note;
  char     *source;
  char     *link;
  gint64    first_opened;
  gint64    last_opened;
  gboolean  saved;
  char     *snippet;
};

G_DEFINE_FINAL_TYPE (HsLibraryItem, hs_library_item, G_TYPE_OBJECT)

static void
hs_library_item_finalize (GObject *object)
{
  HsLibraryItem *self = HS_LIBRARY_ITEM (object);

  g_clear_object (&self->note);
  g_free (self->source);
  g_free (self->link);
  g_free (self->snippet);

  G_OBJECT_CLASS (hs_library_item_parent_class)->finalize (object);
}

static void
hs_library_item_class_init (HsLibraryItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_library_item_finalize;
}

static void
hs_library_item_init (HsLibraryItem *self G_GNUC_UNUSED)
{
}

HsLibraryItem *
hs_library_item_new (HsNote     *note,
                     const char *source,
                     const char *link,
                     gint64      first_opened,
                     gint64      last_opened,
                     gboolean    saved,
                     const char *snippet)
{
  HsLibraryItem *self;

  g_return_val_if_fail (HS_IS_NOTE (note), NULL);

  self = g_object_new (HS_TYPE_LIBRARY_ITEM, NULL);
  self->note = g_object_ref (note);
  self->source = g_strdup (source);
  self->link = g_strdup (link);
  self->first_opened = first_opened;
  self->last_opened = last_opened;
  self->saved = saved;
  self->snippet = g_strdup (snippet);

  return self;
}

HsNote *
hs_library_item_get_note (HsLibraryItem *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_ITEM (self), NULL);
  return self->note;
}

const char *
hs_library_item_get_source (HsLibraryItem *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_ITEM (self), NULL);
  return self->source;
}

const char *
hs_library_item_get_link (HsLibraryItem *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_ITEM (self), NULL);
  return self->link;
}

gint64
hs_library_item_get_first_opened (HsLibraryItem *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_ITEM (self), 0);
  return self->first_opened;
}

gint64
hs_library_item_get_last_opened (HsLibraryItem *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_ITEM (self), 0);
  return self->last_opened;
}

gboolean
hs_library_item_get_saved (HsLibraryItem *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_ITEM (self), FALSE);
  return self->saved;
}

const char *
hs_library_item_get_snippet (HsLibraryItem *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_ITEM (self), NULL);
  return self->snippet;
}
