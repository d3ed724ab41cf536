// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/UsageRecord.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <array>
#include <cmath>

// What the usage rollups must hold, computed in the test from the records that reached the
// ledger (its own arithmetic, not the daemon's), and random records to feed it.
class RollupExpectation
{
public:
    // requests, errors, input, output, cache write, cache read, cost micro-USD
    using Metrics = std::array<qint64, 7>;

    static constexpr qint64 Day0 = 1764547200000; // 2025-12-01T00:00:00Z, a Monday
    static constexpr qint64 DayMs = 86400000;

    // Adds a record the ledger accepted (the first time its request id is seen).
    void accept(const UsageRecord &r);
    // Records whose request id was not seen yet are accepted; returns them.
    QList<UsageRecord> acceptNew(const QList<UsageRecord> &batch);
    const QList<UsageRecord> &accepted() const { return m_accepted; }

    // usage_rollup_daily as "day|e|d|g|u|k|a|provider|model" -> metrics.
    QMap<QString, Metrics> wide() const;
    // usage_rollup_dims as "dim|day|e|id|name" -> metrics.
    QMap<QString, Metrics> dims() const;
    // A report: "bucketDay|id|name" -> metrics, for one dimension (1..8) and bucket, days in
    // [fromDay, toDay), only these enterprises (when set) or this user (when > 0).
    QMap<QString, Metrics> report(int dim, const QString &bucket, int fromDay, int toDay,
                                  const QList<qint64> *enterprises, qint64 userId) const;

    // The tables as stored.
    static QMap<QString, Metrics> readWide(const QSqlDatabase &db);
    static QMap<QString, Metrics> readDims(const QSqlDatabase &db);

    static int day(qint64 ms) { return int(ms / DayMs); }
    static int week(int day);
    static int month(int day);
    static Metrics metricsOf(const UsageRecord &r);

    // A random record within `days` days of Day0, over a small population so rows combine.
    static UsageRecord random(QRandomGenerator &rng, const QString &id, int days);

private:
    QList<UsageRecord> m_accepted;
    QSet<QString> m_ids;
};
