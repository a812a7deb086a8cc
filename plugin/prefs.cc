#include "prefs.h"

#include <purple.h>

namespace softstart {

void RegisterPrefs() {
  purple_prefs_add_none(kPrefRoot);
  purple_prefs_add_string(kPrefRulesDir, "");
}

std::string RulesDirPref() {
  const char* dir = purple_prefs_get_string(kPrefRulesDir);
  return dir != nullptr ? std::string(dir) : std::string();
}

Rewriter::AnalyzeOptions ReadAnalyzeOptions() {
  Rewriter::AnalyzeOptions options;
  options.enabled = CategorySet::All();
  options.preferred_style = Suggestion::Style::kShort;
  return options;
}

}  // namespace softstart
