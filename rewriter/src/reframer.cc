#include "reframer.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace softstart {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A captured phrase ready to sit inside a template: trimmed, without closing
// punctuation, not shouted, with "i" as "I".
std::string CleanCapture(std::string value) {
  while (!value.empty() && (IsSpace(value.back()) || std::string_view(".!?,;:").find(value.back()) != std::string_view::npos)) {
    value.pop_back();
  }
  size_t first = 0;
  while (first < value.size() && IsSpace(value[first])) ++first;
  value.erase(0, first);
  size_t letters = 0, upper = 0;
  for (unsigned char c : value) {
    if (std::isalpha(c)) {
      ++letters;
      upper += std::isupper(c) ? 1 : 0;
    }
  }
  if (letters > 1 && upper == letters) {
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
  }
  for (size_t i = 0; i < value.size(); ++i) {
    const bool starts_word = i == 0 || !std::isalpha(static_cast<unsigned char>(value[i - 1]));
    const bool ends_word = i + 1 == value.size() || !std::isalpha(static_cast<unsigned char>(value[i + 1]));
    if (value[i] == 'i' && starts_word && ends_word) value[i] = 'I';
  }
  return value;
}

bool Usable(const Template& reframe, const Topic* topic, const RuleMatch& match) {
  if (reframe.uses_topic && !topic) return false;
  return std::all_of(reframe.capture_slots.begin(), reframe.capture_slots.end(),
                     [&](const std::string& slot) { return match.groups.count(slot) > 0; });
}

std::string Fill(const Template& reframe, const Topic* topic, const RuleMatch& match) {
  std::string out;
  for (const auto& piece : reframe.pieces) {
    if (!piece.is_slot) out += piece.text;
    else if (piece.text == "topic") out += topic->about;
    else if (piece.text == "missing") out += topic->missing;
    else out += CleanCapture(match.groups.at(piece.text));
  }
  return out;
}

// How often each rule was answered about each topic in one suggestion.
using UseCounts = std::map<std::pair<const Rule*, const Topic*>, int>;

// The reframe for one finding in the given style. `uses` counts how often a
// rule was already answered in this message, so a second sentence broken the
// same way gets a different wording rather than the same line twice.
std::string ReframeMatch(const RuleMatch& match, const Topic* topic, Suggestion::Style style,
                         UseCounts* uses) {
  std::vector<const Template*> usable;
  for (const Template& reframe : match.rule->reframes) {
    if (reframe.style == style && Usable(reframe, topic, match)) usable.push_back(&reframe);
  }
  // The loader guarantees a slot-free template per style, so usable is never
  // empty.
  const int index = (*uses)[{match.rule, topic}]++;
  return TidySentence(Fill(*usable[index % usable.size()], topic, match));
}

// What one suggestion needs across sentences, computed once per message.
struct MessageContext {
  const ReframeInput* input;
  std::vector<std::vector<const RuleMatch*>> by_sentence;
  const Topic* message_topic = nullptr;
  bool message_topic_known = false;

  std::vector<std::optional<const Topic*>> sentence_topics{};  // Filled on first use.

  // The sentence's topic, else the message's. Each is looked up once: every
  // style asks again, and the message may be long with many flagged
  // sentences.
  const Topic* TopicOf(size_t sentence) {
    if (sentence_topics.size() <= sentence) sentence_topics.resize(sentence + 1);
    std::optional<const Topic*>& cached = sentence_topics[sentence];
    if (cached) return *cached;
    const std::string_view text = input->normalized_text;
    const SentenceSpan& span = (*input->sentences)[sentence];
    const Topic* topic = FindTopic(*input->rules, text.substr(span.start, span.end - span.start), "");
    if (!topic) {
      if (!message_topic_known) {
        message_topic = FindTopic(*input->rules, text, "");
        message_topic_known = true;
      }
      topic = message_topic;
    }
    cached = topic;
    return topic;
  }
};

std::string ReframeSentence(MessageContext& context, size_t sentence, Suggestion::Style style,
                            UseCounts* uses) {
  const Topic* topic = context.TopicOf(sentence);
  std::string out;
  std::array<bool, kCategoryCount> answered{};
  for (const RuleMatch* match : context.by_sentence[sentence]) {
    // One answer per principle the sentence breaks: blame and a demand in one
    // breath get a feeling and an invitation, not two feelings.
    bool& done = answered[static_cast<size_t>(match->rule->category)];
    if (done) continue;
    done = true;
    const std::string piece = ReframeMatch(*match, topic, style, uses);
    if (out.find(piece) != std::string::npos) continue;
    if (!out.empty()) out += ' ';
    out += piece;
  }
  return out;
}

}  // namespace

