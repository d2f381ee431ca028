#!/usr/bin/env bash
# Makes sure every Debian package iosup builds, tests and benchmarks with is installed.
# As root it installs what is missing; otherwise it prints the one apt-get line needed and fails.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  libssl-dev            # OpenSSL EVP: MD5 / SHA-256 / SHA-512
  libgtest-dev libgmock-dev libbenchmark-dev
  libre2-dev            # RE2: output filters (| include ...) on a linear-time engine
  libcli11-dev          # command line of the iosup binary
  nlohmann-json3-dev    # flash manifests, reports
  libyaml-cpp-dev       # topology, inventory and policy files
  libasio-dev           # standalone asio: the TFTP server and client event loop
  libtelnet-dev telnet  # the telnet front-end, and a real client for its tests
  tftpd-hpa tftp-hpa atftp curl  # TFTP peers for the interop tests and bench/tftp_bench.sh
  libcurl4-openssl-dev  # ftp/http/scp copies of the emulated devices
  libssh-dev            # the SSH and SCP server of the emulated devices (src/frontend/ssh_*)
  python3-pyftpdlib openssh-server openssh-client  # ftp and scp peers for those copies' tests
  libcpp-httplib-dev    # the lab's HTTP API (src/lab/http_api.*)
  libsqlite3-dev        # the upgrade journal (src/upgrade/journal.*)
  libre2-dev            # command patterns of the scripted CLI channel (src/upgrade/scripted_cli_channel.*)
  python3-netmiko ansible  # real automation tools driving the emulated devices in tests and bench/
  python3-pexpect       # Debian's telnet client driven by the telnet interop test
  clang libclang-rt-14-dev  # the libFuzzer targets (tests/fuzz, src/transfer/fuzz)
)

# atftpd conflicts with tftpd-hpa as a package: the tests and bench/tftp_bench.sh use a copy
# extracted (not installed) under the build tree. Without it those tests fail, saying so.
"$(dirname "$0")/../src/transfer/testdata/fetch_atftpd.sh" "${IOSUP_BUILD_DIR:-build}/tftp-peers/atftpd" \
  >/dev/null 2>&1 || true

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ "$(id -u)" == 0 ]]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: iosup needs these Debian packages; run:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
