#!/usr/bin/env bash
# The CLI session fuzzer alone (see run_all.sh). Usage: tests/fuzz/run_session_fuzz.sh [SECONDS]
exec "$(dirname "$0")/run_all.sh" "${1:-60}" session_fuzzer
