// Per-test-case fixture for end-to-end scenarios: a fresh partner account and
// contact (flagged unless asked otherwise), its conversation, the request UI
// with request_fields, and marks into the receiver, conversation and debug
// records so a case sees only what happened during it.
//
// On teardown it closes any dialog the case left open and checks privacy:
// the plugin's own debug lines never carry a text this case used, and a text
// remembered as unsent appears nowhere in the captured debug output.
#ifndef SOFTSTART_TESTS_E2E_SCENARIO_H_
#define SOFTSTART_TESTS_E2E_SCENARIO_H_

#include <purple.h>

#include <string>
#include <vector>

#include "e2e_environment.h"
#include "purple_client.h"
#include "scripted_request_ui.h"

namespace softstart::e2e {

inline constexpr int kArriveMs = 10000;  // Upper bound; loopback is fast.
inline constexpr int kQuietMs = 1200;    // How long "nothing arrives" waits.

class Scenario {
 public:
  explicit Scenario(bool flagged = true);
  ~Scenario();

  // Types markup into the conversation and presses Enter; remembers the
  // text for the privacy check.
  void Send(const std::string& markup);
  // Sends markup that must be held and returns its dialog; fails the case
  // (BOOST_REQUIRE) when no dialog opens.
  Dialog* SendExpectingHold(const std::string& markup);
  // The next dialog opened after this case started (or after the previous
  // one returned by this call).
  Dialog* WaitForDialog(int timeout_ms = 5000);

  // Bodies the partner received since this case began.
  std::vector<std::string> Received() const;
  // Pumps until the partner has at least n bodies; returns Received().
  std::vector<std::string> WaitReceived(size_t n, int timeout_ms = kArriveMs);
  // Pumps for ms; returns Received() (to assert nothing arrived).
  std::vector<std::string> WaitQuiet(int ms = kQuietMs);

  // Conversation writes in this case's conversation since it began.
  std::vector<ConvWrite> Writes() const;
  std::vector<ConvWrite> SystemWrites() const;
  // True when a system write's visible text contains text.
  bool SystemWriteContains(const std::string& text) const;

  // Texts for the privacy check: used ones must not be in the plugin's own
  // debug lines; unsent ones must not be in any debug line.
  void RememberUsed(const std::string& text);
  void RememberUnsent(const std::string& text);
  // Privacy violations so far, one per line ("" when clean).
  std::string PrivacyViolations() const;

  const std::string& user() const { return user_; }
  const std::string& jid() const { return jid_; }
  PurpleBuddy* buddy() const { return buddy_; }
  PurpleConversation* conv() const { return conv_; }
  size_t debug_mark() const { return debug_mark_; }

 private:
  std::string user_;
  std::string jid_;
  PurpleBuddy* buddy_ = nullptr;
  PurpleConversation* conv_ = nullptr;
  size_t received_mark_ = 0;
  size_t conv_mark_ = 0;
  size_t debug_mark_ = 0;
  int dialog_mark_ = 0;
  std::vector<std::string> used_;
  std::vector<std::string> unsent_;
};

// A Scenario whose contact is not flagged.
struct UnflaggedScenario : Scenario {
  UnflaggedScenario() : Scenario(false) {}
};

// The visible form of markup, as the receiver's body shows it.
std::string VisibleText(const std::string& markup);
// Markup-escapes text the way the plugin must (newlines as <br>).
std::string EscapeMarkup(const std::string& text);

}  // namespace softstart::e2e

#endif  // SOFTSTART_TESTS_E2E_SCENARIO_H_
