// The words of the review dialog, built from an Analysis. They should read
// like a kind coach, not an error: a short headline, the words that may land
// badly with the guide's principle behind each, and a reminder that the
// suggestion can be edited. All plain text: Pidgin and Finch show the primary
// and secondary texts verbatim.
//
//   DialogText text = BuildDialogText(visible, analysis);
//   purple_request_fields(handle, text.title.c_str(), text.primary.c_str(),
//                         text.secondary.c_str(), ...);
#ifndef SOFTSTART_PLUGIN_DIALOG_TEXT_H_
#define SOFTSTART_PLUGIN_DIALOG_TEXT_H_

#include <string>
#include <string_view>

#include "softstart/rewriter.h"

namespace softstart {

inline constexpr char kDialogTitle[] = "softstart";
inline constexpr char kEditHint[] =
    "You can edit the suggestion below until it sounds like you.";

struct DialogText {
  std::string title;
  std::string primary;
  std::string secondary;
};

// `visible` is the text given to Rewriter::Analyze(): finding spans index it.
// Precondition: analysis.flagged().
DialogText BuildDialogText(std::string_view visible, const Analysis& analysis);

// The words a finding points at, as shown in the dialog: whitespace folded,
// long phrases shortened at a character boundary.
std::string QuotedWords(std::string_view visible, const Finding& finding);

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_DIALOG_TEXT_H_
