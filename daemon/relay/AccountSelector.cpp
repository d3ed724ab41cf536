// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountSelector.h"

#include <QVarLengthArray>

AccountSelector::Result AccountSelector::pick(const QList<RelayAccount> &accounts,
                                              const QString &provider, const QString &model)
{
    QVarLengthArray<const RelayAccount *, 16> eligible;
    bool anyForProvider = false;
    for (const RelayAccount &a : accounts) {
        if (!a.enabled || a.provider != provider)
            continue;
        anyForProvider = true;
        if (a.serves(model))
            eligible.append(&a);
    }
    Result result;
    if (eligible.isEmpty()) {
        result.outcome =
            anyForProvider ? Outcome::NoAccountForModel : Outcome::NoAccountForProvider;
        return result;
    }
    quint64 &counter = m_next[provider + QLatin1Char('\n') + model];
    result.outcome = Outcome::Picked;
    result.account = eligible[qsizetype(counter % quint64(eligible.size()))];
    ++counter;
    return result;
}
