#pragma once

#include <adwaita.h>

#include "hs-media-loader.h"

G_BEGIN_DECLS

#define HS_TYPE_MEDIA_VIEWER (hs_media_viewer_get_type ())

G_DECLARE_FINAL_TYPE (HsMediaViewer, hs_media_viewer, HS, MEDIA_VIEWER, AdwWindow)

/* A window for a note's pictures and videos at full size: zoom (Ctrl+scroll, +/-, pinch,
 * double-click, 0 to fit, 1 for 100 %), drag to pan, Left/Right to page, F11 fullscreen,
 * Escape to leave fullscreen or close; copy, save and open in the browser.
 *
 * Actions "viewer.previous", "viewer.next", "viewer.zoom-in", "viewer.zoom-out",
 * "viewer.zoom-fit", "viewer.zoom-original", "viewer.zoom-toggle", "viewer.fullscreen",
 * "viewer.escape", "viewer.copy-image",
 * "viewer.save", "viewer.open-original".
 *
 * Properties: "media-loader", "items" (GListModel of HsImage/HsVideo), construct-only;
 * "position" (guint); "zoom" (double, 1.0 = one picture pixel per screen pixel, read-only);
 * "best-fit" (gboolean: the picture fits the window, read-only). */
GtkWidget  *hs_media_viewer_new            (HsMediaLoader *loader,
                                            GListModel    *items,
                                            guint          position);
GListModel *hs_media_viewer_get_items      (HsMediaViewer *self);
guint       hs_media_viewer_get_position   (HsMediaViewer *self);
void        hs_media_viewer_set_position   (HsMediaViewer *self,
                                            guint          position);
void        hs_media_viewer_set_file_stem  (HsMediaViewer *self,
                                            const char    *title,
                                            const char    *fallback);
double      hs_media_viewer_get_zoom       (HsMediaViewer *self);
gboolean    hs_media_viewer_get_best_fit   (HsMediaViewer *self);
void        hs_media_viewer_set_zoom       (HsMediaViewer *self,
                                            double         zoom);
GtkWidget  *hs_media_viewer_get_page       (HsMediaViewer *self);

G_END_DECLS
