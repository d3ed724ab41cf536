// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpResponder.h"
#include "http/HttpRouteOptions.h"
#include "http/HttpSurface.h"

#include <QList>
#include <QStringList>
#include <QVarLengthArray>

#include <optional>

// Maps (method, path pattern) to handlers. A pattern is a path whose segments may be "{name}"
// (one segment, stored in HttpRequest::pathParams) or a final "{name*}" (the rest of the path).
// A path that matches with another method gets 405 with an Allow header; no match gets 404.
// A route may carry a head guard (see HttpRouteOptions) that the server runs before the body
// is read. Each route has a surface (HttpSurface); a listener sees only the routes it serves,
// the others answer 404 there as if they did not exist.
class HttpRouter
{
public:
    void add(const QByteArray &method, const QString &pattern, HttpHandler handler);
    void addRoute(const QByteArray &method, const QString &pattern, HttpHandler handler,
                  HttpRouteOptions options);
    // Options for the routes added with add() from now on (e.g. a guard for a group of routes);
    // reset with setDefaultOptions({}).
    void setDefaultOptions(HttpRouteOptions options) { m_defaults = std::move(options); }
    const HttpRouteOptions &defaultOptions() const { return m_defaults; }
    // The surface add() gives routes registered from now on, e.g. around a service's
    // registerRoutes().
    void setDefaultSurface(HttpSurface surface) { m_defaults.surface = surface; }
    void add(const QByteArray &method, const QString &pattern, HttpHandler handler,
             HttpSurface surface);

    // Answers the request; returns false if nothing matched (a 404 was sent).
    bool dispatch(const HttpRequest &request, const HttpResponderPtr &responder,
                  HttpListenerSurface listener = HttpListenerSurface::All) const;
    // Runs the guard of the route `head` resolves to, if it has one.
    std::optional<HttpGuardRefusal>
    checkHead(const HttpRequest &head,
              HttpListenerSurface listener = HttpListenerSurface::All) const;

    // The routing decision alone (no I/O): the matching handler with its path parameters, or
    // the methods the path would accept (empty: unknown path).
    struct Resolution
    {
        const HttpHandler *handler = nullptr;
        const HttpHeadGuard *guard = nullptr; // null when the route has none
        QString name;
        HttpSurface surface = HttpSurface::Both;
        QHash<QString, QString> params;
        QByteArrayList allowed;
    };
    Resolution resolve(const QByteArray &method, const QByteArray &path,
                       HttpListenerSurface listener = HttpListenerSurface::All) const;

private:
    struct Segment
    {
        enum Kind
        {
            Literal,
            Param, // "{name}": one segment
            Rest   // "{name*}": the rest of the path, at least one segment
        };
        Kind kind = Literal;
        QByteArray literal; // UTF-8, compared with the decoded path's bytes
        QString name;
    };
    struct Route
    {
        QByteArray method;
        QList<Segment> segments;
        HttpHandler handler;
        HttpRouteOptions options;
    };
    // The path's segments as views into its bytes (percent-decoded first when it has escapes):
    // matching allocates nothing, only the chosen route's parameters are made strings.
    using PathSegments = QVarLengthArray<QByteArrayView, 16>;
    static bool match(const Route &route, const PathSegments &path,
                      QHash<QString, QString> *params);
    QList<Route> m_routes;
    HttpRouteOptions m_defaults;
};
