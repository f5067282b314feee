#pragma once

/* What the demo server's files share: hs-demo-server.c routes requests and
 * owns the object, hs-demo-api.c checks the API's token, rate limit and
 * signature, hs-demo-samples.c loads the sample notes and searches them,
 * hs-demo-faults.c serves notes and the faults of HS_DEMO_FAULT_*,
 * hs-demo-web.c plays the website (note pages, walls, short links, sign-in),
 * hs-demo-cdn.c serves the media. */

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "hs-demo-request-private.h"
#include "hs-demo-server.h"

G_BEGIN_DECLS

#define RESOURCE_PREFIX "/io/github/hongshu/Hongshu/demo"
#define JSON_CONTENT_TYPE "application/json; charset=utf-8"
#define TEXT_CONTENT_TYPE "text/plain; charset=utf-8"
#define HTML_CONTENT_TYPE "text/html; charset=utf-8"

/* libsoup 3.2 has no name for these, nor a reason phrase. */
#define STATUS_TOO_MANY_REQUESTS 429
/* The website's "verify you are human" wall (doc/web-protocol.md §4). */
#define STATUS_VERIFY 461

#define RATE_WINDOW_USEC ((gint64) 60 * G_USEC_PER_SEC)
#define SIGN_MAX_SKEW_SECONDS 300
#define DEFAULT_REQUESTS_PER_MINUTE 100
#define DEFAULT_SLOW_DELAY_MS 5000
#define REQUEST_LOG_MAX 10000
#define FLAKY_FAILURES 2
#define FAULT_RETRY_AFTER "2"
#define OVERSIZED_CHUNK_BYTES (64 * 1024)
#define SEARCH_DEFAULT_SIZE 20
#define SEARCH_MAX_SIZE 50
#define OVERFULL_IMAGES 120
#define OVERFULL_VIDEOS 25
#define MEDIA_MAX_AGE "public, max-age=86400"

/* The `message` of error envelopes is protocol text, shown to the user as "what the
 * server said". It stays Chinese, as the platform sends it (see the seed's error table),
 * and is deliberately not marked for translation. */
#define MESSAGE_BAD_REQUEST   "请求参数错误"
#define MESSAGE_BAD_NOTE_ID   "请求参数错误：note_id 必须是 24 位十六进制字符"
#define MESSAGE_UNAUTHORIZED  "无效的access_token"
#define MESSAGE_FORBIDDEN     "无权限访问：作者已将笔记设为私密"
#define MESSAGE_NOT_FOUND     "笔记不存在或已删除"
#define MESSAGE_RATE_LIMITED  "调用频率超限"
#define MESSAGE_SERVER_ERROR  "服务器内部错误"
#define MESSAGE_NO_SUCH_API   "接口不存在"

struct _HsDemoServer
{
  GObject parent_instance;

  SoupServer *soup_server;
  char *base_url;
  guint16 port;

  guint requests_per_minute;
  guint slow_delay_ms;
  guint flaky_failures;
  guint search_fault_page;   /* the next search of this page gets a 429; 0 none */
  guint search_repeat;       /* search results are the matches this many times over */
  guint media_bytes_per_second;  /* 0: full speed (hs-demo-media.c) */
  gboolean media_ranges;

  HsDemoClockFunc clock_func;
  gpointer clock_data;

  /* token -> GArray of gint64 admission times (µs), oldest first */
  GHashTable *rate_windows;

  JsonNode *samples_root;
  JsonNode *faults_root;
  JsonObject *overfull_note;
  JsonObject *forbidden_picture_note;
  GPtrArray *samples;        /* Sample, newest first: what search walks */
  GHashTable *notes;         /* lowercase id -> JsonObject (borrowed from the roots) */
  char **image_names;        /* files under media/img, for the overfull note */
  GHashTable *media_etags;   /* resource path -> ETag */

  GPtrArray *request_log;    /* HsDemoRequest */
  GPtrArray *pending;        /* PendingReply */
};



typedef struct
{
  JsonObject *object;       /* borrowed from samples_root */
  gint64 publish_time;
  char *title_folded;
  char *text_folded;        /* the content without its markup */
  char **tags;
  char **tags_folded;
} Sample;

/* What every handler needs about the request being answered. */
typedef struct
{
  HsDemoServer *self;
  SoupServerMessage *msg;
  HsDemoRequest *entry;
  const char *path;
  GHashTable *query;
} Exchange;

typedef struct _PendingReply PendingReply;

/* hs-demo-samples.c */
void        hs_demo_load_samples            (HsDemoServer       *self);
void        hs_demo_load_faults             (HsDemoServer       *self);
void        hs_demo_sample_free             (Sample             *sample);
void        hs_demo_handle_search           (Exchange           *ex);

/* hs-demo-faults.c */
JsonObject *hs_demo_copy_note               (JsonObject         *note,
                                             const char * const *fields);
void        hs_demo_handle_note             (Exchange           *ex,
                                             const char         *requested_id);
void        hs_demo_pending_reply_free      (PendingReply       *reply);

/* hs-demo-api.c: the token, rate limit and signature checks, then the note
 * (@note_id) or the search (@note_id NULL). */
void        hs_demo_handle_api              (Exchange           *ex,
                                             const char         *note_id);

/* hs-demo-web.c: answers when the path is one of the website's; FALSE
 * leaves it to the API routes. */
gboolean    hs_demo_web_handle              (Exchange           *ex);
/* hs-demo-web.c: @code is the path after /xhslink/a/. */
void        hs_demo_web_handle_short_link   (Exchange           *ex,
                                             const char         *code);
void        hs_demo_web_handle_profile_page (Exchange           *ex);

/* hs-demo-cdn.c: @rest is the path after /cdn/. */
void        hs_demo_handle_cdn              (Exchange           *ex,
                                             const char         *rest);

/* hs-demo-server.c: the time by the server's clock, in µs since the epoch */
gint64      hs_demo_now_usec                (HsDemoServer       *self);

/* hs-demo-server.c: answers */
void        hs_demo_respond                 (Exchange           *ex,
                                             guint               status,
                                             const char         *content_type,
                                             const char         *body);
char       *hs_demo_success_envelope        (HsDemoServer       *self,
                                             JsonObject         *data);
void        hs_demo_set_status              (Exchange           *ex,
                                             guint               status);
void        hs_demo_respond_json            (Exchange           *ex,
                                             guint               status,
                                             const char         *json);
void        hs_demo_respond_error           (Exchange           *ex,
                                             guint               status,
                                             const char         *message);
void        hs_demo_respond_rate_limited    (Exchange           *ex,
                                             guint               retry_after);
void        hs_demo_respond_redirect        (Exchange           *ex,
                                             guint               status,
                                             const char         *location);

/* hs-demo-server.c: for the website pages of hs-demo-web.c */
/* Returns: (nullable) (transfer none): the sample note of that id, any case */
JsonObject *hs_demo_server_lookup_note      (HsDemoServer       *self,
                                             const char         *note_id);
/* The sample's {cdn} and {origin} filled in for this server. */
char       *hs_demo_server_expand_placeholders (HsDemoServer    *self,
                                                const char      *json);

G_END_DECLS
