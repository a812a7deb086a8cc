#include "held_list.h"

#include "markup.h"

namespace softstart {
namespace {

void AppendEntry(const HeldMessage& message, const char* state, std::string* html) {
  *html += "<b>To " + MarkupFromPlainText(message.receiver) + "</b> (" + state + ")<br>";
  // The markup as typed: it renders as the user saw it in the input box.
  *html += message.markup + "<br><br>";
}

const char* StateOf(const HeldMessage& message) {
  return message.needs_review() ? "waiting for your choice" : "waiting behind an earlier message";
}

}  // namespace

std::string FormatHeldList(const std::vector<const HeldMessage*>& waiting,
                           const std::vector<HeldMessage>& kept) {
  if (waiting.empty() && kept.empty()) return kHeldListEmpty;
  std::string html;
  for (const HeldMessage* message : waiting) AppendEntry(*message, StateOf(*message), &html);
  for (const HeldMessage& message : kept) AppendEntry(message, "not sent", &html);
  return html;
}

std::vector<const HeldMessage*> HeldEntries(const std::vector<const HeldMessage*>& waiting,
                                            const std::vector<HeldMessage>& kept) {
  std::vector<const HeldMessage*> entries = waiting;
  for (const HeldMessage& message : kept) entries.push_back(&message);
  return entries;
}

std::string HeldTextFieldId(size_t number) {
  return "softstart.held.text." + std::to_string(number);
}

std::string HeldVisibleText(const HeldMessage& message) {
  // Only checked messages carry their visible text; queued ones just markup.
  return message.visible.empty() ? VisibleText(message.markup) : message.visible;
}

PurpleRequestFields* BuildHeldFields(const std::vector<const HeldMessage*>& entries,
                                     size_t waiting_count) {
  PurpleRequestFields* fields = purple_request_fields_new();
  PurpleRequestFieldGroup* texts = purple_request_field_group_new(nullptr);
  purple_request_fields_add_group(fields, texts);
  PurpleRequestField* which = purple_request_field_choice_new(kFieldHeldWhich, "Message", 0);
  for (size_t i = 0; i < entries.size(); ++i) {
    const HeldMessage& message = *entries[i];
    std::string number = std::to_string(i + 1);
    // Labels are fixed words: Pidgin parses them as markup with mnemonics,
    // and a contact's name may contain '_' or '&'. Choice labels are plain.
    std::string label = "Message " + number;
    PurpleRequestField* text = purple_request_field_string_new(
        HeldTextFieldId(i + 1).c_str(), label.c_str(), HeldVisibleText(message).c_str(), TRUE);
    purple_request_field_string_set_editable(text, FALSE);
    purple_request_field_group_add_field(texts, text);
    std::string choice = label + ", to " + message.receiver +
                         (i < waiting_count ? " (" + std::string(StateOf(message)) + ")"
                                            : std::string(" (not sent)"));
    purple_request_field_choice_add(which, choice.c_str());
  }
  PurpleRequestFieldGroup* act = purple_request_field_group_new(nullptr);
  purple_request_fields_add_group(fields, act);
  purple_request_field_group_add_field(act, which);
  PurpleRequestField* action = purple_request_field_choice_new(
      kFieldHeldAction, "What to do", static_cast<int>(HeldAction::kCopyBack));
  // Order matters: the index is the HeldAction value.
  purple_request_field_choice_add(action, "Copy it back into its conversation");
  purple_request_field_choice_add(action, "Discard it");
  purple_request_field_group_add_field(act, action);
  return fields;
}

HeldAnswer ReadHeldAnswer(PurpleRequestFields* fields) {
  HeldAnswer answer;
  if (fields == nullptr || purple_request_fields_get_field(fields, kFieldHeldWhich) == nullptr) {
    return answer;
  }
  answer.index = purple_request_fields_get_choice(fields, kFieldHeldWhich);
  answer.action = purple_request_fields_get_choice(fields, kFieldHeldAction) == 1
                      ? HeldAction::kDiscard
                      : HeldAction::kCopyBack;
  return answer;
}

}  // namespace softstart
