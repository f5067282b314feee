#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-library-rank.h"

/* hs_rank(notes_fts, w0, w1, …): BM25 without its length normalisation
 * (b = 0, k1 = 1.2), the column weights given as arguments. SQLite's
 * bm25() reads each matching row's column sizes from the %_docsize table,
 * one lookup per match: for a common word (口红 in 7 000 of 100 000
 * notes) that was most of a search's time. Short notes are the rule here,
 * so their length says little; the weights (title over body) and the
 * rarity of each word (IDF, counted once per query) remain. */

typedef struct
{
  double *idf;
  int     n_phrases;
} RankData;

static void
rank_data_free (void *data)
{
  RankData *rank = data;

  g_free (rank->idf);
  g_free (rank);
}

static int
count_row_cb (const Fts5ExtensionApi *api G_GNUC_UNUSED,
              Fts5Context            *ctx G_GNUC_UNUSED,
              void                   *user_data)
{
  (*(sqlite3_int64 *) user_data)++;
  return SQLITE_OK;
}

static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *ctx,
               sqlite3_context         *result,
               int                      n_values,
               sqlite3_value          **values)
{
  RankData *rank = api->xGetAuxdata (ctx, 0);
  int n_columns = api->xColumnCount (ctx);
  /* Called for every match: no allocation for the usual few words. */
  double tf_small[32];
  g_autofree double *tf_large = NULL;
  double *tf;
  double score = 0.0;
  int n_inst = 0;
  int rc;

  if (rank == NULL)
    {
      sqlite3_int64 n_rows = 0;

      rank = g_new0 (RankData, 1);
      rank->n_phrases = api->xPhraseCount (ctx);
      rank->idf = g_new0 (double, rank->n_phrases);
      api->xRowCount (ctx, &n_rows);
      for (int i = 0; i < rank->n_phrases; i++)
        {
          sqlite3_int64 n_hits = 0;
          double idf;

          rc = api->xQueryPhrase (ctx, i, &n_hits, count_row_cb);
          if (rc != SQLITE_OK)
            {
              rank_data_free (rank);
              sqlite3_result_error_code (result, rc);
              return;
            }
          /* As SQLite's bm25(): never below a small positive value. */
          idf = log ((n_rows - n_hits + 0.5) / (n_hits + 0.5));
          rank->idf[i] = idf > 1e-6 ? idf : 1e-6;
        }
      rc = api->xSetAuxdata (ctx, rank, rank_data_free);
      if (rc != SQLITE_OK)
        {
          sqlite3_result_error_code (result, rc);
          return;
        }
    }

  if ((gsize) rank->n_phrases * n_columns <= G_N_ELEMENTS (tf_small))
    {
      tf = tf_small;
      memset (tf, 0, sizeof tf_small);
    }
  else
    tf = tf_large = g_new0 (double, (gsize) rank->n_phrases * n_columns);
  rc = api->xInstCount (ctx, &n_inst);
  for (int i = 0; rc == SQLITE_OK && i < n_inst; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (ctx, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK && phrase < rank->n_phrases && column < n_columns)
        tf[phrase * n_columns + column] += 1.0;
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (result, rc);
      return;
    }

  for (int i = 0; i < rank->n_phrases; i++)
    for (int c = 0; c < n_columns; c++)
      {
        double f = tf[i * n_columns + c];
        double weight = c < n_values ? sqlite3_value_double (values[c]) : 1.0;

        if (f > 0.0)
          score += weight * rank->idf[i] * (f * 2.2) / (f + 1.2);
      }

  /* Negative like bm25(): better matches sort first. */
  sqlite3_result_double (result, -score);
}

gboolean
hs_library_rank_register (fts5_api *api)
{
  return api->xCreateFunction (api, "hs_rank", NULL, rank_function, NULL) == SQLITE_OK;
}
