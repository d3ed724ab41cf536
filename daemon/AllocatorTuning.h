// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// Settings of the memory allocator the daemon was linked with (docs/operations.md, "The memory
// allocator"). Called once at start; answers a line for the log, empty when there is nothing to
// say.
QString tuneAllocator();
