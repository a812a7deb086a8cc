#include "tone_model.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <fstream>

#include "word_index.h"  // The FNV-1a step the word gates use.

namespace softstart {
namespace {

bool IsWordByte(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// The sentence's tokens, as pieces of it (lower-cased when hashed). Must stay
// in step with tokens() in scripts/train-tone-model: the model's features
// are these words.
void Tokens(std::string_view text, std::vector<std::string_view>* tokens) {
  tokens->clear();
  size_t word_start = std::string_view::npos;
  auto flush = [&](size_t end) {
    if (word_start != std::string_view::npos) tokens->push_back(text.substr(word_start, end - word_start));
    word_start = std::string_view::npos;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (IsWordByte(c)) {
      if (word_start == std::string_view::npos) word_start = i;
    } else if (c == '\'' && word_start != std::string_view::npos && i + 1 < text.size() && IsWordByte(text[i + 1])) {
      // An apostrophe inside a word: "don't".
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      flush(i);
      // A character: its lead byte and the continuation bytes it announces
      // that are there (a broken one never swallows the next word).
      const auto lead = static_cast<unsigned char>(c);
      const size_t announced = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
      size_t length = 1;
      while (length < announced && i + length < text.size() &&
             (static_cast<unsigned char>(text[i + length]) & 0xC0) == 0x80) {
        ++length;
      }
      const std::string_view character = text.substr(i, length);
      i += length - 1;
      if (character != "\xEF\xB8\x8F") tokens->push_back(character);  // Not the emoji style selector.
    } else {
      flush(i);
      if (c == '?' || c == '!') tokens->push_back(text.substr(i, 1));
    }
  }
  flush(text.size());
}

uint64_t TokenHash(std::string_view token) {
  uint64_t hash = kWordHashStart;
  for (const char c : token) hash = WordHashStep(hash, Lower(c));
  return hash;
}

// The hash of an n-gram from its words' hashes (order matters), so each word
// is hashed once however many n-grams it is in.
uint64_t Combine(uint64_t hash, uint64_t next) {
  uint64_t x = hash * 0x9E3779B97F4A7C15ull ^ next;
  x ^= x >> 31;
  x *= 0xBF58476D1CE4E5B9ull;
  return x ^ (x >> 29);
}

// Calls emit(hash, first, second) for each word (second empty) and each pair
// of neighbours, with the sentence's edges as "<s>" and "</s>" in the pairs;
// repeats are the caller's. FeatureHash() gives the same hash for the feature
// written out ("you never", "<s> why"). (Threes of words doubled the model
// and, measured on writers left out of training, caught less.)
template <typename Emit>
void ForEachFeature(const std::vector<std::string_view>& tokens, Emit emit) {
  static constexpr std::string_view kStart = "<s>", kEnd = "</s>";
  static const uint64_t kStartHash = TokenHash(kStart), kEndHash = TokenHash(kEnd);
  std::string_view last = kStart;
  uint64_t last_hash = kStartHash;
  for (size_t i = 0; i <= tokens.size(); ++i) {
    const std::string_view token = i < tokens.size() ? tokens[i] : kEnd;
    const uint64_t hash = i < tokens.size() ? TokenHash(token) : kEndHash;
    if (i < tokens.size()) emit(hash, token, std::string_view());
    emit(Combine(last_hash, hash), last, token);
    last = token;
    last_hash = hash;
  }
}

// The hash of a feature as the model file writes it: words joined by spaces.
uint64_t FeatureHash(std::string_view feature) {
  uint64_t hash = 0;
  size_t start = 0;
  for (bool first = true;; first = false) {
    const size_t space = feature.find(' ', start);
    const uint64_t word = TokenHash(feature.substr(start, space == std::string_view::npos ? space : space - start));
    hash = first ? word : Combine(hash, word);
    if (space == std::string_view::npos) return hash;
    start = space + 1;
  }
}

bool ParseFloat(std::string_view text, float* out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(*out);
}

// Splits at tabs into *fields (reused: no allocation per line).
void SplitTabs(std::string_view line, std::vector<std::string_view>* fields) {
  fields->clear();
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    fields->push_back(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) return;
    start = tab + 1;
  }
}

}  // namespace

std::vector<std::string> ToneModel::Features(std::string_view sentence) {
  std::vector<std::string_view> tokens;
  Tokens(sentence, &tokens);
  std::vector<std::string> out;
  ForEachFeature(tokens, [&](uint64_t, std::string_view first, std::string_view second) {
    std::string feature;
    for (const char c : first) feature += Lower(c);
    if (!second.empty()) feature += ' ';
    for (const char c : second) feature += Lower(c);
    out.push_back(std::move(feature));
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

int64_t ToneModel::Find(uint64_t hash) const {
  if (!(filter_[(hash >> filter_shift_) >> 6] >> ((hash >> filter_shift_) & 63) & 1)) return -1;
  const size_t mask = table_.size() - 1;
  for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    const uint32_t entry = table_[slot];
    if (entry == 0) return -1;
    if (keys_[entry - 1] == hash) return entry - 1;
  }
}

void ToneModel::BuildTable() {
  // At most half full, so a miss ends after a slot or two.
  table_.assign(std::bit_ceil(keys_.size() * 2 + 2), 0);
  const size_t mask = table_.size() - 1;
  // About eight bits per feature: one n-gram in nine that is in no model
  // gets past the filter.
  const size_t filter_bits = std::max<size_t>(64, std::bit_ceil(keys_.size() * 8));
  filter_.assign(filter_bits / 64, 0);
  filter_shift_ = 64 - std::countr_zero(filter_bits);
  for (size_t i = 0; i < keys_.size(); ++i) {
    size_t slot = keys_[i] & mask;
    while (table_[slot] != 0) slot = (slot + 1) & mask;
    table_[slot] = static_cast<uint32_t>(i + 1);
    const uint64_t bit = keys_[i] >> filter_shift_;
    filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
}

ToneModel::Verdict ToneModel::Score(std::string_view sentence) const {
  Verdict verdict;
  if (empty()) return verdict;
  thread_local std::vector<std::string_view> tokens;
  thread_local std::vector<int64_t> found;
  Tokens(sentence, &tokens);
  found.clear();
  ForEachFeature(tokens, [&](uint64_t hash, std::string_view, std::string_view) {
    if (const int64_t index = Find(hash); index >= 0) found.push_back(index);
  });
  // A feature counts once, however often the sentence repeats it.
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  Weights sum = bias_;
  for (const int64_t index : found) {
    for (size_t column = 0; column < kColumns; ++column) sum[column] += weights_[index][column];
  }
  verdict.score = sum[0];
  const auto best = std::max_element(sum.begin() + 1, sum.end());
  verdict.category = categories_[static_cast<size_t>(best - (sum.begin() + 1))];
  return verdict;
}

bool ToneModel::Load(const std::string& path, std::vector<RuleError>* errors) {
  *this = ToneModel();
  auto fail = [&](int line, const std::string& message) {
    errors->push_back({path, line, message});
    *this = ToneModel();
    return false;
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(0, "cannot read the tone model");
  std::string text;
  in.seekg(0, std::ios::end);
  text.resize(static_cast<size_t>(std::max<std::streamoff>(0, in.tellg())));
  in.seekg(0);
  if (!in.read(text.data(), static_cast<std::streamsize>(text.size()))) return fail(0, "cannot read the tone model");
  std::vector<std::string_view> fields;
  bool have_columns = false, have_threshold = false, have_bias = false;
  std::vector<int> line_of;  // The file line of each feature, for the duplicate check.
  const size_t expected = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  keys_.reserve(expected);
  weights_.reserve(expected);
  line_of.reserve(expected);
  size_t pos = 0;
  for (int number = 1; pos < text.size(); ++number) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    SplitTabs(line, &fields);
    if (fields[0] == "@columns") {
      if (fields.size() != kColumns + 1 || fields[1] != "problem") {
        return fail(number, "@columns must be: problem, then the " + std::to_string(kCategoryCount) + " categories");
      }
      for (size_t i = 0; i < kCategoryCount; ++i) {
        const auto category = ParseCategory(fields[i + 2]);
        if (!category) return fail(number, "unknown category '" + std::string(fields[i + 2]) + "' in @columns");
        categories_[i] = *category;
      }
      have_columns = true;
      continue;
    }
    if (!have_columns) return fail(number, "the first line must be @columns");
    if (fields[0] == "@threshold" || fields[0] == "@threshold-more") {
      float value = 0;
      if (fields.size() != 2 || !ParseFloat(fields[1], &value)) {
        return fail(number, std::string(fields[0]) + " takes one number");
      }
      if (fields[0] == "@threshold-more") {
        threshold_more_ = value;
      } else {
        threshold_ = value;
        have_threshold = true;
      }
      continue;
    }
    Weights weights{};
    if (fields.size() != kColumns + 1) {
      return fail(number, "expected a feature and " + std::to_string(kColumns) + " weights, tab-separated");
    }
    for (size_t column = 0; column < kColumns; ++column) {
      if (!ParseFloat(fields[column + 1], &weights[column])) {
        return fail(number, "weight '" + std::string(fields[column + 1]) + "' is not a number");
      }
    }
    if (fields[0] == "@bias") {
      bias_ = weights;
      have_bias = true;
    } else if (fields[0].empty() || fields[0][0] == '@') {
      return fail(number, "unknown entry '" + std::string(fields[0]) + "'");
    } else {
      keys_.push_back(FeatureHash(fields[0]));
      weights_.push_back(weights);
      line_of.push_back(number);
    }
  }
  if (!have_columns || !have_threshold || !have_bias) {
    return fail(0, "a tone model needs @columns, @threshold and @bias lines");
  }
  if (std::isnan(threshold_more_)) threshold_more_ = threshold_;
  if (threshold_more_ > threshold_) return fail(0, "@threshold-more must not be above @threshold");
  if (keys_.size() >= UINT32_MAX / 4) return fail(0, "too many features");
  BuildTable();
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (Find(keys_[i]) != static_cast<int64_t>(i)) return fail(line_of[i], "a feature listed twice");
  }
  return true;
}

}  // namespace softstart
