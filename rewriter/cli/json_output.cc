#include <nlohmann/json.hpp>

#include "output.h"

namespace softstart::cli {
namespace {

// Invalid UTF-8 in the input becomes U+FFFD in the output, so every line is
// valid JSON; offsets still count the bytes as they arrived.
std::string Dump(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Printable ASCII without quote or backslash is its own JSON string: most
// lines, and the hot path of --jsonl over large files.
bool NeedsNoEscaping(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
  }
  return true;
}

}  // namespace

std::string AnalysisJson(std::string_view text, const Analysis& analysis) {
  if (!analysis.flagged()) {
    // Most lines: only the text needs serialising.
    constexpr std::string_view kRest = ",\"flagged\":false,\"findings\":[],\"suggestion\":null,\"alternatives\":[]}";
    std::string out = "{\"text\":";
    if (NeedsNoEscaping(text)) {
      out.reserve(out.size() + text.size() + kRest.size() + 2);
      out += '"';
      out += text;
      out += '"';
    } else {
      out += Dump(std::string(text));
    }
    out += kRest;
    return out;
  }
  nlohmann::ordered_json json;
  json["text"] = std::string(text);
  json["flagged"] = true;
  json["findings"] = nlohmann::ordered_json::array();
  for (const Finding& finding : analysis.findings) {
    nlohmann::ordered_json item;
    item["category"] = std::string(CategoryName(finding.category));
    item["rule"] = finding.rule_id;
    item["start"] = finding.start;
    item["end"] = finding.end;
    item["principle"] = finding.principle;
    item["explanation"] = finding.explanation;
    json["findings"].push_back(std::move(item));
  }
  json["suggestion"] = analysis.suggestion();
  json["alternatives"] = nlohmann::ordered_json::array();
  for (size_t i = 1; i < analysis.suggestions.size(); ++i) json["alternatives"].push_back(analysis.suggestions[i].text);
  return Dump(json);
}

std::string StringsJson(const std::vector<std::string>& strings) { return Dump(nlohmann::ordered_json(strings)); }

}  // namespace softstart::cli
