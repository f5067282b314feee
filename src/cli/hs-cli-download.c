#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <glib.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "hs-cli-client.h"
#include "hs-cli-commands.h"
#include "hs-client.h"
#include "hs-download-name.h"
#include "hs-download-queue.h"
#include "hs-download-sources.h"
#include "hs-error.h"
#include "hs-format.h"
#include "hs-library.h"
#include "hs-media-loader.h"

/* How often the progress line is drawn, at most. */
#define PROGRESS_INTERVAL_MS 200

typedef struct
{
  HsDownloadQueue *queue;
  GMainLoop       *loop;
  GCancellable    *cancellable;
  gboolean         tty;
  gboolean         line_shown;
  guint            next_to_report;
  guint            progress_id;
  gboolean         interrupted;
  gint64           last_wait_note;
  GAsyncResult    *gathered;    /* a search's or the library's notes */
} Download;

static void
clear_line (Download *download)
{
  if (download->tty && download->line_shown)
    {
      fputs ("\r\033[K", stdout);
      download->line_shown = FALSE;
    }
}

static char *
format_duration (gint64 seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static int
terminal_width (void)
{
  struct winsize size;

  if (ioctl (STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 20)
    return size.ws_col;
  return 80;
}

static void
draw_progress (Download *download)
{
  HsDownloadQueue *queue = download->queue;
  guint n_notes = hs_download_queue_get_n_notes (queue);
  guint finished = hs_download_queue_get_n_notes_finished (queue);
  guint n_files = hs_download_queue_get_n_files (queue);
  guint files_done = hs_download_queue_get_n_saved (queue) + hs_download_queue_get_n_skipped (queue) +
                     hs_download_queue_get_n_failed (queue);
  g_autofree char *bytes = g_format_size (hs_download_queue_get_bytes (queue));
  gboolean rate_limited = FALSE;
  guint waiting = hs_download_queue_get_waiting (queue, &rate_limited);
  gint64 eta = hs_download_queue_get_eta (queue);
  g_autofree char *tail = NULL;
  g_autofree char *text = NULL;
  int width = terminal_width ();
  int bar_width = 20;
  int filled = n_notes > 0 ? (int) ((double) finished / n_notes * bar_width) : 0;
  GString *bar = g_string_new ("[");
  glong length;

  for (int i = 0; i < bar_width; i++)
    g_string_append_c (bar, i < filled ? '#' : '-');
  g_string_append_c (bar, ']');

  if (waiting > 0 && rate_limited)
    /* TRANSLATORS: shown while the API's rate limit holds the next note back */
    tail = g_strdup_printf (_("waiting %u s for the rate limit"), waiting);
  else if (waiting > 0)
    tail = g_strdup_printf (_("retrying in %u s"), waiting);
  else if (eta >= 0)
    {
      g_autofree char *duration = format_duration (eta);

      /* TRANSLATORS: estimated time left, like 1:05 */
      tail = g_strdup_printf (_("ETA %s"), duration);
    }
  else
    tail = g_strdup ("");

  /* TRANSLATORS: a progress bar, notes done/all, files done/all, bytes, then ETA or a wait */
  text = g_strdup_printf (_("%s %u/%u notes · %u/%u files · %s · %s"), bar->str, finished, n_notes,
                          files_done, n_files, bytes, tail);
  g_string_free (bar, TRUE);

  /* One line, never wrapping: cut to the terminal's width. */
  length = g_utf8_strlen (text, -1);
  if (length >= width)
    *g_utf8_offset_to_pointer (text, width - 1) = '\0';

  fputs ("\r\033[K", stdout);
  fputs (text, stdout);
  fflush (stdout);
  download->line_shown = TRUE;
}

static gboolean
progress_cb (gpointer user_data)
{
  draw_progress (user_data);
  return G_SOURCE_CONTINUE;
}

static void
report_item (Download       *download,
             HsDownloadItem *item)
{
  HsDownloadState state = hs_download_item_get_state (item);
  g_autofree char *label = hs_format_for_terminal (hs_download_item_get_label (item));
  GFile *folder = hs_download_item_get_folder (item);
  g_autofree char *path = folder != NULL ? g_file_get_path (folder) : NULL;
  g_autofree char *safe_path = hs_format_for_terminal (path);
  const char * const *failures = hs_download_item_get_failures (item);

  clear_line (download);

  if (state == HS_DOWNLOAD_STATE_DONE)
    {
      /* TRANSLATORS: a folder, then how many files were saved and how many were there already */
      printf (_("%s: %u saved, %u already there\n"), safe_path,
              hs_download_item_get_n_saved (item), hs_download_item_get_n_skipped (item));
      return;
    }
  if (state == HS_DOWNLOAD_STATE_CANCELLED)
    return;

  fflush (stdout);
  if (path != NULL)
    /* TRANSLATORS: a folder, then how many files were saved, were there already and failed */
    hs_cli_print_error (_("%s: %u saved, %u already there, %u failed"), safe_path,
                        hs_download_item_get_n_saved (item), hs_download_item_get_n_skipped (item),
                        hs_download_item_get_n_failed (item));
  for (guint i = 0; failures[i] != NULL; i++)
    {
      g_autofree char *why = hs_format_for_terminal (failures[i]);

      /* TRANSLATORS: what the user gave for a note, and why it (or one of its files) failed */
      hs_cli_print_error (_("%s: %s"), label, why);
    }
}

/* Reports the finished notes in the order given. */
static void
report_finished (Download *download)
{
  GListModel *items = G_LIST_MODEL (download->queue);

  while (download->next_to_report < g_list_model_get_n_items (items))
    {
      g_autoptr(HsDownloadItem) item = g_list_model_get_item (items, download->next_to_report);
      HsDownloadState state = hs_download_item_get_state (item);

      if (state != HS_DOWNLOAD_STATE_DONE && state != HS_DOWNLOAD_STATE_FAILED &&
          state != HS_DOWNLOAD_STATE_CANCELLED)
        break;
      report_item (download, item);
      download->next_to_report++;
    }
}

static void
notes_finished_cb (HsDownloadQueue *queue,
                   GParamSpec      *pspec,
                   gpointer         user_data)
{
  report_finished (user_data);
}

/* Without a progress line, a wait is told on stderr, at most every ten
 * seconds: several notes wait at once, each announcing it. */
static void
waiting_cb (HsDownloadQueue *queue,
            GParamSpec      *pspec,
            gpointer         user_data)
{
  Download *download = user_data;
  gboolean rate_limited = FALSE;
  guint seconds = hs_download_queue_get_waiting (queue, &rate_limited);
  gint64 now = g_get_monotonic_time ();

  if (download->tty || seconds == 0 ||
      (download->last_wait_note != 0 && now - download->last_wait_note < 10 * G_TIME_SPAN_SECOND))
    return;
  download->last_wait_note = now;
  if (rate_limited)
    hs_cli_print_error (_("waiting %u s for the rate limit"), seconds);
  else
    hs_cli_print_error (_("retrying in %u s"), seconds);
}

static void
finished_cb (HsDownloadQueue *queue,
             gpointer         user_data)
{
  Download *download = user_data;

  report_finished (download);
  g_main_loop_quit (download->loop);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  Download *download = user_data;

  download->interrupted = TRUE;
  g_cancellable_cancel (download->cancellable);
  /* While notes are gathered, the cancelled search or library read ends
   * the loop itself (gathered_cb). */
  if (download->queue != NULL)
    hs_download_queue_cancel (download->queue);
  return G_SOURCE_CONTINUE;
}

static void
gathered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Download *download = user_data;

  download->gathered = g_object_ref (result);
  g_main_loop_quit (download->loop);
}

/* Why a search's or the library's notes could not be had, and the exit
 * code for it. */
static void
report_gathered_error (Download *download,
                       GError   *error,
                       int      *exit_code)
{
  g_autofree char *why = hs_format_for_terminal (error->message);

  hs_cli_print_error ("%s", why);
  *exit_code = download->interrupted ? 130 : hs_error_exit_code (error);
  if (*exit_code == 0)
    *exit_code = 1;
}

/* The notes of a search, once gathered: NULL with the exit code when they
 * could not be had. */
static GPtrArray *
await_gathered (Download   *download,
                GPtrArray *(*finish) (GAsyncResult *result, GError **error),
                int        *exit_code)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *found;

  g_main_loop_run (download->loop);
  result = g_steal_pointer (&download->gathered);
  found = finish (result, &error);
  if (found == NULL)
    report_gathered_error (download, error, exit_code);
  return found;
}

