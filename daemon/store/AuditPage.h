// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AuditRow.h"

#include <QList>
#include <QtGlobal>

// One page of audit entries (newest first) and the number of entries matching the filter.
struct AuditPage
{
    QList<AuditRow> items;
    qint64 total = 0;
};
