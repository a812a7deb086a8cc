// Sentence boundaries in chat text, so a reframe replaces only the sentence
// that needs it and keeps "hey babe" and "love you" around it.
#ifndef SOFTSTART_SENTENCES_H_
#define SOFTSTART_SENTENCES_H_

#include <string_view>
#include <vector>

namespace softstart {

struct SentenceSpan {
  size_t start = 0;  // First byte of the sentence.
  size_t end = 0;    // One past its last byte (closing punctuation included,
                     // trailing spaces not).
};

// Splits after runs of . ! ? (with closing quotes or brackets) followed by a
// space, and at line breaks. A piece with no words but laughter or emoji
// ("😇", "lol") joins the sentence before it. Every non-blank byte is in
// exactly one span.
std::vector<SentenceSpan> SplitSentences(std::string_view text);

// Index of the sentence holding byte pos (the last one if pos is past all).
size_t SentenceAt(const std::vector<SentenceSpan>& sentences, size_t pos);

}  // namespace softstart

#endif  // SOFTSTART_SENTENCES_H_
