// Golden transcripts: a file is a console session exactly as a person would see it, preceded by
// the lab set-up it needs. Replay feeds the device what the transcript shows being typed (the
// device echoes it, so typed text is simply the rest of the line after the output so far) and
// checks every byte that comes back.
//
//   # comments
//   @platform ISR4321            @name R1               @hostname NetsTuts_R1
//   @image bootflash:FILE SIZE   generated image        @file URL TEXT   small text file
//   @fill URL SIZE               filler file            @partial URL SIZE   interrupted copy
//   @corrupt URL                 flips a bit            @dir URL
//   @startup LINE                startup-config line    @confreg 0x2142
//   @reachable A.B.C.D           answers ping           @show-boot   console attached at power-on
//   @tftp-server A.B.C.D         a TFTP server there    @tftp-image HOST FILE SIZE   image it serves
//   @boot-time SECONDS           IOS takes that long to come up after its image loads
//   @install-mode URL            the bundle at URL expanded and committed (install mode)
//   @stack N                     a switch stack of N members (flash-2: ...)
//   @member N version V          stack member N runs release V (V-Mismatch)
//   @member N join-delay S       stack member N is Progressing S seconds after each boot
//   @member N flash-bytes B      stack member N's flash holds B bytes in all
//   @peer NAME PLATFORM HOSTNAME IMAGE SIZE [BOOT-SECONDS]   another device of the network
//   @peer-startup NAME LINE      a startup-config line of that device (as @startup)
//   @link IF NAME:IF             a cable from this device's IF (or A:IF B:IF between peers)
//   ---
//   NetsTuts_R1>enable
//   Password: {{cisco}}          {{...}}: typed but not echoed
//   NetsTuts_R1#
//   @@ advance 4m                clock moves; the device runs what is due
//   @@ break                     a BREAK on the console (ConsoleLine::kBreakByte, Ctrl-\)
//   @@ cable IF down|up          the far end of IF's cable goes (a peer's reload, a pulled cable)
//   @@ reload NAME               a peer reloads
#ifndef IOSUP_TESTS_TRANSCRIPT_RUNNER_H_
#define IOSUP_TESTS_TRANSCRIPT_RUNNER_H_

#include <string>

#include "base/status.h"

namespace iosup {

struct TranscriptResult {
  bool ok = false;
  std::string message;  // on failure: where and what differs
};

// `blob_cache`: a directory for generated images shared across runs (large seed images are built
// once per build tree).
TranscriptResult RunTranscript(const std::string& path, const std::string& blob_cache);

// Record mode: the body of `path` lists only what is typed (one line each, {{hidden}} and @@
// directives allowed); returns the full golden transcript of that session.
Result<std::string> RecordTranscript(const std::string& path, const std::string& blob_cache);

}  // namespace iosup

#endif  // IOSUP_TESTS_TRANSCRIPT_RUNNER_H_
