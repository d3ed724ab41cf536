// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/UsageRecord.h"

#include <QByteArray>

#include <functional>

// A usage record waiting in a LedgerStage for the end of its thread's event-loop pass.
struct StagedRecord
{
    UsageRecord record;
    QByteArray line;            // record.toSpoolLine()
    std::function<void()> then; // runs once the line is in the spool
};
