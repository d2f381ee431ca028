#!/usr/bin/env bash
# The TFTP fuzzer alone (see tests/fuzz/run_all.sh). Usage: src/transfer/fuzz/run_fuzz.sh [SECONDS]
exec "$(dirname "$0")/../../../tests/fuzz/run_all.sh" "${1:-60}" tftp_fuzz
