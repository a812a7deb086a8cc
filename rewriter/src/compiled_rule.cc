// Compiling a rule's patterns, on first use (see CompiledRule in rule_set.h).
#include <algorithm>

#include "rule_set.h"

namespace softstart {
namespace {

std::unique_ptr<RE2> CompilePattern(const std::string& pattern, const char* what, std::string* error) {
  auto regex = std::make_unique<RE2>(SentencePattern(pattern), PatternOptions());
  if (regex->ok()) return regex;
  // Loading parsed it, so this is RE2's size limit, not syntax.
  *error = std::string(what) + " does not compile: " + regex->error();
  return nullptr;
}

}  // namespace

CompiledRule CompileRule(const Rule& rule) {
  CompiledRule out;
  out.regex = CompilePattern(rule.pattern, "the pattern", &out.error);
  // All exceptions as one alternation: one DFA pass over a flagged sentence
  // instead of one per exception (a rule may have twenty). Each keeps its
  // own inline flags inside its group. Too large to compile together: one
  // by one, which also names the one that fails.
  if (out.regex && rule.exceptions.size() > 1) {
    std::string combined;
    for (const std::string& exception : rule.exceptions) {
      combined += combined.empty() ? "(?:" : "|(?:";
      combined += exception;
      combined += ')';
    }
    std::string unused;
    if (auto regex = CompilePattern(combined, "the exceptions", &unused)) out.exceptions.push_back(std::move(regex));
  }
  const bool one_by_one = out.exceptions.empty();
  for (size_t i = 0; one_by_one && out.regex && i < rule.exceptions.size(); ++i) {
    auto regex = CompilePattern(rule.exceptions[i], "an exception", &out.error);
    if (regex) out.exceptions.push_back(std::move(regex));
    else out.regex.reset();
  }
  if (out.regex && rule.has_after()) {
    out.after = CompilePattern(rule.after, "'after'", &out.error);
    if (!out.after) out.regex.reset();
  }
  if (!out.regex) return out;
  if (RE2::PartialMatch("", *out.regex)) {
    out.error = "pattern matches an empty message, so it says nothing about words";
    out.regex.reset();
    return out;
  }
  const auto& named = out.regex->NamedCapturingGroups();
  std::vector<std::string> names;
  for (const auto& [name, index] : named) names.push_back(name);
  std::vector<std::string> expected = rule.group_names;
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  if (names != expected) {  // The loader read group names from the text; RE2 disagrees.
    out.error = "could not read the pattern's named groups";
    out.regex.reset();
    return out;
  }
  for (const auto& [index, name] : out.regex->CapturingGroupNames()) {
    if (name == "tail") out.tail_groups.push_back(index);
    else out.named_groups.emplace_back(index, name);
  }
  // Without named groups only the span is needed, which RE2 finds with its
  // DFAs alone; asking for groups makes it run a much slower engine over the
  // span (for large patterns, the NFA).
  out.group_count = named.empty() ? 0 : out.regex->NumberOfCapturingGroups();
  return out;
}

const CompiledRule& LazyCompiledRule::Get(const Rule& rule) const {
  if (!ready_.load(std::memory_order_acquire)) {
    std::call_once(once_, [&] {
      compiled_ = CompileRule(rule);
      ready_.store(true, std::memory_order_release);
    });
  }
  return compiled_;
}

}  // namespace softstart
