// One rules/*.yaml file. The schema is documented in dictionaries/en/README.md.
#include "rule_file.h"

#include <algorithm>

#include "rule_loader.h"

namespace softstart {
namespace {

constexpr int kMinExamples = 3;
constexpr size_t kMaxGroupsPerGate = 8;
constexpr size_t kMaxGates = 32;
constexpr const char* kTopicSlots[] = {"topic", "missing"};

bool ParseStyle(const std::string& name, Suggestion::Style* style) {
  if (name == "short") *style = Suggestion::Style::kShort;
  else if (name == "full") *style = Suggestion::Style::kFull;
  else if (name == "question") *style = Suggestion::Style::kQuestion;
  else return false;
  return true;
}

// The names of a parsed pattern's (?P<name>...) groups, read from its text:
// outside character classes, not escaped. A name may repeat (RE2 allows it in
// alternatives). CompileRule checks them against RE2's own list.
std::vector<std::string> NamedGroups(const std::string& pattern) {
  std::vector<std::string> names;
  bool in_class = false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') ++i;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') ++i;  // "[]a]": a literal ']'.
    } else if (pattern.compare(i, 4, "(?P<") == 0) {
      const size_t close = pattern.find('>', i + 4);
      if (close == std::string::npos) break;
      names.push_back(pattern.substr(i + 4, close - i - 4));
      i = close;
    }
  }
  return names;
}

void LoadReframes(YamlFile& file, const YamlNode& rule_node, Rule* rule) {
  const YamlNode list = file.Require(rule_node, "reframes", YamlKind::kList);
  if (!list) return;
  const std::vector<std::string>& groups = rule->group_names;
  for (const YamlNode& item : list.Items()) {
    if (!item.IsMap() || item.size() != 1 || !item.Entries()[0].second.IsScalar()) {
      file.Error(item, "each reframe is one 'short:', 'full:' or 'question:' entry with a text");
      continue;
    }
    Template reframe;
    reframe.line = item.line();
    const auto [style_node, text_node] = item.Entries()[0];
    const std::string style = style_node.Scalar();
    if (!ParseStyle(style, &reframe.style)) {
      file.Error(item, "unknown reframe style '" + style + "' (expected short, full or question)");
      continue;
    }
    std::string error;
    if (!ParseTemplate(text_node.Scalar(), &reframe, &error)) {
      file.Error(item, error);
      continue;
    }
    bool slots_ok = true;
    for (const auto& piece : reframe.pieces) {
      if (!piece.is_slot) continue;
      if (std::find(std::begin(kTopicSlots), std::end(kTopicSlots), piece.text) != std::end(kTopicSlots)) {
        reframe.uses_topic = true;
      } else if (std::find(groups.begin(), groups.end(), piece.text) != groups.end()) {
        reframe.capture_slots.push_back(piece.text);
      } else if (rule->scored_by_tone_model) {
        file.Error(item, "unknown template slot '{" + piece.text +
                             "}' (a tone-model rule has no pattern groups: use {topic} or {missing})");
        slots_ok = false;
      } else if (!rule->pattern.empty()) {  // Without a pattern, its error is enough.
        file.Error(item, "unknown template slot '{" + piece.text +
                             "}' (use {topic}, {missing} or a named group of the pattern)");
        slots_ok = false;
      }
    }
    if (slots_ok) rule->reframes.push_back(std::move(reframe));
  }
  // The last template of each style needs no slots, so every finding has a
  // suggestion in every style whatever the message says.
  for (auto style : {Suggestion::Style::kShort, Suggestion::Style::kFull, Suggestion::Style::kQuestion}) {
    const Template* last = nullptr;
    for (const auto& t : rule->reframes) {
      if (t.style == style) last = &t;
    }
    const char* name = style == Suggestion::Style::kShort ? "short"
                       : style == Suggestion::Style::kFull ? "full"
                                                           : "question";
    if (!last) {
      file.Error(list, std::string("rule '") + rule->id + "' needs a '" + name + "' reframe");
    } else if (last->uses_topic || !last->capture_slots.empty()) {
      file.Error(list, std::string("the last '") + name + "' reframe of '" + rule->id +
                           "' must use no slots, so there is always a suggestion");
    }
  }
}

