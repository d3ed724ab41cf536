// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QString>
#include <QStringList>

// A model list edited as text: names separated by commas or line breaks, trimmed, blanks and
// repeats dropped, order kept.
class ModelListText
{
public:
    static QStringList parse(const QString &text);
    static QJsonArray toJson(const QString &text);
    static QString fromJson(const QJsonArray &models); // one name a line
};
