// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// RFC 4180 comma-separated values: quoted fields may hold commas, quotes ("") and line breaks;
// lines end with CRLF or LF. UTF-8, a leading byte-order mark is skipped.
class CsvTable
{
public:
    // The records, or nullopt with `error` set (an unterminated quote, too many records).
    static std::optional<QList<QStringList>> parse(const QByteArray &text, int maxRecords,
                                                   QString *error);
    // One record with CRLF. A field that a spreadsheet would read as a formula (=, +, -, @, tab
    // or carriage return first) gets a leading apostrophe.
    static QByteArray record(const QStringList &fields);
};
