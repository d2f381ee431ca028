#include "platform/disk_flash_store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "testing/flash_store_contract.h"
#include "testing/temp_dir.h"

namespace iosup {
namespace {

struct DiskFactory {
  TempDir dir;
  std::unique_ptr<BlobStore> blobs;
  int n = 0;
  std::unique_ptr<FlashStore> Make(const Clock& clock, uint64_t capacity, uint64_t block) {
    if (!blobs) blobs = std::move(*BlobStore::Open(dir.path() + "/lab"));
    auto fs = DiskFlashStore::Open(*blobs, dir.path() + "/m" + std::to_string(n++) + ".json",
                                   clock, capacity, block);
    return fs.ok() ? std::move(*fs) : nullptr;
  }
};
INSTANTIATE_TYPED_TEST_SUITE_P(Disk, FlashStoreContract, DiskFactory);

class DiskFlashStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { blobs_ = std::move(*BlobStore::Open(dir_.path() + "/lab")); }
  std::unique_ptr<DiskFlashStore> Open(const std::string& name) {
    auto fs = DiskFlashStore::Open(*blobs_, dir_.path() + "/" + name, clock_, 64 << 20, 512);
    EXPECT_TRUE(fs.ok()) << fs.status().ToString();
    return fs.ok() ? std::move(*fs) : nullptr;
  }
  // A child process writes `paths` of flash.json (creating or replacing each) chunk after chunk
  // and is killed by SIGKILL once every one has its first chunk, as a power cut would.
  void KillWhileWriting(const std::vector<std::string>& paths, const std::string& chunk) {
    int started[2];
    ASSERT_EQ(::pipe(started), 0);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto blobs = BlobStore::Open(dir_.path() + "/lab");
      auto fs = DiskFlashStore::Open(**blobs, dir_.path() + "/flash.json", clock_, 64 << 20, 512);
      std::vector<std::unique_ptr<FileWriter>> writers;
      for (const std::string& p : paths) writers.push_back(std::move(*(*fs)->Create(p, 10 << 20)));
      for (auto& w : writers) (void)w->Append(Bytes(chunk));
      (void)!::write(started[1], "s", 1);  // every file exists: the kill may land from now on
      for (;;) {
        for (auto& w : writers) (void)w->Append(Bytes(chunk));
      }
    }
    ::close(started[1]);
    char c;
    ASSERT_EQ(::read(started[0], &c, 1), 1);  // on a loaded machine the child may start late
    ::close(started[0]);
    ::usleep(20000);
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }

  TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<BlobStore> blobs_;
};

TEST_F(DiskFlashStoreTest, SurvivesReopen) {
  {
    auto fs = Open("a.json");
    ASSERT_TRUE(fs->MakeDir("d").ok());
    ASSERT_TRUE(WriteWhole(*fs, "d/x.bin", "content").ok());
    fs->SetContentNote("d/x.bin", "md5", "remembered");
  }
  auto fs = Open("a.json");
  auto info = fs->Stat("d/x.bin");
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->size, 7u);
  EXPECT_EQ(info->mtime, clock_.Now());
  EXPECT_EQ(ReadAll(*fs, "d/x.bin"), "content");
  EXPECT_EQ(fs->ContentNote("d/x.bin", "md5"), "remembered");
  EXPECT_EQ(fs->Space().used, 1024u);
}

