// Turns chat typing into text the rules can match: "u nevr wanna" becomes
// "you never want to", curly apostrophes become straight ones, stretched words
// ("neverrrr") shrink. Case is kept (patterns match case-insensitively, and
// reframes reuse the user's words). Every change is recorded so a span in the
// normalised text maps back to the bytes the user typed.
#ifndef SOFTSTART_NORMALIZER_H_
#define SOFTSTART_NORMALIZER_H_

#include <bitset>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rule_set.h"
#include "typo_corrector.h"

namespace softstart {

struct NormalizedText {
  // One replaced stretch; the bytes between edits are copied unchanged.
  struct Edit {
    size_t normalized_start, normalized_end;
    size_t original_start, original_end;
  };
  // Most messages need no change; then `text` stays empty and view() is the
  // original itself, so nothing is copied.
  std::string text;
  std::vector<Edit> edits;  // In order.

  // The normalised text. `original` must be the text given to Normalize().
  std::string_view view(std::string_view original) const { return edits.empty() ? original : std::string_view(text); }

  // Maps a span of view() to the span of the original that produced it.
  std::pair<size_t, size_t> ToOriginal(size_t start, size_t end) const;
};

class Normalizer {
 public:
  // Both must outlive the normaliser. corrector may be null.
  Normalizer(const ChatspeakMap* chatspeak, const TypoCorrector* corrector);

  void Normalize(std::string_view text, NormalizedText* out) const;

 private:
  static constexpr size_t kMaxWord = 32;  // Longer words are never replaced.

  // The word's replacement, or nullptr to keep it. `key` is lower-case with
  // straight apostrophes.
  const std::string* Replacement(std::string_view key) const;

  const ChatspeakMap* chatspeak_;
  const TypoCorrector* corrector_;
  // (first letter, length) pairs of chat-speak keys: most words skip the hash.
  std::bitset<26 * kMaxWord> chat_shapes_;
};

}  // namespace softstart

#endif  // SOFTSTART_NORMALIZER_H_
