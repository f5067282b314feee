#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <glib.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "hs-author.h"
#include "hs-cli-client.h"
#include "hs-cli-commands.h"
#include "hs-client.h"
#include "hs-error.h"
#include "hs-format.h"
#include "hs-image.h"
#include "hs-location.h"
#include "hs-note-json.h"
#include "hs-note-ref.h"
#include "hs-plain-text.h"
#include "hs-video.h"
#include "hs-web-source.h"

/* Calls in flight at once. The client's rate limiter and libsoup's
 * connection limit do the real pacing; this only bounds how many notes wait
 * in memory for their turn to be printed, in the order of the references. */
#define MAX_IN_FLIGHT 16

typedef struct _Batch Batch;

typedef struct
{
  Batch   *batch;
  char    *ref;          /* as given, for messages */
  HsNoteRef *note_ref;   /* parsed from ref */
  gboolean done;
  HsNote  *note;
  char    *json;
  GPtrArray *warnings;
  GError  *error;
} Job;

struct _Batch
{
  HsNoteSource       *source;
  HsCliClientOptions *options;
  GCancellable       *cancellable;
  GMainLoop          *loop;
  gboolean            json;
  Job                *jobs;
  guint               n_jobs;
  guint               next_to_start;
  guint               next_to_print;
  guint               in_flight;
  int                 exit_code;
  gboolean            interrupted;
};

static void start_jobs (Batch *batch);

static void
print_line (const char *label,
            const char *value)
{
  /* TRANSLATORS: a label and its value in the summary of a note */
  hs_cli_print (_("  %s: %s\n"), label, value);
}

