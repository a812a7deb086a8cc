// The suggestion replaces only the offending sentences, keeps the rest of the
// message, answers each principle broken, and reads as written by a person.
#define BOOST_TEST_MODULE reframer_test
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "reframer.h"
#include "rule_dir.h"
#include "sentences.h"
#include "test_rewriter.h"

using softstart::Category;
using softstart::testing::BundledRewriter;
using softstart::testing::HasCategory;

namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(sentences_split_at_punctuation_and_newlines) {
  const std::string text = "hey babe.  you never call!! love you\nsee you at 3.5 ok";
  const auto spans = softstart::SplitSentences(text);
  BOOST_REQUIRE_EQUAL(spans.size(), 4u);
  BOOST_TEST(text.substr(spans[0].start, spans[0].end - spans[0].start) == "hey babe.");
  BOOST_TEST(text.substr(spans[1].start, spans[1].end - spans[1].start) == "you never call!!");
  BOOST_TEST(text.substr(spans[2].start, spans[2].end - spans[2].start) == "love you");
  BOOST_TEST(text.substr(spans[3].start, spans[3].end - spans[3].start) == "see you at 3.5 ok");
  BOOST_TEST(softstart::SplitSentences("   ").empty());
}

BOOST_AUTO_TEST_CASE(tidy_sentence_removes_template_seams) {
  BOOST_TEST(softstart::TidySentence("  i miss  you ,  love ") == "I miss you, love.");
  BOOST_TEST(softstart::TidySentence("How are you?") == "How are you?");
}

BOOST_AUTO_TEST_CASE(only_the_offending_sentence_changes) {
  const std::string text = "Hey babe. You never want to cuddle anymore. I love you though!";
  const auto analysis = BundledRewriter().Analyze(text);
  BOOST_REQUIRE(analysis.flagged());
  for (const auto& suggestion : analysis.suggestions) {
    BOOST_TEST_CONTEXT(suggestion.text) {
      BOOST_TEST(suggestion.text.rfind("Hey babe. ", 0) == 0u);
      BOOST_TEST(Contains(suggestion.text, " I love you though!"));
      BOOST_TEST(!Contains(suggestion.text, "never"));
      BOOST_TEST(Contains(suggestion.text, "cuddl"));
    }
  }
}

// A suggestion that says "I miss being intimate with you" to someone who wrote
// about covering for their partner with the in-laws is worse than one with no
// topic: the topic comes from what the message says, never from a guess.
BOOST_AUTO_TEST_CASE(suggestions_never_bring_up_sex_the_message_did_not) {
  for (const char* text : {
           "you owe me after I covered for you with your mum",
           "idk what u want me to say. deal with it",
           "I'm not in the mood for your drama",
           "is anything I do ever good enough for you?",
           "ur being insecure again, I'm not doing this",
           "stop pretending you're asleep, we're talking about this now",
           "so are you going to answer me or keep hiding in the bedroom?",
       }) {
    BOOST_TEST_CONTEXT(text) {
      const auto analysis = BundledRewriter().Analyze(text);
      BOOST_REQUIRE(analysis.flagged());
      for (const auto& suggestion : analysis.suggestions) {
        BOOST_TEST(!Contains(suggestion.text, "intima"), suggestion.text);
        BOOST_TEST(!Contains(suggestion.text, "attraction"), suggestion.text);
      }
    }
  }
  // ...while a message that does speak of desire keeps it.
  for (const char* text : {
           "you don't even want me anymore",
           "you're never in the mood anymore",
           "either things change in the bedroom or I'm done",
           "what, am I not hot enough for you now?",
       }) {
    BOOST_TEST_CONTEXT(text) {
      const auto analysis = BundledRewriter().Analyze(text);
      BOOST_REQUIRE(analysis.flagged());
      BOOST_TEST((Contains(analysis.suggestion(), "intima") || Contains(analysis.suggestion(), "attraction") ||
                  Contains(analysis.suggestion(), "wanted")),
                 analysis.suggestion());
    }
  }
}

