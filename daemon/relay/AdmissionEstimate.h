// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/GovernanceRules.h"
#include "relay/RelayProtocol.h"

#include <QJsonObject>

class PriceTable;

// What a call is expected to use, reserved against quotas and budgets before it starts and
// corrected when it ends. Input tokens are estimated from the body size (kBytesPerToken bytes a
// token; images and other base64 content make this an over-estimate); output tokens are the
// limit the client set (max_tokens, max_completion_tokens, generationConfig.maxOutputTokens,
// times n choices), else `defaultOutputTokens`. count_tokens calls use nothing.
struct AdmissionEstimate
{
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 tokens = 0;
    MicroUsd cost = 0; // the price of those tokens for the model asked for; 0 when unknown

    static constexpr qint64 kBytesPerToken = 4;
    static constexpr qint64 kMaxOutputTokens = 10'000'000;

    static AdmissionEstimate of(const QJsonObject &body, qint64 bodyBytes,
                                RelayProtocol::Kind protocol, bool countTokens,
                                const QString &model, const PriceTable &prices,
                                qint64 defaultOutputTokens);
};
