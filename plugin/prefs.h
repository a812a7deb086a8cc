// The plugin's preferences under /plugins/core/softstart, and the frame
// Pidgin ("Configure Plugin") and Finch (a form) draw for them. Read where
// they are used (per message), so a change in the UI applies to the next
// message without reloading anything.
//
//   RegisterPrefs();                       // on load
//   CheckSettings s = ReadCheckSettings(Now());
//   if (!s.paused) rewriter.Analyze(text, s.options);
//
// A pause is stored as an absolute expiry time (`paused_until`, seconds since
// the epoch, as a decimal string so it outlives 2038), so it survives a
// restart and ends on its own: once the time has passed, ReadCheckSettings()
// says "not paused" with no user action. The "Pause checking" choice is only
// how the user sets it; ExpirePause() puts it back to "Not paused".
#ifndef SOFTSTART_PLUGIN_PREFS_H_
#define SOFTSTART_PLUGIN_PREFS_H_

#include <purple.h>

#include <ctime>
#include <string>

#include "softstart/category.h"
#include "softstart/rewriter.h"

namespace softstart {

inline constexpr char kPrefRoot[] = "/plugins/core/softstart";
// Folder with the user's own rule data; "" means the usual search path.
inline constexpr char kPrefRulesDir[] = "/plugins/core/softstart/rules_dir";
// One bool per category: /plugins/core/softstart/categories/<CategoryName>.
inline constexpr char kPrefCategories[] = "/plugins/core/softstart/categories";
// Int, one of the PauseChoice values: what the user picked last.
inline constexpr char kPrefPause[] = "/plugins/core/softstart/pause";
// String, seconds since the epoch; "0" or "" when not paused.
inline constexpr char kPrefPausedUntil[] = "/plugins/core/softstart/paused_until";
// Int, a SuggestionChoice value.
inline constexpr char kPrefSuggestionStyle[] = "/plugins/core/softstart/suggestion_style";
// Int, a SensitivityChoice value.
inline constexpr char kPrefSensitivity[] = "/plugins/core/softstart/sensitivity";

// Values of kPrefPause: minutes, or kPauseUntilTomorrow.
enum PauseChoice : int {
  kPauseOff = 0,
  kPause15Minutes = 15,
  kPauseOneHour = 60,
  kPauseFourHours = 240,
  kPauseUntilTomorrow = -1,
};

// Values of kPrefSuggestionStyle.
enum SuggestionChoice : int { kSuggestShort = 0, kSuggestFull = 1 };

// Values of kPrefSensitivity (Rewriter::AnalyzeOptions::sensitivity).
enum SensitivityChoice : int { kSensitivityStandard = 0, kSensitivityMore = 1 };

struct CheckSettings {
  bool paused = false;
  time_t paused_until = 0;  // Meaningful when paused.
  Rewriter::AnalyzeOptions options;
};

// Adds every preference with its default (existing values are kept):
// every category on, not paused, the short suggestion first, standard
// sensitivity.
void RegisterPrefs();

std::string RulesDirPref();
std::string CategoryPrefPath(Category category);
// For the preferences and "Try a message…": "Blame", "Demands", ...
const char* CategoryLabel(Category category);

// The clock used for pauses: time() unless a test injected another.
time_t Now();
// nullptr restores time(). For tests only.
void SetClockForTesting(time_t (*clock)());

// When a pause chosen at `now` ends: 0 for kPauseOff, next local midnight
// for kPauseUntilTomorrow, now + minutes otherwise (unknown values: 0).
time_t PauseExpiry(int choice, time_t now);

// Everything a message check needs, as set at `now`.
CheckSettings ReadCheckSettings(time_t now);
// ReadCheckSettings(Now()).options.
Rewriter::AnalyzeOptions ReadAnalyzeOptions();

// Pauses (or resumes, with kPauseOff) as if the user chose `choice` at `now`.
void SetPause(int choice, time_t now);
// If a pause has ended by `now`, clears it and sets the choice back to
// "Not paused". Returns whether checking is paused at `now`.
bool ExpirePause(time_t now);

// Turns a change of the "Pause checking" choice into the expiry time.
// `handle` is the plugin; purple_prefs_disconnect_by_handle undoes it.
void ConnectPrefCallbacks(void* handle);

// The preferences as a frame for the UI, built when the user opens it.
PurplePluginPrefFrame* BuildPrefFrame(time_t now);

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_PREFS_H_
