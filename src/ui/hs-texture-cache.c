#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hs-error.h"
#include "hs-texture-cache.h"

/* Decoded pictures, shared by the gallery, its thumbnails, the viewer and the avatars.
 * Decoding happens in a worker thread; the cache keeps the most recently used textures up
 * to a bound on their pixel memory, and loads of the same picture at the same size share
 * one fetch and one decode. */

/* The pages hold the pictures on screen themselves; the cache only spares a second fetch
 * and decode when a picture comes back (the viewer after the gallery, Back, a page
 * scrolled to again). A gallery page decoded at the size its stage shows it is about
 * 1.6 MiB at scale 1 (576 × 720) and a thumbnail 40 KiB, so 16 MiB keeps the current
 * note's pages and thumbnails and some of the previous note's. More would only grow the
 * process with every note opened (192 MiB did: all of it counted as growth), and with GL
 * each texture drawn once also keeps a GPU copy, in the process's own memory under a
 * software renderer. A full-size picture larger than the bound is not kept; the viewer
 * holds it while it shows it. */
#define DEFAULT_MAX_BYTES (16 * 1024 * 1024)

/* A full-size decode larger than this is scaled down: it protects against pictures that
 * are tiny on the wire and enormous in memory. */
#define MAX_PIXELS (48 * 1000 * 1000)

/* What a picture is decoded for: to fit inside a square of @width (the longest side,
 * 0 for the picture's own size), or, with @cover, to cover a @width × @height box as a
 * picture with content-fit "cover" does, cropping what sticks out. */
typedef struct
{
  int      width;
  int      height;
  gboolean cover;
} TargetSize;

typedef struct
{
  char       *key;
  GdkTexture *texture;
  gsize       bytes;
  GList      *link;   /* in lru */
} Entry;

typedef struct
{
  GTask  *task;
  gulong  cancelled_id;
} Waiter;

typedef struct
{
  HsTextureCache *self;         /* owned */
  char           *key;
  char           *url;
  TargetSize      target;
  GCancellable   *cancellable;  /* of the shared fetch and decode */
  GPtrArray      *waiters;      /* Waiter* */
  guint           reap_source;
} Pending;

struct _HsTextureCache
{
  GObject     parent_instance;

  gsize       max_bytes;
  gsize       size;
  GHashTable *entries;  /* key -> Entry* */
  GQueue      lru;      /* Entry*, most recent first */
  GHashTable *pending;  /* key -> Pending* */
};

G_DEFINE_FINAL_TYPE (HsTextureCache, hs_texture_cache, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_BYTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TargetSize
target_fit (int max_size)
{
  return (TargetSize) { MAX (max_size, 0), MAX (max_size, 0), FALSE };
}

static TargetSize
target_cover (int width,
              int height)
{
  return (TargetSize) { MAX (width, 1), MAX (height, 1), TRUE };
}

static char *
make_key (const char       *url,
          const TargetSize *target)
{
  if (target->cover)
    return g_strdup_printf ("%dx%d %s", target->width, target->height, url);
  return g_strdup_printf ("%d %s", target->width, url);
}

static gsize
texture_bytes (GdkTexture *texture)
{
  return (gsize) gdk_texture_get_width (texture) * (gsize) gdk_texture_get_height (texture) * 4;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->key);
  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
remove_entry (HsTextureCache *self,
              Entry          *entry)
{
  g_queue_delete_link (&self->lru, entry->link);
  self->size -= entry->bytes;
  g_hash_table_remove (self->entries, entry->key);
}

static void
evict_to (HsTextureCache *self,
          gsize           bound)
{
  while (self->size > bound && self->lru.tail != NULL)
    remove_entry (self, self->lru.tail->data);
}

static void
waiter_free (Waiter *waiter)
{
  GCancellable *cancellable = g_task_get_cancellable (waiter->task);

  if (cancellable != NULL && waiter->cancelled_id != 0)
    g_signal_handler_disconnect (cancellable, waiter->cancelled_id);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static void
pending_free (Pending *pending)
{
  g_clear_handle_id (&pending->reap_source, g_source_remove);
  g_clear_pointer (&pending->waiters, g_ptr_array_unref);
  g_clear_object (&pending->cancellable);
  g_clear_object (&pending->self);
  g_free (pending->key);
  g_free (pending->url);
  g_free (pending);
}

/* Takes the pending load out of the table; its callbacks still hold it. */
static void
pending_detach (Pending *pending)
{
  if (pending->self != NULL
      && g_hash_table_lookup (pending->self->pending, pending->key) == pending)
    g_hash_table_steal (pending->self->pending, pending->key);
}

static void
pending_return (Pending    *pending,
                GdkTexture *texture,
                GError     *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&pending->waiters);

  pending->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);

  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);

      if (g_task_return_error_if_cancelled (waiter->task))
        continue;
      if (texture != NULL)
        g_task_return_pointer (waiter->task, g_object_ref (texture), g_object_unref);
      else
        g_task_return_error (waiter->task, g_error_copy (error));
    }
}

