/* The plain driver of a fuzz harness: runs every file of the corpus directories given on
 * the command line through LLVMFuzzerTestOneInput() once, so that the unit suite replays
 * the seeds and every input that once crashed, with any compiler. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "hs-fuzz.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  guint n_files = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS-DIR…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      /* One order everywhere, so that a failure is the same on every machine. */
      g_ptr_array_sort (names, compare_names);

      for (guint j = 0; j < names->len; j++)
        {
          const char *path = g_ptr_array_index (names, j);
          g_autofree char *contents = NULL;
          gsize length;

          if (!g_file_get_contents (path, &contents, &length, &error))
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }
          /* The input without the NUL that g_file_get_contents() adds, as libFuzzer
           * passes it: a harness must not read past @size. */
          {
            g_autofree guint8 *copy = g_memdup2 (contents, length);

            LLVMFuzzerTestOneInput (copy, length);
          }
          n_files++;
        }
    }

  if (n_files == 0)
    {
      fprintf (stderr, "no corpus file found\n");
      return 1;
    }
  printf ("%u corpus files ran through the harness\n", n_files);
  return 0;
}