/* The terminal's width when standard output is one, else $COLUMNS, else 80. */
static guint
output_width (void)
{
  struct winsize size;
  const char *columns = g_getenv ("COLUMNS");
  guint64 value;

  if (isatty (STDOUT_FILENO) && ioctl (STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;
  if (columns != NULL && g_ascii_string_to_unsigned (columns, 10, 1, 10000, &value, NULL))
    return (guint) value;
  return 80;
}

/* The body as text, wrapped and indented like the lines above it. */
static void
print_body (HsNote *note)
{
  g_autofree char *text = hs_plain_text_from_html (hs_note_get_content (note));
  g_autofree char *wrapped = NULL;
  g_auto(GStrv) lines = NULL;
  const guint indent = 2;

  if (*text == '\0')
    return;

  wrapped = hs_plain_text_wrap (text, MAX (output_width (), 20 + indent) - indent);
  lines = g_strsplit (wrapped, "\n", -1);
  hs_cli_print ("\n");
  for (guint i = 0; lines[i] != NULL; i++)
    hs_cli_print ("%*s%s\n", *lines[i] != '\0' ? (int) indent : 0, "", lines[i]);
}

static void
print_summary (HsNote *note)
{
  HsAuthor *author = hs_note_get_author (note);
  GDateTime *time = hs_note_get_publish_time (note);
  HsLocation *location = hs_note_get_location (note);
  const char * const *tags = hs_note_get_tags (note);
  GListModel *images = hs_note_get_images (note);
  GListModel *videos = hs_note_get_videos (note);
  const char *title = hs_note_get_title (note);
  g_autofree char *likes = hs_format_count_long_full (hs_note_get_like_count (note),
                                                      hs_note_get_count_is_lower_bound (note, HS_COUNT_LIKES));
  g_autofree char *comments = hs_format_count_long_full (hs_note_get_comment_count (note),
                                                         hs_note_get_count_is_lower_bound (note, HS_COUNT_COMMENTS));
  g_autofree char *favorites = hs_format_count_long_full (hs_note_get_favorite_count (note),
                                                          hs_note_get_count_is_lower_bound (note, HS_COUNT_FAVORITES));
  g_autofree char *shares = hs_format_count_long_full (hs_note_get_share_count (note),
                                                       hs_note_get_count_is_lower_bound (note, HS_COUNT_SHARES));
  g_autofree char *counts = NULL;

  hs_cli_print ("%s\n", title != NULL && *title != '\0' ? title : _("(untitled)"));
  print_line (_("Note"), hs_note_get_note_id (note));

  if (author != NULL)
    {
      const char *nickname = hs_author_get_nickname (author);
      gint64 followers = hs_author_get_follower_count (author);
      g_autofree char *text = NULL;

      if (followers >= 0)
        {
          g_autofree char *followers_text =
            hs_format_count_long_full (followers, hs_author_get_follower_count_is_lower_bound (author));

          /* TRANSLATORS: an author's nickname and follower count */
          text = g_strdup_printf (ngettext ("%s (%s follower)", "%s (%s followers)",
                                            (gulong) MIN (followers, G_MAXLONG)),
                                  nickname != NULL ? nickname : _("unknown"), followers_text);
        }
      else
        text = g_strdup (nickname != NULL ? nickname : _("unknown"));
      print_line (_("Author"), text);
    }

  /* TRANSLATORS: likes, comments, favorites and shares of a note */
  counts = g_strdup_printf (_("%s likes · %s comments · %s favorites · %s shares"),
                            likes, comments, favorites, shares);
  print_line (_("Counts"), counts);

  if (tags[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) tags);
      print_line (_("Tags"), joined);
    }

  if (time != NULL)
    {
      g_autofree char *text = hs_format_time_absolute (time);
      print_line (_("Published"), text);
    }

  if (location != NULL)
    {
      const char *name = hs_location_get_name (location);
      g_autofree char *text = NULL;

      if (hs_location_has_coordinates (location))
        text = g_strdup_printf ("%s (%.4f, %.4f)", name != NULL ? name : "",
                                hs_location_get_latitude (location),
                                hs_location_get_longitude (location));
      else
        text = g_strdup (name != NULL ? name : _("unknown"));
      g_strstrip (text);
      print_line (_("Place"), text);
    }

  for (guint i = 0; i < g_list_model_get_n_items (images); i++)
    {
      g_autoptr(HsImage) image = g_list_model_get_item (images, i);
      print_line (_("Image"), hs_image_get_url (image));
    }
  for (guint i = 0; i < g_list_model_get_n_items (videos); i++)
    {
      g_autoptr(HsVideo) video = g_list_model_get_item (videos, i);
      print_line (_("Video"), hs_video_get_url (video));
      if (hs_video_get_cover_url (video) != NULL)
        print_line (_("Cover"), hs_video_get_cover_url (video));
    }

  print_body (note);
}

static void
print_finished_jobs (Batch *batch)
{
  while (batch->next_to_print < batch->n_jobs && batch->jobs[batch->next_to_print].done)
    {
      Job *job = &batch->jobs[batch->next_to_print++];

      for (guint i = 0; job->warnings != NULL && i < job->warnings->len; i++)
        /* TRANSLATORS: a reference as the user gave it, and a warning about its note */
        hs_cli_print_error (_("%s: warning: %s"), job->ref,
                            (const char *) g_ptr_array_index (job->warnings, i));

      if (job->json != NULL)
        {
          fputs (job->json, stdout);
          fputc ('\n', stdout);
          g_clear_pointer (&job->json, g_free);
        }
      else if (job->note != NULL)
        {
          if (batch->next_to_print > 1)
            fputc ('\n', stdout);
          print_summary (job->note);
        }
      else if (job->error != NULL)
        {
          /* stdout first, so that a reader of both sees the order. */
          fflush (stdout);
          /* TRANSLATORS: a reference as the user gave it, and why it failed */
          hs_cli_print_error (_("%s: %s"), job->ref, job->error->message);
          if (batch->exit_code == 0)
            batch->exit_code = hs_error_exit_code (job->error);
        }

      g_clear_object (&job->note);
    }
}

static void
job_done (Job *job)
{
  Batch *batch = job->batch;

  job->done = TRUE;
  batch->in_flight--;
  print_finished_jobs (batch);
  start_jobs (batch);

  if (batch->next_to_print == batch->n_jobs)
    g_main_loop_quit (batch->loop);
}

static void
get_note_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = user_data;

  job->note = hs_note_source_get_note_finish (HS_NOTE_SOURCE (object), result, NULL,
                                              &job->warnings, &job->error);
  /* Serialised at once: the note can go before its turn to be printed. */
  if (job->note != NULL && job->batch->json)
    {
      job->json = hs_note_to_json (job->note);
      g_clear_object (&job->note);
    }
  job_done (job);
}

