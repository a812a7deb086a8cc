// Whatever bytes arrive, the rewriter answers: empty text, NULs, invalid
// UTF-8, and megabyte-long messages, with no finding lost when the fast
// screening runs out of memory.
#define BOOST_TEST_MODULE hostile_input_test
#include <boost/test/unit_test.hpp>

#include <thread>

#include "matcher.h"
#include "rule_loader.h"
#include "test_rewriter.h"

using softstart::testing::BundledRewriter;
using softstart::testing::Marked;

namespace {

// `count` complaints spread through about `size` bytes of ordinary text,
// with or without sentence punctuation.
std::string LongMessage(size_t size, int count, bool punctuation) {
  const std::string filler = punctuation ? "We could get pizza later. The train was late today. "
                                         : "we could get pizza later and the train was late today ";
  const std::string complaint = punctuation ? "You never listen to me. " : "you never listen to me and ";
  std::string text;
  const size_t every = size / static_cast<size_t>(count);
  for (int i = 0; i < count; ++i) {
    const size_t target = every * static_cast<size_t>(i + 1);
    while (text.size() + complaint.size() < target) text += filler;
    text += complaint;
  }
  while (text.size() < size) text += filler;
  return text;
}

size_t CountRule(const softstart::Analysis& analysis, const std::string& rule) {
  size_t count = 0;
  for (const auto& finding : analysis.findings) count += finding.rule_id == rule;
  return count;
}

}  // namespace

BOOST_AUTO_TEST_CASE(empty_and_blank_messages) {
  BOOST_REQUIRE(BundledRewriter().ok());
  for (const char* text : {"", " ", "\n\n", "\t\r\n", "!!!", "\xF0\x9F\x98\xA1"}) {
    const auto analysis = BundledRewriter().Analyze(text);
    BOOST_TEST(!analysis.flagged());
    BOOST_TEST(analysis.suggestions.empty());
  }
}

// Found by rewriter_fuzz: a 32-letter word starting with 'z' indexed past the
// normaliser's word-shape table and threw out of Analyze().
BOOST_AUTO_TEST_CASE(words_of_every_length_and_letter) {
  for (char first = 'a'; first <= 'z'; ++first) {
    for (size_t length = 1; length <= 40; ++length) {
      const std::string text = "you never " + std::string(1, first) + std::string(length - 1, 'q');
      BOOST_CHECK_NO_THROW(BundledRewriter().Analyze(text));
    }
  }
}

BOOST_AUTO_TEST_CASE(nul_bytes_and_invalid_utf8_are_analysed) {
  const std::string text("\xFF\xFE ok\0 then. you never listen to me \xC3\x28", 38);
  const auto analysis = BundledRewriter().Analyze(text);
  BOOST_REQUIRE(analysis.flagged());
  BOOST_TEST(Marked(text, analysis.findings[0]) == "you never listen to me");
  // The sentence before the complaint, broken bytes and all, is kept.
  BOOST_TEST(analysis.suggestion().rfind(std::string("\xFF\xFE ok\0 then. ", 13), 0) == 0u);
}

BOOST_AUTO_TEST_CASE(a_megabyte_message_loses_no_finding) {
  for (bool punctuation : {true, false}) {
    BOOST_TEST_CONTEXT("punctuation " << punctuation) {
      const std::string text = LongMessage(1 << 20, 100, punctuation);
      const auto analysis = BundledRewriter().Analyze(text);
      BOOST_TEST(CountRule(analysis, "blame.you-never") == 100u);
      BOOST_TEST(!analysis.suggestion().empty());
      for (const auto& finding : analysis.findings) BOOST_TEST(finding.end <= text.size());
    }
  }
}

// Rules without `words` are screened by RE2::Sets. A Set answers "no match"
// when its DFA runs out of memory; the matcher then runs every rule on its
// own. That path must find exactly what the screened path finds. (Bundled
// rules all name their words, so here they are loaded without them.)
BOOST_AUTO_TEST_CASE(unscreened_matching_finds_the_same) {
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  BOOST_REQUIRE(softstart::LoadRuleSet(SOFTSTART_TEST_RULES_DIR, &rules, &errors));
  for (auto& rule : rules.rules) rule.word_gates.clear();
  const softstart::Matcher screened(&rules), unscreened(&rules, /*screen=*/false);
  for (const std::string& text : {LongMessage(1 << 20, 50, true), std::string("hey. u never text me back"),
                                  std::string("we need milk")}) {
    std::vector<softstart::SentenceSpan> sentences_a, sentences_b;
    bool fallback_a = true, fallback_b = false;
    const auto a = screened.Match(text, softstart::CategorySet::All(), &sentences_a, &fallback_a);
    const auto b = unscreened.Match(text, softstart::CategorySet::All(), &sentences_b, &fallback_b);
    BOOST_TEST(!fallback_a);
    BOOST_TEST(fallback_b);
    BOOST_REQUIRE_EQUAL(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      BOOST_TEST(a[i].rule == b[i].rule);
      BOOST_TEST(a[i].start == b[i].start);
      BOOST_TEST(a[i].end == b[i].end);
    }
  }
}

// One Rewriter, several threads at once (the CLI's --jsonl does this): each
// gets the answers a lone caller gets, typo corrections (a shared cache)
// included.
BOOST_AUTO_TEST_CASE(threads_share_one_rewriter) {
  std::vector<std::string> texts;
  const char* kTexts[] = {"u nver want to cuddle", "you alwyas ignore me", "see you at 6", "whatevr. calm dwn",
                          "we ned to talk rn", "I love you so much"};
  for (int i = 0; i < 600; ++i) texts.push_back(std::string(kTexts[i % 6]) + " " + std::to_string(i % 50));
  std::vector<std::string> alone;
  for (const auto& text : texts) alone.push_back(BundledRewriter().Analyze(text).suggestion());
  std::vector<std::vector<std::string>> together(4);
  std::vector<std::thread> threads;
  for (auto& answers : together) {
    threads.emplace_back([&texts, &answers] {
      for (const auto& text : texts) answers.push_back(BundledRewriter().Analyze(text).suggestion());
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& answers : together) BOOST_TEST(answers == alone, boost::test_tools::per_element());
}
