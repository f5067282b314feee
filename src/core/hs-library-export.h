#pragma once

#include <gio/gio.h>

#include "hs-library.h"

G_BEGIN_DECLS

typedef enum
{
  HS_LIBRARY_EXPORT_JSON,       /* DIR/notes.jsonl: the normalised form, one note a line */
  HS_LIBRARY_EXPORT_MARKDOWN,   /* DIR/NOTE_ID/note.md with front matter, and the saved media */
} HsLibraryExportFormat;

/* Called on the thread doing the work, every so many notes or lines;
 * @total is 0 when unknown (an import). */
typedef void (*HsLibraryProgressFunc) (guint    done,
                                       guint    total,
                                       gpointer user_data);

/* Exports the notes @query selects (all of them: limit and offset are
 * ignored) into @dir, created when missing. A file of the same name is
 * replaced. @n_exported: (out) (optional) */
gboolean hs_library_export_sync   (HsLibrary             *self,
                                   const HsLibraryQuery  *query,
                                   HsLibraryExportFormat  format,
                                   const char            *dir,
                                   guint                 *n_exported,
                                   HsLibraryProgressFunc  progress,
                                   gpointer               progress_data,
                                   GCancellable          *cancellable,
                                   GError               **error);

typedef struct
{
  guint      n_lines;      /* lines read, blank ones included */
  guint      n_imported;
  GPtrArray *problems;     /* (element-type utf8): "line N: why", translated */
} HsLibraryImportReport;

void hs_library_import_report_clear (HsLibraryImportReport *report);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HsLibraryImportReport, hs_library_import_report_clear)

/* Imports JSON lines in the normalised form (what `hongshu-cli get --json`
 * and the JSON export write) as saved notes. A line that is not a note
 * is reported in @report with its number and skipped; the others are
 * committed every HS_LIBRARY_IMPORT_BATCH lines, so a crash, a cancel or
 * a database error keeps the batches committed before it and undoes the
 * rest (@report->n_imported counts what is kept). Returns FALSE only for
 * what stops the whole import: the file cannot be read, the database
 * fails, @cancellable. */
gboolean hs_library_import_sync   (HsLibrary             *self,
                                   GFile                 *file,
                                   HsLibraryImportReport *report,
                                   HsLibraryProgressFunc  progress,
                                   gpointer               progress_data,
                                   GCancellable          *cancellable,
                                   GError               **error);

/* The same on a worker thread; @progress is called on that thread. */
void     hs_library_export_async  (HsLibrary             *self,
                                   const HsLibraryQuery  *query,
                                   HsLibraryExportFormat  format,
                                   const char            *dir,
                                   HsLibraryProgressFunc  progress,
                                   gpointer               progress_data,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data);
gboolean hs_library_export_finish (HsLibrary             *self,
                                   GAsyncResult          *result,
                                   guint                 *n_exported,
                                   GError               **error);

G_END_DECLS
