#include "config.h"

#include <string.h>

#include "hs-recent-searches.h"

#define KEY "recent-searches"

void
hs_recent_searches_add (GSettings  *settings,
                        const char *text)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_return_if_fail (text != NULL);

  if (settings == NULL || *text == '\0')
    return;

  old = g_settings_get_strv (settings, KEY);
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, text);
  for (guint i = 0; old[i] != NULL && n < HS_RECENT_SEARCHES_MAX; i++)
    {
      if (strcmp (old[i], text) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, KEY, (const char * const *) updated);
}

char **
hs_recent_searches_get (GSettings *settings)
{
  if (settings == NULL)
    return g_new0 (char *, 1);
  return g_settings_get_strv (settings, KEY);
}

void
hs_recent_searches_clear (GSettings *settings)
{
  if (settings != NULL)
    g_settings_reset (settings, KEY);
}

char *
hs_recent_searches_format (const char *query,
                           gboolean    is_tag)
{
  g_return_val_if_fail (query != NULL, NULL);

  return is_tag ? g_strconcat ("#", query, NULL) : g_strdup (query);
}

gboolean
hs_recent_searches_parse (const char  *text,
                          char       **query,
                          gboolean    *is_tag)
{
  g_autofree char *stripped = NULL;
  gboolean tag;

  g_return_val_if_fail (text != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  /* "#口红" and "# 口红" are the tag 口红; "#" alone is nothing. */
  tag = stripped[0] == '#';
  if (tag)
    memmove (stripped, stripped + 1, strlen (stripped));
  g_strstrip (stripped);
  if (*stripped == '\0')
    return FALSE;

  if (query != NULL)
    *query = g_steal_pointer (&stripped);
  if (is_tag != NULL)
    *is_tag = tag;
  return TRUE;
}
