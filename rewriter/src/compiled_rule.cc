// Compiling a rule's patterns, on first use (see CompiledRule in rule_set.h).
#include <algorithm>
#include <cctype>
#include <string_view>

#include "rule_set.h"

namespace softstart {
namespace {

std::unique_ptr<RE2> CompilePattern(const std::string& pattern, bool folded, const char* what, std::string* error) {
  RE2::Options options = PatternOptions();
  options.set_case_sensitive(folded);  // Lowered text, lowered pattern.
  auto regex = std::make_unique<RE2>(SentencePattern(folded ? FoldedPattern(pattern) : pattern), options);
  if (regex->ok()) return regex;
  // Loading parsed it, so this is RE2's size limit, not syntax.
  *error = std::string(what) + " does not compile: " + regex->error();
  return nullptr;
}

// Named groups by index and the indices of those named 'tail'.
void ReadGroups(const RE2& regex, std::vector<std::pair<int, std::string>>* named, std::vector<int>* tails) {
  for (const auto& [index, name] : regex.CapturingGroupNames()) {
    if (name == "tail") tails->push_back(index);
    else named->emplace_back(index, name);
  }
}

}  // namespace

bool CanFold(const std::string& pattern) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (++i == pattern.size()) break;
      // A letter named by its code or by case ("\x41", "\101", "\p{Lu}")
      // would never meet an upper-case letter in lowered text.
      const char c = pattern[i];
      if (c == 'x' || (c >= '0' && c <= '7')) return false;
      if ((c == 'p' || c == 'P') && pattern.compare(i + 1, 2, "{L") == 0 && i + 3 < pattern.size() &&
          std::string_view("ult").find(pattern[i + 3]) != std::string_view::npos) {
        return false;
      }
    } else if (pattern.compare(i, 2, "(?") == 0) {
      // "(?i)", "(?-i:", "(?mi)": any flag group naming i.
      for (size_t j = i + 2; j < pattern.size() && (std::isalpha(static_cast<unsigned char>(pattern[j])) || pattern[j] == '-'); ++j) {
        if (pattern[j] == 'i') return false;
        if (pattern[j] == 'P') break;  // "(?P<name>".
      }
    } else if (pattern.compare(i, 8, "[:upper:") == 0 || pattern.compare(i, 8, "[:lower:") == 0) {
      return false;
    }
  }
  return true;
}

std::string FoldedPattern(const std::string& pattern) {
  std::string out = pattern;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\\') {
      ++i;  // \S, \W, \B keep their meaning.
      // \pL, \p{Lu}: the class as written.
      if (i + 1 < out.size() && (out[i] == 'p' || out[i] == 'P')) {
        i = out[i + 1] == '{' ? std::min(out.find('}', i), out.size()) : i + 1;
      }
    } else if (out.compare(i, 2, "(?") == 0) {
      // Flags ("(?U)", "(?sm:") and group names ("(?P<Name>", "(?<Name>") as written.
      size_t j = i + 2;
      while (j < out.size() && (std::isalpha(static_cast<unsigned char>(out[j])) || out[j] == '-')) ++j;
      if (j < out.size() && out[j] == '<') j = std::min(out.find('>', j), out.size());
      i = j;
    } else if (out[i] >= 'A' && out[i] <= 'Z') {
      out[i] = static_cast<char>(out[i] | 0x20);
    }
  }
  return out;
}

