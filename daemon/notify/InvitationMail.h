// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

// The text of an invitation email, in English or Simplified Chinese by the enterprise's
// language ("zh_CN"; anything else is English).
struct InvitationMail
{
    QString subject;
    QString body;

    static InvitationMail compose(const QString &language, const QString &groupName,
                                  const QString &inviter, const QString &acceptUrl,
                                  const QDateTime &expiresAt);
    // The accept link: "<publicUrl>/invite?token=<token>" (a trailing '/' of publicUrl dropped).
    static QString acceptUrl(const QString &publicUrl, const QString &token);
};
