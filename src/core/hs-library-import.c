#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hs-library-export.h"
#include "hs-library-internal.h"
#include "hs-note-json.h"
#include "hs-note-parser.h"

/* Import of JSON lines in the normalised form.
 *
 * Two threads: a reader parses each line into a note and its normalised
 * JSON while the caller's thread writes the previous ones into SQLite
 * (the search index costs most). Parsing is a third of the work, so on
 * two cores an import takes two thirds of the time it took in one
 * thread. Lines go over in chunks of CHUNK_LINES, at most QUEUE_DEPTH
 * chunks ahead: one hand-over a line woke a thread per line, and on a
 * busy machine each wake-up waits for a processor (a 100 000-line import
 * took 73 s instead of 40 in one thread).
 *
 * The notes are committed every HS_LIBRARY_IMPORT_BATCH notes: another
 * process (the app recording a note just opened) gets the write lock in
 * between instead of waiting for the whole import, and a crash keeps the
 * batches committed before it. Not one transaction per line: FTS5
 * writes its pending index to disk at every commit and savepoint, which
 * made a 100 000-line import ten times slower. */

#define CHUNK_LINES    256
#define QUEUE_DEPTH    4
#define PROGRESS_EVERY 500

void
hs_library_import_report_clear (HsLibraryImportReport *report)
{
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  report->n_lines = 0;
  report->n_imported = 0;
}

void
hs_library_set_import_batch (HsLibrary *self,
                             guint      n_lines)
{
  g_return_if_fail (HS_IS_LIBRARY (self));
  g_return_if_fail (n_lines > 0);
  self->import_batch = n_lines;
}

/* One line, as the reader hands it over. */
typedef struct
{
  guint    number;
  HsNote  *note;      /* NULL: a blank line, a line that is no note, or the end */
  char    *json;
  char    *problem;   /* why the line is no note */
  GError  *error;     /* the file could not be read further: the end */
  gboolean end;
} ParsedLine;

static void
parsed_line_free (ParsedLine *line)
{
  g_clear_object (&line->note);
  g_free (line->json);
  g_free (line->problem);
  g_clear_error (&line->error);
  g_free (line);
}

typedef struct
{
  GDataInputStream *input;
  GCancellable     *cancellable;
  GAsyncQueue      *parsed;    /* GPtrArray of ParsedLine, in the order of the file */
  GAsyncQueue      *slots;     /* QUEUE_DEPTH tokens: the reader takes one per chunk */
  int               stop;      /* atomic: the writer gave up */
} Reader;

static ParsedLine *
parse_line (char  *text,
            gsize  length)
{
  ParsedLine *line = g_new0 (ParsedLine, 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_strstrip (text);
  if (*text == '\0')
    {
      g_free (text);
      return line;
    }
  length = strlen (text);
  bytes = g_bytes_new_take (text, length);
  line->note = hs_note_parser_parse_normalised (bytes, NULL, &error);
  if (line->note != NULL)
    line->json = hs_note_to_json (line->note);
  else
    line->problem = g_strdup (error->message);
  return line;
}

static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;
  guint number = 0;
  gboolean end = FALSE;

  while (!end)
    {
      GPtrArray *chunk;

      g_async_queue_pop (reader->slots);
      if (g_atomic_int_get (&reader->stop))
        break;

      chunk = g_ptr_array_new_full (CHUNK_LINES + 1, (GDestroyNotify) parsed_line_free);
      while (chunk->len < CHUNK_LINES)
        {
          gsize length = 0;
          GError *error = NULL;
          char *text = g_data_input_stream_read_line (reader->input, &length, reader->cancellable, &error);
          ParsedLine *line;

          if (text == NULL)
            {
              line = g_new0 (ParsedLine, 1);
              line->end = TRUE;
              line->error = error;
              g_ptr_array_add (chunk, line);
              end = TRUE;
              break;
            }
          line = parse_line (text, length);
          line->number = ++number;
          g_ptr_array_add (chunk, line);
        }
      g_async_queue_push (reader->parsed, chunk);
    }

  return NULL;
}

/* The writer's side: the next line, which the current chunk owns. */
typedef struct
{
  Reader    *reader;
  GPtrArray *chunk;
  guint      next;
} Lines;

static ParsedLine *
lines_next (Lines *lines)
{
  if (lines->chunk == NULL || lines->next == lines->chunk->len)
    {
      g_clear_pointer (&lines->chunk, g_ptr_array_unref);
      lines->chunk = g_async_queue_pop (lines->reader->parsed);
      lines->next = 0;
      g_async_queue_push (lines->reader->slots, GINT_TO_POINTER (1));
    }
  return g_ptr_array_index (lines->chunk, lines->next++);
}

