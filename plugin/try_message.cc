#include "try_message.h"

#include "dialog_text.h"
#include "markup.h"

namespace softstart {
namespace {

constexpr Category kAllCategories[] = {Category::kBlame, Category::kDemand,
                                       Category::kLoadedQuestion, Category::kPressure,
                                       Category::kDismissive};

std::string Html(std::string_view text) { return MarkupFromPlainText(text); }

std::string TurnedOff(const CategorySet& enabled) {
  std::string off;
  for (Category category : kAllCategories) {
    if (enabled.Contains(category)) continue;
    if (!off.empty()) off += ", ";
    off += CategoryLabel(category);
  }
  return off;
}

}  // namespace

TryReport BuildTryReport(std::string_view visible, const Analysis& analysis,
                         const CheckSettings& settings) {
  TryReport report;
  std::string notes;
  if (settings.paused) {
    notes += "<i>Checking is paused right now, so a real message would go out at once. This is "
             "what softstart says when it checks.</i><br>";
  }
  std::string off = TurnedOff(settings.options.enabled);
  if (!off.empty()) notes += "<i>Not checked (turned off in the preferences): " + off + ".</i><br>";
  if (!notes.empty()) notes += "<br>";

  if (!analysis.flagged()) {
    report.primary = kTryNothingFound;
    report.secondary = "A message like this goes out at once.";
    report.html = notes + "<b>You wrote</b><br>" + Html(visible) + "<br><br><i>" +
                  kTryNothingSent + "</i>";
    return report;
  }

  DialogText text = BuildDialogText(visible, analysis);
  report.primary = text.primary;
  report.secondary = "softstart would hold this message and ask you first.";
  std::string html = notes + "<b>You wrote</b><br>" + Html(visible) + "<br><br>";
  html += "<b>What softstart found</b><br>";
  for (const Finding& finding : analysis.findings) {
    html += "\u201c" + Html(QuotedWords(visible, finding)) + "\u201d \u2014 " +
            Html(CategoryHeadline(finding.category));
    if (!finding.principle.empty()) html += "<br>" + Html(finding.principle);
    if (!finding.explanation.empty()) html += ": " + Html(finding.explanation);
    html += "<br><br>";
  }
  if (!analysis.suggestions.empty()) {
    html += "<b>Suggestion</b><br>" + Html(analysis.suggestions.front().text) + "<br><br>";
  }
  if (analysis.suggestions.size() > 1) {
    html += "<b>Other ways to say it</b><br>";
    for (size_t i = 1; i < analysis.suggestions.size(); ++i) {
      html += "\u2022 " + Html(analysis.suggestions[i].text) + "<br>";
    }
    html += "<br>";
  }
  html += std::string("<i>") + kTryNothingSent + "</i>";
  report.html = std::move(html);
  return report;
}

}  // namespace softstart
