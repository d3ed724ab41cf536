// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

// One shared limit (a budget, or a daily/monthly token or cost limit of a quota) in one period,
// as this daemon sees it. The database row holds the cluster's committed `used` and the sum of
// the daemons' leases; this daemon admits calls against its own lease (`held`) without asking
// the database, and commits what the calls really used at the next synchronisation.
//
// Invariant kept by the database: used + leased <= limit whenever a lease is granted, so the
// calls all daemons admit never reserve more than the limit; only calls that use more than
// their reservation (an estimate) can take the spend past it.
struct SharedCounter
{
    QString key; // e.g. "b12" (budget 12), "q7.mc" (monthly cost of quota 7)
    qint64 periodStartMs = 0;
    qint64 periodEndMs = 0;
    qint64 limit = 0;
    bool enforced = true; // false: a soft budget, counted but never refused

    qint64 held = 0;          // this daemon's lease (what the database holds for it)
    qint64 reserved = 0;      // estimates of the admitted calls still running
    qint64 pending = 0;       // what finished calls used, not yet committed
    qint64 committing = 0;    // being committed by a synchronisation in flight
    qint64 givingBack = 0;    // lease being returned by a synchronisation in flight
    qint64 clusterUsed = 0;   // the database's `used`, as last read
    qint64 clusterLeased = 0; // the database's `leased`, as last read
    qint64 lastAdmitMs = 0;
    qint64 lastRenewMs = 0;
    qint64 exhaustedAtMs = 0; // when the database last could not grant a lease
    bool leaseInFlight = false;

    // What this daemon may still admit from its lease.
    qint64 free() const { return held - reserved - pending - committing; }
    // Spend as known here: the cluster's committed use plus this daemon's uncommitted use.
    qint64 spent() const { return clusterUsed + pending + committing; }
    // Without a database (counters of this process only): whether `amount` more fits.
    bool fitsWithoutLease(qint64 amount) const
    {
        return clusterUsed + pending + committing + reserved + amount <= limit;
    }
    // With the database lost and the lease spent: whether `amount` more fits what was last
    // known of the cluster (its committed use and the other daemons' leases).
    bool fitsOffline(qint64 amount) const
    {
        const qint64 othersLeased = qMax<qint64>(0, clusterLeased - held - givingBack);
        return clusterUsed + othersLeased + pending + committing + reserved + amount <= limit;
    }

    // What a lease request for `need` is granted, given the row's used and leased: nothing
    // when the need does not fit what is left; else at least the need and at most what is
    // left, a slice of 1/kSliceDivisor of what remains unspent (slices shrink as the limit is
    // approached).
    static qint64 grant(qint64 limit, qint64 used, qint64 leased, qint64 need);
    // How much of its free lease a daemon keeps at a synchronisation: nothing when it admitted
    // nothing for kIdleMs, else a slice of what remains unspent.
    qint64 keep(qint64 nowMs) const;

    static constexpr qint64 kSliceDivisor = 20; // 5% of what remains
    static constexpr qint64 kIdleMs = 2000;
};
