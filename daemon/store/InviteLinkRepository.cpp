// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/InviteLinkRepository.h"

#include "base/Clock.h"
#include "store/SqlUtil.h"

namespace {

const char *const Columns = "id, group_id, token_hash, max_uses, uses, expires_at_ms, revoked, "
                            "created_by, created_at_ms";

InviteLinkRow readRow(const QSqlQuery &q)
{
    InviteLinkRow r;
    r.id = q.value(0).toLongLong();
    r.groupId = q.value(1).toLongLong();
    r.tokenHash = q.value(2).toString();
    r.maxUses = q.value(3).toInt();
    r.uses = q.value(4).toInt();
    r.expiresAtMs = SqlUtil::msOrZero(q.value(5));
    r.revoked = q.value(6).toInt() != 0;
    r.createdBy = q.value(7).toLongLong();
    r.createdAtMs = q.value(8).toLongLong();
    return r;
}

std::optional<InviteLinkRow> one(const QSqlDatabase &db, const QString &where,
                                 const QVariant &value)
{
    QSqlQuery q = SqlUtil::prepare(db, QStringLiteral("SELECT %1 FROM invite_links WHERE %2 = ?")
                                           .arg(QLatin1String(Columns), where));
    q.addBindValue(value);
    SqlUtil::exec(q, QStringLiteral("read invite link"));
    if (!q.next())
        return std::nullopt;
    return readRow(q);
}

} // namespace

qint64 InviteLinkRepository::insert(const InviteLinkRow &row)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO invite_links (group_id, token_hash, max_uses, uses, "
                             "expires_at_ms, revoked, created_by, created_at_ms) VALUES "
                             "(?, ?, ?, 0, ?, 0, ?, ?)"));
    q.addBindValue(row.groupId);
    q.addBindValue(SqlUtil::text(row.tokenHash));
    q.addBindValue(row.maxUses);
    q.addBindValue(SqlUtil::nullableMs(row.expiresAtMs));
    q.addBindValue(row.createdBy);
    q.addBindValue(row.createdAtMs > 0 ? row.createdAtMs : Clock::nowMs());
    SqlUtil::exec(q, QStringLiteral("create invite link"));
    return q.lastInsertId().toLongLong();
}

std::optional<InviteLinkRow> InviteLinkRepository::get(qint64 id)
{
    return one(m_db, QStringLiteral("id"), id);
}

std::optional<InviteLinkRow> InviteLinkRepository::findByTokenHash(const QString &tokenHash)
{
    return one(m_db, QStringLiteral("token_hash"), tokenHash);
}

QList<InviteLinkRow> InviteLinkRepository::list(qint64 groupId)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM invite_links WHERE "
                                                        "group_id = ? ORDER BY id")
                                             .arg(QLatin1String(Columns)));
    q.addBindValue(groupId);
    SqlUtil::exec(q, QStringLiteral("list invite links"));
    QList<InviteLinkRow> out;
    while (q.next())
        out.append(readRow(q));
    return out;
}

void InviteLinkRepository::revoke(qint64 id)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("UPDATE invite_links SET revoked = 1 WHERE id = ?"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("revoke invite link"));
}

bool InviteLinkRepository::use(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("UPDATE invite_links SET uses = uses + 1 "
                                                        "WHERE id = ? AND uses < max_uses AND "
                                                        "revoked = 0"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("use invite link"));
    return q.numRowsAffected() > 0;
}
