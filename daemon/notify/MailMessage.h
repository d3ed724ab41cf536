// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

// One plain-text email as RFC 5322 bytes: UTF-8 subject as RFC 2047 encoded words, the body in
// base64 (76-character lines), Date, Message-ID, MIME-Version. Header values are checked:
// addresses with a line break or angle bracket are refused by isValidAddress().
struct MailMessage
{
    QString from; // an address, or "Name <address>"
    QString to;   // an address
    QString subject;
    QString body; // plain text, any script

    // The message, with CRLF line ends.
    QByteArray toMime(const QDateTime &date, const QByteArray &messageId) const;

    // The bare address of "Name <address>" or "address".
    static QString address(const QString &mailbox);
    // A plausible single address: one '@', no spaces, controls or <>,"; at most 254 characters.
    static bool isValidAddress(const QString &address);
    // " =?UTF-8?B?...?=" words of at most 75 characters, split between characters.
    static QByteArray encodeHeaderWords(const QString &text);
    // A new Message-ID "<random@domain>".
    static QByteArray newMessageId(const QString &fromAddress);
};
