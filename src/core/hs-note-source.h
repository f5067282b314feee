#pragma once

#include <gio/gio.h>

#include "hs-config.h"
#include "hs-note.h"
#include "hs-note-ref.h"
#include "hs-search-page.h"

G_BEGIN_DECLS

/* Where notes come from. The open-platform API (HsClient), the website
 * and, later, the offline library each implement this interface; the
 * window and the CLI pick one source in one place
 * (hs_note_source_for_config()) and talk to it only through these calls.
 *
 * A source is used from the main thread. Every call takes a GCancellable;
 * a cancelled call fails with G_IO_ERROR_CANCELLED. Other errors are
 * HS_ERROR codes (doc/api-protocol.md §3). How to write a new
 * source is in HACKING.md, "How to add a note source". */

#define HS_TYPE_NOTE_SOURCE (hs_note_source_get_type ())

G_DECLARE_INTERFACE (HsNoteSource, hs_note_source, HS, NOTE_SOURCE, GObject)

/* HsClient implements this interface; hs-client.h includes this header. */
typedef struct _HsClient HsClient;

/* What a source can do, and what it needs before it can. A caller greys
 * out what is missing instead of asking and failing. */
typedef enum
{
  HS_NOTE_SOURCE_NONE               = 0,
  /* search_async() by keyword works. */
  HS_NOTE_SOURCE_CAN_SEARCH         = 1 << 0,
  /* search_async() with @is_tag works. */
  HS_NOTE_SOURCE_CAN_SEARCH_TAGS    = 1 << 1,
  /* get_note() follows xhslink short links itself. */
  HS_NOTE_SOURCE_CAN_RESOLVE_SHORT  = 1 << 2,
  /* Needs an access token (the open-platform API). */
  HS_NOTE_SOURCE_NEEDS_TOKEN        = 1 << 3,
  /* Needs a signed-in session (the website's cookie). */
  HS_NOTE_SOURCE_NEEDS_SIGN_IN      = 1 << 4,
  /* Needs the link's query string (xsec_token): a bare id may fail. */
  HS_NOTE_SOURCE_NEEDS_LINK_TOKEN   = 1 << 5,
  /* Works without the network (the library). */
  HS_NOTE_SOURCE_OFFLINE            = 1 << 6,
} HsNoteSourceCapabilities;

struct _HsNoteSourceInterface
{
  GTypeInterface parent_iface;

  /* Required. The id, and the name for people, untranslated but marked
   * for xgettext (hs_note_source_get_display_name() translates it). */
  const char                *id;
  const char                *display_name;
  HsNoteSourceCapabilities  (*get_capabilities) (HsNoteSource         *self);
  /* Fetches the note hs_note_source_call_get (@task)->resolved names and returns it
   * as @task's pointer (or an error). @task is made by hs_note_source_get_note_async(),
   * which holds it only for the call: take a reference for what continues later. */
  void                      (*get_note)         (HsNoteSource         *self,
                                                 GTask                *task);
  /* The default hands out the note, the call's reference and its warnings. */
  HsNote                   *(*get_note_finish)  (HsNoteSource         *self,
                                                 GAsyncResult         *result,
                                                 HsNoteRef           **resolved,
                                                 GPtrArray           **warnings,
                                                 GError              **error);

  /* Optional: without search_async (NULL, the default) a search fails
   * with G_IO_ERROR_NOT_SUPPORTED. A source that implements it sets
   * HS_NOTE_SOURCE_CAN_SEARCH; without search_finish, the search's GTask
   * returns the HsSearchPage as its pointer. */
  void                      (*search_async)     (HsNoteSource         *self,
                                                 const char           *keyword,
                                                 gboolean              is_tag,
                                                 int                   page,
                                                 int                   size,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
  HsSearchPage             *(*search_finish)    (HsNoteSource         *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

  gpointer padding[8];
};

/* A short stable id ("api", "web", "library"): the value of the
 * `note-source` setting and what history records as a note's origin. */
const char               *hs_note_source_get_id           (HsNoteSource         *self);
/* Translated, for the person ("Open platform API"). */
const char               *hs_note_source_get_display_name (HsNoteSource         *self);
HsNoteSourceCapabilities  hs_note_source_get_capabilities (HsNoteSource         *self);
gboolean                  hs_note_source_can              (HsNoteSource         *self,
                                                           HsNoteSourceCapabilities capabilities);

/* The note @ref names. A short link is followed first when the source can
 * (HS_NOTE_SOURCE_CAN_RESOLVE_SHORT), else the call fails with
 * G_IO_ERROR_NOT_SUPPORTED. */
void                      hs_note_source_get_note_async   (HsNoteSource         *self,
                                                           HsNoteRef            *ref,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
/* @resolved: (out) (optional) (transfer full): the reference the note was
 * fetched for, with its note id set: @ref itself, or for a short link the
 * note link it led to (query string kept).
 * @warnings: (out) (optional) (transfer full): the parser's warnings
 * (char *), never NULL on success when asked for. */
HsNote                   *hs_note_source_get_note_finish  (HsNoteSource         *self,
                                                           GAsyncResult         *result,
                                                           HsNoteRef           **resolved,
                                                           GPtrArray           **warnings,
                                                           GError              **error);

/* @page from 1, @size from 1 (a source may cap it); @is_tag searches by
 * tag. Fails with G_IO_ERROR_NOT_SUPPORTED when the source cannot. */
void                      hs_note_source_search_async     (HsNoteSource         *self,
                                                           const char           *keyword,
                                                           gboolean              is_tag,
                                                           int                   page,
                                                           int                   size,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
HsSearchPage             *hs_note_source_search_finish    (HsNoteSource         *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

/* For implementations of get_note(): the state of one get-note, the task data of its
 * GTask. */
typedef struct
{
  /* The reference asked for; a source that follows a short link puts the
   * note link it led to here (hs_note_source_call_set_resolved()). */
  HsNoteRef      *resolved;
  /* The parser's warnings (char *), NULL for none. */
  GPtrArray      *warnings;
  /* The source's own state for the call, freed with @data_free. */
  gpointer        data;
  GDestroyNotify  data_free;
} HsNoteSourceCall;

HsNoteSourceCall         *hs_note_source_call_get         (GTask                *task);
/* @resolved: (transfer full): replaces the reference of the call. */
void                      hs_note_source_call_set_resolved (GTask               *task,
                                                            HsNoteRef           *resolved);

/* The `note-source` setting of @config's GSettings: "api", "web" or
 * "auto" (also without installed settings).
 * Returns: (transfer full): the name. */
char                     *hs_note_source_dup_setting      (HsConfig             *config);

/* The one place where Hongshu picks its note source, for the window and
 * the CLI alike: the `note-source` setting of @config's GSettings ("api",
 * "web", or "auto": the API when @api_client has an access token, else
 * @web_source). Without @web_source, the API.
 * Returns: (transfer full): the source. */
HsNoteSource             *hs_note_source_for_config       (HsConfig             *config,
                                                           HsClient             *api_client,
                                                           HsNoteSource         *web_source);

G_END_DECLS
