// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/GovernanceRules.h"
#include "relay/RelayProtocol.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

class PriceTable;

// What a call is expected to use, reserved against quotas and budgets before it starts and
// corrected when it ends. Input tokens are estimated from the body size (kBytesPerToken bytes a
// token; images and other base64 content make this an over-estimate, content referenced by URL
// or file id an under-estimate); output tokens are the limit the client set (max_tokens,
// max_completion_tokens, generationConfig.maxOutputTokens — numbers or numeric strings — times
// n choices), else `defaultOutputTokens`. count_tokens calls use nothing.
//
// The cost is the highest of the prices of the names the call may be billed as (the requested
// model and the names the accounts' model maps send it upstream as); when the table knows none
// of them, the table's highest prices (an unknown model must not be free against a budget).
// Input that may be written to the prompt cache (the body carries "cache_control") is priced
// at the 1-hour cache-write rate when that is higher.
struct AdmissionEstimate
{
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 tokens = 0;
    MicroUsd cost = 0;

    static constexpr qint64 kBytesPerToken = 4;
    static constexpr qint64 kMaxOutputTokens = 10'000'000;

    // The members of a request body that of() reads, without decoding the rest of it.
    static QJsonObject fieldsOf(const QByteArray &body);
    static AdmissionEstimate of(const QJsonObject &body, const QByteArray &rawBody,
                                RelayProtocol::Kind protocol, bool countTokens,
                                const QStringList &models, const PriceTable &prices,
                                qint64 defaultOutputTokens);
};
