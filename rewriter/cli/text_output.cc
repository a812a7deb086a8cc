#include <ostream>

#include "output.h"

namespace softstart::cli {
namespace {

constexpr const char* kMarkOn = "\033[1;4m";
constexpr const char* kMarkOff = "\033[0m";

// The message with each finding's words in [brackets] (or highlighted).
std::string MarkedText(std::string_view text, const Analysis& analysis, bool color) {
  std::string out;
  size_t pos = 0;
  for (const Finding& finding : analysis.findings) {
    if (finding.start < pos) continue;  // Overlaps a phrase already marked.
    out.append(text.substr(pos, finding.start - pos));
    out += color ? kMarkOn : "[";
    out.append(text.substr(finding.start, finding.end - finding.start));
    out += color ? kMarkOff : "]";
    pos = finding.end;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace

void PrintAnalysis(std::ostream& out, std::string_view text, const Analysis& analysis, bool color) {
  if (!analysis.flagged()) {
    out << "ok: nothing to soften in \"" << text << "\"\n";
    return;
  }
  out << "softstart would hold this message:\n  " << MarkedText(text, analysis, color) << "\n\n";
  for (const Finding& finding : analysis.findings) {
    out << "  " << CategoryHeadline(finding.category) << " (" << finding.rule_id << "): \""
        << text.substr(finding.start, finding.end - finding.start) << "\"\n"
        << "    " << finding.principle << ". " << finding.explanation << "\n";
  }
  out << "\nSuggestion:\n  " << analysis.suggestion() << "\n";
  if (analysis.suggestions.size() > 1) {
    out << "Alternatives:\n";
    for (size_t i = 1; i < analysis.suggestions.size(); ++i) out << "  - " << analysis.suggestions[i].text << "\n";
  }
}

}  // namespace softstart::cli
