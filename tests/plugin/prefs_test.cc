// The preferences as the plugin reads them per message: which categories,
// whether checking is paused (with an injected clock, never sleeping) and
// which suggestion comes first. libpurple's prefs run without a core.
#define BOOST_TEST_MODULE plugin_prefs
#include <boost/test/unit_test.hpp>

#include <purple.h>

#include <ctime>
#include <set>
#include <string>

#include "prefs.h"

namespace softstart {
namespace {

time_t g_now = 1'800'000'000;  // 2027-01-15, a fixed "now".
time_t FakeClock() { return g_now; }
int g_handle;  // The "plugin" that owns the pref callbacks.

// Changing a pref schedules a save through the event loop; the loop never
// runs here, so nothing is written.
guint NoInput(int, PurpleInputCondition, PurpleInputFunction, gpointer) { return 0; }
PurpleEventLoopUiOps g_loop = {g_timeout_add, g_source_remove, NoInput, g_source_remove,
                               nullptr, g_timeout_add_seconds, nullptr, nullptr, nullptr};

// libpurple's prefs once per process; every case starts from the defaults.
struct Prefs {
  Prefs() {
    static bool initialised = [] {
      purple_eventloop_set_ui_ops(&g_loop);
      purple_util_set_user_dir("/nonexistent/softstart-prefs-test");
      purple_prefs_init();
      return true;
    }();
    (void)initialised;
    purple_prefs_remove(kPrefRoot);
    RegisterPrefs();
    ConnectPrefCallbacks(&g_handle);
    SetClockForTesting(FakeClock);
    g_now = 1'800'000'000;
  }
  ~Prefs() {
    purple_prefs_disconnect_by_handle(&g_handle);
    SetClockForTesting(nullptr);
  }
};

BOOST_FIXTURE_TEST_CASE(DefaultsCheckEverythingShortFirstNotPaused, Prefs) {
  CheckSettings settings = ReadCheckSettings(g_now);
  BOOST_TEST((settings.options.enabled == CategorySet::All()));
  BOOST_TEST((settings.options.preferred_style == Suggestion::Style::kShort));
  BOOST_TEST(!settings.paused);
  BOOST_TEST(purple_prefs_get_bool("/plugins/core/softstart/categories/loaded-question"));
  BOOST_TEST(purple_prefs_get_int(kPrefPause) == kPauseOff);
}

BOOST_FIXTURE_TEST_CASE(RegisteringKeepsTheUsersValues, Prefs) {
  purple_prefs_set_bool("/plugins/core/softstart/categories/pressure", FALSE);
  purple_prefs_set_int(kPrefSuggestionStyle, kSuggestFull);
  RegisterPrefs();
  BOOST_TEST(!purple_prefs_get_bool("/plugins/core/softstart/categories/pressure"));
  BOOST_TEST(purple_prefs_get_int(kPrefSuggestionStyle) == kSuggestFull);
}

BOOST_FIXTURE_TEST_CASE(EachCategoryHasItsOwnSwitch, Prefs) {
  const Category all[] = {Category::kBlame, Category::kDemand, Category::kLoadedQuestion,
                          Category::kPressure, Category::kDismissive};
  for (Category off : all) {
    purple_prefs_set_bool(CategoryPrefPath(off).c_str(), FALSE);
    CategorySet enabled = ReadCheckSettings(g_now).options.enabled;
    for (Category c : all) BOOST_TEST(enabled.Contains(c) == (c != off), CategoryName(c));
    purple_prefs_set_bool(CategoryPrefPath(off).c_str(), TRUE);
  }
  BOOST_TEST(CategoryPrefPath(Category::kLoadedQuestion) ==
             "/plugins/core/softstart/categories/loaded-question");
  for (Category c : all) purple_prefs_set_bool(CategoryPrefPath(c).c_str(), FALSE);
  BOOST_TEST(ReadCheckSettings(g_now).options.enabled.empty());
}

BOOST_FIXTURE_TEST_CASE(PreferredStyle, Prefs) {
  purple_prefs_set_int(kPrefSuggestionStyle, kSuggestFull);
  BOOST_TEST((ReadCheckSettings(g_now).options.preferred_style == Suggestion::Style::kFull));
  BOOST_TEST((ReadAnalyzeOptions().preferred_style == Suggestion::Style::kFull));
  purple_prefs_set_int(kPrefSuggestionStyle, kSuggestShort);
  BOOST_TEST((ReadCheckSettings(g_now).options.preferred_style == Suggestion::Style::kShort));
  purple_prefs_set_int(kPrefSuggestionStyle, 7);  // Unknown: the default.
  BOOST_TEST((ReadCheckSettings(g_now).options.preferred_style == Suggestion::Style::kShort));
}

BOOST_FIXTURE_TEST_CASE(Sensitivity, Prefs) {
  using S = Rewriter::AnalyzeOptions::Sensitivity;
  BOOST_TEST((ReadCheckSettings(g_now).options.sensitivity == S::kStandard));  // The default.
  purple_prefs_set_int(kPrefSensitivity, kSensitivityMore);
  BOOST_TEST((ReadCheckSettings(g_now).options.sensitivity == S::kMore));
  purple_prefs_set_int(kPrefSensitivity, 7);  // Unknown: the default.
  BOOST_TEST((ReadCheckSettings(g_now).options.sensitivity == S::kStandard));
}

BOOST_AUTO_TEST_CASE(PauseExpiryTimes) {
  const time_t now = 1'800'000'000;
  BOOST_TEST(PauseExpiry(kPauseOff, now) == 0);
  BOOST_TEST(PauseExpiry(kPause15Minutes, now) == now + 15 * 60);
  BOOST_TEST(PauseExpiry(kPauseOneHour, now) == now + 60 * 60);
  BOOST_TEST(PauseExpiry(kPauseFourHours, now) == now + 4 * 60 * 60);
  BOOST_TEST(PauseExpiry(12345, now) == 0);
  // Until tomorrow: the next local midnight.
  time_t tomorrow = PauseExpiry(kPauseUntilTomorrow, now);
  BOOST_TEST(tomorrow > now);
  BOOST_TEST(tomorrow <= now + 25 * 60 * 60);
  struct tm local {};
  localtime_r(&tomorrow, &local);
  BOOST_TEST(local.tm_hour == 0);
  BOOST_TEST(local.tm_min == 0);
  struct tm today {};
  localtime_r(&now, &today);
  BOOST_TEST(local.tm_yday != today.tm_yday);
}

BOOST_FIXTURE_TEST_CASE(ChoosingAPauseStoresItsEndAndItEndsByItself, Prefs) {
  // As the preferences window does: only the choice changes.
  purple_prefs_set_int(kPrefPause, kPauseOneHour);
  BOOST_TEST(std::string(purple_prefs_get_string(kPrefPausedUntil)) ==
             std::to_string(g_now + 3600));
  BOOST_TEST(ReadCheckSettings(g_now).paused);
  BOOST_TEST(ReadCheckSettings(g_now + 3599).paused);
  BOOST_TEST(ReadCheckSettings(g_now + 3599).paused_until == g_now + 3600);
  BOOST_TEST(ExpirePause(g_now + 3599));
  BOOST_TEST(purple_prefs_get_int(kPrefPause) == kPauseOneHour);

  // An hour later nobody touched anything: checking is on again.
  BOOST_TEST(!ReadCheckSettings(g_now + 3600).paused);
  BOOST_TEST(!ExpirePause(g_now + 3600));
  BOOST_TEST(purple_prefs_get_int(kPrefPause) == kPauseOff);
  BOOST_TEST(std::string(purple_prefs_get_string(kPrefPausedUntil)) == "0");
}

BOOST_FIXTURE_TEST_CASE(NotPausedEndsAPause, Prefs) {
  purple_prefs_set_int(kPrefPause, kPauseUntilTomorrow);
  BOOST_TEST(ReadCheckSettings(g_now).paused);
  purple_prefs_set_int(kPrefPause, kPauseOff);
  BOOST_TEST(!ReadCheckSettings(g_now).paused);
  SetPause(kPause15Minutes, g_now);
  BOOST_TEST(ReadCheckSettings(g_now + 60).paused);
  SetPause(kPauseOff, g_now);
  BOOST_TEST(!ReadCheckSettings(g_now + 60).paused);
}

BOOST_FIXTURE_TEST_CASE(TheStoredEndSurvivesARestart, Prefs) {
  // What a restart leaves: the absolute end in the prefs file, no callback yet.
  purple_prefs_disconnect_by_handle(&g_handle);
  purple_prefs_set_string(kPrefPausedUntil, std::to_string(g_now + 600).c_str());
  RegisterPrefs();
  BOOST_TEST(ExpirePause(g_now));
  BOOST_TEST(ReadCheckSettings(g_now).paused);
  BOOST_TEST(!ReadCheckSettings(g_now + 601).paused);
}

BOOST_FIXTURE_TEST_CASE(AGarbledEndMeansNotPaused, Prefs) {
  for (const char* garbled : {"", "soon", "-5", "12abc"}) {
    purple_prefs_set_string(kPrefPausedUntil, garbled);
    BOOST_TEST(!ReadCheckSettings(g_now).paused, garbled);
  }
}

BOOST_FIXTURE_TEST_CASE(FrameShowsEveryPreferenceAndThePause, Prefs) {
  auto names = [](PurplePluginPrefFrame* frame, std::string* labels) {
    std::set<std::string> out;
    for (GList* l = purple_plugin_pref_frame_get_prefs(frame); l != nullptr; l = l->next) {
      auto* pref = static_cast<PurplePluginPref*>(l->data);
      if (purple_plugin_pref_get_name(pref) != nullptr) out.insert(purple_plugin_pref_get_name(pref));
      if (purple_plugin_pref_get_label(pref) != nullptr) *labels += purple_plugin_pref_get_label(pref);
    }
    return out;
  };
  std::string labels;
  PurplePluginPrefFrame* frame = BuildPrefFrame(g_now);
  std::set<std::string> shown = names(frame, &labels);
  purple_plugin_pref_frame_destroy(frame);
  BOOST_TEST(shown.size() == 9u);
  BOOST_TEST(shown.count(kPrefPause) == 1u);
  BOOST_TEST(shown.count(kPrefSuggestionStyle) == 1u);
  BOOST_TEST(shown.count(kPrefSensitivity) == 1u);
  BOOST_TEST(shown.count(kPrefRulesDir) == 1u);
  BOOST_TEST(shown.count(kPrefPausedUntil) == 0u);  // Internal.
  BOOST_TEST(labels.find("Checking is on") != std::string::npos);

  SetPause(kPauseOneHour, g_now);
  labels.clear();
  frame = BuildPrefFrame(g_now);
  names(frame, &labels);
  purple_plugin_pref_frame_destroy(frame);
  BOOST_TEST(labels.find("paused until") != std::string::npos, labels);
}

}  // namespace
}  // namespace softstart
