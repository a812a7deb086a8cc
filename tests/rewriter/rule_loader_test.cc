// Hostile rule files: each kind of mistake is reported with the file and the
// line, and nothing is loaded from a broken directory.
#define BOOST_TEST_MODULE rule_loader_test
#include <boost/test/unit_test.hpp>


#include <fstream>

#include "rule_dir.h"
#include "rule_loader.h"
#include "softstart/rewriter.h"

using softstart::testing::RuleDir;

namespace {

const char* kGoodRule = R"(rules:
  - id: blame.test-rule
    category: blame
    principle: vulnerability
    pattern: '\byou\s+never\s+{{action}}'
    explanation: Test.
    reframes:
      - short: "I miss {missing}."
      - short: "I miss you."
      - full: "I'd love {action} more."
      - full: "I miss us."
      - question: "How are you?"
    examples:
      match:
        - {text: "you never call", span: "you never call"}
        - {text: "you never write", span: "you never write"}
        - {text: "you never visit", span: "you never visit"}
      no_match: ["a", "b", "c"]
)";

std::vector<softstart::RuleError> Load(const RuleDir& dir) {
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  softstart::LoadRuleSet(dir.path(), &rules, &errors);
  return errors;
}

// The single error, as "file:line: message".
std::string OnlyError(const std::string& yaml) {
  RuleDir dir(yaml);
  const auto errors = Load(dir);
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_TEST(errors[0].file == dir.rule_file());
  std::string text = errors[0].ToString();
  return "L" + std::to_string(errors[0].line) + " " + errors[0].message;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_good_file_loads) {
  RuleDir dir(kGoodRule);
  BOOST_TEST(Load(dir).empty());
}

BOOST_AUTO_TEST_CASE(broken_regular_expression) {
  const std::string error = OnlyError(Replace(kGoodRule, R"('\byou\s+never\s+{{action}}')", R"('\byou (never')"));
  BOOST_TEST(Contains(error, "L5 bad regular expression"), error);
}

BOOST_AUTO_TEST_CASE(yaml_syntax_error) {
  const std::string error = OnlyError(Replace(kGoodRule, "    explanation: Test.", "    explanation: [unclosed"));
  BOOST_TEST(Contains(error, "YAML syntax error"), error);
  BOOST_TEST(!Contains(error, "L0 "), error);
}

BOOST_AUTO_TEST_CASE(unknown_category) {
  const std::string error = OnlyError(Replace(kGoodRule, "category: blame", "category: blam"));
  BOOST_TEST(Contains(error, "L3 unknown category 'blam'"), error);
}

BOOST_AUTO_TEST_CASE(duplicate_id) {
  std::string twice = kGoodRule;
  twice += std::string(kGoodRule).substr(std::string("rules:\n").size());
  const std::string error = OnlyError(twice);
  BOOST_TEST(Contains(error, "L19 duplicate rule id 'blame.test-rule'"), error);
}

BOOST_AUTO_TEST_CASE(missing_field) {
  const std::string error = OnlyError(Replace(kGoodRule, "    explanation: Test.\n", ""));
  BOOST_TEST(Contains(error, "L2 missing field 'explanation'"), error);
}

BOOST_AUTO_TEST_CASE(unknown_template_slot) {
  const std::string error = OnlyError(Replace(kGoodRule, "I miss {missing}.", "I miss {mising}."));
  BOOST_TEST(Contains(error, "L8 unknown template slot '{mising}'"), error);
}

BOOST_AUTO_TEST_CASE(empty_file) {
  const std::string error = OnlyError("");
  BOOST_TEST(Contains(error, "L1 the file is empty"), error);
}

BOOST_AUTO_TEST_CASE(pattern_that_matches_nothing_in_particular) {
  const std::string error = OnlyError(Replace(kGoodRule, R"('\byou\s+never\s+{{action}}')", R"('(?:you)?')"));
  BOOST_TEST(Contains(error, "L5 pattern matches an empty message"), error);
}

BOOST_AUTO_TEST_CASE(bad_words) {
  const std::string error = OnlyError(Replace(kGoodRule, "    explanation: Test.", "    words: [Never]\n    explanation: Test."));
  BOOST_TEST(Contains(error, "L6 a word is up to 32 lower-case letters"), error);
  // A one-letter prefix would arm the rule on most messages.
  const std::string short_prefix =
      OnlyError(Replace(kGoodRule, "    explanation: Test.", "    words: [never, n*]\n    explanation: Test."));
  BOOST_TEST(Contains(short_prefix, "L6 a word is up to 32 lower-case letters; a prefix of two or more"), short_prefix);
  const std::string empty_group =
      OnlyError(Replace(kGoodRule, "    explanation: Test.", "    words: [[never], []]\n    explanation: Test."));
  BOOST_TEST(Contains(empty_group, "L6 with groups, each entry of 'words' is a non-empty list of words"), empty_group);
  const std::string empty = OnlyError(Replace(kGoodRule, "    explanation: Test.", "    words: []\n    explanation: Test."));
  BOOST_TEST(Contains(empty, "L6 'words' is empty"), empty);
}

