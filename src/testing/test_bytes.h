// Test data: bytes that vary (no run compresses away or hides an off-by-one), the same on every
// run, and written to a file when a peer needs one.
#ifndef IOSUP_TESTING_TEST_BYTES_H_
#define IOSUP_TESTING_TEST_BYTES_H_

#include <cstddef>
#include <fstream>
#include <string>

namespace iosup {

inline std::string PatternBytes(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 2654435761u) >> 13);
  return s;
}

// Writes PatternBytes(n) to `path`; returns them.
inline std::string WritePatternFile(const std::string& path, size_t n) {
  std::string bytes = PatternBytes(n);
  std::ofstream(path, std::ios::binary) << bytes;
  return bytes;
}

}  // namespace iosup

#endif  // IOSUP_TESTING_TEST_BYTES_H_