/* The load is over: answers its waiters with @texture, else @error. */
static void
pending_finish (Pending    *pending,
                GdkTexture *texture,
                GError     *error)
{
  pending_detach (pending);
  pending_return (pending, texture, error);
  pending_free (pending);
}

/* Runs from an idle after a waiter's cancellable fired: answers the cancelled waiters at
 * once and stops the fetch when nobody waits for it any more. */
static gboolean
pending_reap_cb (gpointer user_data)
{
  Pending *pending = user_data;

  pending->reap_source = 0;

  for (guint i = pending->waiters->len; i > 0; i--)
    {
      Waiter *waiter = g_ptr_array_index (pending->waiters, i - 1);

      if (g_task_return_error_if_cancelled (waiter->task))
        g_ptr_array_remove_index (pending->waiters, i - 1);
    }

  if (pending->waiters->len == 0)
    {
      pending_detach (pending);
      /* The fetch's callback sees the cancellation and frees the pending load. */
      g_cancellable_cancel (pending->cancellable);
    }

  return G_SOURCE_REMOVE;
}

static void
waiter_cancelled_cb (GCancellable *cancellable,
                     Pending      *pending)
{
  /* Signal emission is no place to return tasks or disconnect handlers. */
  if (pending->reap_source == 0)
    pending->reap_source = g_idle_add (pending_reap_cb, pending);
}

static void
pending_add_waiter (Pending *pending,
                    GTask   *task)
{
  Waiter *waiter = g_new0 (Waiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiter->task = g_object_ref (task);
  if (cancellable != NULL)
    waiter->cancelled_id = g_signal_connect (cancellable, "cancelled",
                                             G_CALLBACK (waiter_cancelled_cb), pending);
  g_ptr_array_add (pending->waiters, waiter);
}

/* Decoding */

typedef struct
{
  GBytes     *bytes;
  TargetSize  target;
} DecodeData;

static void
decode_data_free (DecodeData *data)
{
  g_bytes_unref (data->bytes);
  g_free (data);
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  const TargetSize *target = user_data;
  double scale = 1.0;

  if (width <= 0 || height <= 0)
    return;

  /* Covering the box takes the larger of the two scales: one side fits exactly, the
   * other is cropped. Never larger than the picture itself. */
  if (target->cover)
    scale = MIN (1.0, MAX ((double) target->width / width, (double) target->height / height));
  else if (target->width > 0 && MAX (width, height) > target->width)
    scale = (double) target->width / MAX (width, height);
  if ((double) width * height * scale * scale > MAX_PIXELS)
    scale = sqrt ((double) MAX_PIXELS / ((double) width * height));

  if (scale < 1.0)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) (width * scale + 0.5)),
                                MAX (1, (int) (height * scale + 0.5)));
}