BOOST_AUTO_TEST_CASE(bad_common_word) {
  RuleDir dir(kGoodRule);
  const std::string path = dir.path() + "/common-words.txt";
  std::ofstream(path) << "# commonest first\nthe\nYou\n";
  const auto errors = Load(dir);
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_TEST(errors[0].file == path);
  BOOST_TEST(errors[0].line == 3);
  BOOST_TEST(Contains(errors[0].message, "common words are lower-case letters: 'You'"), errors[0].message);
}

BOOST_AUTO_TEST_CASE(bad_gates) {
  const std::string both = OnlyError(
      Replace(kGoodRule, "    explanation: Test.", "    words: [never]\n    gates: [[never]]\n    explanation: Test."));
  BOOST_TEST(Contains(both, "L7 a rule has 'words' or 'gates', not both"), both);
  const std::string not_a_list =
      OnlyError(Replace(kGoodRule, "    explanation: Test.", "    gates: [never, [once]]\n    explanation: Test."));
  BOOST_TEST(Contains(not_a_list, "L6 each gate is a list of words, or of groups of words"), not_a_list);
  const std::string empty_gate =
      OnlyError(Replace(kGoodRule, "    explanation: Test.", "    gates: [[never], []]\n    explanation: Test."));
  BOOST_TEST(Contains(empty_gate, "L6 'gates' is empty"), empty_gate);
  const std::string bad_word =
      OnlyError(Replace(kGoodRule, "    explanation: Test.", "    gates: [[[never], [You]]]\n    explanation: Test."));
  BOOST_TEST(Contains(bad_word, "L6 a word is up to 32 lower-case letters"), bad_word);
}

BOOST_AUTO_TEST_CASE(wrong_kinds_of_node) {
  RuleDir dir("rules:\n  - id: [blame, x]\n    category: {a: b}\n");
  const auto errors = Load(dir);
  BOOST_REQUIRE(!errors.empty());
  for (const auto& error : errors) {
    BOOST_TEST(error.file == dir.rule_file());
    BOOST_TEST(error.line > 0, error.ToString());
  }
}

BOOST_AUTO_TEST_CASE(unknown_field_and_too_few_examples) {
  RuleDir dir(Replace(Replace(kGoodRule, "    explanation:", "    explanaton: x\n    explanation:"),
                      R"(no_match: ["a", "b", "c"])", R"(no_match: ["a"])"));
  const auto errors = Load(dir);
  BOOST_REQUIRE_EQUAL(errors.size(), 2u);
  BOOST_TEST(Contains(errors[0].ToString(), "test.yaml:6: unknown field 'explanaton'"), errors[0].ToString());
  BOOST_TEST(Contains(errors[1].ToString(), "a rule needs at least 3 'no_match' examples"));
}

BOOST_AUTO_TEST_CASE(rewriter_reports_errors_as_values) {
  RuleDir dir(Replace(kGoodRule, "category: blame", "category: blam"));
  softstart::Rewriter::Options options;
  options.rules_dir = dir.path();
  softstart::Rewriter rewriter(options);
  BOOST_TEST(!rewriter.ok());
  BOOST_REQUIRE(!rewriter.errors().empty());
  BOOST_TEST(Contains(rewriter.errors()[0].ToString(), dir.rule_file() + ":3: unknown category"));
  // Analysing with a broken rewriter finds nothing rather than crashing.
  BOOST_TEST(!rewriter.Analyze("you never call").flagged());
}

BOOST_AUTO_TEST_CASE(not_a_rule_directory) {
  softstart::Rewriter::Options options;
  options.rules_dir = "/nonexistent/softstart";
  softstart::Rewriter rewriter(options);
  BOOST_TEST(!rewriter.ok());
  BOOST_TEST(Contains(rewriter.errors().at(0).ToString(), "not a rule directory"));
}

BOOST_AUTO_TEST_CASE(missing_hunspell_dictionary_is_a_warning) {
  softstart::Rewriter::Options options;
  options.rules_dir = SOFTSTART_TEST_RULES_DIR;
  options.hunspell_dictionary = "/nonexistent/xx_XX";
  softstart::Rewriter rewriter(options);
  BOOST_TEST(rewriter.ok());
  BOOST_REQUIRE_EQUAL(rewriter.warnings().size(), 1u);
  BOOST_TEST(Contains(rewriter.warnings()[0], "no Hunspell dictionary"));
  BOOST_TEST(rewriter.Analyze("you never listen to me").flagged());
}

