#include "config.h"

#include <string.h>

#include "hs-content-html.h"
#include "hs-urls.h"

#define CDN "https://sns-img.example.com/a.jpg"
#define CDN_MEDIA "hs-media:///image?u=https%3A%2F%2Fsns-img.example.com%2Fa.jpg"

static void
test_media_uri_round_trip (void)
{
  static const char * const urls[] = {
    CDN,
    "http://cdn.example.com/p/1.webp?imageView2/2/w/1080&x=%E4%B8%AD#frag",
    "https://图片.example.com/中文/名字.jpg?a=1&b=2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *media = hs_media_uri_for_url (urls[i]);
      g_autofree char *back = hs_media_uri_get_url (media);

      g_assert_true (g_str_has_prefix (media, "hs-media:///image?u="));
      /* Plain ASCII without quotes, spaces or '&': safe in any attribute. */
      for (const char *p = media; *p; p++)
        g_assert_true (g_ascii_isalnum (*p) || strchr (":/?=%-_.~", *p) != NULL);
      g_assert_cmpstr (back, ==, urls[i]);
    }

  {
    g_autofree char *media = hs_media_uri_for_url (CDN);

    g_assert_cmpstr (media, ==, CDN_MEDIA);
  }
}

static void
test_media_uri_rejects (void)
{
  static const char * const bad_urls[] = {
    "javascript:alert(1)", "file:///etc/passwd", "data:image/png;base64,AAAA",
    "hs-media:///image?u=x", "/relative.jpg", "relative.jpg", "https://", "", "ftp://a/b",
    /* Not UTF-8: it could not be read back. */
    "http://x.example/a\xff.png",
  };
  static const char * const bad_media[] = {
    "hs-media:///image?u=file%3A%2F%2F%2Fetc%2Fpasswd",
    "hs-media:///image?u=javascript%3Aalert(1)",
    "hs-media:///image",
    "hs-media:///other?u=https%3A%2F%2Fa.example%2F",
    "hs-media://host/image?u=https%3A%2F%2Fa.example%2F",
    "https:///image?u=https%3A%2F%2Fa.example%2F",
    "hs-media:///image?v=https%3A%2F%2Fa.example%2F",
    "not a uri",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    g_assert_null (hs_media_uri_for_url (bad_urls[i]));
  g_assert_null (hs_media_uri_for_url (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad_media); i++)
    g_assert_null (hs_media_uri_get_url (bad_media[i]));
  g_assert_null (hs_media_uri_get_url (NULL));
}

typedef struct
{
  const char *input;
  const char *expected;
} Case;

static void
check_cases (const Case *cases,
             gsize       n_cases)
{
  g_autofree char *scope = hs_urls_media_scope (CDN);
  const char * const scopes[] = { scope, "http://cdn.example.com:80/p/", NULL };

  g_assert_cmpstr (scope, ==, "https://sns-img.example.com:443/");

  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *result = hs_content_html_rewrite (cases[i].input, scopes);

      g_test_message ("input: %s", cases[i].input);
      g_assert_cmpstr (result, ==, cases[i].expected);
    }
}

