#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib.h>

#include "hs-error.h"
#include "hs-note-ref.h"

#define ID "649c46ab000000002702ad36"
#define ID2 "64a1b2c3000000001e03f4a5"
#define UID "5a1b2c3d4e5f60718293a4b5"
#define SHORT "http://xhslink.com/a/AbCd123"

typedef struct
{
  const char *text;
  const char *note_id;     /* expected, or NULL */
  const char *short_link;  /* expected, or NULL; both NULL: rejected */
} RefCase;

static const RefCase good_cases[] = {
  /* bare ids */
  { ID, ID, NULL },
  { "  \n" ID "\t\r\n", ID, NULL },
  { "笔记ID：" ID "，快来看", ID, NULL },
  { "看看这篇" ID "吧", ID, NULL },
  { "id=" ID, ID, NULL },
  { "note " ID ".", ID, NULL },
  { "649C46AB000000002702AD36", ID, NULL },
  { ID " " ID2, ID, NULL },
  /* note links */
  { "https://www.xiaohongshu.com/explore/" ID "?xsec_token=ABfGh1_kL2mN3oP4=&xsec_source=pc_feed", ID, NULL },
  { "https://www.xiaohongshu.com/discovery/item/" ID "?app_platform=ios&app_version=8.75&share_from_user_hidden=true&xsec_source=app_share&type=normal&xsec_token=CBx9&author_share=1", ID, NULL },
  { "https://www.xiaohongshu.com/user/profile/" UID "/" ID "?xsec_token=AB&xsec_source=pc_user", ID, NULL },
  { "https://www.xiaohongshu.com/search_result/" ID "?xsec_token=AB", ID, NULL },
  { "https://www.rednote.com/explore/" ID "?xsec_token=AB", ID, NULL },
  { "https://www.rednote.com/discovery/item/" ID, ID, NULL },
  { "https://www.rednote.com/user/profile/" UID "/" ID, ID, NULL },
  { "http://rednote.com/explore/" ID "/", ID, NULL },
  { "https://xiaohongshu.com/explore/" ID "#comments", ID, NULL },
  { "HTTPS://WWW.XIAOHONGSHU.COM/explore/" ID, ID, NULL },
  { "https://www.xiaohongshu.com./explore/" ID, ID, NULL },
  { "https://m.xiaohongshu.com/discovery/item/" ID, ID, NULL },
  { "https://www.xiaohongshu.com:443/explore/" ID, ID, NULL },
  { "https://www.xiaohongshu.com/explore/649C46AB000000002702AD36", ID, NULL },
  { "https://www.xiaohongshu.com/explore/" ID "?xsec_token=AB%zz%", ID, NULL },
  { "www.xiaohongshu.com/explore/" ID, ID, NULL },
  { "(https://www.xiaohongshu.com/explore/" ID ").", ID, NULL },
  { "链接：https://www.xiaohongshu.com/explore/" ID "，复制后打开", ID, NULL },
  { "【春日穿搭】 https://www.xiaohongshu.com/discovery/item/" ID "?xsec_token=AB= 复制后打开【小红书】查看笔记。", ID, NULL },
  { "https://www.xiaohongshu.com/website-login/captcha?redirectPath=https%3A%2F%2Fwww.xiaohongshu.com%2Fdiscovery%2Fitem%2F" ID "%3Fxsec_token%3DAB", ID, NULL },
  /* short links, alone and in the app's share text */
  { "春季美妆新品推荐 春天来了，这几款新品真的绝了 😆 " SHORT "，复制本条信息，打开【小红书】App查看精彩内容！", NULL, SHORT },
  { "64 小红书用户发布了一篇小红书笔记，快来看吧！ 😆 aB3dE5fG 😆 " SHORT "。", NULL, SHORT },
  { "😆" SHORT "😆", NULL, SHORT },
  { SHORT, NULL, SHORT },
  { SHORT ",", NULL, SHORT },
  { SHORT "/", NULL, SHORT "/" },
  { SHORT "#frag", NULL, SHORT },
  { SHORT "?share=1", NULL, SHORT "?share=1" },
  { "HTTP://XHSLINK.COM/a/AbCd123", NULL, SHORT },
  { "https://xhslink.cn/m/4xY3fGh", NULL, "https://xhslink.cn/m/4xY3fGh" },
  { "http://www.xhslink.com/AbCd123", NULL, "http://www.xhslink.com/AbCd123" },
  { "xhslink.com/a/AbCd123", NULL, "https://xhslink.com/a/AbCd123" },
  { "打开 https://xhslink.com/o/8aBcD_-e！", NULL, "https://xhslink.com/o/8aBcD_-e" },
  /* preference: note link, then short link, then bare id */
  { SHORT " https://www.xiaohongshu.com/explore/" ID, ID, NULL },
  { ID2 " " SHORT, NULL, SHORT },
  { ID2 " https://www.xiaohongshu.com/explore/" ID, ID, NULL },
  { "https://www.xiaohongshu.com/user/profile/" UID " 看这篇 " ID, ID, NULL },
  { "https://evil.example/explore/" UID " " ID, ID, NULL },
  { "javascript:alert('" UID "') " ID, ID, NULL },
};

