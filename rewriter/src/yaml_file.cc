#include <algorithm>
#include <fstream>
#include <iterator>

#include "rule_file.h"

namespace softstart {

YamlFile::YamlFile(std::string path, std::vector<RuleError>* errors)
    : path_(std::move(path)), errors_(errors), errors_before_(errors->size()) {
  std::ifstream in(path_, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.is_open() || in.bad()) {
    errors_->push_back({path_, 0, "cannot read file"});
    return;
  }
  std::string error;
  int line = 0;
  if (!document_.Parse(text, &error, &line)) {
    errors_->push_back({path_, line, "YAML syntax error: " + error});
    return;
  }
  root_ = document_.root();
  if (!root_.IsMap()) {
    errors_->push_back({path_, std::max(root_.line(), 1), root_.IsMap() || root_.IsList() || root_.IsScalar()
                                                              ? "expected a mapping at the top of the file"
                                                              : "the file is empty (expected a mapping such as 'rules:')"});
  }
}

void YamlFile::Error(const YamlNode& node, const std::string& message) {
  errors_->push_back({path_, node.line(), message});
}

YamlNode YamlFile::Require(const YamlNode& parent, const char* key, YamlKind type) {
  if (!parent.IsMap()) {
    Error(parent, "expected a mapping");
    return YamlNode();
  }
  const YamlNode child = parent[key];
  if (!child.IsDefined() || child.IsNull()) {
    Error(parent, std::string("missing field '") + key + "'");
    return YamlNode();
  }
  if (child.kind() != type) {
    const char* wanted = type == YamlKind::kMap ? "a mapping"
                         : type == YamlKind::kList ? "a list"
                                                            : "a string";
    Error(child, std::string("field '") + key + "' must be " + wanted);
    return YamlNode();
  }
  return child;
}

bool YamlFile::RequireString(const YamlNode& parent, const char* key, std::string* out) {
  const YamlNode node = Require(parent, key, YamlKind::kScalar);
  if (!node.IsDefined()) return false;
  *out = node.Scalar();
  if (out->empty()) {
    Error(node, std::string("field '") + key + "' is empty");
    return false;
  }
  return true;
}

bool YamlFile::OptionalString(const YamlNode& parent, const char* key, std::string* out) {
  if (!parent.IsMap() || !parent[key].IsDefined()) return false;
  return RequireString(parent, key, out);
}

void YamlFile::RejectUnknownKeys(const YamlNode& map, std::initializer_list<const char*> known) {
  if (!map.IsMap()) return;
  for (const auto& entry : map.Entries()) {
    const std::string key = entry.first.Scalar();
    if (std::none_of(known.begin(), known.end(), [&](const char* k) { return key == k; })) {
      std::string list;
      for (const char* k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      Error(entry.first, "unknown field '" + key + "' (expected one of: " + list + ")");
    }
  }
}

void YamlFile::ErrorAt(int line, const std::string& message) { errors_->push_back({path_, line, message}); }

bool YamlFile::CheckPattern(const YamlNode& node, const std::string& pattern) {
  // A set's Add() parses without compiling: a third of the cost.
  RE2::Set parser(PatternOptions(), RE2::UNANCHORED);
  std::string error;
  if (parser.Add(SentencePattern(pattern), &error) >= 0) return true;
  Error(node, "bad regular expression: " + error + " in '" + pattern + "'");
  return false;
}

std::unique_ptr<RE2> YamlFile::Compile(const YamlNode& node, const std::string& pattern) {
  auto regex = std::make_unique<RE2>(SentencePattern(pattern), PatternOptions());
  if (!regex->ok()) {
    Error(node, "bad regular expression: " + regex->error() + " in '" + pattern + "'");
    return nullptr;
  }
  return regex;
}

bool ExpandDefines(const std::string& pattern, const std::map<std::string, std::string>& defines,
                   std::string* out, std::string* error) {
  out->clear();
  size_t pos = 0;
  while (true) {
    const size_t open = pattern.find("{{", pos);
    if (open == std::string::npos) break;
    const size_t close = pattern.find("}}", open + 2);
    if (close == std::string::npos) {
      *error = "'{{' without '}}' in pattern";
      return false;
    }
    const std::string name = pattern.substr(open + 2, close - open - 2);
    const auto it = defines.find(name);
    if (it == defines.end()) {
      *error = "unknown define '{{" + name + "}}' (see defines.yaml)";
      return false;
    }
    out->append(pattern, pos, open - pos);
    out->append(it->second);
    pos = close + 2;
  }
  out->append(pattern, pos, std::string::npos);
  return true;
}

void LoadDefines(const std::string& path, std::map<std::string, std::string>* defines,
                 std::vector<RuleError>* errors) {
  YamlFile file(path, errors);
  if (!file.ok()) return;
  const YamlNode map = file.Require(file.root(), "defines", YamlKind::kMap);
  if (!map) return;
  for (const auto& entry : map.Entries()) {
    if (!entry.second.IsScalar()) {
      file.Error(entry.second, "define '" + entry.first.Scalar() + "' must be a string");
      continue;
    }
    // A define may use earlier defines, so shared pieces stay in one place.
    std::string expanded, error;
    if (!ExpandDefines(entry.second.Scalar(), *defines, &expanded, &error)) {
      file.Error(entry.second, error);
      continue;
    }
    if (file.CheckPattern(entry.second, expanded)) (*defines)[entry.first.Scalar()] = "(?:" + expanded + ")";
  }
}

}  // namespace softstart
