#include "matcher.h"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <numeric>
#include <string>
#include <unordered_map>

namespace softstart {
namespace {

// Enough DFA memory for chat-length messages many times over; longer input
// that exhausts it takes the per-rule path.
constexpr int64_t kSetMemoryBudget = 32 << 20;

// Rules per screening set. One set over every rule builds DFA states for
// every combination of partial matches; with fifty rules they no longer fit
// its cache, it thrashes and a message costs tens of µs (measured: the whole
// --jsonl run over 134k lines went from 0.6 s to 3 s). Sets of a dozen or so
// stay small and warm.
constexpr size_t kRulesPerScreen = 16;

}  // namespace

Matcher::Matcher(const RuleSet* rules, bool screen) : rules_(rules), screen_(screen) {
  RE2::Options options = PatternOptions();
  options.set_max_mem(kSetMemoryBudget);
  IndexWords();
  for (size_t i = 0; i < rules_->rules.size(); ++i) {
    const Rule& rule = rules_->rules[i];
    if (!rule.word_gates.empty()) continue;
    if (screens_.empty() || screens_.back().rules.size() == kRulesPerScreen) {
      screens_.push_back({CategorySet::None(), std::make_unique<RE2::Set>(options, RE2::UNANCHORED), {}});
    }
    std::string error;
    if (screens_.back().set->Add(SentencePattern(rule.pattern), &error) < 0) {
      error_ = rule.id + ": " + error;
      return;
    }
    screens_.back().categories.Add(rule.category);
    screens_.back().rules.push_back(static_cast<int>(i));
  }
  for (Screen& screen : screens_) {
    if (!screen.set->Compile()) {
      error_ = "the rule patterns are too large to compile together";
      return;
    }
  }
  ok_ = true;
}

void Matcher::IndexWords() {
  // How many groups each word is in: bits are ordered by it, so that a word
  // found touches few 64-bit chunks ("you" is in a thousand groups).
  std::unordered_map<std::string, int> groups_with;
  for (const Rule& rule : rules_->rules) {
    for (const WordGroups& gate : rule.word_gates) {
      for (const auto& group : gate) {
        for (const std::string& word : group) ++groups_with[word];
      }
    }
  }
  // How common a word is in messages: the listed common words above all
  // others, commonest first; then the more groups a word is in, the more
  // common it is taken to be. A gate's key is its group whose commonest word
  // is least common: a message lacking it rules the gate out unchecked, and
  // a key of "the" would send nearly every message to the gate's other groups.
  std::unordered_map<std::string, int> common_rank;
  for (const std::string& word : rules_->common_words) common_rank.emplace(word, static_cast<int>(common_rank.size()));
  const auto commonness = [&](const std::string& word) -> int64_t {
    // A prefix is as common as the commonest listed word it begins ("the*":
    // "the", "them", "then").
    const std::string_view stem = word.back() == '*' ? std::string_view(word).substr(0, word.size() - 1) : word;
    int rank = -1;
    if (word.back() != '*') {
      if (const auto it = common_rank.find(word); it != common_rank.end()) rank = it->second;
    } else {
      for (const std::string& common : rules_->common_words) {
        if (common.starts_with(stem)) {
          rank = common_rank.at(common);
          break;
        }
      }
    }
    return rank >= 0 ? (int64_t{1} << 40) - rank : groups_with[word];
  };
  // Every group, gate by gate in rule order, with its most shared word.
  struct Group {
    const std::vector<std::string>* words;
    int sharing = 0;
    const std::string* common = nullptr;
    int64_t commonness = 0;
  };
  std::vector<Group> groups;
  std::vector<uint32_t> first_of_gate;  // Index into groups.
  for (size_t i = 0; i < rules_->rules.size(); ++i) {
    const Rule& rule = rules_->rules[i];
    first_gate_.push_back(static_cast<uint32_t>(rule_of_gate_.size()));
    rule_categories_.push_back(rule.category);
    for (const WordGroups& gate : rule.word_gates) {
      rule_of_gate_.push_back(static_cast<int>(i));
      first_of_gate.push_back(static_cast<uint32_t>(groups.size()));
      for (const auto& words : gate) {
        Group group{&words};
        for (const std::string& word : words) {
          const int sharing = groups_with[word];
          if (sharing > group.sharing || (sharing == group.sharing && word < *group.common)) {
            group.sharing = sharing;
            group.common = &word;
          }
          group.commonness = std::max(group.commonness, commonness(word));
        }
        groups.push_back(group);
      }
    }
  }
  first_gate_.push_back(static_cast<uint32_t>(rule_of_gate_.size()));
  first_of_gate.push_back(static_cast<uint32_t>(groups.size()));
  // Bits numbered so that groups sharing their most common word sit
  // together: a word found ORs one 64-bit chunk per 64 of its groups, and
  // "you" (in a thousand groups) then touches a handful of chunks, not all.
  std::vector<uint32_t> order(groups.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (groups[a].sharing != groups[b].sharing) return groups[a].sharing > groups[b].sharing;
    return *groups[a].common < *groups[b].common;
  });
  std::vector<uint32_t> bit_of(groups.size());
  for (uint32_t i = 0; i < order.size(); ++i) bit_of[order[i]] = i;
  gate_of_group_.assign(groups.size(), 0);
  key_groups_.assign((groups.size() + 63) / 64, 0);
  for (uint32_t gate = 0; gate + 1 < first_of_gate.size(); ++gate) {
    first_group_.push_back(static_cast<uint32_t>(gate_groups_.size()));
    // The gate's groups least common first: the key, then the group most
    // likely missing, so HasAllGroups stops early.
    std::vector<uint32_t> by_commonness(first_of_gate[gate + 1] - first_of_gate[gate]);
    std::iota(by_commonness.begin(), by_commonness.end(), first_of_gate[gate]);
    std::stable_sort(by_commonness.begin(), by_commonness.end(),
                     [&](uint32_t a, uint32_t b) { return groups[a].commonness < groups[b].commonness; });
    for (const uint32_t g : by_commonness) {
      const uint32_t bit = bit_of[g];
      gate_groups_.push_back(bit);
      gate_of_group_[bit] = static_cast<int>(gate);
      for (const std::string& word : *groups[g].words) {
        // The loader accepts only lower-case words of at most kMaxWord
        // letters, and prefixes of two letters or more.
        if (word.back() == '*') {
          prefixes_.Add(word.substr(0, word.size() - 1), bit);
          prefix_lengths_ |= uint64_t{1} << (word.size() - 1);
        } else {
          words_.Add(word, bit);
        }
      }
    }
    if (by_commonness.empty()) continue;  // Only after a load error ("words: []").
    const uint32_t key = bit_of[by_commonness.front()];
    key_groups_[key / 64] |= uint64_t{1} << (key % 64);
  }
  first_group_.push_back(static_cast<uint32_t>(gate_groups_.size()));
  words_.Finish();
  prefixes_.Finish();
}

