// SPDX-License-Identifier: GPL-3.0-or-later
#include "MockGemini.h"

#include "MockStream.h"
#include "MockUpstream.h"
#include "http/HttpRouter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimer>

namespace {

using Header = QPair<QByteArray, QByteArray>;
const QByteArray kJson("application/json; charset=UTF-8");

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void collectTexts(const QJsonArray &parts, QStringList *texts, QStringList *responses)
{
    for (const QJsonValue &p : parts) {
        const QJsonObject part = p.toObject();
        if (part.value(QLatin1String("text")).isString())
            texts->append(part.value(QLatin1String("text")).toString());
        else if (responses && part.value(QLatin1String("functionResponse")).isObject())
            responses->append(
                QString::fromUtf8(QJsonDocument(part.value(QLatin1String("functionResponse"))
                                                    .toObject()
                                                    .value(QLatin1String("response"))
                                                    .toObject())
                                      .toJson(QJsonDocument::Compact)));
    }
}

QJsonObject usageMetadata(const MockCall &call, int candidates)
{
    const int cached = call.directives.cacheRead;
    const int prompt = call.inputTokens + cached;
    const int thoughts = MockGemini::thoughtsTokens(call);
    QJsonObject usage{{QStringLiteral("promptTokenCount"), prompt},
                      {QStringLiteral("candidatesTokenCount"), candidates},
                      {QStringLiteral("totalTokenCount"), prompt + candidates + thoughts},
                      {QStringLiteral("promptTokensDetails"),
                       QJsonArray{QJsonObject{{QStringLiteral("modality"), QStringLiteral("TEXT")},
                                              {QStringLiteral("tokenCount"), prompt}}}}};
    if (cached > 0) {
        usage.insert(QStringLiteral("cachedContentTokenCount"), cached);
        usage.insert(QStringLiteral("cacheTokensDetails"),
                     QJsonArray{QJsonObject{{QStringLiteral("modality"), QStringLiteral("TEXT")},
                                            {QStringLiteral("tokenCount"), cached}}});
    }
    if (thoughts > 0)
        usage.insert(QStringLiteral("thoughtsTokenCount"), thoughts);
    return usage;
}

QJsonObject functionCallPart(const MockCall &call)
{
    return QJsonObject{{QStringLiteral("functionCall"),
                        QJsonObject{{QStringLiteral("name"), call.toolName},
                                    {QStringLiteral("args"), QJsonObject{{QStringLiteral("request"),
                                                                          call.lastUserText}}}}}};
}

QJsonObject responseObject(const MockCall &call, const QString &responseId, const QJsonArray &parts,
                           bool finished, int candidatesTokens)
{
    QJsonObject candidate{
        {QStringLiteral("content"), QJsonObject{{QStringLiteral("parts"), parts},
                                                {QStringLiteral("role"), QStringLiteral("model")}}},
        {QStringLiteral("index"), 0}};
    if (finished)
        candidate.insert(QStringLiteral("finishReason"), QStringLiteral("STOP"));
    return QJsonObject{{QStringLiteral("candidates"), QJsonArray{candidate}},
                       {QStringLiteral("usageMetadata"), usageMetadata(call, candidatesTokens)},
                       {QStringLiteral("modelVersion"), call.model},
                       {QStringLiteral("responseId"), responseId}};
}

QJsonObject modelObject(const QString &id, const QString &displayName, const QString &version)
{
    return QJsonObject{{QStringLiteral("name"), QLatin1String("models/") + id},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("displayName"), displayName},
                       {QStringLiteral("description"), displayName + QLatin1String(" (mock)")},
                       {QStringLiteral("inputTokenLimit"), 1048576},
                       {QStringLiteral("outputTokenLimit"), 65536},
                       {QStringLiteral("supportedGenerationMethods"),
                        QJsonArray{QStringLiteral("generateContent"), QStringLiteral("countTokens"),
                                   QStringLiteral("createCachedContent")}},
                       {QStringLiteral("temperature"), 1},
                       {QStringLiteral("topP"), 0.95},
                       {QStringLiteral("topK"), 64},
                       {QStringLiteral("maxTemperature"), 2},
                       {QStringLiteral("thinking"), true}};
}

const QList<QJsonObject> &knownModels()
{
    static const QList<QJsonObject> list = {
        modelObject(QStringLiteral("gemini-2.5-flash"), QStringLiteral("Gemini 2.5 Flash"),
                    QStringLiteral("001")),
        modelObject(QStringLiteral("gemini-2.5-pro"), QStringLiteral("Gemini 2.5 Pro"),
                    QStringLiteral("2.5")),
        modelObject(QStringLiteral("gemini-2.0-flash"), QStringLiteral("Gemini 2.0 Flash"),
                    QStringLiteral("2.0"))};
    return list;
}

} // namespace