const Topic* FindTopic(const RuleSet& rules, std::string_view sentence, std::string_view message) {
  CompileTopics(rules);
  std::vector<int> matched;
  for (std::string_view text : {sentence, message}) {
    if (text.empty()) continue;
    RE2::Set::ErrorInfo info{RE2::Set::kNoError};
    if (rules.topic_screen && rules.topic_screen->Match(text, &matched, &info)) {
      return &rules.topics[*std::min_element(matched.begin(), matched.end())];  // The first in priority.
    }
    if (rules.topic_screen && info.kind == RE2::Set::kNoError) continue;  // None matched.
    // No screen, or its DFA ran out of memory (which reads as "no match"):
    // each topic on its own.
    for (const Topic& topic : rules.topics) {
      if (RE2::PartialMatch(text, *topic.regex)) return &topic;
    }
  }
  return nullptr;
}

std::string TidySentence(std::string text) {
  // In place: the text only shrinks, so the write position never passes the
  // read position.
  std::string& out = text;
  size_t size = 0;
  for (size_t read = 0; read < text.size(); ++read) {
    char c = text[read];
    if (IsSpace(c)) c = ' ';
    if (c == ' ' && (size == 0 || out[size - 1] == ' ')) continue;
    if ((c == ',' || c == '.' || c == '!' || c == '?') && size > 0 && out[size - 1] == ' ') --size;
    out[size++] = c;
  }
  out.resize(size);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (!out.empty() && std::islower(static_cast<unsigned char>(out[0]))) out[0] = static_cast<char>(std::toupper(out[0]));
  if (!out.empty() && std::string_view(".!?").find(out.back()) == std::string_view::npos) out.push_back('.');
  return out;
}

namespace {

// Which flagged sentences repeat the one before them: the same rules about
// the same topic in the same words, with no other sentence between
// ("Hello?? Hello???"). One answer covers the run; the repeats are left out.
std::vector<bool> RepeatedSentences(MessageContext& context) {
  const size_t count = context.by_sentence.size();
  std::vector<bool> repeated(count, false);
  // (rule, topic, the user's own words) answered in this run.
  std::set<std::tuple<const Rule*, const Topic*, std::map<std::string, std::string>>> run;
  for (size_t i = 0; i < count; ++i) {
    if (context.by_sentence[i].empty()) {
      run.clear();
      continue;
    }
    const Topic* topic = context.TopicOf(i);
    bool all_answered = true;
    for (const RuleMatch* match : context.by_sentence[i]) {
      all_answered &= !run.insert({match->rule, topic, match->groups}).second;
    }
    repeated[i] = all_answered;
  }
  return repeated;
}

}  // namespace

std::vector<Suggestion> Reframe(const ReframeInput& input, Suggestion::Style preferred) {
  std::vector<Suggestion::Style> styles = {preferred};
  for (auto style : {Suggestion::Style::kShort, Suggestion::Style::kFull, Suggestion::Style::kQuestion}) {
    if (style != preferred) styles.push_back(style);
  }
  MessageContext context{&input, std::vector<std::vector<const RuleMatch*>>(input.sentences->size())};
  for (const RuleMatch& match : *input.matches) context.by_sentence[match.sentence].push_back(&match);
  const std::vector<bool> repeated = RepeatedSentences(context);

  std::vector<Suggestion> suggestions;
  for (auto style : styles) {
    UseCounts uses;
    std::string text;
    size_t copied_to = 0;  // Original bytes up to here are already handled.
    for (size_t i = 0; i < input.sentences->size(); ++i) {
      if (context.by_sentence[i].empty()) continue;
      const SentenceSpan& span = (*input.sentences)[i];
      const auto [start, end] = input.normalized->ToOriginal(span.start, span.end);
      if (!repeated[i]) {
        text.append(input.original.substr(copied_to, start - copied_to));
        text += ReframeSentence(context, i, style, &uses);
      }
      copied_to = end;  // A repeat goes, with the space before it.
    }
    text.append(input.original.substr(copied_to));
    const bool duplicate = std::any_of(suggestions.begin(), suggestions.end(),
                                       [&](const Suggestion& s) { return s.text == text; });
    if (!duplicate) suggestions.push_back({style, std::move(text)});
  }
  return suggestions;
}

}  // namespace softstart
