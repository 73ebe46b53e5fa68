#include "exec/process.h"
