#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "hs-demo-server-private.h"
#include "hs-demo-web.h"
#include "hs-note-json.h"
#include "hs-urls.h"


/* Stands for a bare `undefined` until the state is written out. */
#define UNDEFINED_MARK "\"@@undefined@@\""

#define LIVE_PHOTO_STYLE "@160w_160h_92q_1e_1c_1x.jpg"

char *
hs_demo_web_xsec_token (const char *note_id)
{
  g_autofree char *lower = g_ascii_strdown (note_id, -1);
  g_autofree char *seed = g_strconcat ("hongshu-demo-xsec:", lower, NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);

  /* Web tokens start "AB" and end in "=", which links carry as %3D. */
  return g_strdup_printf ("AB%.30s=", digest);
}

char *
hs_demo_web_note_path (const char *note_id)
{
  g_autofree char *lower = g_ascii_strdown (note_id, -1);
  g_autofree char *token = hs_demo_web_xsec_token (lower);
  g_autofree char *escaped = g_uri_escape_string (token, NULL, FALSE);

  return g_strdup_printf ("/explore/%s?xsec_token=%s&xsec_source=pc_share", lower, escaped);
}

static void
respond_html (Exchange   *ex,
              guint       status,
              const char *html)
{
  hs_demo_respond (ex, status, HTML_CONTENT_TYPE, html);
}

/* To a path and query of the demo server's own. */
static void
redirect (Exchange   *ex,
          guint       status,
          const char *path_and_query)
{
  g_autofree char *location = g_strconcat (ex->self->base_url, path_and_query, NULL);

  hs_demo_respond_redirect (ex, status, location);
}

/* A wall of doc/web-protocol.md §4: the site's error page with its code and message. */
static void
redirect_to_error (Exchange   *ex,
                   const char *code,
                   const char *message)
{
  g_autofree char *redirect_path = g_uri_escape_string (ex->path, NULL, FALSE);
  g_autofree char *escaped_message = g_uri_escape_string (message, NULL, FALSE);
  g_autofree char *target = g_strdup_printf ("/website-login/error?redirectPath=%s&error_code=%s&error_msg=%s",
                                             redirect_path, code, escaped_message);

  redirect (ex, SOUP_STATUS_FOUND, target);
}

