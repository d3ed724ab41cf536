// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AuditRow.h"

#include <QByteArray>
#include <QString>

// The CSV form of audit entries (RFC 4180: comma separated, CRLF line ends, a field quoted
// when it holds a comma, a quote or a line break, quotes doubled).
class AuditCsv
{
public:
    static QByteArray header();
    static QByteArray line(const AuditRow &row);
    static QByteArray field(const QString &text);
};
