#include "e2e_environment.h"

#include <signal.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "purple_client.h"
#include "scripted_request_ui.h"

#ifndef SOFTSTART_E2E_PYTHON
#define SOFTSTART_E2E_PYTHON "/usr/bin/python3"
#endif
#ifndef SOFTSTART_E2E_RECEIVER
#error "SOFTSTART_E2E_RECEIVER (path of receiver.py) must be defined"
#endif

namespace softstart::e2e {
namespace {

// "p01", "p02", ...: the partner accounts, one per scenario.
std::string PartnerName(int i) {
  return (i < 10 ? "p0" : "p") + std::to_string(i);
}

}  // namespace

E2eEnvironment& E2eEnvironment::Get() {
  static E2eEnvironment* env = new E2eEnvironment;
  return *env;
}

bool E2eEnvironment::Start(const std::string& plugin_path,
                           const std::string& rules_dir) {
  plugin_path_ = plugin_path;
  rules_dir_ = rules_dir;
  started_ = StartOrExplain();
  if (!started_ && error_.empty()) error_ = "environment failed to start";
  if (!error_.empty()) std::fprintf(stderr, "e2e setup failed: %s\n", error_.c_str());
  return started_;
}

bool E2eEnvironment::StartOrExplain() {
  // libpurple and the receiver pipe may see peers vanish; never die of it.
  signal(SIGPIPE, SIG_IGN);
  char tmpl[] = "/tmp/softstart-e2e-XXXXXX";
  if (!mkdtemp(tmpl)) {
    error_ = "mkdtemp failed";
    return false;
  }
  work_dir_ = tmpl;
  // Keep libpurple and the plugin away from the real home and data dirs.
  setenv("HOME", work_dir_.c_str(), 1);
  setenv("XDG_DATA_HOME", (work_dir_ + "/xdg-data").c_str(), 1);
  setenv("XDG_CONFIG_HOME", (work_dir_ + "/xdg-config").c_str(), 1);
  // Temp files too, so the on-disk privacy check can see every one.
  std::filesystem::create_directories(work_dir_ + "/tmp");
  setenv("TMPDIR", (work_dir_ + "/tmp").c_str(), 1);
  // No session bus: libpurple would try to autolaunch one.
  setenv("DBUS_SESSION_BUS_ADDRESS", ("unix:path=" + work_dir_ + "/no-bus").c_str(), 1);
  if (!rules_dir_.empty()) setenv("SOFTSTART_RULES_DIR", rules_dir_.c_str(), 1);

  std::vector<std::string> users = {"me"};
  std::vector<std::string> receivers;
  for (int i = 1; i <= kPartnerCount; ++i) {
    users.push_back(PartnerName(i));
    receivers.push_back(PartnerName(i));
  }
  server_ = std::make_unique<ProsodyServer>(work_dir_);
  if (!server_->Start(users, kPassword, &error_)) {
    error_ = "prosody: " + error_;
    return false;
  }
  user_dir_ = work_dir_ + "/purple";
  if (!PurpleClient::Init(user_dir_, &error_)) return false;
  ScriptedRequestUi::Install(true);
  receiver_ = std::make_unique<XmppReceiver>();
  // The environment may name another interpreter (e.g. to prove the suite
  // fails without slixmpp).
  const char* python = getenv("SOFTSTART_E2E_PYTHON");
  if (!python || !*python) python = SOFTSTART_E2E_PYTHON;
  if (!receiver_->Start(python, SOFTSTART_E2E_RECEIVER, server_->port(),
                        kPassword, receivers, work_dir_ + "/receiver.err", &error_)) {
    error_ = "receiver: " + error_;
    return false;
  }
  if (!PurpleClient::Connect("me", kPassword, server_->port(), &error_)) {
    error_ += "\n" + PurpleClient::DebugText().substr(0, 4000);
    return false;
  }
  // What libpurple keeps without softstart, for SoftstartFootprint().
  disk_baseline_ = TakeDiskBaseline();
  if (!plugin_path_.empty() && !EnsurePluginLoaded(&error_)) return false;
  return true;
}

bool E2eEnvironment::EnsurePluginLoaded(std::string* err) {
  if (plugin_ && purple_plugin_is_loaded(plugin_)) return true;
  if (!std::filesystem::exists(plugin_path_)) {
    *err = "plugin not built: " + plugin_path_;
    return false;
  }
  if (plugin_) {
    if (!purple_plugin_load(plugin_)) {
      *err = "reloading the plugin failed";
      return false;
    }
    return true;
  }
  plugin_ = PurpleClient::LoadPlugin(plugin_path_, err);
  return plugin_ != nullptr;
}

std::string E2eEnvironment::NextPartner() {
  if (next_partner_ > kPartnerCount) return "";
  return PartnerName(next_partner_++);
}

void E2eEnvironment::Stop() {
  if (!work_dir_.empty()) {
    // Kept for post-mortems: the whole debug capture next to prosody's log.
    std::ofstream(work_dir_ + "/purple-debug.log") << PurpleClient::DebugText();
    std::ofstream conv_log(work_dir_ + "/conversations.log");
    for (const ConvWrite& w : PurpleClient::conv_writes()) {
      conv_log << w.conv << " flags=0x" << std::hex << w.flags << std::dec << " "
               << w.who << ": " << w.markup << "\n";
    }
  }
  PurpleClient::Shutdown();
  if (receiver_) receiver_->Stop();
  if (server_) server_->Stop();
  const char* keep = getenv("SOFTSTART_E2E_KEEP");
  if (!work_dir_.empty()) {
    if (keep && *keep) {
      std::fprintf(stderr, "e2e: kept %s\n", work_dir_.c_str());
    } else {
      std::error_code ec;
      std::filesystem::remove_all(work_dir_, ec);
    }
  }
}

}  // namespace softstart::e2e
