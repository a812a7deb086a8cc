#include "rules_loader.h"

#include <exception>

#include "softstart/rule_paths.h"

namespace softstart {
namespace {

// The first error is enough to find the file; the rest follow from it often.
std::string FirstError(const Rewriter& rewriter) {
  if (rewriter.errors().empty()) return "the rules could not be read";
  return rewriter.errors().front().ToString();
}

// The bundled rules compile as messages need them (CI has compiled and
// tested them); a user's own folder is compiled in full, so every error in it
// is caught here and the bundled rules take over.
std::unique_ptr<Rewriter> TryLoad(const std::string& dir, bool bundled, std::string* error) {
  try {
    Rewriter::Options options;
    options.rules_dir = dir;
    options.defer_pattern_compiling = bundled;
    auto rewriter = std::make_unique<Rewriter>(options);
    if (rewriter->ok()) return rewriter;
    *error = FirstError(*rewriter);
  } catch (const std::exception& e) {
    *error = e.what();
  } catch (...) {
    *error = "unexpected failure";
  }
  return nullptr;
}

}  // namespace

LoadedRewriter LoadRewriter(const std::string& explicit_dir) {
  LoadedRewriter loaded;
  std::string problem;
  std::string dir;
  std::string bundled;
  try {
    dir = FindRulesDir(explicit_dir, &problem);
  } catch (...) {
    problem = "the rules folder could not be searched";
  }
  try {
    bundled = BundledRulesDir();
  } catch (...) {
  }
  if (!dir.empty()) {
    loaded.rewriter = TryLoad(dir, dir == bundled, &problem);
    if (loaded.rewriter) {
      loaded.rules_dir = dir;
      return loaded;
    }
  }

  std::string bundled_problem;
  if (!bundled.empty() && bundled != dir) {
    loaded.rewriter = TryLoad(bundled, true, &bundled_problem);
  }
  std::string asked = dir.empty() ? explicit_dir : dir;
  if (loaded.rewriter) {
    loaded.rules_dir = bundled;
    loaded.notice = "softstart could not use the rules in " +
                    (asked.empty() ? std::string("your rules folder") : asked) + " (" + problem +
                    "), so it is using its built-in rules.";
  } else {
    loaded.notice = "softstart could not load any rules (" +
                    (bundled_problem.empty() ? problem : bundled_problem) +
                    "), so it is not checking messages right now.";
  }
  return loaded;
}

}  // namespace softstart
