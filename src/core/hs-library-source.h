#pragma once

#include "hs-library.h"
#include "hs-note-source.h"

G_BEGIN_DECLS

#define HS_TYPE_LIBRARY_SOURCE (hs_library_source_get_type ())

G_DECLARE_FINAL_TYPE (HsLibrarySource, hs_library_source, HS, LIBRARY_SOURCE, GObject)

/* The library as a note source ("library"): notes come from the local
 * database, without the network; search is the library's full-text
 * search, a tag search its tag filter. @library must be open. */
HsLibrarySource *hs_library_source_new         (HsLibrary       *library);
HsLibrary       *hs_library_source_get_library (HsLibrarySource *self);

G_END_DECLS
