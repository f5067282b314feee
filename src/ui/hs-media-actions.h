#pragma once

#include <gtk/gtk.h>

#include "hs-media-loader.h"

G_BEGIN_DECLS

/* What the gallery, the viewer and the content view do with a picture: open it in the
 * browser, copy it, save it where the user says. */

void   hs_media_open_uri                (GtkWidget           *widget,
                                         const char          *uri);
void   hs_media_open_folder             (GtkWidget           *widget,
                                         GFile               *folder);
void   hs_media_copy_texture            (GtkWidget           *widget,
                                         GdkTexture          *texture);
void   hs_media_show_toast              (GtkWidget           *widget,
                                         const char          *title);
void   hs_media_show_saved_toast        (GtkWidget           *widget,
                                         const char          *title,
                                         GFile               *file);
char  *hs_media_file_name_for           (const char          *url,
                                         const char          *content_type,
                                         const char          *stem);

void   hs_media_choose_file_async       (GtkWidget           *widget,
                                         gboolean             folder,
                                         const char          *initial_name,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GFile *hs_media_choose_file_finish      (GAsyncResult        *result,
                                         GError             **error);

char  *hs_media_file_stem               (const char          *title,
                                         const char          *fallback,
                                         guint                position);
void   hs_media_save_interactive        (GtkWidget           *widget,
                                         HsMediaLoader       *loader,
                                         const char          *url,
                                         const char          *stem,
                                         gboolean             is_video,
                                         GCancellable        *cancellable);
void   hs_media_save_item_interactive   (GtkWidget           *widget,
                                         HsMediaLoader       *loader,
                                         GObject             *item,
                                         const char          *stem,
                                         GCancellable        *cancellable);
void   hs_media_ensure_style            (void);

G_END_DECLS
