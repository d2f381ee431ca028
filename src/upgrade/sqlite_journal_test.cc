#include "upgrade/sqlite_journal.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <thread>

#include "testing/temp_dir.h"
#include "upgrade/journal_contract.h"

namespace iosup::upgrade {
namespace {

using journal_contract::At;
using journal_contract::Begin;
using journal_contract::Device;
using std::chrono::milliseconds;

// Runs one SQL statement on the file directly, bypassing Journal; returns the first column of
// the first row ("" when none).
std::string RawSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  std::string first;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
    first = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return first;
}

// The contract on a journal file in a fresh directory.
struct SqliteFileFactory {
  TempDir dir;
  Result<std::unique_ptr<Journal>> Open() {
    auto journal = SqliteJournal::Open(dir.path() + "/journal.db");
    if (!journal.ok()) return journal.status();
    return std::unique_ptr<Journal>(std::move(*journal));
  }
};

}  // namespace

namespace journal_contract {
INSTANTIATE_TYPED_TEST_SUITE_P(SqliteFile, JournalContract, SqliteFileFactory);
}  // namespace journal_contract

namespace {

// What only the SQLite file gives: the file itself, its schema, other processes and killed
// writers.
class JournalTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteJournal> Open(const std::string& name = "journal.db") {
    auto journal = SqliteJournal::Open(Path(name));
    EXPECT_TRUE(journal.ok()) << journal.status().ToString();
    return journal.ok() ? std::move(*journal) : nullptr;
  }
  std::string Path(const std::string& name) const { return dir_.path() + "/" + name; }
  TempDir dir_;
};

TEST_F(JournalTest, RefusesFilesThatAreNotItsJournal) {
  {
    std::ofstream text(Path("notes.txt"));
    text << std::string(4096, 'x');
  }
  auto text = SqliteJournal::Open(Path("notes.txt"));
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.status().message().find(Path("notes.txt")), std::string::npos);
  EXPECT_NE(text.status().message().find("not a database"), std::string::npos);

  RawSql(Path("other.db"), "CREATE TABLE t(x)");
  auto other = SqliteJournal::Open(Path("other.db"));
  EXPECT_EQ(other.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(other.status().message().find("not an iosup journal"), std::string::npos);

  Open("newer.db");
  RawSql(Path("newer.db"), "PRAGMA user_version = 7");
  auto newer = SqliteJournal::Open(Path("newer.db"));
  EXPECT_EQ(newer.status().code(), ErrorCode::kUnsupported);
  EXPECT_NE(newer.status().message().find("schema version 7"), std::string::npos);

  auto missing_dir = SqliteJournal::Open(Path("no/such/dir/journal.db"));
  ASSERT_FALSE(missing_dir.ok());
  EXPECT_NE(missing_dir.status().message().find("no/such/dir"), std::string::npos);
}

