#include "softstart/rewriter.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <future>
#include <system_error>
#include <thread>

#include <hunspell/hunspell.hxx>

#include "matcher.h"
#include "normalizer.h"
#include "reframer.h"
#include "rule_loader.h"
#include "rule_set.h"
#include "typo_corrector.h"

namespace softstart {

const std::string& Analysis::suggestion() const {
  static const std::string kNone;
  return suggestions.empty() ? kNone : suggestions.front().text;
}

struct Rewriter::Impl {
  RuleSet rules;
  std::vector<RuleError> errors;
  std::vector<std::string> warnings;
  // Still loading until the first word that needs it (see LoadDictionary);
  // its destructor waits for the load to end.
  std::future<std::unique_ptr<Hunspell>> dictionary;
  std::unique_ptr<Hunspell> hunspell;
  std::unique_ptr<TypoCorrector> corrector;
  std::unique_ptr<Normalizer> normalizer;
  std::unique_ptr<Matcher> matcher;
  // Compiles every rule after a deferred load, so a message rarely waits
  // for one; stopped and joined before the rules go.
  std::thread compiler;
  std::atomic<bool> stop_compiling{false};

  void StartCompiler();
  Hunspell* WaitForDictionary();
  ~Impl();
};

// Called once, by the typo corrector under its lock.
Hunspell* Rewriter::Impl::WaitForDictionary() {
  try {
    hunspell = dictionary.get();
    if (hunspell && !rules.hunspell_extra_dic.empty()) hunspell->add_dic(rules.hunspell_extra_dic.c_str());
  } catch (const std::exception&) {
    hunspell.reset();  // No typo correction rather than an exception out of Analyze().
  }
  return hunspell.get();
}

void Rewriter::Impl::StartCompiler() {
  try {
    compiler = std::thread([this] {
      for (const Rule& rule : rules.rules) {
        if (stop_compiling.load(std::memory_order_relaxed)) return;
        rule.Compiled();
      }
    });
  } catch (const std::system_error&) {
    // No thread to be had: each rule compiles when first needed.
  }
}

Rewriter::Impl::~Impl() {
  stop_compiling = true;
  if (compiler.joinable()) compiler.join();
}

namespace {

// The en_US dictionary takes longer to load than the rules; it loads on its
// own thread, and the first word that needs it waits for it.
std::unique_ptr<Hunspell> LoadDictionary(const std::string& base) {
  return std::make_unique<Hunspell>((base + ".aff").c_str(), (base + ".dic").c_str());
}

}  // namespace

Rewriter::Rewriter(const Options& options) : impl_(std::make_unique<Impl>()) {
  try {
    if (options.rules_dir.empty()) {
      impl_->errors.push_back({"", 0, "no rule directory given"});
      return;
    }
    if (options.use_hunspell) {
      const std::string base =
          options.hunspell_dictionary.empty() ? SOFTSTART_DEFAULT_HUNSPELL : options.hunspell_dictionary;
      std::error_code ec;
      if (std::filesystem::is_regular_file(base + ".aff", ec) && std::filesystem::is_regular_file(base + ".dic", ec)) {
        try {
          impl_->dictionary = std::async(std::launch::async, LoadDictionary, base);
        } catch (const std::system_error&) {  // No thread to be had: load it when first needed.
          impl_->dictionary = std::async(std::launch::deferred, LoadDictionary, base);
        }
      } else {
        impl_->warnings.push_back("no Hunspell dictionary at " + base +
                                  ".{aff,dic} (install hunspell-en-us): typos like 'nver' will not be recognised");
      }
    }
    if (!LoadRuleSet(options.rules_dir, &impl_->rules, &impl_->errors,
                     options.defer_pattern_compiling ? PatternCompiling::kOnFirstUse : PatternCompiling::kAtLoad,
                     options.use_tone_model ? ToneModelLoading::kLoad : ToneModelLoading::kSkip)) {
      return;
    }
    impl_->matcher = std::make_unique<Matcher>(&impl_->rules);
    if (!impl_->matcher->ok()) {
      impl_->errors.push_back({options.rules_dir, 0, impl_->matcher->error()});
      return;
    }
    TypoCorrector::DictionarySource dictionary;
    if (impl_->dictionary.valid()) dictionary = [impl = impl_.get()] { return impl->WaitForDictionary(); };
    impl_->corrector =
        std::make_unique<TypoCorrector>(impl_->rules.vocabulary, std::move(dictionary), impl_->rules.gate_words,
                                        impl_->rules.swap_targets);
    impl_->normalizer = std::make_unique<Normalizer>(&impl_->rules.chatspeak, impl_->corrector.get());
    if (options.defer_pattern_compiling && options.compile_in_background) impl_->StartCompiler();
  } catch (const std::exception& e) {
    // Nothing may escape the API; a failure here is reported like bad data.
    impl_->errors.push_back({options.rules_dir, 0, std::string("cannot load rules: ") + e.what()});
  }
}

Rewriter::~Rewriter() = default;

bool Rewriter::ok() const { return impl_->errors.empty() && impl_->normalizer != nullptr; }
const std::vector<RuleError>& Rewriter::errors() const { return impl_->errors; }
const std::vector<std::string>& Rewriter::warnings() const { return impl_->warnings; }
size_t Rewriter::rule_count() const { return ok() ? impl_->rules.rules.size() : 0; }

Analysis Rewriter::Analyze(std::string_view text) const { return Analyze(text, AnalyzeOptions{}); }

namespace {

// The tone model's second opinion: a sentence no rule matched that it reads
// as a problem (above the threshold of the chosen sensitivity) gets a
// finding from the tone rule of its likeliest category. It never removes a
// rule's finding. Keeps *matches sorted by start.
void ApplyToneModel(const RuleSet& rules, std::string_view text, const Rewriter::AnalyzeOptions& options,
                    std::vector<SentenceSpan>* sentences, std::vector<RuleMatch>* matches) {
  const ToneModel& model = rules.tone_model;
  if (model.empty()) return;
  const double threshold = options.sensitivity == Rewriter::AnalyzeOptions::Sensitivity::kMore
                               ? model.threshold_more()
                               : model.threshold();
  if (sentences->empty()) *sentences = SplitSentences(text);
  std::vector<bool> matched(sentences->size(), false);
  for (const RuleMatch& match : *matches) matched[match.sentence] = true;
  const size_t rule_matches = matches->size();
  for (size_t i = 0; i < sentences->size(); ++i) {
    if (matched[i]) continue;
    const SentenceSpan& span = (*sentences)[i];
    const ToneModel::Verdict verdict = model.Score(text.substr(span.start, span.end - span.start));
    if (verdict.score <= threshold || !options.enabled.Contains(verdict.category)) continue;
    const auto rule = std::find_if(rules.tone_rules.begin(), rules.tone_rules.end(),
                                   [&](const Rule& r) { return r.category == verdict.category; });
    if (rule != rules.tone_rules.end()) matches->push_back({&*rule, span.start, span.end, i, {}});
  }
  if (matches->size() == rule_matches || rule_matches == 0) return;
  std::stable_sort(matches->begin(), matches->end(),
                   [](const RuleMatch& a, const RuleMatch& b) { return a.start < b.start; });
}

}  // namespace

std::vector<std::string> Rewriter::Sentences(std::string_view text) const {
  std::vector<std::string> out;
  if (!ok()) return out;
  NormalizedText normalized;
  impl_->normalizer->Normalize(text, &normalized);
  const std::string_view normalized_text = normalized.view(text);
  for (const SentenceSpan& span : SplitSentences(normalized_text)) {
    out.emplace_back(normalized_text.substr(span.start, span.end - span.start));
  }
  return out;
}

Analysis Rewriter::AnalyzeOnce(std::string_view text, const AnalyzeOptions& options, bool* context_changed,
                                bool only_after) const {
  const Impl& impl = *impl_;
  Analysis analysis;
  *context_changed = false;
  NormalizedText normalized;
  impl.normalizer->Normalize(text, &normalized);
  std::vector<SentenceSpan> sentences;
  const std::string_view normalized_text = normalized.view(text);
  std::vector<RuleMatch> matches = impl.matcher->Match(normalized_text, options.enabled, &sentences,
                                                         &analysis.used_fallback, only_after);
  if (!only_after) ApplyToneModel(impl.rules, normalized_text, options, &sentences, &matches);
  if (matches.empty()) return analysis;

  // Rules of one category that overlap describe the same words: keep the
  // first (longest at equal start), so each phrase is reported once.
  // Matches come sorted by start, so an overlap with a kept one of the same
  // category is a start before the furthest end kept so far (linear time).
  std::vector<RuleMatch> kept;
  std::array<size_t, kCategoryCount> kept_until{};
  for (RuleMatch& match : matches) {
    size_t& until = kept_until[static_cast<size_t>(match.rule->category)];
    if (match.start < until) continue;
    until = match.end;
    kept.push_back(std::move(match));
  }
  for (const RuleMatch& match : kept) {
    const auto [start, end] = normalized.ToOriginal(match.start, match.end);
    const Rule& rule = *match.rule;
    analysis.findings.push_back(
        {rule.category, rule.id, start, end, impl.rules.principles.at(rule.principle).name, rule.explanation});
  }
  std::vector<bool> replaced(sentences.size(), false);
  for (const RuleMatch& match : kept) replaced[match.sentence] = true;
  const auto first_replaced = std::find(replaced.begin(), replaced.end(), true);
  *context_changed = std::find(first_replaced, replaced.end(), false) != replaced.end();
  const ReframeInput input{text, &normalized, normalized_text, &sentences, &kept, &impl.rules};
  analysis.suggestions = Reframe(input, options.preferred_style);
  return analysis;
}

Analysis Rewriter::Analyze(std::string_view text, const AnalyzeOptions& options) const {
  if (!ok() || options.enabled.empty()) return {};
  bool context_changed = false;
  Analysis analysis = AnalyzeOnce(text, options, &context_changed);
  // Rules match sentence by sentence, so only a rule that reads the sentence
  // before (`after:`) can judge a kept sentence differently next to the new
  // wording ("...whenever you're ready. NOW"). Then each suggestion gets a
  // second pass of those rules in its own style (reframe templates are clean
  // by test): a suggestion is never flagged again.
  if (!context_changed) return analysis;
  bool rewritten = false;
  for (Suggestion& suggestion : analysis.suggestions) {
    bool unused = false;
    const Analysis again = AnalyzeOnce(suggestion.text, options, &unused, /*only_after=*/true);
    if (!again.flagged()) continue;
    for (const Suggestion& second : again.suggestions) {
      if (second.style == suggestion.style) {
        suggestion.text = second.text;
        rewritten = true;
      }
    }
  }
  if (rewritten) {  // Two may now read the same; keep the first of each.
    std::vector<Suggestion> distinct;
    for (Suggestion& suggestion : analysis.suggestions) {
      const bool seen = std::any_of(distinct.begin(), distinct.end(),
                                    [&](const Suggestion& kept) { return kept.text == suggestion.text; });
      if (!seen) distinct.push_back(std::move(suggestion));
    }
    analysis.suggestions = std::move(distinct);
  }
  return analysis;
}

}  // namespace softstart
