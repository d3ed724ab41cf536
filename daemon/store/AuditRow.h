// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

// One entry of the audit log (`audit_log`). `beforeJson`/`afterJson` are compact JSON texts
// (secrets already redacted) or empty; the hash covers the stored texts byte for byte.
struct AuditRow
{
    qint64 id = 0;
    qint64 atMs = 0;
    std::optional<qint64> actorId;
    QString actorEmail;
    QString address;
    QString action;     // "account.create", "key.delete", "auth.login_failed", ...
    QString targetType; // "account", "key", "user", ...
    QString targetId;   // empty when the action has no single target
    QString beforeJson;
    QString afterJson;
    std::optional<qint64> enterpriseId;
    QString prevHash; // 64 lower-case hex digits
    QString hash;     // 64 lower-case hex digits
};
