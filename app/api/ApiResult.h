// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

// The outcome of one admin-API call.
struct ApiResult
{
    int status = 0;       // HTTP status; 0 when the server could not be reached
    QJsonDocument json;   // the parsed body, when it was JSON
    QByteArray raw;       // the body as received (CSV exports)
    QString errorType;    // from {"error":{"type"}} or "network_error"
    QString errorMessage; // readable, translated where it comes from the client itself

    bool ok() const { return status >= 200 && status < 300; }
    QJsonObject object() const { return json.object(); }
    QJsonArray array() const { return json.array(); }
};
