// Parallel edge-list parsing. See edge_list.h.
#include "graph/community/edge_list.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>

#include "graph/common/csr_builder.h"

namespace ringgraph::community {
namespace {

constexpr std::uint64_t kMaxVertex = 0xFFFFFFFEull;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Parses one line; returns false when it is malformed.
bool ParseLine(const char* p, const char* end, WeightedPair* out, bool* blank) {
  while (p < end && IsSpace(*p)) ++p;
  if (p == end || *p == '#') {
    *blank = true;
    return true;
  }
  *blank = false;
  std::uint64_t u = 0, v = 0;
  auto r = std::from_chars(p, end, u);
  if (r.ec != std::errc() || u > kMaxVertex) return false;
  p = r.ptr;
  if (p == end || !IsSpace(*p)) return false;
  while (p < end && IsSpace(*p)) ++p;
  r = std::from_chars(p, end, v);
  if (r.ec != std::errc() || v > kMaxVertex) return false;
  p = r.ptr;
  while (p < end && IsSpace(*p)) ++p;
  double w = 1.0;
  if (p < end) {
    auto rw = std::from_chars(p, end, w);
    if (rw.ec != std::errc() || !(w > 0) || w > 3.4e38) return false;
    p = rw.ptr;
    while (p < end && IsSpace(*p)) ++p;
    if (p != end) return false;
  }
  *out = {static_cast<NodeId>(u), static_cast<NodeId>(v), static_cast<WeightT>(w)};
  return true;
}

}  // namespace

Result<CsrGraph> ParseEdgeList(std::string_view text, const std::string& source,
                               EdgeListStats* stats) {
  auto start = std::chrono::steady_clock::now();
  const std::size_t chunk_bytes = 1 << 20;
  const std::size_t chunks = (text.size() + chunk_bytes - 1) / chunk_bytes;
  std::vector<std::vector<WeightedPair>> buffers(chunks);
  std::vector<std::size_t> bad_offset(chunks, std::string_view::npos);
  std::vector<std::uint64_t> lines(chunks, 0);
  std::vector<NodeId> max_vertex(chunks, 0);
  std::vector<std::uint8_t> any_edge(chunks, 0);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    // A chunk owns the lines that start inside it.
    std::size_t begin = c * chunk_bytes, end = std::min(text.size(), begin + chunk_bytes);
    if (begin > 0) {
      std::size_t nl = text.find('\n', begin - 1);
      begin = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    std::vector<WeightedPair>& out = buffers[c];
    std::size_t pos = begin;
    while (pos < end && pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      std::size_t line_end = nl == std::string_view::npos ? text.size() : nl;
      WeightedPair pair;
      bool blank = false;
      ++lines[c];
      if (!ParseLine(text.data() + pos, text.data() + line_end, &pair, &blank)) {
        bad_offset[c] = pos;
        return;
      }
      if (!blank) {
        out.push_back(pair);
        max_vertex[c] = std::max({max_vertex[c], pair.u, pair.v});
        any_edge[c] = 1;
      }
      pos = line_end + 1;
    }
  });
  for (std::size_t c = 0; c < chunks; ++c) {
    if (bad_offset[c] == std::string_view::npos) continue;
    std::uint64_t line = 1 + std::count(text.begin(), text.begin() + bad_offset[c], '\n');
    return Status::InvalidArgument(source + ":" + std::to_string(line) +
                                   ": expected 'u v [w]' with 0-based integer vertices and a "
                                   "positive weight");
  }
  NodeId n = 0;
  std::uint64_t edges = 0, total_lines = 0;
  for (std::size_t c = 0; c < chunks; ++c) {
    if (any_edge[c]) n = std::max<NodeId>(n, max_vertex[c] + 1);
    edges += buffers[c].size();
    total_lines += lines[c];
  }
  auto parsed = std::chrono::steady_clock::now();
  CsrGraph graph = BuildUndirectedCsr(n, buffers);
  auto built = std::chrono::steady_clock::now();
  if (stats != nullptr) {
    stats->lines = total_lines;
    stats->edges = edges;
    stats->parse_seconds = std::chrono::duration<double>(parsed - start).count();
    stats->build_seconds = std::chrono::duration<double>(built - parsed).count();
  }
  return graph;
}

Result<CsrGraph> ReadEdgeList(const std::string& path, EdgeListStats* stats) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError("cannot open '" + path + "': " + std::strerror(errno));
  struct stat info;
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument("'" + path + "' is not a regular file");
  }
  std::string text(static_cast<std::size_t>(info.st_size), '\0');
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t got = ::read(fd, text.data() + done, text.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      ::close(fd);
      return Status::IoError("cannot read '" + path + "'");
    }
    done += static_cast<std::size_t>(got);
  }
  ::close(fd);
  return ParseEdgeList(text, path, stats);
}

}  // namespace ringgraph::community
