#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gi18n.h>

#include "hs-author.h"
#include "hs-cli-client.h"
#include "hs-cli-commands.h"
#include "hs-error.h"
#include "hs-format.h"
#include "hs-library-export.h"
#include "hs-library.h"
#include "hs-note-json.h"

/* hongshu-cli library: the local library ($XDG_DATA_HOME/hongshu). Every
 * action opens it, does one thing with the blocking calls and exits. */

typedef struct
{
  const char *name;
  int (*run) (HsLibrary *library, int argc, char **argv);
  const char *summary;
} Action;

static HsLibrary *
open_library (int *exit_code)
{
  g_autoptr(HsLibrary) library = hs_library_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!hs_library_open_sync (library, NULL, &error))
    {
      hs_cli_print_error ("%s", error->message);
      *exit_code = 1;
      return NULL;
    }
  if (hs_library_get_recovery_message (library) != NULL)
    hs_cli_print_error ("%s", hs_library_get_recovery_message (library));

  return g_steal_pointer (&library);
}

static int
fail (GError *error)
{
  fflush (stdout);
  hs_cli_print_error ("%s", error->message);
  return hs_error_exit_code (error);
}

/* Parses the options of one action (named @prgname in messages).
 * Returns: FALSE when they are wrong: the exit status is then 2. */
static gboolean
parse_action (const char          *prgname,
              const char          *parameter,
              const char          *summary,
              const GOptionEntry  *entries,
              int                 *argc,
              char              ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);

  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context, hs_cli_exit_status_help ());
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_set_prgname (prgname);
  return hs_cli_client_parse_options (context, argc, argv);
}

/* Whether @rest holds from @min to @max arguments; if not, says @usage. */
static gboolean
expect_arguments (char       **rest,
                  guint        min,
                  guint        max,
                  const char  *usage)
{
  guint n = rest != NULL ? g_strv_length (rest) : 0;

  if (n >= min && n <= max)
    return TRUE;
  hs_cli_print_error ("%s", usage);
  return FALSE;
}

static void
print_note_json (HsNote *note)
{
  g_autofree char *text = hs_note_to_json (note);

  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* "2024-03-01" → Unix seconds at 00:00 UTC; 0 with a message when bad. */
static gboolean
parse_date (const char *text,
            gint64     *out)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return TRUE;
  iso = g_strconcat (text, "T00:00:00Z", NULL);
  time = g_date_time_new_from_iso8601 (iso, NULL);
  if (time == NULL)
    {
      /* TRANSLATORS: %s is what the user gave as a date */
      hs_cli_print_error (_("“%s” is not a date of the form YYYY-MM-DD"), text);
      return FALSE;
    }
  *out = g_date_time_to_unix (time);
  return TRUE;
}

/* The snippet with its matches in bold on a terminal, in [brackets]
 * elsewhere; the note's text itself goes through the terminal filter. */
static void
print_snippet (const char *snippet)
{
  gboolean tty = isatty (STDOUT_FILENO);
  const char *p = snippet;

  hs_cli_print ("    ");
  while (*p != '\0')
    {
      size_t n = strcspn (p, HS_LIBRARY_MATCH_START HS_LIBRARY_MATCH_END);
      g_autofree char *part = g_strndup (p, n);

      /* One line: the snippet may span paragraphs. */
      g_strdelimit (part, "\n\r", ' ');
      hs_cli_print ("%s", part);
      p += n;
      if (*p == HS_LIBRARY_MATCH_START[0])
        fputs (tty ? "\033[1m" : "[", stdout);
      else if (*p == HS_LIBRARY_MATCH_END[0])
        fputs (tty ? "\033[22m" : "]", stdout);
      if (*p != '\0')
        p++;
    }
  hs_cli_print ("\n");
}