static gboolean
is_signed_in (SoupServerMessage *msg)
{
  const char *cookie = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Cookie");
  g_auto(GStrv) pairs = NULL;

  if (cookie == NULL)
    return FALSE;

  pairs = g_strsplit (cookie, ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    if (strcmp (g_strstrip (pairs[i]), "web_session=" HS_DEMO_WEB_SESSION) == 0)
      return TRUE;

  return FALSE;
}

/* Counts as the page writes them: "7", "1.2万". */
static char *
count_string (JsonObject *note,
              const char *name)
{
  gint64 value = json_object_get_int_member_with_default (note, name, -1);

  if (value < 0)
    return NULL;
  if (value >= 10000)
    return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT "万",
                            value / 10000, (value % 10000) / 1000);
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* The note text of an API sample: its HTML without markup, a line per
 * paragraph or list item, and its tags as the page writes topics. */
static char *
desc_for (JsonObject *note)
{
  const char *content = json_object_get_string_member_with_default (note, "content", "");
  g_autoptr(GRegex) breaks = g_regex_new ("</(p|li|h[1-6]|div)>|<br\\s*/?>", G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRegex) tags = g_regex_new ("<[^>]*>", 0, 0, NULL);
  g_autofree char *with_breaks = g_regex_replace_literal (breaks, content, -1, 0, "\n", 0, NULL);
  g_autofree char *text = g_regex_replace_literal (tags, with_breaks, -1, 0, "", 0, NULL);
  g_autoptr(GString) desc = g_string_new (g_strstrip (text));
  JsonArray *tag_list = json_object_has_member (note, "tags") ? json_object_get_array_member (note, "tags") : NULL;

  g_string_replace (desc, "&amp;", "&", 0);
  g_string_replace (desc, "&lt;", "<", 0);
  g_string_replace (desc, "&gt;", ">", 0);

  if (tag_list != NULL && json_array_get_length (tag_list) > 0)
    {
      /* The samples end with their tags as plain "#美妆 #底妆"; the page
       * writes them once, in its own form. */
      const char *last_line = strrchr (desc->str, '\n');
      const char *last = last_line != NULL ? last_line + 1 : desc->str;

      if (*last == '#')
        g_string_truncate (desc, last - desc->str);
      else
        g_string_append_c (desc, '\n');
      for (guint i = 0; i < json_array_get_length (tag_list); i++)
        g_string_append_printf (desc, "#%s[话题]# ", json_array_get_string_element (tag_list, i));
    }

  return g_string_free (g_steal_pointer (&desc), FALSE);
}

static void
add_undefined (JsonBuilder *builder,
               const char  *name)
{
  hs_json_add_string (builder, name, "@@undefined@@");
}

static void
add_picture (JsonBuilder *builder,
             const char  *url,
             const char  *live_clip)
{
  json_builder_begin_object (builder);
  hs_json_add_string (builder, "urlDefault", url);
  hs_json_add_string (builder, "urlPre", url);
  hs_json_add_string (builder, "url", "");
  json_builder_set_member_name (builder, "infoList");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  hs_json_add_string (builder, "imageScene", "WB_PRV");
  hs_json_add_string (builder, "url", url);
  json_builder_end_object (builder);
  json_builder_begin_object (builder);
  hs_json_add_string (builder, "imageScene", "WB_DFT");
  hs_json_add_string (builder, "url", url);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, 1080);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, 1440);
  json_builder_set_member_name (builder, "livePhoto");
  json_builder_add_boolean_value (builder, live_clip != NULL);
  if (live_clip != NULL)
    {
      json_builder_set_member_name (builder, "stream");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "h264");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      hs_json_add_string (builder, "masterUrl", live_clip);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/* The signed, temporary picture address the real site hands out
 * (/{YYYYMMDDhhmm}/{32 hex}/{token}!style, doc/web-protocol.md "Media"),
 * for a picture on the demo CDN; its token is the CDN path, so the
 * original ({cdn}/{token}) is the picture itself. @display_only marks a
 * picture whose original is missing ("wm/": a watermarked copy only), for
 * the fallback to the display address. */
static char *
signed_picture_url (HsDemoServer *server,
                    const char   *url,
                    gboolean      display_only)
{
  g_autofree char *cdn = hs_demo_server_get_cdn_base_url (server);
  g_autofree char *prefix = g_strconcat (cdn, "/", NULL);
  g_autofree char *signature = NULL;
  const char *rest;

  /* The samples still hold "{cdn}" here: the page is expanded last. */
  if (url != NULL && g_str_has_prefix (url, "{cdn}/"))
    rest = url + strlen ("{cdn}/");
  else if (url != NULL && g_str_has_prefix (url, prefix))
    rest = url + strlen (prefix);
  else
    return g_strdup (url);
  signature = g_compute_checksum_for_string (G_CHECKSUM_MD5, rest, -1);
  return g_strdup_printf ("%s/202603011200/%s/%s%s!nd_dft_wlteh_webp_3",
                          hs_demo_server_get_base_url (server), signature,
                          display_only ? HS_DEMO_WEB_DISPLAY_ONLY_DIR : "", rest);
}

const char *
hs_demo_web_signed_picture_token (const char *path)
{
  const char *second;

  /* /{12 digits}/{32 hex}/token[!style] */
  if (path == NULL || path[0] != '/' || strlen (path) < 1 + 12 + 1 + 32 + 2)
    return NULL;
  for (guint i = 1; i <= 12; i++)
    if (!g_ascii_isdigit (path[i]))
      return NULL;
  if (path[13] != '/')
    return NULL;
  second = path + 14;
  for (guint i = 0; i < 32; i++)
    if (!g_ascii_isxdigit (second[i]))
      return NULL;
  if (second[32] != '/')
    return NULL;
  return second + 33;
}

