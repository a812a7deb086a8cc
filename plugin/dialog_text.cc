#include "dialog_text.h"

#include <algorithm>
#include <vector>

#include "softstart/category.h"

namespace softstart {
namespace {

// Long enough for any phrase a rule marks, short enough for one line.
constexpr size_t kMaxQuoteBytes = 80;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Backs up from `size` to the start of a UTF-8 character.
size_t CharBoundary(std::string_view text, size_t size) {
  while (size > 0 && size < text.size() &&
         (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80) {
    --size;
  }
  return size;
}

// "Start with vulnerability, not blame" -> "... not blame." so the
// explanation after it reads as its own sentence.
std::string AsSentence(std::string text) {
  while (!text.empty() && IsSpace(text.back())) text.pop_back();
  if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?') {
    text += '.';
  }
  return text;
}

// Findings that share a principle and explanation are explained once.
struct Group {
  std::string principle;
  std::string explanation;
  std::vector<std::string> quotes;
};

}  // namespace

std::string QuotedWords(std::string_view visible, const Finding& finding) {
  size_t start = std::min(finding.start, visible.size());
  size_t end = std::clamp(finding.end, start, visible.size());
  std::string words;
  for (char c : visible.substr(start, end - start)) {
    if (IsSpace(c)) {
      if (!words.empty() && words.back() != ' ') words += ' ';
    } else {
      words += c;
    }
  }
  while (!words.empty() && words.back() == ' ') words.pop_back();
  if (words.size() > kMaxQuoteBytes) {
    words.resize(CharBoundary(words, kMaxQuoteBytes));
    words += "\u2026";
  }
  return words;
}

DialogText BuildDialogText(std::string_view visible, const Analysis& analysis) {
  DialogText text;
  text.title = kDialogTitle;
  if (analysis.findings.empty()) return text;
  text.primary = std::string(CategoryHeadline(analysis.findings.front().category));

  std::vector<Group> groups;
  for (const Finding& finding : analysis.findings) {
    auto group = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return g.principle == finding.principle && g.explanation == finding.explanation;
    });
    if (group == groups.end()) {
      groups.push_back({finding.principle, finding.explanation, {}});
      group = groups.end() - 1;
    }
    std::string quote = QuotedWords(visible, finding);
    if (!quote.empty() &&
        std::find(group->quotes.begin(), group->quotes.end(), quote) == group->quotes.end()) {
      group->quotes.push_back(std::move(quote));
    }
  }

  for (const Group& group : groups) {
    std::string paragraph;
    for (const std::string& quote : group.quotes) {
      if (!paragraph.empty()) paragraph += ", ";
      paragraph += "\u201c" + quote + "\u201d";
    }
    std::string why = AsSentence(group.principle);
    if (!group.explanation.empty()) why += (why.empty() ? "" : " ") + group.explanation;
    if (!paragraph.empty() && !why.empty()) paragraph += " \u2014 ";
    paragraph += why;
    if (!paragraph.empty()) text.secondary += paragraph + "\n\n";
  }
  text.secondary += kEditHint;
  return text;
}

}  // namespace softstart
