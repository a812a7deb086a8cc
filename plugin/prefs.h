// The plugin's preferences under /plugins/core/softstart. Read where they are
// used (per message), so a change in the UI applies to the next message
// without reloading anything.
#ifndef SOFTSTART_PLUGIN_PREFS_H_
#define SOFTSTART_PLUGIN_PREFS_H_

#include <string>

#include "softstart/rewriter.h"

namespace softstart {

inline constexpr char kPrefRoot[] = "/plugins/core/softstart";
// Folder with the user's own rule data; "" means the usual search path.
inline constexpr char kPrefRulesDir[] = "/plugins/core/softstart/rules_dir";

// Adds every preference with its default (existing values are kept).
void RegisterPrefs();

std::string RulesDirPref();

// The per-message choices for Rewriter::Analyze(). Every category is checked
// and the short suggestion comes first until preferences for them exist.
Rewriter::AnalyzeOptions ReadAnalyzeOptions();

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_PREFS_H_
