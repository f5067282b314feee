#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "hs-image.h"
#include "hs-media-actions.h"
#include "hs-media-gallery.h"
#include "hs-media-gallery-internal.h"
#include "hs-media-saver.h"
#include "hs-media-viewer.h"
#include "hs-texture-cache.h"
#include "hs-video.h"

G_DEFINE_FINAL_TYPE (HsMediaGallery, hs_media_gallery, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MEDIA_LOADER,
  PROP_NOTE,
  PROP_N_ITEMS,
  PROP_POSITION,
  PROP_N_THUMBNAILS_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
thumb_free (gpointer data)
{
  Thumb *thumb = data;

  g_clear_object (&thumb->texture);
  g_free (thumb);
}

static GObject *
item_at (HsMediaGallery *self,
         guint           position)
{
  /* Borrowed: the store keeps its items. */
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  return item;
}

static char *
file_stem (HsMediaGallery *self,
           guint           position)
{
  return hs_media_file_stem (self->note != NULL ? hs_note_get_title (self->note) : NULL,
                             self->note != NULL ? hs_note_get_note_id (self->note) : NULL,
                             position);
}

/* Items */

static void
page_activated_cb (HsMediaPage    *page,
                   HsMediaGallery *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "gallery.open-viewer", NULL);
}

static void
clear_items (HsMediaGallery *self)
{
  g_cancellable_cancel (self->note_cancellable);
  g_clear_object (&self->note_cancellable);

  for (guint i = 0; i < self->pages->len; i++)
    {
      HsMediaPage *page = g_ptr_array_index (self->pages, i);

      g_signal_handlers_disconnect_by_data (page, self);
      adw_carousel_remove (self->carousel, GTK_WIDGET (page));
    }
  g_ptr_array_set_size (self->pages, 0);

  for (guint i = 0; i < self->thumbs->len; i++)
    {
      Thumb *thumb = g_ptr_array_index (self->thumbs, i);

      gtk_box_remove (self->strip, thumb->button);
    }
  g_ptr_array_set_size (self->thumbs, 0);

  g_list_store_remove_all (self->items);
  self->position = 0;
  self->n_thumbnails_loaded = 0;
  self->aspect_ratio = MIN_ASPECT_RATIO;
}

static void
fill_items (HsMediaGallery *self)
{
  GListModel *images = hs_note_get_images (self->note);
  GListModel *videos = hs_note_get_videos (self->note);
  guint n_items;

  /* A video note opens on its video: after the pictures it was easy to miss. */
  for (guint i = 0; i < g_list_model_get_n_items (videos); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (videos, i);

      g_list_store_append (self->items, item);
    }
  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (images, i);

      g_list_store_append (self->items, item);
    }

  self->note_cancellable = g_cancellable_new ();
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  /* The first pictures load before the gallery has a size (it shows with them): a guess
   * that fits most windows, corrected once allocated if it is far off. Waiting for the
   * allocation would delay the first picture by a frame. */
  if (self->page_size == 0)
    self->page_size = hs_texture_size_for_widget (GTK_WIDGET (self), HS_TEXTURE_SIZE_PAGE);

  for (guint i = 0; i < n_items; i++)
    {
      GObject *item = item_at (self, i);
      GtkWidget *page = hs_media_page_new (self->loader, item, self->page_size);
      Thumb *thumb;

      gtk_widget_set_hexpand (page, TRUE);
      gtk_widget_set_vexpand (page, TRUE);
      g_signal_connect (page, "activated", G_CALLBACK (page_activated_cb), self);
      g_signal_connect_swapped (page, "notify::state", G_CALLBACK (hs_media_gallery_page_state_cb), self);
      if (i == 0)
        g_signal_connect (page, "notify::texture", G_CALLBACK (hs_media_gallery_first_page_texture_cb), self);
      adw_carousel_append (self->carousel, page);
      g_ptr_array_add (self->pages, page);

      thumb = hs_media_gallery_create_thumb (self, item, i);
      gtk_box_append (self->strip, thumb->button);
      g_ptr_array_add (self->thumbs, thumb);
    }
}