static void
print_items (GPtrArray *items,
             gboolean   json)
{
  for (guint i = 0; i < items->len; i++)
    {
      HsLibraryItem *item = g_ptr_array_index (items, i);
      HsNote *note = hs_library_item_get_note (item);

      if (json)
        print_note_json (note);
      else
        {
          HsAuthor *author = hs_note_get_author (note);
          const char *title = hs_note_get_title (note);
          const char *nickname = author != NULL ? hs_author_get_nickname (author) : NULL;
          g_autoptr(GDateTime) opened = g_date_time_new_from_unix_local (hs_library_item_get_last_opened (item));
          g_autofree char *when = opened != NULL ? hs_format_time_absolute (opened) : g_strdup ("");

          /* TRANSLATORS: one note in a list: its id, title, author, whether
           * it is saved (or only in the history) and when it was last opened */
          hs_cli_print (_("%s  %s — %s · %s · %s\n"),
                        hs_note_get_note_id (note),
                        title != NULL && *title != '\0' ? title : _("(untitled)"),
                        nickname != NULL ? nickname : _("unknown"),
                        hs_library_item_get_saved (item) ? _("saved") : _("history"),
                        when);
          if (hs_library_item_get_snippet (item) != NULL)
            print_snippet (hs_library_item_get_snippet (item));
        }
    }
}

static int
run_list_or_search (HsLibrary  *library,
                    int         argc,
                    char      **argv,
                    gboolean    search)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *category = NULL;
  g_autofree char *author = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  gboolean saved = FALSE;
  gboolean history = FALSE;
  int limit = search ? 20 : 0;
  HsLibraryQuery query = { 0 };
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print each note as one line of normalised JSON"), NULL },
    { "saved", 0, 0, G_OPTION_ARG_NONE, &saved, N_("Only saved notes"), NULL },
    { "history", 0, 0, G_OPTION_ARG_NONE, &history, N_("Only notes opened but not saved"), NULL },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only notes with this tag"), N_("TAG") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Only notes in this category"), N_("NAME") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("Only notes by this author (user id or nickname)"), N_("AUTHOR") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Only notes published on or after this day"), N_("YYYY-MM-DD") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Only notes published before this day"), N_("YYYY-MM-DD") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many notes (0: all)"), N_("N") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, search ? N_("QUERY") : NULL },
    { NULL }
  };

  if (!parse_action (search ? "hongshu-cli library search" : "hongshu-cli library list",
                     search ? _("QUERY") : "",
                     search ? _("Search the library: notes with every word of QUERY in the title, text, "
                                "tags or author, best first. Chinese words of any length work.")
                            : _("List the notes of the library, most recently opened first."),
                     entries, &argc, &argv))
    return 2;

  if (saved && history)
    {
      hs_cli_print_error (_("--saved and --history exclude each other"));
      return 2;
    }
  if (limit < 0)
    {
      hs_cli_print_error (_("--limit must be 0 or more"));
      return 2;
    }
  if (search)
    {
      if (!expect_arguments (rest, 1, G_MAXUINT, _("no query given: hongshu-cli library search [OPTION…] QUERY")))
        return 2;
      text = g_strjoinv (" ", rest);
    }
  else if (rest != NULL && rest[0] != NULL)
    {
      hs_cli_print_error (_("unexpected argument “%s”"), rest[0]);
      return 2;
    }
  if (!parse_date (since, &query.since) || !parse_date (until, &query.until))
    return 2;

  query.text = text;
  query.tag = tag;
  query.category = category;
  query.author = author;
  query.filter = saved ? HS_LIBRARY_FILTER_SAVED : history ? HS_LIBRARY_FILTER_HISTORY : HS_LIBRARY_FILTER_ALL;
  query.limit = (guint) limit;

  items = hs_library_query_sync (library, &query, NULL, &error);
  if (items == NULL)
    return fail (error);

  print_items (items, json);
  return 0;
}

static int
run_list (HsLibrary *library, int argc, char **argv)
{
  return run_list_or_search (library, argc, argv, FALSE);
}

static int
run_search (HsLibrary *library, int argc, char **argv)
{
  return run_list_or_search (library, argc, argv, TRUE);
}

static char *
format_unix (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (seconds);

  return time != NULL ? hs_format_time_absolute (time) : g_strdup ("");
}

