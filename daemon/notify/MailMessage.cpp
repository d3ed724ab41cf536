// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/MailMessage.h"

#include "crypto/Crypto.h"

#include <QLocale>
#include <QRegularExpression>

namespace {

bool isAscii(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

QByteArray rfc5322Date(const QDateTime &date)
{
    return QLocale::c()
        .toString(date.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss +0000"))
        .toLatin1();
}

} // namespace

QString MailMessage::address(const QString &mailbox)
{
    const int open = mailbox.lastIndexOf(QLatin1Char('<'));
    const int close = mailbox.lastIndexOf(QLatin1Char('>'));
    if (open >= 0 && close > open)
        return mailbox.mid(open + 1, close - open - 1).trimmed();
    return mailbox.trimmed();
}

bool MailMessage::isValidAddress(const QString &address)
{
    if (address.isEmpty() || address.size() > 254 || address.count(QLatin1Char('@')) != 1)
        return false;
    const int at = address.indexOf(QLatin1Char('@'));
    if (at == 0 || at == address.size() - 1)
        return false;
    for (QChar c : address) {
        if (c.unicode() <= 0x20 || c.unicode() == 0x7f || c == QLatin1Char('<') ||
            c == QLatin1Char('>') || c == QLatin1Char('"') || c == QLatin1Char(',') ||
            c == QLatin1Char(';') || c == QLatin1Char('\\'))
            return false;
    }
    return true;
}

QByteArray MailMessage::encodeHeaderWords(const QString &text)
{
    // 75 characters per word: "=?UTF-8?B?" + base64 + "?=" leaves 63 for base64, i.e. 45 bytes
    // of UTF-8 input; a word never ends inside a character (RFC 2047 section 5).
    constexpr int MaxBytes = 45;
    QByteArray out;
    QByteArray chunk;
    const auto flush = [&] {
        if (chunk.isEmpty())
            return;
        out += " =?UTF-8?B?" + chunk.toBase64() + "?=";
        chunk.clear();
    };
    for (qsizetype i = 0; i < text.size();) {
        const qsizetype len = (text.at(i).isHighSurrogate() && i + 1 < text.size()) ? 2 : 1;
        const QByteArray bytes = text.mid(i, len).toUtf8();
        if (chunk.size() + bytes.size() > MaxBytes)
            flush();
        chunk += bytes;
        i += len;
    }
    flush();
    return out;
}

QByteArray MailMessage::newMessageId(const QString &fromAddress)
{
    QString domain = fromAddress.section(QLatin1Char('@'), 1);
    if (domain.isEmpty() || !isAscii(domain))
        domain = QStringLiteral("localhost");
    return "<" + Crypto::randomBytes(16).toHex() + "@" + domain.toLatin1() + ">";
}

QByteArray MailMessage::toMime(const QDateTime &date, const QByteArray &messageId) const
{
    QByteArray fromHeader;
    const QString fromAddress = address(from);
    const int open = from.lastIndexOf(QLatin1Char('<'));
    const QString displayName = open > 0 ? from.left(open).trimmed() : QString();
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9 ._-]+$"));
    if (!displayName.isEmpty() && plain.match(displayName).hasMatch())
        fromHeader = displayName.toLatin1() + " <" + fromAddress.toUtf8() + ">";
    else if (!displayName.isEmpty())
        fromHeader = encodeHeaderWords(displayName).mid(1) + " <" + fromAddress.toUtf8() + ">";
    else
        fromHeader = fromAddress.toUtf8();
    QByteArray subjectHeader;
    if (isAscii(subject) && subject.size() <= 900)
        subjectHeader = " " + subject.toLatin1();
    else
        subjectHeader = encodeHeaderWords(subject).replace(" =?", "\r\n =?").mid(2);
    QByteArray out;
    out += "From: " + fromHeader + "\r\n";
    out += "To: " + to.toUtf8() + "\r\n";
    out += "Subject:" + subjectHeader + "\r\n";
    out += "Date: " + rfc5322Date(date) + "\r\n";
    out += "Message-ID: " + messageId + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: base64\r\n";
    out += "\r\n";
    QByteArray text = body.toUtf8();
    text.replace("\r\n", "\n").replace("\n", "\r\n");
    const QByteArray b64 = text.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76) + "\r\n";
    return out;
}
