#include "core/base/durable_file.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

using namespace salesops::core;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "salesops-durable-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string read(const std::string& name) const {
    std::ifstream in(path / name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), fs::directory_iterator()));
  }
};

}  // namespace

TEST_CASE("a durable write replaces a file and leaves no temporary file") {
  TempDir dir;
  CHECK(write_file_durably(dir.path / "a.yaml", "old\n") == 0);
  CHECK(write_file_durably(dir.path / "a.yaml", "new\n") == 0);
  CHECK(dir.read("a.yaml") == "new\n");
  CHECK(dir.entries() == 1);
}

TEST_CASE("a durable create never replaces a file") {
  TempDir dir;
  DurableOptions create;
  create.placement = Placement::create;
  CHECK(write_file_durably(dir.path / "p.yaml", "first\n", create) == 0);
  CHECK(write_file_durably(dir.path / "p.yaml", "second\n", create) == EEXIST);
  CHECK(dir.read("p.yaml") == "first\n");
  CHECK(dir.entries() == 1);
}

TEST_CASE("the temporary file is hidden beside its target and goes when not committed") {
  TempDir dir;
  DurableOptions private_file;
  private_file.mode = 0600;
  {
    DurableFile f(dir.path / "r.yaml", private_file);
    REQUIRE(f.open());
    const std::string name = f.temporary().filename().string();
    CHECK(name.starts_with(".r.yaml.salesops-" + std::to_string(::getpid()) + "-"));
    CHECK(name.ends_with(".tmp"));
    CHECK(f.temporary().parent_path() == dir.path);
    CHECK(f.write("x"));
  }
  CHECK(dir.entries() == 0);
  DurableFile f(dir.path / "r.yaml", private_file);
  CHECK((f.write("y") && f.finish() && f.commit()));
  struct stat st {};
  REQUIRE(::stat((dir.path / "r.yaml").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0600);
}

TEST_CASE("a durable write into a missing directory reports why") {
  TempDir dir;
  CHECK(write_file_durably(dir.path / "no" / "such.yaml", "x") == ENOENT);
  CHECK(dir.entries() == 0);
}

TEST_CASE("durable file: -o FILE replaces a regular file whole, keeps its mode and follows a link") {
  TempDir dir;
  fs::path report = dir.path / "report.csv";
  REQUIRE(write_output_file(report, "a,b\n") == 0);  // a new name
  CHECK(dir.read("report.csv") == "a,b\n");
  REQUIRE(::chmod(report.c_str(), 0640) == 0);
  REQUIRE(write_output_file(report, "c,d\n") == 0);
  CHECK(dir.read("report.csv") == "c,d\n");
  struct stat st;
  REQUIRE(::stat(report.c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);

  fs::create_symlink("report.csv", dir.path / "latest.csv");
  REQUIRE(write_output_file(dir.path / "latest.csv", "e,f\n") == 0);
  CHECK(fs::is_symlink(dir.path / "latest.csv"));  // the link stays a link
  CHECK(dir.read("report.csv") == "e,f\n");
  CHECK(dir.entries() == 2);  // no temporary file left

  // A directory that does not exist: an error, and nothing made.
  CHECK(write_output_file(dir.path / "missing" / "r.csv", "x\n") == ENOENT);
  CHECK(dir.entries() == 2);
}

TEST_CASE("durable file: -o FILE writes straight through to a FIFO") {
  TempDir dir;
  fs::path fifo = dir.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // The read end is opened first (without waiting for a writer), so neither side can block
  // for ever: a writer that never comes leaves the read at its end.
  int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  REQUIRE(reader >= 0);
  REQUIRE(::fcntl(reader, F_SETFL, ::fcntl(reader, F_GETFL) & ~O_NONBLOCK) == 0);
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) _exit(write_output_file(fifo, "through\n") == 0 ? 0 : 1);
  int status = 0;  // the few bytes fit in the pipe: the writer finishes without a read
  REQUIRE(::waitpid(child, &status, 0) == child);
  std::string got;
  char buf[64];
  for (ssize_t n; (n = ::read(reader, buf, sizeof buf)) > 0;) got.append(buf, static_cast<std::size_t>(n));
  ::close(reader);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(got == "through\n");
  CHECK(fs::is_fifo(fifo));  // not replaced by a regular file
}
