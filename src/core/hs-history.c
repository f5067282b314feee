#include "config.h"

#include "hs-history.h"

/* A session never needs more; the oldest entries go first. */
#define MAX_ENTRIES 100

typedef struct
{
  char    *note_id;  /* NULL for a search */
  char    *link;     /* the link the person gave, query kept; NULL for a bare id;
                      * the hongshu-search: link of a search */
  HsNote  *note;
  GObject *search;   /* a search's results, kept so that Back asks for nothing */
  char    *place;    /* a page that is neither: "library" */
  double   scroll;   /* where the search's grid was scrolled to */
} Entry;

struct _HsHistory
{
  GObject  parent_instance;

  GPtrArray *entries;  /* Entry* */
  int        current;  /* -1 when empty */
};

G_DEFINE_FINAL_TYPE (HsHistory, hs_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_GO_BACK,
  PROP_CAN_GO_FORWARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->note_id);
  g_free (entry->link);
  g_clear_object (&entry->note);
  g_clear_object (&entry->search);
  g_free (entry->place);
  g_free (entry);
}

static Entry *
current_entry (HsHistory *self)
{
  if (self->current < 0)
    return NULL;
  return g_ptr_array_index (self->entries, self->current);
}

/* A note's id, a search's link, or a place's name. */
static const char *
current_key (HsHistory *self)
{
  Entry *entry = current_entry (self);

  if (entry->note_id != NULL)
    return entry->note_id;
  return entry->link != NULL ? entry->link : entry->place;
}

/* Notifies only what changed, so bound buttons do not flicker. */
static void
notify_changes (HsHistory *self,
                gboolean   could_go_back,
                gboolean   could_go_forward)
{
  if (could_go_back != hs_history_get_can_go_back (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_BACK]);
  if (could_go_forward != hs_history_get_can_go_forward (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_GO_FORWARD]);
}

static void
move_to (HsHistory *self,
         int        new_current)
{
  gboolean could_go_back = hs_history_get_can_go_back (self);
  gboolean could_go_forward = hs_history_get_can_go_forward (self);

  self->current = new_current;
  notify_changes (self, could_go_back, could_go_forward);
}

static void
hs_history_finalize (GObject *object)
{
  HsHistory *self = (HsHistory *)object;

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (hs_history_parent_class)->finalize (object);
}