/* Actions */

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);

  if (self->position > 0)
    hs_media_gallery_set_position (self, self->position - 1, TRUE);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);

  if (self->position + 1 < self->pages->len)
    hs_media_gallery_set_position (self, self->position + 1, TRUE);
}

static void
viewer_position_cb (HsMediaViewer  *viewer,
                    GParamSpec     *pspec,
                    HsMediaGallery *self)
{
  /* The viewer shows the same list while the note stays. */
  if (hs_media_viewer_get_items (viewer) == G_LIST_MODEL (self->items))
    hs_media_gallery_set_position (self, hs_media_viewer_get_position (viewer), FALSE);
}

static void
open_viewer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *viewer;

  if (self->pages->len == 0)
    return;

  hs_media_page_pause (g_ptr_array_index (self->pages, self->position));

  /* One viewer per gallery: a second request brings it back at the current item. */
  if (self->viewer != NULL && hs_media_viewer_get_items (self->viewer) == G_LIST_MODEL (self->items))
    {
      hs_media_viewer_set_position (self->viewer, self->position);
      gtk_window_present (GTK_WINDOW (self->viewer));
      return;
    }
  if (self->viewer != NULL)
    gtk_window_destroy (GTK_WINDOW (self->viewer));

  viewer = hs_media_viewer_new (self->loader, G_LIST_MODEL (self->items), self->position);
  if (self->note != NULL && hs_note_get_title (self->note) != NULL)
    gtk_window_set_title (GTK_WINDOW (viewer), hs_note_get_title (self->note));
  hs_media_viewer_set_file_stem (HS_MEDIA_VIEWER (viewer),
                                 self->note != NULL ? hs_note_get_title (self->note) : NULL,
                                 self->note != NULL ? hs_note_get_note_id (self->note) : NULL);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (viewer), GTK_WINDOW (root));
  g_signal_connect_object (viewer, "notify::position", G_CALLBACK (viewer_position_cb), self, 0);

  self->viewer = HS_MEDIA_VIEWER (viewer);
  g_object_add_weak_pointer (G_OBJECT (viewer), (gpointer *) &self->viewer);
  gtk_window_present (GTK_WINDOW (viewer));
}

static void
save_current_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);
  g_autofree char *stem = NULL;
  HsMediaPage *page;

  if (self->pages->len == 0)
    return;

  page = g_ptr_array_index (self->pages, self->position);
  stem = file_stem (self, self->position);
  hs_media_save_interactive (widget, self->loader, hs_media_page_get_url (page), stem,
                             hs_media_page_is_video (page), self->cancellable);
}

static void
copy_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HsMediaGallery) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = hs_texture_cache_load_finish (HS_TEXTURE_CACHE (object), result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not copy the image: %s"), error->message);

          hs_media_show_toast (GTK_WIDGET (self), message);
        }
      return;
    }

  hs_media_copy_texture (GTK_WIDGET (self), texture);
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);
  const char *url;

  if (self->pages->len == 0)
    return;

  /* The full picture, not the carousel's scaled one. */
  url = hs_media_page_get_picture_url (g_ptr_array_index (self->pages, self->position));
  if (url != NULL)
    hs_texture_cache_load_async (hs_texture_cache_get_default (), self->loader, url, 0,
                                 self->cancellable, copy_loaded_cb, g_object_ref (self));
}

static void
open_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);

  if (self->pages->len == 0)
    return;

  hs_media_open_uri (widget, hs_media_page_get_url (g_ptr_array_index (self->pages, self->position)));
}

/* Saving everything (hs-media-saver) */

static void
update_save_progress (guint    index,
                      guint    n_items,
                      gpointer user_data)
{
  HsMediaGallery *self = user_data;
  g_autofree char *label = NULL;

  /* Translators: "Saving 3 of 9…" while saving a note's pictures and videos. */
  label = g_strdup_printf (_("Saving %u of %u…"), MIN (index + 1, n_items), n_items);
  gtk_label_set_label (self->save_label, label);
  gtk_progress_bar_set_fraction (self->save_bar, n_items > 0 ? (double) index / n_items : 1.0);
}

