#include "sentences.h"

#include <algorithm>
#include <string>

namespace softstart {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool IsTerminal(char c) { return c == '.' || c == '!' || c == '?'; }
bool IsCloser(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

bool IsLetter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// True when the text has no words but laughter ("😇", "lol", "haha!!"): such a
// piece belongs to the sentence before it, whose tone it sets.
bool OnlyTone(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (!IsLetter(text[pos])) {
      ++pos;
      continue;
    }
    size_t end = pos;
    std::string word;
    while (end < text.size() && IsLetter(text[end])) word += static_cast<char>(text[end++] | 0x20);
    const bool laughter = word == "lol" || word == "lmao" || word == "rofl" || word == "jk" || word == "xd" ||
                          word == "xo" || word == "xoxo" ||
                          (word.size() >= 4 && word.find_first_not_of("ha") == std::string::npos) ||
                          (word.size() >= 4 && word.find_first_not_of("he") == std::string::npos);
    if (!laughter) return false;
    pos = end;
  }
  return true;
}

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
    if (!sentences.empty() && OnlyTone(text.substr(start, end - start))) {
      sentences.back().end = end;
    } else {
      sentences.push_back({start, end});
    }
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
