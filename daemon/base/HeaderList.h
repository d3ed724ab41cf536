// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// HTTP header fields in order, as (name, value) pairs. Used by the HTTP server, the upstream
// client and the routing policy, so it lives below all of them.
using HttpHeaderList = QList<QPair<QByteArray, QByteArray>>;
