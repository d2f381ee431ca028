// The layer check's self-test: a test in upgrade/ may include testing/ and catalog/.
#include "catalog/image_name.h"
#include "testing/manual_clock.h"
