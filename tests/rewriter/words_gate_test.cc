// A rule's `words:` skip it when a message has none of them, so the list must
// hold a word of every match the pattern can make. This runs each rule on its
// own (no gate) and through the gate over every labelled message, every rule
// example and the public corpora (harsh ones included, where the rules fire
// most), and fails naming the rule and the text whenever the two differ.
#define BOOST_TEST_MODULE words_gate_test
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "matcher.h"
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

std::vector<std::string> Texts(const softstart::RuleSet& rules) {
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
    BOOST_TEST_CONTEXT(rule.file << ":" << rule.line << " " << rule.id) { BOOST_TEST(!rule.word_groups.empty()); }
  }
}
