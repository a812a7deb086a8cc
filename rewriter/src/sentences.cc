#include "sentences.h"

#include <algorithm>

namespace softstart {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool IsTerminal(char c) { return c == '.' || c == '!' || c == '?'; }
bool IsCloser(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view text) {
  std::vector<SentenceSpan> sentences;
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && IsSpace(text[pos])) ++pos;
    if (pos == text.size()) break;
    const size_t start = pos;
    size_t end = text.size();
    while (pos < text.size()) {
      if (text[pos] == '\n') {
        end = pos;
        break;
      }
      if (IsTerminal(text[pos])) {
        size_t after = pos;
        while (after < text.size() && (IsTerminal(text[after]) || IsCloser(text[after]))) ++after;
        if (after == text.size() || IsSpace(text[after])) {
          end = after;
          pos = after;
          break;
        }
        pos = after;
        continue;
      }
      ++pos;
    }
    // Trailing spaces belong to the gap, not the sentence.
    while (end > start && IsSpace(text[end - 1])) --end;
    sentences.push_back({start, end});
    pos = std::max(pos, end);
  }
  return sentences;
}

size_t SentenceAt(const std::vector<SentenceSpan>& sentences, size_t pos) {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), pos,
                             [](size_t p, const SentenceSpan& s) { return p < s.start; });
  return it == sentences.begin() ? 0 : static_cast<size_t>(it - sentences.begin()) - 1;
}

}  // namespace softstart