static GdkTexture *
decode_bytes (GBytes           *bytes,
              const TargetSize *target,
              GError          **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) local_error = NULL;
  GdkPixbuf *pixbuf;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb),
                    (gpointer) target);

  /* GdkPixbuf picks the format from the bytes, WebP included (webp-pixbuf-loader). */
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &local_error)
      || !gdk_pixbuf_loader_close (loader, &local_error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      g_set_error (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                   _("The image could not be decoded: %s"), local_error->message);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, HS_ERROR, HS_ERROR_INVALID_RESPONSE,
                           _("The image could not be decoded"));
      return NULL;
    }

  /* Phone pictures often carry their rotation in EXIF only. */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);

  return gdk_texture_new_for_pixbuf (oriented);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DecodeData *data = task_data;
  GError *error = NULL;
  GdkTexture *texture;

  if (g_task_return_error_if_cancelled (task))
    return;

  texture = decode_bytes (data->bytes, &data->target, &error);
  if (texture != NULL)
    g_task_return_pointer (task, texture, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
decode_async (GBytes              *bytes,
              const TargetSize    *target,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DecodeData *data;

  data = g_new0 (DecodeData, 1);
  data->bytes = g_bytes_ref (bytes);
  data->target = *target;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_texture_decode_async);
  g_task_set_task_data (task, data, (GDestroyNotify) decode_data_free);
  g_task_run_in_thread (task, decode_thread);
}

/**
 * hs_texture_decode_async:
 * @bytes: an encoded picture (JPEG, PNG, WebP, GIF…)
 * @max_size: the longest side of the result in pixels, 0 for the picture's own size
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: closure data for @callback
 *
 * Decodes @bytes in a worker thread.
 */
void
hs_texture_decode_async (GBytes              *bytes,
                         int                  max_size,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  TargetSize target = target_fit (max_size);

  g_return_if_fail (bytes != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  decode_async (bytes, &target, cancellable, callback, user_data);
}

/**
 * hs_texture_decode_finish:
 *
 * Returns: (transfer full): the texture, or %NULL with @error set
 */
GdkTexture *
hs_texture_decode_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Loading */

static GdkTexture *lookup_entry (HsTextureCache   *self,
                                 const char       *url,
                                 const TargetSize *target);
static void        add_entry    (HsTextureCache   *self,
                                 const char       *url,
                                 const TargetSize *target,
                                 GdkTexture       *texture);

static void
pending_decoded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = hs_texture_decode_finish (result, &error);

  if (texture != NULL && !g_cancellable_is_cancelled (pending->cancellable))
    add_entry (pending->self, pending->url, &pending->target, texture);
  pending_finish (pending, texture, error);
}

static void
pending_fetched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = hs_media_loader_load_bytes_finish (HS_MEDIA_LOADER (object), result, NULL, &error);

  if (bytes == NULL)
    pending_finish (pending, NULL, error);
  else
    decode_async (bytes, &pending->target, pending->cancellable,
                  pending_decoded_cb, pending);
}

static void
load_async (HsTextureCache      *self,
            HsMediaLoader       *loader,
            const char          *url,
            const TargetSize    *target,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *key = NULL;
  Pending *pending;

  g_return_if_fail (HS_IS_TEXTURE_CACHE (self));
  g_return_if_fail (HS_IS_MEDIA_LOADER (loader));
  g_return_if_fail (url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_texture_cache_load_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  texture = lookup_entry (self, url, target);
  if (texture != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
      return;
    }

  key = make_key (url, target);
  pending = g_hash_table_lookup (self->pending, key);
  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      pending->self = g_object_ref (self);
      pending->key = g_strdup (key);
      pending->url = g_strdup (url);
      pending->target = *target;
      pending->cancellable = g_cancellable_new ();
      pending->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
      g_hash_table_insert (self->pending, pending->key, pending);

      pending_add_waiter (pending, task);
      hs_media_loader_load_bytes_async (loader, url, pending->cancellable,
                                        pending_fetched_cb, pending);
    }
  else
    {
      pending_add_waiter (pending, task);
    }
}

/**
 * hs_texture_cache_load_async:
 * @self: a #HsTextureCache
 * @loader: the media loader that fetches @url
 * @url: the picture's address
 * @max_size: the longest side of the texture in pixels, 0 for the picture's own size
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: closure data for @callback
 *
 * Gets the picture at @url as a texture: from memory when it is there, otherwise fetched
 * through @loader and decoded in a worker thread.
 */
void
hs_texture_cache_load_async (HsTextureCache      *self,
                             HsMediaLoader       *loader,
                             const char          *url,
                             int                  max_size,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  TargetSize target = target_fit (max_size);

  load_async (self, loader, url, &target, cancellable, callback, user_data);
}

