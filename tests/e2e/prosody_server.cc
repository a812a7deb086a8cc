#include "prosody_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace softstart::e2e {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int FindFreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  int port = 0;
  socklen_t len = sizeof(addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

std::string FileTail(const std::string& path, size_t max_bytes) {
  std::string all = ReadFile(path);
  if (all.size() > max_bytes) all = "..." + all.substr(all.size() - max_bytes);
  return all;
}

ProsodyServer::ProsodyServer(std::string work_dir)
    : dir_(std::move(work_dir) + "/prosody") {}

bool ProsodyServer::WriteConfig(std::string* err) {
  std::error_code ec;
  std::filesystem::create_directories(dir_ + "/data", ec);
  std::filesystem::create_directories(dir_ + "/certs", ec);
  if (ec) {
    *err = "cannot create " + dir_ + ": " + ec.message();
    return false;
  }
  config_path_ = dir_ + "/prosody.cfg.lua";
  log_path_ = dir_ + "/prosody.log";
  std::ofstream cfg(config_path_);
  // Loopback only; every listener but c2s is given no ports, and the modules
  // that could reach out (s2s) or need certificates (tls) are disabled.
  // Plain auth without TLS is acceptable only because nothing leaves
  // 127.0.0.1.
  cfg << "run_as_root = true\n"
      << "pidfile = \"" << dir_ << "/prosody.pid\"\n"
      << "data_path = \"" << dir_ << "/data\"\n"
      << "certificates = \"" << dir_ << "/certs\"\n"
      << "interfaces = { \"127.0.0.1\" }\n"
      << "local_interfaces = { \"127.0.0.1\" }\n"
      << "c2s_interfaces = { \"127.0.0.1\" }\n"
      << "c2s_ports = { " << port_ << " }\n"
      << "s2s_ports = { }\nc2s_direct_tls_ports = { }\n"
      << "s2s_direct_tls_ports = { }\nlegacy_ssl_ports = { }\n"
      << "http_ports = { }\nhttps_ports = { }\n"
      << "component_ports = { }\n"
      << "modules_enabled = { \"roster\", \"saslauth\", \"disco\", "
         "\"presence\", \"message\", \"iq\", \"ping\" }\n"
      << "modules_disabled = { \"tls\", \"s2s\", \"offline\", \"c2s_csi\", "
         "\"http\", \"bosh\", \"websocket\" }\n"
      << "c2s_require_encryption = false\n"
      << "allow_unencrypted_plain_auth = true\n"
      << "authentication = \"internal_plain\"\n"
      << "log = { info = \"" << log_path_ << "\" }\n"
      << "VirtualHost \"" << kXmppDomain << "\"\n";
  cfg.close();
  if (!cfg) {
    *err = "cannot write " + config_path_;
    return false;
  }
  return true;
}

bool ProsodyServer::Start(const std::vector<std::string>& users,
                          const std::string& password, std::string* err) {
  port_ = FindFreeLoopbackPort();
  if (port_ == 0) {
    *err = "no free loopback port";
    return false;
  }
  if (!WriteConfig(err)) return false;
  const std::string ctl_log = dir_ + "/prosodyctl.log";
  for (const std::string& user : users) {
    int rc = RunToCompletion({"prosodyctl", "--config", config_path_,
                              "register", user, kXmppDomain, password},
                             ctl_log, 20000, err);
    if (rc != 0) {
      if (err->empty()) *err = "prosodyctl register " + user + " failed";
      *err += "\n" + FileTail(ctl_log, 2000);
      return false;
    }
  }
  // -F: stay in the foreground so the PID we hold is prosody's.
  if (!process_.Start({"prosody", "--config", config_path_, "-F"}, false,
                      dir_ + "/prosody.out", err)) {
    return false;
  }
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (ReadFile(log_path_).find("Activated service 'c2s'") !=
        std::string::npos) {
      return true;
    }
    if (!process_.Running()) {
      *err = "prosody exited during start-up:\n" +
             FileTail(dir_ + "/prosody.out", 2000) + FileTail(log_path_, 2000);
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  *err = "prosody did not activate c2s within 20 s:\n" + FileTail(log_path_, 2000);
  Stop();
  return false;
}

}  // namespace softstart::e2e