/* The library's saved notes or a category's, as the library keeps them:
 * FALSE with the exit code when the library cannot be read. */
static gboolean
add_library (Download        *download,
             HsDownloadQueue *queue,
             const char      *category,
             int             *exit_code)
{
  g_autoptr(HsLibrary) library = hs_library_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) error = NULL;

  if (!hs_library_open_sync (library, NULL, &error))
    {
      hs_cli_print_error ("%s", error->message);
      *exit_code = MAX (hs_error_exit_code (error), 1);
      return FALSE;
    }

  hs_download_library_async (library, category, download->cancellable, gathered_cb, download);
  g_main_loop_run (download->loop);
  result = g_steal_pointer (&download->gathered);
  notes = hs_download_library_finish (result, &files, &error);
  if (notes == NULL)
    {
      report_gathered_error (download, error, exit_code);
      return FALSE;
    }
  if (notes->len == 0)
    hs_cli_print_error (category != NULL ? _("no notes in this category of the library")
                                         : _("no saved notes in the library"));
  /* Their pictures and videos from the library's copies, not the network. */
  hs_download_queue_add_local_files (queue, files);
  for (guint i = 0; i < notes->len; i++)
    hs_download_queue_add_note (queue, g_ptr_array_index (notes, i));
  return TRUE;
}

