// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/SseParser.h"
#include "protocol/TokenUsage.h"

#include <QByteArray>
#include <QString>

#include <memory>

// Reads usage, the model that ran and the error type from an upstream answer in the upstream's
// own protocol (stream events or a whole body).
class UsageTracker
{
public:
    virtual ~UsageTracker() = default;
    virtual void addEvent(const SseEvent &event) = 0;
    virtual void addResponseBody(const QByteArray &body) = 0;
    virtual TokenUsage usage() const = 0;
    virtual QString model() const = 0;
    virtual QString errorType() const = 0;
};

// The tracker of one protocol (AnthropicUsageTracker, OpenAiUsageTracker, GeminiUsageTracker)
// behind the interface.
template <class Tracker> class UsageTrackerOf final : public UsageTracker
{
public:
    void addEvent(const SseEvent &event) override { m_tracker.addEvent(event); }
    void addResponseBody(const QByteArray &body) override { m_tracker.addResponseBody(body); }
    TokenUsage usage() const override { return m_tracker.usage(); }
    QString model() const override { return m_tracker.model(); }
    QString errorType() const override { return m_tracker.errorType(); }

private:
    Tracker m_tracker;
};
