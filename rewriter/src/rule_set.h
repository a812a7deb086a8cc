// The loaded rule data: what rule_loader.cc builds from dictionaries/<lang>/
// and the matcher, normaliser and reframer read. Internal to the library
// (tests include it to run every rule's own examples).
#ifndef SOFTSTART_RULE_SET_H_
#define SOFTSTART_RULE_SET_H_

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "softstart/category.h"
#include "softstart/rewriter.h"
#include "string_view_hash.h"
#include "tone_model.h"

namespace softstart {

// A reframe template, split at load time into literal text and slots.
struct Template {
  struct Piece {
    bool is_slot = false;
    std::string text;  // Literal text, or the slot's name.
  };
  Suggestion::Style style = Suggestion::Style::kShort;
  std::vector<Piece> pieces;
  bool uses_topic = false;  // Needs a topic found in the message.
  std::vector<std::string> capture_slots;  // Named groups it needs.
  int line = 0;
};

// An example from the rule file: a message that must (or must not) match.
struct RuleExample {
  std::string text;
  std::string span;  // For must-match examples: the words the finding marks.
  bool must_match = true;
  int line = 0;
};

struct Rule;

// Groups of words a match needs a word of each of.
using WordGroups = std::vector<std::vector<std::string>>;

// A rule's patterns as RE2 programs. Compiling every rule is most of the load
// time and most rules never meet a message that arms them, so with deferred
// compiling (the bundled rules) loading keeps the patterns' text and a rule
// is compiled when it is first armed, or earlier by the Rewriter's background
// compiler, whichever comes first. Loaded the usual way, every rule is
// compiled at load and any failure is a load error with its line.
// One top-level alternative of a rule's pattern, compiled the first time a
// match needs its groups (most never do).
class CompiledBranch {
 public:
  struct Regex {
    std::unique_ptr<RE2> regex;  // Null if it did not compile.
    std::vector<std::pair<int, std::string>> named_groups;
    std::vector<int> tail_groups;
    int group_count = 0;
  };
  CompiledBranch(std::string pattern, bool folded) : pattern_(std::move(pattern)), folded_(folded) {}
  const Regex& Get() const;

 private:
  std::string pattern_;
  bool folded_;
  mutable std::once_flag once_;
  mutable Regex regex_;
};

// A rule's exceptions, compiled the first time its pattern matches (most
// rules never match ordinary text, and exceptions are a quarter of the
// pack's pattern text). Once, from any thread.
class CompiledExceptions {
 public:
  CompiledExceptions(std::vector<std::string> patterns, bool folded) : patterns_(std::move(patterns)), folded_(folded) {}
  // Whether an exception matches the sentence. If one did not compile, every
  // match is silenced: the rule is off (loading the usual way reports it).
  bool Silence(std::string_view sentence) const;
  // Compiles them now: "" or why one did not compile.
  const std::string& Compile() const;

 private:
  const std::vector<std::unique_ptr<RE2>>& Get() const;

  std::vector<std::string> patterns_;
  bool folded_;
  mutable std::once_flag once_;
  mutable std::vector<std::unique_ptr<RE2>> regexes_;
  mutable std::string error_;
};

struct CompiledRule {
  std::unique_ptr<RE2> regex;  // Null when compiling failed: the rule is off.
  // Whether its patterns (all of them) were compiled in lower case to match
  // case-sensitively the text with A-Z lowered (FoldedText): RE2 compiles a
  // case-insensitive pattern into a third more work, and most of a batch's
  // time goes to compiling. A rule with a case flag ("(?-i:YOU WILL)")
  // reads the text as typed, case-insensitively.
  bool folded = false;
  std::unique_ptr<CompiledExceptions> exceptions;  // Null without exceptions.
  std::unique_ptr<RE2> after;
  // Named groups by index. A name may repeat in alternatives ("tail" ends
  // several branches); the one that took part in the match counts.
  std::vector<std::pair<int, std::string>> named_groups;
  std::vector<int> tail_groups;  // Indices of the groups named 'tail'.
  int group_count = 0;  // Capturing groups to ask for: 0 without named groups.
  // With named groups, the pattern's top-level alternatives in order. RE2
  // finds a match's span with its DFAs, but its groups with an engine whose
  // cost grows with the whole pattern (the NFA, for a large one); the first
  // alternative that matches exactly the span gives the same groups far
  // cheaper. Empty: read the groups from regex.
  std::vector<std::unique_ptr<CompiledBranch>> branches;
  std::string error;    // Why regex is null.
};

// The top-level alternatives of a pattern ("a|(b|c)" -> "a", "(b|c)"); empty
// when it has none or a top-level flag group ("(?i)") that spans them.
std::vector<std::string> TopLevelAlternatives(const std::string& pattern);

// Compiles on the first call, once, from any thread.
class LazyCompiledRule {
 public:
  const CompiledRule& Get(const Rule& rule) const;

