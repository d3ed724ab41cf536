// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// Settings of the memory allocator the daemon was linked with (docs/operations.md, "The memory
// allocator"). Called once at start; answers a line for the log, empty when there is nothing to
// say.
QString tuneAllocator();

class QObject;

// Hands the pages the allocator holds free back to the system every `intervalMs` (tcmalloc
// returns them only as it frees more; after a burst of load nothing may follow). Nothing
// without tcmalloc. The timer is a child of `parent`.
void releaseFreeMemoryPeriodically(QObject *parent, int intervalMs);
