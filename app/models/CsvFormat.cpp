// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/CsvFormat.h"

#include "models/UsageRow.h"

#include <QDateTime>

QString CsvFormat::field(const QString &value)
{
    QString v = value;
    if (!v.isEmpty() && (v.front() == QLatin1Char('=') || v.front() == QLatin1Char('+') ||
                         v.front() == QLatin1Char('@') ||
                         (v.front() == QLatin1Char('-') && v.size() > 1 && !v.at(1).isDigit())))
        v.prepend(QLatin1Char('\''));
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) ||
        v.contains(QLatin1Char('\n')) || v.contains(QLatin1Char('\r'))) {
        v.replace(QLatin1String("\""), QLatin1String("\"\""));
        return QLatin1Char('"') + v + QLatin1Char('"');
    }
    return v;
}

QByteArray CsvFormat::line(const QStringList &fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString &f : fields)
        out << field(f);
    return out.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

QStringList CsvFormat::usageHeader()
{
    return {QStringLiteral("createdAt"),
            QStringLiteral("requestId"),
            QStringLiteral("keyId"),
            QStringLiteral("key"),
            QStringLiteral("userId"),
            QStringLiteral("user"),
            QStringLiteral("accountId"),
            QStringLiteral("account"),
            QStringLiteral("provider"),
            QStringLiteral("model"),
            QStringLiteral("upstreamModel"),
            QStringLiteral("endpoint"),
            QStringLiteral("stream"),
            QStringLiteral("status"),
            QStringLiteral("inputTokens"),
            QStringLiteral("outputTokens"),
            QStringLiteral("cacheWriteTokens"),
            QStringLiteral("cacheReadTokens"),
            QStringLiteral("cost"),
            QStringLiteral("latencyMs"),
            QStringLiteral("ttfbMs"),
            QStringLiteral("attempts"),
            QStringLiteral("errorType"),
            QStringLiteral("clientAborted")};
}

QStringList CsvFormat::usageFields(const UsageRow &r, const Names &names)
{
    const auto b = [](bool v) { return v ? QStringLiteral("true") : QStringLiteral("false"); };
    return {QDateTime::fromMSecsSinceEpoch(r.createdAtMs, Qt::UTC).toString(Qt::ISODateWithMs),
            r.requestId,
            QString::number(r.keyId),
            names.keys.value(r.keyId),
            QString::number(r.userId),
            names.users.value(r.userId),
            QString::number(r.accountId),
            names.accounts.value(r.accountId),
            r.provider,
            r.model,
            r.upstreamModel,
            r.endpoint,
            b(r.stream),
            QString::number(r.status),
            QString::number(r.inputTokens),
            QString::number(r.outputTokens),
            QString::number(r.cacheWriteTokens),
            QString::number(r.cacheReadTokens),
            QString::number(r.cost, 'f', 6),
            QString::number(r.latencyMs),
            QString::number(r.ttfbMs),
            QString::number(r.attempts),
            r.errorType,
            b(r.clientAborted)};
}
