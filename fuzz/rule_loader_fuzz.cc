// Arbitrary rule files: the loader reports errors (with a file) or loads,
// never crashes, throws or hangs. The input is written as the only file in
// rules/ of a copy of the bundled directory.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "rule_loader.h"

namespace fs = std::filesystem;

namespace {

const fs::path& Dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("softstart-fuzz-rules-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::copy(SOFTSTART_FUZZ_RULES_DIR, d, fs::copy_options::recursive);
    for (const auto& entry : fs::directory_iterator(d / "rules")) fs::remove(entry.path());
    fs::remove(d / "tone-model.tsv");  // Megabytes to read per input; tone_model_fuzz covers it.
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  {
    std::ofstream out(Dir() / "rules" / "fuzz.yaml", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  softstart::RuleSet rules;
  std::vector<softstart::RuleError> errors;
  const bool ok = softstart::LoadRuleSet(Dir().string(), &rules, &errors);
  if (ok != errors.empty()) std::abort();
  for (const auto& error : errors) {
    if (error.message.empty()) std::abort();
  }
  return 0;
}
