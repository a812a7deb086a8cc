// Loads and validates rule data from a directory (layout in
// dictionaries/en/README.md). Every problem is reported with its file and
// line; loading goes on after an error so one run reports them all.
#ifndef SOFTSTART_RULE_LOADER_H_
#define SOFTSTART_RULE_LOADER_H_

#include <string>
#include <vector>

#include "rule_set.h"
#include "softstart/rule_error.h"

namespace softstart {

// When rule patterns are compiled (see CompiledRule in rule_set.h).
enum class PatternCompiling {
  // At load: every pattern error is a load error, with its line (bad
  // syntax, too large for RE2, matching an empty message). For rules nobody
  // has checked.
  kAtLoad,
  // On first use: loading reads the patterns' text and checks the rest. A
  // pattern that fails to compile turns its rule off. For rules CI compiles
  // and tests: the bundled ones.
  kOnFirstUse,
};

// Whether tone-model.tsv is read. Skipped, a broken model file cannot stop
// the rules from loading.
enum class ToneModelLoading { kLoad, kSkip };

// Returns true when the directory loaded without errors. On false, *errors
// says why and *rules must not be used.
bool LoadRuleSet(const std::string& dir, RuleSet* rules, std::vector<RuleError>* errors,
                 PatternCompiling compiling = PatternCompiling::kAtLoad,
                 ToneModelLoading tone_model = ToneModelLoading::kLoad);

// Splits "I miss {topic}" into pieces; reports "{" without "}" and empty slot
// names. Used by the loader, and by tests.
bool ParseTemplate(const std::string& text, Template* out, std::string* error);

}  // namespace softstart

#endif  // SOFTSTART_RULE_LOADER_H_
