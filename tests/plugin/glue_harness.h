// A headless libpurple for the plugin's glue tests: a fake protocol that
// records what would reach the server, and fake UI ops that record
// conversation lines, dialogs and debug output. No network at all.
//
// Start() initialises libpurple once per process and loads softstart.so from
// the build tree; tests then drive conversations and answer dialogs.
#ifndef SOFTSTART_TESTS_PLUGIN_GLUE_HARNESS_H_
#define SOFTSTART_TESTS_PLUGIN_GLUE_HARNESS_H_

#include <purple.h>

#include <memory>
#include <string>
#include <vector>

namespace softstart::testing {

// Lines the fake UI recorded (conversation writes, notices, debug lines).
using Lines = std::vector<std::string>;

inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

inline bool AnyContains(const Lines& lines, const std::string& needle) {
  for (const std::string& line : lines) {
    if (Contains(line, needle)) return true;
  }
  return false;
}

// A fields dialog as the fake UI received it.
struct Dialog {
  std::string title, primary, secondary, ok_text, cancel_text, who;
  PurpleRequestFields* fields = nullptr;
  GCallback ok_cb = nullptr;
  GCallback cancel_cb = nullptr;
  void* user_data = nullptr;
  bool closed = false;    // The plugin or the UI closed it.
  bool answered = false;  // The "user" pressed a button.
  // An input request (purple_request_input) instead of fields: no fields,
  // callbacks of type PurpleRequestInputCb.
  bool input = false;
  bool multiline = false;
};

struct Recorder {
  std::vector<std::string> sent;     // What reached the (fake) server, in order.
  std::vector<std::string> echoes;   // Local echoes of sent messages.
  std::vector<std::string> notes;    // System lines written in conversations.
  std::vector<std::unique_ptr<Dialog>> dialogs;
  std::vector<std::string> notifications;  // notify_formatted texts.
  std::string debug_log;             // Everything logged at any level.
  bool request_ui = true;            // Offer request_fields to the plugin.
  void Clear();
};

Recorder& Record();

// Initialises libpurple and loads the plugin (once).
void Start();
PurplePlugin* Plugin();
// Runs the plugin action with this label, as Tools → softstart would; false
// when there is none.
bool RunAction(const std::string& label);
PurpleAccount* Account();
PurpleConversation* Im(const char* who);
// Sends as the user would type it in the conversation window.
void Type(const char* who, const char* markup);
// Runs the main loop until idle (dialogs open from a timeout).
void Spin();

// Answers the dialog like a user: choose `action` (0, 1, 2), optionally edit
// the suggestion, press Send (ok) or Don't send / close (cancel).
void PressSend(Dialog* dialog, int action, const char* edited = nullptr);
void PressDontSend(Dialog* dialog);
// Answers an input request with `text` and presses its OK button.
void AnswerInput(Dialog* dialog, const char* text);
// The open dialogs, oldest first.
std::vector<Dialog*> OpenDialogs();

void Connect();
void Disconnect();

}  // namespace softstart::testing

#endif  // SOFTSTART_TESTS_PLUGIN_GLUE_HARNESS_H_