/* One sample in the site's form (doc/web-protocol.md §5). */
static void
add_note (HsDemoServer *server,
          JsonBuilder *builder,
          const char  *note_id,
          JsonObject  *note,
          gboolean     older_form)
{
  JsonArray *images = json_object_has_member (note, "images") ? json_object_get_array_member (note, "images") : NULL;
  JsonArray *videos = json_object_has_member (note, "videos") ? json_object_get_array_member (note, "videos") : NULL;
  JsonObject *author = json_object_has_member (note, "author") ? json_object_get_object_member (note, "author") : NULL;
  JsonObject *location = json_object_has_member (note, "location") ? json_object_get_object_member (note, "location") : NULL;
  JsonArray *tags = json_object_has_member (note, "tags") ? json_object_get_array_member (note, "tags") : NULL;
  guint n_images = images != NULL ? json_array_get_length (images) : 0;
  JsonObject *video = videos != NULL && json_array_get_length (videos) > 0 ? json_array_get_object_element (videos, 0) : NULL;
  const char *video_url = video != NULL ? json_object_get_string_member_with_default (video, "url", NULL) : NULL;
  /* The seed keeps its pictures, its video as the first one's live clip;
   * every other note with a video is a video note. */
  gboolean is_video = video_url != NULL && (n_images == 0 || strcmp (note_id, HS_DEMO_SEED_NOTE_ID) != 0);
  g_autofree char *desc = desc_for (note);
  g_autoptr(GDateTime) time = NULL;
  static const struct { const char *api; const char *web; } counts[] = {
    { "like_count", "likedCount" }, { "favorite_count", "collectedCount" },
    { "comment_count", "commentCount" }, { "share_count", "shareCount" },
  };

  if (json_object_has_member (note, "publish_time"))
    time = g_date_time_new_from_iso8601 (json_object_get_string_member (note, "publish_time"), NULL);

  json_builder_begin_object (builder);
  hs_json_add_string (builder, "noteId", note_id);
  hs_json_add_string (builder, "type", is_video ? "video" : "normal");
  hs_json_add_string (builder, "title", json_object_get_string_member_with_default (note, "title", ""));
  hs_json_add_string (builder, "desc", desc);
  add_undefined (builder, "xsecToken");

  json_builder_set_member_name (builder, "tagList");
  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && i < json_array_get_length (tags); i++)
    {
      g_autofree char *id = g_strdup_printf ("demo-topic-%u", i);

      json_builder_begin_object (builder);
      hs_json_add_string (builder, "id", id);
      hs_json_add_string (builder, "name", json_array_get_string_element (tags, i));
      hs_json_add_string (builder, "type", "topic");
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "imageList");
  json_builder_begin_array (builder);
  if (is_video)
    add_picture (builder, json_object_get_string_member_with_default (video, "cover", video_url), NULL);
  for (guint i = 0; !is_video && i < n_images; i++)
    {
      const char *url = json_array_get_string_element (images, i);
      g_autofree char *shown = strcmp (note_id, HS_DEMO_WEB_SIGNED_PICTURES_NOTE) == 0
        ? signed_picture_url (server, url, i % 2 == 1) : g_strdup (url);

      add_picture (builder, shown, i == 0 ? video_url : NULL);
    }
  json_builder_end_array (builder);

  if (is_video)
    {
      json_builder_set_member_name (builder, "video");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "media");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "stream");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "h264");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      hs_json_add_string (builder, "masterUrl", video_url);
      json_builder_set_member_name (builder, "backupUrls");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, 640);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, 360);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "h265");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "interactInfo");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "followed");
  json_builder_add_boolean_value (builder, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *value = count_string (note, counts[i].api);

      if (value != NULL)
        hs_json_add_string (builder, counts[i].web, value);
    }
  add_undefined (builder, "relation");
  json_builder_end_object (builder);

  if (author != NULL)
    {
      const char *avatar = json_object_get_string_member_with_default (author, "avatar", NULL);
      g_autofree char *sized = avatar != NULL ? g_strconcat (avatar, LIVE_PHOTO_STYLE, NULL) : NULL;

      json_builder_set_member_name (builder, "user");
      json_builder_begin_object (builder);
      hs_json_add_string (builder, "userId", json_object_get_string_member_with_default (author, "user_id", NULL));
      /* The older pages spell it nickName. */
      hs_json_add_string (builder, older_form ? "nickName" : "nickname",
                          json_object_get_string_member_with_default (author, "nickname", NULL));
      hs_json_add_string (builder, "avatar", sized);
      json_builder_end_object (builder);
    }

  if (time != NULL)
    {
      gint64 ms = g_date_time_to_unix (time) * 1000;

      json_builder_set_member_name (builder, "time");
      json_builder_add_int_value (builder, ms);
      json_builder_set_member_name (builder, "lastUpdateTime");
      json_builder_add_int_value (builder, ms + 3600 * 1000);
    }

  if (location != NULL && json_object_has_member (location, "name"))
    hs_json_add_string (builder, "ipLocation", json_object_get_string_member (location, "name"));
  else
    add_undefined (builder, "ipLocation");

  json_builder_end_object (builder);
}