BOOST_AUTO_TEST_CASE(blame_and_demand_each_get_an_answer) {
  const std::string text = "You never make time for me. We need to spend more time together.";
  const auto analysis = BundledRewriter().Analyze(text);
  BOOST_TEST(HasCategory(analysis, Category::kBlame));
  BOOST_TEST(HasCategory(analysis, Category::kDemand));
  const std::string& suggestion = analysis.suggestion();
  BOOST_TEST(!Contains(suggestion, "never"));
  BOOST_TEST(!Contains(suggestion, "need to"));
  BOOST_TEST(!BundledRewriter().Analyze(suggestion).flagged(), suggestion);
}

// A rule of our own, so these tests pin the reframer's mechanics rather
// than the wording of the bundled templates.
const char* kTemplateRule = R"(rules:
  - id: blame.test-never
    category: blame
    principle: vulnerability
    pattern: '{{you}}\s+never\s+{{action}}{{trailing}}{{clause_end}}'
    explanation: Test.
    reframes:
      - short: "I miss {missing}."
      - short: "it would mean a lot if you'd {action}"
      - short: "I miss you."
      - full: "I'd love it if you'd {action} more."
      - full: "I miss us."
      - question: "Could we talk about {topic}?"
      - question: "How are you?"
    examples:
      match:
        - {text: "you never call", span: "you never call"}
        - {text: "you never write", span: "you never write"}
        - {text: "you never visit", span: "you never visit"}
      no_match: ["a", "b", "c"]
)";

std::vector<std::string> SuggestionsWith(const std::string& rules_yaml, const std::string& text) {
  softstart::testing::RuleDir dir(rules_yaml);
  softstart::Rewriter::Options options;
  options.rules_dir = dir.path();
  softstart::Rewriter rewriter(options);
  BOOST_REQUIRE(rewriter.ok());
  std::vector<std::string> out;
  for (const auto& suggestion : rewriter.Analyze(text).suggestions) out.push_back(suggestion.text);
  return out;
}

BOOST_AUTO_TEST_CASE(user_words_fill_the_template_when_no_topic_is_known) {
  const auto suggestions = SuggestionsWith(kTemplateRule, "ok. you never say sorry and it hurts");
  BOOST_REQUIRE_EQUAL(suggestions.size(), 3u);
  BOOST_TEST(suggestions[0] == "ok. It would mean a lot if you'd say sorry.");  // Sentence case, full stop.
  BOOST_TEST(suggestions[1] == "ok. I'd love it if you'd say sorry more.");
  BOOST_TEST(suggestions[2] == "ok. How are you?");  // No topic: the slot-free fallback.
}

BOOST_AUTO_TEST_CASE(a_topic_picks_the_topic_template) {
  const auto suggestions = SuggestionsWith(kTemplateRule, "you never kiss me anymore");
  BOOST_REQUIRE_EQUAL(suggestions.size(), 3u);
  BOOST_TEST(suggestions[0].rfind("I miss ", 0) == 0u, suggestions[0]);
  BOOST_TEST(Contains(suggestions[0], "kiss"), suggestions[0]);
  BOOST_TEST(suggestions[2].rfind("Could we talk about ", 0) == 0u, suggestions[2]);
}

BOOST_AUTO_TEST_CASE(shouting_and_lone_i_are_not_copied_into_the_suggestion) {
  const auto suggestions = SuggestionsWith(kTemplateRule, "YOU NEVER SAY SORRY!!!");
  BOOST_REQUIRE(!suggestions.empty());
  BOOST_TEST(suggestions[0] == "It would mean a lot if you'd say sorry.");
  const auto with_i = SuggestionsWith(kTemplateRule, "you never ask what i think");
  BOOST_REQUIRE(!with_i.empty());
  BOOST_TEST(with_i[0] == "It would mean a lot if you'd ask what I think.");
}

