#include "markup.h"

#include <glib.h>
#include <purple.h>

#include <memory>

namespace softstart {
namespace {

struct GFreeDeleter {
  void operator()(char* p) const { g_free(p); }
};
using GCharPtr = std::unique_ptr<char, GFreeDeleter>;

// Line breaks in any convention, replaced by `replacement`.
std::string ReplaceLineBreaks(std::string_view text, std::string_view replacement) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += replacement;
    } else if (text[i] == '\n') {
      out += replacement;
    } else {
      out += text[i];
    }
  }
  return out;
}

// libpurple's markup helpers step through text with g_utf8_next_char, which
// trusts lead bytes and reads past the end of invalid UTF-8 (found by
// fuzz/markup_fuzz). Anything we hand them is made valid first; invalid
// sequences become U+FFFD, which is also what a chat window would show.
std::string ValidUtf8(std::string_view text) {
  GCharPtr valid(g_utf8_make_valid(text.data(), static_cast<gssize>(text.size())));
  return valid ? std::string(valid.get()) : std::string();
}

}  // namespace

std::string VisibleText(std::string_view markup) {
  // The libpurple helpers take NUL-terminated strings; an embedded NUL would
  // end the text early, which is also what the chat window would show.
  std::string html = ReplaceLineBreaks(ValidUtf8(markup.substr(0, markup.find('\0'))), "<br>");
  GCharPtr stripped(purple_markup_strip_html(html.c_str()));
  return stripped ? std::string(stripped.get()) : std::string();
}

std::string MarkupFromPlainText(std::string_view text) {
  const std::string plain = ValidUtf8(text.substr(0, text.find('\0')));
  GCharPtr escaped(purple_markup_escape_text(plain.c_str(), -1));
  if (!escaped) return std::string();
  return ReplaceLineBreaks(escaped.get(), "<br>");
}

}  // namespace softstart