/* The state as the site writes it: a JavaScript literal with bare
 * `undefined`, every "/" as \u002F, and a store as `new Map(…)`. */
static char *
state_literal (HsDemoServer *server,
               JsonNode     *root)
{
  g_autofree char *json = json_to_string (root, FALSE);
  g_autofree char *expanded = hs_demo_server_expand_placeholders (server, json);
  GString *literal = g_string_new (expanded);

  g_string_replace (literal, "/", "\\u002F", 0);
  g_string_replace (literal, UNDEFINED_MARK, "undefined", 0);
  g_string_replace (literal, "\"@@feeds@@\"", "new Map([])", 0);

  return g_string_free (literal, FALSE);
}

static char *
page_for (HsDemoServer *server,
          const char   *note_id,
          JsonObject   *note,
          gboolean      signed_in)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *literal = NULL;
  g_autofree char *title = NULL;
  /* Both forms of doc/web-protocol.md §5: the older one for every other note. */
  gboolean older_form = note != NULL && g_ascii_xdigit_value (note_id[23]) % 2 == 1;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "global");
  json_builder_begin_object (builder);
  add_undefined (builder, "serverTime");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "loggedIn");
  json_builder_add_boolean_value (builder, signed_in);
  add_undefined (builder, "userFetchingStatus");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "search");
  json_builder_begin_object (builder);
  hs_json_add_string (builder, "feeds", "@@feeds@@");
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "note");
  json_builder_begin_object (builder);
  if (older_form)
    {
      json_builder_set_member_name (builder, "note");
      add_note (server, builder, note_id, note, TRUE);
      add_undefined (builder, "serverRequestInfo");
    }
  else
    {
      json_builder_set_member_name (builder, "noteDetailMap");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, note_id);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "note");
      if (note != NULL)
        {
          add_note (server, builder, note_id, note, FALSE);
        }
      else
        {
          /* The page renders its own wall: an empty note. */
          json_builder_begin_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  literal = state_literal (server, root);
  title = g_markup_escape_text (note != NULL ? json_object_get_string_member_with_default (note, "title", "")
                                             : "小红书", -1);

  return g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                          "<title>%s - 小红书</title>"
                          "<script src=\"/static/vendor.js\" defer></script></head>"
                          "<body><div id=\"app\"></div>\n"
                          "<script>window.__INITIAL_STATE__=%s</script>\n"
                          "</body></html>\n",
                          title, literal);
}

/* The walls of doc/web-protocol.md §4 that redirect to the site's error page. */
static const struct
{
  const char *note_id;
  const char *code;
  const char *message;
} walls[] = {
  { HS_DEMO_WEB_FAULT_TOO_MANY_VISITS, "300013", "访问频次异常，请勿频繁操作或重启试试" },
  { HS_DEMO_WEB_FAULT_UNAVAILABLE, "300031", "当前笔记暂时无法浏览" },
  { HS_DEMO_WEB_FAULT_RESTRICTED, "300011", "当前账号存在异常，请切换账号后重试" },
};

