// Byte-level UTF-8 helpers. The rewriter accepts any bytes; these keep the
// text it writes valid.
#ifndef SOFTSTART_UTF8_H_
#define SOFTSTART_UTF8_H_

#include <string>
#include <string_view>

namespace softstart {

// Length of the valid UTF-8 sequence starting at text[pos], or 0 when the
// bytes there are not valid UTF-8.
size_t Utf8SequenceLength(std::string_view text, size_t pos);

// The text with every invalid sequence replaced by U+FFFD.
std::string ToValidUtf8(std::string_view text);

}  // namespace softstart

#endif  // SOFTSTART_UTF8_H_
