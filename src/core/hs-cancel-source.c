#include "config.h"

#include "hs-cancel-source.h"

GSource *
hs_cancel_source_attach (GCancellable *cancellable,
                         GMainContext *context,
                         GSourceFunc   func,
                         gpointer      user_data,
                         const char   *name)
{
  GSource *source;

  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  if (cancellable == NULL)
    return NULL;

  source = g_cancellable_source_new (cancellable);
  g_source_set_callback (source, func, user_data, NULL);
  g_source_set_static_name (source, name);
  g_source_attach (source, context);
  return source;
}

void
hs_cancel_source_clear (GSource **source)
{
  g_return_if_fail (source != NULL);

  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}
