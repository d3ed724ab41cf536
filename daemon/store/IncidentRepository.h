// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/IncidentRow.h"
#include "store/TenantFilter.h"

#include <QHash>
#include <QSqlDatabase>

#include <optional>

// `alert_incidents` and `alert_fired`. Every method throws StoreError on failure. Use it on
// the connection's thread.
class IncidentRepository
{
public:
    explicit IncidentRepository(const QSqlDatabase &db) : m_db(db) {}

    struct Filter
    {
        QString state; // "" = every state
        qint64 ruleId = 0;
        TenantFilter tenants;
        int limit = 50;
        int offset = 0;
    };
    IncidentPage list(const Filter &filter); // newest first
    std::optional<IncidentRow> get(qint64 id);
    // Every incident that is not resolved.
    QList<IncidentRow> active();
    // When each (rule, subject) last opened an incident at or after `sinceMs`; key
    // "<ruleId>|<subject>".
    QHash<QString, qint64> lastOpened(qint64 sinceMs);

    // A budget threshold an incident claims for its period (see claimThreshold()).
    struct ThresholdClaim
    {
        qint64 budgetId = 0;
        qint64 periodStartMs = 0;
        int threshold = 0;
    };
    // Opens an incident unless one for the same rule and subject is not resolved yet, or the
    // claimed threshold already fired in its period; the new id, or 0. The claim and the
    // incident are written in one transaction: both or neither.
    qint64 open(const IncidentRow &row, const std::optional<ThresholdClaim> &claim = {});
    // open -> acknowledged; false when the incident is not open (NotFound when missing).
    bool acknowledge(qint64 id, qint64 byUserId, qint64 atMs);
    // open|acknowledged -> resolved; `byUserId` 0 = automatically. False when already resolved.
    bool resolve(qint64 id, qint64 byUserId, qint64 atMs);
    // Updates the summary and details of an active incident (the latest measurement).
    void refresh(qint64 id, const QString &summary, const QJsonObject &details, qint64 atMs);

    // Records that `threshold` of a budget fired for a rule in the period starting at
    // `periodStartMs`: true for the first caller (this process or another daemon), false when
    // it had already fired.
    bool claimThreshold(qint64 ruleId, qint64 budgetId, qint64 periodStartMs, int threshold,
                        qint64 atMs);
    bool thresholdFired(qint64 ruleId, qint64 budgetId, qint64 periodStartMs, int threshold);

private:
    QSqlDatabase m_db;
};
