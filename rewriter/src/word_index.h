// The words and prefixes rules name (`words:`), looked up while the matcher
// scans a message. The scan hashes each word letter by letter, so a word's
// prefixes get their hashes for free; a bit filter then turns almost every
// word away without touching the table. A word found sets, in one OR per 64
// of them, the bits of every word group it belongs to ("you" is in a
// hundred).
#ifndef SOFTSTART_WORD_INDEX_H_
#define SOFTSTART_WORD_INDEX_H_

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace softstart {

// FNV-1a, one byte at a time.
constexpr uint64_t kWordHashStart = 14695981039346656037ull;
inline uint64_t WordHashStep(uint64_t hash, char c) {
  return (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
}
uint64_t WordHash(std::string_view word);

// Bits of a set of word groups, 64 to a chunk; only non-zero chunks are kept.
struct GroupBits {
  uint32_t chunk;
  uint64_t bits;
};

class WordIndex {
 public:
  // `group`: the word group's index among all the rules' groups.
  void Add(const std::string& word, uint32_t group);
  // Builds the lookup table; call once after the last Add.
  void Finish();
  bool empty() const { return entries_.empty(); }

  // The groups `word` (whose WordHash is `hash`) belongs to; nullptr when none.
  const std::vector<GroupBits>* Find(uint64_t hash, std::string_view word) const {
    if (!filter_.test(FilterBit(hash))) return nullptr;
    for (size_t slot = Slot(hash); slots_[slot] >= 0; slot = (slot + 1) & slot_mask_) {
      const Entry& entry = entries_[slots_[slot]];
      if (entry.hash == hash && entry.word == word) return &entry.groups;
    }
    return nullptr;
  }

 private:
  static constexpr size_t kFilterBits = size_t{1} << 15;
  static size_t FilterBit(uint64_t hash) { return (hash >> 40) & (kFilterBits - 1); }
  // FNV's low bits mix poorly (they see only the letters' low bits) and
  // linear probing clusters on them: take the high bits of a Fibonacci mix.
  size_t Slot(uint64_t hash) const { return (hash * 0x9E3779B97F4A7C15ull) >> slot_shift_; }

  struct Entry {
    uint64_t hash;
    std::string word;
    std::vector<GroupBits> groups;
  };
  std::vector<Entry> entries_;
  std::unordered_map<std::string, size_t> index_of_;  // Only while adding.
  std::vector<int32_t> slots_ = std::vector<int32_t>(2, -1);  // Open addressing, -1 = empty.
  size_t slot_mask_ = 1;
  int slot_shift_ = 63;
  std::bitset<kFilterBits> filter_;
};

}  // namespace softstart

#endif  // SOFTSTART_WORD_INDEX_H_
