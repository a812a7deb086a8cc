// Finds every rule match in normalised text. The words of the message arm
// only the rules whose every word group they contain (rules without words
// are screened by small RE2::Sets); an armed rule then runs sentence by
// sentence, and in a message of several sentences only in those that hold
// its words.
#ifndef SOFTSTART_MATCHER_H_
#define SOFTSTART_MATCHER_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/set.h>

#include "rule_set.h"
#include "sentences.h"
#include "word_index.h"

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
  // The matches of one rule in sentence `index`.
  // folded: the text with A-Z lowered, for rules compiled lower-case.
  void MatchInSentence(const Rule& rule, std::string_view text, std::string_view folded,
                       const std::vector<SentenceSpan>& sentences, size_t index, std::vector<RuleMatch>* out) const;

  // One screening set and the rules (indices into rules_->rules) it holds.
  struct Screen {
    CategorySet categories;  // Of its rules: a set of disabled ones is skipped.
    std::unique_ptr<RE2::Set> set;
    std::vector<int> rules;
  };

  // The indexed words of a message, where each starts: enough to tell each
  // sentence's groups without scanning it again.
  struct WordHits {
    struct Hit {
      size_t start;
      const std::vector<GroupBits>* groups;
    };
    std::array<Hit, 64> at;
    size_t size = 0;
    bool overflowed = false;  // More words than fit: scan each sentence.
  };

  // ORs into seen (one bit per word group) the groups of the text's words;
  // records them in *hits unless it is null.
  void ScanGroups(std::string_view text, uint64_t* seen, WordHits* hits) const;
  bool HasAllGroups(const uint64_t* seen, int gate) const;
  bool OpensAnyGate(const uint64_t* seen, int rule) const;
  // Appends the enabled rules with a word of every group in seen.
  void ArmedRules(const uint64_t* seen, CategorySet enabled, std::vector<int>* hits) const;
  void IndexWords();

  static constexpr size_t kMaxWord = 32;  // Longer words arm no whole-word entry.

  const RuleSet* rules_;
  bool screen_;
  std::vector<Screen> screens_;
  // Gates are numbered across all rules, rule r owning gates first_gate_[r]
  // .. first_gate_[r + 1] - 1; word groups have a bit each (see IndexWords
  // for their order), gate g needing the bits gate_groups_[first_group_[g]]
  // .. gate_groups_[first_group_[g + 1] - 1].
  WordIndex words_;     // "need"
  WordIndex prefixes_;  // "attract*", kept as "attract".
  uint64_t prefix_lengths_ = 0;  // Bit n: some prefix has n letters.
  std::vector<uint32_t> first_gate_;
  std::vector<uint32_t> first_group_;
  std::vector<uint32_t> gate_groups_;
  std::vector<Category> rule_categories_;  // Read per armed rule: kept out of the big Rule.
  std::vector<int> rule_of_gate_;
  std::vector<int> gate_of_group_;
  // One group per gate, the one whose words are least shared: a message
  // lacking it rules the gate out without looking at its other groups.
  std::vector<uint64_t> key_groups_;
  bool ok_ = false;
  std::string error_;
};

}  // namespace softstart

#endif  // SOFTSTART_MATCHER_H_