static int
run_show (HsLibrary *library, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsLibraryItem) item = NULL;
  g_autoptr(GHashTable) media = NULL;
  g_auto(GStrv) categories = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the note as one line of normalised JSON"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, N_("ID") },
    { NULL }
  };

  if (!parse_action ("hongshu-cli library show", _("ID"),
                     _("Show a note of the library, without the network. "
                        "The exit status is 4 when it is not there."),
                     entries, &argc, &argv))
    return 2;
  if (!expect_arguments (rest, 1, 1, _("give one note id: hongshu-cli library show [--json] ID")))
    return 2;

  item = hs_library_get_sync (library, rest[0], NULL, &error);
  if (item == NULL)
    return fail (error);

  if (json)
    {
      print_note_json (hs_library_item_get_note (item));
      return 0;
    }

  categories = hs_library_note_categories_sync (library, rest[0], NULL, &error);
  if (categories == NULL)
    return fail (error);
  media = hs_library_get_media_sync (library, rest[0], NULL, &error);
  if (media == NULL)
    return fail (error);

  hs_cli_print_note_summary (hs_library_item_get_note (item));
  {
    g_autofree char *first = format_unix (hs_library_item_get_first_opened (item));
    g_autofree char *last = format_unix (hs_library_item_get_last_opened (item));

    if (hs_library_item_get_link (item) != NULL)
      hs_cli_print_line (_("Link"), hs_library_item_get_link (item));
    hs_cli_print_line (_("Source"), hs_library_item_get_source (item) != NULL ? hs_library_item_get_source (item) : "");
    hs_cli_print_line (_("First opened"), first);
    hs_cli_print_line (_("Last opened"), last);
    hs_cli_print_line (_("Library"), hs_library_item_get_saved (item) ? _("saved") : _("history"));
  }
  if (categories[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", categories);
      hs_cli_print_line (_("Categories"), joined);
    }
  {
    GHashTableIter iter;
    gpointer url, file;

    g_hash_table_iter_init (&iter, media);
    while (g_hash_table_iter_next (&iter, &url, &file))
      hs_cli_print_line (_("Saved file"), g_file_peek_path (file));
  }
  return 0;
}

/* One JSON object per line, for scripts. */
static void
print_json_line (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  fputs (text, stdout);
  fputc ('\n', stdout);
}

static void
print_tag_counts (GPtrArray *counts,
                  gboolean   json)
{
  for (guint i = 0; i < counts->len; i++)
    {
      HsLibraryTagCount *count = g_ptr_array_index (counts, i);

      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "tag");
          json_builder_add_string_value (builder, count->tag);
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, count->count);
          json_builder_end_object (builder);
          print_json_line (builder);
        }
      else
        hs_cli_print ("%6u  %s\n", count->count, count->tag);
    }
}

static int
run_tags (HsLibrary *library, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autofree char *related = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print {\"tag\": …, \"count\": N} per line"), NULL },
    { "with", 0, 0, G_OPTION_ARG_STRING, &related, N_("Only tags that appear together with this one"), N_("TAG") },
    { NULL }
  };

  if (!parse_action ("hongshu-cli library tags", "",
                     _("Every tag of the library with its number of notes, most used first."),
                     entries, &argc, &argv))
    return 2;

  if (related != NULL)
    counts = hs_library_related_tags_sync (library, related, NULL, &error);
  else
    counts = hs_library_tags_sync (library, NULL, &error);
  if (counts == NULL)
    return fail (error);
  print_tag_counts (counts, json);
  return 0;
}

static void
print_categories (GPtrArray *categories,
                  gboolean   json)
{
  for (guint i = 0; i < categories->len; i++)
    {
      HsLibraryCategory *category = g_ptr_array_index (categories, i);

      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, category->name);
          json_builder_set_member_name (builder, "tags");
          json_builder_begin_array (builder);
          for (guint j = 0; category->tags[j] != NULL; j++)
            json_builder_add_string_value (builder, category->tags[j]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, category->n_notes);
          json_builder_end_object (builder);
          print_json_line (builder);
        }
      else
        {
          g_autofree char *joined = g_strjoinv (" + ", category->tags);

          /* TRANSLATORS: a category, its tags and its number of notes */
          hs_cli_print (ngettext ("%s = %s (%u note)\n", "%s = %s (%u notes)\n", category->n_notes),
                        category->name, joined, category->n_notes);
        }
    }
}

