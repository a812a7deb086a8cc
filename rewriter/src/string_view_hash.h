// Lets a map keyed by std::string be searched with a string_view: no
// allocation per word on the hot path.
#ifndef SOFTSTART_STRING_VIEW_HASH_H_
#define SOFTSTART_STRING_VIEW_HASH_H_

#include <cstddef>
#include <functional>
#include <string_view>

namespace softstart {

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
};

}  // namespace softstart

#endif  // SOFTSTART_STRING_VIEW_HASH_H_
