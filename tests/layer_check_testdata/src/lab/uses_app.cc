// The layer check's self-test: nothing includes app/.
#include "app/commands.h"
