// How the CLI prints an analysis: as text for people, as JSON for tools.
#ifndef SOFTSTART_CLI_OUTPUT_H_
#define SOFTSTART_CLI_OUTPUT_H_

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "softstart/rewriter.h"

namespace softstart::cli {

// One JSON object on one line (no newline): text, flagged, findings,
// suggestion, alternatives. Always valid UTF-8, whatever the input bytes.
std::string AnalysisJson(std::string_view text, const Analysis& analysis);

// A JSON array of strings on one line (no newline), valid UTF-8 whatever the
// bytes: `--sentences` prints a message's normalised sentences this way.
std::string StringsJson(const std::vector<std::string>& strings);

// The findings with their words marked, the explanations, the suggestion and
// the alternatives. `color` adds terminal highlighting.
void PrintAnalysis(std::ostream& out, std::string_view text, const Analysis& analysis, bool color);

}  // namespace softstart::cli

#endif  // SOFTSTART_CLI_OUTPUT_H_
