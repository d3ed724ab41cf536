// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

// Proxy URLs for upstream accounts: http://, https://, socks5:// or socks5h://, an optional
// user:password@, a host and a port. The password is a secret: only redacted() forms appear in
// answers and logs.
class ProxyUrl
{
public:
    // The expected form, for error messages.
    static QString expectedForm();

    // The URL in a canonical form, or std::nullopt with *error saying what is wrong (the error
    // never repeats the URL, which may hold a password).
    static std::optional<QString> parse(const QString &text, QString *error);

    // "socks5://user:***@host:1080"; an unparsable value gives "(invalid proxy URL)".
    static QString redacted(const QString &url);

    // The URL as libcurl needs it: socks5:// becomes socks5h:// (the proxy resolves host names,
    // so DNS goes through the proxy too).
    static QString forCurl(const QString &url);

    // The password of the URL (percent-decoded), empty when none. Used to scrub messages.
    static QString password(const QString &url);
};
