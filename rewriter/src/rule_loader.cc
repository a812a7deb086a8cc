// The rule directory: defines, principles, topics, the chat-speak map, the
// typo vocabulary, every rules/*.yaml file (parsed in rule_file.cc) and the
// tone model (tone_model.cc).
#include "rule_loader.h"

#include <algorithm>
#include <cctype>
#include <array>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <iterator>
#include <set>
#include <sstream>
#include <system_error>

#include "rule_file.h"

namespace softstart {
namespace fs = std::filesystem;

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);  // The library never logs; errors are returned.
  return options;
}

bool ParseTemplate(const std::string& text, Template* out, std::string* error) {
  out->pieces.clear();
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find('{', pos);
    if (open == std::string::npos) {
      out->pieces.push_back({false, text.substr(pos)});
      break;
    }
    if (open > pos) out->pieces.push_back({false, text.substr(pos, open - pos)});
    const size_t close = text.find('}', open);
    if (close == std::string::npos) {
      *error = "'{' without a closing '}' in template";
      return false;
    }
    std::string name = text.substr(open + 1, close - open - 1);
    if (name.empty() || name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
      *error = "bad template slot '{" + name + "}' (slots are lower_snake names)";
      return false;
    }
    out->pieces.push_back({true, std::move(name)});
    pos = close + 1;
  }
  if (text.find('}') != std::string::npos &&
      std::count(text.begin(), text.end(), '}') != std::count(text.begin(), text.end(), '{')) {
    *error = "'}' without an opening '{' in template";
    return false;
  }
  return true;
}

namespace {

bool ReadLines(const fs::path& path, std::vector<std::pair<int, std::string>>* lines,
               std::vector<RuleError>* errors) {
  std::ifstream in(path);
  if (!in) {
    errors->push_back({path.string(), 0, "cannot read file"});
    return false;
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    lines->emplace_back(number, line);
  }
  return true;
}

bool LoadChatspeak(const fs::path& path, RuleSet* rules, std::vector<RuleError>* errors) {
  std::vector<std::pair<int, std::string>> lines;
  if (!ReadLines(path, &lines, errors)) return false;
  bool ok = true;
  for (const auto& [number, line] : lines) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size()) {
      errors->push_back({path.string(), number, "expected 'token<TAB>replacement'"});
      ok = false;
      continue;
    }
    std::string token = line.substr(0, tab);
    std::transform(token.begin(), token.end(), token.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (!rules->chatspeak.emplace(token, line.substr(tab + 1)).second) {
      errors->push_back({path.string(), number, "duplicate token '" + token + "'"});
      ok = false;
    }
  }
  return ok;
}

// Shorter words are targets only of two letters swapped (swap_targets): too
// many misspellings sit one letter from one ("liao" from "liar").
constexpr size_t kMinTypoTarget = 5;

// The whole words a pattern spells out: "(?:spoiled|lucky)\b" gives both,
// but "apprec(?:iate|ate)" or "kiss\w*" give none (only part of a word).
void ForEachPatternWord(std::string_view pattern, const std::function<void(std::string)>& f) {
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '\\') {
      i += 2;  // An escape (\b, \s, \w) is no letter of a word.
      continue;
    }
    if (!std::isalpha(static_cast<unsigned char>(pattern[i]))) {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < pattern.size() && std::isalpha(static_cast<unsigned char>(pattern[i]))) ++i;
    const char before = start == 0 ? ' ' : pattern[start - 1];
    const char after = i == pattern.size() ? ' ' : pattern[i];
    const bool whole = std::string_view(")]}").find(before) == std::string_view::npos &&
                       std::string_view("([{?*+\\").find(after) == std::string_view::npos &&
                       !(start >= 2 && pattern[start - 2] == '(' && before == '?');  // "(?i" is a flag.
    if (whole) {
      std::string word(pattern.substr(start, i - start));
      std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
      f(std::move(word));
    }
  }
}

// Typo targets beyond vocabulary.txt: the words of five letters or more that
// rules are written with (gates first, then patterns and exceptions, so a
// typo that breaks an exception, "you never faiil to cheer me up", is read
// as meant too). Every gate word is known: never corrected itself.
void AddTypoTargets(RuleSet* rules) {
  std::set<std::string> seen(rules->vocabulary.begin(), rules->vocabulary.end());
  std::set<std::string> short_seen;
  const auto add_target = [&](const std::string& word) {
    if (word.size() >= kMinTypoTarget) {
      if (seen.insert(word).second) rules->vocabulary.push_back(word);
    } else if (short_seen.insert(word).second) {
      rules->swap_targets.push_back(word);
    }
  };
  std::set<std::string> known;
  for (const Rule& rule : rules->rules) {
    for (const WordGroups& gate : rule.word_gates) {
      for (const std::vector<std::string>& group : gate) {
        for (const std::string& word : group) {
          if (word.empty() || word.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) {
            continue;  // A prefix ("attract*") or a contraction: not a spelling to aim at.
          }
          if (known.insert(word).second) rules->gate_words.push_back(word);
          add_target(word);
        }
      }
    }
  }
  for (const Rule& rule : rules->rules) {
    ForEachPatternWord(rule.pattern, add_target);
    for (const std::string& exception : rule.exceptions) ForEachPatternWord(exception, add_target);
  }
}