TEST_F(JournalTest, OpensInWalModeWithTheCurrentSchema) {
  Open();
  EXPECT_EQ(RawSql(Path("journal.db"), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(RawSql(Path("journal.db"), "PRAGMA user_version"), "1");
  EXPECT_NE(Open(), nullptr);  // reopening an existing journal
}

// `--plan` records into a scratch journal that never touches the disk.
TEST_F(JournalTest, InMemoryJournalWorksTheSame) {
  auto journal = SqliteJournal::Open(":memory:");
  ASSERT_TRUE(journal.ok()) << journal.status().ToString();
  std::string run = Begin(**journal, {"R1"});
  ASSERT_TRUE((*journal)->SetStep(run, "R1", {"connect", StepOutcome::kDone}).ok());
  EXPECT_EQ((*journal)->LoadRun(run)->devices[0].steps[0].step, "connect");
}

TEST_F(JournalTest, TwoConnectionsShareOneFile) {
  auto a = Open();
  auto b = Open();
  std::string run = Begin(*a, {"R1"});
  std::thread writer([&] {
    for (int i = 0; i < 200; ++i) {
      ASSERT_TRUE(a->AddCommand(run, "R1", {"stage", "a" + std::to_string(i)}).ok());
    }
  });
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(b->AddCommand(run, "R1", {"stage", "b" + std::to_string(i)}).ok());
  }
  writer.join();
  EXPECT_EQ(a->LoadRun(run)->devices[0].commands.size(), 400u);
}

// --- Killed writers -------------------------------------------------------------------------

// A diff of ~40 KB: rewriting it is a transaction of many pages.
std::vector<ChangeRecord> NumberedChanges(int64_t i) {
  std::vector<ChangeRecord> changes;
  for (int c = 0; c < 150; ++c) {
    changes.push_back({"line " + std::to_string(c), std::string(200, 'b'),
                       std::to_string(i) + "/" + std::to_string(c), c % 2 == 0});
  }
  return changes;
}

CommandRecord NumberedCommand(int64_t i) {
  // Sizes vary up to ~24 KB, so records span pages.
  std::string output = "answer " + std::to_string(i) + "\n";
  output += std::string(static_cast<size_t>((i * 7919) % 24000), static_cast<char>('a' + i % 26));
  return {"stage", "copy " + std::to_string(i), output, At(i), static_cast<double>(i)};
}

// A VFS over the default one that SIGKILLs the process right after its n-th write (to the
// database, its WAL or anything else): a kill between two writes of one commit or checkpoint,
// the moment a timed kill rarely hits. Installed only in a forked child.
namespace kill_vfs {
sqlite3_vfs* real_vfs = nullptr;
int64_t writes_left = 0;
sqlite3_io_methods methods;

sqlite3_file* Real(sqlite3_file* f) { return f + 1; }  // the real file follows the shim's
int Open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  int rc = real_vfs->xOpen(real_vfs, name, Real(f), flags, out_flags);
  f->pMethods = Real(f)->pMethods ? &methods : nullptr;
  return rc;
}

void Install(int64_t kill_after_writes) {
  writes_left = kill_after_writes;
  methods.iVersion = 3;
  methods.xClose = [](sqlite3_file* f) { return Real(f)->pMethods->xClose(Real(f)); };
  methods.xRead = [](sqlite3_file* f, void* data, int n, sqlite3_int64 offset) {
    return Real(f)->pMethods->xRead(Real(f), data, n, offset);
  };
  methods.xWrite = [](sqlite3_file* f, const void* data, int n, sqlite3_int64 offset) {
    int rc = Real(f)->pMethods->xWrite(Real(f), data, n, offset);
    if (--writes_left == 0) ::raise(SIGKILL);
    return rc;
  };
  methods.xTruncate = [](sqlite3_file* f, sqlite3_int64 size) {
    return Real(f)->pMethods->xTruncate(Real(f), size);
  };
  methods.xSync = [](sqlite3_file* f, int flags) {
    return Real(f)->pMethods->xSync(Real(f), flags);
  };
  methods.xFileSize = [](sqlite3_file* f, sqlite3_int64* size) {
    return Real(f)->pMethods->xFileSize(Real(f), size);
  };
  methods.xLock = [](sqlite3_file* f, int lock) { return Real(f)->pMethods->xLock(Real(f), lock); };
  methods.xUnlock = [](sqlite3_file* f, int lock) {
    return Real(f)->pMethods->xUnlock(Real(f), lock);
  };
  methods.xCheckReservedLock = [](sqlite3_file* f, int* out) {
    return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
  };
  methods.xFileControl = [](sqlite3_file* f, int op, void* arg) {
    return Real(f)->pMethods->xFileControl(Real(f), op, arg);
  };
  methods.xSectorSize = [](sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); };
  methods.xDeviceCharacteristics = [](sqlite3_file* f) {
    return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
  };
  methods.xShmMap = [](sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    return Real(f)->pMethods->xShmMap(Real(f), page, size, extend, out);
  };
  methods.xShmLock = [](sqlite3_file* f, int offset, int n, int flags) {
    return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
  };
  methods.xShmBarrier = [](sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); };
  methods.xShmUnmap = [](sqlite3_file* f, int remove) {
    return Real(f)->pMethods->xShmUnmap(Real(f), remove);
  };
  methods.xFetch = [](sqlite3_file* f, sqlite3_int64 offset, int n, void** out) {
    return Real(f)->pMethods->xFetch(Real(f), offset, n, out);
  };
  methods.xUnfetch = [](sqlite3_file* f, sqlite3_int64 offset, void* page) {
    return Real(f)->pMethods->xUnfetch(Real(f), offset, page);
  };
  static sqlite3_vfs shim;
  real_vfs = sqlite3_vfs_find(nullptr);
  shim = *real_vfs;
  shim.zName = "kill-after-writes";
  shim.szOsFile = static_cast<int>(sizeof(sqlite3_file)) + real_vfs->szOsFile;
  shim.xOpen = &Open;
  shim.pNext = nullptr;
  sqlite3_vfs_register(&shim, /*makeDflt=*/1);
}
}  // namespace kill_vfs

