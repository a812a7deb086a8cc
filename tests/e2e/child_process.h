// A child process the end-to-end tests start and must stop again: prosody and
// the slixmpp receiver. The child runs in its own process group, so Stop()
// reaches everything it forked, and it is stopped by its PID only. It also
// gets SIGTERM if the test binary dies first (PR_SET_PDEATHSIG), so a crashed
// test does not leave a server listening.
//
//   ChildProcess server;
//   std::string err;
//   if (!server.Start({"prosody", "--config", path, "-F"}, &err)) Fail(err);
//   ...
//   server.Stop();  // Also done by the destructor.
#ifndef SOFTSTART_TESTS_E2E_CHILD_PROCESS_H_
#define SOFTSTART_TESTS_E2E_CHILD_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace softstart::e2e {

class ChildProcess {
 public:
  ChildProcess() = default;
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Starts argv (argv[0] looked up in PATH). With capture_stdout, the child's
  // stdout is a pipe readable through stdout_fd() (non-blocking); stderr goes
  // to stderr_path when given, else is inherited. Returns false and sets *err
  // when the program cannot be started.
  bool Start(const std::vector<std::string>& argv, bool capture_stdout,
             const std::string& stderr_path, std::string* err);

  // SIGTERM to the process group, SIGKILL after a grace period, then reaps.
  // Safe to call twice.
  void Stop();

  // True while the child has not exited (reaps it if it has).
  bool Running();
  // Exit status as from waitpid, valid once Running() returned false.
  int exit_status() const { return exit_status_; }
  pid_t pid() const { return pid_; }
  int stdout_fd() const { return stdout_fd_; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int exit_status_ = 0;
  bool reaped_ = false;
};

// Runs argv to completion (at most timeout_ms), returning its exit code, or
// -1 with *err set when it could not run or timed out. Output goes to
// output_path.
int RunToCompletion(const std::vector<std::string>& argv,
                    const std::string& output_path, int timeout_ms,
                    std::string* err);

// True when name resolves to an executable in PATH (or is an executable path).
bool ProgramExists(const std::string& name);

}  // namespace softstart::e2e

#endif  // SOFTSTART_TESTS_E2E_CHILD_PROCESS_H_
