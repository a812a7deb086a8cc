// Finds every rule match in normalised text. A few small RE2::Sets decide
// which rules can match at all (most messages: none, in about a
// microsecond); only those rules run on their own, sentence by sentence, to
// find spans and named groups.
#ifndef SOFTSTART_MATCHER_H_
#define SOFTSTART_MATCHER_H_

#include <bitset>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/set.h>

#include "rule_set.h"
#include "sentences.h"

namespace softstart {

struct RuleMatch {
  const Rule* rule = nullptr;
  size_t start = 0, end = 0;  // In the normalised text.
  size_t sentence = 0;        // Index into the sentences passed back.
  std::map<std::string, std::string> groups;  // Named groups that matched.
};

class Matcher {
 public:
  // rules must outlive the matcher.
  // screen: false skips the set and runs every rule on its own, as after the
  // set's DFA ran out of memory (tests compare the two paths).
  explicit Matcher(const RuleSet* rules, bool screen = true);
  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }

  // Matches of the enabled rules, without those an exception silences, in
  // order of start. Fills *sentences when there is a match. Sets *fallback
  // when the set's DFA ran out of memory (very long input) and each rule was
  // run on its own instead, which finds the same matches, only slower.
  // only_after: just the rules that read the sentence before (`after:`).
  std::vector<RuleMatch> Match(std::string_view text, CategorySet enabled,
                               std::vector<SentenceSpan>* sentences, bool* fallback, bool only_after = false) const;

 private:
  void MatchRule(const Rule& rule, std::string_view text, const std::vector<SentenceSpan>& sentences,
                 std::vector<RuleMatch>* out) const;

  // One screening set and the rules (indices into rules_->rules) it holds.
  struct Screen {
    CategorySet categories;  // Of its rules: a set of disabled ones is skipped.
    std::unique_ptr<RE2::Set> set;
    std::vector<int> rules;
  };

  // Rules that name their words are armed by a word of the message; the rest
  // are screened by pattern.
  void ArmByWords(std::string_view text, CategorySet enabled, std::vector<int>* hits) const;

  // A word arms one group of one rule.
  struct Member {
    int rule;
    int group;
  };
  void AddWord(const std::string& word, Member member);
  bool has_words_ = false;

  static constexpr size_t kMaxWord = 32;  // Longer words arm nothing.
  static constexpr size_t kLetters = 26;

  const RuleSet* rules_;
  bool screen_;
  std::vector<Screen> screens_;
  std::unordered_map<std::string, std::vector<Member>, StringViewHash, std::equal_to<>> rules_by_word_;
  std::vector<uint8_t> full_masks_;  // Per rule: one bit per word group.
  // (first letter, length) of the words above: most words of a message are
  // ruled out by one bit instead of a hash lookup.
  std::bitset<kLetters * (kMaxWord + 1)> word_shapes_;
  // "attract*" is kept as "attract", bucketed by its first two letters.
  struct Prefix {
    std::string prefix;
    std::vector<Member> members;
  };
  std::vector<std::vector<Prefix>> prefixes_by_start_ = std::vector<std::vector<Prefix>>(kLetters * kLetters);
  bool ok_ = false;
  std::string error_;
};

}  // namespace softstart

#endif  // SOFTSTART_MATCHER_H_