static void
add_problem (HsLibraryImportReport *report,
             guint                  line,
             const char            *message)
{
  /* TRANSLATORS: a line number of an imported file, and what is wrong with it */
  g_ptr_array_add (report->problems, g_strdup_printf (_("line %u: %s"), line, message));
}

/* Writes what the reader parsed, committing every batch. Returns FALSE
 * when the import stops: a read or database error, @cancellable. */
static gboolean
write_lines (HsLibrary              *self,
             Reader                 *reader,
             HsLibraryImportReport  *report,
             HsLibraryProgressFunc   progress,
             gpointer                progress_data,
             GCancellable           *cancellable,
             GError                **error)
{
  g_autoptr(GPtrArray) chunk = NULL;
  Lines lines = { reader, NULL, 0 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean ok = FALSE;
  guint n_in_batch = 0;
  guint n_committed = report->n_imported;
  gboolean in_transaction = FALSE;

  for (;;)
    {
      ParsedLine *line = lines_next (&lines);

      if (line->end)
        {
          if (line->error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&line->error));
              break;
            }
          if (in_transaction && !hs_library_exec (self, "COMMIT", error))
            break;
          in_transaction = FALSE;
          ok = TRUE;
          break;
        }

      report->n_lines = line->number;
      if (progress != NULL && line->number % PROGRESS_EVERY == 0)
        progress (line->number, 0, progress_data);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      if (line->problem != NULL)
        add_problem (report, line->number, line->problem);
      if (line->note == NULL)
        continue;

      if (!in_transaction && !hs_library_exec (self, "BEGIN IMMEDIATE", error))
        break;
      in_transaction = TRUE;
      /* A database error (disk full) stops the import and undoes its batch. */
      if (!hs_library_put_note_locked (self, line->note, line->json, "import", NULL, TRUE, now, NULL, error))
        break;
      report->n_imported++;

      if (++n_in_batch == self->import_batch)
        {
          if (!hs_library_exec (self, "COMMIT", error))
            break;
          in_transaction = FALSE;
          n_in_batch = 0;
          n_committed = report->n_imported;
        }
    }

  chunk = g_steal_pointer (&lines.chunk);
  if (ok)
    return TRUE;
  if (in_transaction)
    hs_library_exec (self, "ROLLBACK", NULL);
  report->n_imported = n_committed;
  return FALSE;
}

gboolean
hs_library_import_sync (HsLibrary              *self,
                        GFile                  *file,
                        HsLibraryImportReport  *report,
                        HsLibraryProgressFunc   progress,
                        gpointer                progress_data,
                        GCancellable           *cancellable,
                        GError                **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autoptr(GAsyncQueue) parsed = NULL;
  g_autoptr(GAsyncQueue) slots = NULL;
  g_autoptr(GError) optimize_error = NULL;
  Reader reader = { 0 };
  GThread *thread;
  gboolean ok;

  g_return_val_if_fail (HS_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  report->n_lines = 0;
  report->n_imported = 0;
  if (report->problems == NULL)
    report->problems = g_ptr_array_new_with_free_func (g_free);

  input = g_file_read (file, cancellable, error);
  if (input == NULL)
    return FALSE;
  data = g_data_input_stream_new (G_INPUT_STREAM (input));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (data), 256 * 1024);

  if (hs_library_lock (self, error) == NULL)
    return FALSE;

  parsed = g_async_queue_new_full ((GDestroyNotify) g_ptr_array_unref);
  slots = g_async_queue_new ();
  for (guint i = 0; i < QUEUE_DEPTH; i++)
    g_async_queue_push (slots, GINT_TO_POINTER (1));
  reader.input = data;
  reader.cancellable = cancellable;
  reader.parsed = parsed;
  reader.slots = slots;
  thread = g_thread_new ("hs-library-import", reader_thread, &reader);

  ok = write_lines (self, &reader, report, progress, progress_data, cancellable, error);

  /* The reader ends at the end of the file; when the writer stopped
   * first, it is told to stop and given a slot to see it. */
  if (!ok)
    {
      g_atomic_int_set (&reader.stop, 1);
      g_async_queue_push (slots, GINT_TO_POINTER (1));
    }
  g_thread_join (thread);

  /* A big import leaves the search index in many segments, each of which
   * every search looks a word up in: merged into one, a one-character
   * search over 100 000 notes took 20 ms instead of 31, for one second
   * of work here. A failure leaves the index as it was, still whole. */
  if (ok && report->n_imported >= self->import_batch &&
      !hs_library_exec (self, "INSERT INTO notes_fts (notes_fts) VALUES ('optimize')", &optimize_error))
    g_warning ("Cannot merge the library's search index: %s", optimize_error->message);

  hs_library_unlock (self);
  return ok;
}
