#include "matcher.h"

#include <algorithm>
#include <string>

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
  for (size_t i = 0; i < rules_->rules.size(); ++i) {
    const Rule& rule = rules_->rules[i];
    const int index = static_cast<int>(i);
    full_masks_.push_back(static_cast<uint8_t>((1u << rule.word_groups.size()) - 1));
    if (!rule.word_groups.empty()) {
      for (size_t group = 0; group < rule.word_groups.size(); ++group) {
        for (const std::string& word : rule.word_groups[group]) AddWord(word, {index, static_cast<int>(group)});
      }
      continue;
    }
    if (screens_.empty() || screens_.back().rules.size() == kRulesPerScreen) {
      screens_.push_back({CategorySet::None(), std::make_unique<RE2::Set>(options, RE2::UNANCHORED), {}});
    }
    std::string error;
    if (screens_.back().set->Add(SentencePattern(rule.pattern), &error) < 0) {
      error_ = rule.id + ": " + error;
      return;
    }
    screens_.back().categories.Add(rule.category);
    screens_.back().rules.push_back(index);
  }
  for (Screen& screen : screens_) {
    if (!screen.set->Compile()) {
      error_ = "the rule patterns are too large to compile together";
      return;
    }
  }
  ok_ = true;
}

namespace {

// Index of a lower-case ASCII letter, or -1.
int LetterIndex(char c) {
  c = static_cast<char>(c | 0x20);
  return c >= 'a' && c <= 'z' ? c - 'a' : -1;
}

}  // namespace

void Matcher::AddWord(const std::string& word, Member member) {
  has_words_ = true;
  // The loader accepts only lower-case words of at most kMaxWord letters, and
  // prefixes of two letters or more.
  if (word.back() == '*') {
    const std::string prefix = word.substr(0, word.size() - 1);
    auto& bucket = prefixes_by_start_[LetterIndex(prefix[0]) * kLetters + LetterIndex(prefix[1])];
    auto it = std::find_if(bucket.begin(), bucket.end(), [&](const Prefix& entry) { return entry.prefix == prefix; });
    if (it == bucket.end()) it = bucket.insert(bucket.end(), {prefix, {}});
    it->members.push_back(member);
  } else {
    word_shapes_.set(LetterIndex(word[0]) * (kMaxWord + 1) + word.size());
    rules_by_word_[word].push_back(member);
  }
}

void Matcher::ArmByWords(std::string_view text, CategorySet enabled, std::vector<int>* hits) const {
  if (!has_words_) return;
  char word[kMaxWord];
  // Bits of the word groups seen so far, per rule touched.
  std::vector<uint8_t> seen;
  std::vector<int> touched;
  const auto arm = [&](const std::vector<Member>& members) {
    for (const Member& member : members) {
      if (!enabled.Contains(rules_->rules[member.rule].category)) continue;
      if (seen.empty()) seen.resize(rules_->rules.size());
      if (seen[member.rule] == 0) touched.push_back(member.rule);
      seen[member.rule] |= static_cast<uint8_t>(1u << member.group);
    }
  };
  size_t pos = 0;
  while (pos < text.size()) {
    if (LetterIndex(text[pos]) < 0) {
      ++pos;
      continue;
    }
    size_t length = 0;
    while (pos < text.size() && (LetterIndex(text[pos]) >= 0 || text[pos] == '\'')) {
      if (length < kMaxWord) word[length] = static_cast<char>(text[pos] == '\'' ? '\'' : text[pos] | 0x20);
      ++length;
      ++pos;
    }
    if (length > kMaxWord) continue;
    const std::string_view key(word, length);
    const int first = key[0] - 'a';
    if (word_shapes_.test(first * (kMaxWord + 1) + length)) {
      if (auto it = rules_by_word_.find(key); it != rules_by_word_.end()) arm(it->second);
    }
    if (length < 2 || key[1] == '\'') continue;
    for (const Prefix& entry : prefixes_by_start_[first * kLetters + (key[1] - 'a')]) {
      if (key.substr(0, entry.prefix.size()) == entry.prefix) arm(entry.members);
    }
  }
  for (int rule : touched) {
    if (seen[rule] == full_masks_[rule]) hits->push_back(rule);
  }
}

