// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/HeaderList.h"

#include <QByteArray>
#include <QString>

// What to send upstream. Headers are sent as given (the relay decides which to pass through).
struct UpstreamRequest
{
    QByteArray method = "POST";
    QByteArray url;
    HttpHeaderList headers;
    QByteArray body;
    QString proxyUrl; // http://, https://, socks5:// (remote DNS); empty = direct
    int connectTimeoutMs = 10000;
    int timeoutMs = 600000;     // whole transfer; 0 = none
    int stallTimeoutSecs = 300; // abort if nothing arrives for this long
};
