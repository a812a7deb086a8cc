// Matching sentence by sentence: anchors mean a sentence's edges in any
// sentence of the message, `after:` looks at the sentence before, and
// laughter or emoji stay with the sentence they belong to.
#define BOOST_TEST_MODULE matcher_test
#include <boost/test/unit_test.hpp>

#include "rule_dir.h"
#include "rule_set.h"
#include "sentences.h"
#include "test_rewriter.h"

namespace {

// An anchored one-word jab, only after a sentence that addresses "you".
const char* kRules = R"(rules:
  - id: blame.test-typical
    category: blame
    principle: vulnerability
    pattern: '^typical[.!]*$'
    after: '\byou\b'
    explanation: Test.
    reframes:
      - short: "That hurt."
      - full: "That hurt me."
      - question: "Can we talk?"
    examples:
      match:
        - {text: "you forgot again. typical.", span: "typical."}
        - {text: "you left. Typical!", span: "Typical!"}
        - {text: "you. typical", span: "typical"}
      no_match: ["typical.", "the bus is late. typical.", "typical day"]
)";

// The analysis of text by a rule directory holding only rules_yaml.
softstart::Analysis AnalyzeWith(const char* rules_yaml, const std::string& text) {
  softstart::testing::RuleDir dir(rules_yaml);
  softstart::Rewriter::Options options;
  options.rules_dir = dir.path();
  const softstart::Rewriter rewriter(options);
  BOOST_REQUIRE(rewriter.ok());
  return rewriter.Analyze(text);
}

std::vector<std::string> Marked(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& finding : AnalyzeWith(kRules, text).findings) out.push_back(softstart::testing::Marked(text, finding));
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(anchors_mean_sentence_edges_in_any_sentence) {
  BOOST_TEST(Marked("you forgot again. typical. see you at 6") == std::vector<std::string>{"typical."},
             boost::test_tools::per_element());
  BOOST_TEST(Marked("ok. you forgot again! Typical!! love you") == std::vector<std::string>{"Typical!!"},
             boost::test_tools::per_element());
}

