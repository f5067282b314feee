#include "config.h"

#include <math.h>

#include "hs-location.h"

/* Where a note was published. The coordinates are only meaningful when
 * has-coordinates is TRUE; (0, 0) is a real place, so it cannot stand for
 * "unknown". */
struct _HsLocation
{
  GObject parent_instance;

  char *name;
  double latitude;
  double longitude;
  gboolean has_coordinates;
};

G_DEFINE_FINAL_TYPE (HsLocation, hs_location, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_HAS_COORDINATES,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hs_location_constructed (GObject *object)
{
  HsLocation *self = (HsLocation *)object;

  G_OBJECT_CLASS (hs_location_parent_class)->constructed (object);

  /* The param specs already clamp the ranges; NaN slips through them. */
  if (isnan (self->latitude) || isnan (self->longitude))
    self->has_coordinates = FALSE;

  if (!self->has_coordinates)
    self->latitude = self->longitude = 0.0;
}

static void
hs_location_finalize (GObject *object)
{
  HsLocation *self = (HsLocation *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (hs_location_parent_class)->finalize (object);
}

static void
hs_location_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HsLocation *self = HS_LOCATION (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_HAS_COORDINATES:
      g_value_set_boolean (value, self->has_coordinates);
      break;

    case PROP_LATITUDE:
      g_value_set_double (value, self->latitude);
      break;

    case PROP_LONGITUDE:
      g_value_set_double (value, self->longitude);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_location_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HsLocation *self = HS_LOCATION (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_HAS_COORDINATES:
      self->has_coordinates = g_value_get_boolean (value);
      break;

    case PROP_LATITUDE:
      self->latitude = g_value_get_double (value);
      break;

    case PROP_LONGITUDE:
      self->longitude = g_value_get_double (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_location_class_init (HsLocationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hs_location_constructed;
  object_class->finalize = hs_location_finalize;
  object_class->get_property = hs_location_get_property;
  object_class->set_property = hs_location_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HAS_COORDINATES] =
    g_param_spec_boolean ("has-coordinates", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LATITUDE] =
    g_param_spec_double ("latitude", NULL, NULL,
                         -90.0, 90.0, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LONGITUDE] =
    g_param_spec_double ("longitude", NULL, NULL,
                         -180.0, 180.0, 0.0,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_location_init (HsLocation *self)
{
}

/**
 * hs_location_new:
 * @name: (nullable): the place's name as the server gave it
 * @has_coordinates: whether @latitude and @longitude are known
 * @latitude: degrees north, -90 to 90
 * @longitude: degrees east, -180 to 180
 *
 * Out-of-range or NaN coordinates make the coordinates unknown rather
 * than clamping them to a wrong place.
 */
HsLocation *
hs_location_new (const char *name,
                 gboolean    has_coordinates,
                 double      latitude,
                 double      longitude)
{
  if (!(latitude >= -90.0 && latitude <= 90.0 &&
        longitude >= -180.0 && longitude <= 180.0))
    has_coordinates = FALSE;

  if (!has_coordinates)
    latitude = longitude = 0.0;

  return g_object_new (HS_TYPE_LOCATION,
                       "name", name,
                       "has-coordinates", has_coordinates,
                       "latitude", latitude,
                       "longitude", longitude,
                       NULL);
}

const char *
hs_location_get_name (HsLocation *self)
{
  g_return_val_if_fail (HS_IS_LOCATION (self), NULL);

  return self->name;
}

gboolean
hs_location_has_coordinates (HsLocation *self)
{
  g_return_val_if_fail (HS_IS_LOCATION (self), FALSE);

  return self->has_coordinates;
}

double
hs_location_get_latitude (HsLocation *self)
{
  g_return_val_if_fail (HS_IS_LOCATION (self), 0.0);

  return self->latitude;
}

double
hs_location_get_longitude (HsLocation *self)
{
  g_return_val_if_fail (HS_IS_LOCATION (self), 0.0);

  return self->longitude;
}
