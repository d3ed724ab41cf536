// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminIdentity.h"
#include "api/admin/AuditNote.h"
#include "http/HttpRequest.h"
#include "store/AuditRow.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>

// Turns one answered admin request into the audit entry to store (no I/O): the action and
// target from the route or the handler's note, the caller, the address, before/after redacted
// (AuditRedactor) and bounded.
class AuditEntries
{
public:
    // Texts longer than this are stored as {"truncated":true,"bytes":N}.
    static constexpr int MaxJsonBytes = 64 * 1024;

    // "POST /api/accounts" -> "account.create", "PATCH /api/keys/{id}" -> "key.update",
    // "DELETE /api/pools/{id}" -> "pool.delete", "POST /api/proxies/{id}/test" -> "proxy.test",
    // "POST /api/auth/login" -> "auth.login"; GET/HEAD/OPTIONS -> "" (not recorded).
    static QString deriveAction(const QByteArray &method, const QString &pattern);
    // The first segment after /api/, singular: "/api/proxies/{id}" -> "proxy".
    static QString deriveTargetType(const QString &pattern);

    // The entry for an answer with `status`, or nothing when none is due (not 2xx and no failure
    // action noted). id, prev_hash and hash are left for the repository.
    static std::optional<AuditRow> build(const QString &routeAction, const QString &pattern,
                                         const HttpRequest &request,
                                         const std::optional<AdminIdentity> &caller,
                                         const AuditNote::Content &note, int status, qint64 nowMs);

    // Redacted compact JSON, bounded by MaxJsonBytes; "" for an undefined value.
    static QString json(const QJsonValue &value);
};
