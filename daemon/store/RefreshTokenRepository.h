// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

// One issued refresh token (`refresh_tokens`). Tokens of one sign-in share a family: each
// refresh marks the presented token used and issues the next one in the same family.
struct RefreshTokenRow
{
    QString jti;
    QString family;
    qint64 userId = 0;
    qint64 createdAtMs = 0;
    qint64 expiresAtMs = 0;
    qint64 usedAtMs = 0;    // 0: not used yet
    qint64 revokedAtMs = 0; // 0: live
};

// `refresh_tokens` table. Every method throws StoreError on failure. Use it on the
// connection's thread.
class RefreshTokenRepository
{
public:
    explicit RefreshTokenRepository(const QSqlDatabase &db) : m_db(db) {}

    void insert(const RefreshTokenRow &row);
    std::optional<RefreshTokenRow> get(const QString &jti);
    // Marks the token used; false when it was already used (another refresh won the race).
    bool markUsed(const QString &jti, qint64 nowMs);
    // Ends every token of a family / of a user. Returns how many were live.
    int revokeFamily(const QString &family, qint64 nowMs);
    int revokeUser(qint64 userId, qint64 nowMs);
    // Removes tokens that expired before `beforeMs`.
    int purgeExpired(qint64 beforeMs);

private:
    QSqlDatabase m_db;
};
