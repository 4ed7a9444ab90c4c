// A small file system for full-disk tests: a size-limited tmpfs that the binaries under test
// fill up. One helper for every such test, so they all set it up, skip and fail the same way.
//
// As root the tmpfs is mounted in the test's own mount namespace (CI runs as root). Otherwise,
// or when that mount is refused, a forked child creates a user and mount namespace, mounts the
// tmpfs there and waits; the tests and the binaries they run reach it through
// /proc/<child>/root, which is the child's view of the file system. That needs no privilege
// where the kernel allows unprivileged user namespaces (Debian 12 does by default).
//
// Use REQUIRE_SMALL_DISK(disk) at the top of the test: as root a disk that cannot be set up
// FAILS the test, so a CI run cannot pass without checking anything; elsewhere the test is
// skipped, with the reason, only when this machine gives no user namespace.
#pragma once

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <string>

namespace ringgraph::e2e {

class SmallDisk {
 public:
  // Mounts a tmpfs of `size` ("3m") on the directory `dir`, which is created.
  SmallDisk(const std::string& dir, const std::string& size)
      : dir_(std::filesystem::absolute(dir).lexically_normal().string()) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) {
      Fail(false, "cannot create " + dir_ + ": " + ec.message());
      return;
    }
    const std::string options = "size=" + size;
    std::string direct_error;
    if (::geteuid() == 0) {
      if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) == 0) {
        mounted_here_ = true;
        path_ = dir_;
        return;
      }
      direct_error = "mount tmpfs on " + dir_ + " as root: " + std::strerror(errno) + "; ";
    }
    MountInNamespace(options, direct_error);
  }
  ~SmallDisk() {
    if (mounted_here_) ::umount2(dir_.c_str(), MNT_DETACH);
    if (child_ > 0) {
      ::close(hold_fd_);  // the child reads end-of-file, exits, and its namespace goes with it
      int status;
      while (::waitpid(child_, &status, 0) < 0 && errno == EINTR) {
      }
    }
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  // Whether the small file system is there; when not, error() says why.
  bool ready() const { return !path_.empty(); }
  // Whether it failed only because this machine gives no (usable) user namespace.
  bool namespace_unavailable() const { return namespace_unavailable_; }
  const std::string& error() const { return error_; }
  // Where the tests and the binaries they run find it: `dir`, or /proc/<child>/root`dir`.
  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  // What the child reports through the pipe: the step that failed (0 for none) and errno.
  enum Step : int { kMounted = 0, kUnshare, kSetgroups, kUidMap, kGidMap, kMount };
  struct Report {
    int step;
    int error;
  };

  void MountInNamespace(const std::string& options, const std::string& direct_error) {
    // Everything the child needs is prepared before fork: after it the child only makes
    // system calls, as the parent may have other threads.
    const std::string uid_map = "0 " + std::to_string(::geteuid()) + " 1\n";
    const std::string gid_map = "0 " + std::to_string(::getegid()) + " 1\n";
    int report[2], hold[2];
    if (::pipe2(report, O_CLOEXEC) != 0) {
      Fail(false, direct_error + "pipe: " + std::strerror(errno));
      return;
    }
    if (::pipe2(hold, O_CLOEXEC) != 0) {
      Fail(false, direct_error + "pipe: " + std::strerror(errno));
      ::close(report[0]);
      ::close(report[1]);
      return;
    }
    pid_t pid = ::fork();
    if (pid < 0) {
      Fail(false, direct_error + "fork: " + std::strerror(errno));
      for (int fd : {report[0], report[1], hold[0], hold[1]}) ::close(fd);
      return;
    }
    if (pid == 0) {
      ::close(report[0]);
      ::close(hold[1]);
      Report r = ChildMount(uid_map, gid_map, options);
      ssize_t written = ::write(report[1], &r, sizeof r);
      ::close(report[1]);
      if (written != static_cast<ssize_t>(sizeof r) || r.step != kMounted) ::_exit(1);
      // Hold the namespace, and the tmpfs in it, until the parent closes its end or dies.
      char byte;
      ssize_t n;
      do {
        n = ::read(hold[0], &byte, 1);
      } while (n > 0 || (n < 0 && errno == EINTR));
      ::_exit(0);
    }
    ::close(report[1]);
    ::close(hold[0]);
    child_ = pid;
    hold_fd_ = hold[1];
    Report r{kUnshare, EIO};
    ssize_t got;
    do {
      got = ::read(report[0], &r, sizeof r);
    } while (got < 0 && errno == EINTR);
    ::close(report[0]);
    if (got != static_cast<ssize_t>(sizeof r) || r.step < kMounted || r.step > kMount) {
      Fail(false, direct_error + "the namespace child died before it reported");
      return;
    }
    static const char* const kWhat[] = {"",
                                        "unshare(CLONE_NEWUSER | CLONE_NEWNS)",
                                        "write /proc/self/setgroups",
                                        "write /proc/self/uid_map",
                                        "write /proc/self/gid_map",
                                        "mount tmpfs"};
    if (r.step != kMounted) {
      // No user namespace, or one the kernel (or a security module) gives no rights in: this
      // machine cannot do it. A mount refused inside a namespace that works is a real failure.
      std::string why = std::strerror(r.error);
      if (r.step == kUnshare && r.error == ENOSPC) why = "the user.max_user_namespaces limit";
      Fail(r.step != kMount,
           direct_error + "in a new user namespace, " + kWhat[r.step] + " on " + dir_ + ": " + why);
      return;
    }
    path_ = "/proc/" + std::to_string(child_) + "/root" + dir_;
  }

  // In the forked child: a user namespace where this user is root, a mount namespace owned by
  // it, and the tmpfs.
  Report ChildMount(const std::string& uid_map, const std::string& gid_map,
                    const std::string& options) const {
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return {kUnshare, errno};
    if (!WriteFile("/proc/self/setgroups", "deny")) return {kSetgroups, errno};
    if (!WriteFile("/proc/self/uid_map", uid_map)) return {kUidMap, errno};
    if (!WriteFile("/proc/self/gid_map", gid_map)) return {kGidMap, errno};
    if (::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) != 0) return {kMount, errno};
    return {kMounted, 0};
  }

  static bool WriteFile(const char* path, const std::string& text) {
    int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    int saved = errno;
    ::close(fd);
    errno = saved;
    return ok;
  }

  void Fail(bool namespace_unavailable, const std::string& error) {
    namespace_unavailable_ = namespace_unavailable;
    error_ = error;
  }

  std::string dir_;
  std::string path_;
  std::string error_;
  bool mounted_here_ = false;
  bool namespace_unavailable_ = false;
  pid_t child_ = -1;
  int hold_fd_ = -1;
};

// Ends the test when `disk` is not there: a failure as root, where it must work (CI runs as
// root, and a skip there would let the test pass without checking anything); a skip with the
// reason for anyone else on a machine without user namespaces; a failure otherwise.
#define REQUIRE_SMALL_DISK(disk)                                                                   \
  do {                                                                                             \
    if (!(disk).ready()) {                                                                         \
      if (::geteuid() != 0 && (disk).namespace_unavailable()) {                                    \
        GTEST_SKIP() << "no small file system for this full-disk test: not root, and this "        \
                        "machine gives no unprivileged user namespace (sysctl "                    \
                        "kernel.unprivileged_userns_clone / user.max_user_namespaces): "           \
                     << (disk).error();                                                            \
      }                                                                                            \
      FAIL() << "cannot set up the small file system for this full-disk test: " << (disk).error(); \
    }                                                                                              \
  } while (0)

}  // namespace ringgraph::e2e