static void
start_jobs (Batch *batch)
{
  while (batch->in_flight < MAX_IN_FLIGHT && batch->next_to_start < batch->n_jobs)
    {
      Job *job = &batch->jobs[batch->next_to_start++];

      if (job->done)
        continue;

      /* The source follows a short link itself. */
      batch->in_flight++;
      hs_note_source_get_note_async (batch->source, job->note_ref, batch->cancellable,
                                     get_note_cb, job);
    }
}

static void
waiting_cb (HsClient     *client,
            guint         seconds,
            const GError *reason,
            gpointer      user_data)
{
  static gint64 last_rate_limit_note = 0;
  gint64 now = g_get_monotonic_time ();

  /* A long batch queues many calls on the rate limiter, each announcing
   * its wait: one line every ten seconds tells the user enough. */
  if (g_error_matches (reason, HS_ERROR, HS_ERROR_RATE_LIMITED))
    {
      if (last_rate_limit_note != 0 && now - last_rate_limit_note < 10 * G_TIME_SPAN_SECOND)
        return;
      last_rate_limit_note = now;
    }

  hs_cli_client_waiting_cb (client, seconds, reason, user_data);
}

static gboolean
interrupt_cb (gpointer user_data)
{
  Batch *batch = user_data;

  batch->interrupted = TRUE;
  g_cancellable_cancel (batch->cancellable);
  return G_SOURCE_CONTINUE;
}

/* The `note-source` setting when the app is installed, else auto. */
static char *
default_source (void)
{
  g_autoptr(HsConfig) config = hs_config_new ();

  return hs_note_source_dup_setting (config);
}

static HsWebSource *
web_source_new (HsCliClientOptions *options,
                const char         *web_base_url,
                int                *exit_code)
{
  g_autoptr(HsConfig) config = hs_cli_client_config_new (options, exit_code);
  g_autoptr(HsWebSource) source = NULL;
  g_autoptr(GProxyResolver) resolver = NULL;
  g_autoptr(GError) error = NULL;

  if (config == NULL)
    return NULL;

  source = hs_web_source_new (config);
  if (!hs_web_source_apply_environment (source, &error))
    {
      hs_cli_print_error ("%s", error->message);
      *exit_code = 2;
      return NULL;
    }
  if (web_base_url != NULL && !hs_web_source_set_base_url (source, web_base_url, &error))
    {
      hs_cli_print_error ("--web-base-url: %s", error->message);
      *exit_code = 2;
      return NULL;
    }
  if (options->requests_per_minute > 0)
    hs_rate_limiter_set_max_calls (hs_web_source_get_rate_limiter (source),
                                   (guint) options->requests_per_minute);
  hs_web_source_set_short_link_base (source, options->short_link_base);

  resolver = hs_cli_client_proxy_resolver_new ();
  hs_web_source_set_proxy_resolver (source, resolver);

  return g_steal_pointer (&source);
}

