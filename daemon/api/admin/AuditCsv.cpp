// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AuditCsv.h"

#include <QDateTime>

namespace {

QString optionalNumber(const std::optional<qint64> &v)
{
    return v ? QString::number(*v) : QString();
}

} // namespace

QByteArray AuditCsv::header()
{
    return QByteArrayLiteral("id,at,actor_id,actor_email,address,action,target_type,target_id,"
                             "before_json,after_json,enterprise_id,prev_hash,hash\r\n");
}

QByteArray AuditCsv::field(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r'))
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
}

QByteArray AuditCsv::line(const AuditRow &row)
{
    const QString at =
        QDateTime::fromMSecsSinceEpoch(row.atMs, Qt::UTC).toString(Qt::ISODateWithMs);
    const QString fields[] = {QString::number(row.id),
                              at,
                              optionalNumber(row.actorId),
                              row.actorEmail,
                              row.address,
                              row.action,
                              row.targetType,
                              row.targetId,
                              row.beforeJson,
                              row.afterJson,
                              optionalNumber(row.enterpriseId),
                              row.prevHash,
                              row.hash};
    QByteArray out;
    bool first = true;
    for (const QString &f : fields) {
        if (!first)
            out.append(',');
        first = false;
        out.append(field(f));
    }
    out.append("\r\n");
    return out;
}
