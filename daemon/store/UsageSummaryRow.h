// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

// Totals of one group of usage rows. `key` is the group: "YYYY-MM-DD" (UTC) for day, the model
// name for model, the decimal key id or account id for key and account.
// A row counts as an error when its status is below 100 or at least 400, or it has an error type.
struct UsageSummaryRow
{
    QString key;
    qint64 requests = 0;
    qint64 errors = 0;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 cacheWriteTokens = 0;
    qint64 cacheReadTokens = 0;
    double cost = 0;
    qint64 cacheWrite1hTokens = 0; // part of cacheWriteTokens
    qint64 reasoningTokens = 0;    // part of outputTokens
};
