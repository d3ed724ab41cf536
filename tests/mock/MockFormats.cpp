// SPDX-License-Identifier: GPL-3.0-or-later
#include "MockFormats.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <initializer_list>
#include <utility>
#include <zlib.h>

namespace {

// The providers' bodies are written with their key order, so the JSON is assembled by hand
// from already-serialised values.
QByteArray str(const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out.append('"');
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
                out.append(buf);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
    return out;
}

QByteArray num(qint64 n)
{
    return QByteArray::number(n);
}

using Members = std::initializer_list<std::pair<const char *, QByteArray>>;

QByteArray obj(Members members)
{
    QByteArray out("{");
    bool first = true;
    for (const auto &m : members) {
        if (!first)
            out.append(',');
        first = false;
        out.append('"');
        out.append(m.first);
        out.append("\":");
        out.append(m.second);
    }
    out.append('}');
    return out;
}

QByteArray arr(const QList<QByteArray> &items)
{
    return '[' + items.join(',') + ']';
}

const QByteArray kNull("null");

// All text a message carries: a string, or the text of its blocks / parts.
void collectText(const QJsonValue &content, QStringList *out)
{
    if (content.isString()) {
        out->append(content.toString());
        return;
    }
    if (!content.isArray())
        return;
    const QJsonArray blocks = content.toArray();
    for (const QJsonValue &b : blocks) {
        const QJsonObject block = b.toObject();
        if (block.value(QLatin1String("text")).isString())
            out->append(block.value(QLatin1String("text")).toString());
        else if (block.contains(QLatin1String("content")))
            collectText(block.value(QLatin1String("content")), out);
    }
}

int directiveInt(const QString &text, const QString &name, int fallback)
{
    const QRegularExpression re(QLatin1String("mock:") + name + QLatin1String("=(\\d+)"));
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() ? m.captured(1).toInt() : fallback;
}

QByteArray usageAnthropic(const MockCall &call, int outputTokens)
{
    // As the API does, cache_creation splits cache_creation_input_tokens by TTL.
    const int write1h = qMin(call.directives.cacheWrite1h, call.directives.cacheWrite);
    return obj({{"input_tokens", num(call.inputTokens)},
                {"cache_creation_input_tokens", num(call.directives.cacheWrite)},
                {"cache_read_input_tokens", num(call.directives.cacheRead)},
                {"cache_creation",
                 obj({{"ephemeral_5m_input_tokens", num(call.directives.cacheWrite - write1h)},
                      {"ephemeral_1h_input_tokens", num(write1h)}})},
                {"output_tokens", num(outputTokens)}});
}

QByteArray usageOpenAI(const MockCall &call, int completionTokens)
{
    const int prompt = call.inputTokens + call.directives.cacheRead;
    // Reasoning tokens are part of completion_tokens, as the API counts them.
    const int reasoning = call.directives.reasoning;
    const int completion = completionTokens + reasoning;
    return obj({{"prompt_tokens", num(prompt)},
                {"completion_tokens", num(completion)},
                {"total_tokens", num(prompt + completion)},
                {"prompt_tokens_details",
                 obj({{"cached_tokens", num(call.directives.cacheRead)}, {"audio_tokens", "0"}})},
                {"completion_tokens_details", obj({{"reasoning_tokens", num(reasoning)},
                                                   {"audio_tokens", "0"},
                                                   {"accepted_prediction_tokens", "0"},
                                                   {"rejected_prediction_tokens", "0"}})}});
}

QString toolCallId(const QString &id)
{
    return QLatin1String("toolu_") + id.section(QLatin1Char('_'), 1);
}

} // namespace

int MockFormats::countWords(const QString &text)
{
    int words = 0;
    bool inWord = false;
    for (const QChar c : text) {
        if (c.isSpace()) {
            inWord = false;
        } else if (!inWord) {
            inWord = true;
            ++words;
        }
    }
    return words;
}

