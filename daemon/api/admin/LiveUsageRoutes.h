// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

class AdminApi;
class AdminRouteTable;
class UsageFeed;

// GET /api/usage/live (administrators only): Server-Sent Events, one `data:` event holding the
// usage row's JSON per completed call, and a keep-alive comment every 15 s. A client that does
// not keep up is dropped with an `event: dropped` rather than buffering without bound.
class LiveUsageRoutes
{
public:
    static constexpr int KeepAliveMs = 15000;
    // Bytes queued on the socket above which the stream stops writing and lets the feed's
    // bounded queue take the backlog (and drop the subscriber if it keeps growing).
    static constexpr qint64 MaxPendingBytes = 256 * 1024;

    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
