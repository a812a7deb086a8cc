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

// Returns true when the directory loaded without errors. On false, *errors
// says why and *rules must not be used.
bool LoadRuleSet(const std::string& dir, RuleSet* rules, std::vector<RuleError>* errors);

// Splits "I miss {topic}" into pieces; reports "{" without "}" and empty slot
// names. Used by the loader, and by tests.
bool ParseTemplate(const std::string& text, Template* out, std::string* error);

}  // namespace softstart

#endif  // SOFTSTART_RULE_LOADER_H_
