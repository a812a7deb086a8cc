// Corrects typos of the trigger vocabulary ("nver", "alwyas") so rules match
// how people really type. Hunspell decides whether a word is misspelt at all
// ("ever" is a word, "evr" is not); an edit distance over the small vocabulary
// picks the intended word. Hunspell's suggest() costs ~19 ms a call, so it is
// never used; spell() runs only for the rare word close to a trigger word.
#ifndef SOFTSTART_TYPO_CORRECTOR_H_
#define SOFTSTART_TYPO_CORRECTOR_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "string_view_hash.h"

class Hunspell;

namespace softstart {

class TypoCorrector {
 public:
  // Gives the Hunspell dictionary, waiting for it if it is still loading;
  // called once, on the first word that needs it. May give null.
  using DictionarySource = std::function<Hunspell*()>;

  // Without a dictionary source no word is corrected (without a dictionary
  // we cannot tell a typo from a real word we do not know). `known` words are
  // never corrected, whatever Hunspell thinks of them (the rules' own slang).
  // `swap_targets`, words of three or four letters, are corrected to only
  // from two neighbouring letters swapped ("hvae", "yuo"), a letter typed
  // twice ("haard") or, for four letters, one left out ("ths"): another
  // letter is too often a different word at that length ("liao" is not
  // "liar").
  TypoCorrector(std::vector<std::string> vocabulary, DictionarySource dictionary,
                const std::vector<std::string>& known = {}, const std::vector<std::string>& swap_targets = {});

  // `word` is lower-case ASCII letters. Returns the vocabulary word it is a
  // typo of, or nullptr. Safe from several threads: the cache and Hunspell
  // (rarely reached) are behind a lock.
  const std::string* Correct(std::string_view word) const;

  // Edit distance with adjacent transpositions (optimal string alignment),
  // or max + 1 when it is above max.
  static int Distance(std::string_view a, std::string_view b, int max);

 private:
  const std::string* Screen(std::string_view word) const;
  bool NearTarget(std::string_view word) const;
  const std::string* SwapTarget(std::string_view word) const;
  // A short target with one of the word's doubled letters typed once.
  const std::string* UndoubledTarget(std::string_view word) const;
  // A four-letter target with one letter (never the first) left out.
  const std::string* DroppedTarget(std::string_view word) const;
  const std::string* Lookup(std::string_view word) const;

  std::vector<std::string> vocabulary_;
  // Vocabulary indices by first letter: typos rarely change the first letter,
  // and this keeps the per-word cost to a handful of comparisons.
  std::vector<int> by_first_letter_[26];
  // The same split by the length of the word typed: only the vocabulary words
  // whose length is within their edit budget of it (most words of a message
  // are checked and none is near).
  static constexpr size_t kMaxBucketLength = 24;
  std::vector<int> by_first_letter_and_length_[26][kMaxBucketLength + 1];
  std::vector<uint32_t> letter_masks_;
  // The screen: a word is near a target when deleting at most the target's
  // edit budget of letters (never the first) from each leaves the same
  // letters, as every typo within the budget does (symmetric deletes). Hashes
  // of the targets' deletes: a few lookups a word instead of comparing it
  // with every target of its letter and length. The value says whether the
  // target had a budget of two (a word's two-letter deletes may only meet
  // those). A hash collision only sends a word to Lookup(), which decides.
  std::unordered_map<uint64_t, bool> target_deletes_;
  std::unordered_set<std::string_view> distance_targets_;  // Into vocabulary_.
  const bool has_dictionary_;
  mutable DictionarySource dictionary_;  // Reset once it gave hunspell_.
  mutable Hunspell* hunspell_ = nullptr;
  mutable std::mutex lookup_mutex_;  // Guards dictionary_, hunspell_ and cache_.
  // Looked up by string_view: no allocation for a word seen before.
  mutable std::unordered_map<std::string, const std::string*, StringViewHash, std::equal_to<>> cache_;
  std::unordered_set<std::string, StringViewHash, std::equal_to<>> known_;
  std::unordered_map<std::string, int, StringViewHash, std::equal_to<>> swap_targets_;  // -> vocabulary_ index.
  // The answers for recent words, without a lock: each slot packs 48 bits of
  // the word's hash with the answer (vocabulary index + 1, 0 for none), so a
  // word seen before skips the screen over the vocabulary (a few thousand
  // words). Threads racing on a slot only lose a memo entry.
  static constexpr size_t kMemoSlots = size_t{1} << 15;
  mutable std::array<std::atomic<uint64_t>, kMemoSlots> memo_{};
};

}  // namespace softstart

#endif  // SOFTSTART_TYPO_CORRECTOR_H_
