// Running a program with its stdout and/or stderr on a pseudo-terminal, for
// tests of what a command does on a terminal only (colour, status lines).
//
// Contract:
//  - run_on_terminals(): `argv[0]` is a path, run in `cwd` with stdin from
//    /dev/null. Each of stdout and stderr is the slave side of a pseudo-
//    terminal of its own (isatty() is true for it; default line discipline,
//    so "\n" arrives as "\r\n") when asked, else a pipe. `set_env` entries
//    ("KEY=VALUE") are set and `unset_env` names removed in the child only.
//  - Both streams are read concurrently until the child and everything it
//    started have closed them; the child is killed after `timeout_seconds`
//    (exit_code is then 128 + SIGKILL).
//  - Header-only (tests/CMakeLists.txt compiles one support .cpp); POSIX
//    pseudo-terminals (posix_openpt), no extra library.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace strata::testing {

struct TerminalRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

namespace terminal_detail {

// One output stream of the child: `read_fd` stays with the parent,
// `write_fd` becomes the child's stdout or stderr.
struct Channel {
  int read_fd = -1;
  int write_fd = -1;
};

inline Channel open_channel(bool terminal) {
  Channel c;
  if (!terminal) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    c.read_fd = fds[0];
    c.write_fd = fds[1];
    return c;
  }
  c.read_fd = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (c.read_fd < 0 || ::grantpt(c.read_fd) != 0 || ::unlockpt(c.read_fd) != 0) {
    throw std::runtime_error("cannot open a pseudo-terminal");
  }
  char name[128];
  if (::ptsname_r(c.read_fd, name, sizeof name) != 0) throw std::runtime_error("ptsname_r failed");
  c.write_fd = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (c.write_fd < 0) throw std::runtime_error(std::string("cannot open ") + name);
  struct winsize size {};
  size.ws_row = 24;
  size.ws_col = 120;
  ::ioctl(c.write_fd, TIOCSWINSZ, &size);
  return c;
}

}  // namespace terminal_detail

inline TerminalRun run_on_terminals(const std::vector<std::string>& argv, const std::string& cwd,
                                    bool stdout_terminal, bool stderr_terminal,
                                    const std::vector<std::string>& set_env = {},
                                    const std::vector<std::string>& unset_env = {},
                                    int timeout_seconds = 60) {
  using terminal_detail::Channel;
  Channel out = terminal_detail::open_channel(stdout_terminal);
  Channel err = terminal_detail::open_channel(stderr_terminal);
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::setsid();  // no controlling terminal: only the two streams are terminals
    int in = ::open("/dev/null", O_RDONLY);
    ::dup2(in, 0);
    ::dup2(out.write_fd, 1);
    ::dup2(err.write_fd, 2);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
    for (const std::string& name : unset_env) ::unsetenv(name.c_str());
    for (const std::string& entry : set_env) {
      const size_t eq = entry.find('=');
      ::setenv(entry.substr(0, eq).c_str(), entry.substr(eq + 1).c_str(), 1);
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(out.write_fd);
  ::close(err.write_fd);

  TerminalRun result;
  struct pollfd fds[2] = {{out.read_fd, POLLIN, 0}, {err.read_fd, POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_streams = 2;
  bool killed = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  while (open_streams > 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::kill(pid, SIGKILL);
      killed = true;
      break;
    }
    int ready = ::poll(fds, 2, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[4096];
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        // A pipe's end of file, or EIO from a terminal whose slave side
        // every process has closed.
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_streams;
      }
    }
  }
  for (const struct pollfd& p : fds) {
    if (p.fd >= 0) ::close(p.fd);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (killed) result.exit_code = 128 + SIGKILL;
  return result;
}

}  // namespace strata::testing