static const char * const bad_cases[] = {
  "",
  "   \n\t ",
  "\xe3\x80\x80",                                   /* an ideographic space */
  "649c46ab000000002702ad3",                        /* 23 digits */
  "649c46ab000000002702ad36f",                      /* 25 digits */
  "649c46ab000000002702ad3g",                       /* not hex */
  "x" ID,
  ID "g",
  ID "_1",
  "0x" ID,
  "649c46ab 000000002702ad36",
  "https://evil.example/explore/" ID,
  "http://evil.example/discovery/item/" ID "?xsec_token=AB",
  "evil.example/explore/" ID,
  "/explore/" ID,
  "https://www.xiaohongshu.com.evil.example/explore/" ID,
  "https://www.xiaohongshu.com@evil.example/explore/" ID,
  "https://evilxiaohongshu.com/explore/" ID,
  "https://evil.example/?u=https://www.xiaohongshu.com/explore/" ID,
  "https://evil.example/website-login?redirectPath=https%3A%2F%2Fwww.xiaohongshu.com%2Fexplore%2F" ID,
  "javascript:alert('" ID "')",
  "JavaScript:location='https://www.xiaohongshu.com/explore/" ID "'",
  "javascript://www.xiaohongshu.com/explore/" ID,
  "data:text/html," ID,
  "ftp://www.xiaohongshu.com/explore/" ID,
  "https://www.xiaohongshu.com/user/profile/" UID,
  "https://www.xiaohongshu.com/user/profile/" UID "?xsec_token=AB",
  "https://www.xiaohongshu.com/explore",
  "https://www.xiaohongshu.com/explore/649c46ab000000002702ad3",
  "https://www.xiaohongshu.com/explore/" ID "/comments",
  "https://www.xiaohongshu.com/explore//" ID,
  "https://www.xiaohongshu.com/",
  "http://xhslink.com/",
  "http://xhslink.com",
  "http://xhslink.com:8080/a/AbCd123",
  "http://user@xhslink.com/a/AbCd123",
  "http://xhslink.com/a/b/AbCd123",
  "http://xhslink.com/a/Ab%2FCd",
  "http://xhslink.com/a/Ab.Cd",
  "https://xhslink.com.evil.example/a/AbCd123",
  "https://evil-xhslink.com/a/AbCd123",
  "http://xhslink.org/a/AbCd123",
  "复制本条信息，打开【小红书】App查看精彩内容！",
  "https://",
  "://" ID,
};

static void
assert_reference (const RefCase *ref)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note_id = NULL;
  g_autofree char *short_link = NULL;
  gboolean ok;

  g_test_message ("text: %s", ref->text);
  ok = hs_note_ref_parse (ref->text, &note_id, &short_link, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpstr (note_id, ==, ref->note_id);
  g_assert_cmpstr (short_link, ==, ref->short_link);
}

static void
assert_rejected (const char *text)
{
  g_autoptr(GError) error = NULL;
  char *note_id = (char *) "untouched";
  char *short_link = (char *) "untouched";

  g_test_message ("text: %s", text);
  g_assert_false (hs_note_ref_parse (text, &note_id, &short_link, &error));
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE);
  g_assert_null (note_id);
  g_assert_null (short_link);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_note_ref_good (void)
{
  for (size_t i = 0; i < G_N_ELEMENTS (good_cases); i++)
    assert_reference (&good_cases[i]);
}

