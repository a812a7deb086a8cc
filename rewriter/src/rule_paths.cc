#include "softstart/rule_paths.h"

#include <cstdlib>
#include <filesystem>

namespace softstart {
namespace {

namespace fs = std::filesystem;

bool IsRuleDir(const std::string& dir) {
  std::error_code ec;
  return !dir.empty() && fs::is_directory(fs::path(dir) / "rules", ec);
}

std::string UserRulesDir() {
  if (const char* dir = std::getenv("SOFTSTART_RULES_DIR"); dir && *dir) return dir;
  if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) return std::string(data) + "/softstart/en";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/softstart/en";
  return "";
}

}  // namespace

std::vector<std::string> RuleSearchPath(const std::string& explicit_dir) {
  std::vector<std::string> path;
  if (!explicit_dir.empty()) path.push_back(explicit_dir);
  if (std::string user = UserRulesDir(); !user.empty()) path.push_back(user);
  path.push_back(SOFTSTART_INSTALLED_RULES_DIR);
  path.push_back(SOFTSTART_SOURCE_RULES_DIR);
  return path;
}

std::string FindRulesDir(const std::string& explicit_dir, std::string* err) {
  if (!explicit_dir.empty()) {
    if (IsRuleDir(explicit_dir)) return explicit_dir;
    *err = "no rule directory at '" + explicit_dir + "' (expected a folder with rules/*.yaml in it)";
    return "";
  }
  for (const std::string& dir : RuleSearchPath("")) {
    if (IsRuleDir(dir)) return dir;
  }
  *err = "no rule directory found; looked in: " + UserRulesDir() + ", " SOFTSTART_INSTALLED_RULES_DIR
         ", " SOFTSTART_SOURCE_RULES_DIR;
  return "";
}

std::string BundledRulesDir() {
  if (IsRuleDir(SOFTSTART_INSTALLED_RULES_DIR)) return SOFTSTART_INSTALLED_RULES_DIR;
  if (IsRuleDir(SOFTSTART_SOURCE_RULES_DIR)) return SOFTSTART_SOURCE_RULES_DIR;
  return "";
}

}  // namespace softstart