// Group names are read from the pattern's text before it is compiled: an
// escaped "(?P<" is no group, so a template cannot use it.
BOOST_AUTO_TEST_CASE(escaped_group_is_not_a_slot) {
  const std::string error = OnlyError(Replace(
      Replace(kGoodRule, R"('\byou\s+never\s+{{action}}')", R"('\byou\s+never\s+\(?P<fake>{{action}}')"),
      "I'd love {action} more.", "I'd love {fake} more."));
  BOOST_TEST(Contains(error, "L10 unknown template slot '{fake}'"), error);
}

// Deferred compiling (the bundled rules): loading reads patterns without
// compiling them; a rule compiles on first use, and one whose pattern does
// not compile is off instead of failing the load.
BOOST_AUTO_TEST_CASE(deferred_compiling_turns_a_bad_rule_off) {
  std::string broken_rule = Replace(kGoodRule, "rules:\n", "");
  broken_rule = Replace(broken_rule, R"('\byou\s+never\s+{{action}}')", R"('\byou (never')");
  broken_rule = Replace(Replace(broken_rule, "{action}", "you"), "blame.test-rule", "blame.broken-rule");
  RuleDir dir(Replace(kGoodRule, "rules:\n", "rules:\n" + broken_rule));
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  BOOST_REQUIRE(softstart::LoadRuleSet(dir.path(), &rules, &errors, softstart::PatternCompiling::kOnFirstUse));
  BOOST_REQUIRE_EQUAL(rules.rules.size(), 2u);
  const softstart::Rule& broken = rules.rules[0];
  const softstart::Rule& good = rules.rules[1];
  BOOST_TEST(broken.id == "blame.broken-rule");
  BOOST_TEST(!broken.Compiled().regex);
  BOOST_TEST(Contains(broken.Compiled().error, "does not compile: missing )"), broken.Compiled().error);
  BOOST_REQUIRE(good.Compiled().regex);
  BOOST_TEST(good.Compiled().group_count == 1);
  BOOST_TEST(&good.Compiled() == &good.Compiled());  // Compiled once.

  // Loaded the usual way, the same directory fails with the line.
  errors.clear();
  softstart::RuleSet checked;
  BOOST_TEST(!softstart::LoadRuleSet(dir.path(), &checked, &errors));
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_TEST(errors[0].line == 5);
}

BOOST_AUTO_TEST_CASE(deferred_compiling_still_rejects_a_pattern_matching_nothing_in_particular) {
  RuleDir dir(Replace(Replace(kGoodRule, R"('\byou\s+never\s+{{action}}')", R"('(?:you)?')"), "{action}", "you"));
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  BOOST_REQUIRE(softstart::LoadRuleSet(dir.path(), &rules, &errors, softstart::PatternCompiling::kOnFirstUse));
  BOOST_TEST(!rules.rules[0].Compiled().regex);
  BOOST_TEST(Contains(rules.rules[0].Compiled().error, "matches an empty message"));
}

// Exceptions compile when the pattern first matches. One that parses but is
// too large to compile is a load error with its rule's line when loading the
// usual way; deferred, it turns the rule off at its first match.
BOOST_AUTO_TEST_CASE(an_exception_too_large_to_compile) {
  const std::string yaml = Replace(kGoodRule, "    explanation: Test.",
                                   "    exceptions: ['\\bok\\b', '(?:\\pL{30}){30}', 'fine']\n    explanation: Test.");
  const std::string error = OnlyError(yaml);
  BOOST_TEST(Contains(error, "L5 an exception does not compile: pattern too large"), error);

  RuleDir dir(yaml);
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  BOOST_REQUIRE(softstart::LoadRuleSet(dir.path(), &rules, &errors, softstart::PatternCompiling::kOnFirstUse));
  const softstart::CompiledRule& compiled = rules.rules[0].Compiled();
  BOOST_REQUIRE(compiled.regex);
  BOOST_REQUIRE(compiled.exceptions);
  BOOST_TEST(compiled.exceptions->Silence("you never call"));
  BOOST_TEST(Contains(compiled.exceptions->Compile(), "does not compile"), compiled.exceptions->Compile());
}