static void
test_note_ref_bad (void)
{
  for (size_t i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    assert_rejected (bad_cases[i]);

  assert_rejected (NULL);
}

static void
test_note_ref_id_is_valid (void)
{
  g_assert_true (hs_note_id_is_valid (ID));
  g_assert_true (hs_note_id_is_valid ("649C46AB000000002702AD36"));
  g_assert_true (hs_note_id_is_valid ("0123456789abcdefABCDEF00"));
  g_assert_false (hs_note_id_is_valid (NULL));
  g_assert_false (hs_note_id_is_valid (""));
  g_assert_false (hs_note_id_is_valid ("649c46ab000000002702ad3"));
  g_assert_false (hs_note_id_is_valid ("649c46ab000000002702ad36f"));
  g_assert_false (hs_note_id_is_valid ("649c46ab000000002702ad3g"));
  g_assert_false (hs_note_id_is_valid (" 649c46ab000000002702ad3"));
  g_assert_false (hs_note_id_is_valid (ID " "));
  g_assert_false (hs_note_id_is_valid ("../../v1/notes/search?a=b"));
}

static void
test_note_ref_messages (void)
{
  struct { const char *text; const char *message; } cases[] = {
    { "hello", "“hello” does not contain a note id or a Xiaohongshu link" },
    { "  a\n\n\tb  ", "“a b” does not contain a note id or a Xiaohongshu link" },
    { "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ",
      "“abcdefghijklmnopqrstuvwxyz0123456789ABCD…” does not contain a note id or a Xiaohongshu link" },
    { "红薯\xe2\x80\xae" "abc", "“红薯abc” does not contain a note id or a Xiaohongshu link" },
    { "", "Paste a note id, a note link or the share text of the Xiaohongshu app" },
    { " \n ", "Paste a note id, a note link or the share text of the Xiaohongshu app" },
    { "\xff\xfe" ID, "The text is not valid UTF-8, so it cannot name a note" },
    { ID "\xc3", "The text is not valid UTF-8, so it cannot name a note" },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *note_id = NULL;
      g_autofree char *short_link = NULL;

      g_assert_false (hs_note_ref_parse (cases[i].text, &note_id, &short_link, &error));
      g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static char *
make_text (size_t      size,
           const char *prefix,
           const char *filler)
{
  GString *text = g_string_sized_new (size + 8);

  g_string_append (text, prefix);
  while (text->len < size)
    g_string_append (text, filler);

  return g_string_free (text, FALSE);
}

static void
test_note_ref_large_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note_id = NULL;
  g_autofree char *short_link = NULL;
  g_autofree char *letters = make_text (1024 * 1024, "", "a");
  g_autofree char *id_first = make_text (1024 * 1024, ID " ", "红薯 ");
  g_autofree char *id_late = make_text (HS_NOTE_REF_MAX_SCAN_BYTES + 100, "", " ");
  g_autofree char *cut_in_char = NULL;
  g_autofree char *bad_after_cap = NULL;
  GString *text;

  /* A megabyte without a reference: rejected, with a short message. */
  g_assert_false (hs_note_ref_parse (letters, &note_id, &short_link, &error));
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE);
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_clear_error (&error);

  g_assert_true (hs_note_ref_parse (id_first, &note_id, &short_link, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (note_id, ==, ID);
  g_clear_pointer (&note_id, g_free);

  /* Beyond the scanned prefix nothing counts. */
  memcpy (id_late + HS_NOTE_REF_MAX_SCAN_BYTES + 10, ID, strlen (ID));
  g_assert_false (hs_note_ref_parse (id_late, &note_id, &short_link, &error));
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE);
  g_clear_error (&error);

  /* The cap falls inside a three-byte character: not invalid UTF-8. */
  text = g_string_new (ID " ");
  while (text->len < HS_NOTE_REF_MAX_SCAN_BYTES - 1)
    g_string_append_c (text, ' ');
  g_string_append (text, "红红红");
  g_assert_cmpuint (text->len, ==, HS_NOTE_REF_MAX_SCAN_BYTES - 1 + 9);
  cut_in_char = g_string_free (text, FALSE);
  g_assert_true (hs_note_ref_parse (cut_in_char, &note_id, &short_link, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (note_id, ==, ID);
  g_clear_pointer (&note_id, g_free);

  /* Invalid bytes past the cap are never read. */
  bad_after_cap = make_text (HS_NOTE_REF_MAX_SCAN_BYTES + 16, SHORT " ", " ");
  bad_after_cap[HS_NOTE_REF_MAX_SCAN_BYTES + 4] = '\xff';
  g_assert_true (hs_note_ref_parse (bad_after_cap, &note_id, &short_link, &error));
  g_assert_no_error (error);
  g_assert_null (note_id);
  g_assert_cmpstr (short_link, ==, SHORT);
}

static void
test_note_ref_optional_outs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note_id = NULL;
  g_autofree char *short_link = NULL;

  /* Without a place for a short link, short links are not looked for. */
  g_assert_false (hs_note_ref_parse (SHORT, &note_id, NULL, &error));
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE);
  g_clear_error (&error);

  g_assert_true (hs_note_ref_parse (ID2 " " SHORT, &note_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (note_id, ==, ID2);

  g_assert_true (hs_note_ref_parse (SHORT " " ID, NULL, &short_link, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (short_link, ==, SHORT);
  g_clear_pointer (&short_link, g_free);

  g_assert_false (hs_note_ref_parse (ID, NULL, &short_link, NULL));
  g_assert_null (short_link);
}

static void
test_note_ref_id_from_url (void)
{
  struct { const char *url; const char *note_id; } cases[] = {
    { "https://www.xiaohongshu.com/discovery/item/" ID "?app_platform=android&xsec_token=CB", ID },
    { "https://www.xiaohongshu.com/explore/" ID, ID },
    { "https://www.rednote.com/explore/" ID "?xsec_token=AB#x", ID },
    { "https://www.xiaohongshu.com/user/profile/" UID "/" ID, ID },
    { "  https://www.xiaohongshu.com/explore/649C46AB000000002702AD36\n", ID },
    { "https://www.xiaohongshu.com/website-login/captcha?redirectPath=https%3A%2F%2Fwww.xiaohongshu.com%2Fexplore%2F" ID, ID },
    { "https://www.xiaohongshu.com/404?source=/404/sec_abc", NULL },
    { "https://www.xiaohongshu.com/user/profile/" UID, NULL },
    { "https://evil.example/explore/" ID, NULL },
    { "https://www.xiaohongshu.com/website-login/captcha?redirectPath=https%3A%2F%2Fevil.example%2Fexplore%2F" ID, NULL },
    /* redirectPath is followed one level only */
    { "https://www.xiaohongshu.com/login?redirectPath=https%3A%2F%2Fwww.xiaohongshu.com%2Flogin%3FredirectPath%3Dhttps%253A%252F%252Fwww.xiaohongshu.com%252Fexplore%252F" ID, NULL },
    { SHORT, NULL },
    { ID, NULL },
    { "www.xiaohongshu.com/explore/" ID, NULL },
    { "file:///explore/" ID, NULL },
    { "", NULL },
    { NULL, NULL },
    { "https://www.xiaohongshu.com/explore/" ID "\xff", NULL },
  };

  for (size_t i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *note_id = hs_note_ref_note_id_from_url (cases[i].url);

      g_test_message ("url: %s", cases[i].url);
      g_assert_cmpstr (note_id, ==, cases[i].note_id);
    }
}

#define ID "649c46ab000000002702ad36"

static void
test_note_ref_keeps_link (void)
{
  static const struct {
    const char *text;
    const char *note_id;
    const char *link;
    const char *short_link;
    const char *web_link;
  } cases[] = {
    /* A bare id stays a bare id; its web link is the canonical one. */
    { ID, ID, NULL, NULL, HS_URLS_NOTE_LINK_PREFIX ID },
    { "ID：" "649C46AB000000002702AD36" "。", ID, NULL, NULL, HS_URLS_NOTE_LINK_PREFIX ID },
    /* A link keeps its query string, as given; the fragment goes. */
    { "看看 https://www.xiaohongshu.com/explore/" ID "?xsec_token=ABtok=&xsec_source=pc_share 复制",
      ID, "https://www.xiaohongshu.com/explore/" ID "?xsec_token=ABtok=&xsec_source=pc_share", NULL,
      "https://www.xiaohongshu.com/explore/" ID "?xsec_token=ABtok=&xsec_source=pc_share" },
    { "https://www.rednote.com/discovery/item/" ID "?xsec_token=T#comments",
      ID, "https://www.rednote.com/discovery/item/" ID "?xsec_token=T", NULL,
      "https://www.rednote.com/discovery/item/" ID "?xsec_token=T" },
    { "www.xiaohongshu.com/explore/" ID "?xsec_token=T",
      ID, "https://www.xiaohongshu.com/explore/" ID "?xsec_token=T", NULL,
      "https://www.xiaohongshu.com/explore/" ID "?xsec_token=T" },
    /* Short links: www. too, not followed yet. */
    { "http://www.xhslink.com/a/AbCd123，复制", NULL, NULL, "http://www.xhslink.com/a/AbCd123",
      "http://www.xhslink.com/a/AbCd123" },
    { "xhslink.cn/m/Xy_z-1", NULL, NULL, "https://xhslink.cn/m/Xy_z-1", "https://xhslink.cn/m/Xy_z-1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HsNoteRef) ref = hs_note_ref_new_from_text (cases[i].text, &error);
      g_autofree char *web_link = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_no_error (error);
      g_assert_cmpstr (hs_note_ref_get_note_id (ref), ==, cases[i].note_id);
      g_assert_cmpstr (hs_note_ref_get_link (ref), ==, cases[i].link);
      g_assert_cmpstr (hs_note_ref_get_short_link (ref), ==, cases[i].short_link);
      web_link = hs_note_ref_dup_web_link (ref);
      g_assert_cmpstr (web_link, ==, cases[i].web_link);
    }
}

static void
test_note_ref_constructors (void)
{
  g_autoptr(HsNoteRef) by_id = hs_note_ref_new_for_id (ID);
  g_autoptr(HsNoteRef) by_link = hs_note_ref_new_for_link ("https://www.xiaohongshu.com/explore/" ID "?xsec_token=T");
  g_autoptr(HsNoteRef) same_link = hs_note_ref_new_from_text ("https://www.xiaohongshu.com/explore/" ID "?xsec_token=T", NULL);
  g_autoptr(HsNoteRef) by_short = hs_note_ref_new_for_short_link ("https://xhslink.com/a/AbCd123");
  g_autoptr(GError) error = NULL;
  HsNoteRef *none;

  g_assert_cmpstr (hs_note_ref_get_note_id (by_id), ==, ID);
  g_assert_null (hs_note_ref_get_link (by_id));
  g_assert_cmpstr (hs_note_ref_get_note_id (by_link), ==, ID);
  g_assert_true (hs_note_ref_equal (by_link, same_link));
  g_assert_false (hs_note_ref_equal (by_link, by_id));
  g_assert_null (hs_note_ref_get_note_id (by_short));
  g_assert_cmpstr (hs_note_ref_get_short_link (by_short), ==, "https://xhslink.com/a/AbCd123");

  g_assert_null (hs_note_ref_new_for_id ("xyz"));
  g_assert_null (hs_note_ref_new_for_link ("https://evil.example/explore/" ID));
  g_assert_null (hs_note_ref_new_for_link ("javascript:alert(1)"));
  g_assert_null (hs_note_ref_new_for_short_link ("https://sub.xhslink.com/a/AbCd123"));
  g_assert_null (hs_note_ref_new_for_short_link ("https://xhslink.com:8080/a/AbCd123"));

  none = hs_note_ref_new_from_text ("just words", &error);
  g_assert_null (none);
  g_assert_error (error, HS_ERROR, HS_ERROR_INVALID_REFERENCE);

  /* Reference counting. */
  g_assert_true (hs_note_ref_ref (by_id) == by_id);
  hs_note_ref_unref (by_id);
}

static void
test_urls (void)
{
  g_autoptr(GUri) a = hs_urls_parse_web ("https://Example.com/x");
  g_autoptr(GUri) b = hs_urls_parse_web ("https://example.com:443/y?z");
  g_autoptr(GUri) c = hs_urls_parse_web ("http://example.com/x");
  g_autofree char *origin = hs_urls_origin (a);
  g_autofree char *mapped = hs_urls_map_short_link ("https://www.xhslink.com/a/AbCd123?x=1", "http://127.0.0.1:1/xhslink/");
  g_autofree char *unmapped = hs_urls_map_short_link ("https://example.com/a/AbCd123", "http://127.0.0.1:1/xhslink");
  g_autofree char *link = hs_urls_note_link (ID);

  g_assert_cmpstr (origin, ==, "https://example.com:443");
  g_assert_true (hs_urls_same_origin (a, b));
  g_assert_false (hs_urls_same_origin (a, c));
  g_assert_null (hs_urls_parse_web ("file:///etc/passwd"));
  g_assert_null (hs_urls_parse_web ("https:///nohost"));
  g_assert_false (hs_urls_is_web ("javascript:alert(1)"));
  g_assert_true (hs_urls_is_web ("HTTP://a.b/"));

  for (guint i = 0; i < 4; i++)
    {
      static const char * const hosts[] = { "xhslink.com", "www.xhslink.com", "XHSLINK.CN", "www.xhslink.cn." };

      g_assert_true (hs_urls_host_is_short_link (hosts[i]));
    }
  g_assert_false (hs_urls_host_is_short_link ("a.xhslink.com"));
  g_assert_true (hs_urls_host_is_note_site ("www.rednote.com"));
  g_assert_false (hs_urls_host_is_note_site ("evilxiaohongshu.com"));
  g_assert_true (hs_urls_host_is_media_cdn ("sns-webpic-qc.xhscdn.com"));
  g_assert_false (hs_urls_host_is_media_cdn ("xhscdn.com.evil.example"));

  /* Every short-link host moves onto the demo's base, www. included. */
  g_assert_cmpstr (mapped, ==, "http://127.0.0.1:1/xhslink/a/AbCd123?x=1");
  g_assert_cmpstr (unmapped, ==, "https://example.com/a/AbCd123");
  g_assert_cmpstr (link, ==, "https://www.xiaohongshu.com/explore/" ID);
}

static void
test_urls_search_links (void)
{
  static const char * const refused[] = {
    "hongshu-search:", "hongshu-search:?", "hongshu-search:?keyword=",
    "hongshu-search:?keyword=%20%20", "hongshu-search:?keyword=a&tag=b",
    "hongshu-search:?page=2", "hongshu-search:?tag=%FF", "https://example.com/?keyword=a",
    "hongshu-searching:?keyword=a", "",
  };
  g_autofree char *keyword_link = hs_urls_search_link ("口红 & 色号", FALSE);
  g_autofree char *tag_link = hs_urls_search_link ("a=b?c#d", TRUE);
  g_autofree char *query = NULL;
  gboolean is_tag = TRUE;

  g_assert_true (g_str_has_prefix (keyword_link, "hongshu-search:?keyword="));
  g_assert_true (hs_urls_parse_search_link (keyword_link, &query, &is_tag));
  g_assert_cmpstr (query, ==, "口红 & 色号");
  g_assert_false (is_tag);
  g_clear_pointer (&query, g_free);

  g_assert_true (hs_urls_parse_search_link (tag_link, &query, &is_tag));
  g_assert_cmpstr (query, ==, "a=b?c#d");
  g_assert_true (is_tag);
  g_clear_pointer (&query, g_free);

  /* A search link is not a note reference even when it holds an id. */
  g_assert_true (hs_urls_parse_search_link ("HONGSHU-SEARCH:?tag=" "649c46ab000000002702ad36", NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (hs_urls_parse_search_link (refused[i], &query, NULL));
      g_assert_null (query);
    }

  /* The website's search page, where its topic links lead. */
  g_assert_true (hs_urls_parse_search_link ("https://www.xiaohongshu.com/search_result?keyword=%23%E5%8F%A3%E7%BA%A2%5B%E8%AF%9D%E9%A2%98%5D%23&source=web",
                                            &query, &is_tag));
  g_assert_cmpstr (query, ==, "口红");
  g_assert_true (is_tag);
  g_clear_pointer (&query, g_free);
  g_assert_true (hs_urls_parse_search_link ("https://www.rednote.com/search_result?keyword=%E5%8F%A3%E7%BA%A2",
                                            &query, &is_tag));
  g_assert_cmpstr (query, ==, "口红");
  g_assert_false (is_tag);
  g_clear_pointer (&query, g_free);
  g_assert_false (hs_urls_parse_search_link ("https://example.com/search_result?keyword=a", NULL, NULL));
  g_assert_false (hs_urls_parse_search_link ("https://www.xiaohongshu.com/explore?keyword=a", NULL, NULL));
  g_assert_false (hs_urls_parse_search_link ("https://www.xiaohongshu.com/search_result?keyword=%23", NULL, NULL));
}

int
main (int    argc,
      char **argv)
{
  /* The messages are compared in English. */
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/note-ref/good", test_note_ref_good);
  g_test_add_func ("/note-ref/bad", test_note_ref_bad);
  g_test_add_func ("/note-ref/id-is-valid", test_note_ref_id_is_valid);
  g_test_add_func ("/note-ref/messages", test_note_ref_messages);
  g_test_add_func ("/note-ref/large-input", test_note_ref_large_input);
  g_test_add_func ("/note-ref/optional-outs", test_note_ref_optional_outs);
  g_test_add_func ("/note-ref/id-from-url", test_note_ref_id_from_url);
  g_test_add_func ("/note-ref/keeps-link", test_note_ref_keeps_link);
  g_test_add_func ("/note-ref/constructors", test_note_ref_constructors);
  g_test_add_func ("/urls/hosts-origins-links", test_urls);
  g_test_add_func ("/urls/search-links", test_urls_search_links);

  return g_test_run ();
}
