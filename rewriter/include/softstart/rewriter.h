// softstart rewriter: finds blame, demands, loaded questions, pressure and
// dismissive phrasing in a message to a partner, explains each finding by the
// guide's principle, and suggests a gentler way to say the same thing.
//
// The library is pure C++: no GLib, no libpurple, no logging, no exceptions
// across this API. Text in, findings and a suggestion out.
//
//   softstart::Rewriter::Options options;
//   options.rules_dir = softstart::FindRulesDir("", &search_error);
//   softstart::Rewriter rewriter(options);
//   if (!rewriter.ok()) { report(rewriter.errors()); return; }
//   softstart::Analysis analysis = rewriter.Analyze("u never want to cuddle");
//   if (analysis.flagged()) show(analysis.findings, analysis.suggestion);
//
// Life cycle: construct once (loading rules and the Hunspell dictionary costs
// milliseconds), then call Analyze() per message. Analyze() may be called
// from several threads at once on one Rewriter.
#ifndef SOFTSTART_REWRITER_H_
#define SOFTSTART_REWRITER_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "softstart/category.h"
#include "softstart/rule_error.h"

namespace softstart {

// One problem phrase. The span is in bytes of the text given to Analyze(),
// so a caller can mark the very words the user typed.
struct Finding {
  Category category;
  std::string rule_id;      // "category.rule-name", stable forever.
  size_t start = 0;         // Byte offset of the first byte of the phrase.
  size_t end = 0;           // Byte offset one past the phrase.
  std::string principle;    // The guide's principle, e.g. "Start with vulnerability, not blame".
  std::string explanation;  // How the words may land, in a sentence or two.
};

// A reframe of the whole message: the offending sentences rewritten, every
// other sentence kept as the user wrote it.
struct Suggestion {
  enum class Style { kShort, kFull, kQuestion };
  Style style = Style::kShort;
  std::string text;
};

struct Analysis {
  std::vector<Finding> findings;  // In order of start offset.
  // Empty when there are no findings. Otherwise the main suggestion first,
  // then at least two alternatives that differ from it and from each other.
  std::vector<Suggestion> suggestions;
  // True when matching had to fall back from the fast path (very long input).
  bool used_fallback = false;

  bool flagged() const { return !findings.empty(); }
  // The main suggestion's text, or "" when nothing was found.
  const std::string& suggestion() const;
};

class Rewriter {
 public:
  struct Options {
    // Folder holding rules/*.yaml, topics.yaml, chatspeak.tsv, vocabulary.txt
    // and hunspell/*.dic (see dictionaries/en/README.md).
    std::string rules_dir;
    // Hunspell dictionary (without .aff/.dic). Empty: the system en_US.
    // A missing dictionary is a warning, not an error: detection still works,
    // only without typo correction.
    std::string hunspell_dictionary;
    bool use_hunspell = true;
    // The tone model (tone-model.tsv) as a second opinion after the rules.
    // Off: findings come from the patterns alone, and the model file is not
    // read (a broken one does not stop the rules).
    bool use_tone_model = true;
    // Compile each rule's patterns when a message first needs them, and on
    // a background thread meanwhile, instead of all at load: loading takes
    // a fraction of the time. The rest of the rule data is checked as
    // always, but a pattern that fails to compile only turns its rule off.
    // Meant for the bundled rules, which CI compiles and tests; leave it off
    // for a user's own rule files, so every error in them is reported at
    // load with its line.
    bool defer_pattern_compiling = false;
    // With deferred compiling, also compile every rule on a background
    // thread, so that a chat's first messages rarely wait for one. A batch
    // job is better off without it: rules its text never arms are never
    // compiled at all.
    bool compile_in_background = true;
  };

  // Per-call choices, so a UI can change them without reloading rules.
  struct AnalyzeOptions {
    // Categories to check; a disabled category never produces a finding.
    CategorySet enabled = CategorySet::All();
    // Which suggestion style goes first in Analysis::suggestions.
    Suggestion::Style preferred_style = Suggestion::Style::kShort;
    // kMore lowers the tone model's threshold: more of what the patterns
    // miss is caught, and more ordinary messages are stopped too (about
    // twice the false alarms on everyday text; see the README).
    enum class Sensitivity { kStandard, kMore };
    Sensitivity sensitivity = Sensitivity::kStandard;
  };

  // Never throws. Check ok() before use; on failure errors() says why, with
  // file and line for rule data.
  explicit Rewriter(const Options& options);
  ~Rewriter();
  Rewriter(const Rewriter&) = delete;
  Rewriter& operator=(const Rewriter&) = delete;

  bool ok() const;
  const std::vector<RuleError>& errors() const;
  // Problems that do not stop the rewriter (e.g. no Hunspell dictionary).
  const std::vector<std::string>& warnings() const;
  // Number of loaded rules (0 when !ok()).
  size_t rule_count() const;

  // Precondition: ok(). Accepts any bytes, including invalid UTF-8 and NULs;
  // runs in time linear in the length of the text.
  Analysis Analyze(std::string_view text) const;
  Analysis Analyze(std::string_view text, const AnalyzeOptions& options) const;

  // The message as the rules and the tone model read it: normalised ("u" ->
  // "you", typos corrected), one string per sentence. What
  // scripts/train-tone-model learns from.
  std::vector<std::string> Sentences(std::string_view text) const;

 private:
  // One pass of Analyze(): findings and the suggestions that replace them.
  // *context_changed: a sentence the suggestions keep as typed comes after
  // one they replace, so it now has a new sentence before it. only_after:
  // just the rules that read the sentence before.
  Analysis AnalyzeOnce(std::string_view text, const AnalyzeOptions& options, bool* context_changed,
                       bool only_after = false) const;

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace softstart

#endif  // SOFTSTART_REWRITER_H_
