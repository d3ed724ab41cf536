// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// The frame every exception-based request translator shares: the client's body must be a JSON
// object; the translation throws RequestTranslation::Failure with a message naming the field at
// fault, and run() turns that into nullopt and *error.
class RequestTranslation
{
public:
    struct Failure
    {
        QString message;
    };

    // translate(object, stream) -> the upstream body; may throw Failure. *stream (optional) is
    // false unless the translation sets it.
    template <class Translate>
    static std::optional<QByteArray> run(const QByteArray &body, QString *error, bool *stream,
                                         Translate translate)
    {
        if (stream)
            *stream = false;
        bool ok = false;
        const QJsonObject object = parseObject(body, &ok);
        if (!ok) {
            if (error)
                *error = QStringLiteral("the request body is not a JSON object");
            return std::nullopt;
        }
        try {
            return translate(object, stream);
        } catch (const Failure &f) {
            if (error)
                *error = f.message;
            return std::nullopt;
        }
    }

private:
    static QJsonObject parseObject(const QByteArray &body, bool *ok);
};