// A batch keeps its changes in memory: a store reopened before EndBatch (a kill half-way) sees
// the state from before the batch; EndBatch writes every change at once.
TEST_F(DiskFlashStoreTest, BatchWritesTheManifestOnceAtItsEnd) {
  auto fs = Open("b.json");
  ASSERT_TRUE(WriteWhole(*fs, "before.txt", "kept").ok());
  fs->BeginBatch();
  ASSERT_TRUE(WriteWhole(*fs, "vlan.dat", "vlans").ok());
  ASSERT_TRUE(fs->MakeDir("d").ok());
  ASSERT_TRUE(WriteWhole(*fs, "d/config.text", "config").ok());
  EXPECT_EQ(ReadAll(*fs, "d/config.text"), "config");  // the store itself sees its changes
  {
    auto reopened = Open("b.json");
    EXPECT_EQ(ReadAll(*reopened, "before.txt"), "kept");
    EXPECT_FALSE(reopened->Stat("vlan.dat").ok());
    EXPECT_FALSE(reopened->Stat("d").ok());
  }
  ASSERT_TRUE(fs->EndBatch().ok());
  auto reopened = Open("b.json");
  EXPECT_EQ(ReadAll(*reopened, "before.txt"), "kept");
  EXPECT_EQ(ReadAll(*reopened, "vlan.dat"), "vlans");
  EXPECT_EQ(ReadAll(*reopened, "d/config.text"), "config");
  // After the batch, every change is saved at once again.
  ASSERT_TRUE(WriteWhole(*fs, "after.txt", "now").ok());
  EXPECT_EQ(ReadAll(*Open("b.json"), "after.txt"), "now");
}

TEST_F(DiskFlashStoreTest, SameContentStoredOnceAcrossDevices) {
  auto r1 = Open("r1.json");
  auto r2 = Open("r2.json");
  std::string image(100000, 'i');
  ASSERT_TRUE(WriteWhole(*r1, "image.bin", image).ok());
  ASSERT_TRUE(WriteWhole(*r2, "copy.bin", image).ok());
  int blobs = 0;
  for (auto& e : std::filesystem::recursive_directory_iterator(dir_.path() + "/lab/blobs")) {
    if (e.is_regular_file()) ++blobs;
  }
  EXPECT_EQ(blobs, 1);
  r1->SetContentNote("image.bin", "md5", "shared");
  EXPECT_EQ(r2->ContentNote("copy.bin", "md5"), "shared");
}

// --- writes told what they will probably receive (FileWriter::ExpectContent) ---------------

class ExpectedContentTest : public DiskFlashStoreTest {
 protected:
  void SetUp() override {
    DiskFlashStoreTest::SetUp();
    std::mt19937 random(7);
    image_.resize(300000);
    for (char& c : image_) c = static_cast<char>(random());
    served_ = dir_.path() + "/served.bin";
    std::ofstream(served_, std::ios::binary) << image_;
  }
  // A writer of `path` on `fs` told to expect the served file.
  std::unique_ptr<FileWriter> Expecting(FlashStore& fs, const std::string& path) {
    auto w = fs.Create(path, std::nullopt);
    EXPECT_TRUE(w.ok());
    (*w)->ExpectContent(served_);
    return std::move(*w);
  }
  // Appends `bytes` in 8 KiB pieces, as TFTP delivers them.
  static void Feed(FileWriter& w, std::string_view bytes) {
    for (size_t at = 0; at < bytes.size(); at += 8192) {
      ASSERT_TRUE(w.Append(Bytes(bytes.substr(at, 8192))).ok());
    }
  }
  // Bytes in the blob store's staging files, and its blobs.
  uint64_t StagedBytes() const { return BytesUnder(dir_.path() + "/lab/staging"); }
  int Blobs() const {
    int n = 0;
    for (auto& e : std::filesystem::recursive_directory_iterator(dir_.path() + "/lab/blobs")) {
      n += e.is_regular_file() && e.path().extension() != ".notes";
    }
    return n;
  }
  static uint64_t BytesUnder(const std::string& dir) {
    uint64_t n = 0;
    for (auto& e : std::filesystem::directory_iterator(dir)) n += e.is_regular_file() ? e.file_size() : 0;
    return n;
  }

  std::string image_;
  std::string served_;
};

