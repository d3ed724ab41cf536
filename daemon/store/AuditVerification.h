// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

// The result of walking the audit chain: `entries` were read; `firstBadId` is the first entry
// whose stored hash or link does not match (for a removed last entry: the missing id).
struct AuditVerification
{
    bool ok = true;
    qint64 entries = 0;
    std::optional<qint64> firstBadId;
    QString problem; // "hash", "link" or "head"; empty when ok
};
