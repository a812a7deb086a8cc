// "Try a message…": what softstart would say about a text, without sending
// anything. The words come from the same Analysis the review dialog uses:
// each finding with its explanation, then the suggestion and alternatives.
//
//   Analysis analysis = rewriter.Analyze(text, settings.options);
//   TryReport report = BuildTryReport(text, analysis, settings);
//   purple_notify_formatted(handle, kTryTitle, report.primary.c_str(),
//                           report.secondary.c_str(), report.html.c_str(), ...);
#ifndef SOFTSTART_PLUGIN_TRY_MESSAGE_H_
#define SOFTSTART_PLUGIN_TRY_MESSAGE_H_

#include <string>
#include <string_view>

#include "prefs.h"
#include "softstart/rewriter.h"

namespace softstart {

inline constexpr char kTryTitle[] = "Try a message";
inline constexpr char kTryPrimary[] = "Try a message on softstart";
inline constexpr char kTrySecondary[] =
    "Type or paste a message. softstart shows what it would say about it; nothing is sent.";
inline constexpr char kTryOkText[] = "Check";
inline constexpr char kTryCancelText[] = "Close";
inline constexpr char kTryNothingFound[] = "softstart finds nothing to soften";
inline constexpr char kTryNothingSent[] = "Nothing was sent.";

struct TryReport {
  std::string primary;    // Plain text.
  std::string secondary;  // Plain text.
  std::string html;       // Purple markup; every user word escaped.
};

// `visible` is the text given to Analyze(); `settings` says which categories
// were checked and whether checking is paused (the report says so).
TryReport BuildTryReport(std::string_view visible, const Analysis& analysis,
                         const CheckSettings& settings);

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_TRY_MESSAGE_H_
