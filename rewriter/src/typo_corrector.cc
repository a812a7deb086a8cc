#include "typo_corrector.h"

#include <algorithm>
#include <bit>
#include <cstdint>

#include <hunspell/hunspell.hxx>

#include "word_index.h"  // WordHash, as the word gates hash words.

namespace softstart {
namespace {

constexpr size_t kMinWordLength = 4;   // Shorter words are too ambiguous...
constexpr size_t kMaxSwapLength = 4;   // ...but for two letters swapped.
constexpr size_t kMinSwapLength = 3;
constexpr size_t kMaxCacheEntries = 4096;

uint32_t LetterMask(std::string_view word) {
  uint32_t mask = 0;
  for (char c : word) {
    if (c >= 'a' && c <= 'z') mask |= 1u << (c - 'a');
  }
  return mask;
}

int MaxDistance(size_t length) { return length >= 7 ? 2 : 1; }

// Calls visit(hash, deletes) with the WordHash of every string left after
// deleting up to `max` letters (at most two) from word, never its first.
template <typename Visit>
void ForEachDelete(std::string_view word, int max, Visit visit) {
  const size_t n = word.size();
  visit(WordHash(word), 0);
  if (max < 1 || n < 2) return;
  uint64_t before_i = WordHashStep(kWordHashStart, word[0]);
  for (size_t i = 1; i < n; ++i) {
    uint64_t hash = before_i;
    for (size_t k = i + 1; k < n; ++k) hash = WordHashStep(hash, word[k]);
    visit(hash, 1);
    if (max >= 2) {
      uint64_t before_j = before_i;
      for (size_t j = i + 1; j < n; ++j) {
        uint64_t two = before_j;
        for (size_t k = j + 1; k < n; ++k) two = WordHashStep(two, word[k]);
        visit(two, 2);
        before_j = WordHashStep(before_j, word[j]);
      }
    }
    before_i = WordHashStep(before_i, word[i]);
  }
}

}  // namespace

TypoCorrector::TypoCorrector(std::vector<std::string> vocabulary, DictionarySource dictionary,
                             const std::vector<std::string>& known, const std::vector<std::string>& swap_targets)
    : vocabulary_(std::move(vocabulary)),
      has_dictionary_(dictionary != nullptr),
      dictionary_(std::move(dictionary)),
      known_(known.begin(), known.end()) {
  const size_t distance_targets = vocabulary_.size();
  for (const std::string& word : swap_targets) {
    if (word.size() < kMinSwapLength || word.size() > kMaxSwapLength || swap_targets_.count(word)) continue;
    swap_targets_.emplace(word, static_cast<int>(vocabulary_.size()));
    vocabulary_.push_back(word);  // Kept here for Correct()'s pointer, out of the distance buckets.
  }
  for (size_t i = 0; i < distance_targets; ++i) {
    const std::string& word = vocabulary_[i];
    letter_masks_.push_back(LetterMask(word));
    if (word.size() >= kMinWordLength && word[0] >= 'a' && word[0] <= 'z') {
      by_first_letter_[word[0] - 'a'].push_back(static_cast<int>(i));
      const size_t max = MaxDistance(word.size());
      for (size_t length = word.size() - max; length <= std::min(word.size() + max, kMaxBucketLength); ++length) {
        by_first_letter_and_length_[word[0] - 'a'][length].push_back(static_cast<int>(i));
      }
    }
  }
  for (size_t i = 0; i < distance_targets; ++i) {
    const std::string& word = vocabulary_[i];
    if (word.size() < kMinWordLength || word[0] < 'a' || word[0] > 'z') continue;
    distance_targets_.insert(word);
    const bool budget_two = MaxDistance(word.size()) == 2;
    ForEachDelete(word, MaxDistance(word.size()), [&](uint64_t hash, int) { target_deletes_[hash] |= budget_two; });
  }
}

bool TypoCorrector::NearTarget(std::string_view word) const {
  bool near = false;
  ForEachDelete(word, word.size() > kMinWordLength ? 2 : 1, [&](uint64_t hash, int deletes) {
    if (near) return;
    const auto it = target_deletes_.find(hash);
    near = it != target_deletes_.end() && (deletes < 2 || it->second);
  });
  return near;
}

int TypoCorrector::Distance(std::string_view a, std::string_view b, int max) {
  const size_t n = a.size(), m = b.size();
  if (static_cast<int>(n > m ? n - m : m - n) > max) return max + 1;
  // Three rolling rows are enough for transpositions.
  std::vector<int> two_back(m + 1), previous(m + 1), current(m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    current[0] = static_cast<int>(i);
    int row_min = current[0];
    for (size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], two_back[j - 2] + 1);
      }
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > max) return max + 1;
    std::swap(two_back, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], max + 1);
}

