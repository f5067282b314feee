#pragma once

#include <glib.h>

#include "hs-note.h"

G_BEGIN_DECLS

/* Folder and file names of batch downloads: a template expanded for a
 * note, and a sanitiser that makes any text a name every common
 * filesystem accepts (ext4, Btrfs, NTFS, FAT/exFAT on a USB stick, SMB). */

/* `{author} - {title} - {id}`. */
#define HS_DOWNLOAD_NAME_DEFAULT_TEMPLATE "{author} - {title} - {id}"
/* Bytes, not characters: ext4 and most others cap a name at 255 bytes;
 * the rest leaves room for " (99)" and the folder's own files. */
#define HS_DOWNLOAD_NAME_MAX_BYTES 180

/* @text as one safe file name of at most @max_bytes bytes:
 *   - invalid UTF-8 repaired; control characters (C0, DEL, C1) and runs of
 *     white space become one space;
 *   - `/ \ : * ? " < > |` become `_`;
 *   - no leading dots or spaces (no hidden files, no `.` or `..`), no
 *     trailing dots or spaces (Windows drops them);
 *   - a reserved Windows device name (CON, PRN, AUX, NUL, COM1–9,
 *     LPT1–9, with or without an extension) gets a `_` in front;
 *   - cut at a character boundary to @max_bytes;
 *   - never empty: "_" when nothing is left. */
char     *hs_download_name_sanitize          (const char  *text,
                                              gsize        max_bytes);

/* Fields: {id}, {title}, {author}, {author_id}, {date} (YYYY-MM-DD of
 * publication), {index} (the note's 1-based place in its batch). `{{`
 * and `}}` are literal braces. HS_ERROR_BAD_REQUEST for an unknown field,
 * an unclosed brace or no field at all. Two notes whose names come out
 * alike go to "NAME" and "NAME (2)": each folder's manifest says whose it
 * is. */
gboolean  hs_download_name_template_validate (const char  *name_template,
                                              GError     **error);
/* The folder name of @note: the template expanded and sanitised (the
 * template must be valid). An empty title becomes the first line of the
 * note's text, else "untitled". */
char     *hs_download_name_expand            (const char  *name_template,
                                              HsNote      *note,
                                              guint        index);
/* "NAME (N).EXT" for N ≥ 2: the name to try when NAME.EXT is taken. */
char     *hs_download_name_numbered          (const char  *name,
                                              guint        n);

G_END_DECLS