static int
run_categories (HsLibrary *library, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean json = FALSE;
  const char *verb;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print {\"name\": …, \"tags\": […], \"count\": N} per line"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  if (!parse_action ("hongshu-cli library categories", _("[list | add NAME TAG… | remove NAME [TAG…] | suggest]"),
                     _("Categories are named groups of tags (美妆 = 口红 + 底妆 + 眼影); a note is in "
                        "every category one of its tags belongs to. “suggest” proposes groups of tags "
                        "that often appear together."),
                     entries, &argc, &argv))
    return 2;

  verb = rest != NULL && rest[0] != NULL ? rest[0] : "list";
  if (g_strcmp0 (verb, "list") == 0 || g_strcmp0 (verb, "suggest") == 0)
    {
      if (rest != NULL && rest[0] != NULL && rest[1] != NULL)
        {
          hs_cli_print_error (_("unexpected argument “%s”"), rest[1]);
          return 2;
        }
      if (g_strcmp0 (verb, "list") == 0)
        categories = hs_library_categories_sync (library, NULL, &error);
      else
        categories = hs_library_suggest_categories_sync (library, NULL, &error);
      if (categories == NULL)
        return fail (error);
      print_categories (categories, json);
      return 0;
    }
  if (g_strcmp0 (verb, "add") == 0)
    {
      if (rest[1] == NULL || rest[2] == NULL)
        {
          hs_cli_print_error (_("give a name and at least one tag: hongshu-cli library categories add NAME TAG…"));
          return 2;
        }
      if (!hs_library_category_add_sync (library, rest[1], (const char * const *) rest + 2, NULL, &error))
        return fail (error);
      return 0;
    }
  if (g_strcmp0 (verb, "remove") == 0)
    {
      if (rest[1] == NULL)
        {
          hs_cli_print_error (_("give a name: hongshu-cli library categories remove NAME [TAG…]"));
          return 2;
        }
      if (!hs_library_category_remove_sync (library, rest[1], (const char * const *) rest + 2, NULL, &error))
        return fail (error);
      return 0;
    }

  hs_cli_print_error (_("unknown action “%s”: list, add, remove or suggest"), verb);
  return 2;
}

static void
export_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data G_GNUC_UNUSED)
{
  if (isatty (STDERR_FILENO))
    g_printerr ("\r%u/%u", done, total);
}

static int
run_export (HsLibrary *library, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *format = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *category = NULL;
  g_autofree char *text = NULL;
  gboolean saved = FALSE;
  HsLibraryQuery query = { 0 };
  HsLibraryExportFormat export_format;
  guint n_exported = 0;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("markdown (a folder per note) or json (JSON lines)"), N_("FORMAT") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only notes with this tag"), N_("TAG") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("Only notes in this category"), N_("NAME") },
    { "query", 0, 0, G_OPTION_ARG_STRING, &text, N_("Only notes this search finds"), N_("QUERY") },
    { "saved", 0, 0, G_OPTION_ARG_NONE, &saved, N_("Only saved notes"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, N_("DIR") },
    { NULL }
  };

  if (!parse_action ("hongshu-cli library export", _("DIR"),
                     _("Export notes into DIR: as Markdown, a folder per note with its saved "
                        "pictures and videos; as JSON, DIR/notes.jsonl in the normalised form."),
                     entries, &argc, &argv))
    return 2;

  if (g_strcmp0 (format, "markdown") == 0)
    export_format = HS_LIBRARY_EXPORT_MARKDOWN;
  else if (g_strcmp0 (format, "json") == 0)
    export_format = HS_LIBRARY_EXPORT_JSON;
  else
    {
      hs_cli_print_error (_("--format must be markdown or json"));
      return 2;
    }
  if (!expect_arguments (rest, 1, 1, _("give one folder: hongshu-cli library export --format markdown|json DIR")))
    return 2;

  query.tag = tag;
  query.category = category;
  query.text = text;
  query.filter = saved ? HS_LIBRARY_FILTER_SAVED : HS_LIBRARY_FILTER_ALL;
  if (!hs_library_export_sync (library, &query, export_format, rest[0], &n_exported,
                               export_progress_cb, NULL, NULL, &error))
    return fail (error);

  if (isatty (STDERR_FILENO) && n_exported > 0)
    g_printerr ("\n");
  /* TRANSLATORS: %u is a number of notes, %s a folder */
  hs_cli_print_error (ngettext ("%u note exported into %s", "%u notes exported into %s", n_exported),
                      n_exported, rest[0]);
  return 0;
}