void LoadExamples(YamlFile& file, const YamlNode& rule_node, Rule* rule) {
  const YamlNode examples = file.Require(rule_node, "examples", YamlKind::kMap);
  if (!examples) return;
  file.RejectUnknownKeys(examples, {"match", "no_match"});
  const YamlNode match = file.Require(examples, "match", YamlKind::kList);
  const YamlNode no_match = file.Require(examples, "no_match", YamlKind::kList);
  if (match) {
    for (const YamlNode& item : match.Items()) {
      RuleExample example;
      example.line = item.line();
      if (!file.RequireString(item, "text", &example.text) || !file.RequireString(item, "span", &example.span)) {
        continue;
      }
      file.RejectUnknownKeys(item, {"text", "span"});
      if (example.text.find(example.span) == std::string::npos) {
        file.Error(item, "span '" + example.span + "' is not part of the example text");
        continue;
      }
      rule->examples.push_back(std::move(example));
    }
    if (match.size() < kMinExamples) file.Error(match, "a rule needs at least 3 'match' examples");
  }
  if (no_match) {
    for (const YamlNode& item : no_match.Items()) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        file.Error(item, "a 'no_match' example is a non-empty string");
        continue;
      }
      rule->examples.push_back({item.Scalar(), "", false, item.line()});
    }
    if (no_match.size() < kMinExamples) file.Error(no_match, "a rule needs at least 3 'no_match' examples");
  }
}

// One gate: `[a, b]` is one group; `[[a, b], [you, your]]` needs a word of
// every group. `what` names the key in messages.
void LoadGate(YamlFile& file, const YamlNode& list, const char* what, WordGroups* groups) {
  if (list.size() == 0) {
    file.Error(list, std::string("'") + what + "' is empty: leave it out to screen the rule by pattern");
    return;
  }
  const auto load_group = [&](const YamlNode& group_node, std::vector<std::string>* group) {
    for (const YamlNode& item : group_node.Items()) {
      static const RE2 kWord(R"([a-z][a-z']{0,31}|[a-z]{2}[a-z']{0,29}\*)");
      if (!item.IsScalar() || !RE2::FullMatch(item.Scalar(), kWord)) {
        file.Error(item, "a word is up to 32 lower-case letters; a prefix of two or more letters ends in * ('attract*'): '" +
                             (item.IsScalar() ? item.Scalar() : std::string("(not a word)")) + "'");
        continue;
      }
      group->push_back(item.Scalar());
    }
  };
  if (list[size_t{0}].IsList()) {
    if (list.size() > kMaxGroupsPerGate) file.Error(list, "at most 8 groups of words");
    for (const YamlNode& group_node : list.Items()) {
      if (!group_node.IsList() || group_node.size() == 0) {
        file.Error(group_node, std::string("with groups, each entry of '") + what + "' is a non-empty list of words");
        continue;
      }
      groups->emplace_back();
      load_group(group_node, &groups->back());
    }
  } else {
    groups->emplace_back();
    load_group(list, &groups->back());
  }
}

// `words:` is one gate; `gates:` a list of them, one per phrase family of the
// pattern (the rule is armed when any one is satisfied).
void LoadWordGates(YamlFile& file, const YamlNode& rule_node, Rule* rule) {
  if (rule_node["words"].IsDefined() && rule_node["gates"].IsDefined()) {
    file.Error(rule_node["gates"], "a rule has 'words' or 'gates', not both");
    return;
  }
  if (rule_node["words"].IsDefined()) {
    const YamlNode list = file.Require(rule_node, "words", YamlKind::kList);
    if (!list) return;
    rule->word_gates.emplace_back();
    LoadGate(file, list, "words", &rule->word_gates.back());
    return;
  }
  const YamlNode gates = file.Require(rule_node, "gates", YamlKind::kList);
  if (!gates) return;
  if (gates.size() == 0 || gates.size() > kMaxGates) {
    file.Error(gates, "'gates' is a list of 1 to 32 gates, each written like 'words'");
    return;
  }
  for (const YamlNode& gate : gates.Items()) {
    if (!gate.IsList()) {
      file.Error(gate, "each gate is a list of words, or of groups of words, like 'words'");
      continue;
    }
    rule->word_gates.emplace_back();
    LoadGate(file, gate, "gates", &rule->word_gates.back());
  }
}

