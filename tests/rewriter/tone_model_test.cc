// The tone model: its features match the trainer's, its file is checked line
// by line, it speaks only where no rule did, and what it says comes from the
// tone rules (their examples; their suggestions are never flagged again).
#define BOOST_TEST_MODULE tone_model_test
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "rule_dir.h"
#include "rule_loader.h"
#include "rule_set.h"
#include "sentences.h"
#include "softstart/rewriter.h"
#include "test_rewriter.h"
#include "tone_model.h"

using softstart::ToneModel;
using softstart::testing::RuleDir;

namespace {

const char* kModel =
    "# a test model\n"
    "@columns\tproblem\tblame\tdemand\tloaded-question\tpressure\tdismissive\n"
    "@threshold\t1.0\n"
    "@bias\t-1\t0\t0\t0\t0\t0\n"
    "you never\t3\t2\t0\t0\t0\t0\n"
    "never\t0.5\t0\t0\t0\t0\t0\n"
    "answer me\t3\t0\t0\t0\t2\t0\n";

// A tone rule and a pattern rule for blame, a tone rule for pressure.
const char* kRules = R"(rules:
  - id: blame.pattern-rule
    category: blame
    principle: vulnerability
    pattern: '\byou\s+always\s+forget\b'
    explanation: From the pattern.
    reframes:
      - short: "I miss you."
      - full: "I miss us."
      - question: "How are you?"
    examples:
      match:
        - {text: "you always forget", span: "you always forget"}
        - {text: "you always forget it", span: "you always forget"}
        - {text: "YOU ALWAYS FORGET", span: "YOU ALWAYS FORGET"}
      no_match: ["a", "b", "c"]
  - id: blame.tone-rule
    category: blame
    principle: vulnerability
    scorer: tone-model
    explanation: From the model.
    reframes:
      - short: "I've been missing {missing}."
      - short: "I've been feeling far from you."
      - full: "I've been feeling far from you lately."
      - question: "How have things been for you?"
    examples:
      match:
        - {text: "you never call", span: "you never call"}
        - {text: "you never write", span: "you never write"}
        - {text: "you never visit", span: "you never visit"}
      no_match: ["a", "b", "c"]
  - id: pressure.tone-rule
    category: pressure
    principle: gentle
    scorer: tone-model
    explanation: Pushing.
    reframes:
      - short: "I'd love to hear from you when you're ready."
      - full: "I'd love to hear from you, no rush."
      - question: "When would be a good time to talk?"
    examples:
      match:
        - {text: "answer me", span: "answer me"}
        - {text: "answer me now", span: "answer me now"}
        - {text: "answer me!", span: "answer me!"}
      no_match: ["a", "b", "c"]
)";

