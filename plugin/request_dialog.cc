#include "request_dialog.h"

#include "dialog_text.h"

namespace softstart {

bool RequestUiAvailable() {
  PurpleRequestUiOps* ops = purple_request_get_ui_ops();
  return ops != nullptr && ops->request_fields != nullptr;
}

PurpleRequestFields* BuildReviewFields(const HeldMessage& message) {
  PurpleRequestFields* fields = purple_request_fields_new();
  PurpleRequestFieldGroup* group = purple_request_field_group_new(nullptr);
  purple_request_fields_add_group(fields, group);

  // A read-only string field, not a label: Pidgin would parse a label as
  // markup with mnemonics and mangle the user's words.
  PurpleRequestField* original =
      purple_request_field_string_new(kFieldOriginal, "You wrote", message.visible.c_str(), TRUE);
  purple_request_field_string_set_editable(original, FALSE);
  purple_request_field_group_add_field(group, original);

  PurpleRequestField* text = purple_request_field_string_new(
      kFieldText, "Suggestion", message.analysis.suggestion().c_str(), TRUE);
  purple_request_field_group_add_field(group, text);

  PurpleRequestField* action =
      purple_request_field_choice_new(kFieldAction, "What to do",
                                      static_cast<int>(Decision::Action::kSendSuggestion));
  // Order matters: the index is the Decision::Action value.
  purple_request_field_choice_add(action, "Send suggestion");
  purple_request_field_choice_add(action, "Send original");
  purple_request_field_choice_add(action, "Don't send");
  purple_request_field_group_add_field(group, action);
  return fields;
}

ChoiceNumbering CurrentChoiceNumbering() {
  const char* ui = purple_core_get_ui();
  return ui != nullptr && g_strcmp0(ui, kFinchUi) == 0 ? ChoiceNumbering::kFinchFromOne
                                                       : ChoiceNumbering::kFromZero;
}

Decision ReadDecision(PurpleRequestFields* fields) { return ReadDecision(fields, CurrentChoiceNumbering()); }

Decision ReadDecision(PurpleRequestFields* fields, ChoiceNumbering numbering) {
  Decision decision;
  int choice = purple_request_fields_get_choice(fields, kFieldAction);
  if (numbering == ChoiceNumbering::kFinchFromOne) {
    // 0: untouched, so the default; 1..3: the item picked.
    choice = choice == 0 ? static_cast<int>(Decision::Action::kSendSuggestion) : choice - 1;
  }
  switch (choice) {
    case 0:
      decision.action = Decision::Action::kSendSuggestion;
      break;
    case 1:
      decision.action = Decision::Action::kSendOriginal;
      break;
    default:
      decision.action = Decision::Action::kDontSend;
      break;
  }
  const char* text = purple_request_fields_get_string(fields, kFieldText);
  if (text != nullptr) decision.text = text;
  return decision;
}

void* OpenReviewRequest(void* handle, const HeldMessage& message, PurpleAccount* account,
                        GCallback ok, GCallback cancel, void* user_data) {
  DialogText text = BuildDialogText(message.visible, message.analysis);
  if (CurrentChoiceNumbering() == ChoiceNumbering::kFinchFromOne) {
    // Finch draws string fields one line, about 20 columns wide: the
    // suggestion is readable only here.
    text.secondary += "\n\nSuggestion: " + message.analysis.suggestion();
  }
  PurpleRequestFields* fields = BuildReviewFields(message);
  // No conversation pointer: the conversation may close while the dialog
  // stays open, and the UI must not keep a dangling one.
  return purple_request_fields(handle, text.title.c_str(), text.primary.c_str(),
                               text.secondary.c_str(), fields, kOkText, ok, kCancelText, cancel,
                               account, message.receiver.c_str(), nullptr, user_data);
}

}  // namespace softstart
