// Every rule's own examples (LanguageTool style): each 'match' example is
// flagged by that rule with exactly the marked span, each 'no_match' example
// is not flagged by it, and every suggestion is itself clean.
#define BOOST_TEST_MODULE rule_examples_test
#include <boost/test/unit_test.hpp>

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
