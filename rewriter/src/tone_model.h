// A second opinion after the rules: a linear model over the words of a
// sentence, learned from the labelled partner messages in tests/data by
// scripts/train-tone-model. The rules catch the phrasings someone wrote a
// pattern for; the model generalises to wordings nobody did ("real mature of
// u to pretend to be asleep"). It adds findings only in sentences no rule
// matched, answered by the `scorer: tone-model` rules (one per category, with
// their own explanation and reframes).
#ifndef SOFTSTART_TONE_MODEL_H_
#define SOFTSTART_TONE_MODEL_H_

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "softstart/category.h"
#include "softstart/rule_error.h"

namespace softstart {

class ToneModel {
 public:
  struct Verdict {
    double score = 0;  // Above threshold(): the sentence reads as a problem.
    Category category = Category::kBlame;  // The likeliest kind, when it does.
  };

  // Reads a model file (format in dictionaries/en/README.md). On a bad line
  // appends an error naming the file and line and returns false.
  bool Load(const std::string& path, std::vector<RuleError>* errors);

  bool empty() const { return keys_.empty(); }
  double threshold() const { return threshold_; }
  // The lower threshold of "catch more" (@threshold-more; the same when the
  // file has none).
  double threshold_more() const { return threshold_more_; }
  // Scores one sentence of normalised text.
  Verdict Score(std::string_view sentence) const;

  // The features of a sentence as the trainer writes them ("you never",
  // "<s> why"): lower-case words, "?" and "!", and each non-ASCII character,
  // alone and in pairs of neighbours. For tests.
  static std::vector<std::string> Features(std::string_view sentence);

 private:
  static constexpr size_t kColumns = 1 + kCategoryCount;  // Problem, then each category.
  using Weights = std::array<float, kColumns>;

  // The index of the feature with this hash, or -1.
  int64_t Find(uint64_t hash) const;
  // Builds the filter and the open-addressed table over keys_ (after loading).
  void BuildTable();

  double threshold_ = 0;
  double threshold_more_ = std::numeric_limits<double>::quiet_NaN();  // NaN until read.
  Weights bias_{};
  std::array<Category, kCategoryCount> categories_{};  // Column order in the file.
  // Tens of thousands of features: kept flat (one allocation each) rather
  // than as hash-map nodes, which took most of the load time.
  std::vector<uint64_t> keys_;
  std::vector<Weights> weights_;
  std::vector<uint32_t> table_;  // Index + 1 into keys_, 0 = empty; size a power of two.
  // One bit per hash value (its top bits): most n-grams of a sentence are in
  // no model, and this small array tells so without touching the table.
  std::vector<uint64_t> filter_;
  int filter_shift_ = 64;
};

}  // namespace softstart

#endif  // SOFTSTART_TONE_MODEL_H_