// Child process: resumes numbering after the journal's "written" marker, as the orchestrator
// resumes a device; for each number adds a command, sets a step and a diff, then the marker,
// and acknowledges the number on `ack_fd` once all four are committed. Never returns.
[[noreturn]] void WriteUntilKilled(const std::string& path, const std::string& run, int ack_fd) {
  auto journal = SqliteJournal::Open(path);
  if (!journal.ok()) ::_exit(10);
  auto written = (*journal)->Marker(run, "R1", "written");
  if (!written.ok()) ::_exit(11);
  int64_t i = written->has_value() ? std::stoll(**written) + 1 : 0;
  // A kill between a command and its marker leaves the command recorded: not twice.
  auto before = (*journal)->LoadRun(run);
  if (!before.ok()) ::_exit(12);
  const auto recorded = static_cast<int64_t>(before->devices[0].commands.size());
  for (;; ++i) {
    if (i >= recorded && !(*journal)->AddCommand(run, "R1", NumberedCommand(i)).ok()) {
      ::_exit(13);
    }
    StepRecord step{"step" + std::to_string(i % 7), StepOutcome::kDone, At(i), At(i + 1),
                    std::to_string(i)};
    if (!(*journal)->SetStep(run, "R1", step).ok()) ::_exit(14);
    if (!(*journal)->SetChanges(run, "R1", NumberedChanges(i)).ok()) ::_exit(15);
    if (!(*journal)->SetMarker(run, "R1", "written", std::to_string(i)).ok()) ::_exit(16);
    if (::write(ack_fd, &i, sizeof i) != sizeof i) ::_exit(17);
  }
}

// Reads acknowledgements until `until` (or EOF when none is given); returns the last one.
int64_t ReadAcks(int fd, int64_t last, std::optional<std::chrono::steady_clock::time_point> until) {
  int64_t buffer[512];
  for (;;) {
    if (until) {
      auto left =
          std::chrono::duration_cast<milliseconds>(*until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return last;
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    }
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) return last;
    if (n >= static_cast<ssize_t>(sizeof(int64_t))) last = buffer[n / sizeof(int64_t) - 1];
  }
}

class KilledJournalTest : public JournalTest {
 protected:
  void SetUp() override {
    auto journal = Open();
    run_ = Begin(*journal, {"R1"});
  }

