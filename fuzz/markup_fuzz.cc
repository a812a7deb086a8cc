// The plugin's markup handling on arbitrary bytes: stripping what arrives in
// sending-im-msg, and escaping what we send. For valid UTF-8 text, escaping
// then stripping gives the text back (with line breaks as "\n").
#include <cstdint>
#include <cstdlib>
#include <string>

#include <glib.h>

#include "markup.h"

namespace {

std::string NormaliseLineBreaks(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  (void)softstart::VisibleText(input);
  const std::string markup = softstart::MarkupFromPlainText(input);
  if (input.find('\0') == std::string::npos && g_utf8_validate(input.data(), static_cast<gssize>(input.size()), nullptr)) {
    // Purple's stripper trims nothing but folds whitespace runs it treats as
    // layout; compare only texts without those.
    bool plain = true;
    for (char c : input) plain &= c != '\t' && c != '\v' && c != '\f' && c != '<' && c != '&' && c != ' ';
    if (plain && softstart::VisibleText(markup) != NormaliseLineBreaks(input)) std::abort();
  }
  return 0;
}
