#include "held_list.h"

#include "markup.h"

namespace softstart {
namespace {

void AppendEntry(const HeldMessage& message, const char* state, std::string* html) {
  *html += "<b>To " + MarkupFromPlainText(message.receiver) + "</b> (" + state + ")<br>";
  // The markup as typed: it renders as the user saw it in the input box.
  *html += message.markup + "<br><br>";
}

}  // namespace

std::string FormatHeldList(const std::vector<const HeldMessage*>& waiting,
                           const std::vector<HeldMessage>& kept) {
  if (waiting.empty() && kept.empty()) return kHeldListEmpty;
  std::string html;
  for (const HeldMessage* message : waiting) {
    AppendEntry(*message, message->needs_review() ? "waiting for your choice"
                                                  : "waiting behind an earlier message",
                &html);
  }
  for (const HeldMessage& message : kept) AppendEntry(message, "not sent", &html);
  return html;
}

}  // namespace softstart
