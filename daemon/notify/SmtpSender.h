// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "notify/SmtpSettings.h"

#include <QByteArray>
#include <QString>

#include <atomic>

// One delivery attempt over SMTP through libcurl's easy interface (blocking: call it from a
// thread of its own). smtp:// for "none" and "starttls" (STARTTLS required), smtps:// for
// "tls". The error text names the server and the cause, never the password or the message.
class SmtpSender
{
public:
    explicit SmtpSender(SmtpSettings settings) : m_settings(std::move(settings)) {}

    // True when the server accepted the message; else false with *error. A transfer in progress
    // ends early once *cancel (when given) becomes true.
    bool send(const QString &recipient, const QByteArray &mime, QString *error,
              const std::atomic<bool> *cancel = nullptr) const;

    // "smtp://host:port" or "smtps://host:port".
    QString url() const;

private:
    SmtpSettings m_settings;
};