// All of a rule's exceptions run as one alternation, each with its own flags.
BOOST_AUTO_TEST_CASE(exceptions_run_together) {
  RuleDir dir(Replace(kGoodRule, "    explanation: Test.",
                      "    exceptions: ['\\bjk\\b', '(?-i)\\bOK\\b', 'lol$']\n    explanation: Test."));
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  BOOST_REQUIRE(softstart::LoadRuleSet(dir.path(), &rules, &errors));
  const softstart::CompiledExceptions& exceptions = *rules.rules[0].Compiled().exceptions;
  BOOST_TEST(exceptions.Silence("you never call jk"));
  BOOST_TEST(exceptions.Silence("OK you never call"));
  BOOST_TEST(!exceptions.Silence("ok you never call"));  // (?-i) stays inside its own exception...
  BOOST_TEST(exceptions.Silence("you never call JK"));   // ...and the others stay case-insensitive.
  BOOST_TEST(exceptions.Silence("you never call lol"));
  BOOST_TEST(!exceptions.Silence("lol you never call"));
}

// Topics are only needed for suggestions: deferred, they compile on the first
// one, and a topic whose pattern does not compile is left out instead of
// failing the load. Loaded the usual way they compile at once, with errors.
BOOST_AUTO_TEST_CASE(deferred_topics_compile_on_first_use) {
  RuleDir dir(kGoodRule);
  {
    std::ofstream topics(dir.path() + "/topics.yaml");
    topics << "topics:\n"
              "  - {id: broken, pattern: '\\bkiss(', topic: kissing, missing: kissing you}\n"
              "  - {id: kissing, pattern: '\\bkiss\\w*', topic: kissing, missing: kissing you}\n"
              "  - {id: cuddling, pattern: '\\bcuddl\\w*', topic: cuddling, missing: cuddling with you}\n";
  }
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  BOOST_REQUIRE(softstart::LoadRuleSet(dir.path(), &rules, &errors, softstart::PatternCompiling::kOnFirstUse));
  BOOST_REQUIRE_EQUAL(rules.topics.size(), 3u);
  BOOST_TEST(!rules.topics[1].regex);
  softstart::CompileTopics(rules);
  BOOST_REQUIRE_EQUAL(rules.topics.size(), 2u);  // The broken one is left out.
  BOOST_TEST(rules.topics[0].id == "kissing");
  BOOST_REQUIRE(rules.topic_screen != nullptr);
  BOOST_TEST(rules.topics_folded);
  BOOST_TEST(!rules.topics[1].regex);  // The screen alone answers...
  softstart::CompileEachTopic(rules);  // ...until its DFA runs out of memory.
  BOOST_REQUIRE(rules.topics[1].regex);
  BOOST_TEST(RE2::PartialMatch("Cuddle me", *rules.topics[1].regex));

  errors.clear();
  softstart::RuleSet checked;
  BOOST_TEST(!softstart::LoadRuleSet(dir.path(), &checked, &errors));
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_TEST(errors[0].line == 2);
  BOOST_TEST(Contains(errors[0].message, "bad regular expression"), errors[0].message);
}

// A rule answered by the tone model: no pattern keys, reframes without a
// pattern's groups, one per category.
BOOST_AUTO_TEST_CASE(tone_model_rules) {
  const std::string tone_rule = Replace(Replace(kGoodRule, "pattern: '\\byou\\s+never\\s+{{action}}'", "scorer: tone-model"),
                                        "I'd love {action} more.", "I'd love more time.");
  {
    RuleDir dir(tone_rule);
    softstart::RuleSet rules;
    std::vector<softstart::RuleError> errors;
    BOOST_TEST(softstart::LoadRuleSet(dir.path(), &rules, &errors));
    BOOST_TEST(rules.rules.empty());
    BOOST_REQUIRE_EQUAL(rules.tone_rules.size(), 1u);
    BOOST_TEST(rules.tone_rules[0].id == "blame.test-rule");
  }
  std::string error = OnlyError(Replace(tone_rule, "scorer: tone-model", "scorer: magic"));
  BOOST_TEST(Contains(error, "L5 unknown scorer 'magic' (the one there is: tone-model)"), error);
  error = OnlyError(Replace(tone_rule, "scorer: tone-model", "scorer: tone-model\n    words: [never]"));
  BOOST_TEST(Contains(error, "L6 a rule with a scorer has no 'words'"), error);
  error = OnlyError(Replace(tone_rule, "I'd love more time.", "I'd love {action} more."));
  BOOST_TEST(Contains(error, "unknown template slot"), error);
  std::string twice = tone_rule + Replace(tone_rule, "id: blame.test-rule", "id: blame.second-rule").substr(std::string("rules:\n").size());
  error = OnlyError(twice);
  BOOST_TEST(Contains(error, "L19 a second tone-model rule for blame (the first: blame.test-rule)"), error);
}
