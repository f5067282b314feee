#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "hs-media-sniff.h"

/* Bytes looked at: every signature below lies within them. */
#define SNIFF_LENGTH 64

static gboolean
has_prefix (const guint8 *data,
            gsize         length,
            gsize         offset,
            const char   *magic,
            gsize         magic_length)
{
  return length >= offset + magic_length && memcmp (data + offset, magic, magic_length) == 0;
}

static const char *
iso_media_type (const guint8 *data,
                gsize         length)
{
  /* ISO base media: a box of type "ftyp" first, then the major brand. */
  if (!has_prefix (data, length, 4, "ftyp", 4) || length < 12)
    return NULL;

  if (has_prefix (data, length, 8, "avif", 4) || has_prefix (data, length, 8, "avis", 4))
    return "image/avif";
  if (has_prefix (data, length, 8, "heic", 4) || has_prefix (data, length, 8, "heix", 4) ||
      has_prefix (data, length, 8, "mif1", 4) || has_prefix (data, length, 8, "msf1", 4))
    return "image/heic";
  if (has_prefix (data, length, 8, "qt  ", 4))
    return "video/quicktime";
  return "video/mp4";
}

static gboolean
contains (const guint8 *data,
          gsize         length,
          const char   *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

char *
hs_media_sniff_content_type (const guint8 *data,
                             gsize         length,
                             const char   *fallback)
{
  const char *type = NULL;
  g_autofree char *guessed = NULL;
  gboolean uncertain = TRUE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  length = MIN (length, (gsize) SNIFF_LENGTH);

  if (has_prefix (data, length, 0, "\xff\xd8\xff", 3))
    type = "image/jpeg";
  else if (has_prefix (data, length, 0, "\x89PNG\r\n\x1a\n", 8))
    type = "image/png";
  else if (has_prefix (data, length, 0, "GIF87a", 6) || has_prefix (data, length, 0, "GIF89a", 6))
    type = "image/gif";
  else if (has_prefix (data, length, 0, "RIFF", 4) && has_prefix (data, length, 8, "WEBP", 4))
    type = "image/webp";
  else if (has_prefix (data, length, 0, "\x1a\x45\xdf\xa3", 4))
    type = contains (data, length, "webm") ? "video/webm" : "video/x-matroska";
  else
    type = iso_media_type (data, length);

  if (type != NULL)
    return g_strdup (type);

  if (length > 0)
    {
      g_autofree char *content_type = g_content_type_guess (NULL, data, length, &uncertain);

      if (content_type != NULL)
        guessed = g_content_type_get_mime_type (content_type);
    }
  if (guessed != NULL && !uncertain)
    return g_steal_pointer (&guessed);

  if (fallback != NULL && *fallback != '\0')
    {
      g_autofree char *media_type = g_strdup (fallback);
      char *semicolon = strchr (media_type, ';');

      if (semicolon != NULL)
        *semicolon = '\0';
      g_strstrip (media_type);
      if (*media_type != '\0')
        return g_ascii_strdown (media_type, -1);
    }

  return g_strdup ("application/octet-stream");
}
