#include "child_process.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace softstart::e2e {
namespace {

using Clock = std::chrono::steady_clock;

// Waits up to timeout_ms for pid to exit; true when it was reaped.
bool WaitFor(pid_t pid, int timeout_ms, int* status) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    pid_t r = waitpid(pid, status, WNOHANG);
    if (r == pid) return true;
    if (r < 0 && errno != EINTR) return true;  // Already reaped elsewhere.
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

pid_t Spawn(const std::vector<std::string>& argv, int stdout_write_fd,
            const std::string& output_path, std::string* err) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    *err = std::string("fork failed: ") + strerror(errno);
    return -1;
  }
  if (pid == 0) {
    // Own process group, so Stop() can signal everything the child forks.
    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    if (!output_path.empty()) {
      int out = open(output_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (out >= 0) {
        if (stdout_write_fd < 0) dup2(out, STDOUT_FILENO);
        dup2(out, STDERR_FILENO);
      }
    }
    if (stdout_write_fd >= 0) dup2(stdout_write_fd, STDOUT_FILENO);
    // Everything else (libpurple sockets, pipes) stays with the parent.
    for (int fd = 3; fd < 1024; ++fd) close(fd);
    execvp(args[0], args.data());
    dprintf(STDERR_FILENO, "exec %s failed: %s\n", args[0], strerror(errno));
    _exit(127);
  }
  setpgid(pid, pid);  // Also from the parent, so Stop() never races the child.
  return pid;
}

}  // namespace

ChildProcess::~ChildProcess() { Stop(); }

bool ChildProcess::Start(const std::vector<std::string>& argv,
                         bool capture_stdout, const std::string& stderr_path,
                         std::string* err) {
  if (argv.empty() || !ProgramExists(argv[0])) {
    *err = "program not found: " + (argv.empty() ? std::string() : argv[0]);
    return false;
  }
  int fds[2] = {-1, -1};
  if (capture_stdout && pipe2(fds, O_CLOEXEC) != 0) {
    *err = std::string("pipe failed: ") + strerror(errno);
    return false;
  }
  pid_ = Spawn(argv, fds[1], stderr_path, err);
  if (fds[1] >= 0) close(fds[1]);
  if (pid_ < 0) {
    if (fds[0] >= 0) close(fds[0]);
    return false;
  }
  if (fds[0] >= 0) {
    fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    stdout_fd_ = fds[0];
  }
  reaped_ = false;
  return true;
}

bool ChildProcess::Running() {
  if (pid_ < 0 || reaped_) return false;
  pid_t r = waitpid(pid_, &exit_status_, WNOHANG);
  if (r == pid_ || (r < 0 && errno == ECHILD)) {
    reaped_ = true;
    return false;
  }
  return true;
}

void ChildProcess::Stop() {
  if (pid_ > 0) {
    // The group may outlive its leader (forked helpers): signal it anyway.
    kill(-pid_, SIGTERM);
    if (!reaped_ && !WaitFor(pid_, 3000, &exit_status_)) {
      kill(-pid_, SIGKILL);
      WaitFor(pid_, 3000, &exit_status_);
    }
    kill(-pid_, SIGKILL);
    reaped_ = true;
    pid_ = -1;
  }
  if (stdout_fd_ >= 0) {
    close(stdout_fd_);
    stdout_fd_ = -1;
  }
}

int RunToCompletion(const std::vector<std::string>& argv,
                    const std::string& output_path, int timeout_ms,
                    std::string* err) {
  if (argv.empty() || !ProgramExists(argv[0])) {
    *err = "program not found: " + (argv.empty() ? std::string() : argv[0]);
    return -1;
  }
  pid_t pid = Spawn(argv, -1, output_path, err);
  if (pid < 0) return -1;
  int status = 0;
  if (!WaitFor(pid, timeout_ms, &status)) {
    kill(-pid, SIGKILL);
    WaitFor(pid, 1000, &status);
    *err = argv[0] + " timed out";
    return -1;
  }
  if (!WIFEXITED(status)) {
    *err = argv[0] + " was killed by a signal";
    return -1;
  }
  return WEXITSTATUS(status);
}

bool ProgramExists(const std::string& name) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0;
  const char* path = getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string candidate = dirs.substr(start, end - start) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace softstart::e2e
