#pragma once

#include <gio/gio.h>

#include "hs-library-item.h"
#include "hs-note.h"

G_BEGIN_DECLS

/* The local library (issue 11): every note opened (history) and every note
 * saved with its media, in SQLite under $XDG_DATA_HOME/hongshu/
 * (library.db, WAL, a busy timeout so the app and hongshu-cli share it;
 * media/ holds saved media named by the SHA-256 of their bytes).
 *
 * Each call has a blocking form (`_sync`, for the CLI and worker
 * threads) and the app uses the `_async` forms, which run the same work
 * on a worker thread: one connection, guarded by a mutex, so calls run
 * one at a time in the order they were made. Errors are HS_ERROR codes:
 * HS_ERROR_NOT_FOUND for a note that is not there, HS_ERROR_FAILED for
 * the database. */

#define HS_TYPE_LIBRARY (hs_library_get_type ())

G_DECLARE_FINAL_TYPE (HsLibrary, hs_library, HS, LIBRARY, GObject)

/* The schema this build writes (PRAGMA user_version). Version 1 was the
 * first: notes only, no search, tags or media; it is migrated on open. */
#define HS_LIBRARY_SCHEMA_VERSION 2

typedef enum
{
  HS_LIBRARY_FILTER_ALL,
  HS_LIBRARY_FILTER_SAVED,
  HS_LIBRARY_FILTER_HISTORY,   /* opened, not saved */
} HsLibraryFilter;

/* What to list. Every field is optional (NULL / 0); they all apply. With
 * @text the notes come best match first with a snippet, else most
 * recently opened first. */
typedef struct
{
  const char      *text;       /* full-text: words all present, any order */
  const char      *tag;
  const char      *category;
  const char      *author;     /* user id or nickname, exactly */
  HsLibraryFilter  filter;
  gint64           since;      /* published at or after, Unix seconds */
  gint64           until;      /* published before */
  guint            limit;      /* 0: no limit */
  guint            offset;
} HsLibraryQuery;

typedef struct
{
  char  *tag;
  guint  count;
} HsLibraryTagCount;

typedef struct
{
  char   *name;
  GStrv   tags;
  guint   n_notes;   /* notes with at least one of the tags */
} HsLibraryCategory;

void hs_library_tag_count_free (HsLibraryTagCount *count);
void hs_library_category_free  (HsLibraryCategory *category);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsLibraryTagCount, hs_library_tag_count_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsLibraryCategory, hs_library_category_free)

/* @data_dir: (nullable): where library.db and media/ live;
 * NULL for g_get_user_data_dir()/hongshu. Nothing is opened yet. */
HsLibrary  *hs_library_new                (const char      *data_dir);
/* Signal "categories-changed" (no arguments): a category was added,
 * changed or removed through this object. Emitted in the main context
 * that was the thread's default when the object was made, after the
 * change is committed, whichever thread made it. Another process's
 * changes go unseen. */
/* Opens (creating, migrating) the database. A file that is not a
 * database or is damaged is moved aside and a fresh one created: then
 * hs_library_get_recovery_message() says so. */
gboolean    hs_library_open_sync          (HsLibrary       *self,
                                           GCancellable    *cancellable,
                                           GError         **error);
void        hs_library_open_async         (HsLibrary       *self,
                                           GCancellable    *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer         user_data);
gboolean    hs_library_open_finish        (HsLibrary       *self,
                                           GAsyncResult    *result,
                                           GError         **error);
/* (nullable): translated, for the person, after a damaged file was moved aside. */
const char *hs_library_get_recovery_message (HsLibrary     *self);
/* Closes the database; later calls fail. Also done on finalize. */
void        hs_library_close              (HsLibrary       *self);

/* What hs_library_write_*() does with a note. */
typedef enum
{
  /* Records it as opened now. A saved note stays saved and keeps its
   * media; its text is replaced. */
  HS_LIBRARY_WRITE_RECORD,
  /* Saves it with its media: the bytes are written as content-addressed
   * files first, then the note and its media list in one transaction, so
   * a crash leaves either the old state or the new one. Media the note
   * no longer uses are removed. */
  HS_LIBRARY_WRITE_SAVE,
} HsLibraryWriteKind;

/* Records or saves (@kind) @note from @source (a note source id) and
 * @link (nullable, kept with its query string). @media: (nullable): with
 * HS_LIBRARY_WRITE_SAVE, URL → GBytes of that URL's body; NULL to record. */
gboolean    hs_library_write_sync         (HsLibrary       *self,
                                           HsLibraryWriteKind kind,
                                           HsNote          *note,
                                           const char      *source,
                                           const char      *link,
                                           GHashTable      *media,
                                           GCancellable    *cancellable,
                                           GError         **error);
