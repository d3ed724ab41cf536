// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

// Where outgoing mail goes (config keys smtp_*). The password is never logged.
struct SmtpSettings
{
    QString host;     // empty = no mail server: invitations stay pending with send_state "failed"
    quint16 port = 0; // 0 = 25 (none), 587 (starttls), 465 (tls)
    QString security = QStringLiteral("starttls"); // none | starttls | tls
    QString user;
    QString password;
    QString from = QStringLiteral("aicarpool@localhost"); // an address, or "Name <address>"
    int timeoutSecs = 30;                                 // per attempt
    int attempts = 3;                                     // per message
    int backoffMs = 1000; // before the 2nd attempt; doubled before each next one

    bool configured() const { return !host.isEmpty(); }
    quint16 effectivePort() const
    {
        if (port != 0)
            return port;
        if (security == QLatin1String("tls"))
            return 465;
        return security == QLatin1String("none") ? 25 : 587;
    }
};