// A list of lower-case words, one a line (vocabulary.txt, common-words.txt);
// `what` names them in errors ("vocabulary words").
bool LoadWordList(const fs::path& path, const char* what, std::vector<std::string>* words,
                  std::vector<RuleError>* errors) {
  std::vector<std::pair<int, std::string>> lines;
  if (!ReadLines(path, &lines, errors)) return false;
  bool ok = true;
  for (const auto& [number, word] : lines) {
    if (word.find_first_not_of("abcdefghijklmnopqrstuvwxyz'") != std::string::npos) {
      errors->push_back({path.string(), number, std::string(what) + " are lower-case letters: '" + word + "'"});
      ok = false;
      continue;
    }
    words->push_back(word);
  }
  return ok;
}

bool LoadPrinciples(const fs::path& path, RuleSet* rules, std::vector<RuleError>* errors) {
  YamlFile file(path.string(), errors);
  if (!file.ok()) return false;
  const YamlNode list = file.Require(file.root(), "principles", YamlKind::kMap);
  if (!list) return false;
  bool ok = true;
  for (const auto& entry : list.Entries()) {
    const std::string key = entry.first.Scalar();
    std::string name;
    if (!file.RequireString(entry.second, "name", &name)) {
      ok = false;
      continue;
    }
    file.RejectUnknownKeys(entry.second, {"name"});
    rules->principles[key] = Principle{name};
  }
  return ok && file.ok();
}

// All topics as one set (lower-case, for lowered text, when every pattern
// can be), leaving out a topic whose pattern does not parse.
void CompileTopicScreen(const RuleSet& rules) {
  const bool folded =
      std::all_of(rules.topics.begin(), rules.topics.end(), [](const Topic& topic) { return CanFold(topic.pattern); });
  RE2::Options options = PatternOptions();
  options.set_case_sensitive(folded);
  auto screen = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  std::vector<Topic> parsed;
  for (Topic& topic : rules.topics) {
    const std::string pattern = SentencePattern(folded ? FoldedPattern(topic.pattern) : topic.pattern);
    if (screen->Add(pattern, nullptr) >= 0) parsed.push_back(std::move(topic));
  }
  rules.topics = std::move(parsed);
  if (!rules.topics.empty() && screen->Compile()) {
    rules.topic_screen = std::move(screen);
    rules.topics_folded = folded;
  }
}

}  // namespace

void CompileTopics(const RuleSet& rules) {
  // Compiled once as a set, not also one by one: topics are a sixth of a
  // batch's compiling.
  std::call_once(*rules.topics_compiled, [&] {
    if (!rules.topic_screen) CompileTopicScreen(rules);
  });
}

void CompileEachTopic(const RuleSet& rules) {
  CompileTopics(rules);
  std::call_once(*rules.topic_regexes_compiled, [&] {
    for (Topic& topic : rules.topics) {
      if (!topic.regex) topic.regex = std::make_unique<RE2>(SentencePattern(topic.pattern), PatternOptions());
    }
  });
}

namespace {

// compile_now: compile each pattern and report its errors with their lines;
// else keep the text and compile on the first suggestion (CompileTopics).
bool LoadTopics(const fs::path& path, bool compile_now, RuleSet* rules, std::vector<RuleError>* errors) {
  YamlFile file(path.string(), errors);
  if (!file.ok()) return false;
  const YamlNode list = file.Require(file.root(), "topics", YamlKind::kList);
  if (!list) return false;
  for (const YamlNode& node : list.Items()) {
    Topic topic;
    std::string pattern;
    if (!file.RequireString(node, "id", &topic.id) || !file.RequireString(node, "pattern", &pattern) ||
        !file.RequireString(node, "topic", &topic.about) ||
        !file.RequireString(node, "missing", &topic.missing)) {
      continue;
    }
    file.RejectUnknownKeys(node, {"id", "pattern", "topic", "missing"});
    if (compile_now) {
      topic.regex = file.Compile(node["pattern"], pattern);
      if (!topic.regex) continue;
    }
    topic.pattern = std::move(pattern);
    rules->topics.push_back(std::move(topic));
  }
  if (compile_now) CompileTopicScreen(*rules);
  return file.ok();
}

// The rule files, in order. Compiling their patterns is most of the load
// time and the files are independent, so about half of them (by size) load on
// a second thread.
void LoadRuleFiles(const std::vector<fs::path>& paths, const std::map<std::string, std::string>& defines,
                   bool compile_now, RuleSet* rules, std::vector<RuleError>* errors) {
  struct Loaded {
    std::vector<Rule> rules;
    std::vector<RuleError> errors;
  };
  std::vector<Loaded> loaded(paths.size());
  std::vector<bool> on_second_thread(paths.size(), false);
  std::error_code ec;
  uintmax_t first_bytes = 0, second_bytes = 0;
  for (size_t i = 0; i < paths.size(); ++i) {
    const uintmax_t bytes = fs::file_size(paths[i], ec);
    on_second_thread[i] = second_bytes < first_bytes;
    (on_second_thread[i] ? second_bytes : first_bytes) += ec ? 0 : bytes;
  }
  const auto load = [&](bool second) {
    for (size_t i = 0; i < paths.size(); ++i) {
      if (on_second_thread[i] != second) continue;
      const std::string path = paths[i].string();
      LoadRuleFile(path, defines, rules->principles, compile_now, &loaded[i].rules, &loaded[i].errors);
    }
  };
  std::future<void> second;
  try {
    second = std::async(std::launch::async, load, true);
  } catch (const std::system_error&) {  // No thread to be had: load them here.
    second = std::async(std::launch::deferred, load, true);
  }
  load(false);
  second.get();
  for (Loaded& file : loaded) {
    for (Rule& rule : file.rules) (rule.scored_by_tone_model ? rules->tone_rules : rules->rules).push_back(std::move(rule));
    errors->insert(errors->end(), file.errors.begin(), file.errors.end());
  }
}

}  // namespace

