// The five kinds of finding, named as the guide's principles are broken.
// Names ("blame", "demand", "loaded-question", "pressure", "dismissive") are
// stable: they appear in rule ids, JSON output and preferences.
#ifndef SOFTSTART_CATEGORY_H_
#define SOFTSTART_CATEGORY_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace softstart {

enum class Category : uint8_t {
  kBlame,
  kDemand,
  kLoadedQuestion,
  kPressure,
  kDismissive,
};
inline constexpr int kCategoryCount = 5;

std::string_view CategoryName(Category category);
// "blame" -> kBlame; nullopt for anything else.
std::optional<Category> ParseCategory(std::string_view name);
// A short headline for a dialog, e.g. "This may sound like blame".
std::string_view CategoryHeadline(Category category);

// A small set of categories (bit set), e.g. for a user's preferences.
class CategorySet {
 public:
  static CategorySet All() { return CategorySet((1u << kCategoryCount) - 1); }
  static CategorySet None() { return CategorySet(0); }
  bool Contains(Category c) const { return bits_ & Bit(c); }
  void Add(Category c) { bits_ |= Bit(c); }
  void Remove(Category c) { bits_ &= ~Bit(c); }
  bool empty() const { return bits_ == 0; }
  bool operator==(const CategorySet&) const = default;
  CategorySet operator&(CategorySet other) const { return CategorySet(bits_ & other.bits_); }

 private:
  explicit CategorySet(uint32_t bits) : bits_(bits) {}
  static uint32_t Bit(Category c) { return 1u << static_cast<uint32_t>(c); }
  uint32_t bits_;
};

}  // namespace softstart

#endif  // SOFTSTART_CATEGORY_H_
