// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>

// Removes secrets from what the audit log stores: every member whose name marks a secret
// (apiKey, password, token, refreshToken, secret, accessToken, clientSecret, key, ... at any
// depth, names compared without case, '_' or '-') becomes "***", and every string that holds a
// URL with user:password@ keeps the user but not the password.
class AuditRedactor
{
public:
    static constexpr const char *Mask = "***";

    static QJsonValue redact(const QJsonValue &value);
    static bool isSecretName(const QString &name);
    // "socks5://alice:pw@host:1080" -> "socks5://alice:***@host:1080"; other text unchanged.
    static QString redactUrls(const QString &text);
};