static char *
read_input_file (const char  *name,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text = NULL;

  if (strcmp (name, "-") == 0)
    {
      g_autoptr(GString) buffer = g_string_new (NULL);
      char chunk[4096];
      size_t n;

      while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
        g_string_append_len (buffer, chunk, (gssize) n);
      return g_string_free (g_steal_pointer (&buffer), FALSE);
    }

  if (!g_file_get_contents (name, &text, NULL, &local_error))
    {
      g_set_error (error, HS_ERROR, HS_ERROR_BAD_REQUEST, _("Could not read the file of links: %s"),
                   local_error->message);
      return NULL;
    }
  return text;
}

/* Adds every reference in @text; reports the lines that hold none. */
static gboolean
add_text (HsDownloadQueue *queue,
          const char      *text,
          const char      *where)
{
  g_autoptr(GPtrArray) bad_lines = NULL;
  g_autoptr(GPtrArray) inputs = hs_download_inputs_from_text (text, &bad_lines);

  for (guint i = 0; i < inputs->len; i++)
    {
      HsDownloadInput *input = g_ptr_array_index (inputs, i);

      hs_download_queue_add_ref (queue, input->ref, input->label);
    }
  for (guint i = 0; i < bad_lines->len; i++)
    {
      g_autofree char *line = hs_format_for_terminal (g_ptr_array_index (bad_lines, i));

      if (where != NULL)
        /* TRANSLATORS: a file name, then "LINE: TEXT" of a line without a note reference */
        hs_cli_print_error (_("%s:%s: no note reference in this line"), where, line);
      else
        /* TRANSLATORS: an argument that holds no note reference */
        hs_cli_print_error (_("not a note reference: %s"), line + strcspn (line, " ") + 1);
    }
  return bad_lines->len == 0;
}

