// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/RefreshTokenRepository.h"
#include "base/Clock.h"

#include "store/SqlUtil.h"

void RefreshTokenRepository::insert(const RefreshTokenRow &row)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO refresh_tokens (jti, family, user_id, created_at, "
                             "expires_at, used_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL, "
                             "NULL)"));
    q.addBindValue(row.jti);
    q.addBindValue(row.family);
    q.addBindValue(row.userId);
    q.addBindValue(row.createdAtMs ? row.createdAtMs : Clock::nowMs());
    q.addBindValue(row.expiresAtMs);
    SqlUtil::exec(q, QStringLiteral("store refresh token"));
}

std::optional<RefreshTokenRow> RefreshTokenRepository::get(const QString &jti)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT jti, family, user_id, created_at, expires_at, used_at, "
                             "revoked_at FROM refresh_tokens WHERE jti = ?"));
    q.addBindValue(jti);
    SqlUtil::exec(q, QStringLiteral("read refresh token"));
    if (!q.next())
        return std::nullopt;
    RefreshTokenRow r;
    r.jti = q.value(0).toString();
    r.family = q.value(1).toString();
    r.userId = q.value(2).toLongLong();
    r.createdAtMs = q.value(3).toLongLong();
    r.expiresAtMs = q.value(4).toLongLong();
    r.usedAtMs = SqlUtil::msOrZero(q.value(5));
    r.revokedAtMs = SqlUtil::msOrZero(q.value(6));
    return r;
}

bool RefreshTokenRepository::markUsed(const QString &jti, qint64 nowMs)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE refresh_tokens SET used_at = ? WHERE jti = ? AND used_at IS "
                             "NULL AND revoked_at IS NULL"));
    q.addBindValue(nowMs);
    q.addBindValue(jti);
    SqlUtil::exec(q, QStringLiteral("use refresh token"));
    return q.numRowsAffected() == 1;
}

int RefreshTokenRepository::revokeFamily(const QString &family, qint64 nowMs)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND "
                             "revoked_at IS NULL"));
    q.addBindValue(nowMs);
    q.addBindValue(family);
    SqlUtil::exec(q, QStringLiteral("end session"));
    return q.numRowsAffected();
}

int RefreshTokenRepository::revokeUser(qint64 userId, qint64 nowMs)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND "
                             "revoked_at IS NULL"));
    q.addBindValue(nowMs);
    q.addBindValue(userId);
    SqlUtil::exec(q, QStringLiteral("end sessions"));
    return q.numRowsAffected();
}

int RefreshTokenRepository::purgeExpired(qint64 beforeMs)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM refresh_tokens WHERE expires_at < ?"));
    q.addBindValue(beforeMs);
    SqlUtil::exec(q, QStringLiteral("purge refresh tokens"));
    return q.numRowsAffected();
}
