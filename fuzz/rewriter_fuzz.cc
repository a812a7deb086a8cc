// Arbitrary bytes through the whole rewriter: invalid UTF-8, NULs, huge
// input. Beyond "no crash": every span lies inside the input, findings are
// ordered, and a flagged message always gets a suggestion.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "softstart/rewriter.h"

namespace {

const softstart::Rewriter& Bundled() {
  static const softstart::Rewriter* rewriter = [] {
    softstart::Rewriter::Options options;
    options.rules_dir = SOFTSTART_FUZZ_RULES_DIR;
    auto* r = new softstart::Rewriter(options);
    if (!r->ok()) std::abort();
    return r;
  }();
  return *rewriter;
}

void Check(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const softstart::Analysis analysis = Bundled().Analyze(text);
  size_t previous_start = 0;
  for (const auto& finding : analysis.findings) {
    Check(finding.start < finding.end && finding.end <= size);
    Check(finding.start >= previous_start);
    previous_start = finding.start;
    Check(!finding.explanation.empty() && !finding.rule_id.empty());
  }
  Check(analysis.flagged() == !analysis.suggestions.empty());
  for (const auto& suggestion : analysis.suggestions) Check(!suggestion.text.empty());
  return 0;
}