int
hs_cli_download_main (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HsClient) client = NULL;
  g_autoptr(HsNoteSource) source = NULL;
  g_autoptr(HsMediaLoader) loader = NULL;
  g_autoptr(HsDownloadQueue) queue = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GFile) output = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) refs = NULL;
  g_autofree char *out_dir = NULL;
  g_autofree char *from_file = NULL;
  g_autofree char *keyword = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *name_template = NULL;
  g_autofree char *category = NULL;
  g_auto(HsCliClientOptions) options = HS_CLI_CLIENT_OPTIONS_INIT;
  gboolean save_text = FALSE;
  gboolean saved = FALSE;
  gboolean bad_input = FALSE;
  int pages = 1;
  int size = 20;
  int exit_code = 0;
  guint sigint_id;
  Download download = { 0 };
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_dir,
      N_("Save into DIR (default: the current folder)"), N_("DIR") },
    { "from-file", 'f', 0, G_OPTION_ARG_FILENAME, &from_file,
      N_("Read links or share texts from FILE, one or more a line (- for standard input)"), N_("FILE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &keyword,
      N_("Download the notes a keyword search finds"), N_("KEYWORD") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag,
      N_("Download the notes a tag search finds"), N_("TAG") },
    { "pages", 0, 0, G_OPTION_ARG_INT, &pages,
      N_("Search pages to download (default 1)"), N_("N") },
    { "size", 0, 0, G_OPTION_ARG_INT, &size,
      N_("Notes a search page (1 to 50, default 20)"), N_("N") },
    { "saved", 0, 0, G_OPTION_ARG_NONE, &saved,
      N_("Download the library’s saved notes"), NULL },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category,
      N_("Download the library’s notes in category NAME"), N_("NAME") },
    { "name-template", 0, 0, G_OPTION_ARG_STRING, &name_template,
      N_("Folder name of each note (default “{author} - {title} - {id}”; also {author_id}, {date}, {index})"),
      N_("TEMPLATE") },
    { "text", 0, 0, G_OPTION_ARG_NONE, &save_text,
      N_("Also save each note’s text as note.md"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &refs, NULL, N_("REF…") },
    { NULL }
  };

  context = hs_cli_client_option_context_new ("hongshu-cli download",
                                              _("Save every picture and video of notes into a folder per note."),
                                              entries, &options, TRUE);
  g_option_context_set_description (context,
    _("Each note gets a folder named by the template, holding its pictures as 01.jpg,\n"
      "02.webp … (the extension from the file's own bytes), its videos as video-01.mp4 …,\n"
      "with --text its text as note.md, and .hongshu.json, the record of what was saved.\n"
      "A file is written as .NAME.part and renamed when complete; run the same command\n"
      "again to skip what is complete and resume what is not. A file already there\n"
      "that the tool did not save is never overwritten: the new one becomes\n"
      "“01 (2).jpg”, and a folder of another note “NAME (2)”.\n"
      "A picture or video is saved in its original quality where the source knows\n"
      "where that is (website notes), else as shown; .hongshu.json says which.\n"
      "\n"
      "--saved and --category take the notes from the local library (see\n"
      "“hongshu-cli library”) as it keeps them, without asking the API for them,\n"
      "and a saved note's pictures and videos from the library's own copies, as the\n"
      "note showed them: only what the library lacks is fetched.\n"
      "\n"
      "The media CDN refuses requests without the header\n"
      "  Referer: https://www.xiaohongshu.com/\n"
      "which this tool sends (the media-referer setting); curl or wget need it too.\n"
      "\n"
      "Exit status: 0 when every file was saved or already there; 2 when some input\n"
      "held no note reference (the rest is still downloaded); otherwise that of the\n"
      "first note or file that failed, as for “hongshu-cli get”."));
  if (!hs_cli_client_parse_options (context, &argc, &argv))
    return 2;

  if (keyword != NULL && tag != NULL)
    {
      hs_cli_print_error (_("give --search or --tag, not both"));
      return 2;
    }
  if (pages < 1 || size < 1 || size > 50)
    {
      hs_cli_print_error (_("--pages must be 1 or more and --size between 1 and 50"));
      return 2;
    }
  if (name_template != NULL && !hs_download_name_template_validate (name_template, &error))
    {
      hs_cli_print_error ("%s", error->message);
      return 2;
    }
  if (saved && category != NULL)
    {
      hs_cli_print_error (_("give --saved or --category, not both"));
      return 2;
    }
  if ((refs == NULL || refs[0] == NULL) && from_file == NULL && keyword == NULL && tag == NULL &&
      !saved && category == NULL)
    {
      hs_cli_print_error (_("nothing to download: give references, --from-file, --search, --tag, --saved or --category"));
      return 2;
    }

  client = hs_cli_client_new (&options, &exit_code);
  if (client == NULL)
    return exit_code;
  source = hs_cli_client_pick_source (client);
  loader = hs_media_loader_new (hs_client_get_config (client));

  output = g_file_new_for_commandline_arg (out_dir != NULL ? out_dir : ".");
  queue = hs_download_queue_new (source, loader, output);
  hs_download_queue_set_save_text (queue, save_text);
  hs_download_queue_set_requests_per_minute (queue,
                                             hs_config_get_requests_per_minute (hs_client_get_config (client)));
  if (name_template != NULL)
    hs_download_queue_set_name_template (queue, name_template, NULL);

  cancellable = g_cancellable_new ();
  loop = g_main_loop_new (NULL, FALSE);
  download.queue = NULL;
  download.loop = loop;
  download.cancellable = cancellable;
  download.tty = isatty (STDOUT_FILENO);
  sigint_id = g_unix_signal_add (SIGINT, interrupt_cb, &download);

  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    {
      /* add_text() reports "LINE: TEXT"; for an argument, the text. */
      if (!add_text (queue, refs[i], NULL))
        bad_input = TRUE;
    }

  if (from_file != NULL)
    {
      g_autofree char *text = read_input_file (from_file, &error);

      if (text == NULL)
        {
          hs_cli_print_error ("%s", error->message);
          g_source_remove (sigint_id);
          return 2;
        }
      if (!add_text (queue, text, strcmp (from_file, "-") == 0 ? _("standard input") : from_file))
        bad_input = TRUE;
    }

  if (keyword != NULL || tag != NULL)
    {
      g_autoptr(GPtrArray) found = NULL;

      hs_download_search_async (source, keyword != NULL ? keyword : tag, tag != NULL, pages, size,
                                NULL, NULL, cancellable, gathered_cb, &download);
      found = await_gathered (&download, hs_download_search_finish, &exit_code);
      if (found == NULL)
        {
          g_source_remove (sigint_id);
          return exit_code;
        }
      for (guint i = 0; i < found->len; i++)
        {
          HsDownloadInput *input = g_ptr_array_index (found, i);

          hs_download_queue_add_ref (queue, input->ref, input->label);
        }
    }

  if ((saved || category != NULL) && !add_library (&download, queue, category, &exit_code))
    {
      g_source_remove (sigint_id);
      return exit_code;
    }

  download.queue = queue;
  g_signal_connect (queue, "notify::n-notes-finished", G_CALLBACK (notes_finished_cb), &download);
  g_signal_connect (queue, "finished", G_CALLBACK (finished_cb), &download);
  g_signal_connect (queue, "notify::waiting", G_CALLBACK (waiting_cb), &download);
  if (download.tty)
    download.progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, progress_cb, &download);

  hs_download_queue_start (queue);
  if (hs_download_queue_get_state (queue) != HS_DOWNLOAD_QUEUE_FINISHED)
    g_main_loop_run (loop);
  else
    report_finished (&download);

  g_clear_handle_id (&download.progress_id, g_source_remove);
  g_source_remove (sigint_id);
  clear_line (&download);
  g_signal_handlers_disconnect_by_data (queue, &download);

  /* TRANSLATORS: the summary of a batch download */
  printf (_("%u notes: %u files saved, %u already there, %u failed, %u notes failed\n"),
          hs_download_queue_get_n_notes (queue), hs_download_queue_get_n_saved (queue),
          hs_download_queue_get_n_skipped (queue), hs_download_queue_get_n_failed (queue),
          hs_download_queue_get_n_notes_failed (queue));
  fflush (stdout);

  if (download.interrupted)
    return 130;
  if (bad_input)
    return 2;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (queue)); i++)
    {
      g_autoptr(HsDownloadItem) item = g_list_model_get_item (G_LIST_MODEL (queue), i);
      const GError *item_error = hs_download_item_get_error (item);

      if (item_error != NULL)
        return hs_error_exit_code (item_error);
    }

  return 0;
}
