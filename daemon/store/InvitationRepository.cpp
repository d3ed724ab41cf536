// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/InvitationRepository.h"

#include "base/Clock.h"
#include "store/SqlUtil.h"

namespace {

const char *const Columns = "id, group_id, email, role, token_hash, status, send_state, "
                            "send_error, attempts, expires_at_ms, created_by, created_at_ms, "
                            "accepted_at_ms";

InvitationRow readRow(const QSqlQuery &q)
{
    InvitationRow r;
    r.id = q.value(0).toLongLong();
    r.groupId = q.value(1).toLongLong();
    r.email = q.value(2).toString();
    r.role = q.value(3).toString();
    r.tokenHash = q.value(4).toString();
    r.status = q.value(5).toString();
    r.sendState = q.value(6).toString();
    r.sendError = q.value(7).toString();
    r.attempts = q.value(8).toInt();
    r.expiresAtMs = q.value(9).toLongLong();
    r.createdBy = q.value(10).toLongLong();
    r.createdAtMs = q.value(11).toLongLong();
    r.acceptedAtMs = SqlUtil::msOrZero(q.value(12));
    return r;
}

std::optional<InvitationRow> one(const QSqlDatabase &db, const QString &where,
                                 const QVariant &value)
{
    QSqlQuery q = SqlUtil::prepare(db, QStringLiteral("SELECT %1 FROM invitations WHERE %2 = ?")
                                           .arg(QLatin1String(Columns), where));
    q.addBindValue(value);
    SqlUtil::exec(q, QStringLiteral("read invitation"));
    if (!q.next())
        return std::nullopt;
    return readRow(q);
}

} // namespace

qint64 InvitationRepository::insert(const InvitationRow &row)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO invitations (group_id, email, role, token_hash, status, "
                             "send_state, send_error, attempts, expires_at_ms, created_by, "
                             "created_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)"));
    q.addBindValue(row.groupId);
    q.addBindValue(SqlUtil::text(row.email));
    q.addBindValue(SqlUtil::text(row.role));
    q.addBindValue(SqlUtil::text(row.tokenHash));
    q.addBindValue(SqlUtil::text(row.status));
    q.addBindValue(SqlUtil::text(row.sendState));
    q.addBindValue(row.sendError.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                           : QVariant(row.sendError));
    q.addBindValue(row.expiresAtMs);
    q.addBindValue(row.createdBy);
    q.addBindValue(row.createdAtMs > 0 ? row.createdAtMs : Clock::nowMs());
    SqlUtil::exec(q, QStringLiteral("create invitation"));
    return q.lastInsertId().toLongLong();
}

std::optional<InvitationRow> InvitationRepository::get(qint64 id)
{
    return one(m_db, QStringLiteral("id"), id);
}

std::optional<InvitationRow> InvitationRepository::findByTokenHash(const QString &tokenHash)
{
    return one(m_db, QStringLiteral("token_hash"), tokenHash);
}

QList<InvitationRow> InvitationRepository::pending(qint64 groupId)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM invitations WHERE "
                                                        "group_id = ? AND status = 'pending' "
                                                        "ORDER BY id")
                                             .arg(QLatin1String(Columns)));
    q.addBindValue(groupId);
    SqlUtil::exec(q, QStringLiteral("list invitations"));
    QList<InvitationRow> out;
    while (q.next())
        out.append(readRow(q));
    return out;
}

void InvitationRepository::renew(qint64 id, const QString &tokenHash, qint64 expiresAtMs)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("UPDATE invitations SET token_hash = ?, "
                                                        "expires_at_ms = ?, send_state = "
                                                        "'queued', send_error = NULL WHERE "
                                                        "id = ?"));
    q.addBindValue(tokenHash);
    q.addBindValue(expiresAtMs);
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("renew invitation"));
}

void InvitationRepository::setStatus(qint64 id, const QString &status, qint64 acceptedAtMs)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("UPDATE invitations SET status = ?, "
                                                        "accepted_at_ms = ? WHERE id = ?"));
    q.addBindValue(status);
    q.addBindValue(SqlUtil::nullableMs(acceptedAtMs));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("change invitation"));
}

void InvitationRepository::recordSend(qint64 id, const QString &tokenHash, bool sent,
                                      const QString &error, int attempts)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("UPDATE invitations SET send_state = ?, "
                                                        "send_error = ?, attempts = attempts + ? "
                                                        "WHERE id = ? AND token_hash = ?"));
    q.addBindValue(sent ? QStringLiteral("sent") : QStringLiteral("failed"));
    q.addBindValue(sent ? QVariant(QMetaType::fromType<QString>()) : QVariant(error.left(1000)));
    q.addBindValue(attempts);
    q.addBindValue(id);
    q.addBindValue(tokenHash);
    SqlUtil::exec(q, QStringLiteral("record invitation delivery"));
}
