// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/ProxyUrl.h"

#include <QStringList>
#include <QUrl>

QString ProxyUrl::expectedForm()
{
    return QStringLiteral("scheme://[user:password@]host:port with scheme http, https, socks5 or "
                          "socks5h, e.g. socks5://user:pass@proxy.example:1080 or "
                          "http://10.0.0.1:3128");
}

std::optional<QString> ProxyUrl::parse(const QString &text, QString *error)
{
    static const QStringList schemes = {QStringLiteral("http"), QStringLiteral("https"),
                                        QStringLiteral("socks5"), QStringLiteral("socks5h")};
    const QString trimmed = text.trimmed();
    const QUrl url(trimmed, QUrl::StrictMode);
    QString problem;
    if (trimmed.isEmpty())
        problem = QStringLiteral("it is empty");
    else if (!url.isValid() || !trimmed.contains(QLatin1String("://")))
        problem = QStringLiteral("it is not a URL");
    else if (!schemes.contains(url.scheme().toLower()))
        problem = QStringLiteral("the scheme must be http, https, socks5 or socks5h");
    else if (url.host().isEmpty())
        problem = QStringLiteral("it has no host");
    else if (url.port() < 1)
        problem = QStringLiteral("it has no port");
    else if (!(url.path().isEmpty() || url.path() == QLatin1String("/")) || url.hasQuery() ||
             url.hasFragment())
        problem = QStringLiteral("it must not have a path, query or fragment");
    else if (url.userName().isEmpty() && !url.password().isEmpty())
        problem = QStringLiteral("a password needs a user name");
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    QUrl out;
    out.setScheme(url.scheme().toLower());
    out.setHost(url.host());
    out.setPort(url.port());
    if (!url.userName().isEmpty()) {
        out.setUserName(url.userName(QUrl::FullyEncoded), QUrl::TolerantMode);
        if (!url.password().isEmpty())
            out.setPassword(url.password(QUrl::FullyEncoded), QUrl::TolerantMode);
    }
    return out.toString(QUrl::FullyEncoded);
}

QString ProxyUrl::redacted(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("(invalid proxy URL)");
    QString out = url.scheme() + QStringLiteral("://");
    if (!url.userName().isEmpty()) {
        out += url.userName(QUrl::FullyEncoded);
        if (!url.password().isEmpty())
            out += QStringLiteral(":***");
        out += QLatin1Char('@');
    }
    const QString host = url.host(QUrl::FullyEncoded);
    out += host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    if (url.port() > 0)
        out += QLatin1Char(':') + QString::number(url.port());
    return out;
}

QString ProxyUrl::forCurl(const QString &url)
{
    if (url.startsWith(QLatin1String("socks5://"), Qt::CaseInsensitive))
        return QStringLiteral("socks5h://") + url.mid(9);
    return url;
}

QString ProxyUrl::password(const QString &url)
{
    return QUrl(url, QUrl::StrictMode).password(QUrl::FullyDecoded);
}