// A fleet copying one served image: the first copy stores it once; the next compares and writes
// nothing, mid-way or at the end, and both read back whole.
TEST_F(ExpectedContentTest, MatchingBytesAreComparedNotWrittenAgain) {
  auto r1 = Open("r1.json");
  auto r2 = Open("r2.json");
  auto first = Expecting(*r1, "image.bin");
  Feed(*first, image_);
  ASSERT_TRUE(first->Commit().ok());
  EXPECT_EQ(Blobs(), 1);
  auto second = Expecting(*r2, "copy.bin");
  Feed(*second, std::string_view(image_).substr(0, 150000));
  EXPECT_EQ(StagedBytes(), 0u);
  EXPECT_EQ(r2->Stat("copy.bin")->size, 150000u);  // the file grows as ever, partial meanwhile
  Feed(*second, std::string_view(image_).substr(150000));
  ASSERT_TRUE(second->Commit().ok());
  EXPECT_EQ(StagedBytes(), 0u);
  EXPECT_EQ(Blobs(), 1);
  EXPECT_EQ(ReadAll(*r1, "image.bin"), image_);
  EXPECT_EQ(ReadAll(*r2, "copy.bin"), image_);
  EXPECT_FALSE(r2->Stat("copy.bin")->partial);
}

// A byte that differs (a corrupted transfer) ends the comparison: the file holds exactly what
// was received, the served image's prefix included, as its own content.
TEST_F(ExpectedContentTest, TheFirstDifferentByteStoresWhatWasReceived) {
  auto r1 = Open("r1.json");
  std::string received = image_;
  received[200000] ^= 0x40;
  auto w = Expecting(*r1, "image.bin");
  Feed(*w, received);
  ASSERT_TRUE(w->Commit().ok());
  EXPECT_EQ(ReadAll(*r1, "image.bin"), received);
  // Longer than the served file, or shorter: the same.
  auto longer = Expecting(*r1, "longer.bin");
  Feed(*longer, image_ + "tail");
  ASSERT_TRUE(longer->Commit().ok());
  EXPECT_EQ(ReadAll(*r1, "longer.bin"), image_ + "tail");
  auto shorter = Expecting(*r1, "shorter.bin");
  Feed(*shorter, std::string_view(image_).substr(0, 1000));
  ASSERT_TRUE(shorter->Commit().ok());
  EXPECT_EQ(ReadAll(*r1, "shorter.bin"), image_.substr(0, 1000));
  // A hint naming no file, or a directory, is no hint.
  auto nowhere = r1->Create("plain.bin", std::nullopt);
  (*nowhere)->ExpectContent(dir_.path() + "/missing.bin");
  (*nowhere)->ExpectContent(dir_.path());
  Feed(**nowhere, "plain");
  ASSERT_TRUE((*nowhere)->Commit().ok());
  EXPECT_EQ(ReadAll(*r1, "plain.bin"), "plain");
}

// A copy interrupted while its bytes still matched (the lab stopped, the transfer dropped)
// leaves the partial file plain writing would: exactly the bytes received, across a restart.
TEST_F(ExpectedContentTest, AnInterruptedMatchingCopyLeavesThePartialFileItReceived) {
  {
    auto r1 = Open("r1.json");
    auto w = Expecting(*r1, "image.bin");
    Feed(*w, std::string_view(image_).substr(0, 98304));
    EXPECT_EQ(StagedBytes(), 0u);
  }
  EXPECT_EQ(StagedBytes(), 98304u);
  auto r1 = Open("r1.json");
  Result<FileInfo> info = r1->Stat("image.bin");
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->partial);
  EXPECT_EQ(info->size, 98304u);
  EXPECT_EQ(ReadAll(*r1, "image.bin"), image_.substr(0, 98304));
}

