#include "normalizer.h"

#include <algorithm>

namespace softstart {
namespace {

bool IsAsciiLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsUpper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
char ToLower(unsigned char c) { return IsUpper(c) ? static_cast<char>(c | 0x20) : static_cast<char>(c); }
char ToUpper(unsigned char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c & ~0x20) : static_cast<char>(c); }

// Length of an apostrophe at text[pos]: ' or U+2019 / U+2018 (phones type
// curly ones), else 0.
size_t ApostropheLength(std::string_view text, size_t pos) {
  if (text[pos] == '\'') return 1;
  if (pos + 2 < text.size() && static_cast<unsigned char>(text[pos]) == 0xE2 &&
      static_cast<unsigned char>(text[pos + 1]) == 0x80 &&
      (static_cast<unsigned char>(text[pos + 2]) == 0x99 || static_cast<unsigned char>(text[pos + 2]) == 0x98)) {
    return 3;
  }
  return 0;
}

// Applies the case the user typed to a replacement: "U" -> "You", "DONT" ->
// "DON'T".
std::string MatchCase(std::string_view typed, const std::string& replacement) {
  std::string out = replacement;
  size_t letters = 0, upper = 0;
  for (unsigned char c : typed) {
    if (IsAsciiLetter(c)) {
      ++letters;
      if (IsUpper(c)) ++upper;
    }
  }
  if (letters > 1 && upper == letters) {
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return ToUpper(c); });
  } else if (!typed.empty() && IsUpper(typed[0]) && !out.empty()) {
    out[0] = ToUpper(out[0]);
  }
  return out;
}

}  // namespace

std::pair<size_t, size_t> NormalizedText::ToOriginal(size_t start, size_t end) const {
  // The last edit that begins at or before pos tells how far the two texts
  // have drifted apart there. inside: pos lies in a replaced word.
  const auto locate = [&](size_t pos, bool* inside) -> size_t {
    auto it = std::upper_bound(edits.begin(), edits.end(), pos,
                               [](size_t p, const Edit& e) { return p < e.normalized_start; });
    *inside = false;
    if (it == edits.begin()) return pos;
    const Edit& edit = *std::prev(it);
    if (pos < edit.normalized_end) {
      *inside = true;
      return static_cast<size_t>(&edit - edits.data());
    }
    return edit.original_end + (pos - edit.normalized_end);
  };
  bool inside;
  size_t at = locate(start, &inside);
  const size_t original_start = inside ? edits[at].original_start : at;
  if (end <= start) return {original_start, original_start};
  at = locate(end - 1, &inside);
  const size_t original_end = inside ? edits[at].original_end : at + 1;
  return {original_start, original_end};
}

Normalizer::Normalizer(const std::unordered_map<std::string, std::string>* chatspeak,
                       const TypoCorrector* corrector)
    : chatspeak_(chatspeak), corrector_(corrector) {}

const std::string* Normalizer::Replacement(const std::string& key) const {
  if (auto it = chatspeak_->find(key); it != chatspeak_->end()) return &it->second;
  if (corrector_ && key.find('\'') == std::string::npos) return corrector_->Correct(key);
  return nullptr;
}

void Normalizer::Normalize(std::string_view text, NormalizedText* out) const {
  out->text.clear();
  out->edits.clear();
  out->text.reserve(text.size());
  std::string key, squeezed;
  size_t pos = 0;
  while (pos < text.size()) {
    if (!IsAsciiLetter(text[pos])) {
      out->text.push_back(text[pos++]);
      continue;
    }
    // A word: letters with apostrophes inside it ("don't", "don’t").
    const size_t start = pos;
    key.clear();
    bool changed = false;
    while (pos < text.size()) {
      if (IsAsciiLetter(text[pos])) {
        key.push_back(ToLower(text[pos++]));
        continue;
      }
      const size_t apostrophe = ApostropheLength(text, pos);
      if (apostrophe == 0 || pos + apostrophe >= text.size() || !IsAsciiLetter(text[pos + apostrophe])) break;
      changed |= apostrophe != 1;
      key.push_back('\'');
      pos += apostrophe;
    }
    const std::string_view typed = text.substr(start, pos - start);
    // "neverrrr" -> "neverr": a letter typed three or more times is stretching.
    squeezed.clear();
    for (size_t i = 0; i < key.size(); ++i) {
      if (i >= 2 && key[i] == key[i - 1] && key[i] == key[i - 2]) continue;
      squeezed.push_back(key[i]);
    }
    if (squeezed.size() != key.size()) {
      key.swap(squeezed);  // "neverr" is left for the typo corrector.
      changed = true;
    }
    const std::string* replacement = Replacement(key);
    if (!replacement && !changed) {
      out->text.append(typed);
      continue;
    }
    const std::string written = MatchCase(typed, replacement ? *replacement : key);
    const size_t normalized_start = out->text.size();
    out->text += written;
    out->edits.push_back({normalized_start, out->text.size(), start, pos});
  }
}

}  // namespace softstart
