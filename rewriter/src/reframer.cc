#include "reframer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_set>

#include "word_index.h"  // WordHashStep, as the word gates hash words.

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

// What one suggestion has said so far. A run of adjacent flagged sentences
// ("you never initiate. not once in months. it's always me") is one complaint
// typed in several breaths: it gets one answer per concern. And no answer
// repeats five words of another anywhere in the message.
class SaidSoFar {
 public:
  void NewRun() {
    concerns_.clear();
    categories_ = {};
  }

  // A concern is a principle broken about a topic. Without a topic the
  // user's own words tell concerns apart ("say sorry", "ask what I think").
  // True the first time a concern comes up in the run.
  bool FirstTimeInRun(const RuleMatch& match, const Topic* topic) {
    return concerns_.insert({match.rule->category, topic, topic ? Groups{} : match.groups}).second;
  }

  // Whether the run already answered this principle, about anything.
  bool CategoryAnsweredInRun(Category category) const { return categories_[static_cast<size_t>(category)]; }
  void AnsweredInRun(Category category) { categories_[static_cast<size_t>(category)] = true; }

  // Whether `piece` would say five words in a row that were said already.
  bool Repeats(std::string_view piece) const {
    if (unhashed_.empty() && phrases_.empty()) return false;  // Most messages: the first answer.
    for (const std::string& said : unhashed_) ForEachPhrase(said, [&](uint64_t phrase) { phrases_.insert(phrase); });
    unhashed_.clear();
    bool repeats = false;
    ForEachPhrase(piece, [&](uint64_t phrase) { repeats = repeats || phrases_.count(phrase) > 0; });
    return repeats;
  }

  // Hashed only once a later answer needs comparing with it.
  void Remember(std::string_view piece) { unhashed_.emplace_back(piece); }

 private:
  using Groups = std::map<std::string, std::string>;
  static constexpr size_t kPhraseWords = 5;

  // Calls `f` with a hash of each run of kPhraseWords words of `text`, case
  // and punctuation aside. Hashes, not strings: this runs for every wording
  // tried, and a flagged message must stay within tens of microseconds.
  template <typename F>
  static void ForEachPhrase(std::string_view text, F f) {
    std::array<uint64_t, kPhraseWords> last{};  // The last words' hashes, as a ring.
    size_t words = 0;
    uint64_t word = kWordHashStart;
    bool in_word = false;
    for (size_t i = 0; i <= text.size(); ++i) {
      const unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
      const unsigned char lower = c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + ('a' - 'A')) : c;
      if ((lower >= 'a' && lower <= 'z') || c == '\'') {
        word = WordHashStep(word, static_cast<char>(lower));
        in_word = true;
        continue;
      }
      if (!in_word) continue;
      last[words++ % kPhraseWords] = word;
      word = kWordHashStart;
      in_word = false;
      if (words < kPhraseWords) continue;
      uint64_t phrase = kWordHashStart;
      for (size_t k = words - kPhraseWords; k < words; ++k) phrase = (phrase ^ last[k % kPhraseWords]) * 1099511628211ull;  // FNV's prime.
      f(phrase);
    }
  }

  std::set<std::tuple<Category, const Topic*, Groups>> concerns_;
  std::array<bool, kCategoryCount> categories_{};
  mutable std::unordered_set<uint64_t> phrases_;
  mutable std::vector<std::string> unhashed_;
};