// Two spaces (or a tab, or a line break after spaces) between sentences:
// the anchor still means the sentence's start.
BOOST_AUTO_TEST_CASE(anchors_hold_with_extra_space_between_sentences) {
  BOOST_TEST(Marked("you forgot again.  typical.") == std::vector<std::string>{"typical."},
             boost::test_tools::per_element());
  BOOST_TEST(Marked("you forgot again. \t typical") == std::vector<std::string>{"typical"},
             boost::test_tools::per_element());
  BOOST_TEST(Marked("you forgot again \n  typical!") == std::vector<std::string>{"typical!"},
             boost::test_tools::per_element());
  // ...and $ holds before them.
  BOOST_TEST(Marked("you forgot again.  typical.  see you at 6") == std::vector<std::string>{"typical."},
             boost::test_tools::per_element());
  BOOST_TEST(Marked("you forgot again. typical \n see you") == std::vector<std::string>{"typical"},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(after_needs_the_previous_sentence) {
  BOOST_TEST(Marked("typical.").empty());
  BOOST_TEST(Marked("the bus is late. typical.").empty());
  BOOST_TEST(Marked("typical. you forgot again.").empty());
}

BOOST_AUTO_TEST_CASE(laughter_and_emoji_join_the_sentence_before) {
  const std::string text = "is it too much to ask? \xF0\x9F\x98\x87\nok. lol. bye";
  const auto spans = softstart::SplitSentences(text);
  BOOST_REQUIRE_EQUAL(spans.size(), 3u);
  BOOST_TEST(text.substr(spans[0].start, spans[0].end - spans[0].start) == "is it too much to ask? \xF0\x9F\x98\x87");
  BOOST_TEST(text.substr(spans[1].start, spans[1].end - spans[1].start) == "ok. lol.");
  BOOST_TEST(text.substr(spans[2].start, spans[2].end - spans[2].start) == "bye");
}

namespace {

// A rule armed by its words: it runs only when the message has one of them.
const char* kWordedRule = R"(rules:
  - id: blame.test-worded
    category: blame
    principle: vulnerability
    pattern: '\byou\s+(?:never|rarely)\s+(?:call|attract\w*)'
    words: [never, rarely]
    explanation: Test.
    reframes:
      - short: "I miss you."
      - full: "I miss you a lot."
      - question: "How are you?"
    examples:
      match:
        - {text: "you never call", span: "you never call"}
        - {text: "you rarely call", span: "you rarely call"}
        - {text: "You NEVER call", span: "You NEVER call"}
      no_match: ["you call", "never call", "you always call"]
)";

size_t CountWith(const char* rules_yaml, const std::string& text) { return AnalyzeWith(rules_yaml, text).findings.size(); }

// kWordedRule with other words.
std::string WordedRuleWith(const std::string& words) {
  std::string rule = kWordedRule;
  return rule.replace(rule.find("words: [never, rarely]"), 22, "words: " + words);
}

}  // namespace

BOOST_AUTO_TEST_CASE(words_arm_a_rule) {
  BOOST_TEST(CountWith(kWordedRule, "you never call") == 1u);
  BOOST_TEST(CountWith(kWordedRule, "hey. You NEVER call!") == 1u);
  BOOST_TEST(CountWith(kWordedRule, "u nevr call") == 1u);  // Words are looked up after normalising.
  BOOST_TEST(CountWith(kWordedRule, "you call") == 0u);
  const std::string prefixed = WordedRuleWith("[nev*, rar*]");
  BOOST_TEST(CountWith(prefixed.c_str(), "you never attracted me") == 1u);
  BOOST_TEST(CountWith(prefixed.c_str(), "you rarely call") == 1u);
}

// With groups, a message needs a word of every group. The second group here
// leaves "attract*" out on purpose, so the pattern would match but the gate
// does not let it run.
BOOST_AUTO_TEST_CASE(every_word_group_must_be_present) {
  const std::string grouped = WordedRuleWith("[[never, rarely], [cal*]]");
  BOOST_TEST(CountWith(grouped.c_str(), "you never call") == 1u);
  BOOST_TEST(CountWith(grouped.c_str(), "you never attracted me") == 0u);
  BOOST_TEST(CountWith(kWordedRule, "you never attracted me") == 1u);
}

// A pattern of several phrase families takes a gate per family: any one
// gate arms the rule, and each is checked on its own, so a word of one
// family plus a word of another's second group arms nothing. The gates here
// leave "attract*" and "rarely ... call" out on purpose.
BOOST_AUTO_TEST_CASE(any_one_gate_arms_a_rule) {
  const std::string rule = [] {
    std::string text = kWordedRule;
    return text.replace(text.find("words: [never, rarely]"), 22, "gates: [[[never], [cal*]], [[rarely], [attract*]]]");
  }();
  BOOST_TEST(CountWith(rule.c_str(), "you never call") == 1u);
  BOOST_TEST(CountWith(rule.c_str(), "you rarely attract me") == 1u);
  BOOST_TEST(CountWith(rule.c_str(), "you rarely call") == 0u);
  BOOST_TEST(CountWith(rule.c_str(), "you never attract me") == 0u);
  // Both gates open: the rule runs once and each match is reported once.
  BOOST_TEST(CountWith(rule.c_str(), "you never call, you rarely attract me") == 2u);
  // Per sentence: the gate must open in the matching sentence itself.
  BOOST_TEST(CountWith(rule.c_str(), "I never call anyone. you rarely attract me") == 1u);
  BOOST_TEST(CountWith(rule.c_str(), "I rarely attract it. you never call") == 1u);
  BOOST_TEST(CountWith(rule.c_str(), "never. you rarely call") == 0u);
}

// In a message of several sentences a worded rule runs only in the sentences
// that hold a word of each of its groups: the words are what every match
// contains. The first group here leaves "rarely" out on purpose, so a
// "rarely" in the same sentence lets nothing run, while a "never" in another
// sentence arms the message but not the sentence.
BOOST_AUTO_TEST_CASE(words_arm_a_rule_sentence_by_sentence) {
  const std::string grouped = WordedRuleWith("[[never], [cal*]]");
  BOOST_TEST(CountWith(grouped.c_str(), "you never call. ok.") == 1u);
  BOOST_TEST(CountWith(grouped.c_str(), "ok. you never call") == 1u);
  BOOST_TEST(CountWith(grouped.c_str(), "I never said that. you rarely call") == 0u);
  BOOST_TEST(CountWith(kWordedRule, "I never said that. you rarely call") == 1u);
}

// A message of many sentences finds each sentence's rules from its own words;
// the answer is the one a short message gets.
BOOST_AUTO_TEST_CASE(many_sentences_arm_rules_sentence_by_sentence) {
  const std::string grouped = WordedRuleWith("[[never], [cal*]]");
  std::string filler;
  for (int i = 0; i < 10; ++i) filler += " ok.";
  BOOST_TEST(CountWith(grouped.c_str(), "you never call." + filler + " you never call") == 2u);
  BOOST_TEST(CountWith(grouped.c_str(), "I never said that." + filler + " you rarely call") == 0u);
  BOOST_TEST(CountWith(kWordedRule, "I never said that." + filler + " you rarely call") == 1u);
  std::string worded = kRules;
  worded.replace(worded.find("    after: "), 0, "    words: [[forgot, left], [typical]]\n");
  BOOST_TEST(CountWith(worded.c_str(), filler + " you forgot again. typical.") == 1u);
  BOOST_TEST(CountWith(worded.c_str(), "you forgot again." + filler + " typical.") == 0u);
}

// A quote closed right after a word is not part of the word the gate looks up.
BOOST_AUTO_TEST_CASE(a_closing_quote_is_not_part_of_a_word) {
  const std::string grouped = WordedRuleWith("[[never], [call]]");
  BOOST_TEST(CountWith(grouped.c_str(), "she said 'you never call' and left") == 1u);
  BOOST_TEST(CountWith(grouped.c_str(), "you never call'") == 1u);
  // An apostrophe inside a word stays in it.
  BOOST_TEST(CountWith(WordedRuleWith("[[never], [\"call's\"]]").c_str(), "you never call's") == 1u);
  BOOST_TEST(CountWith(WordedRuleWith("[[never], [call]]").c_str(), "you never call's") == 0u);
}

// The sentences' words come from the one scan of the whole message; with more
// indexed words than that scan keeps, each sentence is scanned again, with
// the same result.
BOOST_AUTO_TEST_CASE(sentence_words_in_a_long_message) {
  const std::string grouped = WordedRuleWith("[[never], [cal*]]");
  std::string many_nevers;
  for (int i = 0; i < 100; ++i) many_nevers += " never";
  BOOST_TEST(CountWith(grouped.c_str(), "I said" + many_nevers + ". you never call") == 1u);
  BOOST_TEST(CountWith(grouped.c_str(), "I said" + many_nevers + ". you rarely call") == 0u);
  BOOST_TEST(CountWith(grouped.c_str(), "ok. you never call. I said" + many_nevers + ".") == 1u);
  BOOST_TEST(CountWith(kWordedRule, "I said" + many_nevers + ". you rarely call") == 1u);
}

// An `after:` rule's words may be in the sentence before ("you forgot again.
// typical."): the gate reads both.
BOOST_AUTO_TEST_CASE(after_rule_words_may_be_in_the_sentence_before) {
  std::string worded = kRules;
  worded.replace(worded.find("    after: "), 0, "    words: [[forgot, left], [typical]]\n");
  BOOST_TEST(CountWith(worded.c_str(), "you forgot again. typical.") == 1u);
  BOOST_TEST(CountWith(worded.c_str(), "hi. you forgot again. typical.") == 1u);
  BOOST_TEST(CountWith(worded.c_str(), "you forgot again. ok. typical.") == 0u);
}

// RE2 lets a group name repeat in alternatives: the clause end ('tail') of
// whichever branch matched bounds the span, and its words fill the template.
const char* kTwoBranchRule = R"(rules:
  - id: blame.test-branches
    category: blame
    principle: vulnerability
    pattern: '\byou\s+never\s+(?P<what>[a-z]+)(?P<tail>\s+and\b|$)|\bnot\s+once\s+did\s+you\s+(?P<what>[a-z]+)(?P<tail>\s+and\b|$)'
    explanation: Test.
    reframes:
      - short: "I'd love it if you {what} me more."
      - short: "I miss you."
      - full: "I miss you a lot."
      - question: "How are you?"
    examples:
      match:
        - {text: "you never call and I wait", span: "you never call"}
        - {text: "not once did you call and I waited", span: "not once did you call"}
        - {text: "not once did you write", span: "not once did you write"}
      no_match: ["you call", "never call", "once you called"]
)";