int
hs_cli_get_main (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HsClient) client = NULL;
  g_autoptr(HsNoteSource) source = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_auto(GStrv) refs = NULL;
  g_autofree char *fields = NULL;
  g_auto(HsCliClientOptions) options = HS_CLI_CLIENT_OPTIONS_INIT;
  g_autofree char *source_name = NULL;
  g_autofree char *web_base_url = NULL;
  gboolean json = FALSE;
  Batch batch = { 0 };
  guint n_refs;
  guint sigint_id;
  int exit_code = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print each note as one line of normalised JSON"), NULL },
    { "fields", 0, 0, G_OPTION_ARG_STRING, &fields,
      N_("Ask only for these fields, e.g. title,content,images"), N_("LIST") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_name,
      N_("Where to read notes: auto (the API with an access token, else the website), web or api"),
      N_("SOURCE") },
    { "web-base-url", 0, 0, G_OPTION_ARG_STRING, &web_base_url,
      N_("Read note pages from this website (default: HONGSHU_WEB_BASE_URL, or https://www.xiaohongshu.com)"),
      N_("URL") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &refs, NULL, N_("REF…") },
    { NULL }
  };

  context = hs_cli_client_option_context_new ("hongshu-cli get",
                                              _("Fetch notes by id, link or the app’s share text, in the order given.\n"
                                                "The exit status is that of the first reference that failed."),
                                              entries, &options, TRUE);
  if (!hs_cli_client_parse_options (context, &argc, &argv))
    return 2;

  n_refs = refs != NULL ? g_strv_length (refs) : 0;
  if (n_refs == 0)
    {
      hs_cli_print_error (_("no note reference given: hongshu-cli get [OPTION…] REF…"));
      return 2;
    }

  /* An empty argument (an unset "$VAR") is a usage error, said in the CLI's words. */
  for (guint i = 0; i < n_refs; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (refs[i]));

      if (*stripped == '\0')
        {
          hs_cli_print_error (_("reference %u is empty: each REF must be a note id, a note link "
                                "or a share text"), i + 1);
          return 2;
        }
    }

  if (source_name == NULL)
    source_name = default_source ();
  if (g_strcmp0 (source_name, "auto") != 0 && g_strcmp0 (source_name, "web") != 0 &&
      g_strcmp0 (source_name, "api") != 0)
    {
      hs_cli_print_error (_("--source must be auto, web or api"));
      return 2;
    }

  /* Without an access token, auto reads the website: the API would only
   * refuse. */
  if (g_strcmp0 (source_name, "web") == 0 ||
      (g_strcmp0 (source_name, "auto") == 0 && !hs_cli_client_has_access_token (&options)))
    {
      source = HS_NOTE_SOURCE (web_source_new (&options, web_base_url, &exit_code));
      if (source == NULL)
        return exit_code;
    }
  else
    {
      client = hs_cli_client_new (&options, &exit_code);
      if (client == NULL)
        return exit_code;
      g_signal_connect (client, "waiting", G_CALLBACK (waiting_cb), NULL);
      source = hs_cli_client_pick_source (client);
      hs_client_set_note_fields (client, fields);
    }

  /* --fields is the API's own: a source without it says so once. */
  if (fields != NULL && !HS_IS_CLIENT (source))
    {
      hs_cli_print_error (_("--fields works with the open-platform API only"));
      return 2;
    }

  cancellable = g_cancellable_new ();
  loop = g_main_loop_new (NULL, FALSE);

  batch.source = source;
  batch.options = &options;
  batch.cancellable = cancellable;
  batch.loop = loop;
  batch.json = json;
  batch.n_jobs = n_refs;
  batch.jobs = g_new0 (Job, n_refs);

  for (guint i = 0; i < n_refs; i++)
    {
      Job *job = &batch.jobs[i];

      job->batch = &batch;
      job->ref = g_strdup (refs[i]);
      job->note_ref = hs_note_ref_new_from_text (refs[i], &job->error);
      if (job->note_ref == NULL)
        job->done = TRUE;
    }

  sigint_id = g_unix_signal_add (SIGINT, interrupt_cb, &batch);

  print_finished_jobs (&batch);
  start_jobs (&batch);
  if (batch.next_to_print < batch.n_jobs)
    g_main_loop_run (loop);

  g_source_remove (sigint_id);
  fflush (stdout);

  exit_code = batch.interrupted ? 130 : batch.exit_code;

  for (guint i = 0; i < n_refs; i++)
    {
      Job *job = &batch.jobs[i];

      g_free (job->ref);
      g_clear_pointer (&job->note_ref, hs_note_ref_unref);
      g_clear_object (&job->note);
      g_free (job->json);
      g_clear_pointer (&job->warnings, g_ptr_array_unref);
      g_clear_error (&job->error);
    }
  g_free (batch.jobs);

  return exit_code;
}
