// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// The rule kinds and their parameters: which fields each kind takes, their defaults and
// bounds. The API validates a rule's body with it; the evaluator reads the normalised params.
namespace AlertRuleSpec {

// budget_threshold, quota_threshold, account_cooldown, account_needs_attention, error_rate,
// latency_p95.
QStringList kinds();
bool isKnownKind(const QString &kind);
// The kind's own fields (besides name, kind, channelIds, cooldownSeconds, enabled,
// enterpriseId).
QStringList paramKeys(const QString &kind);

// Checks the kind's fields of `body` (unknown fields are the caller's business) and answers
// them with their defaults filled in; empty with *error set when a value is out of bounds.
// `tenantRule`: the rule belongs to an enterprise (account rules are system-wide only).
QJsonObject normalise(const QString &kind, const QJsonObject &body, bool tenantRule,
                      QString *error);

constexpr qint64 DefaultCooldownSecs = 900;
constexpr qint64 MaxCooldownSecs = 7 * 86400;

} // namespace AlertRuleSpec
