// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/SharedCounter.h"

qint64 SharedCounter::grant(qint64 limit, qint64 used, qint64 leased, qint64 need)
{
    const qint64 available = limit - used - leased;
    if (need <= 0 || available < need)
        return 0;
    const qint64 slice = qMax<qint64>(0, limit - used) / kSliceDivisor;
    return qMin(available, qMax(need, slice));
}

qint64 SharedCounter::keep(qint64 nowMs) const
{
    if (nowMs - lastAdmitMs > kIdleMs)
        return 0;
    return qMax<qint64>(0, limit - clusterUsed - pending - committing) / kSliceDivisor;
}