namespace {

bool IsAsciiLetter(char c) {
  c = static_cast<char>(c | 0x20);
  return c >= 'a' && c <= 'z';
}

void Add(const std::vector<GroupBits>& groups, uint64_t* seen) {
  for (const GroupBits& bits : groups) seen[bits.chunk] |= bits.bits;
}

// The first top-level alternative that matches exactly [start, end) of the
// sentence, with its groups in groups[]: the same alternative and groups RE2
// reports for the whole pattern, which reads them as a full match of the
// span. Null if none does, or one before it did not compile.
const CompiledBranch::Regex* FindBranch(const CompiledRule& compiled, std::string_view sentence, size_t start,
                                        size_t end, re2::StringPiece* groups) {
  for (const auto& branch : compiled.branches) {
    const CompiledBranch::Regex& regex = branch->Get();
    if (!regex.regex) return nullptr;
    if (regex.regex->Match(sentence, start, end, RE2::ANCHOR_BOTH, groups, regex.group_count + 1)) return &regex;
  }
  return nullptr;
}

}  // namespace

void Matcher::ScanGroups(std::string_view text, uint64_t* seen, WordHits* hits) const {
  const auto found = [&](const std::vector<GroupBits>& groups, size_t word_start) {
    Add(groups, seen);
    if (!hits) return;
    if (hits->size == hits->at.size()) {
      hits->overflowed = true;
    } else {
      hits->at[hits->size++] = {word_start, &groups};
    }
  };
  char word[kMaxWord];
  size_t pos = 0;
  while (pos < text.size()) {
    if (!IsAsciiLetter(text[pos])) {
      ++pos;
      continue;
    }
    const size_t word_start = pos;
    uint64_t hash = kWordHashStart;
    size_t length = 0;
    // Letters, with apostrophes inside the word ("don't", "ex's"); a closing
    // quote ("your 'maid'") is not part of it, as in the normaliser.
    while (pos < text.size() && (IsAsciiLetter(text[pos]) ||
                                 (text[pos] == '\'' && pos + 1 < text.size() && IsAsciiLetter(text[pos + 1])))) {
      const char c = text[pos] == '\'' ? '\'' : static_cast<char>(text[pos] | 0x20);
      if (length < kMaxWord) word[length] = c;
      hash = WordHashStep(hash, c);
      ++length;
      ++pos;
      if (length < 64 && (prefix_lengths_ >> length & 1)) {
        if (const auto* groups = prefixes_.Find(hash, std::string_view(word, length))) found(*groups, word_start);
      }
    }
    if (length > kMaxWord) continue;
    if (const auto* groups = words_.Find(hash, std::string_view(word, length))) found(*groups, word_start);
  }
}

