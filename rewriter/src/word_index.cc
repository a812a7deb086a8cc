#include "word_index.h"

#include <algorithm>
#include <bit>

namespace softstart {

uint64_t WordHash(std::string_view word) {
  uint64_t hash = kWordHashStart;
  for (char c : word) hash = WordHashStep(hash, c);
  return hash;
}

void WordIndex::Add(const std::string& word, uint32_t group) {
  auto [it, added] = index_of_.try_emplace(word, entries_.size());
  if (added) entries_.push_back({WordHash(word), word, {}});
  std::vector<GroupBits>& groups = entries_[it->second].groups;
  const uint32_t chunk = group / 64;
  auto bits = std::find_if(groups.begin(), groups.end(), [&](const GroupBits& bits) { return bits.chunk == chunk; });
  if (bits == groups.end()) bits = groups.insert(groups.end(), {chunk, 0});
  bits->bits |= uint64_t{1} << (group % 64);
}

void WordIndex::Finish() {
  // At most a quarter full: probes stay short.
  const size_t size = std::bit_ceil(std::max<size_t>(4 * entries_.size(), 16));
  slots_.assign(size, -1);
  slot_mask_ = size - 1;
  slot_shift_ = 64 - std::countr_zero(size);
  filter_.reset();
  index_of_.clear();
  for (size_t i = 0; i < entries_.size(); ++i) {
    size_t slot = Slot(entries_[i].hash);
    while (slots_[slot] >= 0) slot = (slot + 1) & slot_mask_;
    slots_[slot] = static_cast<int32_t>(i);
    filter_.set(FilterBit(entries_[i].hash));
  }
}

}  // namespace softstart
