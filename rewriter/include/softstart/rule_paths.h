// Where rule data is found, in this order:
//   1. an explicit path (the CLI's --rules, the plugin's preference);
//   2. the user's rules dir: $SOFTSTART_RULES_DIR if set, else
//      $XDG_DATA_HOME/softstart/en (default ~/.local/share/softstart/en);
//   3. the installed data dir, compiled in from the install prefix;
//   4. the source tree's dictionaries/en, compiled in, so a build works
//      without installing.
// A directory counts when it holds a rules/ folder.
#ifndef SOFTSTART_RULE_PATHS_H_
#define SOFTSTART_RULE_PATHS_H_

#include <string>
#include <vector>

namespace softstart {

// Every candidate, in lookup order, whether it exists or not.
std::vector<std::string> RuleSearchPath(const std::string& explicit_dir);

// The first candidate that exists. An explicit dir that does not exist is an
// error (the user asked for it); returns "" and sets *err.
std::string FindRulesDir(const std::string& explicit_dir, std::string* err);

// The bundled rules (installed dir, else the source tree), skipping the
// user's and explicit dirs: what the plugin falls back to when a user's rule
// file is broken.
std::string BundledRulesDir();

}  // namespace softstart

#endif  // SOFTSTART_RULE_PATHS_H_