 private:
  mutable std::once_flag once_;
  mutable std::atomic<bool> ready_{false};
  mutable CompiledRule compiled_;
};

// Compiles a rule's patterns now (the eager path, and LazyCompiledRule's).
CompiledRule CompileRule(const Rule& rule);

struct Rule {
  std::string id;
  Category category = Category::kBlame;
  std::string principle;    // Key into RuleSet::principles.
  std::string explanation;
  std::string pattern;      // After {{define}} expansion.
  int pattern_line = 0;
  std::vector<std::string> group_names;  // Its named groups, from the parse.
  // A match is dropped when one of these matches the sentence that holds it.
  std::vector<std::string> exceptions;
  // Word gates, each a list of groups of words (lower case; "attract*" for a
  // prefix): every match contains a word of each group of at least one gate.
  // A message that satisfies no gate skips the rule without running a
  // pattern: the cheap way to keep a large rule pack fast. A pattern made of
  // several phrase families takes a gate per family (`gates:`), so a word of
  // one family no longer arms the others. Empty: screened by pattern.
  std::vector<WordGroups> word_gates;
  // When set, the rule fires only in a sentence whose previous sentence this
  // matches: "typical." or "AGAIN." is a jab only after a complaint.
  std::string after;
  // `scorer: tone-model`: no pattern; answers the tone model's findings of
  // its category (RuleSet::tone_rules), never run by the matcher.
  bool scored_by_tone_model = false;
  std::vector<Template> reframes;
  std::vector<RuleExample> examples;
  std::string file;
  int line = 0;
  std::unique_ptr<LazyCompiledRule> compiled = std::make_unique<LazyCompiledRule>();

  bool has_after() const { return !after.empty(); }
  const CompiledRule& Compiled() const { return compiled->Get(*this); }
};

struct Principle {
  std::string name;  // "Start with vulnerability, not blame".
};

// A subject people write about; reframes name it so the suggestion keeps the
// user's topic ("kissing", "texting back", ...).
struct Topic {
  std::string id;
  std::string pattern;
  // Compiled at load, or with deferred compiling only when the screen below
  // cannot answer (CompileEachTopic): the screen alone finds a topic.
  std::unique_ptr<RE2> regex;
  std::string about;    // Fills {topic}: "kissing".
  std::string missing;  // Fills {missing}: "kissing you".
};

// Searched with a string_view: no allocation per word on the hot path.
using ChatspeakMap = std::unordered_map<std::string, std::string, StringViewHash, std::equal_to<>>;

struct RuleSet {
  std::vector<Rule> rules;  // Pattern rules: what the matcher runs.
  // The tone model (empty without tone-model.tsv) and the rules that answer
  // its findings, by category; a category without one gets no findings.
  ToneModel tone_model;
  std::vector<Rule> tone_rules;
  // In priority order. Only a suggestion needs them, so with deferred
  // compiling they compile on the first one (CompileTopics); mutable for that.
  mutable std::vector<Topic> topics;
  // All topic patterns at once: one pass tells which match (RE2 index =
  // position in topics). Null when it could not be built.
  mutable std::unique_ptr<RE2::Set> topic_screen;
  // Whether the screen was compiled lower-case, to match text with A-Z
  // lowered (as rules are: see CompiledRule::folded).
  mutable bool topics_folded = false;
  std::unique_ptr<std::once_flag> topics_compiled = std::make_unique<std::once_flag>();
  std::unique_ptr<std::once_flag> topic_regexes_compiled = std::make_unique<std::once_flag>();
  std::map<std::string, Principle> principles;
  ChatspeakMap chatspeak;  // "u" -> "you".
  // Words typos are corrected towards, the earlier winning a tie:
  // vocabulary.txt's trigger words, then every word of five letters or more
  // that a rule's gates, pattern or exceptions spell out (AddTypoTargets in
  // rule_loader.cc), so a typo of any word a rule reads is read as meant.
  std::vector<std::string> vocabulary;
  // Every word a gate names, whatever its length: known to the rules, so
  // never corrected itself ("gtfo" is not a typo of "gtfoh").
  std::vector<std::string> gate_words;
  // The shorter words rules spell out ("have", "like", "you"): targets only
  // of two neighbouring letters swapped ("hvae", "yuo").
  std::vector<std::string> swap_targets;
  // common-words.txt, commonest first: which gate words are in most
  // messages, so the matcher keys each gate on a rarer group (optional).
  std::vector<std::string> common_words;
  std::string hunspell_extra_dic;       // Path of the extra word list, if any.
};

// Compiles the topics' screen, once, from any thread, dropping a topic whose
// pattern does not parse; every reader of topics calls it first.
void CompileTopics(const RuleSet& rules);
// Compiles each topic's own regex, once, from any thread: only needed when
// there is no screen or its DFA ran out of memory.
void CompileEachTopic(const RuleSet& rules);

// Options every rule and topic pattern is compiled with.
RE2::Options PatternOptions();

// Whether a pattern may be matched, lowered, against lowered text: it sets
// no case flag of its own. FoldedPattern lowers A-Z outside escapes and
// group names; FoldedText lowers A-Z and keeps every byte's offset.
bool CanFold(const std::string& pattern);
std::string FoldedPattern(const std::string& pattern);
void FoldText(std::string_view text, std::string* out);

// A pattern as compiled: multi-line, so ^ and $ also match at the line breaks
// the normaliser puts between sentences. Screening the whole message then
// finds anchored rules in any sentence, not only the first and last.
inline std::string SentencePattern(const std::string& pattern) { return "(?m)" + pattern; }

}  // namespace softstart

#endif  // SOFTSTART_RULE_SET_H_
