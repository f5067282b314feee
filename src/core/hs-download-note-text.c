#include "config.h"

#include <glib/gi18n-lib.h>

#include "hs-author.h"
#include "hs-download-note-text.h"
#include "hs-urls.h"

GBytes *
hs_download_note_text (HsNote    *note,
                       HsNoteRef *ref)
{
  g_autoptr(GString) text = g_string_new (NULL);
  HsAuthor *author = hs_note_get_author (note);
  GDateTime *time = hs_note_get_publish_time (note);
  const char * const *tags = hs_note_get_tags (note);
  const char *title = hs_note_get_title (note);
  const char *content = hs_note_get_content (note);
  g_autofree char *link = ref != NULL ? hs_note_ref_dup_web_link (ref)
                                      : hs_urls_note_link (hs_note_get_note_id (note));

  g_string_append_printf (text, "# %s\n\n", title != NULL && *title != '\0' ? title : hs_note_get_note_id (note));
  if (author != NULL && hs_author_get_nickname (author) != NULL)
    g_string_append_printf (text, "- %s: %s\n", _("Author"), hs_author_get_nickname (author));
  if (time != NULL)
    {
      g_autofree char *date = g_date_time_format_iso8601 (time);

      g_string_append_printf (text, "- %s: %s\n", _("Published"), date);
    }
  if (tags != NULL && tags[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) tags);

      g_string_append_printf (text, "- %s: %s\n", _("Tags"), joined);
    }
  g_string_append_printf (text, "- %s: <%s>\n", _("Link"), link);
  if (content != NULL && *content != '\0')
    g_string_append_printf (text, "\n%s\n", content);

  return g_string_free_to_bytes (g_steal_pointer (&text));
}
