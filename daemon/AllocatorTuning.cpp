// SPDX-License-Identifier: GPL-3.0-or-later
#include "AllocatorTuning.h"

#ifdef AICARPOOL_TCMALLOC
#include <gperftools/malloc_extension_c.h>

#include <cstdlib>
#endif

QString tuneAllocator()
{
#ifdef AICARPOOL_TCMALLOC
    // tcmalloc keeps up to 32 MB of freed memory in per-thread caches by default; with 1000
    // streams open that was 19 MB more peak RSS than the C library's allocator. 4 MB keeps
    // most of the speed (docs/performance.md). TCMALLOC_MAX_TOTAL_THREAD_CACHE_BYTES, when set,
    // is the administrator's choice and is kept.
    constexpr size_t ThreadCacheBytes = 4 * 1024 * 1024;
    if (!std::getenv("TCMALLOC_MAX_TOTAL_THREAD_CACHE_BYTES"))
        MallocExtension_SetNumericProperty("tcmalloc.max_total_thread_cache_bytes",
                                           ThreadCacheBytes);
    size_t bytes = 0;
    MallocExtension_GetNumericProperty("tcmalloc.max_total_thread_cache_bytes", &bytes);
    return QStringLiteral("memory allocator: tcmalloc, thread caches up to %1 KB")
        .arg(bytes / 1024);
#else
    return QString();
#endif
}