/**
 * hs_media_gallery_save_all_to_folder_async:
 * @folder: where to write the files
 *
 * Saves every picture and video of the note into @folder, one after another, named after
 * the note ("title-01.jpg"). Items that fail are skipped; it fails only when none could be
 * saved.
 */
void
hs_media_gallery_save_all_to_folder_async (HsMediaGallery      *self,
                                           GFile               *folder,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GListStore) items = NULL;
  g_autoptr(GPtrArray) stems = NULL;
  guint n_items;

  g_return_if_fail (HS_IS_MEDIA_GALLERY (self));
  g_return_if_fail (G_IS_FILE (folder));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  /* A copy: the note may change while saving. */
  items = g_list_store_new (G_TYPE_OBJECT);
  stems = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_items; i++)
    {
      g_list_store_append (items, item_at (self, i));
      g_ptr_array_add (stems, file_stem (self, i));
    }

  hs_media_saver_save_async (self, self->loader, G_LIST_MODEL (items), stems, folder,
                             update_save_progress, self, cancellable, callback, user_data);
}

/**
 * hs_media_gallery_save_all_to_folder_finish:
 * @n_saved: (out) (optional): how many files were written
 */
gboolean
hs_media_gallery_save_all_to_folder_finish (HsMediaGallery  *self,
                                            GAsyncResult    *result,
                                            guint           *n_saved,
                                            GError         **error)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return hs_media_saver_save_finish (result, n_saved, NULL, error);
}

static void
end_saving (HsMediaGallery *self)
{
  g_clear_object (&self->save_all_cancellable);
  gtk_widget_set_visible (self->save_box, FALSE);
  gtk_widget_set_visible (self->tools_box, TRUE);
  hs_media_gallery_update_actions (self);
}

static void
saved_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(HsMediaGallery) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_saved = 0;
  guint n_items = 0;

  hs_media_saver_save_finish (result, &n_saved, &n_items, &error);
  end_saving (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (n_saved > 0)
        {
          message = g_strdup_printf (ngettext ("Stopped after saving %u file",
                                               "Stopped after saving %u files", n_saved), n_saved);
          hs_media_show_toast (GTK_WIDGET (self), message);
        }
      return;
    }

  if (error != NULL)
    message = g_strdup_printf (_("Could not save: %s"), error->message);
  else if (n_saved < n_items)
    message = g_strdup_printf (ngettext ("Saved %u of %u file", "Saved %u of %u files", n_items),
                               n_saved, n_items);
  else
    message = g_strdup_printf (ngettext ("Saved %u file", "Saved %u files", n_saved), n_saved);

  hs_media_show_toast (GTK_WIDGET (self), message);
}

static void
folder_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(HsMediaGallery) self = user_data;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  folder = hs_media_choose_file_finish (result, &error);
  if (folder == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hs_media_show_toast (GTK_WIDGET (self), error->message);
      end_saving (self);
      return;
    }

  gtk_widget_set_visible (self->tools_box, FALSE);
  gtk_widget_set_visible (self->save_box, TRUE);
  hs_media_gallery_save_all_to_folder_async (self, folder, self->save_all_cancellable,
                                             saved_all_cb, g_object_ref (self));
}

static void
save_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (widget);

  if (self->pages->len == 0 || self->save_all_cancellable != NULL)
    return;

  self->save_all_cancellable = g_cancellable_new ();
  hs_media_gallery_update_actions (self);
  hs_media_choose_file_async (widget, TRUE, NULL, self->save_all_cancellable,
                              folder_chosen_cb, g_object_ref (self));
}

static void
stop_saving_cb (HsMediaGallery *self)
{
  g_cancellable_cancel (self->save_all_cancellable);
}

/* The widget */

