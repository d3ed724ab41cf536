// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpRouter.h"

#include <QUrl>

void HttpRouter::add(const QByteArray &method, const QString &pattern, HttpHandler handler)
{
    addRoute(method, pattern, std::move(handler), m_defaults);
}

void HttpRouter::add(const QByteArray &method, const QString &pattern, HttpHandler handler,
                     HttpSurface surface)
{
    HttpRouteOptions options = m_defaults;
    options.surface = surface;
    addRoute(method, pattern, std::move(handler), std::move(options));
}

void HttpRouter::addRoute(const QByteArray &method, const QString &pattern, HttpHandler handler,
                          HttpRouteOptions options)
{
    Route route;
    route.method = method;
    route.segments = pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    route.handler = std::move(handler);
    if (options.name.isEmpty())
        options.name = pattern;
    route.options = std::move(options);
    m_routes.append(std::move(route));
}

bool HttpRouter::match(const Route &route, const QStringList &path, QHash<QString, QString> *params)
{
    const qsizetype n = route.segments.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QString &seg = route.segments.at(i);
        const bool isParam = seg.startsWith(QLatin1Char('{')) && seg.endsWith(QLatin1Char('}'));
        if (isParam && seg.endsWith(QLatin1String("*}"))) {
            if (params)
                params->insert(seg.mid(1, seg.size() - 3), path.mid(i).join(QLatin1Char('/')));
            return i < path.size();
        }
        if (i >= path.size())
            return false;
        if (isParam) {
            if (params)
                params->insert(seg.mid(1, seg.size() - 2), path.at(i));
        } else if (seg != path.at(i)) {
            return false;
        }
    }
    return n == path.size();
}

HttpRouter::Resolution HttpRouter::resolve(const QByteArray &method, const QByteArray &path,
                                           HttpListenerSurface listener) const
{
    Resolution out;
    const QStringList segments =
        QUrl::fromPercentEncoding(path).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const Route &route : m_routes) {
        if (!httpSurfaceServedBy(route.options.surface, listener) ||
            !match(route, segments, nullptr))
            continue;
        const bool methodMatches =
            route.method == method || (method == "HEAD" && route.method == "GET");
        if (!methodMatches) {
            if (!out.allowed.contains(route.method))
                out.allowed.append(route.method);
            continue;
        }
        match(route, segments, &out.params);
        out.handler = &route.handler;
        out.guard = route.options.guard ? &route.options.guard : nullptr;
        out.name = route.options.name;
        out.surface = route.options.surface;
        return out;
    }
    return out;
}

bool HttpRouter::dispatch(const HttpRequest &request, const HttpResponderPtr &responder,
                          HttpListenerSurface listener) const
{
    Resolution r = resolve(request.method, request.path, listener);
    if (r.handler) {
        HttpRequest routed = request;
        routed.pathParams = std::move(r.params);
        routed.routeName = std::move(r.name);
        (*r.handler)(routed, responder);
        return true;
    }
    const QByteArrayList &allowed = r.allowed;
    if (!allowed.isEmpty()) {
        if (request.method == "OPTIONS") {
            responder->send(204, {}, {}, {{"Allow", allowed.join(", ")}});
            return true;
        }
        responder->sendError(405, QStringLiteral("method_not_allowed"),
                             QStringLiteral("%1 is not allowed on %2; use %3.")
                                 .arg(QString::fromLatin1(request.method),
                                      QString::fromUtf8(request.path),
                                      QString::fromLatin1(allowed.join(", "))),
                             {{"Allow", allowed.join(", ")}});
        return true;
    }
    responder->sendError(
        404, QStringLiteral("not_found"),
        QStringLiteral("No such endpoint: %1 %2. See docs/api.md for the API.")
            .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path)));
    return false;
}

std::optional<HttpGuardRefusal> HttpRouter::checkHead(const HttpRequest &head,
                                                      HttpListenerSurface listener) const
{
    Resolution r = resolve(head.method, head.path, listener);
    if (!r.handler || !r.guard)
        return std::nullopt;
    HttpRequest routed = head;
    routed.pathParams = std::move(r.params);
    routed.routeName = std::move(r.name);
    return (*r.guard)(routed);
}
