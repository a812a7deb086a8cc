// A headless libpurple client for the end-to-end tests, in the spirit of
// libpurple's nullclient example: GLib event loop, core, conversation, blist
// and debug UI ops, one XMPP account on the loopback prosody. It records what
// a user would see (conversation writes) and everything libpurple logs, so
// tests can assert on both.
//
// libpurple is process-global, so this is too: Init() once per process, then
// Connect(), then drive everything from the test through Pump*().
//
//   PurpleClient::Init(work_dir + "/purple", &err);
//   PurpleClient::Connect("me", "secret", port, &err);
//   PurpleConversation* conv = PurpleClient::OpenIm("partner@localhost");
//   PurpleClient::Send(conv, "hello");
//   PurpleClient::PumpUntil([] { return ...; }, 5000);
#ifndef SOFTSTART_TESTS_E2E_PURPLE_CLIENT_H_
#define SOFTSTART_TESTS_E2E_PURPLE_CLIENT_H_

#include <purple.h>

#include <functional>
#include <string>
#include <vector>

namespace softstart::e2e {

inline constexpr char kUiId[] = "softstart-e2e";

// One write into a conversation window (message, echo or system note).
struct ConvWrite {
  std::string conv;  // purple_conversation_get_name
  std::string who;
  std::string markup;  // As written; may carry markup.
  std::string text;    // Visible text (markup stripped, entities decoded).
  PurpleMessageFlags flags;
};

// One line of libpurple debug output.
struct DebugLine {
  PurpleDebugLevel level;
  std::string category;
  std::string text;
};

// One notification (purple_notify_*), e.g. the plugin's "Held messages…".
struct NotifyRecord {
  std::string title, primary, secondary, text;
};

class PurpleClient {
 public:
  // Sets every UI op and initialises the core with user_dir as ~/.purple.
  // The network prefs are set in ui_prefs_init, before purple_network_init,
  // so libpurple never looks beyond loopback for STUN, UPnP or the public IP.
  static bool Init(const std::string& user_dir, std::string* err);
  // Creates and enables user@localhost/e2e on 127.0.0.1:port and waits until
  // it is connected.
  static bool Connect(const std::string& user, const std::string& password,
                      int port, std::string* err);
  // Disables the account, then Quit(). Safe after Quit().
  static void Shutdown();
  // purple_core_quit(), as a user quitting the client. Nothing libpurple
  // may be used afterwards; has_quit() says so.
  static void Quit();
  static bool has_quit();

  static PurpleAccount* account();
  static bool WaitConnected(int timeout_ms);

  // Runs the GLib main loop until done() is true or timeout_ms passed;
  // returns done().
  static bool PumpUntil(const std::function<bool()>& done, int timeout_ms);
  // Runs the main loop for ms milliseconds regardless.
  static void PumpFor(int ms);

  // Adds name to the buddy list (own contact, group "e2e") if missing.
  static PurpleBuddy* AddBuddy(const std::string& name);
  // The contact node's softstart-flagged setting.
  static void SetFlagged(PurpleBuddy* buddy, bool flagged);
  static bool IsFlagged(PurpleBuddy* buddy);

  // Finds or opens an IM conversation, as a UI does on double-click.
  static PurpleConversation* OpenIm(const std::string& name);
  // Sends markup the way Pidgin and Finch do (the conversation API).
  static void Send(PurpleConversation* conv, const std::string& markup);

  // Loads a plugin from a path (probe + load). Returns it, or nullptr with
  // *err set.
  static PurplePlugin* LoadPlugin(const std::string& path, std::string* err);

  static const std::vector<ConvWrite>& conv_writes();
  static const std::vector<NotifyRecord>& notifications();
  static const std::vector<DebugLine>& debug_lines();
  // Everything captured as one searchable text, "category: text" per line.
  static std::string DebugText(size_t from_line = 0);
};

}  // namespace softstart::e2e

#endif  // SOFTSTART_TESTS_E2E_PURPLE_CLIENT_H_
