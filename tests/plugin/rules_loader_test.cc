#define BOOST_TEST_MODULE plugin_rules_loader
#include <boost/test/unit_test.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "rules_loader.h"
#include "softstart/rule_paths.h"

namespace softstart {
namespace {

namespace fs = std::filesystem;

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A user's copy of the rules with one broken rule file, removed afterwards.
struct BrokenRulesDir {
  BrokenRulesDir() {
    dir = fs::temp_directory_path() / ("softstart-broken-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::copy(SOFTSTART_TEST_RULES_DIR, dir, fs::copy_options::recursive);
    std::ofstream(dir / "rules" / "blame.yaml", std::ios::trunc) << "rules:\n  - id: [unclosed\n";
  }
  ~BrokenRulesDir() { fs::remove_all(dir); }
  fs::path dir;
};

BOOST_AUTO_TEST_CASE(GoodRulesLoadWithoutNotice) {
  LoadedRewriter loaded = LoadRewriter(SOFTSTART_TEST_RULES_DIR);
  BOOST_TEST_REQUIRE(loaded.rewriter != nullptr);
  BOOST_TEST(loaded.rewriter->ok());
  BOOST_TEST(loaded.rewriter->rule_count() > 0u);
  BOOST_TEST(loaded.notice.empty());
  BOOST_TEST(loaded.rewriter->Analyze("You never listen to me").flagged());
}

BOOST_AUTO_TEST_CASE(MissingPreferredDirFallsBackToBundledRules) {
  LoadedRewriter loaded = LoadRewriter("/nonexistent/softstart-rules");
  BOOST_TEST_REQUIRE(loaded.rewriter != nullptr);
  BOOST_TEST(loaded.rewriter->ok());
  BOOST_TEST(loaded.rules_dir == BundledRulesDir());
  BOOST_TEST(Contains(loaded.notice, "/nonexistent/softstart-rules"));
  BOOST_TEST(Contains(loaded.notice, "built-in rules"));
}

BOOST_AUTO_TEST_CASE(BrokenRuleFileFallsBackAndNamesTheFile) {
  BrokenRulesDir broken;
  LoadedRewriter loaded = LoadRewriter(broken.dir.string());
  BOOST_TEST_REQUIRE(loaded.rewriter != nullptr);
  BOOST_TEST(loaded.rewriter->ok());
  BOOST_TEST(loaded.rules_dir == BundledRulesDir());
  BOOST_TEST(Contains(loaded.notice, "blame.yaml"));
  BOOST_TEST(Contains(loaded.notice, "built-in rules"));
  // Still checks messages with the bundled rules.
  BOOST_TEST(loaded.rewriter->Analyze("You never listen to me").flagged());
}

BOOST_AUTO_TEST_CASE(BrokenUserDirFromTheEnvironmentFallsBack) {
  BrokenRulesDir broken;
  setenv("SOFTSTART_RULES_DIR", broken.dir.c_str(), 1);
  LoadedRewriter loaded = LoadRewriter("");
  unsetenv("SOFTSTART_RULES_DIR");
  BOOST_TEST_REQUIRE(loaded.rewriter != nullptr);
  BOOST_TEST(loaded.rewriter->ok());
  BOOST_TEST(Contains(loaded.notice, "blame.yaml"));
}

}  // namespace
}  // namespace softstart