static void
test_rewrite_images (void)
{
  static const Case cases[] = {
    { "<p>文字</p>", "<p>文字</p>" },
    { "<img src=\"" CDN "\">", "<img src=\"" CDN_MEDIA "\">" },
    { "<IMG SRC='" CDN "' ALT=\"图\">", "<img src=\"" CDN_MEDIA "\" alt=\"图\">" },
    { "<img src=" CDN ">", "<img src=\"" CDN_MEDIA "\">" },
    { "<img\n  src = \"" CDN "\"  />", "<img src=\"" CDN_MEDIA "\">" },
    { "<img/src=\"" CDN "\">", "<img src=\"" CDN_MEDIA "\">" },
    /* Character references in the address are decoded before it is escaped. */
    { "<img src=\"http://cdn.example.com/p/x?a=1&amp;b=2\">",
      "<img src=\"hs-media:///image?u=http%3A%2F%2Fcdn.example.com%2Fp%2Fx%3Fa%3D1%26b%3D2\">" },
    { "<img src=\"http://cdn.example.com/p/x?a=1&#38;b=2\">",
      "<img src=\"hs-media:///image?u=http%3A%2F%2Fcdn.example.com%2Fp%2Fx%3Fa%3D1%26b%3D2\">" },
    { "<img src=\"http://cdn.example.com/p/x?a=1&ampb=2\">",
      "<img src=\"hs-media:///image?u=http%3A%2F%2Fcdn.example.com%2Fp%2Fx%3Fa%3D1%26ampb%3D2\">" },
    /* Addresses without a scheme mean https. */
    { "<img src=\"//sns-img.example.com/a.jpg\">", "<img src=\"" CDN_MEDIA "\">" },
    /* Whitespace around the address is not part of it. */
    { "<img src=\"  " CDN "\n\">", "<img src=\"" CDN_MEDIA "\">" },
    /* <image> is <img> to the parser. */
    { "<image src=\"" CDN "\">", "<img src=\"" CDN_MEDIA "\">" },
    /* Lazy-loading markup. */
    { "<img src=\"data:image/gif;base64,R0lGOD\" data-src=\"" CDN "\" class=\"lazy\">",
      "<img src=\"" CDN_MEDIA "\" class=\"lazy\">" },
    /* Attributes the parser would see are kept; others go. */
    { "<img width=\"300\" height=200 style=\"border:0\" src=\"" CDN "\" loading=lazy>",
      "<img src=\"" CDN_MEDIA "\" width=\"300\" height=\"200\" style=\"border:0\">" },
    /* A '>' inside a quoted value does not end the tag. */
    { "<img alt=\"a>b\" src=\"" CDN "\">x", "<img src=\"" CDN_MEDIA "\" alt=\"a&gt;b\">x" },
    { "<div title='<img src=\"" CDN "\">'>t</div>", "<div title='<img src=\"" CDN "\">'>t</div>" },
    /* Small pictures are emoji: marked to stay in the line. */
    { "<p>好<img src=\"" CDN "\" width=\"20\" height=\"20\">看</p>",
      "<p>好<img src=\"" CDN_MEDIA "\" data-hs-inline width=\"20\" height=\"20\">看</p>" },
    { "<img src=\"" CDN "\" width=\"48px\" data-hs-inline>",
      "<img src=\"" CDN_MEDIA "\" data-hs-inline width=\"48px\">" },
    { "<img src=\"" CDN "\" width=\"480\" data-hs-inline>",
      "<img src=\"" CDN_MEDIA "\" width=\"480\">" },
    /* Several images and text between them. */
    { "a<img src=\"" CDN "\">b<img src=\"" CDN "\">c",
      "a<img src=\"" CDN_MEDIA "\">b<img src=\"" CDN_MEDIA "\">c" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_rewrite_hostile (void)
{
  static const Case cases[] = {
    /* Pictures from outside the note's own media are dropped, never served. */
    { "<img src=\"https://tracker.example.net/pixel.gif\" alt=x>", "<img alt=\"x\">" },
    { "<img src=\"http://cdn.example.com/other/x.jpg\">", "<img>" },
    { "<img src=\"http://cdn.example.com:8080/p/x.jpg\">", "<img>" },
    { "<img src=\"https://sns-webpic-qc.xhscdn.com/2025/x!nd_dft\">",
      "<img src=\"hs-media:///image?u=https%3A%2F%2Fsns-webpic-qc.xhscdn.com%2F2025%2Fx%21nd_dft\">" },
    /* Addresses that are not http(s) are dropped, never served. */
    { "<img src=\"javascript:alert(1)\">", "<img>" },
    { "<img src=\"file:///etc/passwd\" alt=x>", "<img alt=\"x\">" },
    { "<img src=\"hs-media:///image?u=file%3A%2F%2F%2Fetc%2Fpasswd\">", "<img>" },
    { "<img src=\"/relative.png\">", "<img>" },
    { "<img src=\"jav&#x09;ascript:alert(1)\">", "<img>" },
    /* Event handlers, srcset and CORS go. */
    { "<img src=x onerror=\"alert(1)\" ONLOAD=alert(2)>", "<img>" },
    { "<img src=\"" CDN "\" srcset=\"http://evil.example/1x.jpg 1x\" crossorigin>",
      "<img src=\"" CDN_MEDIA "\">" },
    /* The first of duplicate attributes counts, as in HTML. */
    { "<img src=\"" CDN "\" src=\"http://evil.example/x.jpg\">", "<img src=\"" CDN_MEDIA "\">" },
    { "<img alt=1 alt=2 src=\"" CDN "\">", "<img src=\"" CDN_MEDIA "\" alt=\"1\">" },
    /* Quotes and markup in kept values are escaped again. */
    { "<img alt='\"><script>alert(1)</script>' src=\"" CDN "\">",
      "<img src=\"" CDN_MEDIA "\" alt=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">" },
    /* A tag cut off at the end is dropped, as the parser does. */
    { "text<img src=\"" CDN, "text" },
    { "text<img src=\"" CDN "\" alt=", "text" },
    /* Inside comments and raw text there are no tags. */
    { "<!-- <img src=\"" CDN "\"> -->", "<!-- <img src=\"" CDN "\"> -->" },
    { "<!--><img src=\"" CDN "\">", "<!--><img src=\"" CDN_MEDIA "\">" },
    { "<script>x='<img src=\"" CDN "\">'</script><img src=\"" CDN "\">",
      "<script>x='<img src=\"" CDN "\">'</script><img src=\"" CDN_MEDIA "\">" },
    { "<STYLE>a{}</style ><img src=\"" CDN "\">",
      "<STYLE>a{}</style ><img src=\"" CDN_MEDIA "\">" },
    { "<textarea><img src=\"" CDN "\"></textarea>", "<textarea><img src=\"" CDN "\"></textarea>" },
    { "<title><img src=x></titlex><img src=y>", "<title><img src=x></titlex><img src=y>" },
    { "<plaintext><img src=\"" CDN "\">", "<plaintext><img src=\"" CDN "\">" },
    /* <picture> sources would win over our <img> and then be blocked. */
    { "<picture><source srcset=\"http://evil.example/a.webp\" type=\"image/webp\">"
      "<img src=\"" CDN "\"></picture>",
      "<picture><source type=\"image/webp\"><img src=\"" CDN_MEDIA "\"></picture>" },
    /* Stray '<' are text. */
    { "1 < 2 <3", "1 &lt; 2 &lt;3" },
    { "<!DOCTYPE html><p>x</p>", "<!DOCTYPE html><p>x</p>" },
    { "</ x><img src=y>", "</ x><img>" },
    /* Other tags pass unchanged, hostile or not: the policy and the view deal with them. */
    { "<iframe src=\"http://evil.example/\"></iframe>", "<iframe src=\"http://evil.example/\"></iframe>" },
    { "<a href=\"javascript:alert(1)\">x</a>", "<a href=\"javascript:alert(1)\">x</a>" },
    { "", "" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
  {
    g_autofree char *empty = hs_content_html_rewrite (NULL, NULL);

    g_assert_cmpstr (empty, ==, "");
  }
}

static void
test_rewrite_drops_link_meta_base (void)
{
  static const Case cases[] = {
    { "<link rel=\"preconnect\" href=\"http://probe.example/\"><p>a</p>", "<p>a</p>" },
    { "<LINK REL=dns-prefetch HREF=//probe.example>b", "b" },
    { "<link rel=preload as=image href=\"http://probe.example/x.png\"/>c", "c" },
    { "<link rel=\"prefetch\" href=\"http://probe.example/p\">d</link>", "d</link>" },
    { "<meta http-equiv=\"refresh\" content=\"0;url=http://probe.example/\">e", "e" },
    { "<base href=\"http://probe.example/\"><a href=\"x\">f</a>", "<a href=\"x\">f</a>" },
    /* Only the tags: the text around them and look-alike names stay. */
    { "<p>g<metadata>h</metadata><linked>i</linked></p>",
      "<p>g<metadata>h</metadata><linked>i</linked></p>" },
    /* Inside a raw-text element it is text, not a tag. */
    { "<textarea><link rel=preconnect href=x></textarea>",
      "<textarea><link rel=preconnect href=x></textarea>" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_rewrite_topic_links (void)
{
  g_autofree char *meizhuang = hs_urls_search_link ("美妆", TRUE);
  g_autofree char *xinpin = hs_urls_search_link ("新品", TRUE);
  g_autofree char *expected = g_strdup_printf ("<p>今天 <a class=\"topic\" href=\"%s\">#美妆</a>，"
                                               "<a class=\"topic\" href=\"%s\">#新品</a></p>",
                                               meizhuang, xinpin);
  const Case cases[] = {
    { "<p>今天 #美妆，#新品</p>", expected },
    /* Already a link, a fragment, "C#", a lone '#', an entity, raw text: left alone. */
    { "<a href=\"x\">#美妆</a>", "<a href=\"x\">#美妆</a>" },
    { "see http://a.example/#top and C# or # alone &#35;",
      "see http://a.example/#top and C# or # alone &#35;" },
    { "<style>#id { color: red }</style>", "<style>#id { color: red }</style>" },
  };

  g_assert_true (g_str_has_prefix (meizhuang, "hongshu-search:"));
  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_media_scope (void)
{
  static const struct {
    const char *url;
    const char *scope;
  } scopes[] = {
    { "http://127.0.0.1:40123/cdn/img/kitty.png", "http://127.0.0.1:40123/cdn/" },
    { "https://CDN.Example.com/img/a.jpg", "https://cdn.example.com:443/img/" },
    { "http://cdn.example.com/a.jpg", "http://cdn.example.com:80/" },
    { "https://cdn.example.com:8443/x/y/z.jpg", "https://cdn.example.com:8443/x/" },
    { "javascript:alert(1)", NULL },
    { "file:///etc/passwd", NULL },
  };
  static const char * const demo[] = { "http://127.0.0.1:40123/cdn/", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      g_autofree char *scope = hs_urls_media_scope (scopes[i].url);

      g_assert_cmpstr (scope, ==, scopes[i].scope);
    }

  g_assert_true (hs_urls_media_allowed ("http://127.0.0.1:40123/cdn/img/a.webp", demo));
  g_assert_true (hs_urls_media_allowed ("http://127.0.0.1:40123/cdn/avatar/b", demo));
  g_assert_false (hs_urls_media_allowed ("http://127.0.0.1:40123/remote-probe/x.png", demo));
  g_assert_false (hs_urls_media_allowed ("http://127.0.0.1:40123/cdn/../remote-probe/x.png", demo));
  g_assert_false (hs_urls_media_allowed ("http://127.0.0.1:40123/cdnx/a.png", demo));
  g_assert_false (hs_urls_media_allowed ("http://127.0.0.1:40124/cdn/a.png", demo));
  g_assert_false (hs_urls_media_allowed ("https://127.0.0.1:40123/cdn/a.png", demo));
  g_assert_false (hs_urls_media_allowed ("http://localhost:40123/cdn/a.png", demo));
  g_assert_false (hs_urls_media_allowed ("http://127.0.0.1:40123/cdn/a.png", NULL));
  g_assert_false (hs_urls_media_allowed ("file:///cdn/a.png", demo));
  /* Xiaohongshu's CDNs, and only they, need no scope. */
  g_assert_true (hs_urls_media_allowed ("https://sns-webpic-qc.xhscdn.com/1040g/x", NULL));
  g_assert_true (hs_urls_media_allowed ("http://ci.xiaohongshu.com/x.jpg", NULL));
  g_assert_true (hs_urls_media_allowed ("https://xhscdn.com/x.jpg", NULL));
  g_assert_false (hs_urls_media_allowed ("https://evilxhscdn.com/x.jpg", NULL));
  g_assert_false (hs_urls_media_allowed ("https://xhscdn.com.evil.example/x.jpg", NULL));
}

static void
test_build_document (void)
{
  g_autofree char *light = hs_content_html_build_document ("<p>正文</p>", "body{}", "Cantarell", FALSE);
  g_autofree char *dark = hs_content_html_build_document ("<p>正文</p>", "body{}", "Evil\"; } * { x", TRUE);

  g_assert_true (g_str_has_prefix (light, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head>"));
  g_assert_nonnull (strstr (light, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (light, "default-src 'none'; img-src hs-media:; style-src 'unsafe-inline'"));
  g_assert_nonnull (strstr (light, ":root { --hs-font-family: \"Cantarell\"; }"));
  g_assert_true (g_str_has_suffix (light, "</head><body><p>正文</p>"));

  g_assert_true (g_str_has_prefix (dark, "<!DOCTYPE html>\n<html lang=\"zh-CN\" class=\"hs-dark\">"));
  /* The font name cannot escape its CSS string. */
  g_assert_nonnull (strstr (dark, ":root { --hs-font-family: \"Evil    x\"; }"));
}

static void
test_ends_with_tags (void)
{
  static const char * const tags[] = { "美妆", "新品", NULL };
  static const char * const none[] = { NULL };
  static const struct { const char *html; gboolean expected; } cases[] = {
    { "<p>今天分享</p><p>#美妆 #新品</p>", TRUE },
    { "<p>今天分享 #新品&nbsp;#美妆</p>\n", TRUE },
    { "<p>今天分享</p><p>#美妆[话题]# #新品[话题]#</p>", TRUE },
    { "<p>#美妆 #新品 今天分享</p>", FALSE },           /* not at the end */
    { "<p>今天分享</p><p>#美妆</p>", FALSE },           /* one of two */
    { "<p>今天分享 美妆 新品</p>", FALSE },              /* words, not tags */
    { "<p><a href=\"#美妆\">链接</a></p>", FALSE },     /* in markup only */
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].html);
      g_assert_cmpint (hs_content_html_ends_with_tags (cases[i].html, tags), ==, cases[i].expected);
    }
  g_assert_false (hs_content_html_ends_with_tags ("<p>#美妆</p>", none));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/content-html/media-uri/round-trip", test_media_uri_round_trip);
  g_test_add_func ("/content-html/media-uri/rejects", test_media_uri_rejects);
  g_test_add_func ("/content-html/media-scope", test_media_scope);
  g_test_add_func ("/content-html/rewrite/images", test_rewrite_images);
  g_test_add_func ("/content-html/rewrite/hostile", test_rewrite_hostile);
  g_test_add_func ("/content-html/rewrite/drops-link-meta-base", test_rewrite_drops_link_meta_base);
  g_test_add_func ("/content-html/rewrite/topic-links", test_rewrite_topic_links);
  g_test_add_func ("/content-html/build-document", test_build_document);
  g_test_add_func ("/content-html/ends-with-tags", test_ends_with_tags);

  return g_test_run ();
}
