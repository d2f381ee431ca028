// Writes a golden transcript from a script of what is typed:
//   transcript_record tests/transcripts/scripts/NAME.in > tests/transcripts/NAME.txt
// Review the result before committing it: the golden file is the specification.
#include <iostream>

#include "tests/transcript_runner.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: transcript_record SCRIPT.in\n";
    return 2;
  }
  auto out = iosup::RecordTranscript(argv[1], IOSUP_TEST_BLOB_CACHE);
  if (!out.ok()) {
    std::cerr << out.status().ToString() << "\n";
    return 1;
  }
  std::cout << *out;
  return 0;
}