void        hs_library_write_async        (HsLibrary       *self,
                                           HsLibraryWriteKind kind,
                                           HsNote          *note,
                                           const char      *source,
                                           const char      *link,
                                           GHashTable      *media,
                                           GCancellable    *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer         user_data);
gboolean    hs_library_write_finish       (HsLibrary       *self,
                                           GAsyncResult    *result,
                                           GError         **error);

/* Returns: (transfer full): the item, or NULL with HS_ERROR_NOT_FOUND */
HsLibraryItem *hs_library_get_sync        (HsLibrary       *self,
                                           const char      *note_id,
                                           GCancellable    *cancellable,
                                           GError         **error);
void        hs_library_get_async          (HsLibrary       *self,
                                           const char      *note_id,
                                           GCancellable    *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer         user_data);
HsLibraryItem *hs_library_get_finish      (HsLibrary       *self,
                                           GAsyncResult    *result,
                                           GError         **error);

/* Returns: (transfer full) (element-type HsLibraryItem): the notes @query
 * selects; a text with no searchable word selects none. */
GPtrArray  *hs_library_query_sync         (HsLibrary       *self,
                                           const HsLibraryQuery *query,
                                           GCancellable    *cancellable,
                                           GError         **error);
/* @query is copied. */
void        hs_library_query_async        (HsLibrary       *self,
                                           const HsLibraryQuery *query,
                                           GCancellable    *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer         user_data);
GPtrArray  *hs_library_query_finish       (HsLibrary       *self,
                                           GAsyncResult    *result,
                                           GError         **error);

/* Removes notes (and media no other note uses). Ids not in the library
 * are ignored. Returns: FALSE on a database error. @n_removed: (out) (optional) */
gboolean    hs_library_remove_sync        (HsLibrary       *self,
                                           const char * const *note_ids,
                                           guint           *n_removed,
                                           GCancellable    *cancellable,
                                           GError         **error);
void        hs_library_remove_async       (HsLibrary       *self,
                                           const char * const *note_ids,
                                           GCancellable    *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer         user_data);
gboolean    hs_library_remove_finish      (HsLibrary       *self,
                                           GAsyncResult    *result,
                                           GError         **error);
/* Removes every note that is not saved. */
gboolean    hs_library_clear_history_sync (HsLibrary       *self,
                                           GCancellable    *cancellable,
                                           GError         **error);

/* The saved media of a note: URL → GFile of its bytes.
 * Returns: (transfer full): possibly empty */
GHashTable *hs_library_get_media_sync     (HsLibrary       *self,
                                           const char      *note_id,
                                           GCancellable    *cancellable,
                                           GError         **error);
/* The file the bytes with this SHA-256 (hex) are kept in. */
GFile      *hs_library_get_media_file     (HsLibrary       *self,
                                           const char      *sha256);

/* Tags. Returns: (transfer full) (element-type HsLibraryTagCount): every
 * tag with its number of notes, most used first. */
GPtrArray  *hs_library_tags_sync          (HsLibrary       *self,
                                           GCancellable    *cancellable,
                                           GError         **error);
/* The tags on notes that also carry @tag, with the number of such notes. */
GPtrArray  *hs_library_related_tags_sync  (HsLibrary       *self,
                                           const char      *tag,
                                           GCancellable    *cancellable,
                                           GError         **error);

/* Categories: named groups of tags. Returns: (element-type HsLibraryCategory) */
GPtrArray  *hs_library_categories_sync    (HsLibrary       *self,
                                           GCancellable    *cancellable,
                                           GError         **error);
/* Adds @tags to category @name (creating it). */
gboolean    hs_library_category_add_sync  (HsLibrary       *self,
                                           const char      *name,
                                           const char * const *tags,
                                           GCancellable    *cancellable,
                                           GError         **error);
/* Removes @tags from @name, or the whole category when @tags is NULL or
 * empty. HS_ERROR_NOT_FOUND when there is no such category. */
gboolean    hs_library_category_remove_sync (HsLibrary     *self,
                                           const char      *name,
                                           const char * const *tags,
                                           GCancellable    *cancellable,
                                           GError         **error);
/* Groups of tags that often go together, each named after its most used
 * tag, none of them a category yet. (element-type HsLibraryCategory) */
GPtrArray  *hs_library_suggest_categories_sync (HsLibrary  *self,
                                           GCancellable    *cancellable,
                                           GError         **error);
/* The categories @note_id belongs to. Returns: (transfer full) */
GStrv       hs_library_note_categories_sync (HsLibrary     *self,
                                           const char      *note_id,
                                           GCancellable    *cancellable,
                                           GError         **error);

/* The query string FTS5 gets for what a person typed: each word quoted
 * (so no character is FTS5 syntax), all of them required. NULL when
 * nothing in @text can be searched. */
char       *hs_library_build_match        (const char      *text);

G_END_DECLS
