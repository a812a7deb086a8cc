// The fast paths must find what the plain path finds. A rule's `words:` skip
// it when a message has none of them, so the list must hold a word of every
// match the pattern can make: this runs each rule on its own (no gate) and
// through the gate over every labelled message, every rule example and the
// public corpora (harsh ones included, where the rules fire most), and fails
// naming the rule and the text whenever the two differ. Rules compiled on
// first use (and by a background thread meanwhile) must analyse the same
// texts exactly as rules compiled at load.
#define BOOST_TEST_MODULE words_gate_test
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "matcher.h"
#include "softstart/rewriter.h"
#include "normalizer.h"
#include "rule_loader.h"
#include "rule_set.h"

namespace {

const char* kCorpora[] = {
    "sms_spam_collection/sms_spam_collection.txt",
    "tatoeba_eng/tatoeba_eng.txt",
    "dailydialog/dailydialog.txt",
    "topical_chat/topical_chat.txt",
    "nps_chat/nps_chat.txt",
    "goemotions/goemotions.txt",
    "goemotions/goemotions_harsh.txt",
    "stanford_politeness/stanford_politeness_impolite.txt",
    "paradetox/paradetox.txt",
    "paradetox/paradetox_neutral.txt",
    "counsel_chat/counsel_chat.txt",
};

// Labelled messages and rule examples first (*written of them), then the
// corpora.
std::vector<std::string> Texts(const softstart::RuleSet& rules, size_t* written = nullptr) {
  std::vector<std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(SOFTSTART_TEST_DATA_DIR)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("partner_messages", 0) != 0 || entry.path().extension() != ".tsv") continue;
    std::ifstream in(entry.path());
    std::string line;
    std::getline(in, line);  // Header.
    while (std::getline(in, line)) texts.push_back(line.substr(line.rfind('\t') + 1));
  }
  for (const auto& rule : rules.rules) {
    for (const auto& example : rule.examples) texts.push_back(example.text);
  }
  if (written) *written = texts.size();
  for (const char* corpus : kCorpora) {
    std::ifstream in(std::string(SOFTSTART_SHARED_DATA_DIR) + "/" + corpus);
    BOOST_REQUIRE_MESSAGE(in, "cannot read " << SOFTSTART_SHARED_DATA_DIR << "/" << corpus
                                             << " (set SOFTSTART_SHARED_DATA_DIR)");
    std::string line;
    while (std::getline(in, line)) texts.push_back(line);
  }
  return texts;
}

std::string Describe(const std::vector<softstart::RuleMatch>& matches) {
  std::string out;
  for (const auto& match : matches) {
    out += match.rule->id + "@" + std::to_string(match.start) + "-" + std::to_string(match.end) + " ";
  }
  return out.empty() ? "nothing" : out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_words_gate_never_hides_a_match) {
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  BOOST_REQUIRE(softstart::LoadRuleSet(SOFTSTART_TEST_RULES_DIR, &rules, &errors));
  const softstart::Matcher gated(&rules, /*screen=*/true), each_rule(&rules, /*screen=*/false);
  BOOST_REQUIRE(gated.ok());
  const softstart::Normalizer normalizer(&rules.chatspeak, nullptr);

  size_t compared = 0, with_matches = 0;
  for (const std::string& text : Texts(rules)) {
    softstart::NormalizedText normalized;
    normalizer.Normalize(text, &normalized);
    const std::string_view view = normalized.view(text);
    std::vector<softstart::SentenceSpan> sentences;
    bool fallback = false;
    const auto expected = each_rule.Match(view, softstart::CategorySet::All(), &sentences, &fallback);
    const auto got = gated.Match(view, softstart::CategorySet::All(), &sentences, &fallback);
    ++compared;
    if (!expected.empty()) ++with_matches;
    if (Describe(expected) != Describe(got)) {
      BOOST_ERROR("gate and rules disagree on \"" << view << "\": rules find " << Describe(expected)
                                                   << ", through the gate " << Describe(got));
    }
  }
  BOOST_TEST_MESSAGE(compared << " texts compared, " << with_matches << " with matches");
  BOOST_TEST(with_matches > 1000);  // The texts really exercise the rules.
}

// Every rule names its words: a rule without them would be screened by a
// pattern set again, which is what made a large pack slow.
BOOST_AUTO_TEST_CASE(every_rule_names_its_words) {
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  BOOST_REQUIRE(softstart::LoadRuleSet(SOFTSTART_TEST_RULES_DIR, &rules, &errors));
  for (const auto& rule : rules.rules) {
    BOOST_TEST_CONTEXT(rule.file << ":" << rule.line << " " << rule.id) { BOOST_TEST(!rule.word_gates.empty()); }
  }
}

std::string Describe(const softstart::Analysis& analysis) {
  std::string out;
  for (const auto& finding : analysis.findings) {
    out += finding.rule_id + "@" + std::to_string(finding.start) + "-" + std::to_string(finding.end) + " ";
  }
  for (const auto& suggestion : analysis.suggestions) out += "| " + suggestion.text;
  return out;
}

BOOST_AUTO_TEST_CASE(deferred_compiling_analyses_the_same) {
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  BOOST_REQUIRE(softstart::LoadRuleSet(SOFTSTART_TEST_RULES_DIR, &rules, &errors));
  softstart::Rewriter::Options options;
  options.rules_dir = SOFTSTART_TEST_RULES_DIR;
  options.use_hunspell = false;
  const softstart::Rewriter at_load(options);
  options.defer_pattern_compiling = true;
  const softstart::Rewriter deferred(options);  // Its compiler thread runs meanwhile.
  BOOST_REQUIRE(at_load.ok());
  BOOST_REQUIRE(deferred.ok());
  size_t flagged = 0, written = 0;
  const std::vector<std::string> texts = Texts(rules, &written);
  for (size_t i = 0; i < texts.size(); ++i) {
    if (i >= written && i % 4 != 0) continue;  // A quarter of the corpora is plenty.
    const std::string& text = texts[i];
    const softstart::Analysis expected = at_load.Analyze(text);
    if (expected.flagged()) ++flagged;
    if (Describe(expected) != Describe(deferred.Analyze(text))) {
      BOOST_ERROR("deferred compiling differs on \"" << text << "\"");
    }
  }
  BOOST_TEST(flagged > 1000);
}

// Destroyed while its compiler is still at work: the thread stops and joins.
BOOST_AUTO_TEST_CASE(a_deferred_rewriter_can_go_at_once) {
  softstart::Rewriter::Options options;
  options.rules_dir = SOFTSTART_TEST_RULES_DIR;
  options.use_hunspell = false;
  options.defer_pattern_compiling = true;
  for (int i = 0; i < 3; ++i) {
    const softstart::Rewriter rewriter(options);
    BOOST_TEST(rewriter.ok());
  }
}
