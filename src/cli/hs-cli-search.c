#include "config.h"

#include <stdio.h>
#include <glib.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "hs-author.h"
#include "hs-cli-client.h"
#include "hs-cli-commands.h"
#include "hs-client.h"
#include "hs-error.h"
#include "hs-format.h"
#include "hs-note-json.h"
#include "hs-note-source.h"

typedef struct
{
  GMainLoop    *loop;
  HsSearchPage *page;
  GError       *error;
} Search;

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Search *search = user_data;

  search->page = hs_note_source_search_finish (HS_NOTE_SOURCE (object), result, &search->error);
  g_main_loop_quit (search->loop);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_CONTINUE;
}

static void
print_page (HsSearchPage *page)
{
  GListModel *items = hs_search_page_get_items (page);
  guint n_items = g_list_model_get_n_items (items);
  gint64 total = hs_search_page_get_total (page);

  if (total >= 0)
    {
      g_autofree char *total_text = hs_format_count_long (total);

      /* TRANSLATORS: the page number, and how many notes match in all */
      hs_cli_print (ngettext ("Page %d, %s note in all\n", "Page %d, %s notes in all\n",
                        (gulong) MIN (total, G_MAXLONG)),
              hs_search_page_get_page (page), total_text);
    }
  else
    hs_cli_print (_("Page %d\n"), hs_search_page_get_page (page));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(HsNote) note = g_list_model_get_item (items, i);
      HsAuthor *author = hs_note_get_author (note);
      const char *title = hs_note_get_title (note);
      g_autofree char *likes = hs_format_count_full (hs_note_get_like_count (note),
                                                     hs_note_get_count_is_lower_bound (note, HS_COUNT_LIKES));
      const char *nickname = author != NULL ? hs_author_get_nickname (author) : NULL;

      /* TRANSLATORS: note id, title, author, likes */
      hs_cli_print (_("%s  %s  (%s, %s likes)\n"),
              hs_note_get_note_id (note),
              title != NULL && *title != '\0' ? title : _("(untitled)"),
              nickname != NULL ? nickname : _("unknown author"),
              likes);
    }

  if (hs_search_page_get_has_more (page))
    /* TRANSLATORS: %d is the next page's number */
    hs_cli_print (_("More results: run again with --page %d for the next page.\n"),
                  hs_search_page_get_page (page) + 1);
  else
    hs_cli_print ("%s\n", _("This is the last page."));
}

int
hs_cli_search_main (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HsClient) client = NULL;
  g_autoptr(HsNoteSource) source = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_auto(GStrv) words = NULL;
  g_auto(HsCliClientOptions) options = HS_CLI_CLIENT_OPTIONS_INIT;
  gboolean json = FALSE;
  gboolean tag = FALSE;
  int page = 1;
  int size = 20;
  int exit_code = 0;
  Search search = { NULL, NULL, NULL };
  guint sigint_id;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the page as one line of JSON: page, size, total, has_more, items"), NULL },
    { "tag", 0, 0, G_OPTION_ARG_NONE, &tag,
      N_("Search by tag instead of keyword"), NULL },
    { "page", 0, 0, G_OPTION_ARG_INT, &page,
      N_("Page number, from 1 (default 1)"), N_("N") },
    { "size", 0, 0, G_OPTION_ARG_INT, &size,
      N_("Notes per page, 1 to 50 (default 20)"), N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &words, NULL, N_("KEYWORD") },
    { NULL }
  };

  context = hs_cli_client_option_context_new ("hongshu-cli search",
                                              _("Search notes by keyword or tag (doc/api-protocol.md §7)."),
                                              entries, &options, FALSE);
  if (!hs_cli_client_parse_options (context, &argc, &argv))
    return 2;

  if (words == NULL || g_strv_length (words) != 1 || *words[0] == '\0')
    {
      hs_cli_print_error (_("give exactly one keyword: hongshu-cli search [OPTION…] KEYWORD"));
      return 2;
    }
  if (page < 1 || size < 1 || size > 50)
    {
      hs_cli_print_error (_("--page must be 1 or more and --size between 1 and 50"));
      return 2;
    }

  client = hs_cli_client_new (&options, &exit_code);
  if (client == NULL)
    return exit_code;
  g_signal_connect (client, "waiting", G_CALLBACK (hs_cli_client_waiting_cb), NULL);
  /* The same source as `get`: a source that cannot search says so. */
  source = hs_cli_client_pick_source (client);

  cancellable = g_cancellable_new ();
  loop = g_main_loop_new (NULL, FALSE);
  search.loop = loop;
  sigint_id = g_unix_signal_add (SIGINT, interrupt_cb, cancellable);

  hs_note_source_search_async (source, words[0], tag, page, size, cancellable, search_cb, &search);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);

  if (search.page != NULL)
    {
      if (json)
        {
          g_autofree char *text = hs_search_page_to_json (search.page);
          printf ("%s\n", text);
        }
      else
        print_page (search.page);
      g_clear_object (&search.page);
    }
  else
    {
      /* TRANSLATORS: the keyword, and why the search failed */
      hs_cli_print_error (_("%s: %s"), words[0], search.error->message);
      exit_code = g_cancellable_is_cancelled (cancellable) ? 130 : hs_error_exit_code (search.error);
      g_clear_error (&search.error);
    }

  fflush (stdout);
  return exit_code;
}