  // Forks a writer (that kills itself after `kill_after_writes` writes when non-zero), kills it
  // after `wait` unless it died first, and returns the last number it acknowledged.
  int64_t RunWriterUntilDead(milliseconds wait, int64_t kill_after_writes) {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      if (kill_after_writes > 0) kill_vfs::Install(kill_after_writes);
      WriteUntilKilled(Path("journal.db"), run_, fds[1]);
    }
    ::close(fds[1]);
    acknowledged_ = ReadAcks(fds[0], acknowledged_, std::chrono::steady_clock::now() + wait);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    acknowledged_ = ReadAcks(fds[0], acknowledged_, std::nullopt);  // what was left in the pipe
    ::close(fds[0]);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "writer exited with " << WEXITSTATUS(status);
    return acknowledged_;
  }

  // The journal opens, passes SQLite's integrity check and holds every acknowledged record
  // whole: a contiguous series of commands with their exact bytes, the step and the diff of
  // the last marker (or of the one after, never a mix).
  void ExpectIntact(int round) {
    SCOPED_TRACE("round " + std::to_string(round));
    ASSERT_EQ(RawSql(Path("journal.db"), "PRAGMA integrity_check"), "ok");
    auto journal = Open();
    ASSERT_NE(journal, nullptr);
    auto marker = journal->Marker(run_, "R1", "written");
    ASSERT_TRUE(marker.ok());
    int64_t last = marker->has_value() ? std::stoll(**marker) : -1;
    EXPECT_GE(last, acknowledged_);
    auto record = journal->LoadRun(run_);
    ASSERT_TRUE(record.ok()) << record.status().ToString();
    const DeviceRecord& device = record->devices[0];
    // The kill may land after a command and before its marker: one extra command at most.
    ASSERT_GE(static_cast<int64_t>(device.commands.size()), last + 1);
    ASSERT_LE(static_cast<int64_t>(device.commands.size()), last + 2);
    for (size_t i = 0; i < device.commands.size(); ++i) {
      CommandRecord want = NumberedCommand(static_cast<int64_t>(i));
      ASSERT_EQ(device.commands[i].command, want.command);
      ASSERT_EQ(device.commands[i].output, want.output) << "command " << i;
    }
    if (last < 0) return;
    for (const StepRecord& s : device.steps) {
      if (s.step == "step" + std::to_string(last % 7)) {
        EXPECT_EQ(s.detail, std::to_string(last));
      }
    }
    auto want = NumberedChanges(last), or_next = NumberedChanges(last + 1);
    ASSERT_EQ(device.changes.size(), want.size());
    bool is_last = device.changes[0].after == want[0].after;
    for (size_t c = 0; c < want.size(); ++c) {
      ASSERT_EQ(device.changes[c].after, (is_last ? want : or_next)[c].after) << "change " << c;
    }
    ++checked_;
  }

  std::string run_;
  int64_t acknowledged_ = -1;
  int checked_ = 0;
};

// What the brief of `--resume` promises against kill -9: a writer killed at random moments,
// eight times, each resuming after the last.
TEST_F(KilledJournalTest, KilledAtRandomMomentsLosesNothingCommitted) {
  std::mt19937 rng(20261121);
  for (int round = 0; round < 8; ++round) {
    RunWriterUntilDead(milliseconds(std::uniform_int_distribution<int>(20, 120)(rng)), 0);
    ExpectIntact(round);
  }
  EXPECT_GT(acknowledged_, 0) << "the writer never got going";
  std::printf("[ killed ] 8 timed SIGKILLs; %lld records acknowledged, all intact\n",
              static_cast<long long>(acknowledged_ + 1));
}

// The same, with every kill landing between two writes of a commit or a checkpoint.
TEST_F(KilledJournalTest, KilledBetweenTheWritesOfACommitLosesNothingCommitted) {
  std::mt19937 rng(1350);
  for (int round = 0; round < 16; ++round) {
    int64_t writes = std::uniform_int_distribution<int64_t>(1, 3000)(rng);
    RunWriterUntilDead(std::chrono::seconds(30), writes);
    ExpectIntact(round);
  }
  EXPECT_EQ(checked_, 16);
  EXPECT_GT(acknowledged_, 0) << "the writer never got going";
  std::printf("[ killed ] 16 SIGKILLs inside writes; %lld records acknowledged, all intact\n",
              static_cast<long long>(acknowledged_ + 1));
}

}  // namespace
}  // namespace iosup::upgrade
