// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/InvitationMail.h"

#include <QUrl>

InvitationMail InvitationMail::compose(const QString &language, const QString &groupName,
                                       const QString &inviter, const QString &acceptUrl,
                                       const QDateTime &expiresAt)
{
    // Names end up in a subject line: no line breaks, bounded.
    QString group = groupName;
    group.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    group = group.left(100);
    QString who = inviter;
    who.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    who = who.left(200);
    const QString until = expiresAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    InvitationMail mail;
    if (language == QLatin1String("zh_CN")) {
        mail.subject = QStringLiteral("邀请您加入 aicarpool 拼车组“%1”").arg(group);
        mail.body = QStringLiteral("您好：\n\n"
                                   "%1 邀请您加入 aicarpool 拼车组“%2”。\n\n"
                                   "请打开以下链接接受邀请：\n%3\n\n"
                                   "该链接在 %4 之前有效，且只能使用一次。\n"
                                   "如果您并不认识邀请人，请忽略此邮件。\n")
                        .arg(who, group, acceptUrl, until);
    } else {
        mail.subject = QStringLiteral("You are invited to the aicarpool group \"%1\"").arg(group);
        mail.body = QStringLiteral("Hello,\n\n"
                                   "%1 invited you to join the aicarpool group \"%2\".\n\n"
                                   "Open this link to accept the invitation:\n%3\n\n"
                                   "The link works once, until %4.\n"
                                   "If you do not know who sent this, ignore this email.\n")
                        .arg(who, group, acceptUrl, until);
    }
    return mail;
}

QString InvitationMail::acceptUrl(const QString &publicUrl, const QString &token)
{
    QString base = publicUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QStringLiteral("/invite?token=") +
           QString::fromLatin1(QUrl::toPercentEncoding(token));
}