MockDirectives MockFormats::parseDirectives(const QString &text)
{
    MockDirectives d;
    if (!text.contains(QLatin1String("mock:")))
        return d;
    d.status = directiveInt(text, QStringLiteral("status"), 0);
    d.delayMs = directiveInt(text, QStringLiteral("delay"), -1);
    d.chunks = directiveInt(text, QStringLiteral("chunks"), -1);
    d.intervalMs = directiveInt(text, QStringLiteral("interval"), -1);
    d.cutAfter = directiveInt(text, QStringLiteral("cut"), -1);
    d.bulkMiB = directiveInt(text, QStringLiteral("bulk"), 0);
    static const QRegularExpression cacheRe(QStringLiteral("mock:cache=(\\d+)/(\\d+)"));
    const QRegularExpressionMatch m = cacheRe.match(text);
    if (m.hasMatch()) {
        d.cacheWrite = m.captured(1).toInt();
        d.cacheRead = m.captured(2).toInt();
    }
    d.cacheWrite1h = directiveInt(text, QStringLiteral("cache1h"), 0);
    d.reasoning = directiveInt(text, QStringLiteral("reasoning"), 0);
    d.midstreamError = text.contains(QLatin1String("mock:midstream-error"));
    d.gzip = text.contains(QLatin1String("mock:gzip"));
    return d;
}

bool MockFormats::parseCall(Provider provider, const QByteArray &body, MockCall *call,
                            QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (!doc.isObject()) {
        *error =
            QStringLiteral("The request body is not valid JSON: %1").arg(parseError.errorString());
        return false;
    }
    const QJsonObject root = doc.object();
    const QJsonValue messages = root.value(QLatin1String("messages"));
    if (!messages.isArray()) {
        *error = QStringLiteral("messages: Field required");
        return false;
    }
    call->model = root.value(QLatin1String("model")).toString();
    if (call->model.isEmpty()) {
        *error = QStringLiteral("model: Field required");
        return false;
    }
    call->stream = root.value(QLatin1String("stream")).toBool();
    call->includeUsage = root.value(QLatin1String("stream_options"))
                             .toObject()
                             .value(QLatin1String("include_usage"))
                             .toBool();

    QStringList all;
    if (provider == Provider::Anthropic)
        collectText(root.value(QLatin1String("system")), &all);
    QStringList lastUser;
    const QJsonArray list = messages.toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject message = v.toObject();
        QStringList texts;
        collectText(message.value(QLatin1String("content")), &texts);
        all.append(texts);
        if (message.value(QLatin1String("role")).toString() == QLatin1String("user"))
            lastUser = texts;
    }
    call->inputTokens = 0;
    for (const QString &t : std::as_const(all))
        call->inputTokens += countWords(t);

    const QString lastUserAll = lastUser.join(QLatin1Char(' '));
    call->directives = parseDirectives(lastUserAll);
    // Clients such as Claude Code put reminder blocks next to the prompt; answer the prompt.
    QStringList prompt;
    for (const QString &t : std::as_const(lastUser)) {
        if (!t.trimmed().startsWith(QLatin1String("<system-reminder>")))
            prompt.append(t);
    }
    call->lastUserText = (prompt.isEmpty() ? lastUser : prompt).join(QLatin1Char(' ')).simplified();

    const QJsonArray tools = root.value(QLatin1String("tools")).toArray();
    if (!tools.isEmpty() &&
        lastUserAll.contains(QLatin1String("use the tool"), Qt::CaseInsensitive)) {
        call->toolUse = true;
        const QJsonObject tool = tools.first().toObject();
        call->toolName = provider == Provider::Anthropic
                             ? tool.value(QLatin1String("name")).toString()
                             : tool.value(QLatin1String("function"))
                                   .toObject()
                                   .value(QLatin1String("name"))
                                   .toString();
    }
    return true;
}

QString MockFormats::answerText(Provider provider, const MockCall &call)
{
    return (provider == Provider::Anthropic ? QLatin1String("Hello from mock-anthropic: ")
                                            : QLatin1String("Hello from mock-openai: ")) +
           call.lastUserText;
}

QStringList MockFormats::splitPieces(const QString &text, int n)
{
    QStringList pieces;
    const int len = int(text.size());
    if (len == 0)
        return pieces;
    n = qBound(1, n, len);
    int start = 0;
    for (int i = 1; i <= n; ++i) {
        int end = int(qint64(i) * len / n);
        if (end < len && end > start && text.at(end).isLowSurrogate())
            ++end;
        if (end > start)
            pieces.append(text.mid(start, end - start));
        start = end;
    }
    return pieces;
}

QString MockFormats::toolInputJson(const MockCall &call)
{
    return QString::fromUtf8(obj({{"request", str(call.lastUserText)}}));
}

