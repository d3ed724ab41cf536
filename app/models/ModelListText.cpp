// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/ModelListText.h"

#include <QRegularExpression>

QStringList ModelListText::parse(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\n\\r]"));
    QStringList out;
    const QStringList parts = text.split(separators, Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString name = part.trimmed();
        if (!name.isEmpty() && !out.contains(name))
            out << name;
    }
    return out;
}

QJsonArray ModelListText::toJson(const QString &text)
{
    return QJsonArray::fromStringList(parse(text));
}

QString ModelListText::fromJson(const QJsonArray &models)
{
    QStringList names;
    for (const QJsonValue &v : models)
        names << v.toString();
    return names.join(QLatin1Char('\n'));
}