QByteArray MockGemini::sseData(const QByteArray &json)
{
    return "data: " + json + "\r\n\r\n";
}

int MockGemini::thoughtsTokens(const MockCall &call)
{
    static const QRegularExpression re(QStringLiteral("mock:thoughts=(\\d+)"));
    const QRegularExpressionMatch m = re.match(call.lastUserText);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

QString MockGemini::answerText(const MockCall &call)
{
    return QLatin1String("Hello from mock-gemini: ") + call.lastUserText;
}

bool MockGemini::parseCall(const QByteArray &body, const QString &model, bool stream,
                           MockCall *call, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("Invalid JSON payload received. %1").arg(parseError.errorString());
        return false;
    }
    const QJsonObject root = doc.object();
    const QJsonArray contents = root.value(QLatin1String("contents")).toArray();
    if (contents.isEmpty()) {
        *error = QStringLiteral("* GenerateContentRequest.contents: contents is not specified\n");
        return false;
    }
    call->model = model;
    call->stream = stream;
    QStringList all;
    collectTexts(root.value(QLatin1String("systemInstruction"))
                     .toObject()
                     .value(QLatin1String("parts"))
                     .toArray(),
                 &all, nullptr);
    QStringList lastUser;
    QStringList lastResponses;
    for (const QJsonValue &v : contents) {
        const QJsonObject content = v.toObject();
        QStringList texts;
        QStringList responses;
        collectTexts(content.value(QLatin1String("parts")).toArray(), &texts, &responses);
        all.append(texts);
        all.append(responses);
        const QString role = content.value(QLatin1String("role")).toString();
        if (role.isEmpty() || role == QLatin1String("user")) {
            lastUser = texts;
            lastResponses = responses;
        }
    }
    call->inputTokens = 0;
    for (const QString &t : std::as_const(all))
        call->inputTokens += MockFormats::countWords(t);
    const QString userText = lastUser.join(QLatin1Char(' '));
    call->directives = MockFormats::parseDirectives(userText);
    call->lastUserText =
        (lastUser.isEmpty() ? lastResponses : lastUser).join(QLatin1Char(' ')).simplified();

    const QJsonArray tools = root.value(QLatin1String("tools")).toArray();
    for (const QJsonValue &t : tools) {
        const QJsonArray declarations =
            t.toObject().value(QLatin1String("functionDeclarations")).toArray();
        if (!declarations.isEmpty() &&
            userText.contains(QLatin1String("use the tool"), Qt::CaseInsensitive)) {
            call->toolUse = true;
            call->toolName =
                declarations.first().toObject().value(QLatin1String("name")).toString();
            break;
        }
    }
    return true;
}

QByteArray MockGemini::response(const MockCall &call, const QString &responseId, int chunks)
{
    Q_UNUSED(chunks);
    if (call.toolUse) {
        const QJsonObject part = functionCallPart(call);
        return compact(responseObject(call, responseId, QJsonArray{part}, true,
                                      MockFormats::countWords(QString::fromUtf8(compact(part)))));
    }
    const QString text = answerText(call);
    return compact(responseObject(call, responseId,
                                  QJsonArray{QJsonObject{{QStringLiteral("text"), text}}}, true,
                                  MockFormats::countWords(text)));
}

QList<QByteArray> MockGemini::stream(const MockCall &call, const QString &responseId, int chunks)
{
    QList<QByteArray> events;
    if (call.toolUse) {
        const QJsonObject part = functionCallPart(call);
        events.append(sseData(
            compact(responseObject(call, responseId, QJsonArray{part}, true,
                                   MockFormats::countWords(QString::fromUtf8(compact(part)))))));
        return events;
    }
    const QString text = answerText(call);
    const QStringList pieces = MockFormats::splitPieces(text, chunks);
    QString sent;
    for (int i = 0; i < pieces.size(); ++i) {
        if (call.directives.midstreamError && i == 2) {
            events.append(sseData(error(500, QStringLiteral("An internal error has occurred. "
                                                            "Please retry or report in "
                                                            "https://developers.generativeai."
                                                            "google/guide/troubleshooting"))));
            return events;
        }
        sent += pieces.at(i);
        const bool last = i == pieces.size() - 1;
        events.append(sseData(compact(responseObject(
            call, responseId, QJsonArray{QJsonObject{{QStringLiteral("text"), pieces.at(i)}}}, last,
            MockFormats::countWords(last ? text : sent)))));
    }
    return events;
}

QByteArray MockGemini::countTokens(const MockCall &call)
{
    return compact(
        QJsonObject{{QStringLiteral("totalTokens"), call.inputTokens},
                    {QStringLiteral("promptTokensDetails"),
                     QJsonArray{QJsonObject{{QStringLiteral("modality"), QStringLiteral("TEXT")},
                                            {QStringLiteral("tokenCount"), call.inputTokens}}}}});
}

