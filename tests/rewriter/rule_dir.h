// A throwaway rule directory for tests: the bundled data with the rules/
// folder replaced by one file, so a test controls exactly which rules exist.
#ifndef SOFTSTART_TESTS_RULE_DIR_H_
#define SOFTSTART_TESTS_RULE_DIR_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace softstart::testing {

class RuleDir {
 public:
  explicit RuleDir(const std::string& rules_yaml) {
    dir_ = std::filesystem::temp_directory_path() / ("softstart-rules-" + std::to_string(::getpid()) + "-" + std::to_string(count_++));
    std::filesystem::remove_all(dir_);
    std::filesystem::copy(SOFTSTART_TEST_RULES_DIR, dir_, std::filesystem::copy_options::recursive);
    for (const auto& entry : std::filesystem::directory_iterator(dir_ / "rules")) std::filesystem::remove(entry.path());
    std::ofstream(dir_ / "rules" / "test.yaml") << rules_yaml;
  }
  ~RuleDir() { std::filesystem::remove_all(dir_); }
  std::string path() const { return dir_.string(); }
  std::string rule_file() const { return (dir_ / "rules" / "test.yaml").string(); }

 private:
  static inline int count_ = 0;
  std::filesystem::path dir_;
};

}  // namespace softstart::testing

#endif  // SOFTSTART_TESTS_RULE_DIR_H_