static void
hs_media_gallery_dispose (GObject *object)
{
  HsMediaGallery *self = (HsMediaGallery *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->note_cancellable);
  g_cancellable_cancel (self->save_all_cancellable);
  hs_media_gallery_unwatch_viewport (self);
  g_clear_handle_id (&self->page_size_source, g_source_remove);
  if (self->viewer != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->viewer), (gpointer *) &self->viewer);
      self->viewer = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_MEDIA_GALLERY);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->thumbs, g_ptr_array_unref);
  g_clear_object (&self->items);
  g_clear_object (&self->note);
  g_clear_object (&self->loader);

  G_OBJECT_CLASS (hs_media_gallery_parent_class)->dispose (object);
}

static void
hs_media_gallery_finalize (GObject *object)
{
  HsMediaGallery *self = (HsMediaGallery *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->note_cancellable);
  g_clear_object (&self->save_all_cancellable);

  G_OBJECT_CLASS (hs_media_gallery_parent_class)->finalize (object);
}

static void
hs_media_gallery_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (object);

  switch (prop_id)
    {
    case PROP_MEDIA_LOADER:
      g_value_set_object (value, self->loader);
      break;

    case PROP_NOTE:
      g_value_set_object (value, self->note);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, hs_media_gallery_get_n_items (self));
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_N_THUMBNAILS_LOADED:
      g_value_set_uint (value, self->n_thumbnails_loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_media_gallery_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HsMediaGallery *self = HS_MEDIA_GALLERY (object);

  switch (prop_id)
    {
    case PROP_MEDIA_LOADER:
      self->loader = g_value_dup_object (value);
      break;

    case PROP_NOTE:
      hs_media_gallery_set_note (self, g_value_get_object (value));
      break;

    case PROP_POSITION:
      hs_media_gallery_set_position (self, g_value_get_uint (value), FALSE);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_media_gallery_class_init (HsMediaGalleryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_media_gallery_dispose;
  object_class->finalize = hs_media_gallery_finalize;
  object_class->get_property = hs_media_gallery_get_property;
  object_class->set_property = hs_media_gallery_set_property;

  hs_media_gallery_layout_class_init (widget_class);

  properties[PROP_MEDIA_LOADER] =
    g_param_spec_object ("media-loader", NULL, NULL,
                         HS_TYPE_MEDIA_LOADER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTE] =
    g_param_spec_object ("note", NULL, NULL,
                         HS_TYPE_NOTE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_THUMBNAILS_LOADED] =
    g_param_spec_uint ("n-thumbnails-loaded", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/hongshu/Hongshu/hs-media-gallery.ui");
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, stage);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, carousel);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, counter_label);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, tools_box);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, save_box);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, save_label);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, save_bar);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, strip_window);
  gtk_widget_class_bind_template_child (widget_class, HsMediaGallery, strip);
  gtk_widget_class_bind_template_callback_full (widget_class, "page_changed_cb",
                                                G_CALLBACK (hs_media_gallery_page_changed_cb));
  gtk_widget_class_bind_template_callback (widget_class, stop_saving_cb);

  gtk_widget_class_install_action (widget_class, "gallery.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "gallery.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "gallery.open-viewer", NULL, open_viewer_action);
  gtk_widget_class_install_action (widget_class, "gallery.save-current", NULL, save_current_action);
  gtk_widget_class_install_action (widget_class, "gallery.save-all", NULL, save_all_action);
  gtk_widget_class_install_action (widget_class, "gallery.copy-image", NULL, copy_image_action);
  gtk_widget_class_install_action (widget_class, "gallery.open-original", NULL, open_original_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "gallery.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "gallery.next", NULL);

  gtk_widget_class_set_css_name (widget_class, "media-gallery");

  hs_media_ensure_style ();
}

static void
hs_media_gallery_init (HsMediaGallery *self)
{
  GtkEventController *controller;

  self->items = g_list_store_new (G_TYPE_OBJECT);
  self->pages = g_ptr_array_new ();
  self->thumbs = g_ptr_array_new_with_free_func (thumb_free);
  self->cancellable = g_cancellable_new ();
  self->aspect_ratio = MIN_ASPECT_RATIO;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (hs_media_gallery_strip_scroll_cb), self);
  gtk_widget_add_controller (self->strip_window, controller);

  gtk_widget_set_visible (self->strip_window, FALSE);
  hs_media_gallery_update_position (self);
}

