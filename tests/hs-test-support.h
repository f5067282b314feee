#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "hs-client.h"
#include "hs-config.h"
#include "hs-demo-server.h"
#include "hs-library.h"

G_BEGIN_DECLS

/* Set-up the tests share: the demo server on 127.0.0.1, waits on the main loop,
 * requests in the demo server's log, and runs of hongshu-cli. */

/* A guard against a hang, never a measure: every wait ends on a condition. */
#define HS_TEST_WAIT_LIMIT_SECONDS 30

typedef gboolean (*HsTestCondition) (gconstpointer data);
/* Says more about the state of a test that waited too long; returns a new string. */
typedef char *(*HsTestDescribe) (void);

void           hs_test_wait_for          (HsTestCondition      condition,
                                          gconstpointer        data,
                                          const char          *what);
void           hs_test_wait_for_full     (HsTestCondition      condition,
                                          gconstpointer        data,
                                          const char          *what,
                                          HsTestDescribe       describe);
void           hs_test_run_for_ms        (int                  ms);
gboolean       hs_test_pointer_is_set    (gconstpointer        data);

void           hs_test_store_result_cb   (GObject             *object,
                                          GAsyncResult        *result,
                                          gpointer             user_data);
GAsyncResult  *hs_test_await_result      (GAsyncResult       **slot);

HsNote        *hs_test_fetch_note        (HsClient            *client,
                                          const char          *note_id);

HsDemoServer  *hs_test_demo_server_new   (void);
HsConfig      *hs_test_config_new        (HsDemoServer        *server);
void           hs_test_demo_server_finish (HsDemoServer       *server);
GPtrArray     *hs_test_log_for_path      (HsDemoServer        *server,
                                          const char          *path);
guint          hs_test_count_requests    (HsDemoServer        *server,
                                          const char          *path);

void           hs_test_remove_tree       (const char          *path);

/* Batch downloads: a folder's record, and a folder that holds the
 * library's copies of a saved note's media. */
JsonObject    *hs_test_load_manifest     (const char          *folder);
guint          hs_test_assert_library_copy (const char        *folder,
                                          HsLibrary           *library,
                                          const char          *note_id);

typedef struct
{
  int   status;
  char *out;
  char *err;
} HsTestRun;

void           hs_test_run_clear         (HsTestRun           *run);
gboolean       hs_test_run_cli           (GSubprocessLauncher *launcher,
                                          const char          *subcommand,
                                          const char * const  *args,
                                          const char          *stdin_text,
                                          HsTestRun           *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HsTestRun, hs_test_run_clear)

G_END_DECLS