static void
handle_note_page (Exchange   *ex,
                  const char *raw_id)
{
  g_autofree char *note_id = g_ascii_strdown (raw_id, -1);
  g_autofree char *expected = NULL;
  g_autofree char *html = NULL;
  const char *token = ex->query != NULL ? g_hash_table_lookup (ex->query, "xsec_token") : NULL;
  JsonObject *note;

  if (!hs_note_id_is_valid (note_id))
    {
      redirect (ex, SOUP_STATUS_FOUND, "/404?source=note");
      return;
    }

  /* The walls come first: they do not care about tokens. */
  for (guint i = 0; i < G_N_ELEMENTS (walls); i++)
    {
      if (strcmp (note_id, walls[i].note_id) == 0)
        {
          redirect_to_error (ex, walls[i].code, walls[i].message);
          return;
        }
    }
  if (strcmp (note_id, HS_DEMO_WEB_FAULT_VERIFICATION) == 0)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (ex->msg);

      soup_message_headers_replace (headers, "Verifytype", "400");
      soup_message_headers_replace (headers, "Verifyuuid", "demo-verify-uuid");
      respond_html (ex, STATUS_VERIFY, "{\"code\":461,\"msg\":\"需要验证\"}");
      return;
    }
  if (strcmp (note_id, HS_DEMO_WEB_FAULT_UNREADABLE) == 0)
    {
      respond_html (ex, SOUP_STATUS_OK,
                    "<!DOCTYPE html><html><body><script>window.__INITIAL_STATE__={\"note\":{\"noteDetailMap\":{"
                    "</script></body></html>\n");
      return;
    }

  note = strcmp (note_id, HS_DEMO_WEB_FAULT_NO_NOTE) == 0 ? NULL
                                                           : hs_demo_server_lookup_note (ex->self, note_id);
  if (note == NULL && strcmp (note_id, HS_DEMO_WEB_FAULT_NO_NOTE) != 0)
    {
      redirect (ex, SOUP_STATUS_FOUND, "/404?source=note");
      return;
    }

  /* Anonymous visitors need the note's own token (doc/web-protocol.md §2). */
  expected = hs_demo_web_xsec_token (note_id);
  if (!is_signed_in (ex->msg))
    {
      if (token == NULL || *token == '\0')
        {
          redirect (ex, SOUP_STATUS_FOUND, "/");
          return;
        }
      if (strcmp (token, expected) != 0)
        {
          redirect_to_error (ex, "300017", "访问链接异常");
          return;
        }
    }

  html = page_for (ex->self, note_id, note, is_signed_in (ex->msg));
  respond_html (ex, SOUP_STATUS_OK, html);
}

/* The short links of {base}/xhslink/a/ (HS_DEMO_SHORT_LINK_CODE*): 302 to
 * the seed note's share link, to another short link, or to a profile. */
void
hs_demo_web_handle_short_link (Exchange   *ex,
                               const char *code)
{
  g_autofree char *target = NULL;

  if (strcmp (code, HS_DEMO_SHORT_LINK_CODE) == 0)
    target = hs_demo_web_note_path (HS_DEMO_SEED_NOTE_ID);
  else if (strcmp (code, HS_DEMO_SHORT_LINK_CODE_CHAIN) == 0)
    target = g_strconcat ("/xhslink/a/", HS_DEMO_SHORT_LINK_CODE, NULL);
  else if (strcmp (code, HS_DEMO_SHORT_LINK_CODE_NO_NOTE) == 0)
    target = g_strdup ("/user/profile/987654321?xsec_token=demo");

  if (target == NULL)
    respond_html (ex, SOUP_STATUS_NOT_FOUND,
                  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404</title></head>"
                  "<body><p>链接已失效</p></body></html>\n");
  else
    redirect (ex, SOUP_STATUS_FOUND, target);
}

/* The profile page a short link may land on (HS_DEMO_SHORT_LINK_CODE_NO_NOTE). */
void
hs_demo_web_handle_profile_page (Exchange *ex)
{
  respond_html (ex, SOUP_STATUS_OK,
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                "<title>小红书 - 你的生活指南</title></head>"
                "<body><h1>小红书 - 你的生活指南</h1></body></html>\n");
}