// The reframe for one finding in the given style. `uses` counts how often a
// rule was already answered in this message, so a second sentence broken the
// same way gets a different wording rather than the same line twice; and a
// wording that repeats what was said already gives way to the next one.
// Sets *repeats when every wording repeats something said already.
std::string ReframeMatch(const RuleMatch& match, const Topic* topic, Suggestion::Style style, UseCounts* uses,
                         const SaidSoFar& said, bool* repeats) {
  std::vector<const Template*> usable;
  for (const Template& reframe : match.rule->reframes) {
    if (reframe.style == style && Usable(reframe, topic, match)) usable.push_back(&reframe);
  }
  // The loader guarantees a slot-free template per style, so usable is never
  // empty.
  const size_t index = static_cast<size_t>((*uses)[{match.rule, topic}]++);
  std::string first;
  for (size_t k = 0; k < usable.size(); ++k) {
    std::string piece = TidySentence(Fill(*usable[(index + k) % usable.size()], topic, match));
    if (!said.Repeats(piece)) return piece;
    if (k == 0) first = std::move(piece);
  }
  *repeats = true;
  return first;  // Every wording repeats something: the rotation's own.
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

std::string ReframeSentence(MessageContext& context, size_t sentence, Suggestion::Style style, UseCounts* uses,
                            SaidSoFar* said) {
  const Topic* topic = context.TopicOf(sentence);
  std::string out;
  std::array<bool, kCategoryCount> answered{};
  for (const RuleMatch* match : context.by_sentence[sentence]) {
    // One answer per principle the sentence breaks: blame and a demand in one
    // breath get a feeling and an invitation, not two feelings.
    bool& done = answered[static_cast<size_t>(match->rule->category)];
    if (done) continue;
    done = true;
    if (!said->FirstTimeInRun(*match, topic)) continue;  // Answered earlier in the run.
    bool repeats = false;
    const std::string piece = ReframeMatch(*match, topic, style, uses, *said, &repeats);
    const Category category = match->rule->category;
    // Saying it again in the same words adds nothing to an answer the run
    // already gave this principle; a principle not yet answered still is.
    if (repeats && said->CategoryAnsweredInRun(category)) continue;
    if (out.find(piece) != std::string::npos) continue;
    said->AnsweredInRun(category);
    said->Remember(piece);
    if (!out.empty()) out += ' ';
    out += piece;
  }
  return out;
}

}  // namespace

const Topic* FindTopic(const RuleSet& rules, std::string_view sentence, std::string_view message) {
  CompileTopics(rules);
  std::vector<int> matched;
  thread_local std::string folded;
  for (std::string_view text : {sentence, message}) {
    if (text.empty()) continue;
    RE2::Set::ErrorInfo info{RE2::Set::kNoError};
    if (rules.topic_screen) {
      if (rules.topics_folded) FoldText(text, &folded);
      if (rules.topic_screen->Match(rules.topics_folded ? std::string_view(folded) : text, &matched, &info)) {
        return &rules.topics[*std::min_element(matched.begin(), matched.end())];  // The first in priority.
      }
      if (info.kind == RE2::Set::kNoError) continue;  // None matched.
    }
    // No screen, or its DFA ran out of memory (which reads as "no match"):
    // each topic on its own.
    CompileEachTopic(rules);
    for (const Topic& topic : rules.topics) {
      if (topic.regex->ok() && RE2::PartialMatch(text, *topic.regex)) return &topic;
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

std::vector<Suggestion> Reframe(const ReframeInput& input, Suggestion::Style preferred) {
  std::vector<Suggestion::Style> styles = {preferred};
  for (auto style : {Suggestion::Style::kShort, Suggestion::Style::kFull, Suggestion::Style::kQuestion}) {
    if (style != preferred) styles.push_back(style);
  }
  MessageContext context{&input, std::vector<std::vector<const RuleMatch*>>(input.sentences->size())};
  for (const RuleMatch& match : *input.matches) context.by_sentence[match.sentence].push_back(&match);

  std::vector<Suggestion> suggestions;
  for (auto style : styles) {
    UseCounts uses;
    SaidSoFar said;
    std::string text;
    size_t copied_to = 0;  // Original bytes up to here are already handled.
    size_t previous = input.sentences->size();  // The last flagged sentence.
    for (size_t i = 0; i < input.sentences->size(); ++i) {
      if (context.by_sentence[i].empty()) continue;
      if (i != previous + 1) said.NewRun();  // A sentence left as typed ends a run.
      previous = i;
      const SentenceSpan& span = (*input.sentences)[i];
      const auto [start, end] = input.normalized->ToOriginal(span.start, span.end);
      const std::string piece = ReframeSentence(context, i, style, &uses, &said);
      if (!piece.empty()) {
        text.append(input.original.substr(copied_to, start - copied_to));
        text += piece;
      }
      copied_to = end;  // A sentence already answered goes, with the space before it.
    }
    text.append(input.original.substr(copied_to));
    const bool duplicate = std::any_of(suggestions.begin(), suggestions.end(),
                                       [&](const Suggestion& s) { return s.text == text; });
    if (!duplicate) suggestions.push_back({style, std::move(text)});
  }
  return suggestions;
}

}  // namespace softstart
