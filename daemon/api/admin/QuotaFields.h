// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/Governor.h"
#include "store/QuotaRow.h"

#include <QJsonObject>
#include <QString>
#include <QTimeZone>

#include <optional>

// The JSON of a quota on the admin API, both ways. Pure: tested without sockets or SQL.
class QuotaFields
{
public:
    // Applies the fields present in `body` to `row` (every field a POST needs when `create`);
    // returns what is wrong, in words that say what to send instead, or empty.
    static QString apply(const QJsonObject &body, QuotaRow &row, bool create);
    // Whether `model` is "" (every model), an exact model name or a prefix ending in '*'.
    static bool validModel(const QString &model);

    static QJsonObject toJson(const QuotaRow &row);
    // GET /api/quotas/{id}/status: every limit set, with its use from the engine, or zero use
    // and the next reset computed here when the engine has not counted this quota yet.
    static QJsonObject status(const QuotaRow &row, const std::optional<QuotaStatus> &status,
                              qint64 nowMs, const QTimeZone &zone);
};
