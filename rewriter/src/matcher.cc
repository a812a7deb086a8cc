#include "matcher.h"

#include <algorithm>

namespace softstart {
namespace {

// Enough DFA memory for chat-length messages many times over; longer input
// that exhausts it takes the per-rule path.
constexpr int64_t kSetMemoryBudget = 32 << 20;

}  // namespace

Matcher::Matcher(const RuleSet* rules, bool screen) : rules_(rules), screen_(screen) {
  RE2::Options options = PatternOptions();
  options.set_max_mem(kSetMemoryBudget);
  set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const Rule& rule : rules_->rules) {
    std::string error;
    if (set_->Add(SentencePattern(rule.pattern), &error) < 0) {
      error_ = rule.id + ": " + error;
      return;
    }
  }
  if (!set_->Compile()) {
    error_ = "the rule patterns are too large to compile together";
    return;
  }
  ok_ = true;
}

std::vector<RuleMatch> Matcher::Match(std::string_view text, CategorySet enabled,
                                      std::vector<SentenceSpan>* sentences, bool* fallback) const {
  std::vector<RuleMatch> matches;
  std::vector<int> hits;
  RE2::Set::ErrorInfo info{RE2::Set::kNoError};
  *fallback = false;
  if (!screen_ || !set_->Match(text, &hits, &info)) {
    if (screen_ && info.kind != RE2::Set::kOutOfMemory) return matches;
    // RE2 reports "no match" when its DFA runs out of memory; that must not
    // silently hide a finding, so every rule gets its own (NFA-capable) run.
    *fallback = true;
    hits.clear();
    for (size_t i = 0; i < rules_->rules.size(); ++i) hits.push_back(static_cast<int>(i));
  }
  bool any_enabled = false;
  for (int hit : hits) any_enabled |= enabled.Contains(rules_->rules[hit].category);
  if (!any_enabled) return matches;

  *sentences = SplitSentences(text);
  std::sort(hits.begin(), hits.end());
  for (int hit : hits) {
    const Rule& rule = rules_->rules[hit];
    if (enabled.Contains(rule.category)) MatchRule(rule, text, *sentences, &matches);
  }
  std::stable_sort(matches.begin(), matches.end(), [](const RuleMatch& a, const RuleMatch& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  return matches;
}

void Matcher::MatchRule(const Rule& rule, std::string_view text, const std::vector<SentenceSpan>& sentences,
                        std::vector<RuleMatch>* out) const {
  const int group_count = rule.regex->NumberOfCapturingGroups();
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
