// The guide's own phrases (../shared/reference/article.txt): what it warns
// against is flagged with the right category and gets an article-style
// suggestion; what it recommends stays silent.
#define BOOST_TEST_MODULE guide_test
#include <boost/test/unit_test.hpp>

#include "test_rewriter.h"

using softstart::Category;
using softstart::testing::BundledRewriter;
using softstart::testing::HasCategory;

BOOST_AUTO_TEST_CASE(rules_load) {
  BOOST_REQUIRE(BundledRewriter().ok());
  BOOST_TEST(BundledRewriter().rule_count() >= 15u);
}

BOOST_AUTO_TEST_CASE(guide_problem_phrasings_are_flagged) {
  struct Case {
    const char* text;
    Category category;
  };
  const Case cases[] = {
      {"You never want to have sex with me", Category::kBlame},
      {"I feel like you don't find me attractive", Category::kBlame},
      {"We need to have sex more", Category::kDemand},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      const auto analysis = BundledRewriter().Analyze(c.text);
      BOOST_TEST(HasCategory(analysis, c.category));
      BOOST_TEST(analysis.suggestions.size() >= 3u);
      // The reframe speaks from the self and about the topic, not about "you".
      const std::string& suggestion = analysis.suggestion();
      BOOST_TEST((suggestion.find("I've") != std::string::npos || suggestion.find("I'd") != std::string::npos ||
                  suggestion.find("me") != std::string::npos));
      BOOST_TEST(suggestion.find("never") == std::string::npos);
      BOOST_TEST(suggestion.find("need to") == std::string::npos);
      BOOST_TEST(!BundledRewriter().Analyze(suggestion).flagged());
    }
  }
}

BOOST_AUTO_TEST_CASE(suggestions_keep_the_intimacy_topic) {
  for (const char* text : {"You never want to have sex with me", "We need to have sex more"}) {
    BOOST_TEST_CONTEXT(text) {
      const auto analysis = BundledRewriter().Analyze(text);
      for (const auto& suggestion : analysis.suggestions) {
        BOOST_TEST((suggestion.text.find("intima") != std::string::npos ||
                    suggestion.text.find("Intima") != std::string::npos),
                   suggestion.text);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(guide_recommended_phrasings_are_silent) {
  const char* recommended[] = {
      "Lately, I've been feeling hurt and disconnected when we don't have intimacy, and I'd really like to talk "
      "about it.",
      "I know this is a tough topic, and I don't want you to feel pressured. I just want us to understand each "
      "other better.",
      "Physical intimacy makes me feel connected to you, and I'd love to explore ways we can feel close that work "
      "for both of us.",
      "What's been on your mind when it comes to intimacy?",
      "How do you feel about the way we connect physically?",
      "Is there something I could do that would make intimacy feel more comfortable for you?",
      "I know this isn't easy to talk about, and I don't want to force it. But this is something that's "
      "important to me, and I'd really love to understand your perspective when you're ready.",
  };
  for (const char* text : recommended) {
    BOOST_TEST_CONTEXT(text) { BOOST_TEST(!BundledRewriter().Analyze(text).flagged()); }
  }
}

BOOST_AUTO_TEST_CASE(each_category_has_a_guide_principle) {
  struct Case {
    const char* text;
    Category category;
    const char* principle;
  };
  const Case cases[] = {
      {"You never want to have sex with me", Category::kBlame, "Start with vulnerability, not blame"},
      {"We need to have sex more", Category::kDemand, "Express your needs without demands"},
      {"Why do you never want to touch me?", Category::kLoadedQuestion, "Ask open-ended questions"},
      {"We're talking about this right now", Category::kPressure, "Approach a partner who shuts down gently"},
      {"You're overreacting", Category::kDismissive, "Acknowledge your partner's experience"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.text) {
      const auto analysis = BundledRewriter().Analyze(c.text);
      BOOST_REQUIRE(analysis.flagged());
      BOOST_TEST(analysis.findings[0].category == c.category);
      BOOST_TEST(analysis.findings[0].principle == c.principle);
      BOOST_TEST(!analysis.findings[0].explanation.empty());
    }
  }
}
