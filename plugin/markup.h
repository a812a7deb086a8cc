// Conversions between purple markup (the HTML that travels in
// `sending-im-msg`) and the plain text the rewriter and the dialog work on.
//
//   std::string visible = softstart::VisibleText(*message);  // analyse this
//   std::string html = softstart::MarkupFromPlainText(edited);  // send this
//
// Both wrap libpurple's own helpers so that what we analyse is exactly what the
// chat window shows, and what we send renders as the user typed it.
#ifndef SOFTSTART_PLUGIN_MARKUP_H_
#define SOFTSTART_PLUGIN_MARKUP_H_

#include <string>
#include <string_view>

namespace softstart {

// The text a reader sees: tags removed, entities decoded (`&apos;` and
// `&#39;` become an apostrophe), `<br>` and raw newlines become "\n".
// Raw newlines are kept because Finch sends them instead of `<br>`, and
// purple_markup_strip_html would otherwise fold them into spaces.
std::string VisibleText(std::string_view markup);

// Markup that displays `text` verbatim: `& < > "` escaped, every line break
// ("\r\n", "\n" or "\r") turned into `<br>`. Apostrophes stay as typed, as
// Pidgin itself sends them.
std::string MarkupFromPlainText(std::string_view text);

}  // namespace softstart

#endif  // SOFTSTART_PLUGIN_MARKUP_H_