TEST_F(DiskFlashStoreTest, LinkBlobAddsWithoutCopy) {
  auto r1 = Open("r1.json");
  ASSERT_TRUE(WriteWhole(*r1, "image.bin", "bytes").ok());
  auto sha = DigestHex(DigestKind::kSha256, "bytes");
  auto r2 = Open("r2.json");
  ASSERT_TRUE(r2->LinkBlob("image.bin", sha).ok());
  EXPECT_EQ(ReadAll(*r2, "image.bin"), "bytes");
  EXPECT_EQ(r2->LinkBlob("x", std::string(64, '0')).code(), ErrorCode::kNotFound);
}

// A child process saves the startup-config over and over; it is SIGKILLed at random moments.
// Whatever instant the kill lands on, the reopened store holds one whole version.
TEST_F(DiskFlashStoreTest, KilledSaveLeavesOldOrNewNeverTorn) {
  const std::string a(300000, 'A'), b(250000, 'B');
  {
    auto fs = Open("nvram.json");
    ASSERT_TRUE(WriteWhole(*fs, "startup-config", a).ok());
  }
  std::mt19937 rng(1234);
  int saw_a = 0, saw_b = 0;
  for (int round = 0; round < 12; ++round) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto blobs = BlobStore::Open(dir_.path() + "/lab");
      auto fs = DiskFlashStore::Open(**blobs, dir_.path() + "/nvram.json", clock_, 64 << 20, 512);
      for (int i = 0;; ++i) (void)WriteWhole(**fs, "startup-config", i % 2 ? a : b);
    }
    ::usleep(std::uniform_int_distribution<int>(1000, 40000)(rng));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    auto fs = Open("nvram.json");
    ASSERT_NE(fs, nullptr);
    std::string got = ReadAll(*fs, "startup-config");
    ASSERT_TRUE(got == a || got == b) << "torn config of " << got.size() << " bytes";
    EXPECT_FALSE(fs->Stat("startup-config")->partial);
    (got == a ? saw_a : saw_b)++;
  }
  EXPECT_EQ(saw_a + saw_b, 12);
}

// A copy killed mid-way leaves what a real flash would: a partial file with the bytes written.
TEST_F(DiskFlashStoreTest, KilledNewFileWriteIsPartialAfterRestart) {
  const std::string chunk(4096, 'n');
  KillWhileWriting({"new.bin"}, chunk);
  auto fs = Open("flash.json");
  auto info = fs->Stat("new.bin");
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->partial);
  EXPECT_EQ(ReadAll(*fs, "new.bin").size(), info->size);
  ASSERT_TRUE(fs->Delete("new.bin").ok());
  EXPECT_EQ(fs->Space().used, 0u);
}

// Files in the lab's staging directory: writes in flight and the bytes of partial files.
size_t StagingFiles(const std::string& lab) {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(lab + "/staging"))
    n += e.is_regular_file();
  return n;
}

// A partial file left by an interrupted copy, then replaced by a copy that completes or renamed
// over, lets its staging bytes go, as deleting it does: no entry refers to them any more.
TEST_F(DiskFlashStoreTest, PartialFileReplacedLeavesNoStagingBehind) {
  auto fs = Open("flash.json");
  const std::string lab = dir_.path() + "/lab";
  for (const char* name : {"copied.bin", "renamed.bin"}) {
    {
      auto w = fs->Create(name, 1000);
      ASSERT_TRUE(w.ok());
      ASSERT_TRUE((*w)->Append(Bytes(std::string(700, 'p'))).ok());
    }  // interrupted: the file stays, partial
    ASSERT_TRUE(fs->Stat(name)->partial);
    EXPECT_EQ(StagingFiles(lab), 1u) << name;
    if (std::string(name) == "copied.bin") {
      ASSERT_TRUE(WriteWhole(*fs, name, "complete").ok());
    } else {
      ASSERT_TRUE(WriteWhole(*fs, "other.bin", "other").ok());
      ASSERT_TRUE(fs->Rename("other.bin", name).ok());
    }
    EXPECT_FALSE(fs->Stat(name)->partial);
    EXPECT_EQ(StagingFiles(lab), 0u) << name;
  }
}

