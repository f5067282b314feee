#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-download-item-private.h"

G_DEFINE_ENUM_TYPE (HsDownloadState, hs_download_state,
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_STATE_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_STATE_FETCHING, "fetching"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_STATE_DOWNLOADING, "downloading"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_STATE_DONE, "done"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_STATE_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (HS_DOWNLOAD_STATE_CANCELLED, "cancelled"))

struct _HsDownloadItem
{
  GObject          parent_instance;

  char            *label;
  HsNoteRef       *ref;
  HsNote          *note;
  HsDownloadState  state;
  GFile           *folder;
  guint            index;
  guint            n_files;
  guint            n_saved;
  guint            n_skipped;
  guint            n_failed;
  goffset          bytes_received;
  double           in_progress;
  GError          *error;
  GPtrArray       *failures;
};

G_DEFINE_FINAL_TYPE (HsDownloadItem, hs_download_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LABEL,
  PROP_NOTE,
  PROP_TITLE,
  PROP_STATE,
  PROP_FOLDER,
  PROP_N_FILES,
  PROP_N_SAVED,
  PROP_N_SKIPPED,
  PROP_N_FAILED,
  PROP_BYTES_RECEIVED,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

HsDownloadItem *
hs_download_item_new_for_ref (HsNoteRef  *ref,
                              const char *label)
{
  HsDownloadItem *self = g_object_new (HS_TYPE_DOWNLOAD_ITEM, NULL);

  self->ref = hs_note_ref_ref (ref);
  self->label = label != NULL ? g_strdup (label) : hs_note_ref_dup_web_link (ref);
  return self;
}

HsDownloadItem *
hs_download_item_new_for_note (HsNote *note)
{
  HsDownloadItem *self = g_object_new (HS_TYPE_DOWNLOAD_ITEM, NULL);

  self->note = g_object_ref (note);
  self->label = g_strdup (hs_note_get_note_id (note));
  return self;
}

const char *
hs_download_item_get_label (HsDownloadItem *self)
{
  return self->label;
}

HsNoteRef *
hs_download_item_get_ref (HsDownloadItem *self)
{
  return self->ref;
}

HsNote *
hs_download_item_get_note (HsDownloadItem *self)
{
  return self->note;
}

const char *
hs_download_item_get_note_id (HsDownloadItem *self)
{
  if (self->note != NULL)
    return hs_note_get_note_id (self->note);
  return self->ref != NULL ? hs_note_ref_get_note_id (self->ref) : NULL;
}

const char *
hs_download_item_get_title (HsDownloadItem *self)
{
  return self->note != NULL ? hs_note_get_title (self->note) : NULL;
}

HsDownloadState
hs_download_item_get_state (HsDownloadItem *self)
{
  return self->state;
}

GFile *
hs_download_item_get_folder (HsDownloadItem *self)
{
  return self->folder;
}

guint
hs_download_item_get_n_files (HsDownloadItem *self)
{
  return self->n_files;
}

guint
hs_download_item_get_n_saved (HsDownloadItem *self)
{
  return self->n_saved;
}

guint
hs_download_item_get_n_skipped (HsDownloadItem *self)
{
  return self->n_skipped;
}

guint
hs_download_item_get_n_failed (HsDownloadItem *self)
{
  return self->n_failed;
}

goffset
hs_download_item_get_bytes_received (HsDownloadItem *self)
{
  return self->bytes_received;
}

double
hs_download_item_get_fraction (HsDownloadItem *self)
{
  guint finished = self->n_saved + self->n_skipped + self->n_failed;

  if (self->state == HS_DOWNLOAD_STATE_DONE)
    return 1.0;
  if (self->n_files == 0)
    return 0.0;
  return CLAMP ((finished + self->in_progress) / self->n_files, 0.0, 1.0);
}

const GError *
hs_download_item_get_error (HsDownloadItem *self)
{
  return self->error;
}

const char * const *
hs_download_item_get_failures (HsDownloadItem *self)
{
  return (const char * const *) self->failures->pdata;
}

/* @prop changed, and so the fraction done. */
static void
notify_with_fraction (HsDownloadItem *self,
                      guint           prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

void
hs_download_item_set_note (HsDownloadItem *self,
                           HsNote         *note)
{
  if (!g_set_object (&self->note, note))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
hs_download_item_set_state (HsDownloadItem  *self,
                            HsDownloadState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  notify_with_fraction (self, PROP_STATE);
}

void
hs_download_item_set_folder (HsDownloadItem *self,
                             GFile          *folder)
{
  if (g_set_object (&self->folder, folder))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
}

void
hs_download_item_set_n_files (HsDownloadItem *self,
                              guint           n_files)
{
  self->n_files = n_files;
  notify_with_fraction (self, PROP_N_FILES);
}

void
hs_download_item_add_saved (HsDownloadItem *self)
{
  self->n_saved++;
  notify_with_fraction (self, PROP_N_SAVED);
}

void
hs_download_item_add_skipped (HsDownloadItem *self)
{
  self->n_skipped++;
  notify_with_fraction (self, PROP_N_SKIPPED);
}

void
hs_download_item_add_failure (HsDownloadItem *self,
                              const char     *file_name,
                              const GError   *error)
{
  g_ptr_array_remove_index (self->failures, self->failures->len - 1);
  if (file_name != NULL)
    {
      self->n_failed++;
      /* TRANSLATORS: a file of a note, and why it could not be saved */
      g_ptr_array_add (self->failures, g_strdup_printf (_("%s: %s"), file_name, error->message));
    }
  else
    g_ptr_array_add (self->failures, g_strdup (error->message));
  g_ptr_array_add (self->failures, NULL);

  if (self->error == NULL)
    self->error = g_error_copy (error);
  if (file_name != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FAILED]);
}

void
hs_download_item_add_bytes (HsDownloadItem *self,
                            goffset         delta,
                            double          in_progress)
{
  self->bytes_received += delta;
  self->in_progress = in_progress;
  notify_with_fraction (self, PROP_BYTES_RECEIVED);
}

void
hs_download_item_reset (HsDownloadItem *self)
{
  self->n_files = self->n_saved = self->n_skipped = self->n_failed = 0;
  self->bytes_received = 0;
  self->in_progress = 0;
  g_clear_error (&self->error);
  g_ptr_array_set_size (self->failures, 0);
  g_ptr_array_add (self->failures, NULL);
  hs_download_item_set_state (self, HS_DOWNLOAD_STATE_WAITING);
  for (guint i = PROP_N_FILES; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

guint
hs_download_item_get_index (HsDownloadItem *self)
{
  return self->index;
}

void
hs_download_item_set_index (HsDownloadItem *self,
                            guint           index)
{
  self->index = index;
}

static void
hs_download_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HsDownloadItem *self = HS_DOWNLOAD_ITEM (object);

  switch (prop_id)
    {
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_NOTE: g_value_set_object (value, self->note); break;
    case PROP_TITLE: g_value_set_string (value, hs_download_item_get_title (self)); break;
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_FOLDER: g_value_set_object (value, self->folder); break;
    case PROP_N_FILES: g_value_set_uint (value, self->n_files); break;
    case PROP_N_SAVED: g_value_set_uint (value, self->n_saved); break;
    case PROP_N_SKIPPED: g_value_set_uint (value, self->n_skipped); break;
    case PROP_N_FAILED: g_value_set_uint (value, self->n_failed); break;
    case PROP_BYTES_RECEIVED: g_value_set_int64 (value, self->bytes_received); break;
    case PROP_FRACTION: g_value_set_double (value, hs_download_item_get_fraction (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_download_item_finalize (GObject *object)
{
  HsDownloadItem *self = HS_DOWNLOAD_ITEM (object);

  g_free (self->label);
  g_clear_pointer (&self->ref, hs_note_ref_unref);
  g_clear_object (&self->note);
  g_clear_object (&self->folder);
  g_clear_error (&self->error);
  g_ptr_array_unref (self->failures);

  G_OBJECT_CLASS (hs_download_item_parent_class)->finalize (object);
}

static void
hs_download_item_class_init (HsDownloadItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = hs_download_item_get_property;
  object_class->finalize = hs_download_item_finalize;

  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_NOTE] = g_param_spec_object ("note", NULL, NULL, HS_TYPE_NOTE, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, HS_TYPE_DOWNLOAD_STATE,
                                              HS_DOWNLOAD_STATE_WAITING, flags);
  properties[PROP_FOLDER] = g_param_spec_object ("folder", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_N_FILES] = g_param_spec_uint ("n-files", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_SAVED] = g_param_spec_uint ("n-saved", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_SKIPPED] = g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_FAILED] = g_param_spec_uint ("n-failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_BYTES_RECEIVED] = g_param_spec_int64 ("bytes-received", NULL, NULL,
                                                        0, G_MAXINT64, 0, flags);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_download_item_init (HsDownloadItem *self)
{
  self->failures = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->failures, NULL);
}
