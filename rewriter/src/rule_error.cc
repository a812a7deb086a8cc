#include "softstart/rule_error.h"

namespace softstart {

std::string RuleError::ToString() const {
  if (file.empty()) return message;
  if (line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(line) + ": " + message;
}

}  // namespace softstart
