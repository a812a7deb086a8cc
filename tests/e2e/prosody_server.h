// A private prosody for one test run: loopback only, a free port, its own
// config, data and log in a temporary directory, no TLS, no s2s, no HTTP.
// Nothing it does may leave 127.0.0.1 (these machines flag other traffic).
//
//   ProsodyServer server(work_dir);
//   if (!server.Start({"me", "partner"}, "secret", &err)) Fail(err);
//   Connect to 127.0.0.1:server.port(), domain "localhost".
#ifndef SOFTSTART_TESTS_E2E_PROSODY_SERVER_H_
#define SOFTSTART_TESTS_E2E_PROSODY_SERVER_H_

#include <string>
#include <vector>

#include "child_process.h"

namespace softstart::e2e {

inline constexpr char kXmppDomain[] = "localhost";

class ProsodyServer {
 public:
  // work_dir must exist; the server keeps everything below work_dir/prosody.
  explicit ProsodyServer(std::string work_dir);
  ~ProsodyServer() { Stop(); }

  // Writes the config, registers every user with prosodyctl, starts prosody
  // and waits until its log says c2s is listening. False with *err (and the
  // log's tail) on failure, e.g. when prosody is not installed.
  bool Start(const std::vector<std::string>& users, const std::string& password,
             std::string* err);
  void Stop() { process_.Stop(); }

  int port() const { return port_; }
  const std::string& log_path() const { return log_path_; }

 private:
  bool WriteConfig(std::string* err);

  std::string dir_;
  std::string config_path_;
  std::string log_path_;
  int port_ = 0;
  ChildProcess process_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int FindFreeLoopbackPort();

// The last max_bytes of a file, for error messages.
std::string FileTail(const std::string& path, size_t max_bytes);

}  // namespace softstart::e2e

#endif  // SOFTSTART_TESTS_E2E_PROSODY_SERVER_H_
