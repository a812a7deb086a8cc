// A scripted stand-in for a UI's request dialogs. request_fields records the
// dialog (texts, buttons, each field by id) and keeps it open until the test
// answers it the way a user would: pick an action, edit the text, press a
// button, or close the window. Closing calls the cancel callback, as Pidgin
// and Finch do for fields dialogs.
//
// Install(true) gives a UI with request_fields; Install(false) a UI without
// it (the plugin must then fail open).
//
//   ScriptedRequestUi::Install(true);
//   ... send a message ...
//   Dialog* d = ScriptedRequestUi::WaitForOpenDialog(5000);
//   ScriptedRequestUi::Choose(d, 0, "edited text");  // Sets fields, presses OK.
#ifndef SOFTSTART_TESTS_E2E_SCRIPTED_REQUEST_UI_H_
#define SOFTSTART_TESTS_E2E_SCRIPTED_REQUEST_UI_H_

#include <purple.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace softstart::e2e {

struct FieldRecord {
  std::string id;
  std::string label;
  PurpleRequestFieldType type = PURPLE_REQUEST_FIELD_NONE;
  std::string value;  // String fields: the value shown (default if unset).
  bool multiline = false;
  bool editable = true;
  int choice_default = -1;
  int choice_value = -1;
  std::vector<std::string> choice_labels;
};

struct Dialog {
  int serial = 0;  // Order of opening, from 1.
  // An input request (purple_request_input) rather than fields: no fields,
  // its default text in `input_default`, answered with AnswerInput().
  bool input = false;
  bool multiline = false;
  std::string input_default;
  std::string title, primary, secondary, ok_text, cancel_text, who;
  PurpleConversation* conv = nullptr;
  std::vector<FieldRecord> fields;
  bool open = true;
  // Valid while open; owned by this UI (freed on close, as Pidgin does).
  PurpleRequestFields* request_fields = nullptr;
  GCallback ok_cb = nullptr;
  GCallback cancel_cb = nullptr;
  void* user_data = nullptr;

  // The field with this id, or nullptr.
  const FieldRecord* Field(const std::string& id) const;
};

class ScriptedRequestUi {
 public:
  static void Install(bool with_request_fields);

  // Every dialog ever opened, in order (records survive closing).
  static const std::vector<std::unique_ptr<Dialog>>& dialogs();
  static std::vector<Dialog*> OpenDialogs();
  // Pumps the main loop until a dialog opened after `after_serial` is open.
  static Dialog* WaitForDialog(int after_serial, int timeout_ms);
  static int last_serial();
  // Any request of another kind (action, input, choice) the plugin opened.
  static int other_request_count();

  // Sets a choice or bool field of an open fields dialog by id.
  static void SetChoice(Dialog* dialog, const std::string& id, int value);
  static void SetBool(Dialog* dialog, const std::string& id, bool value);
  // Types text into an input request and presses its OK button.
  static void AnswerInput(Dialog* dialog, const std::string& text);

  // Sets softstart.action (and softstart.text when given), then presses OK.
  static void Choose(Dialog* dialog, int action,
                     const std::optional<std::string>& text = std::nullopt);
  static void PressOk(Dialog* dialog);
  static void PressCancel(Dialog* dialog);
  // The window manager's close button: the same cancel callback.
  static void CloseWindow(Dialog* dialog) { PressCancel(dialog); }
  // Closes every open dialog by its window; for test teardown.
  static void CloseAll();
  // Forgets an open dialog without calling back, for when its owner is gone
  // (an unloaded plugin that failed to close its requests).
  static void Abandon(Dialog* dialog);
};

}  // namespace softstart::e2e

#endif  // SOFTSTART_TESTS_E2E_SCRIPTED_REQUEST_UI_H_
