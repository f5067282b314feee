#pragma once

#include "hs-library.h"
#include "hs-media-loader.h"
#include "hs-note-source.h"

G_BEGIN_DECLS

#define HS_TYPE_LIBRARY_SOURCE (hs_library_source_get_type ())

G_DECLARE_FINAL_TYPE (HsLibrarySource, hs_library_source, HS, LIBRARY_SOURCE, GObject)

/* The library as a note source ("library"): notes come from the local
 * database, without the network; search is the library's full-text
 * search, a tag search its tag filter. @library must be open. */
HsLibrarySource *hs_library_source_new         (HsLibrary       *library);
/* A source whose searches stay within @scope (its filter, tag, category,
 * author; text, limit and offset are ignored): the Library view's
 * sections. Within a scope an empty keyword lists every note of it, most
 * recently opened first. */
HsLibrarySource *hs_library_source_new_for_scope (HsLibrary          *library,
                                                  const HsLibraryQuery *scope);

/* (nullable): each note got from the library hands its saved media to
 * @loader first (hs_media_loader_add_local_files()), so that its
 * pictures and videos show without the network. */
void             hs_library_source_set_media_loader (HsLibrarySource *self,
                                                     HsMediaLoader   *loader);

G_END_DECLS
