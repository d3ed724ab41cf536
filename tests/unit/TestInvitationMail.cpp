// SPDX-License-Identifier: GPL-3.0-or-later
// The invitation email without a mail server: template choice by language, the accept link,
// RFC 2047 subjects, the MIME layout and the address checks that keep headers intact.
#include "notify/InvitationMail.h"
#include "notify/MailMessage.h"
#include "notify/SmtpSettings.h"

#include <QRegularExpression>
#include <QtTest>

class TestInvitationMail : public QObject
{
    Q_OBJECT

    static QString decodeWords(const QByteArray &header)
    {
        static const QRegularExpression word(QStringLiteral("=\\?UTF-8\\?B\\?([^?]*)\\?="));
        QByteArray bytes;
        for (auto it = word.globalMatch(QString::fromLatin1(header)); it.hasNext();)
            bytes += QByteArray::fromBase64(it.next().captured(1).toLatin1());
        return QString::fromUtf8(bytes);
    }

private slots:
    void templateFollowsTheLanguage()
    {
        const QDateTime until = QDateTime(QDate(2030, 1, 2), QTime(3, 4), Qt::UTC);
        const QString url = QStringLiteral("https://c.example/invite?token=abc");
        const InvitationMail zh = InvitationMail::compose(
            QStringLiteral("zh_CN"), QStringLiteral("研发"), QStringLiteral("a@x.org"), url, until);
        QVERIFY(zh.subject.contains(QStringLiteral("邀请")));
        QVERIFY(zh.subject.contains(QStringLiteral("研发")));
        QVERIFY(zh.body.contains(url));
        QVERIFY(zh.body.contains(QStringLiteral("2030-01-02 03:04 UTC")));
        for (const QString &language : {QStringLiteral("en"), QString(), QStringLiteral("fr")}) {
            const InvitationMail en = InvitationMail::compose(
                language, QStringLiteral("ops"), QStringLiteral("a@x.org"), url, until);
            QVERIFY(en.subject.startsWith(QStringLiteral("You are invited")));
            QVERIFY(en.body.contains(url));
            QVERIFY(!en.body.contains(QStringLiteral("邀请")));
        }
        // A line break in a group name cannot start a new header line.
        const InvitationMail evil = InvitationMail::compose(
            QStringLiteral("en"), QStringLiteral("x\r\nBcc: all@x.org"), QString(), url, until);
        QVERIFY(!evil.subject.contains(QLatin1Char('\n')));
    }

    void acceptUrl()
    {
        QCOMPARE(InvitationMail::acceptUrl(QStringLiteral("https://c.example/"),
                                           QStringLiteral("A-b_9")),
                 QStringLiteral("https://c.example/invite?token=A-b_9"));
        QCOMPARE(
            InvitationMail::acceptUrl(QStringLiteral("http://h:8080/carpool"), QStringLiteral("t")),
            QStringLiteral("http://h:8080/carpool/invite?token=t"));
    }

    void subjectWordsAreShortAndSplitBetweenCharacters()
    {
        const QString text =
            QStringLiteral("邀请您加入 aicarpool 拼车组“研发中心第三小组的很长很长的名字”😀😀");
        const QByteArray words = MailMessage::encodeHeaderWords(text);
        for (const QByteArray &w : words.trimmed().split(' ')) {
            QVERIFY2(w.size() <= 75, w.constData());
            // Each word decodes alone: no character is cut in two.
            const QString alone = decodeWords(w);
            QVERIFY(!alone.contains(QChar::ReplacementCharacter));
        }
        QCOMPARE(decodeWords(words), text);
    }

    void mimeLayout()
    {
        MailMessage m;
        m.from = QStringLiteral("aicarpool <carpool@example.com>");
        m.to = QStringLiteral("li@example.com");
        m.subject = QStringLiteral("邀请");
        m.body = QStringLiteral("第一行\n第二行 https://c.example/invite?token=abc\n");
        const QByteArray id = MailMessage::newMessageId(QStringLiteral("carpool@example.com"));
        QVERIFY(id.startsWith('<') && id.endsWith("@example.com>"));
        const QByteArray mime = m.toMime(QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), Qt::UTC), id);
        const qsizetype split = mime.indexOf("\r\n\r\n");
        QVERIFY(split > 0);
        const QByteArray head = mime.left(split);
        QVERIFY(head.contains("From: aicarpool <carpool@example.com>\r\n"));
        QVERIFY(head.contains("To: li@example.com\r\n"));
        QVERIFY(head.contains("Date: Wed, 02 Jan 2030 03:04:05 +0000\r\n"));
        QVERIFY(head.contains("Message-ID: " + id + "\r\n"));
        QVERIFY(head.contains("MIME-Version: 1.0\r\n"));
        QVERIFY(head.contains("Content-Type: text/plain; charset=UTF-8\r\n"));
        QVERIFY(head.contains("Content-Transfer-Encoding: base64"));
        QCOMPARE(decodeWords(head.mid(head.indexOf("Subject:"))), QStringLiteral("邀请"));
        for (const QByteArray &line : mime.split('\n'))
            QVERIFY(line.size() <= 78);
        QCOMPARE(QString::fromUtf8(QByteArray::fromBase64(mime.mid(split + 4))),
                 QStringLiteral("第一行\r\n第二行 https://c.example/invite?token=abc\r\n"));
    }

    void addressChecks()
    {
        QVERIFY(MailMessage::isValidAddress(QStringLiteral("ada@example.com")));
        QVERIFY(!MailMessage::isValidAddress(QStringLiteral("ada@example.com\r\nBcc: x@y.z")));
        QVERIFY(!MailMessage::isValidAddress(QStringLiteral("a b@example.com")));
        QVERIFY(!MailMessage::isValidAddress(QStringLiteral("<ada@example.com>")));
        QVERIFY(!MailMessage::isValidAddress(QStringLiteral("ada@@example.com")));
        QVERIFY(!MailMessage::isValidAddress(QStringLiteral("@example.com")));
        QVERIFY(!MailMessage::isValidAddress(QStringLiteral("a@x,b@y")));
        QCOMPARE(MailMessage::address(QStringLiteral("Team <t@x.org>")), QStringLiteral("t@x.org"));
        QCOMPARE(MailMessage::address(QStringLiteral(" t@x.org ")), QStringLiteral("t@x.org"));
    }

    void defaultPorts()
    {
        SmtpSettings s;
        QCOMPARE(s.effectivePort(), quint16(587));
        s.security = QStringLiteral("tls");
        QCOMPARE(s.effectivePort(), quint16(465));
        s.security = QStringLiteral("none");
        QCOMPARE(s.effectivePort(), quint16(25));
        s.port = 2525;
        QCOMPARE(s.effectivePort(), quint16(2525));
    }
};

QTEST_GUILESS_MAIN(TestInvitationMail)
#include "TestInvitationMail.moc"