bool LoadRuleSet(const std::string& dir, RuleSet* rules, std::vector<RuleError>* errors, PatternCompiling compiling,
                 ToneModelLoading tone_model) {
  const size_t errors_before = errors->size();
  const fs::path root(dir);
  std::error_code ec;
  if (!fs::is_directory(root / "rules", ec)) {
    errors->push_back({dir, 0, "not a rule directory (no rules/ folder in it)"});
    return false;
  }
  std::map<std::string, std::string> defines;
  if (fs::exists(root / "defines.yaml", ec)) {
    const std::string path = (root / "defines.yaml").string();
    LoadDefines(path, &defines, errors);
  }
  LoadPrinciples(root / "principles.yaml", rules, errors);
  LoadTopics(root / "topics.yaml", compiling == PatternCompiling::kAtLoad, rules, errors);
  LoadChatspeak(root / "chatspeak.tsv", rules, errors);
  LoadWordList(root / "vocabulary.txt", "vocabulary words", &rules->vocabulary, errors);
  if (fs::exists(root / "common-words.txt", ec)) {
    LoadWordList(root / "common-words.txt", "common words", &rules->common_words, errors);
  }
  if (fs::exists(root / "hunspell" / "softstart.dic", ec)) {
    rules->hunspell_extra_dic = (root / "hunspell" / "softstart.dic").string();
  }

  std::vector<fs::path> rule_files;
  for (const auto& entry : fs::directory_iterator(root / "rules", ec)) {
    if (entry.path().extension() == ".yaml") rule_files.push_back(entry.path());
  }
  std::sort(rule_files.begin(), rule_files.end());
  if (rule_files.empty()) errors->push_back({(root / "rules").string(), 0, "no *.yaml rule files"});
  // The tone model (a few MB of weights) loads beside the rule files.
  std::vector<RuleError> model_errors;
  std::future<void> model;
  if (tone_model == ToneModelLoading::kLoad && fs::exists(root / "tone-model.tsv", ec)) {
    const auto load_model = [&] { rules->tone_model.Load((root / "tone-model.tsv").string(), &model_errors); };
    try {
      model = std::async(std::launch::async, load_model);
    } catch (const std::system_error&) {  // No thread to be had: load it here.
      model = std::async(std::launch::deferred, load_model);
    }
  }
  LoadRuleFiles(rule_files, defines, compiling == PatternCompiling::kAtLoad, rules, errors);
  AddTypoTargets(rules);
  if (model.valid()) model.get();
  errors->insert(errors->end(), model_errors.begin(), model_errors.end());

  // Duplicate ids are checked across files: an id names one rule forever.
  std::map<std::string, const Rule*> by_id;
  std::array<const Rule*, kCategoryCount> tone_rule_of{};
  for (const std::vector<Rule>* list : {&rules->rules, &rules->tone_rules}) {
    for (const Rule& rule : *list) {
      auto [it, inserted] = by_id.emplace(rule.id, &rule);
      if (!inserted) {
        errors->push_back({rule.file, rule.line,
                           "duplicate rule id '" + rule.id + "' (first defined at " + it->second->file + ":" +
                               std::to_string(it->second->line) + ")"});
      }
    }
  }
  for (const Rule& rule : rules->tone_rules) {
    const Rule*& first = tone_rule_of[static_cast<size_t>(rule.category)];
    if (first) {
      errors->push_back({rule.file, rule.line,
                         "a second tone-model rule for " + std::string(CategoryName(rule.category)) +
                             " (the first: " + first->id + "); one answers each category"});
    }
    first = &rule;
  }
  return errors->size() == errors_before;
}

}  // namespace softstart
