// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/CsvTable.h"

std::optional<QList<QStringList>> CsvTable::parse(const QByteArray &raw, int maxRecords,
                                                  QString *error)
{
    QString text = QString::fromUtf8(raw);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    QList<QStringList> out;
    QStringList record;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    auto endField = [&] {
        record.append(field);
        field.clear();
        fieldStarted = false;
    };
    auto endRecord = [&]() -> bool {
        endField();
        const bool blank = record.size() == 1 && record.first().trimmed().isEmpty();
        if (!blank) {
            if (out.size() >= maxRecords) {
                if (error)
                    *error = QStringLiteral("more than %1 lines; split the file").arg(maxRecords);
                return false;
            }
            out.append(record);
        }
        record.clear();
        return true;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field.append(c);
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field.append(c);
            }
            continue;
        }
        if (c == QLatin1Char('"') && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            endField();
        } else if (c == QLatin1Char('\n')) {
            if (!endRecord())
                return std::nullopt;
        } else if (c == QLatin1Char('\r')) {
            // part of CRLF (or a stray CR): ignored
        } else {
            field.append(c);
            fieldStarted = true;
        }
    }
    if (quoted) {
        if (error)
            *error = QStringLiteral("a quoted field is not closed");
        return std::nullopt;
    }
    if (fieldStarted || !field.isEmpty() || !record.isEmpty()) {
        if (!endRecord())
            return std::nullopt;
    }
    return out;
}

QByteArray CsvTable::record(const QStringList &fields)
{
    QStringList cells;
    for (QString f : fields) {
        // Spreadsheet formula injection: a cell starting with one of these is read as a formula.
        if (!f.isEmpty() && QStringLiteral("=+-@\t\r").contains(f.at(0)))
            f.prepend(QLatin1Char('\''));
        if (f.contains(QLatin1Char(',')) || f.contains(QLatin1Char('"')) ||
            f.contains(QLatin1Char('\n')) || f.contains(QLatin1Char('\r'))) {
            f.replace(QLatin1String("\""), QLatin1String("\"\""));
            f = QLatin1Char('"') + f + QLatin1Char('"');
        }
        cells << f;
    }
    return cells.join(QLatin1Char(',')).toUtf8() + "\r\n";
}