bool Matcher::HasAllGroups(const uint64_t* seen, int gate) const {
  for (uint32_t i = first_group_[gate]; i < first_group_[gate + 1]; ++i) {
    const uint32_t group = gate_groups_[i];
    if ((seen[group / 64] >> (group % 64) & 1) == 0) return false;
  }
  return true;
}

bool Matcher::OpensAnyGate(const uint64_t* seen, int rule) const {
  for (uint32_t gate = first_gate_[rule]; gate < first_gate_[rule + 1]; ++gate) {
    if (HasAllGroups(seen, static_cast<int>(gate))) return true;
  }
  return false;
}

void Matcher::ArmedRules(const uint64_t* seen, CategorySet enabled, std::vector<int>* hits) const {
  for (size_t chunk = 0; chunk < key_groups_.size(); ++chunk) {
    for (uint64_t keys = seen[chunk] & key_groups_[chunk]; keys != 0; keys &= keys - 1) {
      const int gate = gate_of_group_[chunk * 64 + std::countr_zero(keys)];
      const int rule = rule_of_gate_[gate];
      if (HasAllGroups(seen, gate) && enabled.Contains(rule_categories_[rule])) hits->push_back(rule);
    }
  }
}

std::vector<RuleMatch> Matcher::Match(std::string_view text, CategorySet enabled,
                                      std::vector<SentenceSpan>* sentences, bool* fallback, bool only_after) const {
  std::vector<RuleMatch> matches;
  std::vector<int> hits, screen_hits;
  WordHits word_hits;
  *fallback = false;
  const size_t chunks = key_groups_.size();
  if (screen_) {
    if (chunks > 0) {
      // The word groups of the whole message, a bit each; on the stack for
      // any ordinary pack.
      constexpr size_t kStackChunks = 64;
      std::array<uint64_t, kStackChunks> stack_seen;
      std::vector<uint64_t> heap_seen;
      uint64_t* seen = stack_seen.data();
      if (chunks > kStackChunks) {
        heap_seen.resize(chunks);
        seen = heap_seen.data();
      }
      std::fill_n(seen, chunks, 0);
      ScanGroups(text, seen, &word_hits);
      ArmedRules(seen, enabled, &hits);
    }
  } else {
    for (size_t i = 0; i < rules_->rules.size(); ++i) {
      if (!rules_->rules[i].word_gates.empty() && enabled.Contains(rules_->rules[i].category)) {
        hits.push_back(static_cast<int>(i));
      }
    }
  }
  const bool any_gated = !hits.empty();
  for (const Screen& screen : screens_) {
    if ((screen.categories & enabled).empty()) continue;
    RE2::Set::ErrorInfo info{RE2::Set::kNoError};
    if (screen_ && screen.set->Match(text, &screen_hits, &info)) {
      for (int hit : screen_hits) {
        if (enabled.Contains(rules_->rules[screen.rules[hit]].category)) hits.push_back(screen.rules[hit]);
      }
    } else if (!screen_ || info.kind == RE2::Set::kOutOfMemory) {
      // RE2 reports "no match" when its DFA runs out of memory; that must not
      // silently hide a finding, so these rules get their own (NFA-capable)
      // runs.
      *fallback = true;
      for (int rule : screen.rules) {
        if (enabled.Contains(rules_->rules[rule].category)) hits.push_back(rule);
      }
    }
  }
  if (only_after) {  // Before splitting: most texts arm no `after:` rule at all.
    std::erase_if(hits, [&](int rule) { return !rules_->rules[rule].has_after(); });
  }
  if (hits.empty()) return matches;
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());  // Armed by two gates.

  *sentences = SplitSentences(text);
  // Rules compiled lower-case read the text lowered (same offsets).
  thread_local std::string folded;
  FoldText(text, &folded);
  // A match lies in one sentence and holds a word of each of its rule's
  // groups (an `after:` rule's may be in the sentence before), so with
  // several sentences a word-gated rule runs only where they are.
  const size_t count = sentences->size();
  std::vector<uint64_t> sentence_groups;
  if (screen_ && any_gated && count > 1) {
    sentence_groups.assign(count * chunks, 0);
    if (!word_hits.overflowed) {
      // Each word lies in one sentence (words never hold spaces or . ! ?):
      // the whole-message scan's words, in order, say which.
      size_t index = 0;
      for (size_t i = 0; i < word_hits.size; ++i) {
        while (index + 1 < count && word_hits.at[i].start >= (*sentences)[index + 1].start) ++index;
        Add(*word_hits.at[i].groups, &sentence_groups[index * chunks]);
      }
    } else {
      for (size_t index = 0; index < count; ++index) {
        const SentenceSpan& span = (*sentences)[index];
        ScanGroups(text.substr(span.start, span.end - span.start), &sentence_groups[index * chunks], nullptr);
      }
    }
  }
  std::vector<uint64_t> with_previous;
  // A few sentences: check each message-armed rule's gates per sentence.
  // Many (a pasted letter, a megabyte): find each sentence's rules from its
  // own keys, or every armed rule and gate is checked against every sentence.
  constexpr size_t kSentencesForOwnArming = 8;
  if (sentence_groups.empty() || count <= kSentencesForOwnArming) {
    for (const int rule : hits) {
      const bool has_after = rules_->rules[rule].has_after();
      for (size_t index = has_after ? 1 : 0; index < count; ++index) {
        if (!sentence_groups.empty()) {
          const uint64_t* seen = &sentence_groups[index * chunks];
          if (has_after) {
            with_previous.resize(chunks);
            const uint64_t* previous = seen - chunks;
            for (size_t chunk = 0; chunk < chunks; ++chunk) with_previous[chunk] = seen[chunk] | previous[chunk];
            seen = with_previous.data();
          }
          if (!rules_->rules[rule].word_gates.empty() && !OpensAnyGate(seen, rule)) continue;
        }
        MatchInSentence(rules_->rules[rule], text, folded, *sentences, index, &matches);
      }
    }
  } else {
    // Sentence by sentence, the rules its own words arm (an `after:` rule's
    // with the sentence before), found from the keys as for the message;
    // rules without words run everywhere. Within a sentence rules run in
    // index order, as they would rule by rule, so equal spans sort the same.
    std::vector<int> ungated;
    for (const int rule : hits) {
      if (rules_->rules[rule].word_gates.empty()) ungated.push_back(rule);
    }
    with_previous.resize(chunks);
    std::vector<int> sentence_hits, after_hits;
    for (size_t index = 0; index < count; ++index) {
      const uint64_t* seen = &sentence_groups[index * chunks];
      sentence_hits = ungated;
      after_hits.clear();
      ArmedRules(seen, enabled, &sentence_hits);
      std::erase_if(sentence_hits, [&](int rule) {
        return rules_->rules[rule].has_after() || (only_after && !rules_->rules[rule].word_gates.empty());
      });
      if (index > 0) {
        const uint64_t* previous = seen - chunks;
        for (size_t chunk = 0; chunk < chunks; ++chunk) with_previous[chunk] = seen[chunk] | previous[chunk];
        ArmedRules(with_previous.data(), enabled, &after_hits);
        for (const int rule : after_hits) {
          if (rules_->rules[rule].has_after()) sentence_hits.push_back(rule);
        }
        for (const int rule : ungated) {
          if (rules_->rules[rule].has_after()) sentence_hits.push_back(rule);
        }
      }
      std::sort(sentence_hits.begin(), sentence_hits.end());
      sentence_hits.erase(std::unique(sentence_hits.begin(), sentence_hits.end()), sentence_hits.end());
      for (const int rule : sentence_hits) MatchInSentence(rules_->rules[rule], text, folded, *sentences, index, &matches);
    }
  }
  std::stable_sort(matches.begin(), matches.end(), [](const RuleMatch& a, const RuleMatch& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  return matches;
}

void Matcher::MatchInSentence(const Rule& rule, std::string_view text, std::string_view folded,
                              const std::vector<SentenceSpan>& sentences, size_t index,
                              std::vector<RuleMatch>* out) const {
  const CompiledRule& compiled = rule.Compiled();
  if (!compiled.regex) return;  // Did not compile: the rule is off.
  const int group_count = compiled.group_count;
  constexpr int kStackGroups = 16;
  std::array<re2::StringPiece, kStackGroups> stack_groups;
  std::vector<re2::StringPiece> heap_groups;
  re2::StringPiece* groups = stack_groups.data();
  if (group_count + 1 > kStackGroups) {
    heap_groups.resize(group_count + 1);
    groups = heap_groups.data();
  }
  // Each sentence is matched as a text of its own: a match never spans two
  // sentences, and ^ and $ mean the sentence's start and end ("whatever.").
  const std::string_view source = compiled.folded ? folded : text;
  const std::string_view sentence = source.substr(sentences[index].start, sentences[index].end - sentences[index].start);
  if (compiled.after) {
    if (index == 0) return;
    const SentenceSpan& previous = sentences[index - 1];
    if (!RE2::PartialMatch(source.substr(previous.start, previous.end - previous.start), *compiled.after)) return;
  }
  bool checked_exceptions = false;
  size_t pos = 0;
  // With alternatives, the whole pattern finds only the span and the one
  // alternative that matches it exactly gives the groups.
  const bool by_branch = !compiled.branches.empty();
  while (pos <= sentence.size() && compiled.regex->Match(sentence, pos, sentence.size(), RE2::UNANCHORED, groups,
                                                         by_branch ? 1 : group_count + 1)) {
    const size_t start = groups[0].data() - sentence.data();
    size_t end = start + groups[0].size();
    pos = end > start ? end : end + 1;  // Never loop on an empty match.
    // Exceptions silence the rule for the whole sentence; checked once, at
    // its first match, before reading the groups.
    if (!checked_exceptions) {
      checked_exceptions = true;
      if (compiled.exceptions && compiled.exceptions->Silence(sentence)) break;
    }
    const std::vector<std::pair<int, std::string>>* named_groups = &compiled.named_groups;
    const std::vector<int>* tail_groups = &compiled.tail_groups;
    if (by_branch) {
      const CompiledBranch::Regex* branch = FindBranch(compiled, sentence, start, end, groups);
      if (branch) {
        named_groups = &branch->named_groups;
        tail_groups = &branch->tail_groups;
      } else {  // No alternative matched on its own (cannot happen); ask the whole pattern.
        compiled.regex->Match(sentence, start, end, RE2::ANCHOR_BOTH, groups, group_count + 1);
      }
    }
    // A clause ending matched as 'tail' only bounds the phrase; the next
    // match may start inside it.
    for (const int tail : *tail_groups) {
      if (groups[tail].data() == nullptr) continue;
      end = groups[tail].data() - sentence.data();
      pos = end > start ? end : pos;
      break;
    }
    if (end == start) continue;
    RuleMatch match{&rule, sentences[index].start + start, sentences[index].start + end, index, {}};
    for (const auto& [group, name] : *named_groups) {
      if (groups[group].data() != nullptr && !groups[group].empty()) {  // As typed, not lowered.
        match.groups.emplace(name, text.substr(sentences[index].start + (groups[group].data() - sentence.data()),
                                               groups[group].size()));
      }
    }
    out->push_back(std::move(match));
  }
}

}  // namespace softstart
