// Turns chat typing into text the rules can match: "u nevr wanna" becomes
// "you never want to", curly apostrophes become straight ones, stretched words
// ("neverrrr") shrink. Case is kept (patterns match case-insensitively, and
// reframes reuse the user's words). Every change is recorded so a span in the
// normalised text maps back to the bytes the user typed.
#ifndef SOFTSTART_NORMALIZER_H_
#define SOFTSTART_NORMALIZER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "typo_corrector.h"

namespace softstart {

struct NormalizedText {
  // One replaced stretch; the bytes between edits are copied unchanged.
  struct Edit {
    size_t normalized_start, normalized_end;
    size_t original_start, original_end;
  };
  std::string text;
  std::vector<Edit> edits;  // In order.

  // Maps a span of `text` to the span of the original that produced it.
  std::pair<size_t, size_t> ToOriginal(size_t start, size_t end) const;
};

class Normalizer {
 public:
  // Both must outlive the normaliser. corrector may be null.
  Normalizer(const std::unordered_map<std::string, std::string>* chatspeak, const TypoCorrector* corrector);

  void Normalize(std::string_view text, NormalizedText* out) const;

 private:
  // The word's replacement, or nullptr to keep it. `key` is lower-case with
  // straight apostrophes.
  const std::string* Replacement(const std::string& key) const;

  const std::unordered_map<std::string, std::string>* chatspeak_;
  const TypoCorrector* corrector_;
};

}  // namespace softstart

#endif  // SOFTSTART_NORMALIZER_H_
