// Arbitrary tone-model files: loading reports an error (with the file) or
// loads, never crashes, throws or hangs; a loaded model scores any sentence.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "tone_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path =
      (std::filesystem::temp_directory_path() / ("softstart-fuzz-tone-" + std::to_string(::getpid()) + ".tsv")).string();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  softstart::ToneModel model;
  std::vector<softstart::RuleError> errors;
  const bool ok = model.Load(path, &errors);
  if (ok != errors.empty() || (!ok && (errors[0].file != path || errors[0].message.empty()))) std::abort();
  if (ok) {
    // The file's own bytes as a sentence: its features are in the model.
    const auto verdict = model.Score(std::string_view(reinterpret_cast<const char*>(data), size));
    if (verdict.score != verdict.score) std::abort();  // NaN.
  }
  return 0;
}
