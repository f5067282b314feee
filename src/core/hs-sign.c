#include "config.h"

#include <string.h>

#include "hs-sign.h"

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  /* strcmp orders by unsigned bytes, which is what "sort by bytes" means
   * for UTF-8 keys too. */
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
hs_sign_canonical_string (const char *path,
                          GHashTable *query,
                          const char *app_secret)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GString *canonical;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (app_secret != NULL, NULL);

  if (query != NULL)
    {
      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          if (g_strcmp0 (key, "sign") != 0)
            g_ptr_array_add (keys, key);
        }
    }
  g_ptr_array_sort (keys, compare_keys);

  canonical = g_string_new (path);
  g_string_append_c (canonical, '?');
  for (guint i = 0; i < keys->len; i++)
    {
      const char *name = g_ptr_array_index (keys, i);
      const char *value = g_hash_table_lookup (query, name);

      if (i > 0)
        g_string_append_c (canonical, '&');
      g_string_append (canonical, name);
      g_string_append_c (canonical, '=');
      if (value != NULL)
        g_string_append (canonical, value);
    }
  g_string_append (canonical, app_secret);

  return g_string_free (canonical, FALSE);
}

char *
hs_sign_compute (const char *path,
                 GHashTable *query,
                 const char *app_secret)
{
  g_autofree char *canonical = hs_sign_canonical_string (path, query, app_secret);

  g_return_val_if_fail (canonical != NULL, NULL);

  /* g_compute_checksum_for_string returns lowercase hex. */
  return g_compute_checksum_for_string (G_CHECKSUM_MD5, canonical, -1);
}