QByteArray MockGemini::error(int status, const QString &message)
{
    QString name;
    switch (status) {
    case 400:
        name = QStringLiteral("INVALID_ARGUMENT");
        break;
    case 401:
        name = QStringLiteral("UNAUTHENTICATED");
        break;
    case 403:
        name = QStringLiteral("PERMISSION_DENIED");
        break;
    case 404:
        name = QStringLiteral("NOT_FOUND");
        break;
    case 429:
        name = QStringLiteral("RESOURCE_EXHAUSTED");
        break;
    case 503:
        name = QStringLiteral("UNAVAILABLE");
        break;
    case 504:
        name = QStringLiteral("DEADLINE_EXCEEDED");
        break;
    default:
        name = status >= 500 ? QStringLiteral("INTERNAL") : QStringLiteral("FAILED_PRECONDITION");
    }
    QJsonObject error{{QStringLiteral("code"), status},
                      {QStringLiteral("message"), message},
                      {QStringLiteral("status"), name}};
    if (status == 429) {
        error.insert(
            QStringLiteral("details"),
            QJsonArray{QJsonObject{{QStringLiteral("@type"),
                                    QStringLiteral("type.googleapis.com/google.rpc.RetryInfo")},
                                   {QStringLiteral("retryDelay"), QStringLiteral("2s")}}});
    }
    return compact(QJsonObject{{QStringLiteral("error"), error}});
}

QByteArray MockGemini::invalidKeyError()
{
    const QString message = QStringLiteral("API key not valid. Please pass a valid API key.");
    const QJsonObject error{
        {QStringLiteral("code"), 400},
        {QStringLiteral("message"), message},
        {QStringLiteral("status"), QStringLiteral("INVALID_ARGUMENT")},
        {QStringLiteral("details"),
         QJsonArray{
             QJsonObject{{QStringLiteral("@type"),
                          QStringLiteral("type.googleapis.com/google.rpc.ErrorInfo")},
                         {QStringLiteral("reason"), QStringLiteral("API_KEY_INVALID")},
                         {QStringLiteral("domain"), QStringLiteral("googleapis.com")},
                         {QStringLiteral("metadata"),
                          QJsonObject{{QStringLiteral("service"),
                                       QStringLiteral("generativelanguage.googleapis.com")}}}},
             QJsonObject{{QStringLiteral("@type"),
                          QStringLiteral("type.googleapis.com/google.rpc.LocalizedMessage")},
                         {QStringLiteral("locale"), QStringLiteral("en-US")},
                         {QStringLiteral("message"), message}}}}};
    return compact(QJsonObject{{QStringLiteral("error"), error}});
}

QByteArray MockGemini::models()
{
    QJsonArray list;
    for (const QJsonObject &m : knownModels())
        list.append(m);
    return compact(QJsonObject{{QStringLiteral("models"), list}});
}

QByteArray MockGemini::model(const QString &name)
{
    for (const QJsonObject &m : knownModels()) {
        if (m.value(QLatin1String("name")).toString() == QLatin1String("models/") + name)
            return compact(m);
    }
    return {};
}

void MockGemini::addRoutes(MockUpstream *mock, HttpRouter *router)
{
    for (const QString &version : {QStringLiteral("v1beta"), QStringLiteral("v1")}) {
        const QString base = QLatin1Char('/') + version + QLatin1String("/models");
        router->add(
            "POST", base + QLatin1String("/{call}"),
            [mock](const HttpRequest &r, const HttpResponderPtr &p) { handleCall(mock, r, p); });
        router->add(
            "GET", base + QLatin1String("/{call}"),
            [mock](const HttpRequest &r, const HttpResponderPtr &p) { handleModel(mock, r, p); });
        router->add("GET", base, [mock](const HttpRequest &r, const HttpResponderPtr &p) {
            handleModel(mock, r, p);
        });
    }
}

void MockGemini::sendError(int status, const QString &message, const HttpResponderPtr &responder)
{
    responder->send(status, error(status, message), kJson);
}

