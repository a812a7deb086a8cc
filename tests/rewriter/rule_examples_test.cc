// Every rule's own examples (LanguageTool style): each 'match' example is
// flagged by that rule with exactly the marked span, each 'no_match' example
// is not flagged by it, and every suggestion is itself clean.
#define BOOST_TEST_MODULE rule_examples_test
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "rule_loader.h"
#include "test_rewriter.h"

using softstart::testing::BundledRewriter;
using softstart::testing::Marked;

namespace {

const softstart::RuleSet& Rules() {
  static const softstart::RuleSet* rules = [] {
    auto* set = new softstart::RuleSet;
    std::vector<softstart::RuleError> errors;
    softstart::LoadRuleSet(SOFTSTART_TEST_RULES_DIR, set, &errors);
    for (const auto& e : errors) BOOST_TEST_MESSAGE(e.ToString());
    return set;
  }();
  return *rules;
}

std::string Where(const softstart::Rule& rule, const softstart::RuleExample& example) {
  return rule.file + ":" + std::to_string(example.line) + " (" + rule.id + "): \"" + example.text + "\"";
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_rule_has_enough_examples) {
  BOOST_REQUIRE(BundledRewriter().ok());
  BOOST_REQUIRE(!Rules().rules.empty());
  for (const auto& rule : Rules().rules) {
    int match = 0, no_match = 0;
    for (const auto& example : rule.examples) (example.must_match ? match : no_match)++;
    BOOST_TEST_CONTEXT(rule.id) {
      BOOST_TEST(match >= 3);
      BOOST_TEST(no_match >= 3);
    }
  }
}

BOOST_AUTO_TEST_CASE(match_examples_are_flagged_with_their_span) {
  for (const auto& rule : Rules().rules) {
    for (const auto& example : rule.examples) {
      if (!example.must_match) continue;
      BOOST_TEST_CONTEXT(Where(rule, example)) {
        const auto analysis = BundledRewriter().Analyze(example.text);
        bool found = false;
        for (const auto& finding : analysis.findings) {
          if (finding.rule_id != rule.id) continue;
          found = true;
          BOOST_TEST(Marked(example.text, finding) == example.span);
          BOOST_TEST(finding.category == rule.category);
        }
        BOOST_TEST(found, "rule did not fire");
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(no_match_examples_stay_silent) {
  for (const auto& rule : Rules().rules) {
    for (const auto& example : rule.examples) {
      if (example.must_match) continue;
      BOOST_TEST_CONTEXT(Where(rule, example)) {
        for (const auto& finding : BundledRewriter().Analyze(example.text).findings) {
          BOOST_TEST(finding.rule_id != rule.id, "fired on a near miss: \"" << Marked(example.text, finding) << "\"");
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(suggestions_are_clean_distinct_and_tidy) {
  for (const auto& rule : Rules().rules) {
    for (const auto& example : rule.examples) {
      if (!example.must_match) continue;
      BOOST_TEST_CONTEXT(Where(rule, example)) {
        const auto analysis = BundledRewriter().Analyze(example.text);
        BOOST_TEST(analysis.suggestions.size() >= 3u);
        for (size_t i = 0; i < analysis.suggestions.size(); ++i) {
          const std::string& text = analysis.suggestions[i].text;
          BOOST_TEST_CONTEXT("suggestion: " << text) {
            const auto again = BundledRewriter().Analyze(text);
            BOOST_TEST(!again.flagged(), "flagged again by " << (again.flagged() ? again.findings[0].rule_id : ""));
            BOOST_TEST(text.find("  ") == std::string::npos);
            BOOST_TEST(text.find('{') == std::string::npos);
            BOOST_TEST(text.find('}') == std::string::npos);
            BOOST_TEST(!text.empty());
            for (size_t j = 0; j < i; ++j) BOOST_TEST(text != analysis.suggestions[j].text);
          }
        }
      }
    }
  }
}

// {topic} is a noun phrase ("sharing the chores", "how busy and tired we've
// both been and the time we get together") that reads well only after a
// preposition: "talk about {topic}", "when it comes to {topic}". "How has
// {topic} been" or "Getting {topic} sorted" breaks with half the topics.
BOOST_AUTO_TEST_CASE(the_topic_follows_a_preposition) {
  static const std::set<std::string> kBefore = {"about", "around", "to", "with", "for", "at", "on", "of"};
  std::vector<const softstart::Rule*> rules;
  for (const auto& rule : Rules().rules) rules.push_back(&rule);
  for (const auto& rule : Rules().tone_rules) rules.push_back(&rule);
  for (const softstart::Rule* rule : rules) {
    for (const auto& reframe : rule->reframes) {
      for (size_t i = 0; i < reframe.pieces.size(); ++i) {
        if (!reframe.pieces[i].is_slot || reframe.pieces[i].text != "topic") continue;
        std::string before = i > 0 && !reframe.pieces[i - 1].is_slot ? reframe.pieces[i - 1].text : "";
        while (!before.empty() && before.back() == ' ') before.pop_back();
        const size_t space = before.find_last_of(' ');
        std::string word = space == std::string::npos ? before : before.substr(space + 1);
        for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        BOOST_TEST(kBefore.count(word) == 1u,
                   rule->file << ":" << reframe.line << " (" << rule->id << "): '" << word << " {topic}'");
      }
    }
  }
}