std::vector<RuleMatch> Matcher::Match(std::string_view text, CategorySet enabled,
                                      std::vector<SentenceSpan>* sentences, bool* fallback, bool only_after) const {
  std::vector<RuleMatch> matches;
  std::vector<int> hits, screen_hits;
  *fallback = false;
  if (screen_) {
    ArmByWords(text, enabled, &hits);
  } else {
    for (size_t i = 0; i < rules_->rules.size(); ++i) {
      if (!rules_->rules[i].word_groups.empty() && enabled.Contains(rules_->rules[i].category)) {
        hits.push_back(static_cast<int>(i));
      }
    }
  }
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
  if (hits.empty()) return matches;

  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());  // A word may arm a rule twice.
  bool split = false;
  for (int hit : hits) {
    const Rule& rule = rules_->rules[hit];
    if (only_after && !rule.after) continue;
    // One pass of the rule's DFA over the whole message first: an armed rule
    // rarely matches, and a match in some sentence is a match in the whole
    // text, so most armed rules end here without the per-sentence runs.
    if (screen_ && !RE2::PartialMatch(text, *rule.regex)) continue;
    if (!split) {
      *sentences = SplitSentences(text);
      split = true;
    }
    MatchRule(rule, text, *sentences, &matches);
  }
  std::stable_sort(matches.begin(), matches.end(), [](const RuleMatch& a, const RuleMatch& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  return matches;
}

void Matcher::MatchRule(const Rule& rule, std::string_view text, const std::vector<SentenceSpan>& sentences,
                        std::vector<RuleMatch>* out) const {
  // Without named groups only the span is needed, which RE2 finds with its
  // DFAs alone; asking for groups makes it run a much slower engine over the
  // span (for large patterns, the NFA).
  const int group_count = rule.regex->NamedCapturingGroups().empty() ? 0 : rule.regex->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(group_count + 1);
  // Each sentence is matched as a text of its own: a match never spans two
  // sentences, and ^ and $ mean the sentence's start and end ("whatever.").
  for (size_t index = 0; index < sentences.size(); ++index) {
    const std::string_view sentence = text.substr(sentences[index].start, sentences[index].end - sentences[index].start);
    if (rule.after) {
      if (index == 0) continue;
      const SentenceSpan& previous = sentences[index - 1];
      if (!RE2::PartialMatch(text.substr(previous.start, previous.end - previous.start), *rule.after)) continue;
    }
    bool checked_exceptions = false;
    size_t pos = 0;
    while (pos <= sentence.size() &&
           rule.regex->Match(sentence, pos, sentence.size(), RE2::UNANCHORED, groups.data(), group_count + 1)) {
      const size_t start = groups[0].data() - sentence.data();
      size_t end = start + groups[0].size();
      pos = end > start ? end : end + 1;  // Never loop on an empty match.
      // A clause ending matched as 'tail' only bounds the phrase; the next
      // match may start inside it.
      if (rule.tail_group > 0 && groups[rule.tail_group].data() != nullptr) {
        end = groups[rule.tail_group].data() - sentence.data();
        pos = end > start ? end : pos;
      }
      if (end == start) continue;
      // Exceptions silence the rule for the whole sentence; checked once.
      if (!checked_exceptions) {
        checked_exceptions = true;
        const bool silenced = std::any_of(rule.exceptions.begin(), rule.exceptions.end(),
                                          [&](const auto& exception) { return RE2::PartialMatch(sentence, *exception); });
        if (silenced) break;
      }
      RuleMatch match{&rule, sentences[index].start + start, sentences[index].start + end, index, {}};
      for (const auto& [name, group] : rule.regex->NamedCapturingGroups()) {
        if (group != rule.tail_group && groups[group].data() != nullptr && !groups[group].empty()) {
          match.groups[name] = std::string(groups[group].data(), groups[group].size());
        }
      }
      out->push_back(std::move(match));
    }
  }
}

}  // namespace softstart