QByteArray MockFormats::anthropicMessage(const MockCall &call, const QString &id, int chunks)
{
    QByteArray content;
    int outputTokens = 0;
    if (call.toolUse) {
        outputTokens = int(splitPieces(toolInputJson(call), chunks).size());
        content = obj({{"type", "\"tool_use\""},
                       {"id", str(toolCallId(id))},
                       {"name", str(call.toolName)},
                       {"input", toolInputJson(call).toUtf8()}});
    } else {
        const QString text = answerText(Provider::Anthropic, call);
        outputTokens = countWords(text);
        content = obj({{"type", "\"text\""}, {"text", str(text)}});
    }
    return obj({{"id", str(id)},
                {"type", "\"message\""},
                {"role", "\"assistant\""},
                {"model", str(call.model)},
                {"content", arr({content})},
                {"stop_reason", call.toolUse ? "\"tool_use\"" : "\"end_turn\""},
                {"stop_sequence", kNull},
                {"usage", usageAnthropic(call, outputTokens)}});
}

QByteArray MockFormats::openaiCompletion(const MockCall &call, const QString &id, qint64 created,
                                         int chunks)
{
    QByteArray message;
    int completionTokens = 0;
    if (call.toolUse) {
        completionTokens = int(splitPieces(toolInputJson(call), chunks).size());
        const QByteArray toolCall =
            obj({{"id", str(QLatin1String("call_") + id.section(QLatin1Char('-'), 1))},
                 {"type", "\"function\""},
                 {"function",
                  obj({{"name", str(call.toolName)}, {"arguments", str(toolInputJson(call))}})}});
        message = obj({{"role", "\"assistant\""},
                       {"content", kNull},
                       {"tool_calls", arr({toolCall})},
                       {"refusal", kNull},
                       {"annotations", "[]"}});
    } else {
        const QString text = answerText(Provider::OpenAI, call);
        completionTokens = countWords(text);
        message = obj({{"role", "\"assistant\""},
                       {"content", str(text)},
                       {"refusal", kNull},
                       {"annotations", "[]"}});
    }
    const QByteArray choice =
        obj({{"index", "0"},
             {"message", message},
             {"logprobs", kNull},
             {"finish_reason", call.toolUse ? "\"tool_calls\"" : "\"stop\""}});
    return obj({{"id", str(id)},
                {"object", "\"chat.completion\""},
                {"created", num(created)},
                {"model", str(call.model)},
                {"choices", arr({choice})},
                {"usage", usageOpenAI(call, completionTokens)},
                {"service_tier", "\"default\""},
                {"system_fingerprint", "\"fp_mock\""}});
}

QByteArray MockFormats::anthropicCountTokens(int inputTokens)
{
    return obj({{"input_tokens", num(inputTokens)}});
}

QByteArray MockFormats::sseEvent(const QByteArray &event, const QJsonObject &data)
{
    return "event: " + event + "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact) +
           "\n\n";
}

QByteArray MockFormats::sseData(const QJsonObject &data)
{
    return "data: " + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n";
}

namespace {
QByteArray event(const char *name, const QByteArray &data)
{
    return QByteArray("event: ") + name + "\ndata: " + data + "\n\n";
}
QByteArray dataLine(const QByteArray &data)
{
    return "data: " + data + "\n\n";
}
} // namespace

QByteArray MockFormats::fillerEvent(Provider provider, const MockCall &call, const QString &id,
                                    qint64 created, int bytes)
{
    const QByteArray text = str(QString(bytes, QLatin1Char('x')));
    if (provider == Provider::Anthropic) {
        const QByteArray delta = obj({{"type", "\"text_delta\""}, {"text", text}});
        return event("content_block_delta",
                     obj({{"type", "\"content_block_delta\""}, {"index", "0"}, {"delta", delta}}));
    }
    return dataLine("{\"id\":" + str(id) + ",\"object\":\"chat.completion.chunk\",\"created\":" +
                    num(created) + ",\"model\":" + str(call.model) + ",\"choices\":[" +
                    obj({{"index", "0"},
                         {"delta", obj({{"content", text}})},
                         {"logprobs", kNull},
                         {"finish_reason", kNull}}) +
                    "]}");
}

