#include "config.h"

#include <webkit/webkit.h>

#include "hs-author.h"
#include "hs-content-html.h"
#include "hs-image.h"
#include "hs-urls.h"
#include "hs-video.h"
#include "hs-content-view-internal.h"

/* The body's pictures: the page names them by our own scheme, and the view
 * serves each through the media loader if it lies within the note's own
 * media scopes, so the page reaches no server by itself. */

typedef struct
{
  WebKitURISchemeRequest *request;
  char                   *url;
} MediaRequest;

static void
media_request_free (MediaRequest *data)
{
  g_clear_object (&data->request);
  g_free (data->url);
  g_free (data);
}

static void
media_request_fail (WebKitURISchemeRequest *request,
                    const char             *message)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, message);

  webkit_uri_scheme_request_finish_error (request, error);
}

static void
media_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MediaRequest *data = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autofree char *content_type = NULL;

  bytes = hs_media_loader_load_bytes_finish (HS_MEDIA_LOADER (object), result, &content_type, &error);
  if (bytes == NULL)
    {
      g_debug ("Body picture %s failed: %s", data->url, error->message);
      webkit_uri_scheme_request_finish_error (data->request, error);
      media_request_free (data);
      return;
    }

  if (content_type == NULL)
    {
      gsize size;
      gconstpointer contents = g_bytes_get_data (bytes, &size);
      g_autofree char *guessed = g_content_type_guess (NULL, contents, size, NULL);

      content_type = g_content_type_get_mime_type (guessed);
    }

  /* Only pictures, and no SVG: the scheme must never serve a document. */
  if (content_type == NULL || !g_str_has_prefix (content_type, "image/")
      || g_str_has_prefix (content_type, "image/svg"))
    {
      media_request_fail (data->request, "Not a picture");
      media_request_free (data);
      return;
    }

  stream = g_memory_input_stream_new_from_bytes (bytes);
  webkit_uri_scheme_request_finish (data->request, stream, g_bytes_get_size (bytes), content_type);
  media_request_free (data);
}

/* The shell hands us the requests of our own view only. */
void
hs_content_view_media_scheme_request_cb (WebKitURISchemeRequest *request,
                                         gpointer                user_data)
{
  HsContentView *self = user_data;
  g_autofree char *url = NULL;
  MediaRequest *data;

  if (self->loader == NULL)
    {
      media_request_fail (request, "Not allowed");
      return;
    }

  /* The page's CSS could name any address of our scheme: the policy holds here too. */
  url = hs_media_uri_get_url (webkit_uri_scheme_request_get_uri (request));
  if (url == NULL
      || g_strcmp0 (webkit_uri_scheme_request_get_http_method (request), "GET") != 0
      || !hs_urls_media_allowed (url, (const char * const *) self->media_scopes))
    {
      media_request_fail (request, "Not allowed");
      return;
    }

  data = g_new0 (MediaRequest, 1);
  data->request = g_object_ref (request);
  data->url = g_steal_pointer (&url);
  hs_media_loader_load_bytes_async (self->loader, data->url, self->load_cancellable,
                                    media_loaded_cb, data);
}

static void
add_scope (GPtrArray  *scopes,
           const char *url)
{
  char *scope = hs_urls_media_scope (url);

  if (scope != NULL)
    g_ptr_array_add (scopes, scope);
}

/* The note's own media say where its body's pictures may come from. */
GStrv
hs_content_view_media_scopes_for_note (HsNote *note)
{
  GPtrArray *scopes = g_ptr_array_new ();
  GListModel *images = hs_note_get_images (note);
  GListModel *videos = hs_note_get_videos (note);
  HsAuthor *author = hs_note_get_author (note);

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(HsImage) image = g_list_model_get_item (images, i);

      add_scope (scopes, hs_image_get_url (image));
    }

  for (guint i = 0; i < g_list_model_get_n_items (videos); i++)
    {
      g_autoptr(HsVideo) video = g_list_model_get_item (videos, i);

      add_scope (scopes, hs_video_get_cover_url (video));
    }

  if (author != NULL)
    add_scope (scopes, hs_author_get_avatar_url (author));

  g_ptr_array_add (scopes, NULL);

  return (GStrv) g_ptr_array_free (scopes, FALSE);
}