bool MockGemini::checkKey(const HttpRequest &request, const HttpResponderPtr &responder)
{
    QByteArray key = request.header("x-goog-api-key");
    if (key.isEmpty())
        key = request.queryItem(QStringLiteral("key")).toUtf8();
    if (key.isEmpty()) {
        const QByteArray auth = request.header("authorization");
        if (auth.size() > 7 && auth.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
            key = auth.mid(7).trimmed();
    }
    if (key.isEmpty()) {
        sendError(403,
                  QStringLiteral("Method doesn't allow unregistered callers (callers without "
                                 "established identity). Please use API Key or other form of API "
                                 "consumer identity to call this API."),
                  responder);
        return false;
    }
    if (key.startsWith("bad")) {
        responder->send(400, invalidKeyError(), kJson);
        return false;
    }
    return true;
}

void MockGemini::handleModel(MockUpstream *mock, const HttpRequest &request,
                             const HttpResponderPtr &responder)
{
    std::shared_ptr<void> token = mock->enterCall();
    if (!checkKey(request, responder))
        return;
    if (mock->m_failCount > 0) {
        --mock->m_failCount;
        sendError(mock->m_failStatus, QStringLiteral("Injected failure."), responder);
        return;
    }
    const QString name = request.pathParams.value(QStringLiteral("call"));
    if (name.isEmpty()) {
        responder->send(200, models(), kJson);
        return;
    }
    const QByteArray body = model(name);
    if (body.isEmpty()) {
        sendError(404, QStringLiteral("models/%1 is not found for API version v1beta.").arg(name),
                  responder);
        return;
    }
    responder->send(200, body, kJson);
}

void MockGemini::handleCall(MockUpstream *mock, const HttpRequest &request,
                            const HttpResponderPtr &responder)
{
    std::shared_ptr<void> token = mock->enterCall();
    if (!checkKey(request, responder))
        return;
    const QString target = request.pathParams.value(QStringLiteral("call"));
    const qsizetype colon = target.lastIndexOf(QLatin1Char(':'));
    const QString model = colon > 0 ? target.left(colon) : QString();
    const QString method = colon > 0 ? target.mid(colon + 1) : QString();
    if (method != QLatin1String("generateContent") &&
        method != QLatin1String("streamGenerateContent") &&
        method != QLatin1String("countTokens")) {
        sendError(404, QStringLiteral("Method '%1' is not found.").arg(method), responder);
        return;
    }
    MockCall call;
    QString message;
    if (!parseCall(request.body, model, method == QLatin1String("streamGenerateContent"), &call,
                   &message)) {
        sendError(400, message, responder);
        return;
    }
    const int delay =
        call.directives.delayMs >= 0 ? call.directives.delayMs : mock->m_options.latencyMs;
    if (delay <= 0) {
        answer(mock, method, request, call, responder, token);
        return;
    }
    QTimer::singleShot(delay, mock, [mock, method, request, call, responder, token] {
        answer(mock, method, request, call, responder, token);
    });
}

void MockGemini::answer(MockUpstream *mock, const QString &method, const HttpRequest &request,
                        const MockCall &call, const HttpResponderPtr &responder,
                        const std::shared_ptr<void> &token)
{
    if (!responder->isOpen())
        return;
    if (mock->m_failCount > 0) {
        --mock->m_failCount;
        sendError(mock->m_failStatus, QStringLiteral("Injected failure."), responder);
        return;
    }
    if (call.directives.status >= 400) {
        sendError(call.directives.status,
                  call.directives.status == 503
                      ? QStringLiteral("The model is overloaded. Please try again later.")
                  : call.directives.status == 429
                      ? QStringLiteral("Resource has been exhausted (e.g. check quota).")
                      : QStringLiteral("Injected failure."),
                  responder);
        return;
    }
    if (method == QLatin1String("countTokens")) {
        responder->send(200, countTokens(call), kJson);
        return;
    }
    const quint64 n = ++mock->m_counter;
    const QString responseId = QStringLiteral("mockgem%1").arg(n, 16, 16, QLatin1Char('0'));
    const int chunks = call.directives.chunks > 0 ? call.directives.chunks : mock->m_options.chunks;
    if (call.stream && request.queryItem(QStringLiteral("alt")) == QLatin1String("sse")) {
        const int interval = call.directives.intervalMs >= 0 ? call.directives.intervalMs
                                                             : mock->m_options.chunkIntervalMs;
        HttpHeaderList headers;
        headers.append(Header{"Content-Type", "text/event-stream"});
        headers.append(Header{"Content-Disposition", "attachment"});
        auto *s = new MockStream(responder, headers, stream(call, responseId, chunks), interval,
                                 call.directives.cutAfter, token, mock);
        s->start();
        return;
    }
    QByteArray body;
    if (call.stream) {
        // Without alt=sse, Google answers the chunks as one JSON array.
        QList<QByteArray> items;
        for (QByteArray event : stream(call, responseId, chunks))
            items.append(event.mid(6, event.size() - 10));
        body = "[" + items.join(",\r\n") + "]";
    } else {
        body = response(call, responseId, chunks);
    }
    HttpHeaderList headers;
    if (call.directives.gzip && MockFormats::acceptsGzip(request.header("accept-encoding"))) {
        body = MockFormats::gzip(body);
        headers.append(Header{"Content-Encoding", "gzip"});
        headers.append(Header{"Vary", "Accept-Encoding"});
    }
    responder->send(200, body, kJson, headers);
}
