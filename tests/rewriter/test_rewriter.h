// The rewriter over the bundled English rules, loaded once per test program.
#ifndef SOFTSTART_TESTS_TEST_REWRITER_H_
#define SOFTSTART_TESTS_TEST_REWRITER_H_

#include <ostream>
#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

#include "softstart/rewriter.h"

namespace softstart {
inline std::ostream& operator<<(std::ostream& out, Category category) { return out << CategoryName(category); }
}  // namespace softstart

namespace softstart::testing {

inline const Rewriter& BundledRewriter() {
  static const Rewriter* rewriter = [] {
    Rewriter::Options options;
    options.rules_dir = SOFTSTART_TEST_RULES_DIR;
    auto* r = new Rewriter(options);
    for (const auto& error : r->errors()) BOOST_TEST_MESSAGE("rule error: " << error.ToString());
    return r;
  }();
  return *rewriter;
}

// The words a finding marks.
inline std::string Marked(std::string_view text, const Finding& finding) {
  return std::string(text.substr(finding.start, finding.end - finding.start));
}

inline bool HasCategory(const Analysis& analysis, Category category) {
  for (const auto& finding : analysis.findings) {
    if (finding.category == category) return true;
  }
  return false;
}

}  // namespace softstart::testing

#endif  // SOFTSTART_TESTS_TEST_REWRITER_H_
