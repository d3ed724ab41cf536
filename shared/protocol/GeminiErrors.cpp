// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/GeminiErrors.h"

#include "protocol/ErrorShapes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

QString GeminiErrors::openAiType(int httpStatus)
{
    switch (httpStatus) {
    case 401:
        return QStringLiteral("authentication_error");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 429:
        return QStringLiteral("rate_limit_error");
    default:
        return httpStatus >= 500 ? QStringLiteral("server_error")
                                 : QStringLiteral("invalid_request_error");
    }
}

QByteArray GeminiErrors::toOpenAi(const QByteArray &geminiErrorBody, int status)
{
    QString message;
    QString code;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(geminiErrorBody, &parseError);
    const QJsonValue errorValue = doc.object().value(QLatin1String("error"));
    if (errorValue.isObject()) {
        const QJsonObject error = errorValue.toObject();
        message = error.value(QLatin1String("message")).toString();
        code = error.value(QLatin1String("status")).toString().toLower();
        if (status == 0)
            status = error.value(QLatin1String("code")).toInt(0);
    } else if (errorValue.isString()) {
        message = errorValue.toString();
    } else {
        message = QString::fromUtf8(geminiErrorBody.trimmed().left(1000));
    }
    if (status == 0)
        status = 500;
    if (message.isEmpty())
        message = QStringLiteral("Upstream error (HTTP %1).").arg(status);
    if (code.isEmpty())
        code = ErrorShapes::geminiStatus(status).toLower();
    const QJsonObject error{{QStringLiteral("message"), message},
                            {QStringLiteral("type"), openAiType(status)},
                            {QStringLiteral("param"), QJsonValue::Null},
                            {QStringLiteral("code"), code}};
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error}})
        .toJson(QJsonDocument::Compact);
}
