// An error in rule data or in loading it, with its location so the person who
// wrote the file can fix it: "dictionaries/en/rules/blame.yaml:12: unknown
// category 'blam'".
#ifndef SOFTSTART_RULE_ERROR_H_
#define SOFTSTART_RULE_ERROR_H_

#include <string>

namespace softstart {

struct RuleError {
  std::string file;  // Empty when the error concerns no single file.
  int line = 0;      // 1-based; 0 when unknown.
  std::string message;

  // "file:line: message", "file: message" or "message".
  std::string ToString() const;
};

}  // namespace softstart

#endif  // SOFTSTART_RULE_ERROR_H_
