// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpRouter.h"

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
    for (const QString &text : pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        Segment seg;
        if (text.startsWith(QLatin1Char('{')) && text.endsWith(QLatin1String("*}"))) {
            seg.kind = Segment::Rest;
            seg.name = text.mid(1, text.size() - 3);
        } else if (text.startsWith(QLatin1Char('{')) && text.endsWith(QLatin1Char('}'))) {
            seg.kind = Segment::Param;
            seg.name = text.mid(1, text.size() - 2);
        } else {
            seg.literal = text.toUtf8();
        }
        route.segments.append(std::move(seg));
    }
    route.handler = std::move(handler);
    if (options.name.isEmpty())
        options.name = pattern;
    route.options = std::move(options);
    m_routes.append(std::move(route));
}

bool HttpRouter::match(const Route &route, const PathSegments &path,
                       QHash<QString, QString> *params)
{
    const qsizetype n = route.segments.size();
    for (qsizetype i = 0; i < n; ++i) {
        const Segment &seg = route.segments.at(i);
        if (seg.kind == Segment::Rest) {
            if (params && i < path.size()) {
                QByteArray rest = path.at(i).toByteArray();
                for (qsizetype j = i + 1; j < path.size(); ++j)
                    rest.append('/').append(path.at(j));
                params->insert(seg.name, QString::fromUtf8(rest));
            }
            return i < path.size();
        }
        if (i >= path.size())
            return false;
        if (seg.kind == Segment::Param) {
            if (params)
                params->insert(seg.name, QString::fromUtf8(path.at(i)));
        } else if (seg.literal != path.at(i)) {
            return false;
        }
    }
    return n == path.size();
}

HttpRouter::Resolution HttpRouter::resolve(const QByteArray &method, const QByteArray &path,
                                           HttpListenerSurface listener) const
{
    Resolution out;
    // Percent-decoded before it is split, so an escaped slash separates segments too.
    const QByteArray decoded = path.contains('%') ? QByteArray::fromPercentEncoding(path) : path;
    PathSegments segments;
    QByteArrayView rest(decoded);
    while (!rest.isEmpty()) {
        const qsizetype slash = rest.indexOf('/');
        const QByteArrayView piece = slash < 0 ? rest : rest.first(slash);
        if (!piece.isEmpty())
            segments.append(piece);
        if (slash < 0)
            break;
        rest = rest.sliced(slash + 1);
    }
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
    auto refusal = (*r.guard)(routed);
    head.guardMemo = routed.guardMemo; // for the handler, which gets the parser's request
    return refusal;
}