static void
hs_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HsHistory *self = HS_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_GO_BACK:
      g_value_set_boolean (value, hs_history_get_can_go_back (self));
      break;

    case PROP_CAN_GO_FORWARD:
      g_value_set_boolean (value, hs_history_get_can_go_forward (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_history_class_init (HsHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_history_finalize;
  object_class->get_property = hs_history_get_property;

  properties[PROP_CAN_GO_BACK] =
    g_param_spec_boolean ("can-go-back", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CAN_GO_FORWARD] =
    g_param_spec_boolean ("can-go-forward", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_history_init (HsHistory *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->current = -1;
}

HsHistory *
hs_history_new (void)
{
  return g_object_new (HS_TYPE_HISTORY, NULL);
}

static void add_entry (HsHistory *self,
                       Entry     *entry);

void
hs_history_push (HsHistory  *self,
                 const char *note_id)
{
  Entry *entry;

  g_return_if_fail (HS_IS_HISTORY (self));
  g_return_if_fail (note_id != NULL);

  entry = current_entry (self);
  if (entry != NULL && g_strcmp0 (entry->note_id, note_id) == 0)
    return;

  entry = g_new0 (Entry, 1);
  entry->note_id = g_strdup (note_id);
  add_entry (self, entry);
}

void
hs_history_push_search (HsHistory  *self,
                        const char *search_link,
                        GObject    *search)
{
  Entry *entry;

  g_return_if_fail (HS_IS_HISTORY (self));
  g_return_if_fail (search_link != NULL);
  g_return_if_fail (G_IS_OBJECT (search));

  entry = current_entry (self);
  if (entry != NULL && entry->search == search)
    return;

  entry = g_new0 (Entry, 1);
  entry->link = g_strdup (search_link);
  entry->search = g_object_ref (search);
  add_entry (self, entry);
}

void
hs_history_push_place (HsHistory  *self,
                       const char *place)
{
  Entry *entry;

  g_return_if_fail (HS_IS_HISTORY (self));
  g_return_if_fail (place != NULL);

  entry = current_entry (self);
  if (entry != NULL && g_strcmp0 (entry->place, place) == 0)
    return;

  entry = g_new0 (Entry, 1);
  entry->place = g_strdup (place);
  add_entry (self, entry);
}

const char *
hs_history_get_current_place (HsHistory *self)
{
  Entry *entry;

  g_return_val_if_fail (HS_IS_HISTORY (self), NULL);

  entry = current_entry (self);
  return entry ? entry->place : NULL;
}

GObject *
hs_history_get_current_search (HsHistory *self)
{
  Entry *entry;

  g_return_val_if_fail (HS_IS_HISTORY (self), NULL);

  entry = current_entry (self);
  return entry ? entry->search : NULL;
}

void
hs_history_set_current_scroll (HsHistory *self,
                               double     scroll)
{
  Entry *entry;

  g_return_if_fail (HS_IS_HISTORY (self));

  entry = current_entry (self);
  if (entry != NULL)
    entry->scroll = scroll;
}

double
hs_history_get_current_scroll (HsHistory *self)
{
  Entry *entry;

  g_return_val_if_fail (HS_IS_HISTORY (self), 0);

  entry = current_entry (self);
  return entry ? entry->scroll : 0;
}

static void
add_entry (HsHistory *self,
           Entry     *entry)
{
  gboolean could_go_back;
  gboolean could_go_forward;

  could_go_back = hs_history_get_can_go_back (self);
  could_go_forward = hs_history_get_can_go_forward (self);

  /* Opening a note forgets what was ahead, as in a browser. */
  g_ptr_array_set_size (self->entries, self->current + 1);
  g_ptr_array_add (self->entries, entry);

  if (self->entries->len > MAX_ENTRIES)
    g_ptr_array_remove_index (self->entries, 0);

  self->current = self->entries->len - 1;
  notify_changes (self, could_go_back, could_go_forward);
}

void
hs_history_set_current_link (HsHistory  *self,
                             const char *link)
{
  Entry *entry;

  g_return_if_fail (HS_IS_HISTORY (self));

  entry = current_entry (self);
  if (entry != NULL && link != entry->link)
    {
      g_free (entry->link);
      entry->link = g_strdup (link);
    }
}

const char *
hs_history_get_current_link (HsHistory *self)
{
  Entry *entry;

  g_return_val_if_fail (HS_IS_HISTORY (self), NULL);

  entry = current_entry (self);
  return entry ? entry->link : NULL;
}

const char *
hs_history_get_current_id (HsHistory *self)
{
  Entry *entry;

  g_return_val_if_fail (HS_IS_HISTORY (self), NULL);

  entry = current_entry (self);
  return entry ? entry->note_id : NULL;
}

HsNote *
hs_history_get_current_note (HsHistory *self)
{
  Entry *entry;

  g_return_val_if_fail (HS_IS_HISTORY (self), NULL);

  entry = current_entry (self);
  return entry ? entry->note : NULL;
}

void
hs_history_set_note (HsHistory *self,
                     HsNote    *note)
{
  Entry *entry;

  g_return_if_fail (HS_IS_HISTORY (self));
  g_return_if_fail (HS_IS_NOTE (note));

  entry = current_entry (self);
  if (entry != NULL && g_strcmp0 (entry->note_id, hs_note_get_note_id (note)) == 0)
    g_set_object (&entry->note, note);
}

gboolean
hs_history_get_can_go_back (HsHistory *self)
{
  g_return_val_if_fail (HS_IS_HISTORY (self), FALSE);

  return self->current > 0;
}

gboolean
hs_history_get_can_go_forward (HsHistory *self)
{
  g_return_val_if_fail (HS_IS_HISTORY (self), FALSE);

  return self->current >= 0 && self->current + 1 < (int)self->entries->len;
}

const char *
hs_history_go_back (HsHistory *self)
{
  g_return_val_if_fail (HS_IS_HISTORY (self), NULL);

  if (!hs_history_get_can_go_back (self))
    return NULL;

  move_to (self, self->current - 1);
  return current_key (self);
}

const char *
hs_history_go_forward (HsHistory *self)
{
  g_return_val_if_fail (HS_IS_HISTORY (self), NULL);

  if (!hs_history_get_can_go_forward (self))
    return NULL;

  move_to (self, self->current + 1);
  return current_key (self);
}

guint
hs_history_get_n_entries (HsHistory *self)
{
  g_return_val_if_fail (HS_IS_HISTORY (self), 0);

  return self->entries->len;
}