/**
 * hs_texture_cache_load_cover_async:
 * @width: the width of the box the picture covers, in device pixels
 * @height: its height
 *
 * Like hs_texture_cache_load_async(), for a picture shown with content-fit "cover" in a
 * @width × @height box: decoded just large enough to cover it (a 4:5 photo in a 240 × 220
 * box is 240 × 300, not 384 × 480), the rest of the picture's pixels never exist.
 */
void
hs_texture_cache_load_cover_async (HsTextureCache      *self,
                                   HsMediaLoader       *loader,
                                   const char          *url,
                                   int                  width,
                                   int                  height,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  TargetSize target = target_cover (width, height);

  load_async (self, loader, url, &target, cancellable, callback, user_data);
}

/**
 * hs_texture_cache_load_finish:
 *
 * Returns: (transfer full): the texture, or %NULL with @error set
 */
GdkTexture *
hs_texture_cache_load_finish (HsTextureCache  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (HS_IS_TEXTURE_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GdkTexture *
lookup_entry (HsTextureCache   *self,
              const char       *url,
              const TargetSize *target)
{
  g_autofree char *key = make_key (url, target);
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL)
    return NULL;

  g_queue_unlink (&self->lru, entry->link);
  g_queue_push_head_link (&self->lru, entry->link);

  return g_object_ref (entry->texture);
}

/**
 * hs_texture_cache_lookup:
 *
 * Returns: (transfer full) (nullable): the cached texture, if any
 */
GdkTexture *
hs_texture_cache_lookup (HsTextureCache *self,
                         const char     *url,
                         int             max_size)
{
  TargetSize target = target_fit (max_size);

  g_return_val_if_fail (HS_IS_TEXTURE_CACHE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return lookup_entry (self, url, &target);
}

/**
 * hs_texture_cache_lookup_cover:
 *
 * Returns: (transfer full) (nullable): the texture hs_texture_cache_load_cover_async()
 *   decoded for that box, if it is still cached
 */
GdkTexture *
hs_texture_cache_lookup_cover (HsTextureCache *self,
                               const char     *url,
                               int             width,
                               int             height)
{
  TargetSize target = target_cover (width, height);

  g_return_val_if_fail (HS_IS_TEXTURE_CACHE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return lookup_entry (self, url, &target);
}

static void
add_entry (HsTextureCache   *self,
           const char       *url,
           const TargetSize *target,
           GdkTexture       *texture)
{
  g_autofree char *key = make_key (url, target);
  Entry *entry;
  gsize bytes;

  entry = g_hash_table_lookup (self->entries, key);
  if (entry != NULL)
    remove_entry (self, entry);

  bytes = texture_bytes (texture);
  if (bytes > self->max_bytes)
    return;

  evict_to (self, self->max_bytes - bytes);

  entry = g_new0 (Entry, 1);
  entry->key = g_steal_pointer (&key);
  entry->texture = g_object_ref (texture);
  entry->bytes = bytes;
  g_queue_push_head (&self->lru, entry);
  entry->link = self->lru.head;
  g_hash_table_insert (self->entries, entry->key, entry);
  self->size += bytes;
}

/**
 * hs_texture_cache_add:
 *
 * Remembers @texture as the picture at @url decoded at @max_size, evicting the least
 * recently used textures to stay within the bound. A texture larger than the whole bound
 * is not kept.
 */
void
hs_texture_cache_add (HsTextureCache *self,
                      const char     *url,
                      int             max_size,
                      GdkTexture     *texture)
{
  TargetSize target = target_fit (max_size);

  g_return_if_fail (HS_IS_TEXTURE_CACHE (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (GDK_IS_TEXTURE (texture));

  add_entry (self, url, &target, texture);
}

void
hs_texture_cache_clear (HsTextureCache *self)
{
  g_return_if_fail (HS_IS_TEXTURE_CACHE (self));

  evict_to (self, 0);
}

gsize
hs_texture_cache_get_max_bytes (HsTextureCache *self)
{
  g_return_val_if_fail (HS_IS_TEXTURE_CACHE (self), 0);

  return self->max_bytes;
}

/* The pixel memory of the textures held now. */
gsize
hs_texture_cache_get_size (HsTextureCache *self)
{
  g_return_val_if_fail (HS_IS_TEXTURE_CACHE (self), 0);

  return self->size;
}

guint
hs_texture_cache_get_n_textures (HsTextureCache *self)
{
  g_return_val_if_fail (HS_IS_TEXTURE_CACHE (self), 0);

  return g_hash_table_size (self->entries);
}

static void
hs_texture_cache_dispose (GObject *object)
{
  HsTextureCache *self = (HsTextureCache *)object;

  /* Pending loads hold a reference, so none is left by now. */
  if (self->entries != NULL)
    evict_to (self, 0);

  G_OBJECT_CLASS (hs_texture_cache_parent_class)->dispose (object);
}

static void
hs_texture_cache_finalize (GObject *object)
{
  HsTextureCache *self = (HsTextureCache *)object;

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (hs_texture_cache_parent_class)->finalize (object);
}

static void
hs_texture_cache_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HsTextureCache *self = HS_TEXTURE_CACHE (object);

  switch (prop_id)
    {
    case PROP_MAX_BYTES:
      g_value_set_uint64 (value, self->max_bytes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_texture_cache_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HsTextureCache *self = HS_TEXTURE_CACHE (object);

  switch (prop_id)
    {
    case PROP_MAX_BYTES:
      self->max_bytes = g_value_get_uint64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_texture_cache_class_init (HsTextureCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_texture_cache_dispose;
  object_class->finalize = hs_texture_cache_finalize;
  object_class->get_property = hs_texture_cache_get_property;
  object_class->set_property = hs_texture_cache_set_property;

  properties[PROP_MAX_BYTES] =
    g_param_spec_uint64 ("max-bytes", NULL, NULL,
                         0, G_MAXUINT64, DEFAULT_MAX_BYTES,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_texture_cache_init (HsTextureCache *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  self->pending = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->lru);
}

/**
 * hs_texture_cache_new:
 * @max_bytes: the bound on the pixel memory (width × height × 4) of the kept textures
 */
HsTextureCache *
hs_texture_cache_new (gsize max_bytes)
{
  return g_object_new (HS_TYPE_TEXTURE_CACHE,
                       "max-bytes", (guint64) max_bytes,
                       NULL);
}

/**
 * hs_texture_cache_trim:
 * @self: a #HsTextureCache
 * @bound: the pixel memory to keep at most
 *
 * Lets go of the least recently used textures until at most @bound bytes are held.
 */
void
hs_texture_cache_trim (HsTextureCache *self,
                       gsize           bound)
{
  g_return_if_fail (HS_IS_TEXTURE_CACHE (self));

  evict_to (self, bound);
}

static void
low_memory_warning_cb (GMemoryMonitor             *monitor,
                       GMemoryMonitorWarningLevel  level,
                       HsTextureCache             *self)
{
  /* Pictures on screen stay (their pages hold them); the rest is refetched from the disk
   * cache when needed. */
  hs_texture_cache_trim (self, level >= G_MEMORY_MONITOR_WARNING_LEVEL_MEDIUM ? 0 : self->max_bytes / 2);
}

/**
 * hs_texture_cache_get_default:
 *
 * Returns: (transfer none): the cache the whole application shares
 */
HsTextureCache *
hs_texture_cache_get_default (void)
{
  static HsTextureCache *instance;
  static GMemoryMonitor *monitor;

  if (instance == NULL)
    {
      instance = hs_texture_cache_new (DEFAULT_MAX_BYTES);
      g_object_add_weak_pointer (G_OBJECT (instance), (gpointer *) &instance);

      if (monitor == NULL)
        monitor = g_memory_monitor_dup_default ();
      if (monitor != NULL)
        g_signal_connect_object (monitor, "low-memory-warning",
                                 G_CALLBACK (low_memory_warning_cb), instance, 0);
    }

  return instance;
}

/**
 * hs_texture_size_for_widget:
 * @widget: the widget that shows the picture
 * @size: the longest side it shows, in application pixels
 *
 * Returns: the longest side to decode a picture at for @widget, in device pixels: @size
 *   times the scale factor of @widget's surface
 */
int
hs_texture_size_for_widget (GtkWidget *widget,
                            int        size)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), size);

  return MAX (size, 1) * MAX (gtk_widget_get_scale_factor (widget), 1);
}
