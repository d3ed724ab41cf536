// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Which listener serves a route. With a separate admin listener (admin_listen), the main port
// serves Relay and Both routes, the admin port Admin and Both routes; with one listener every
// route is served there.
enum class HttpSurface
{
    Both,  // /health and the like: every listener
    Relay, // the AI-provider APIs that key holders call
    Admin  // the admin API and /metrics
};

// What a listener serves: everything (one listener) or one side of the split.
enum class HttpListenerSurface
{
    All,
    Relay,
    Admin
};

inline bool httpSurfaceServedBy(HttpSurface route, HttpListenerSurface listener)
{
    switch (listener) {
    case HttpListenerSurface::All:
        return true;
    case HttpListenerSurface::Relay:
        return route != HttpSurface::Admin;
    case HttpListenerSurface::Admin:
        return route != HttpSurface::Relay;
    }
    return false;
}