QList<QByteArray> MockFormats::anthropicStream(const MockCall &call, const QString &id, int chunks)
{
    QList<QByteArray> events;
    MockCall startCall = call;
    const QByteArray message = obj({{"id", str(id)},
                                    {"type", "\"message\""},
                                    {"role", "\"assistant\""},
                                    {"model", str(call.model)},
                                    {"content", "[]"},
                                    {"stop_reason", kNull},
                                    {"stop_sequence", kNull},
                                    {"usage", usageAnthropic(startCall, 1)}});
    events.append(
        event("message_start", obj({{"type", "\"message_start\""}, {"message", message}})));

    QStringList pieces;
    QByteArray block;
    int outputTokens = 0;
    if (call.toolUse) {
        pieces = splitPieces(toolInputJson(call), chunks);
        outputTokens = int(pieces.size());
        block = obj({{"type", "\"tool_use\""},
                     {"id", str(toolCallId(id))},
                     {"name", str(call.toolName)},
                     {"input", "{}"}});
    } else {
        const QString text = answerText(Provider::Anthropic, call);
        pieces = splitPieces(text, chunks);
        outputTokens = countWords(text);
        block = obj({{"type", "\"text\""}, {"text", "\"\""}});
    }
    events.append(event(
        "content_block_start",
        obj({{"type", "\"content_block_start\""}, {"index", "0"}, {"content_block", block}})));
    events.append(event("ping", "{\"type\": \"ping\"}"));
    int sent = 0;
    for (const QString &piece : std::as_const(pieces)) {
        if (call.directives.midstreamError && sent == 2)
            break;
        const QByteArray delta =
            call.toolUse ? obj({{"type", "\"input_json_delta\""}, {"partial_json", str(piece)}})
                         : obj({{"type", "\"text_delta\""}, {"text", str(piece)}});
        events.append(
            event("content_block_delta",
                  obj({{"type", "\"content_block_delta\""}, {"index", "0"}, {"delta", delta}})));
        ++sent;
    }
    if (call.directives.midstreamError) {
        events.append(event("error", obj({{"type", "\"error\""},
                                          {"error", obj({{"type", "\"overloaded_error\""},
                                                         {"message", "\"Overloaded\""}})}})));
        return events;
    }
    events.append(
        event("content_block_stop", obj({{"type", "\"content_block_stop\""}, {"index", "0"}})));
    events.append(
        event("message_delta",
              obj({{"type", "\"message_delta\""},
                   {"delta", obj({{"stop_reason", call.toolUse ? "\"tool_use\"" : "\"end_turn\""},
                                  {"stop_sequence", kNull}})},
                   {"usage", obj({{"output_tokens", num(outputTokens)}})}})));
    events.append(event("message_stop", obj({{"type", "\"message_stop\""}})));
    return events;
}

QList<QByteArray> MockFormats::openaiStream(const MockCall &call, const QString &id, qint64 created,
                                            int chunks)
{
    QList<QByteArray> events;
    const QByteArray head = "{\"id\":" + str(id) +
                            ",\"object\":\"chat.completion.chunk\",\"created\":" + num(created) +
                            ",\"model\":" + str(call.model) +
                            ",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_mock\"";
    const QByteArray tail = call.includeUsage ? QByteArray(",\"usage\":null}") : QByteArray("}");
    auto chunk = [&](const QByteArray &delta, const QByteArray &finish) {
        return dataLine(head + ",\"choices\":[" +
                        obj({{"index", "0"},
                             {"delta", delta},
                             {"logprobs", kNull},
                             {"finish_reason", finish}}) +
                        "]" + tail);
    };

    QStringList pieces;
    int completionTokens = 0;
    const QString callId = QLatin1String("call_") + id.section(QLatin1Char('-'), 1);
    if (call.toolUse) {
        pieces = splitPieces(toolInputJson(call), chunks);
        completionTokens = int(pieces.size());
        const QByteArray toolCall =
            obj({{"index", "0"},
                 {"id", str(callId)},
                 {"type", "\"function\""},
                 {"function", obj({{"name", str(call.toolName)}, {"arguments", "\"\""}})}});
        events.append(chunk(obj({{"role", "\"assistant\""},
                                 {"content", kNull},
                                 {"tool_calls", arr({toolCall})},
                                 {"refusal", kNull}}),
                            kNull));
    } else {
        const QString text = answerText(Provider::OpenAI, call);
        pieces = splitPieces(text, chunks);
        completionTokens = countWords(text);
        events.append(chunk(
            obj({{"role", "\"assistant\""}, {"content", "\"\""}, {"refusal", kNull}}), kNull));
    }
    int sent = 0;
    for (const QString &piece : std::as_const(pieces)) {
        if (call.directives.midstreamError && sent == 2)
            break;
        if (call.toolUse) {
            const QByteArray toolCall =
                obj({{"index", "0"}, {"function", obj({{"arguments", str(piece)}})}});
            events.append(chunk(obj({{"tool_calls", arr({toolCall})}}), kNull));
        } else {
            events.append(chunk(obj({{"content", str(piece)}}), kNull));
        }
        ++sent;
    }
    if (call.directives.midstreamError) {
        events.append(dataLine(obj({{"error", obj({{"message", "\"The server had an error while "
                                                               "processing your request.\""},
                                                   {"type", "\"server_error\""},
                                                   {"param", kNull},
                                                   {"code", kNull}})}})));
        return events;
    }
    events.append(chunk("{}", call.toolUse ? "\"tool_calls\"" : "\"stop\""));
    if (call.includeUsage) {
        events.append(dataLine(
            head + ",\"choices\":[],\"usage\":" + usageOpenAI(call, completionTokens) + "}"));
    }
    events.append(QByteArrayLiteral("data: [DONE]\n\n"));
    return events;
}

