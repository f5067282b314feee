#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>
#include <glib/gi18n.h>

#include "hs-cli-commands.h"
#include "hs-error.h"
#include "hs-note-json.h"
#include "hs-note-parser.h"
#include "hs-note-ref.h"

#define READ_CHUNK_SIZE (64 * 1024)

static GBytes *
read_stream (FILE    *stream,
             GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  /* One byte more than the parser accepts, so that it can tell a body that
   * is too big without this reading all of it. */
  const gsize limit = (gsize) HS_MAX_RESPONSE_BYTES + 1;

  while (data->len < limit)
    {
      gsize want = MIN (READ_CHUNK_SIZE, limit - data->len);
      guint old_length = data->len;
      size_t n_read;

      g_byte_array_set_size (data, old_length + (guint) want);
      n_read = fread (data->data + old_length, 1, want, stream);
      g_byte_array_set_size (data, old_length + (guint) n_read);

      if (n_read < want)
        {
          if (ferror (stream))
            {
              int saved_errno = errno;

              g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                                   g_strerror (saved_errno));
              return NULL;
            }
          break;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Returns: the input, or NULL after printing why it could not be read */
static GBytes *
read_input (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = NULL;
  GBytes *bytes;
  FILE *file;

  if (strcmp (path, "-") == 0)
    {
      bytes = read_stream (stdin, &error);
      if (bytes == NULL)
        hs_cli_print_error (_("cannot read standard input: %s"), error->message);
      return bytes;
    }

  display_name = g_filename_display_name (path);

  file = fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      hs_cli_print_error (_("cannot open “%s”: %s"), display_name, g_strerror (saved_errno));
      return NULL;
    }

  bytes = read_stream (file, &error);
  fclose (file);

  if (bytes == NULL)
    hs_cli_print_error (_("cannot read “%s”: %s"), display_name, error->message);

  return bytes;
}

static void
print_warnings (GPtrArray *warnings)
{
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    /* TRANSLATORS: printed after "hongshu-cli: "; %s is why a field was ignored */
    hs_cli_print_error (_("warning: %s"), (const char *) g_ptr_array_index (warnings, i));
}

int
hs_cli_parse_main (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *json = NULL;
  g_autofree char *note_id = NULL;
  gboolean search = FALSE;
  const GOptionEntry entries[] = {
    { "note-id", 0, 0, G_OPTION_ARG_STRING, &note_id,
      N_("Refuse the response unless it is for this note id"), N_("ID") },
    { "search", 0, 0, G_OPTION_ARG_NONE, &search,
      N_("Read a search response (doc/api-protocol.md §7) instead of a note"), NULL },
    { NULL }
  };

  /* The usage line then reads "hongshu-cli parse [OPTION…] FILE". */
  g_set_prgname ("hongshu-cli parse");

  context = g_option_context_new (_("FILE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Print the normalised JSON of an API response body read from FILE,\n"
                                  "or from standard input when FILE is “-”. Fields that had to be\n"
                                  "ignored are reported on standard error as warnings."));
  g_option_context_set_description (context, hs_cli_exit_status_help ());

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_set_prgname ("hongshu-cli");
      hs_cli_print_error ("%s", error->message);
      return 2;
    }
  g_set_prgname ("hongshu-cli");

  if (argc != 2)
    {
      hs_cli_print_error (argc < 2 ? _("parse: a FILE, or - for standard input, is needed")
                                   : _("parse: only one FILE is accepted"));
      return 2;
    }

  if (note_id != NULL && (search || !hs_note_id_is_valid (note_id)))
    {
      hs_cli_print_error (search ? _("parse: --note-id does not apply to --search")
                                 : _("parse: --note-id needs a note id of 24 hexadecimal digits"));
      return 2;
    }

  body = read_input (argv[1]);
  if (body == NULL)
    return 2;

  if (search)
    {
      g_autoptr(HsSearchPage) page = hs_note_parser_parse_search_response (body, &warnings, &error);

      if (page != NULL)
        json = hs_search_page_to_json (page);
    }
  else
    {
      g_autoptr(HsNote) note = hs_note_parser_parse_response (body, note_id, &warnings, &error);

      if (note != NULL)
        json = hs_note_to_json (note);
    }

  if (json == NULL)
    {
      hs_cli_print_error ("%s", error->message);
      return hs_error_exit_code (error);
    }

  print_warnings (warnings);

  /* Bytes as they are: g_print() would convert to a non-UTF-8 locale. */
  fputs (json, stdout);
  fputc ('\n', stdout);
  if (fflush (stdout) != 0)
    {
      hs_cli_print_error (_("cannot write the output: %s"), g_strerror (errno));
      return 1;
    }

  return 0;
}