static const char SIGN_IN_PAGE[] =
  "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
  "<title>登录 - 小红书（演示）</title>"
  "<style>body{font-family:sans-serif;text-align:center;margin-top:3em}"
  "button{font-size:1.2em;padding:.6em 2em;border-radius:2em;border:0;background:#ff2442;color:#fff}</style>"
  "</head><body><h1>扫码登录</h1>"
  "<p>这是红薯演示服务器的登录页。按下按钮，就当作已用小红书 App 扫码。</p>"
  "<form method=\"post\" action=\"/login/scan\"><button id=\"scan\" type=\"submit\">扫码</button></form>"
  "</body></html>\n";

static const char SIGNED_IN_HOME_PAGE[] =
  "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
  "<title>小红书（演示）</title></head><body>"
  "<p>已登录：<span class=\"user-name\">" HS_DEMO_WEB_USER_NAME "</span></p>"
  "</body></html>\n";

gboolean
hs_demo_web_handle (Exchange *ex)
{
  const char *method = soup_server_message_get_method (ex->msg);
  const char *path = ex->path;
  const char *id = NULL;

  if (strcmp (method, "POST") == 0 && strcmp (path, "/login/scan") == 0)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (ex->msg);

      soup_message_headers_append (headers, "Set-Cookie",
                                   "web_session=" HS_DEMO_WEB_SESSION "; Path=/; HttpOnly");
      soup_message_headers_append (headers, "Set-Cookie", "a1=demo-a1; Path=/");
      redirect (ex, SOUP_STATUS_SEE_OTHER, "/");
      return TRUE;
    }

  if (strcmp (method, "GET") != 0)
    return FALSE;

  if (g_str_has_prefix (path, "/explore/"))
    id = path + strlen ("/explore/");
  else if (g_str_has_prefix (path, "/discovery/item/"))
    id = path + strlen ("/discovery/item/");
  else if (g_str_has_prefix (path, "/user/profile/") && strchr (path + strlen ("/user/profile/"), '/') != NULL)
    id = strrchr (path, '/') + 1;

  if (id != NULL)
    {
      handle_note_page (ex, id);
      return TRUE;
    }

  /* The signed-in home page names the person, as the site's header does;
   * without the session the server's own text page answers. */
  if (strcmp (path, "/") == 0 && is_signed_in (ex->msg))
    {
      respond_html (ex, SOUP_STATUS_OK, SIGNED_IN_HOME_PAGE);
      return TRUE;
    }

  if (strcmp (path, "/login") == 0)
    {
      respond_html (ex, SOUP_STATUS_OK, SIGN_IN_PAGE);
      return TRUE;
    }

  if (g_str_has_prefix (path, "/website-login/") || g_str_has_prefix (path, "/404"))
    {
      const char *message = ex->query != NULL ? g_hash_table_lookup (ex->query, "error_msg") : NULL;
      g_autofree char *html = g_markup_printf_escaped ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                                                       "<title>小红书</title></head><body><p>%s</p></body></html>\n",
                                                       message != NULL ? message : "页面不见了");

      respond_html (ex, SOUP_STATUS_OK, html);
      return TRUE;
    }

  if (g_str_has_prefix (path, "/xhslink/o/"))
    {
      const char *code = path + strlen ("/xhslink/o/");

      if (strcmp (code, HS_DEMO_WEB_SHORT_LINK_DEAD) == 0)
        {
          redirect (ex, SOUP_STATUS_TEMPORARY_REDIRECT, "/");
        }
      else if (hs_note_id_is_valid (code))
        {
          g_autofree char *target = hs_demo_web_note_path (code);

          redirect (ex, SOUP_STATUS_TEMPORARY_REDIRECT, target);
        }
      else
        {
          respond_html (ex, SOUP_STATUS_NOT_FOUND,
                        "<!DOCTYPE html><html><body><p>链接已失效</p></body></html>\n");
        }
      return TRUE;
    }

  return FALSE;
}
