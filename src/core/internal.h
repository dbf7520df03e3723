/* internal.h — every private header of the core at once, for the tests
 * that reach into it. The core's own files include what they use:
 * store.h (plumbing), card_rules.h (the card's rules), test_hooks.h. */
#ifndef SHOWROOM_INTERNAL_H
#define SHOWROOM_INTERNAL_H

#include "store.h"
#include "card_rules.h"
#include "demo_int.h"
#include "test_hooks.h"

#endif