void LoadRule(YamlFile& file, const YamlNode& node, const std::map<std::string, std::string>& defines,
              const std::map<std::string, Principle>& principles, bool compile_now, std::vector<Rule>* rules) {
  Rule rule;
  rule.file = file.path();
  rule.line = node.line();
  if (!node.IsMap()) {
    file.Error(node, "a rule is a mapping");
    return;
  }
  file.RejectUnknownKeys(node, {"id", "category", "principle", "pattern", "scorer", "words", "gates", "exceptions",
                                "after", "explanation", "reframes", "examples"});
  std::string category, pattern;
  const bool has_id = file.RequireString(node, "id", &rule.id);
  if (file.RequireString(node, "category", &category)) {
    if (auto parsed = ParseCategory(category)) {
      rule.category = *parsed;
      if (has_id && rule.id.rfind(category + ".", 0) != 0) {
        file.Error(node["id"], "rule id '" + rule.id + "' must start with its category: '" + category + ".'");
      }
    } else {
      file.Error(node["category"], "unknown category '" + category +
                                       "' (expected blame, demand, loaded-question, pressure or dismissive)");
    }
  }
  if (has_id && !RE2::FullMatch(rule.id, R"([a-z-]+\.[a-z0-9]+(?:-[a-z0-9]+)*)")) {
    file.Error(node["id"], "rule id '" + rule.id + "' is not of the form category.rule-name");
  }
  if (file.RequireString(node, "principle", &rule.principle) && !principles.count(rule.principle)) {
    file.Error(node["principle"], "unknown principle '" + rule.principle + "' (see principles.yaml)");
  }
  file.RequireString(node, "explanation", &rule.explanation);
  if (node["scorer"].IsDefined()) {
    // Findings come from the tone model; the rule holds only what is said
    // about them, so pattern keys would never run.
    std::string scorer;
    if (file.RequireString(node, "scorer", &scorer) && scorer != "tone-model") {
      file.Error(node["scorer"], "unknown scorer '" + scorer + "' (the one there is: tone-model)");
    }
    for (const char* key : {"pattern", "words", "gates", "exceptions", "after"}) {
      if (node[key].IsDefined()) file.Error(node[key], std::string("a rule with a scorer has no '") + key + "'");
    }
    rule.scored_by_tone_model = true;
    LoadReframes(file, node, &rule);
    LoadExamples(file, node, &rule);
    rules->push_back(std::move(rule));
    return;
  }
  if (file.RequireString(node, "pattern", &pattern)) {
    std::string expanded, error;
    if (!ExpandDefines(pattern, defines, &expanded, &error)) {
      file.Error(node["pattern"], error);
    } else if (!compile_now || file.CheckPattern(node["pattern"], expanded)) {
      rule.pattern = std::move(expanded);
      rule.pattern_line = node["pattern"].line();
      rule.group_names = NamedGroups(rule.pattern);
    }
  }
  if (node["exceptions"].IsDefined()) {
    const YamlNode list = file.Require(node, "exceptions", YamlKind::kList);
    for (const YamlNode& item : list.Items()) {
      std::string expanded, error;
      if (!item.IsScalar()) {
        file.Error(item, "an exception is a pattern string");
      } else if (!ExpandDefines(item.Scalar(), defines, &expanded, &error)) {
        file.Error(item, error);
      } else if (!compile_now || file.CheckPattern(item, expanded)) {
        rule.exceptions.push_back(std::move(expanded));
      }
    }
  }
  if (node["words"].IsDefined() || node["gates"].IsDefined()) LoadWordGates(file, node, &rule);
  if (node["after"].IsDefined()) {
    std::string after, expanded, error;
    if (file.RequireString(node, "after", &after)) {
      if (!ExpandDefines(after, defines, &expanded, &error)) {
        file.Error(node["after"], error);
      } else if (!compile_now || file.CheckPattern(node["after"], expanded)) {
        rule.after = std::move(expanded);
      }
    }
  }
  // Compile errors past the parse (RE2's size limit, a pattern that matches
  // an empty message) are load errors too when compiling now.
  if (compile_now && !rule.pattern.empty()) {
    if (const CompiledRule& compiled = rule.Compiled(); !compiled.regex) {
      file.ErrorAt(rule.pattern_line, compiled.error);
      rule.pattern.clear();  // Its error is enough: no slot errors from its groups.
    } else if (compiled.exceptions && !compiled.exceptions->Compile().empty()) {
      file.ErrorAt(rule.pattern_line, compiled.exceptions->Compile());
    }
  }
  LoadReframes(file, node, &rule);
  LoadExamples(file, node, &rule);
  rules->push_back(std::move(rule));
}

}  // namespace

void LoadRuleFile(const std::string& path, const std::map<std::string, std::string>& defines,
                  const std::map<std::string, Principle>& principles, bool compile_now, std::vector<Rule>* rules,
                  std::vector<RuleError>* errors) {
  YamlFile file(path, errors);
  if (!file.ok()) return;
  file.RejectUnknownKeys(file.root(), {"rules"});
  const YamlNode list = file.Require(file.root(), "rules", YamlKind::kList);
  if (!list) return;
  for (const YamlNode& node : list.Items()) LoadRule(file, node, defines, principles, compile_now, rules);
}

}  // namespace softstart
