#pragma once

#include <sqlite3.h>

#include "hs-library-private.h"

G_BEGIN_DECLS

/* The instance and what the files of HsLibrary call across:
 * hs-library.c (the object, the connection, threads), hs-library-schema.c
 * (tables, migrations), hs-library-write.c (record, save, remove),
 * hs-library-read.c (get, list, search), hs-library-media.c (saved media
 * files), hs-library-tags.c (tags, categories), hs-library-browse.c (saved
 * ids), hs-library-import.c and hs-library-export.c. Only they include it. */

struct _HsLibrary
{
  GObject     parent_instance;

  char       *data_dir;
  char       *db_path;
  char       *media_dir;
  char       *recovery_message;

  /* One connection, used by one thread at a time. */
  GMutex      lock;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text (static) → sqlite3_stmt */

  guint       import_batch; /* lines an import commits at once */
  GMainContext *main_context; /* where signals are emitted */
};

gboolean  hs_library_exec_on         (sqlite3         *db,
                                      const char      *sql,
                                      GError         **error);
/* Binds @text, or NULL when @text is NULL. */
void      hs_library_bind_text       (sqlite3_stmt    *statement,
                                      int              index,
                                      const char      *text);

/* Steps @statement, which returns no rows, to its end; on a database
 * error sets @error. */
gboolean  hs_library_step_done       (HsLibrary       *self,
                                      sqlite3_stmt    *statement,
                                      GError         **error);
/* Runs the cached statement @sql with @num as ?1, to its end. */
gboolean  hs_library_run_for_row     (HsLibrary       *self,
                                      const char      *sql,
                                      gint64           num,
                                      GError         **error);

/* Called for each row of hs_library_select_locked(). */
typedef void (*HsLibraryRowFunc) (sqlite3_stmt *statement,
                                  gpointer      user_data);
/* Runs the cached statement @sql with @param (nullable) as ?1 and calls
 * @func on each row. */
gboolean  hs_library_select_locked   (HsLibrary       *self,
                                      const char      *sql,
                                      const char      *param,
                                      HsLibraryRowFunc func,
                                      gpointer         user_data,
                                      GError         **error);
/* The same, taking the lock (and failing when @cancellable is). */
gboolean  hs_library_select          (HsLibrary       *self,
                                      const char      *sql,
                                      const char      *param,
                                      HsLibraryRowFunc func,
                                      gpointer         user_data,
                                      GCancellable    *cancellable,
                                      GError         **error);

/* hs-library-schema.c */
int       hs_library_user_version    (sqlite3         *db,
                                      int             *version);
/* Brings the schema to HS_LIBRARY_SCHEMA_VERSION in one transaction. */
gboolean  hs_library_prepare_schema  (HsLibrary       *self,
                                      GError         **error);

/* hs-library-write.c */
HsNote   *hs_library_note_from_json  (const char      *json,
                                      int              length,
                                      GError         **error);
gint64    hs_library_publish_seconds (HsNote          *note);
/* Fills the derived tables (search index, tags) of note @num. */
gboolean  hs_library_index_note      (HsLibrary       *self,
                                      gint64           num,
                                      HsNote          *note,
                                      gboolean         is_new,
                                      GError         **error);

/* hs-library-media.c */
/* Writes each URL → GBytes of @media (nullable) as a content-addressed
 * file. Returns: (transfer full): URL → SHA-256, or NULL with @error. */
GHashTable *hs_library_store_media_files (HsLibrary   *self,
                                          GHashTable  *media,
                                          GError     **error);
/* Within a transaction: the media list of note @num becomes @note's
 * media found in @hashes (URL → SHA-256; @media: URL → GBytes). */
gboolean  hs_library_put_media_locked (HsLibrary      *self,
                                       gint64          num,
                                       HsNote         *note,
                                       GHashTable     *hashes,
                                       GHashTable     *media,
                                       GError        **error);
/* Within a transaction: forgets media rows nothing refers to, collecting
 * their hashes into @unused. */
gboolean  hs_library_drop_unused_media (HsLibrary     *self,
                                        GPtrArray     *unused,
                                        GError       **error);
/* After the commit: deletes the files of @hashes. */
void      hs_library_delete_media_files (HsLibrary    *self,
                                         GPtrArray    *hashes);

G_END_DECLS
