// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/AuditChain.h"

#include "crypto/Crypto.h"

namespace {

void field(QByteArray &out, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    out.append('S');
    out.append(QByteArray::number(utf8.size()));
    out.append(':');
    out.append(utf8);
}

void field(QByteArray &out, const std::optional<qint64> &value)
{
    if (!value) {
        out.append('N');
        return;
    }
    field(out, QString::number(*value));
}

} // namespace

QString AuditChain::genesis()
{
    return QString(64, QLatin1Char('0'));
}

QByteArray AuditChain::canonical(const AuditRow &row)
{
    QByteArray out;
    out.reserve(256 + row.beforeJson.size() + row.afterJson.size());
    out.append("aicarpool-audit-v1");
    field(out, std::optional<qint64>(row.id));
    field(out, std::optional<qint64>(row.atMs));
    field(out, row.actorId);
    field(out, row.actorEmail);
    field(out, row.address);
    field(out, row.action);
    field(out, row.targetType);
    field(out, row.targetId);
    field(out, row.beforeJson);
    field(out, row.afterJson);
    field(out, row.enterpriseId);
    field(out, row.prevHash);
    return out;
}

QString AuditChain::hash(const AuditRow &row)
{
    return QString::fromLatin1(Crypto::sha256Hex(canonical(row)));
}