const std::string* TypoCorrector::Correct(std::string_view word) const {
  if (!has_dictionary_ || word.size() < kMinSwapLength || word[0] < 'a' || word[0] > 'z') return nullptr;
  const uint64_t hash = WordHash(word);
  std::atomic<uint64_t>& slot = memo_[hash & (kMemoSlots - 1)];
  const uint64_t tag = (hash >> 16) | 1;  // Never 0, which is an empty slot.
  const uint64_t seen = slot.load(std::memory_order_relaxed);
  if (seen >> 16 == tag) {
    const uint64_t index = seen & 0xffff;
    return index == 0 ? nullptr : &vocabulary_[index - 1];
  }
  const std::string* answer = Screen(word);
  if (vocabulary_.size() < 0xffff) {
    const uint64_t index = answer ? static_cast<uint64_t>(answer - vocabulary_.data()) + 1 : 0;
    slot.store(tag << 16 | index, std::memory_order_relaxed);
  }
  return answer;
}

const std::string* TypoCorrector::SwapTarget(std::string_view word) const {
  std::string swapped(word);
  for (size_t i = 0; i + 1 < swapped.size(); ++i) {
    if (swapped[i] == swapped[i + 1]) continue;
    std::swap(swapped[i], swapped[i + 1]);
    if (auto it = swap_targets_.find(swapped); it != swap_targets_.end()) return &vocabulary_[it->second];
    std::swap(swapped[i], swapped[i + 1]);
  }
  return nullptr;
}

const std::string* TypoCorrector::UndoubledTarget(std::string_view word) const {
  for (size_t i = 1; i < word.size(); ++i) {
    if (word[i] != word[i - 1]) continue;
    std::string undoubled(word);
    undoubled.erase(i, 1);
    if (auto it = swap_targets_.find(undoubled); it != swap_targets_.end()) return &vocabulary_[it->second];
  }
  return nullptr;
}

const std::string* TypoCorrector::DroppedTarget(std::string_view word) const {
  if (word.size() != 3) return nullptr;
  std::string longer(word);
  longer.insert(longer.begin() + 1, 'a');
  for (size_t at = 1; at <= word.size(); ++at) {
    if (at > 1) std::swap(longer[at - 1], longer[at]);  // Move the gap one letter on.
    for (char c = 'a'; c <= 'z'; ++c) {
      longer[at] = c;
      if (auto it = swap_targets_.find(longer); it != swap_targets_.end()) return &vocabulary_[it->second];
    }
  }
  return nullptr;
}

const std::string* TypoCorrector::Screen(std::string_view word) const {
  if (word.size() <= kMaxSwapLength && SwapTarget(word)) return Lookup(word);
  if (word.size() <= kMaxSwapLength + 1 && UndoubledTarget(word)) return Lookup(word);
  if (DroppedTarget(word)) return Lookup(word);
  if (word.size() < kMinWordLength) return nullptr;
  // Most words are nowhere near a target.
  if (distance_targets_.count(word)) return nullptr;  // Already a target.
  const bool near = NearTarget(word);
  if (!near) return nullptr;
  return Lookup(word);
}

const std::string* TypoCorrector::Lookup(std::string_view word) const {
  const std::lock_guard lock(lookup_mutex_);
  if (auto it = cache_.find(word); it != cache_.end()) return it->second;
  if (dictionary_) {
    hunspell_ = dictionary_();
    dictionary_ = nullptr;
  }
  if (!hunspell_) return nullptr;
  std::string key(word);
  const std::string* best = nullptr;
  if (!known_.count(key) && !hunspell_->spell(key)) {
    int best_distance = 3;
    // A letter typed twice ("haard", "mucch") says which word was meant
    // better than any distance does.
    if (word.size() <= kMaxSwapLength + 1) best = UndoubledTarget(word);
    // Three letters are often a name typed in lower case ("sam" is not
    // "same"): a letter left out only when they are no name either. (The
    // one common swap this would misread, "hte" for "the" read as "hate",
    // chatspeak.tsv reads first.)
    if (!best && word.size() == 3) {
      std::string name = key;
      name[0] = static_cast<char>(name[0] - 'a' + 'A');
      if (!hunspell_->spell(name)) best = DroppedTarget(word);
    }
    if (!best && word.size() >= kMinWordLength) {
      // Only the words of a near length and near letters, as in Screen().
      const int letter = word[0] - 'a';
      const uint32_t mask = LetterMask(word);
      for (int index : word.size() <= kMaxBucketLength ? by_first_letter_and_length_[letter][word.size()]
                                                        : by_first_letter_[letter]) {
        const std::string& candidate = vocabulary_[index];
        const int max = MaxDistance(candidate.size());
        if (std::popcount(mask ^ letter_masks_[index]) > 2 * max) continue;
        const int distance = Distance(word, candidate, max);
        if (distance <= max && distance < best_distance) {
          best = &candidate;
          best_distance = distance;
        }
      }
    }
    if (!best && word.size() <= kMaxSwapLength) best = SwapTarget(word);
  }
  if (cache_.size() >= kMaxCacheEntries) cache_.clear();
  cache_.emplace(std::move(key), best);
  return best;
}

}  // namespace softstart
