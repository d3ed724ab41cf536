// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpResponder.h"
#include "http/HttpSurface.h"

#include <QList>
#include <QStringList>

// Maps (method, path pattern) to handlers. A pattern is a path whose segments may be "{name}"
// (one segment, stored in HttpRequest::pathParams) or a final "{name*}" (the rest of the path).
// A path that matches with another method gets 405 with an Allow header; no match gets 404.
// Each route has a surface (HttpSurface); a listener sees only the routes it serves, the others
// answer 404 there as if they did not exist.
class HttpRouter
{
public:
    // Registers with the current default surface (Both unless setDefaultSurface() changed it).
    void add(const QByteArray &method, const QString &pattern, HttpHandler handler);
    void add(const QByteArray &method, const QString &pattern, HttpHandler handler,
             HttpSurface surface);
    // The surface add() gives routes registered from now on, e.g. around a service's
    // registerRoutes().
    void setDefaultSurface(HttpSurface surface) { m_defaultSurface = surface; }

    // Answers the request; returns false if nothing matched (a 404 was sent).
    bool dispatch(const HttpRequest &request, const HttpResponderPtr &responder,
                  HttpListenerSurface listener = HttpListenerSurface::All) const;

    // The routing decision alone (no I/O): the matching handler with its path parameters, or
    // the methods the path would accept (empty: unknown path).
    struct Resolution
    {
        const HttpHandler *handler = nullptr;
        QHash<QString, QString> params;
        QByteArrayList allowed;
    };
    Resolution resolve(const QByteArray &method, const QByteArray &path,
                       HttpListenerSurface listener = HttpListenerSurface::All) const;

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        HttpHandler handler;
        HttpSurface surface = HttpSurface::Both;
    };
    static bool match(const Route &route, const QStringList &path, QHash<QString, QString> *params);

    QList<Route> m_routes;
    HttpSurface m_defaultSurface = HttpSurface::Both;
};