BOOST_AUTO_TEST_CASE(a_second_sentence_broken_the_same_way_is_worded_differently) {
  const auto suggestions = SuggestionsWith(kTemplateRule, "You never say sorry. You never ask what I think.");
  BOOST_REQUIRE(!suggestions.empty());
  BOOST_TEST(suggestions[0] == "It would mean a lot if you'd say sorry. I miss you.");
}

// Five words in a row that the text says twice, or "" when none.
std::string RepeatedPhrase(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '\'') {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  std::set<std::string> seen;
  for (size_t i = 0; i + 5 <= words.size(); ++i) {
    const std::string phrase = words[i] + ' ' + words[i + 1] + ' ' + words[i + 2] + ' ' + words[i + 3] + ' ' + words[i + 4];
    if (!seen.insert(phrase).second) return phrase;
  }
  return "";
}

// One complaint typed in several breaths gets one answer, and no answer
// repeats another's words; a different principle still gets its own answer.
BOOST_AUTO_TEST_CASE(a_run_of_flagged_sentences_says_each_thing_once) {
  for (const char* text : {
           "you never initiate. not once in like 6 months. it's always me",
           "i need you to start initiating for once",
           "You never make time for me. We need to spend more time together.",
           "you never kiss me anymore. ever. you always pull away when I try",
           "why do you never text back?? answer me. ANSWER ME",
           "come on, just a quick one, you'll sleep better. you can't say no every single night",
       }) {
    BOOST_TEST_CONTEXT(text) {
      const auto analysis = BundledRewriter().Analyze(text);
      BOOST_REQUIRE(analysis.flagged());
      for (const auto& suggestion : analysis.suggestions) {
        BOOST_TEST(RepeatedPhrase(suggestion.text).empty(), suggestion.text << " [" << RepeatedPhrase(suggestion.text) << "]");
      }
    }
  }
  // Separated by a sentence left as typed, the second complaint is answered too.
  const auto analysis = BundledRewriter().Analyze("You never call me. Anyway, dinner was lovely. You never call me!");
  BOOST_REQUIRE(analysis.flagged());
  BOOST_TEST(Contains(analysis.suggestion(), "dinner was lovely. "), analysis.suggestion());
  BOOST_TEST(analysis.suggestion().find("dinner was lovely. ") + 19 < analysis.suggestion().size(), analysis.suggestion());
}

BOOST_AUTO_TEST_CASE(preferred_style_comes_first) {
  softstart::Rewriter::AnalyzeOptions options;
  options.preferred_style = softstart::Suggestion::Style::kFull;
  const auto analysis = BundledRewriter().Analyze("You never want to have sex with me", options);
  BOOST_REQUIRE(analysis.suggestions.size() >= 3u);
  BOOST_TEST((analysis.suggestions[0].style == softstart::Suggestion::Style::kFull));
  BOOST_TEST(analysis.suggestions[0].text.size() > analysis.suggestions[1].text.size());
}

BOOST_AUTO_TEST_CASE(disabled_categories_are_not_checked) {
  softstart::Rewriter::AnalyzeOptions options;
  options.enabled.Remove(Category::kBlame);
  BOOST_TEST(!BundledRewriter().Analyze("You never want to have sex with me", options).flagged());
  BOOST_TEST(BundledRewriter().Analyze("We need to have sex more", options).flagged());
}

BOOST_AUTO_TEST_CASE(a_repeated_sentence_is_answered_once) {
  const auto suggestions = SuggestionsWith(kTemplateRule, "You never call. You never call!! see you later");
  BOOST_REQUIRE(!suggestions.empty());
  const std::string& text = suggestions[0];
  BOOST_TEST(text.rfind("I miss ", 0) == 0u, text);  // The call topic's template, once.
  BOOST_TEST(text.find("I miss", 1) == std::string::npos, text);
  BOOST_TEST(text.size() > 15u);
  BOOST_TEST(text.substr(text.size() - 15) == ". see you later", text);
}
