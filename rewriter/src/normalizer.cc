#include "normalizer.h"

#include "utf8.h"

#include <algorithm>

namespace softstart {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD.

bool IsAsciiLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
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

Normalizer::Normalizer(const ChatspeakMap* chatspeak, const TypoCorrector* corrector)
    : chatspeak_(chatspeak), corrector_(corrector) {
  for (const auto& [key, replacement] : *chatspeak_) {
    if (!key.empty() && key[0] >= 'a' && key[0] <= 'z' && key.size() < kMaxWord) {
      chat_shapes_.set((key[0] - 'a') * kMaxWord + key.size());
    }
  }
}

const std::string* Normalizer::Replacement(std::string_view key) const {
  // key.size() may equal kMaxWord; the shape table holds shorter words only.
  if (key[0] >= 'a' && key[0] <= 'z' && key.size() < kMaxWord &&
      chat_shapes_.test((key[0] - 'a') * kMaxWord + key.size())) {
    if (auto it = chatspeak_->find(key); it != chatspeak_->end()) return &it->second;
  }
  if (corrector_ && key.find('\'') == std::string_view::npos) return corrector_->Correct(key);
  return nullptr;
}

void Normalizer::Normalize(std::string_view text, NormalizedText* out) const {
  out->text.clear();
  out->edits.clear();
  size_t copied_to = 0;  // Original bytes before this are already in out->text.
  char key[kMaxWord];
  size_t pos = 0;
  // Inside a run of sentence-ending punctuation (and closing quotes).
  bool after_sentence_end = false;
  while (pos < text.size()) {
    if (!IsAsciiLetter(text[pos])) {
      const char c = text[pos];
      if (c == '.' || c == '!' || c == '?') {
        after_sentence_end = true;
      } else if (IsSpace(c)) {
        // Between two sentences the first and the last space of the gap
        // become line breaks (same length, so offsets hold): multi-line $ and
        // ^ then see where one sentence ends and the next starts, however many
        // spaces the user typed.
        size_t run_end = pos;
        bool has_break = false;
        while (run_end < text.size() && IsSpace(text[run_end])) has_break |= text[run_end++] == '\n';
        if ((after_sentence_end || has_break) && run_end < text.size()) {
          for (const size_t at : {pos, run_end - 1}) {
            if (text[at] == '\n' || at < copied_to) continue;  // A one-space gap is one edit.
            out->text.append(text, copied_to, at - copied_to);
            out->text += '\n';
            out->edits.push_back({out->text.size() - 1, out->text.size(), at, at + 1});
            copied_to = at + 1;
          }
        }
        pos = run_end;
        after_sentence_end = false;
        continue;
      } else if (!(after_sentence_end && (c == '"' || c == '\'' || c == ')' || c == ']'))) {
        after_sentence_end = false;
      }
      // Bytes that are not UTF-8 match no pattern class, not even [^a-z];
      // a stray one after "you never listen" must not hide the finding.
      if (static_cast<unsigned char>(text[pos]) >= 0x80) {
        const size_t length = Utf8SequenceLength(text, pos);
        if (length == 0) {
          out->text.append(text, copied_to, pos - copied_to);
          const size_t normalized_start = out->text.size();
          out->text += kReplacementCharacter;
          out->edits.push_back({normalized_start, out->text.size(), pos, pos + 1});
          copied_to = ++pos;
          continue;
        }
        pos += length;
        continue;
      }
      ++pos;
      continue;
    }
    // A word: letters with apostrophes inside it ("don't", "don’t").
    after_sentence_end = false;
    const size_t start = pos;
    size_t length = 0;
    bool changed = false, too_long = false;
    while (pos < text.size()) {
      char c;
      if (IsAsciiLetter(text[pos])) {
        c = ToLower(text[pos++]);
      } else {
        const size_t apostrophe = ApostropheLength(text, pos);
        if (apostrophe == 0 || pos + apostrophe >= text.size() || !IsAsciiLetter(text[pos + apostrophe])) break;
        changed |= apostrophe != 1;
        c = '\'';
        pos += apostrophe;
      }
      // "neverrrr" -> "neverr": a letter typed three or more times is
      // stretching; the typo corrector takes it from there.
      if (length >= 2 && c == key[length - 1] && c == key[length - 2]) {
        changed = true;
        continue;
      }
      if (length == kMaxWord) {
        too_long = true;
        continue;
      }
      key[length++] = c;
    }
    if (too_long) continue;
    const std::string_view word(key, length);
    const std::string* replacement = Replacement(word);
    if (!replacement && !changed) continue;
    const std::string_view typed = text.substr(start, pos - start);
    const std::string written = MatchCase(typed, replacement ? *replacement : std::string(word));
    out->text.append(text, copied_to, start - copied_to);
    const size_t normalized_start = out->text.size();
    out->text += written;
    out->edits.push_back({normalized_start, out->text.size(), start, pos});
    copied_to = pos;
  }
  if (!out->edits.empty()) out->text.append(text, copied_to, std::string_view::npos);
}

}  // namespace softstart