void FoldText(std::string_view text, std::string* out) {
  out->assign(text);
  for (char& c : *out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
}

std::vector<std::string> TopLevelAlternatives(const std::string& pattern) {
  std::vector<std::string> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size() && pattern[i + 1] == 'Q') return {};  // \Q...\E: not worth parsing.
      ++i;
    } else if (c == '[') {  // A class: ']' first is literal, escapes inside.
      size_t j = i + 1;
      if (j < pattern.size() && pattern[j] == '^') ++j;
      if (j < pattern.size() && pattern[j] == ']') ++j;
      while (j < pattern.size() && pattern[j] != ']') j += pattern[j] == '\\' ? 2 : 1;
      i = j;
    } else if (c == '(') {
      // "(?i)" at the top level sets flags for every later alternative.
      if (depth == 0 && i + 1 < pattern.size() && pattern[i + 1] == '?') {
        size_t j = i + 2;
        while (j < pattern.size() && (std::isalpha(static_cast<unsigned char>(pattern[j])) || pattern[j] == '-')) ++j;
        if (j < pattern.size() && pattern[j] == ')' && pattern[i + 2] != 'P') return {};
      }
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      out.push_back(pattern.substr(start, i - start));
      start = i + 1;
    }
  }
  if (out.empty() || depth != 0) return {};
  out.push_back(pattern.substr(start));
  return out;
}

const CompiledBranch::Regex& CompiledBranch::Get() const {
  std::call_once(once_, [&] {
    std::string unused;
    regex_.regex = CompilePattern(pattern_, folded_, "an alternative", &unused);
    if (!regex_.regex) return;
    ReadGroups(*regex_.regex, &regex_.named_groups, &regex_.tail_groups);
    regex_.group_count = regex_.regex->NumberOfCapturingGroups();
  });
  return regex_;
}

bool CompiledExceptions::Silence(std::string_view sentence) const {
  const std::vector<std::unique_ptr<RE2>>& regexes = Get();
  if (!error_.empty()) return true;  // The rule is off.
  return std::any_of(regexes.begin(), regexes.end(),
                     [&](const auto& regex) { return RE2::PartialMatch(sentence, *regex); });
}

const std::string& CompiledExceptions::Compile() const {
  Get();
  return error_;
}

const std::vector<std::unique_ptr<RE2>>& CompiledExceptions::Get() const {
  std::call_once(once_, [&] {
    // All as one alternation: one DFA pass over a sentence instead of one per
    // exception (a rule may have twenty). Each keeps its own inline flags
    // inside its group. Too large to compile together: one by one, which
    // also names the one that fails.
    if (patterns_.size() > 1) {
      std::string combined;
      for (const std::string& exception : patterns_) {
        combined += combined.empty() ? "(?:" : "|(?:";
        combined += exception;
        combined += ')';
      }
      std::string unused;
      if (auto regex = CompilePattern(combined, folded_, "the exceptions", &unused)) {
        regexes_.push_back(std::move(regex));
        return;
      }
    }
    for (const std::string& pattern : patterns_) {
      auto regex = CompilePattern(pattern, folded_, "an exception", &error_);
      if (!regex) {
        regexes_.clear();
        return;
      }
      regexes_.push_back(std::move(regex));
    }
  });
  return regexes_;
}

CompiledRule CompileRule(const Rule& rule) {
  CompiledRule out;
  out.folded = CanFold(rule.pattern) && CanFold(rule.after) && std::all_of(rule.exceptions.begin(), rule.exceptions.end(), CanFold);
  out.regex = CompilePattern(rule.pattern, out.folded, "the pattern", &out.error);
  if (out.regex && !rule.exceptions.empty()) {
    out.exceptions = std::make_unique<CompiledExceptions>(rule.exceptions, out.folded);
  }
  if (out.regex && rule.has_after()) {
    out.after = CompilePattern(rule.after, out.folded, "'after'", &out.error);
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
  ReadGroups(*out.regex, &out.named_groups, &out.tail_groups);
  // Without named groups only the span is needed, which RE2 finds with its
  // DFAs alone; asking for groups makes it run a much slower engine over the
  // span (for large patterns, the NFA).
  out.group_count = named.empty() ? 0 : out.regex->NumberOfCapturingGroups();
  if (out.group_count > 0) {
    for (std::string& alternative : TopLevelAlternatives(rule.pattern)) {
      out.branches.push_back(std::make_unique<CompiledBranch>(std::move(alternative), out.folded));
    }
  }
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
