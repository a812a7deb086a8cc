// Loads the Rewriter the plugin uses for the whole session. A user's broken
// rule file must never stop the plugin: it falls back to the bundled rules and
// says so once, in words a user can act on.
//
//   LoadedRewriter loaded = LoadRewriter(RulesDirPref());
//   if (!loaded.notice.empty()) ShowOnce(loaded.notice);
//   if (loaded.rewriter) ... loaded.rewriter->Analyze(text) ...
#ifndef SOFTSTART_PLUGIN_RULES_LOADER_H_
#define SOFTSTART_PLUGIN_RULES_LOADER_H_

#include <memory>
#include <string>

#include "softstart/rewriter.h"

namespace softstart {

struct LoadedRewriter {
  // Null when not even the bundled rules load; then nothing can be checked.
  std::unique_ptr<Rewriter> rewriter;
  std::string rules_dir;  // Where the rules in use came from.
  // For the user, once: why their rules are not in use. Empty when all went
  // as asked. Names files and lines, never message text.
  std::string notice;
};

// `explicit_dir` is the preference value ("" for the usual search path).
// Never throws.
LoadedRewriter LoadRewriter(const std::string& explicit_dir);

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_RULES_LOADER_H_
