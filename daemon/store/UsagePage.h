// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/UsageRecord.h"

#include <QList>
#include <QtGlobal>

// One page of usage rows (newest first) and the number of rows matching the filter.
struct UsagePage
{
    QList<UsageRecord> items;
    qint64 total = 0;
};
