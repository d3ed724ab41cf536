// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/Governor.h"

// Placeholder until the governance engine lands: admits everything and tracks nothing.

class AdmissionTicket
{
};

struct Governor::Private
{
    GovernanceRulesPtr rules = std::make_shared<GovernanceRules>();
};

Governor::Governor(DbWorker *, QObject *parent) : QObject(parent), d(std::make_unique<Private>()) {}

Governor::~Governor() = default;

void Governor::setTimeZone(const QString &) {}

void Governor::setDatabaseGraceMs(qint64) {}

void Governor::setRules(GovernanceRulesPtr rules)
{
    d->rules = std::move(rules);
}

void Governor::start() {}

void Governor::stop() {}

void Governor::admit(const AdmissionRequest &, std::function<void(const Admission &)> done)
{
    Admission a;
    a.ticket = std::make_shared<AdmissionTicket>();
    done(a);
}

void Governor::settle(const AdmissionTicketPtr &, qint64, MicroUsd, qint64) {}

std::optional<QuotaStatus> Governor::quotaStatus(qint64, qint64) const
{
    return std::nullopt;
}

std::optional<BudgetStatus> Governor::budgetStatus(qint64, qint64) const
{
    return std::nullopt;
}

QList<QuotaStatus> Governor::quotaStatuses(qint64) const
{
    return {};
}

QList<BudgetStatus> Governor::budgetStatuses(qint64) const
{
    return {};
}
