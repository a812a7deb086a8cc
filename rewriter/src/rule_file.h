// Parsing one YAML data file with errors that name the file and the line.
#ifndef SOFTSTART_RULE_FILE_H_
#define SOFTSTART_RULE_FILE_H_

#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rule_set.h"
#include "yaml_node.h"
#include "softstart/rule_error.h"

namespace softstart {

// A parsed YAML file and the checks rule data needs. Each failed check
// appends "file:line: what is wrong" to the shared error list.
class YamlFile {
 public:
  YamlFile(std::string path, std::vector<RuleError>* errors);

  bool ok() const { return errors_->size() == errors_before_; }
  const YamlNode& root() const { return root_; }
  const std::string& path() const { return path_; }

  void Error(const YamlNode& node, const std::string& message);
  // The child `key` of `parent`, of the given type; null node when missing.
  YamlNode Require(const YamlNode& parent, const char* key, YamlKind type);
  bool RequireString(const YamlNode& parent, const char* key, std::string* out);
  bool OptionalString(const YamlNode& parent, const char* key, std::string* out);
  void RejectUnknownKeys(const YamlNode& map, std::initializer_list<const char*> known);
  void ErrorAt(int line, const std::string& message);
  // Parses a pattern (without compiling it); reports RE2's syntax error at
  // the node's line.
  bool CheckPattern(const YamlNode& node, const std::string& pattern);
  // Compiles a pattern; reports RE2's error at the node's line.
  std::unique_ptr<RE2> Compile(const YamlNode& node, const std::string& pattern);

 private:
  std::string path_;
  std::vector<RuleError>* errors_;
  size_t errors_before_;
  YamlDocument document_;
  YamlNode root_;
};

// defines.yaml: `defines: {you: "(?:you|u)"}`, used in patterns as {{you}}.
void LoadDefines(const std::string& path, std::map<std::string, std::string>* defines,
                 std::vector<RuleError>* errors);

// One rules/*.yaml file; appends its rules to *rules. Reads nothing but its
// arguments, so files can load on several threads at once.
void LoadRuleFile(const std::string& path, const std::map<std::string, std::string>& defines,
                  const std::map<std::string, Principle>& principles, bool compile_now, std::vector<Rule>* rules,
                  std::vector<RuleError>* errors);

// Replaces each {{name}} with its definition; false (with *error) for an
// unknown name.
bool ExpandDefines(const std::string& pattern, const std::map<std::string, std::string>& defines,
                   std::string* out, std::string* error);

}  // namespace softstart

#endif  // SOFTSTART_RULE_FILE_H_
