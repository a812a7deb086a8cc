// The world every end-to-end scenario runs in, built once per test binary:
// a private prosody on loopback, the slixmpp receiver logged in as every
// partner account, and the libpurple client ("me") connected, optionally
// with the softstart plugin loaded from the build tree.
//
// Each scenario takes a partner account no other scenario used (NextPartner),
// so no held message, queue or flag leaks from one case into the next while
// the server, receiver and client are started only once.
#ifndef SOFTSTART_TESTS_E2E_E2E_ENVIRONMENT_H_
#define SOFTSTART_TESTS_E2E_E2E_ENVIRONMENT_H_

#include <purple.h>

#include <memory>
#include <string>

#include "disk_privacy.h"
#include "prosody_server.h"
#include "xmpp_receiver.h"

namespace softstart::e2e {

inline constexpr int kPartnerCount = 32;
inline constexpr char kPassword[] = "e2e-loopback-only";

class E2eEnvironment {
 public:
  static E2eEnvironment& Get();

  // plugin_path empty: no plugin (harness checks). rules_dir is exported as
  // SOFTSTART_RULES_DIR so the plugin finds the source tree's rules.
  bool Start(const std::string& plugin_path, const std::string& rules_dir);
  void Stop();

  bool ok() const { return error_.empty() && started_; }
  void Fail(const std::string& why) { error_ = why; }
  const std::string& error() const { return error_; }

  XmppReceiver& receiver() { return *receiver_; }
  // A partner account local part ("p07") no earlier scenario used, or "".
  std::string NextPartner();
  static std::string Jid(const std::string& user) {
    return user + "@" + kXmppDomain;
  }

  PurplePlugin* plugin() const { return plugin_; }
  const std::string& plugin_path() const { return plugin_path_; }
  // Loads the plugin again after a scenario unloaded it.
  bool EnsurePluginLoaded(std::string* err);

  const std::string& work_dir() const { return work_dir_; }
  // purple_user_dir() of the client; valid after it quit, too.
  const std::string& user_dir() const { return user_dir_; }
  // libpurple's prefs and blist settings before the plugin loaded.
  const DiskBaseline& disk_baseline() const { return disk_baseline_; }

 private:
  E2eEnvironment() = default;
  bool StartOrExplain();

  bool started_ = false;
  std::string error_;
  std::string work_dir_;
  std::string user_dir_;
  DiskBaseline disk_baseline_;
  std::string plugin_path_;
  std::string rules_dir_;
  PurplePlugin* plugin_ = nullptr;
  int next_partner_ = 1;
  std::unique_ptr<ProsodyServer> server_;
  std::unique_ptr<XmppReceiver> receiver_;
};

}  // namespace softstart::e2e

#endif  // SOFTSTART_TESTS_E2E_E2E_ENVIRONMENT_H_
