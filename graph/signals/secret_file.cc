// Secret files: created with O_EXCL and mode 0600, read only when not exposed to other users.
#include "graph/signals/secret_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace ringgraph {

std::string ResolveSecretPath(const std::string& secret_file, const std::string& data_dir) {
  if (!secret_file.empty()) return secret_file;
  if (const char* env = std::getenv("RINGGRAPH_SECRET_FILE"); env != nullptr && *env != '\0') {
    return env;
  }
  std::filesystem::path data = std::filesystem::absolute(data_dir).lexically_normal();
  if (!data.has_filename()) data = data.parent_path();  // "data/" names the directory "data"
  return (data.parent_path() / "ringgraph.secret").string();
}

Result<Secret> CreateSecretFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::IoError("cannot create secret file '" + path + "': " + std::strerror(errno));
  }
  Secret secret = Secret::Generate();
  std::string text = secret.ToHex() + "\n";
  ssize_t written = ::write(fd, text.data(), text.size());
  int sync_rc = ::fsync(fd);
  ::close(fd);
  if (written != static_cast<ssize_t>(text.size()) || sync_rc != 0) {
    ::unlink(path.c_str());
    return Status::IoError("cannot write secret file '" + path + "'; is the disk full?");
  }
  return secret;
}

Result<Secret> LoadSecret(const SecretSource& source) {
  if (const char* env = std::getenv("RINGGRAPH_SECRET"); env != nullptr && *env != '\0') {
    Result<Secret> secret = Secret::FromHex(env);
    if (!secret.ok()) return secret.status().WithContext("$RINGGRAPH_SECRET");
    return secret;
  }
  return LoadSecretFile(source.path, source.create_if_missing);
}

Result<Secret> LoadSecretFile(const std::string& path, bool create_if_missing) {
  const SecretSource source{path, create_if_missing};
  struct stat info;
  if (::stat(source.path.c_str(), &info) != 0) {
    if (errno == ENOENT && source.create_if_missing) return CreateSecretFile(source.path);
    return Status::NotFound("no hashing secret at '" + source.path +
                            "': set $RINGGRAPH_SECRET, pass --secret-file, or create one with "
                            "--create-secret");
  }
  if ((info.st_mode & 077) != 0) {
    return Status::FailedPrecondition("secret file '" + source.path +
                                      "' is readable by other users; run chmod 600 on it");
  }
  int fd = ::open(source.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::IoError("cannot read secret file '" + source.path +
                           "': " + std::strerror(errno));
  }
  char buf[256];
  ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n < 0) return Status::IoError("cannot read secret file '" + source.path + "'");
  Result<Secret> secret = Secret::FromHex(std::string_view(buf, static_cast<std::size_t>(n)));
  std::memset(buf, 0, sizeof buf);
  if (!secret.ok()) return secret.status().WithContext("secret file '" + source.path + "'");
  return secret;
}

}  // namespace ringgraph