BOOST_AUTO_TEST_CASE(a_repeated_group_name_reads_the_branch_that_matched) {
  const std::string text = "not once did you call and I waited";
  const softstart::Analysis analysis = AnalyzeWith(kTwoBranchRule, text);
  BOOST_REQUIRE_EQUAL(analysis.findings.size(), 1u);
  BOOST_TEST(softstart::testing::Marked(text, analysis.findings[0]) == "not once did you call");
  BOOST_TEST(analysis.suggestion().find("you call me more") != std::string::npos, analysis.suggestion());
}

// A match's groups are read from the top-level alternative that matches its
// span; the split must respect groups, classes and escapes, and give up on a
// flag group that spans the alternatives.
BOOST_AUTO_TEST_CASE(top_level_alternatives) {
  using softstart::TopLevelAlternatives;
  using List = std::vector<std::string>;
  BOOST_TEST(TopLevelAlternatives(R"(a|(b|c)|[|]|\|d)") == (List{"a", "(b|c)", "[|]", R"(\|d)"}),
             boost::test_tools::per_element());
  BOOST_TEST(TopLevelAlternatives(R"([]|]x|(?P<w>y|z)|(?i:q))") == (List{"[]|]x", "(?P<w>y|z)", "(?i:q)"}),
             boost::test_tools::per_element());
  BOOST_TEST(TopLevelAlternatives("(?i)a|b").empty());
  BOOST_TEST(TopLevelAlternatives("abc").empty());
  BOOST_TEST(TopLevelAlternatives("(a|b)").empty());
  BOOST_TEST(TopLevelAlternatives(R"(\Qa|b\E)").empty());
}

