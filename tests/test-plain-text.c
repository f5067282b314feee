#include "config.h"

#include <string.h>
#include <glib.h>

#include "hs-plain-text.h"

typedef struct
{
  const char *input;
  const char *expected;
} Case;

static void
test_from_html (void)
{
  static const Case cases[] = {
    { "<p>今天分享几款超火的美妆新品...</p>", "今天分享几款超火的美妆新品..." },
    { "<p>一</p><p>二</p>", "一\n\n二" },
    { "<p>a<br>b<br/>c</p>", "a\nb\nc" },
    { "<div>  lots   of\n  space  </div>", "lots of space" },
    { "<ul><li>one</li><li>two</li></ul>after", "• one\n• two\n\nafter" },
    { "a &amp; b &lt;c&gt; &#20013;&#x6587; &quot;q&quot; &nbsp;x &bogus; &", "a & b <c> 中文 \"q\"  x &bogus; &" },
    { "<script>alert(1)</script><style>p{}</style>visible<!-- hidden -->", "visible" },
    { "<p title=\"a>b\">t</p>", "t" },
    { "<h1>标题</h1><p>正文<b>加粗</b>继续</p>", "标题\n\n正文加粗继续" },
    /* No tag at all: a plain-text body keeps its lines. */
    { "第一行\n第二行\n\n第二段", "第一行\n第二行\n\n第二段" },
    { "1 < 2 and 3 > 2", "1 < 2 and 3 > 2" },
    { "<p></p><p></p><p>x</p><p></p>", "x" },
    { "&#0;&#xD800;&#1114112;", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
    /* Invalid UTF-8, even a lead byte at the very end, becomes U+FFFD. */
    { "a\xff<p>b\xf0", "a\xef\xbf\xbd\n\nb\xef\xbf\xbd" },
    { "", "" },
    { NULL, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hs_plain_text_from_html (cases[i].input);
      g_autofree char *escaped = g_strescape (cases[i].input ? cases[i].input : "(null)", NULL);

      g_test_message ("input: %s", escaped);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_wrap (void)
{
  static const struct { const char *input; guint width; const char *expected; } cases[] = {
    { "the quick brown fox", 10, "the quick\nbrown fox" },
    { "the quick brown fox", 19, "the quick brown fox" },
    { "aaaaaaaaaaaa bb", 5, "aaaaa\naaaaa\naa bb" },
    /* Chinese characters are two columns and break anywhere... */
    { "今天分享几款超火的美妆新品", 10, "今天分享几\n款超火的美\n妆新品" },
    /* ...but not before closing punctuation. */
    { "一二三四，五六", 8, "一二三\n四，五六" },
    { "中文and English混排", 8, "中文and\nEnglish\n混排" },
    { "first line\n\nsecond paragraph", 8, "first\nline\n\nsecond\nparagrap\nh" },
    { "", 10, "" },
    { "\xe4\xb8", 10, "\xef\xbf\xbd\xef\xbf\xbd" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hs_plain_text_wrap (cases[i].input, cases[i].width);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autofree char *escaped = g_strescape (cases[i].input, NULL);

      g_test_message ("input: %s (%u)", escaped, cases[i].width);
      g_assert_cmpstr (text, ==, cases[i].expected);
      for (guint j = 0; lines[j] != NULL; j++)
        g_assert_cmpuint (hs_plain_text_width (lines[j]), <=, cases[i].width);
    }
}

static void
test_width (void)
{
  g_assert_cmpuint (hs_plain_text_width ("abc"), ==, 3);
  g_assert_cmpuint (hs_plain_text_width ("美妆"), ==, 4);
  g_assert_cmpuint (hs_plain_text_width ("a，b"), ==, 4);
  g_assert_cmpuint (hs_plain_text_width ("e\xcc\x81"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plain-text/from-html", test_from_html);
  g_test_add_func ("/plain-text/wrap", test_wrap);
  g_test_add_func ("/plain-text/width", test_width);

  return g_test_run ();
}
