#define BOOST_TEST_MODULE plugin_dialog_text
#include <boost/test/unit_test.hpp>

#include <string>

#include "dialog_text.h"
#include "markup.h"
#include "softstart/category.h"
#include "softstart/rewriter.h"

namespace softstart {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// One real Rewriter for the whole test, loaded from the source tree's rules.
struct RewriterFixture {
  RewriterFixture() : rewriter(MakeOptions()) {}
  static Rewriter::Options MakeOptions() {
    Rewriter::Options options;
    options.rules_dir = SOFTSTART_TEST_RULES_DIR;
    return options;
  }
  Rewriter rewriter;
};

BOOST_FIXTURE_TEST_SUITE(WithRealRules, RewriterFixture)

BOOST_AUTO_TEST_CASE(BlameIsNamedQuotedAndExplained) {
  BOOST_TEST_REQUIRE(rewriter.ok());
  std::string visible = VisibleText("You never listen to me");
  Analysis analysis = rewriter.Analyze(visible);
  BOOST_TEST_REQUIRE(analysis.flagged());

  DialogText text = BuildDialogText(visible, analysis);
  BOOST_TEST(text.title == "softstart");
  const Finding& first = analysis.findings.front();
  BOOST_TEST((first.category == Category::kBlame));
  BOOST_TEST(text.primary == std::string(CategoryHeadline(Category::kBlame)));
  // The very words, in quotes, then the guide's principle and why.
  BOOST_TEST(Contains(text.secondary, "\u201c" + QuotedWords(visible, first) + "\u201d"));
  BOOST_TEST(Contains(QuotedWords(visible, first), "You never listen"));
  BOOST_TEST(Contains(text.secondary, "Start with vulnerability, not blame"));
  BOOST_TEST(Contains(text.secondary, first.explanation));
  // It ends by inviting the user to edit, not by scolding.
  BOOST_TEST(text.secondary.ends_with(kEditHint));
}

BOOST_AUTO_TEST_CASE(EveryFindingIsExplainedHeadlineFromTheFirst) {
  BOOST_TEST_REQUIRE(rewriter.ok());
  std::string visible = VisibleText("We need to have sex more. You never want to cuddle");
  Analysis analysis = rewriter.Analyze(visible);
  BOOST_TEST_REQUIRE(analysis.findings.size() >= 2u);

  DialogText text = BuildDialogText(visible, analysis);
  BOOST_TEST(text.primary == std::string(CategoryHeadline(analysis.findings[0].category)));
  for (const Finding& finding : analysis.findings) {
    BOOST_TEST_CONTEXT(finding.rule_id) {
      BOOST_TEST(Contains(text.secondary, QuotedWords(visible, finding)));
      BOOST_TEST(Contains(text.secondary, finding.principle));
    }
  }
  BOOST_TEST(Contains(text.secondary, "Express your needs without demands"));
  BOOST_TEST(Contains(text.secondary, "Start with vulnerability, not blame"));
  // The demand comes first in the message, so it is explained first.
  BOOST_TEST(text.secondary.find("demands") < text.secondary.find("vulnerability"));
}

BOOST_AUTO_TEST_CASE(QuotesShowVisibleTextNotMarkup) {
  BOOST_TEST_REQUIRE(rewriter.ok());
  std::string visible = VisibleText("I feel like you don&apos;t find me <b>attractive</b>");
  Analysis analysis = rewriter.Analyze(visible);
  BOOST_TEST_REQUIRE(analysis.flagged());
  DialogText text = BuildDialogText(visible, analysis);
  BOOST_TEST(Contains(text.secondary, "don't"));
  BOOST_TEST(!Contains(text.secondary, "&apos;"));
  BOOST_TEST(!Contains(text.secondary, "<b>"));
}

BOOST_AUTO_TEST_CASE(KindMessagesAreNotFlagged) {
  BOOST_TEST_REQUIRE(rewriter.ok());
  BOOST_TEST(!rewriter.Analyze(VisibleText("you never fail to make me smile")).flagged());
}

BOOST_AUTO_TEST_SUITE_END()

Finding Span(size_t start, size_t end) {
  Finding finding;
  finding.start = start;
  finding.end = end;
  return finding;
}

BOOST_AUTO_TEST_CASE(QuotedWordsFoldWhitespace) {
  std::string visible = "so\n  you   never\tlisten  ";
  BOOST_TEST(QuotedWords(visible, Span(4, visible.size())) == "you never listen");
}

BOOST_AUTO_TEST_CASE(QuotedWordsSurviveBadSpans) {
  BOOST_TEST(QuotedWords("short", Span(3, 99)) == "rt");
  BOOST_TEST(QuotedWords("short", Span(99, 120)).empty());
  BOOST_TEST(QuotedWords("short", Span(4, 2)).empty());
}

BOOST_AUTO_TEST_CASE(LongQuotesAreCutAtACharacterBoundary) {
  std::string visible;
  for (int i = 0; i < 60; ++i) visible += "\xC3\xA9";  // 120 bytes of "é".
  std::string quote = QuotedWords(visible, Span(0, visible.size()));
  BOOST_TEST(quote.ends_with("\u2026"));
  std::string body = quote.substr(0, quote.size() - std::string("\u2026").size());
  BOOST_TEST(body.size() % 2 == 0u);  // No half "é".
  BOOST_TEST(body.size() <= 80u);
}

BOOST_AUTO_TEST_CASE(FindingsSharingAPrincipleAreExplainedOnce) {
  Analysis analysis;
  Finding a = Span(0, 9);
  a.category = Category::kBlame;
  a.principle = "Start with vulnerability, not blame";
  a.explanation = "Absolutes invite a defence.";
  Finding b = a;
  b.start = 14;
  b.end = 24;
  analysis.findings = {a, b};
  DialogText text = BuildDialogText("you never and you always", analysis);
  BOOST_TEST(Contains(text.secondary, "\u201cyou never\u201d, \u201cyou always\u201d"));
  BOOST_TEST(text.secondary.find("Absolutes") == text.secondary.rfind("Absolutes"));
  BOOST_TEST(Contains(text.secondary, "not blame. Absolutes invite a defence."));
}

}  // namespace
}  // namespace softstart
