// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AuditRedactor.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

constexpr int MaxDepth = 64; // deeper values are masked whole: nothing unread is stored

QJsonValue redactAt(const QJsonValue &value, int depth)
{
    if (value.isString())
        return AuditRedactor::redactUrls(value.toString());
    if (!value.isObject() && !value.isArray())
        return value;
    if (depth >= MaxDepth)
        return QString::fromLatin1(AuditRedactor::Mask);
    if (value.isArray()) {
        QJsonArray out;
        const QJsonArray in = value.toArray();
        for (const QJsonValue &v : in)
            out.append(redactAt(v, depth + 1));
        return out;
    }
    QJsonObject out;
    const QJsonObject in = value.toObject();
    for (auto it = in.begin(); it != in.end(); ++it) {
        if (AuditRedactor::isSecretName(it.key()) && !it.value().isNull())
            out.insert(it.key(), QString::fromLatin1(AuditRedactor::Mask));
        else
            out.insert(it.key(), redactAt(it.value(), depth + 1));
    }
    return out;
}

} // namespace

bool AuditRedactor::isSecretName(const QString &name)
{
    QString n = name.toLower();
    n.remove(QLatin1Char('_'));
    n.remove(QLatin1Char('-'));
    static const char *const exact[] = {"key",         "authorization", "cookie",
                                        "credentials", "code",          "codeverifier"};
    for (const char *e : exact) {
        if (n == QLatin1String(e))
            return true;
    }
    static const char *const parts[] = {"password", "passwd",     "secret",   "token",
                                        "apikey",   "privatekey", "accesskey"};
    for (const char *p : parts) {
        if (n.contains(QLatin1String(p)))
            return true;
    }
    return false;
}

QString AuditRedactor::redactUrls(const QString &text)
{
    if (!text.contains(QLatin1String("://")) || !text.contains(QLatin1Char('@')))
        return text;
    static const QRegularExpression userInfo(QStringLiteral("(://[^/?#@\\s:]*):[^/?#\\s]*@"));
    QString out = text;
    out.replace(userInfo, QStringLiteral("\\1:***@"));
    return out;
}

QJsonValue AuditRedactor::redact(const QJsonValue &value)
{
    return redactAt(value, 0);
}
