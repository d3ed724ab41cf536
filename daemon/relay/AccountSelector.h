// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelaySnapshot.h"

#include <QHash>

#include <optional>

// Picks an upstream account for a request: any enabled account of the provider that serves the
// model, in round robin. Pure logic, no sockets.
class AccountSelector
{
public:
    enum class Outcome
    {
        Picked,
        NoAccountForProvider,
        NoAccountForModel
    };
    struct Result
    {
        Outcome outcome = Outcome::NoAccountForProvider;
        const RelayAccount *account = nullptr;
    };

    Result pick(const QList<RelayAccount> &accounts, const QString &provider, const QString &model);

private:
    QHash<QString, quint64> m_next; // per provider+model rotation counter
};
