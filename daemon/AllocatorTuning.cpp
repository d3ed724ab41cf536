// SPDX-License-Identifier: GPL-3.0-or-later
#include "AllocatorTuning.h"

#include <QTimer>

#ifdef AICARPOOL_TCMALLOC
#include <gperftools/malloc_extension.h>
#include <gperftools/malloc_extension_c.h>

#include <cstdlib>
#endif

QString tuneAllocator()
{
#ifdef AICARPOOL_TCMALLOC
    // tcmalloc's defaults (32 MB of per-thread caches, free memory returned to the system at
    // release rate 1) cost 19-21 MB more peak RSS with 1000 streams open than the C library's
    // allocator; 4 MB of caches and release rate 4 cost 4-6 MB more, for 2 % of the CPU time
    // tcmalloc saves (docs/performance.md). Either environment variable, when set, is the
    // administrator's choice and is kept.
    constexpr size_t ThreadCacheBytes = 4 * 1024 * 1024;
    constexpr double ReleaseRate = 4.0;
    if (!std::getenv("TCMALLOC_MAX_TOTAL_THREAD_CACHE_BYTES"))
        MallocExtension_SetNumericProperty("tcmalloc.max_total_thread_cache_bytes",
                                           ThreadCacheBytes);
    if (!std::getenv("TCMALLOC_RELEASE_RATE"))
        MallocExtension::instance()->SetMemoryReleaseRate(ReleaseRate);
    size_t bytes = 0;
    MallocExtension_GetNumericProperty("tcmalloc.max_total_thread_cache_bytes", &bytes);
    return QStringLiteral("memory allocator: tcmalloc, thread caches up to %1 KB, release rate %2")
        .arg(bytes / 1024)
        .arg(MallocExtension::instance()->GetMemoryReleaseRate());
#else
    return QString();
#endif
}

void releaseFreeMemoryPeriodically(QObject *parent, int intervalMs)
{
#ifdef AICARPOOL_TCMALLOC
    auto *timer = new QTimer(parent);
    QObject::connect(timer, &QTimer::timeout,
                     [] { MallocExtension::instance()->ReleaseFreeMemory(); });
    timer->start(intervalMs);
#else
    Q_UNUSED(parent);
    Q_UNUSED(intervalMs);
#endif
}