std::string WriteFile(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

// The one error loading `text` as a model gives, as "L<line> <message>".
std::string ModelError(const std::string& text) {
  const std::string path = WriteFile("softstart-tone-model-test.tsv", text);
  ToneModel model;
  std::vector<softstart::RuleError> errors;
  BOOST_TEST(!model.Load(path, &errors));
  BOOST_TEST(model.empty());  // Nothing half-loaded.
  BOOST_REQUIRE_EQUAL(errors.size(), 1u);
  BOOST_TEST(errors[0].file == path);
  return "L" + std::to_string(errors[0].line) + " " + errors[0].message;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// A rule directory with kRules and kModel.
struct ModelDir {
  RuleDir dir{kRules};
  ModelDir() { std::ofstream(std::filesystem::path(dir.path()) / "tone-model.tsv") << kModel; }
};

std::vector<std::string> RuleIds(const softstart::Analysis& analysis) {
  std::vector<std::string> ids;
  for (const auto& finding : analysis.findings) ids.push_back(finding.rule_id);
  return ids;
}

}  // namespace

// What scripts/train-tone-model writes for the same sentence (its tokens()
// and sentence_features()): words in lower case with their apostrophes, "?"
// and "!", then pairs of neighbours with the sentence's edges.
BOOST_AUTO_TEST_CASE(features_are_the_trainers) {
  const std::vector<std::string> expected = {"<s> why", "?", "? </s>", "don't", "don't ?", "u", "u don't", "why", "why u"};
  BOOST_TEST(ToneModel::Features("Why, U don't?") == expected, boost::test_tools::per_element());
  // Each non-ASCII character is a word, but not the emoji style selector;
  // a quote mark is not part of a word, an apostrophe inside one is.
  std::vector<std::string> heart = {"!", "! </s>", "<s> love", "love", "love \xE2\x9D\xA4", "\xE2\x9D\xA4", "\xE2\x9D\xA4 !"};
  std::sort(heart.begin(), heart.end());
  BOOST_TEST(ToneModel::Features("'love' \xE2\x9D\xA4\xEF\xB8\x8F!") == heart, boost::test_tools::per_element());
  // A broken character is a word of its own bytes and never swallows the
  // next word.
  std::vector<std::string> broken = {"<s> \xF0", "\xF0", "\xF0 never", "never", "never </s>"};
  std::sort(broken.begin(), broken.end());
  BOOST_TEST(ToneModel::Features("\xF0never") == broken, boost::test_tools::per_element());
  // Nothing but spaces: the two edges.
  BOOST_TEST(ToneModel::Features("  ") == std::vector<std::string>{"<s> </s>"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_model_scores_a_sentence) {
  ToneModel model;
  std::vector<softstart::RuleError> errors;
  BOOST_REQUIRE(model.Load(WriteFile("softstart-tone-model-good.tsv", kModel), &errors));
  BOOST_TEST(errors.empty());
  BOOST_TEST(model.threshold() == 1.0);
  BOOST_TEST(model.threshold_more() == 1.0);  // No @threshold-more: the same.
  const ToneModel::Verdict never = model.Score("You NEVER call.");
  BOOST_TEST(never.score == 2.5);  // -1 + "you never" 3 + "never" 0.5.
  BOOST_TEST(never.category == softstart::Category::kBlame);
  BOOST_TEST(model.Score("answer me").category == softstart::Category::kPressure);
  BOOST_TEST(model.Score("call me").score == -1.0);  // The bias alone.
  BOOST_TEST(model.Score("").score == -1.0);
  BOOST_TEST(model.Score("\xFF\xFE never \xC3").score == -0.5);  // Any bytes.
  // Windows line ends read the same.
  ToneModel crlf;
  std::string text = kModel;
  for (size_t at = 0; (at = text.find('\n', at)) != std::string::npos; at += 2) text.replace(at, 1, "\r\n");
  BOOST_REQUIRE(crlf.Load(WriteFile("softstart-tone-model-crlf.tsv", text), &errors));
  BOOST_TEST(crlf.Score("You NEVER call.").score == 2.5);
}

BOOST_AUTO_TEST_CASE(each_mistake_in_a_model_file_names_its_line) {
  BOOST_TEST(ModelError(Replace(kModel, "@columns\t", "@kolumns\t")) == "L2 the first line must be @columns");
  BOOST_TEST(ModelError(Replace(kModel, "\tpressure\tdismissive", "\tpressure")) ==
             "L2 @columns must be: problem, then the 5 categories");
  BOOST_TEST(ModelError(Replace(kModel, "\tdismissive\n", "\tcontempt\n")) ==
             "L2 unknown category 'contempt' in @columns");
  BOOST_TEST(ModelError(Replace(kModel, "@threshold\t1.0", "@threshold\thigh")) == "L3 @threshold takes one number");
  BOOST_TEST(ModelError(Replace(kModel, "never\t0.5\t", "never\t0,5\t")) == "L6 weight '0,5' is not a number");
  BOOST_TEST(ModelError(Replace(kModel, "never\t0.5\t", "never\tnan\t")) == "L6 weight 'nan' is not a number");
  BOOST_TEST(ModelError(Replace(kModel, "answer me\t3\t0\t0\t0\t2\t0", "answer me\t3")) ==
             "L7 expected a feature and 6 weights, tab-separated");
  BOOST_TEST(ModelError(std::string(kModel) + "never\t1\t0\t0\t0\t0\t0\n") == "L8 a feature listed twice");
  BOOST_TEST(ModelError(std::string(kModel) + "@extra\t1\t0\t0\t0\t0\t0\n") == "L8 unknown entry '@extra'");
  BOOST_TEST(ModelError(Replace(kModel, "@bias\t", "#bias\t")) == "L0 a tone model needs @columns, @threshold and @bias lines");
  BOOST_TEST(ModelError(std::string(kModel) + "@veto\t2\n") == "L8 expected a feature and 6 weights, tab-separated");
  BOOST_TEST(ModelError(std::string(kModel) + "@threshold-more\t2\n") == "L0 @threshold-more must not be above @threshold");
  BOOST_TEST(ModelError(std::string(kModel) + "@threshold-more\tlow\n") == "L8 @threshold-more takes one number");
  BOOST_TEST(ModelError("") == "L0 a tone model needs @columns, @threshold and @bias lines");
}

BOOST_AUTO_TEST_CASE(a_bad_model_file_is_a_load_error_with_its_line) {
  ModelDir model_dir;
  std::ofstream(std::filesystem::path(model_dir.dir.path()) / "tone-model.tsv") << Replace(kModel, "never\t0.5", "never\tx");
  softstart::Rewriter::Options options;
  options.rules_dir = model_dir.dir.path();
  softstart::Rewriter rewriter(options);
  BOOST_TEST(!rewriter.ok());
  BOOST_REQUIRE_EQUAL(rewriter.errors().size(), 1u);
  BOOST_TEST(rewriter.errors()[0].ToString() ==
             (std::filesystem::path(model_dir.dir.path()) / "tone-model.tsv").string() + ":6: weight 'x' is not a number");
  // With the model turned off its file is not read: the rules still load.
  options.use_tone_model = false;
  softstart::Rewriter rules_only(options);
  BOOST_TEST(rules_only.ok());
  BOOST_TEST(rules_only.Analyze("you always forget").flagged());
}

BOOST_AUTO_TEST_CASE(the_model_speaks_where_no_rule_did) {
  ModelDir model_dir;
  softstart::Rewriter::Options options;
  options.rules_dir = model_dir.dir.path();
  const softstart::Rewriter rewriter(options);
  BOOST_REQUIRE(rewriter.ok());

  // The whole sentence is the finding, explained by the tone rule; the rest
  // of the message stays.
  const softstart::Analysis analysis = rewriter.Analyze("hey love. you never call me back. see you at 6");
  BOOST_REQUIRE_EQUAL(analysis.findings.size(), 1u);
  const softstart::Finding& finding = analysis.findings[0];
  BOOST_TEST(finding.rule_id == "blame.tone-rule");
  BOOST_TEST(finding.explanation == "From the model.");
  BOOST_TEST(finding.principle == "Start with vulnerability, not blame");
  BOOST_TEST(std::string("hey love. you never call me back. see you at 6").substr(finding.start, finding.end - finding.start) ==
             "you never call me back.");
  BOOST_TEST(analysis.suggestion().rfind("hey love. ", 0) == 0u);
  BOOST_TEST(analysis.suggestion().find("see you at 6") != std::string::npos);
  BOOST_TEST(analysis.suggestion().find("never") == std::string::npos);
  BOOST_TEST(analysis.suggestions.size() >= 3u);

  // Chat-speak is normalised first ("u nevr" reads as "you never").
  BOOST_TEST(RuleIds(rewriter.Analyze("u nevr call")) == std::vector<std::string>{"blame.tone-rule"},
             boost::test_tools::per_element());
  // The category is the likeliest one.
  BOOST_TEST(RuleIds(rewriter.Analyze("answer me")) == std::vector<std::string>{"pressure.tone-rule"},
             boost::test_tools::per_element());
  // Below the threshold: nothing.
  BOOST_TEST(!rewriter.Analyze("I never know what to say").flagged());
  // A sentence a pattern matched gets the pattern's finding only; the next
  // sentence is the model's.
  BOOST_TEST(RuleIds(rewriter.Analyze("you always forget and you never call. answer me")) ==
                 (std::vector<std::string>{"blame.pattern-rule", "pressure.tone-rule"}),
             boost::test_tools::per_element());
  // A disabled category is silent.
  softstart::Rewriter::AnalyzeOptions no_blame;
  no_blame.enabled.Remove(softstart::Category::kBlame);
  BOOST_TEST(!rewriter.Analyze("you never call", no_blame).flagged());
  // The suggestion is never flagged again.
  BOOST_TEST(!rewriter.Analyze(analysis.suggestion()).flagged());
}

// "Catch more" lowers the threshold to @threshold-more, per call.
BOOST_AUTO_TEST_CASE(catch_more_lowers_the_threshold) {
  ModelDir model_dir;
  std::ofstream(std::filesystem::path(model_dir.dir.path()) / "tone-model.tsv") << kModel << "@threshold-more\t-0.6\n";
  softstart::Rewriter::Options options;
  options.rules_dir = model_dir.dir.path();
  const softstart::Rewriter rewriter(options);
  BOOST_REQUIRE(rewriter.ok());
  softstart::Rewriter::AnalyzeOptions more;
  more.sensitivity = softstart::Rewriter::AnalyzeOptions::Sensitivity::kMore;
  // "never" alone scores -1 + 0.5 = -0.5: under the threshold, over the lower one.
  BOOST_TEST(!rewriter.Analyze("I never know").flagged());
  BOOST_TEST(RuleIds(rewriter.Analyze("I never know", more)) == std::vector<std::string>{"blame.tone-rule"},
             boost::test_tools::per_element());
  BOOST_TEST(!rewriter.Analyze("call me", more).flagged());  // -1: under both.
}

BOOST_AUTO_TEST_CASE(the_model_can_be_turned_off) {
  ModelDir model_dir;
  softstart::Rewriter::Options options;
  options.rules_dir = model_dir.dir.path();
  options.use_tone_model = false;
  const softstart::Rewriter rewriter(options);
  BOOST_REQUIRE(rewriter.ok());
  BOOST_TEST(!rewriter.Analyze("you never call").flagged());
  BOOST_TEST(rewriter.Analyze("you always forget").flagged());
}

BOOST_AUTO_TEST_CASE(sentences_are_what_the_rules_read) {
  ModelDir model_dir;
  softstart::Rewriter::Options options;
  options.rules_dir = model_dir.dir.path();
  options.use_hunspell = false;
  const softstart::Rewriter rewriter(options);
  BOOST_REQUIRE(rewriter.ok());
  BOOST_TEST(rewriter.Sentences("hey. u dont call!! ok") ==
                 (std::vector<std::string>{"hey.", "you don't call!!", "ok"}),
             boost::test_tools::per_element());
  BOOST_TEST(rewriter.Sentences("").empty());
}

// The bundled tone rules: one per category, each example answered by it with
// its span (or not at all), every suggestion clean.
BOOST_AUTO_TEST_CASE(bundled_tone_rule_examples) {
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  BOOST_REQUIRE(softstart::LoadRuleSet(SOFTSTART_TEST_RULES_DIR, &rules, &errors));
  BOOST_TEST(!rules.tone_model.empty());
  BOOST_REQUIRE_EQUAL(rules.tone_rules.size(), static_cast<size_t>(softstart::kCategoryCount));
  const softstart::Rewriter& rewriter = softstart::testing::BundledRewriter();
  for (const softstart::Rule& rule : rules.tone_rules) {
    for (const softstart::RuleExample& example : rule.examples) {
      BOOST_TEST_CONTEXT(rule.file << ":" << example.line << " (" << rule.id << "): \"" << example.text << "\"") {
        const softstart::Analysis analysis = rewriter.Analyze(example.text);
        const auto found = std::find_if(analysis.findings.begin(), analysis.findings.end(),
                                        [&](const softstart::Finding& f) { return f.rule_id == rule.id; });
        if (!example.must_match) {
          BOOST_TEST((found == analysis.findings.end()));
          continue;
        }
        BOOST_REQUIRE_MESSAGE(found != analysis.findings.end(), "the tone rule did not answer");
        BOOST_TEST(example.text.substr(found->start, found->end - found->start) == example.span);
        for (const softstart::Suggestion& suggestion : analysis.suggestions) {
          BOOST_TEST_CONTEXT("suggestion: " << suggestion.text) { BOOST_TEST(!rewriter.Analyze(suggestion.text).flagged()); }
        }
      }
    }
  }
}

// Every reframe of every rule, filled with every topic, reads as ordinary to
// the model, even when catching more: what softstart suggests, it never
// flags.
BOOST_AUTO_TEST_CASE(no_reframe_scores_as_a_problem) {
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  BOOST_REQUIRE(softstart::LoadRuleSet(SOFTSTART_TEST_RULES_DIR, &rules, &errors));
  softstart::CompileTopics(rules);
  size_t checked = 0;
  for (const std::vector<softstart::Rule>* list : {&rules.rules, &rules.tone_rules}) {
    for (const softstart::Rule& rule : *list) {
      for (const softstart::Template& reframe : rule.reframes) {
        for (const softstart::Topic& topic : rules.topics) {
          std::string text;
          for (const auto& piece : reframe.pieces) {
            if (!piece.is_slot) text += piece.text;
            else if (piece.text == "topic") text += topic.about;
            else if (piece.text == "missing") text += topic.missing;
            else text += "spend time together";
          }
          ++checked;
          // Scored sentence by sentence, as a suggestion is.
          for (const softstart::SentenceSpan& span : softstart::SplitSentences(text)) {
            const std::string sentence = text.substr(span.start, span.end - span.start);
            BOOST_TEST_CONTEXT(rule.file << ":" << reframe.line << ": " << sentence) {
              BOOST_TEST(rules.tone_model.Score(sentence).score <= rules.tone_model.threshold_more());
            }
          }
          if (!reframe.uses_topic) break;
        }
      }
    }
  }
  BOOST_TEST(checked > 3000u);
}
