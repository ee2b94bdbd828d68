/* common/api.h — what every library file needs first: the public API and
 * the visibility of internal symbols (only scrub_* leave the shared
 * library). */
#ifndef SCRUB_COMMON_API_H
#define SCRUB_COMMON_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scrub.h"

#define HIDDEN __attribute__((visibility("hidden")))

#endif
