#include "softstart/category.h"

#include <array>

namespace softstart {
namespace {

struct CategoryInfo {
  std::string_view name;
  std::string_view headline;
};

constexpr std::array<CategoryInfo, kCategoryCount> kCategories = {{
    {"blame", "This might land as blame"},
    {"demand", "This might land as a demand"},
    {"loaded-question", "This question might feel like an accusation"},
    {"pressure", "This might feel like pressure"},
    {"dismissive", "This might feel dismissive"},
}};

}  // namespace

std::string_view CategoryName(Category category) {
  return kCategories[static_cast<size_t>(category)].name;
}

std::string_view CategoryHeadline(Category category) {
  return kCategories[static_cast<size_t>(category)].headline;
}

std::optional<Category> ParseCategory(std::string_view name) {
  for (size_t i = 0; i < kCategories.size(); ++i) {
    if (kCategories[i].name == name) return static_cast<Category>(i);
  }
  return std::nullopt;
}

}  // namespace softstart
