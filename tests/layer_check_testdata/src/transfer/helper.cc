// The layer check's self-test: testing/ is for test code only.
#include "testing/loopback_peer.h"