// A local copy between devices of one lab links the content: the bytes are not read or
// written again, the copy holds the same notes (its MD5 is known), and space is still counted
// as a copy needs it.
TEST_F(DiskFlashStoreTest, ShareCopyLinksContentOfTheSameBlobStore) {
  auto a = Open("a.json");
  auto b = Open("b.json");
  ASSERT_TRUE(WriteWhole(*a, "img.bin", std::string(5000, 'i')).ok());
  a->SetContentNote("img.bin", "md5", "known");
  ASSERT_TRUE(b->ShareCopy(*a, "img.bin", "copy.bin").ok());
  EXPECT_EQ(ReadAll(*b, "copy.bin"), std::string(5000, 'i'));
  EXPECT_EQ(b->ContentNote("copy.bin", "md5"), "known");
  EXPECT_EQ(b->BlobIdOf("copy.bin"), a->BlobIdOf("img.bin"));
  EXPECT_EQ(b->Space().used, a->Space().used);

  auto tiny = DiskFlashStore::Open(*blobs_, dir_.path() + "/tiny.json", clock_, 4096, 512);
  EXPECT_EQ((*tiny)->ShareCopy(*a, "img.bin", "copy.bin").code(), ErrorCode::kNoSpace);
  EXPECT_FALSE((*tiny)->Stat("copy.bin").ok());

  TempDir other;
  auto other_blobs = BlobStore::Open(other.path());
  auto elsewhere = DiskFlashStore::Open(**other_blobs, other.path() + "/c.json", clock_, 64 << 20, 512);
  EXPECT_EQ((*elsewhere)->ShareCopy(*a, "img.bin", "copy.bin").code(), ErrorCode::kUnsupported);
}

size_t FilesIn(const std::string& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

// A process killed while it writes a new file and replaces another leaves two staging files: the
// new file's is its partial content (kept), the replacement's is garbage (removed at the next
// start). A staging file of a writer still running is never touched.
TEST_F(DiskFlashStoreTest, AbandonedStagingIsRemovedAndPartialsAreKept) {
  ASSERT_TRUE(WriteWhole(*Open("flash.json"), "old.bin", std::string(1000, 'o')).ok());
  KillWhileWriting({"old.bin", "new.bin"}, std::string(4096, 'n'));
  const std::string staging = dir_.path() + "/lab/staging";
  ASSERT_EQ(FilesIn(staging), 2u);

  auto blobs = BlobStore::Open(dir_.path() + "/lab");
  auto own = (*blobs)->NewStaging();  // a live writer's file, this process's
  ASSERT_TRUE(own.ok());
  auto partials = DiskFlashStore::StagingNamesIn(dir_.path() + "/flash.json");
  ASSERT_TRUE(partials.ok());
  ASSERT_EQ(partials->size(), 1u);
  EXPECT_GT((*blobs)->RemoveAbandonedStaging({partials->begin(), partials->end()}), 0u);
  EXPECT_EQ(FilesIn(staging), 2u);  // the partial and the live writer's
  EXPECT_TRUE(std::filesystem::exists((*blobs)->StagingPath((*partials)[0])));
  EXPECT_TRUE(std::filesystem::exists((*blobs)->StagingPath(*own)));

  auto fs = Open("flash.json");
  EXPECT_TRUE(fs->Stat("new.bin")->partial);
  EXPECT_EQ(ReadAll(*fs, "new.bin").size(), fs->Stat("new.bin")->size);
  EXPECT_EQ(ReadAll(*fs, "old.bin"), std::string(1000, 'o'));
}

TEST(DiskFlashStoreManifest, StagingNamesOfAMissingManifestAreNone) {
  TempDir dir;
  auto names = DiskFlashStore::StagingNamesIn(dir.path() + "/absent.json");
  ASSERT_TRUE(names.ok());
  EXPECT_TRUE(names->empty());
}

}  // namespace
}  // namespace iosup
