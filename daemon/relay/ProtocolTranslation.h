// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/SseParser.h"
#include "relay/RelayProtocol.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

// One client/upstream protocol pair: turns the client's request into the upstream's, and the
// upstream's answer (whole body, stream events, error bodies) into the client's protocol.
// One object per upstream attempt (stream translators keep state).
class ProtocolTranslation
{
public:
    struct Options
    {
        QString clientModel;              // the model the client asked for, echoed in answers
        bool clientAskedForUsage = false; // OpenAI clients: stream_options.include_usage
    };

    virtual ~ProtocolTranslation() = default;

    // True when both sides speak the same protocol: answers are relayed byte for byte.
    virtual bool isPassthrough() const { return false; }
    // The upstream request body for `upstreamModel`; nullopt with *error when the request cannot
    // be expressed in the upstream's protocol. *stream: whether the upstream request streams.
    virtual std::optional<QByteArray> request(const QByteArray &clientBody,
                                              const QString &upstreamModel, bool clientStream,
                                              QString *error, bool *stream) const = 0;
    // A whole upstream body in the client's protocol: the answer, or (status >= 400) the error.
    virtual QByteArray response(const QByteArray &upstreamBody, int status) const = 0;
    // One upstream stream event as client bytes (possibly none).
    virtual QByteArray streamEvent(const SseEvent &event) = 0;
    // The client bytes that close the stream.
    virtual QByteArray finishStream() = 0;

    // The translation from the upstream's protocol to the client's. Pairs the relay cannot
    // translate (Gemini clients on other providers) are never routed; they get passthrough.
    static std::unique_ptr<ProtocolTranslation>
    create(RelayProtocol::Kind client, RelayProtocol::Kind upstream, const Options &options);

protected:
    // Sets the top-level "model" of a JSON request body.
    static QByteArray withModel(const QByteArray &body, const QString &model);
};
