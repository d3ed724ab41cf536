// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QStringList>

struct UsageRow;

// CSV (RFC 4180) for the usage export: UTF-8, CRLF line ends, fields quoted when they hold a
// comma, quote or line break. A field that a spreadsheet would run as a formula (=, +, -, @
// first) is prefixed with a quote character, so an exported model name cannot inject one.
class CsvFormat
{
public:
    static QString field(const QString &value);
    static QByteArray line(const QStringList &fields);

    static QStringList usageHeader();
    // Names for ids (key, user, account); an id without a name is written as the number.
    struct Names
    {
        QHash<qint64, QString> keys;
        QHash<qint64, QString> users;
        QHash<qint64, QString> accounts;
    };
    static QStringList usageFields(const UsageRow &row, const Names &names);
};