/**
 * hs_media_gallery_new:
 * @loader: fetches the pictures and videos (with the CDN's Referer)
 */
GtkWidget *
hs_media_gallery_new (HsMediaLoader *loader)
{
  g_return_val_if_fail (HS_IS_MEDIA_LOADER (loader), NULL);

  return g_object_new (HS_TYPE_MEDIA_GALLERY,
                       "media-loader", loader,
                       NULL);
}

HsNote *
hs_media_gallery_get_note (HsMediaGallery *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), NULL);

  return self->note;
}

/**
 * hs_media_gallery_set_note:
 * @note: (nullable): the note whose pictures and videos to show
 */
void
hs_media_gallery_set_note (HsMediaGallery *self,
                           HsNote         *note)
{
  guint old_n_items;

  g_return_if_fail (HS_IS_MEDIA_GALLERY (self));
  g_return_if_fail (note == NULL || HS_IS_NOTE (note));

  if (note == self->note)
    return;

  old_n_items = hs_media_gallery_get_n_items (self);
  clear_items (self);
  g_set_object (&self->note, note);
  if (note != NULL)
    fill_items (self);

  gtk_widget_set_visible (self->strip_window, self->pages->len > 1);
  hs_media_gallery_update_position (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->strip_window)), 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_THUMBNAILS_LOADED]);
  if (old_n_items != hs_media_gallery_get_n_items (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

guint
hs_media_gallery_get_n_items (HsMediaGallery *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), 0);

  return self->pages->len;
}

/**
 * hs_media_gallery_get_items:
 *
 * Returns: (transfer none): the note's pictures and videos (HsImage, then HsVideo)
 */
GListModel *
hs_media_gallery_get_items (HsMediaGallery *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), NULL);

  return G_LIST_MODEL (self->items);
}

guint
hs_media_gallery_get_position (HsMediaGallery *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), 0);

  return self->position;
}

void
hs_media_gallery_set_position (HsMediaGallery *self,
                               guint           position,
                               gboolean        animate)
{
  g_return_if_fail (HS_IS_MEDIA_GALLERY (self));

  if (position >= self->pages->len)
    return;

  adw_carousel_scroll_to (self->carousel, g_ptr_array_index (self->pages, position), animate);
  /* "page-changed" follows when the animation ends; the rest of the gallery follows now. */
  hs_media_gallery_page_changed_cb (self, position);
}

/**
 * hs_media_gallery_get_page_texture_size:
 *
 * Returns: the longest side, in device pixels, the pages decode their pictures at (a
 *   guess before the gallery has a size); 0 before the first note
 */
int
hs_media_gallery_get_page_texture_size (HsMediaGallery *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), 0);

  return self->page_size;
}

/**
 * hs_media_gallery_get_page:
 *
 * Returns: (transfer none) (nullable): the carousel's page at @position
 */
HsMediaPage *
hs_media_gallery_get_page (HsMediaGallery *self,
                           guint           position)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), NULL);

  if (position >= self->pages->len)
    return NULL;

  return g_ptr_array_index (self->pages, position);
}

/**
 * hs_media_gallery_get_thumbnail_texture:
 *
 * Returns: (transfer none) (nullable): the thumbnail at @position, once loaded
 */
GdkTexture *
hs_media_gallery_get_thumbnail_texture (HsMediaGallery *self,
                                        guint           position)
{
  Thumb *thumb;

  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), NULL);

  if (position >= self->thumbs->len)
    return NULL;

  thumb = g_ptr_array_index (self->thumbs, position);

  return thumb->texture;
}

guint
hs_media_gallery_get_n_thumbnails_loaded (HsMediaGallery *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), 0);

  return self->n_thumbnails_loaded;
}

/**
 * hs_media_gallery_get_tools:
 *
 * Returns: (transfer none): the box of the expand and menu buttons over the pictures,
 *   for tests
 */
GtkWidget *
hs_media_gallery_get_tools (HsMediaGallery *self)
{
  g_return_val_if_fail (HS_IS_MEDIA_GALLERY (self), NULL);

  return self->tools_box;
}
