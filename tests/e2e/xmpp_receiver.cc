#include "xmpp_receiver.h"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "prosody_server.h"
#include "purple_client.h"

namespace softstart::e2e {

bool XmppReceiver::Start(const std::string& python, const std::string& script,
                         int port, const std::string& password,
                         const std::vector<std::string>& users,
                         const std::string& stderr_path, std::string* err) {
  std::vector<std::string> argv = {python, script, std::to_string(port), password};
  argv.insert(argv.end(), users.begin(), users.end());
  if (!process_.Start(argv, true, stderr_path, err)) return false;
  GIOChannel* channel = g_io_channel_unix_new(process_.stdout_fd());
  watch_ = g_io_add_watch(channel, static_cast<GIOCondition>(G_IO_IN | G_IO_HUP),
                          OnReadable, this);
  g_io_channel_unref(channel);
  PurpleClient::PumpUntil([&] { return ready_ || !errors_.empty() || !process_.Running(); },
                          30000);
  if (ready_) return true;
  *err = "receiver.py did not get all users online";
  for (const std::string& e : errors_) *err += "\n  " + e;
  if (!process_.Running()) *err += "\n  receiver.py exited";
  *err += "\n" + FileTail(stderr_path, 2000);
  Stop();
  return false;
}

void XmppReceiver::Stop() {
  if (watch_) {
    g_source_remove(watch_);
    watch_ = 0;
  }
  process_.Stop();
}

std::vector<std::string> XmppReceiver::Bodies(const std::string& user) const {
  std::vector<std::string> bodies;
  for (const ReceivedMessage& m : messages_) {
    if (m.user == user) bodies.push_back(m.body);
  }
  return bodies;
}

gboolean XmppReceiver::OnReadable(GIOChannel*, GIOCondition cond, gpointer self) {
  auto* receiver = static_cast<XmppReceiver*>(self);
  receiver->ReadAvailable();
  if (cond & G_IO_HUP) {
    receiver->watch_ = 0;
    return G_SOURCE_REMOVE;
  }
  return G_SOURCE_CONTINUE;
}

void XmppReceiver::ReadAvailable() {
  char buf[4096];
  while (true) {
    ssize_t n = read(process_.stdout_fd(), buf, sizeof(buf));
    if (n <= 0) break;
    partial_.append(buf, static_cast<size_t>(n));
  }
  size_t newline;
  while ((newline = partial_.find('\n')) != std::string::npos) {
    HandleLine(partial_.substr(0, newline));
    partial_.erase(0, newline + 1);
  }
}

void XmppReceiver::HandleLine(const std::string& line) {
  nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
  if (record.is_discarded() || !record.is_object()) {
    errors_.push_back("unparsable line: " + line);
    return;
  }
  const std::string event = record.value("event", "");
  if (event == "ready") {
    ready_ = true;
  } else if (event == "message") {
    messages_.push_back({record.value("user", ""), record.value("from", ""),
                         record.value("body", ""), record.value("html", "")});
  } else if (event == "error") {
    errors_.push_back(record.value("user", "") + ": " + record.value("error", ""));
  }
}

}  // namespace softstart::e2e
