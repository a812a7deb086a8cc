#define BOOST_TEST_MODULE plugin_markup
#include <boost/test/unit_test.hpp>

#include <glib.h>

#include <string>

#include "markup.h"

namespace softstart {
namespace {

struct Case {
  const char* in;
  const char* out;
};

BOOST_AUTO_TEST_CASE(VisibleTextIsWhatTheWindowShows) {
  const Case cases[] = {
      {"you never listen", "you never listen"},
      // Pidgin leaves apostrophes alone; D-Bus and Finch commands send &apos;.
      {"you don't care", "you don't care"},
      {"you don&apos;t care", "you don't care"},
      {"you don&#39;t care", "you don't care"},
      {"me &amp; you &lt;3 &quot;always&quot;", "me & you <3 \"always\""},
      {"<b>you</b> <font color=\"red\">never</font> listen", "you never listen"},
      {"first<br>second<BR/>third", "first\nsecond\nthird"},
      // Finch sends raw newlines; they are line breaks, not spaces.
      {"first\nsecond\r\nthird", "first\nsecond\nthird"},
      {"", ""},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("input: " << c.in) { BOOST_TEST(VisibleText(c.in) == c.out); }
  }
}

BOOST_AUTO_TEST_CASE(MarkupFromPlainTextShowsTheTextVerbatim) {
  const Case cases[] = {
      {"I'd love to talk", "I'd love to talk"},
      {"me & you <3", "me &amp; you &lt;3"},
      {"\"us\"", "&quot;us&quot;"},
      {"line one\nline two", "line one<br>line two"},
      {"line one\r\nline two\rthree", "line one<br>line two<br>three"},
      // Text that looks like markup is the user's words, not markup.
      {"<b>bold</b> &amp;", "&lt;b&gt;bold&lt;/b&gt; &amp;amp;"},
      {"", ""},
  };
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("input: " << c.in) { BOOST_TEST(MarkupFromPlainText(c.in) == c.out); }
  }
}

BOOST_AUTO_TEST_CASE(EscapedTextReadsBackUnchanged) {
  const std::string texts[] = {
      "I feel hurt & lonely when we don't talk <3",
      "two\nlines with \"quotes\" and 'apostrophes'",
      "caf\xC3\xA9 \xE2\x9D\xA4\xEF\xB8\x8F",
  };
  for (const std::string& text : texts) {
    BOOST_TEST(VisibleText(MarkupFromPlainText(text)) == text);
  }
}

BOOST_AUTO_TEST_CASE(InvalidUtf8AndNulsAreSafe) {
  // Bytes from a broken client: shown as U+FFFD, never read past.
  const std::string broken = std::string("you never\xff listen \xe2\x80", 20);
  for (const std::string& out : {VisibleText(broken), MarkupFromPlainText(broken)}) {
    BOOST_TEST(out.starts_with("you never\uFFFD listen \uFFFD"));
    BOOST_TEST(g_utf8_validate(out.data(), static_cast<gssize>(out.size()), nullptr));
  }
  // A NUL ends the text, as it would in the chat window.
  BOOST_TEST(VisibleText(std::string("hi\0there", 8)) == "hi");
  BOOST_TEST(MarkupFromPlainText(std::string("a&b\0<c>", 7)) == "a&amp;b");
}

}  // namespace
}  // namespace softstart
