// Writes the suggestion: each sentence with a finding is replaced by the
// rule's reframe template, filled with the user's topic and words; every other
// sentence stays as typed.
#ifndef SOFTSTART_REFRAMER_H_
#define SOFTSTART_REFRAMER_H_

#include <string_view>
#include <vector>

#include "matcher.h"
#include "normalizer.h"
#include "rule_set.h"
#include "sentences.h"
#include "softstart/rewriter.h"

namespace softstart {

struct ReframeInput {
  std::string_view original;
  const NormalizedText* normalized;
  std::string_view normalized_text;            // normalized->view(original).
  const std::vector<SentenceSpan>* sentences;  // In normalised coordinates.
  const std::vector<RuleMatch>* matches;       // Kept findings, by start.
  const RuleSet* rules;
};

// One suggestion per style, `preferred` first; identical texts are dropped.
std::vector<Suggestion> Reframe(const ReframeInput& input, Suggestion::Style preferred);

// The topic a sentence is about: the first topic (in topics.yaml order) found
// in the sentence, else in the whole message; nullptr when none.
const Topic* FindTopic(const RuleSet& rules, std::string_view sentence, std::string_view message);

// Sentence case, single spaces, closing punctuation: generated text must not
// show template seams.
std::string TidySentence(std::string text);

}  // namespace softstart

#endif  // SOFTSTART_REFRAMER_H_
