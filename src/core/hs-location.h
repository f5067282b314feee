#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HS_TYPE_LOCATION (hs_location_get_type ())

G_DECLARE_FINAL_TYPE (HsLocation, hs_location, HS, LOCATION, GObject)

HsLocation *hs_location_new             (const char *name,
                                         gboolean    has_coordinates,
                                         double      latitude,
                                         double      longitude);
const char *hs_location_get_name        (HsLocation *self);
gboolean    hs_location_has_coordinates (HsLocation *self);
double      hs_location_get_latitude    (HsLocation *self);
double      hs_location_get_longitude   (HsLocation *self);

G_END_DECLS
