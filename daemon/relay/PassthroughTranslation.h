// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/ProtocolTranslation.h"

// Same protocol on both sides: the model may be renamed (account model map) and OpenAI streams
// ask for usage (for the ledger), which is then hidden from a client that did not ask for it.
class PassthroughTranslation final : public ProtocolTranslation
{
public:
    PassthroughTranslation(RelayProtocol::Kind kind, const Options &options);
    bool isPassthrough() const override { return true; }
    std::optional<QByteArray> request(const QByteArray &clientBody, const QString &upstreamModel,
                                      bool clientStream, QString *error,
                                      bool *stream) const override;
    QByteArray response(const QByteArray &upstreamBody, int status) const override;
    QByteArray streamEvent(const SseEvent &event) override;
    QByteArray finishStream() override { return {}; }

private:
    RelayProtocol::Kind m_kind;
    Options m_options;
};