// Most rules are compiled lower-case and matched case-sensitively against
// the text with A-Z lowered (RE2 compiles that far cheaper); a rule with a
// case flag of its own reads the text as typed. Either way the findings and
// the groups a suggestion quotes are the typed text.
const char* kCaseRules = R"(rules:
  - id: demand.test-folded
    category: demand
    principle: needs
    pattern: '\bI\s+NEED\s+you\s+to\s+(?P<action>[a-z]+)'
    explanation: Test.
    reframes:
      - short: "I'd love it if you could {action}."
      - short: "I'd love that."
      - full: "It would mean a lot if you could {action}."
      - full: "It would mean a lot to me."
      - question: "Could you {action}?"
      - question: "Would you?"
    examples:
      match:
        - {text: "i need you to listen", span: "i need you to listen"}
        - {text: "I NEED YOU TO LISTEN", span: "I NEED YOU TO LISTEN"}
        - {text: "I Need You To Call", span: "I Need You To Call"}
      no_match: ["we need milk", "i need to sleep", "you need to call"]
  - id: demand.test-caps
    category: demand
    principle: needs
    pattern: '(?-i:YOU WILL)\s+\w+'
    explanation: Test.
    reframes:
      - short: "I'd love that."
      - full: "It would mean a lot to me."
      - question: "Would you?"
    examples:
      match:
        - {text: "YOU WILL come", span: "YOU WILL come"}
        - {text: "ok. YOU WILL call", span: "YOU WILL call"}
        - {text: "YOU WILL listen", span: "YOU WILL listen"}
      no_match: ["you will come", "You will love it", "you WILL come"]
)";

BOOST_AUTO_TEST_CASE(folded_patterns_keep_escapes_flags_and_group_names) {
  BOOST_TEST(softstart::FoldedPattern(R"((?U)\bYou\s+\W\pL\PL(?P<Action>[A-Z]+)(?<Who>I)(?sU:.+))") ==
             R"((?U)\byou\s+\W\pL\PL(?P<Action>[a-z]+)(?<Who>i)(?sU:.+))");
  BOOST_TEST(softstart::CanFold(R"(\byou\s+never(?P<tail>\s*$))"));
  BOOST_TEST(softstart::CanFold(R"((?U)\pL+)"));
  BOOST_TEST(!softstart::CanFold("(?-i:YOU WILL)"));
  BOOST_TEST(!softstart::CanFold("(?i)you"));
  BOOST_TEST(!softstart::CanFold("(?mi:you)"));
  BOOST_TEST(softstart::CanFold(R"(\(?i\))"));  // A literal parenthesis, then "i".
  // A letter named by code or by case would never meet A-Z in lowered text.
  BOOST_TEST(!softstart::CanFold(R"(\x{49}\s+hate)"));
  BOOST_TEST(!softstart::CanFold(R"(\x49)"));
  BOOST_TEST(!softstart::CanFold(R"(\111)"));
  BOOST_TEST(!softstart::CanFold(R"(\p{Lu}\w+)"));
  BOOST_TEST(!softstart::CanFold(R"([[:upper:]])"));
  std::string folded;
  softstart::FoldText("YOU Never ÉCOUTE", &folded);
  BOOST_TEST(folded == "you never Écoute");  // Same bytes, same offsets.
}

BOOST_AUTO_TEST_CASE(case_is_ignored_unless_a_rule_asks_for_it) {
  const std::string text = "hey. i NEED You to Listen";
  const auto analysis = AnalyzeWith(kCaseRules, text);
  BOOST_REQUIRE_EQUAL(analysis.findings.size(), 1u);
  BOOST_TEST(softstart::testing::Marked(text, analysis.findings[0]) == "i NEED You to Listen");
  // The group is quoted as typed (the reframer lowers only a group in caps).
  BOOST_TEST(analysis.suggestion().find("Listen") != std::string::npos, analysis.suggestion());
  BOOST_TEST(AnalyzeWith(kCaseRules, "YOU WILL come").flagged());
  BOOST_TEST(!AnalyzeWith(kCaseRules, "you will come").flagged());
}
