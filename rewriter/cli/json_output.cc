#include <nlohmann/json.hpp>

#include "output.h"

namespace softstart::cli {
namespace {

// Invalid UTF-8 in the input becomes U+FFFD in the output, so every line is
// valid JSON; offsets still count the bytes as they arrived.
std::string Dump(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string AnalysisJson(std::string_view text, const Analysis& analysis) {
  if (!analysis.flagged()) {
    // Most lines: only the text needs serialising.
    return "{\"text\":" + Dump(std::string(text)) +
           ",\"flagged\":false,\"findings\":[],\"suggestion\":null,\"alternatives\":[]}";
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

}  // namespace softstart::cli
