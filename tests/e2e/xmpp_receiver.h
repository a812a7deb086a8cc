// The independent end of the conversation: receiver.py (slixmpp, not
// libpurple) logged in as the partners, one JSON line per received message.
// Lines are read from the GLib main loop, so they arrive while the libpurple
// client pumps.
//
//   XmppReceiver receiver;
//   receiver.Start(python, script, port, password, {"p01", "p02"}, log, &err);
//   PurpleClient::PumpUntil([&] { return receiver.Bodies("p01").size() == 1; }, 5000);
#ifndef SOFTSTART_TESTS_E2E_XMPP_RECEIVER_H_
#define SOFTSTART_TESTS_E2E_XMPP_RECEIVER_H_

#include <glib.h>

#include <string>
#include <vector>

#include "child_process.h"

namespace softstart::e2e {

struct ReceivedMessage {
  std::string user;  // The receiving account (local part).
  std::string from;
  std::string body;
  std::string html;  // XHTML-IM body if one came, else "".
};

class XmppReceiver {
 public:
  XmppReceiver() = default;
  ~XmppReceiver() { Stop(); }

  // Starts the script and waits (pumping the main loop) until every user is
  // online. False with *err (including the script's stderr) on failure, e.g.
  // when slixmpp is missing.
  bool Start(const std::string& python, const std::string& script, int port,
             const std::string& password, const std::vector<std::string>& users,
             const std::string& stderr_path, std::string* err);
  void Stop();

  bool running() { return process_.Running(); }
  const std::vector<ReceivedMessage>& messages() const { return messages_; }
  // Bodies received by one user, in order of arrival.
  std::vector<std::string> Bodies(const std::string& user) const;
  // Lines the script reported as errors (e.g. auth failures).
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  static gboolean OnReadable(GIOChannel* channel, GIOCondition cond, gpointer self);
  void ReadAvailable();
  void HandleLine(const std::string& line);

  ChildProcess process_;
  guint watch_ = 0;
  std::string partial_;
  bool ready_ = false;
  std::vector<ReceivedMessage> messages_;
  std::vector<std::string> errors_;
};

}  // namespace softstart::e2e

#endif  // SOFTSTART_TESTS_E2E_XMPP_RECEIVER_H_
