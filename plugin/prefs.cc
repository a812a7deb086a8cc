#include "prefs.h"

#include <charconv>
#include <string_view>

namespace softstart {
namespace {

time_t (*g_clock)() = nullptr;
// Set while the plugin itself writes kPrefPause, so the callback does not
// turn its own reset into a new pause.
bool g_setting_pause = false;

constexpr Category kAllCategories[] = {Category::kBlame, Category::kDemand,
                                       Category::kLoadedQuestion, Category::kPressure,
                                       Category::kDismissive};

time_t ReadPausedUntil() {
  const char* text = purple_prefs_get_string(kPrefPausedUntil);
  if (text == nullptr) return 0;
  long long value = 0;
  std::string_view view(text);
  auto [end, error] = std::from_chars(view.data(), view.data() + view.size(), value);
  if (error != std::errc() || value < 0) return 0;
  return static_cast<time_t>(value);
}

void WritePausedUntil(time_t until) {
  purple_prefs_set_string(kPrefPausedUntil, std::to_string(static_cast<long long>(until)).c_str());
}

void OnPauseChanged(const char*, PurplePrefType, gconstpointer value, gpointer) {
  if (g_setting_pause) return;
  WritePausedUntil(PauseExpiry(GPOINTER_TO_INT(value), Now()));
}

// "14:35", or "Tue 14:35" when the pause ends on another day.
std::string FormatUntil(time_t until, time_t now) {
  struct tm until_tm {};
  struct tm now_tm {};
  localtime_r(&until, &until_tm);
  localtime_r(&now, &now_tm);
  bool same_day = until_tm.tm_yday == now_tm.tm_yday && until_tm.tm_year == now_tm.tm_year;
  char buffer[32];
  strftime(buffer, sizeof(buffer), same_day ? "%H:%M" : "%a %H:%M", &until_tm);
  return buffer;
}

}  // namespace

void RegisterPrefs() {
  purple_prefs_add_none(kPrefRoot);
  purple_prefs_add_string(kPrefRulesDir, "");
  purple_prefs_add_none(kPrefCategories);
  for (Category category : kAllCategories) {
    purple_prefs_add_bool(CategoryPrefPath(category).c_str(), TRUE);
  }
  purple_prefs_add_int(kPrefPause, kPauseOff);
  purple_prefs_add_string(kPrefPausedUntil, "0");
  purple_prefs_add_int(kPrefSuggestionStyle, kSuggestShort);
  purple_prefs_add_int(kPrefSensitivity, kSensitivityStandard);
}

std::string RulesDirPref() {
  const char* dir = purple_prefs_get_string(kPrefRulesDir);
  return dir != nullptr ? std::string(dir) : std::string();
}

std::string CategoryPrefPath(Category category) {
  return std::string(kPrefCategories) + "/" + std::string(CategoryName(category));
}

const char* CategoryLabel(Category category) {
  switch (category) {
    case Category::kBlame:
      return "Blame";
    case Category::kDemand:
      return "Demands";
    case Category::kLoadedQuestion:
      return "Loaded questions";
    case Category::kPressure:
      return "Pressure";
    case Category::kDismissive:
      return "Dismissive words";
  }
  return "";
}

time_t Now() { return g_clock != nullptr ? g_clock() : time(nullptr); }

void SetClockForTesting(time_t (*clock)()) { g_clock = clock; }

time_t PauseExpiry(int choice, time_t now) {
  switch (choice) {
    case kPause15Minutes:
    case kPauseOneHour:
    case kPauseFourHours:
      return now + static_cast<time_t>(choice) * 60;
    case kPauseUntilTomorrow: {
      struct tm local {};
      localtime_r(&now, &local);
      local.tm_mday += 1;
      local.tm_hour = 0;
      local.tm_min = 0;
      local.tm_sec = 0;
      local.tm_isdst = -1;  // Let mktime work out a DST change overnight.
      time_t midnight = mktime(&local);
      return midnight > now ? midnight : now + 24 * 60 * 60;
    }
    default:
      return 0;
  }
}

CheckSettings ReadCheckSettings(time_t now) {
  CheckSettings settings;
  settings.options.enabled = CategorySet::None();
  for (Category category : kAllCategories) {
    // A missing pref (never registered) reads as FALSE; registration adds
    // every one as TRUE, so this only matters before RegisterPrefs().
    if (purple_prefs_get_bool(CategoryPrefPath(category).c_str())) {
      settings.options.enabled.Add(category);
    }
  }
  settings.options.preferred_style = purple_prefs_get_int(kPrefSuggestionStyle) == kSuggestFull
                                         ? Suggestion::Style::kFull
                                         : Suggestion::Style::kShort;
  settings.options.sensitivity = purple_prefs_get_int(kPrefSensitivity) == kSensitivityMore
                                     ? Rewriter::AnalyzeOptions::Sensitivity::kMore
                                     : Rewriter::AnalyzeOptions::Sensitivity::kStandard;
  time_t until = ReadPausedUntil();
  settings.paused = until > now;
  settings.paused_until = settings.paused ? until : 0;
  return settings;
}

Rewriter::AnalyzeOptions ReadAnalyzeOptions() { return ReadCheckSettings(Now()).options; }

void SetPause(int choice, time_t now) {
  g_setting_pause = true;
  purple_prefs_set_int(kPrefPause, choice);
  g_setting_pause = false;
  WritePausedUntil(PauseExpiry(choice, now));
}

bool ExpirePause(time_t now) {
  time_t until = ReadPausedUntil();
  if (until > now) return true;
  if (until != 0 || purple_prefs_get_int(kPrefPause) != kPauseOff) SetPause(kPauseOff, now);
  return false;
}

void ConnectPrefCallbacks(void* handle) {
  purple_prefs_connect_callback(handle, kPrefPause, OnPauseChanged, nullptr);
}

PurplePluginPrefFrame* BuildPrefFrame(time_t now) {
  PurplePluginPrefFrame* frame = purple_plugin_pref_frame_new();
  auto add = [frame](PurplePluginPref* pref) { purple_plugin_pref_frame_add(frame, pref); };

  add(purple_plugin_pref_new_with_label("Check my messages for"));
  for (Category category : kAllCategories) {
    add(purple_plugin_pref_new_with_name_and_label(CategoryPrefPath(category).c_str(),
                                                   CategoryLabel(category)));
  }

  bool paused = ExpirePause(now);
  add(purple_plugin_pref_new_with_label(
      paused ? ("Checking is paused until " + FormatUntil(ReadPausedUntil(), now) + ".").c_str()
             : "Checking is on."));
  PurplePluginPref* pause = purple_plugin_pref_new_with_name_and_label(kPrefPause, "Pause checking");
  purple_plugin_pref_set_type(pause, PURPLE_PLUGIN_PREF_CHOICE);
  purple_plugin_pref_add_choice(pause, "Not paused", GINT_TO_POINTER(kPauseOff));
  purple_plugin_pref_add_choice(pause, "For 15 minutes", GINT_TO_POINTER(kPause15Minutes));
  purple_plugin_pref_add_choice(pause, "For 1 hour", GINT_TO_POINTER(kPauseOneHour));
  purple_plugin_pref_add_choice(pause, "For 4 hours", GINT_TO_POINTER(kPauseFourHours));
  purple_plugin_pref_add_choice(pause, "Until tomorrow", GINT_TO_POINTER(kPauseUntilTomorrow));
  add(pause);

  PurplePluginPref* style =
      purple_plugin_pref_new_with_name_and_label(kPrefSuggestionStyle, "Suggestion shown first");
  purple_plugin_pref_set_type(style, PURPLE_PLUGIN_PREF_CHOICE);
  purple_plugin_pref_add_choice(style, "Short", GINT_TO_POINTER(kSuggestShort));
  purple_plugin_pref_add_choice(style, "Full", GINT_TO_POINTER(kSuggestFull));
  add(style);

  PurplePluginPref* sensitivity = purple_plugin_pref_new_with_name_and_label(kPrefSensitivity, "How much to catch");
  purple_plugin_pref_set_type(sensitivity, PURPLE_PLUGIN_PREF_CHOICE);
  purple_plugin_pref_add_choice(sensitivity, "Clear cases", GINT_TO_POINTER(kSensitivityStandard));
  purple_plugin_pref_add_choice(sensitivity, "More, milder ones too",
                                GINT_TO_POINTER(kSensitivityMore));
  add(sensitivity);

  add(purple_plugin_pref_new_with_name_and_label(
      kPrefRulesDir, "Own rules folder (blank: bundled)"));
  return frame;
}

}  // namespace softstart