static int
run_import (HsLibrary *library, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_auto(GStrv) rest = NULL;
  g_auto(HsLibraryImportReport) report = { 0 };
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, N_("FILE") },
    { NULL }
  };

  if (!parse_action ("hongshu-cli library import", _("FILE"),
                     _("Import notes from JSON lines in the normalised form (what “get --json” "
                        "and “library export --format json” write; - for standard input) as "
                        "saved notes. A line that is no note is reported with its number and "
                        "skipped; the exit status is then 8."),
                     entries, &argc, &argv))
    return 2;
  if (!expect_arguments (rest, 1, 1, _("give one file: hongshu-cli library import FILE")))
    return 2;

  file = strcmp (rest[0], "-") == 0 ? g_file_new_for_path ("/dev/stdin") : g_file_new_for_commandline_arg (rest[0]);
  if (!hs_library_import_sync (library, file, &report, NULL, NULL, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        {
          hs_cli_print_error (_("cannot read %s: %s"), rest[0], error->message);
          return 2;
        }
      return fail (error);
    }

  for (guint i = 0; i < report.problems->len; i++)
    /* TRANSLATORS: a file name, then "line N: why" */
    hs_cli_print_error (_("%s: %s"), rest[0], (const char *) report.problems->pdata[i]);
  /* TRANSLATORS: %u is a number of notes */
  hs_cli_print_error (ngettext ("%u note imported", "%u notes imported", report.n_imported), report.n_imported);

  return report.problems->len > 0 ? 8 : 0;
}

static int
run_remove (HsLibrary *library, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  guint n_removed = 0;
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, N_("ID…") },
    { NULL }
  };

  if (!parse_action ("hongshu-cli library remove", _("ID…"),
                     _("Remove notes from the library, with the media no other note uses. "
                        "The exit status is 4 when none of them was there."),
                     entries, &argc, &argv))
    return 2;
  if (!expect_arguments (rest, 1, G_MAXUINT, _("give at least one note id: hongshu-cli library remove ID…")))
    return 2;
  if (!hs_library_remove_sync (library, (const char * const *) rest, &n_removed, NULL, &error))
    return fail (error);
  /* TRANSLATORS: %u is a number of notes */
  hs_cli_print_error (ngettext ("%u note removed", "%u notes removed", n_removed), n_removed);
  return n_removed > 0 ? 0 : 4;
}

static int
run_clear_history (HsLibrary *library, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = { { NULL } };

  if (!parse_action ("hongshu-cli library clear-history", "",
                     _("Remove every note that was opened but not saved."),
                     entries, &argc, &argv))
    return 2;
  if (!hs_library_clear_history_sync (library, NULL, &error))
    return fail (error);
  return 0;
}

static const Action actions[] = {
  { "list", run_list, N_("List notes, most recently opened first") },
  { "search", run_search, N_("Search notes in Chinese or other languages") },
  { "show", run_show, N_("Show one note, offline") },
  { "tags", run_tags, N_("Tags with their number of notes") },
  { "categories", run_categories, N_("List, add, remove or suggest categories of tags") },
  { "export", run_export, N_("Export notes as Markdown or JSON lines") },
  { "import", run_import, N_("Import JSON lines of notes") },
  { "remove", run_remove, N_("Remove notes") },
  { "clear-history", run_clear_history, N_("Remove the notes that are not saved") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n", _("Usage: hongshu-cli library ACTION [OPTION…]"), _("Actions:"));
  for (size_t i = 0; i < G_N_ELEMENTS (actions); i++)
    fprintf (out, "  %-14s %s\n", actions[i].name, _(actions[i].summary));
  fprintf (out, "\n%s\n", _("The library is in $XDG_DATA_HOME/hongshu (~/.local/share/hongshu)."));
}

int
hs_cli_library_main (int    argc,
                     char **argv)
{
  g_autoptr(HsLibrary) library = NULL;
  int exit_code = 0;

  if (argc < 2)
    {
      print_usage (stderr);
      return 2;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }

  for (size_t i = 0; i < G_N_ELEMENTS (actions); i++)
    if (strcmp (argv[1], actions[i].name) == 0)
      {
        /* --help needs no database. */
        for (int j = 2; j < argc; j++)
          if (strcmp (argv[j], "--help") == 0 || strcmp (argv[j], "-h") == 0)
            return actions[i].run (NULL, argc - 1, argv + 1);

        library = open_library (&exit_code);
        if (library == NULL)
          return exit_code;
        return actions[i].run (library, argc - 1, argv + 1);
      }

  hs_cli_print_error (_("unknown action “%s”"), argv[1]);
  print_usage (stderr);
  return 2;
}