QString MockFormats::anthropicErrorType(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("invalid_request_error");
    case 401:
        return QStringLiteral("authentication_error");
    case 402:
        return QStringLiteral("billing_error");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 413:
        return QStringLiteral("request_too_large");
    case 429:
        return QStringLiteral("rate_limit_error");
    case 504:
        return QStringLiteral("timeout_error");
    case 529:
        return QStringLiteral("overloaded_error");
    default:
        return status >= 500 ? QStringLiteral("api_error")
                             : QStringLiteral("invalid_request_error");
    }
}

QByteArray MockFormats::anthropicError(int status, const QString &message)
{
    return obj(
        {{"type", "\"error\""},
         {"error", obj({{"type", str(anthropicErrorType(status))}, {"message", str(message)}})}});
}

QByteArray MockFormats::openaiError(int status, const QString &message)
{
    QByteArray type = "\"invalid_request_error\"";
    QByteArray code = kNull;
    if (status == 401) {
        code = "\"invalid_api_key\"";
    } else if (status == 404) {
        code = "\"model_not_found\"";
    } else if (status == 429) {
        type = "\"requests\"";
        code = "\"rate_limit_exceeded\"";
    } else if (status >= 500) {
        type = "\"server_error\"";
    }
    return obj(
        {{"error",
          obj({{"message", str(message)}, {"type", type}, {"param", kNull}, {"code", code}})}});
}

QByteArray MockFormats::anthropicModels()
{
    const QList<QByteArray> models = {obj({{"type", "\"model\""},
                                           {"id", "\"claude-sonnet-4-20250514\""},
                                           {"display_name", "\"Claude Sonnet 4\""},
                                           {"created_at", "\"2025-05-22T00:00:00Z\""}}),
                                      obj({{"type", "\"model\""},
                                           {"id", "\"claude-3-5-haiku-20241022\""},
                                           {"display_name", "\"Claude Haiku 3.5\""},
                                           {"created_at", "\"2024-10-22T00:00:00Z\""}})};
    return obj({{"data", arr(models)},
                {"has_more", "false"},
                {"first_id", "\"claude-sonnet-4-20250514\""},
                {"last_id", "\"claude-3-5-haiku-20241022\""}});
}

QByteArray MockFormats::openaiModels()
{
    const QList<QByteArray> models = {obj({{"id", "\"gpt-4o-mini\""},
                                           {"object", "\"model\""},
                                           {"created", "1721172741"},
                                           {"owned_by", "\"system\""}}),
                                      obj({{"id", "\"gpt-4o\""},
                                           {"object", "\"model\""},
                                           {"created", "1715367049"},
                                           {"owned_by", "\"system\""}})};
    return obj({{"object", "\"list\""}, {"data", arr(models)}});
}

bool MockFormats::acceptsGzip(const QByteArray &acceptEncoding)
{
    const QList<QByteArray> parts = acceptEncoding.split(',');
    for (const QByteArray &part : parts) {
        const QList<QByteArray> fields = part.split(';');
        const QByteArray coding = fields.first().trimmed().toLower();
        if (coding != "gzip" && coding != "*")
            continue;
        bool refused = false;
        for (int i = 1; i < fields.size(); ++i) {
            const QByteArray p = fields.at(i).trimmed().toLower();
            if (p.startsWith("q=") && p.mid(2).toDouble() == 0.0)
                refused = true;
        }
        if (!refused)
            return true;
    }
    return false;
}

QByteArray MockFormats::gzip(const QByteArray &data)
{
    z_stream zs{};
    // windowBits 15 + 16: write a gzip header and trailer instead of the zlib wrapper.
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        return {};
    QByteArray out;
    out.resize(int(deflateBound(&zs, uLong(data.size())) + 32));
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const qsizetype written = out.size() - qsizetype(zs.avail_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END)
        return {};
    out.resize(written);
    return out;
}
