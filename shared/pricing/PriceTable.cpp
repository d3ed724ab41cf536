// SPDX-License-Identifier: GPL-3.0-or-later
#include "pricing/PriceTable.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QMutex>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace {

bool readPrice(const QJsonObject &object, const QString &field, bool required, double *out,
               const QString &model, QString *error)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined() || value.isNull()) {
        if (required) {
            *error = QStringLiteral("price of model \"%1\" lacks \"%2\"").arg(model, field);
            return false;
        }
        *out = -1;
        return true;
    }
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < 0) {
        *error = QStringLiteral("price of model \"%1\": \"%2\" must be a number >= 0 "
                                "(USD per million tokens)")
                     .arg(model, field);
        return false;
    }
    *out = value.toDouble();
    return true;
}

// The largest token count a JSON number holds exactly (2^53).
constexpr qint64 MaxThreshold = qint64(1) << 53;

// Reads "longContext" of one model; `base` holds the model's own prices, defaults applied.
bool readLongContext(const QJsonValue &value, const ModelPrice &base, const QString &model,
                     std::optional<LongContextPrice> *out, QString *error)
{
    if (value.isUndefined() || value.isNull()) {
        out->reset();
        return true;
    }
    if (!value.isObject()) {
        *error = QStringLiteral("price of model \"%1\": \"longContext\" must be an object like "
                                "{\"threshold\": 200000, \"input\": 6, \"output\": 22.5}")
                     .arg(model);
        return false;
    }
    const QJsonObject o = value.toObject();
    static const QStringList known = {QStringLiteral("threshold"),    QStringLiteral("input"),
                                      QStringLiteral("output"),       QStringLiteral("cacheWrite"),
                                      QStringLiteral("cacheWrite1h"), QStringLiteral("cacheRead")};
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()) && !it.key().startsWith(QLatin1Char('_'))) {
            *error = QStringLiteral("price of model \"%1\": unknown key \"%2\" in "
                                    "\"longContext\" (expected threshold, input, output, "
                                    "cacheWrite, cacheWrite1h, cacheRead)")
                         .arg(model, it.key());
            return false;
        }
    }
    const QJsonValue threshold = o.value(QLatin1String("threshold"));
    const double t = threshold.toDouble(-1);
    if (!threshold.isDouble() || !std::isfinite(t) || t < 1 || t != std::floor(t) ||
        t > double(MaxThreshold)) {
        *error = QStringLiteral("price of model \"%1\": \"longContext.threshold\" must be a "
                                "whole number of prompt tokens > 0, e.g. 200000")
                     .arg(model);
        return false;
    }
    LongContextPrice lc;
    lc.threshold = qint64(t);
    const QString name = QStringLiteral("%1 (longContext)").arg(model);
    if (!readPrice(o, QStringLiteral("input"), true, &lc.input, name, error) ||
        !readPrice(o, QStringLiteral("output"), true, &lc.output, name, error) ||
        !readPrice(o, QStringLiteral("cacheWrite"), false, &lc.cacheWrite, name, error) ||
        !readPrice(o, QStringLiteral("cacheWrite1h"), false, &lc.cacheWrite1h, name, error) ||
        !readPrice(o, QStringLiteral("cacheRead"), false, &lc.cacheRead, name, error))
        return false;
    // Cache prices follow the input price unless given.
    const double scale = base.input > 0 ? lc.input / base.input : 1.0;
    if (lc.cacheWrite < 0)
        lc.cacheWrite = base.cacheWrite * scale;
    if (lc.cacheWrite1h < 0)
        lc.cacheWrite1h = base.cacheWrite1h * scale;
    if (lc.cacheRead < 0)
        lc.cacheRead = base.cacheRead * scale;
    *out = lc;
    return true;
}

} // namespace

PriceTable PriceTable::builtin()
{
    PriceTable table;
    QFile file(QStringLiteral(":/aicarpool/prices.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("PriceTable: the built-in price table is missing");
        return table;
    }
    QString error;
    if (!table.loadOverrides(file.readAll(), &error))
        qWarning("PriceTable: the built-in price table is invalid: %s", qPrintable(error));
    return table;
}

bool PriceTable::loadOverrides(const QByteArray &json, QString *error)
{
    m_memo = std::make_shared<Memo>(); // answers may change; copies keep theirs
    QString dummy;
    if (!error)
        error = &dummy;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("price table is not valid JSON: %1 at offset %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("price table must be a JSON object with \"models\" and "
                                "\"aliases\"");
        return false;
    }
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() != QLatin1String("models") && it.key() != QLatin1String("aliases") &&
            !it.key().startsWith(QLatin1Char('_'))) {
            *error = QStringLiteral("price table: unknown top-level key \"%1\" (expected "
                                    "\"models\" or \"aliases\")")
                         .arg(it.key());
            return false;
        }
    }
    const QJsonValue modelsValue = root.value(QLatin1String("models"));
    const QJsonValue aliasesValue = root.value(QLatin1String("aliases"));
    if (!modelsValue.isUndefined() && !modelsValue.isObject()) {
        *error = QStringLiteral("price table: \"models\" must be an object");
        return false;
    }
    if (!aliasesValue.isUndefined() && !aliasesValue.isObject()) {
        *error = QStringLiteral("price table: \"aliases\" must be an object");
        return false;
    }

    QHash<QString, ModelPrice> models = m_models;
    QHash<QString, QString> aliases = m_aliases;
    const QJsonObject modelsObject = modelsValue.toObject();
    for (auto it = modelsObject.begin(); it != modelsObject.end(); ++it) {
        const QString name = it.key().trimmed().toLower();
        if (name.isEmpty()) {
            *error = QStringLiteral("price table: empty model name");
            return false;
        }
        if (!it.value().isObject()) {
            *error = QStringLiteral("price of model \"%1\" must be an object like "
                                    "{\"input\": 3, \"output\": 15}")
                         .arg(it.key());
            return false;
        }
        const QJsonObject o = it.value().toObject();
        ModelPrice p;
        if (!readPrice(o, QStringLiteral("input"), true, &p.input, it.key(), error) ||
            !readPrice(o, QStringLiteral("output"), true, &p.output, it.key(), error) ||
            !readPrice(o, QStringLiteral("cacheWrite"), false, &p.cacheWrite, it.key(), error) ||
            !readPrice(o, QStringLiteral("cacheRead"), false, &p.cacheRead, it.key(), error) ||
            !readPrice(o, QStringLiteral("cacheWrite1h"), false, &p.cacheWrite1h, it.key(), error))
            return false;
        if (p.cacheWrite < 0)
            p.cacheWrite = p.input * 1.25;
        if (p.cacheRead < 0)
            p.cacheRead = p.input * 0.1;
        if (p.cacheWrite1h < 0)
            p.cacheWrite1h = p.input * 2;
        if (!readLongContext(o.value(QLatin1String("longContext")), p, it.key(), &p.longContext,
                             error))
            return false;
        models.insert(name, p);
        aliases.remove(name); // a real entry wins over an older alias of the same name
    }
    const QJsonObject aliasesObject = aliasesValue.toObject();
    for (auto it = aliasesObject.begin(); it != aliasesObject.end(); ++it) {
        const QString alias = it.key().trimmed().toLower();
        const QString target = it.value().toString().trimmed().toLower();
        if (alias.isEmpty() || target.isEmpty()) {
            *error = QStringLiteral("price table: alias \"%1\" must name a model").arg(it.key());
            return false;
        }
        if (!models.contains(target)) {
            *error = QStringLiteral("price table: alias \"%1\" points to unknown model \"%2\"")
                         .arg(it.key(), it.value().toString());
            return false;
        }
        aliases.insert(alias, target);
    }
    m_models = models;
    m_aliases = aliases;
    ModelPrice top;
    for (const ModelPrice &p : std::as_const(m_models)) {
        const LongContextPrice lc = p.longContext.value_or(LongContextPrice{});
        top.input = qMax(top.input, qMax(p.input, lc.input));
        top.output = qMax(top.output, qMax(p.output, lc.output));
        top.cacheWrite = qMax(top.cacheWrite, qMax(p.cacheWrite, lc.cacheWrite));
        top.cacheWrite1h = qMax(top.cacheWrite1h, qMax(p.cacheWrite1h, lc.cacheWrite1h));
        top.cacheRead = qMax(top.cacheRead, qMax(p.cacheRead, lc.cacheRead));
    }
    m_highest = top;
    return true;
}

std::optional<ModelPrice> PriceTable::findExactOrAlias(const QString &key) const
{
    const auto it = m_models.constFind(key);
    if (it != m_models.constEnd())
        return *it;
    const auto alias = m_aliases.constFind(key);
    if (alias != m_aliases.constEnd()) {
        const auto target = m_models.constFind(*alias);
        if (target != m_models.constEnd())
            return *target;
    }
    return std::nullopt;
}

struct PriceTable::Memo
{
    QMutex mutex;
    QHash<QString, std::optional<ModelPrice>> answers;
};

PriceTable::PriceTable() : m_memo(std::make_shared<Memo>()) {}

std::optional<ModelPrice> PriceTable::find(const QString &model) const
{
    {
        QMutexLocker lock(&m_memo->mutex);
        const auto it = m_memo->answers.constFind(model);
        if (it != m_memo->answers.cend())
            return *it;
    }
    const std::optional<ModelPrice> answer = lookUp(model);
    // Names come from clients and upstreams: long ones are not kept, and a full memory starts
    // over rather than keeping the first names it saw for good.
    if (model.size() > MaxRememberedNameLength)
        return answer;
    QMutexLocker lock(&m_memo->mutex);
    if (m_memo->answers.size() >= MaxRememberedNames)
        m_memo->answers.clear();
    m_memo->answers.insert(model, answer);
    return answer;
}

int PriceTable::rememberedNames() const
{
    QMutexLocker lock(&m_memo->mutex);
    return int(m_memo->answers.size());
}

std::optional<ModelPrice> PriceTable::lookUp(const QString &model) const
{
    const QString key = model.trimmed().toLower();
    if (key.isEmpty())
        return std::nullopt;
    if (auto p = findExactOrAlias(key))
        return p;

    static const QRegularExpression suffix(
        QStringLiteral("(?:[-@]\\d{8}|-\\d{4}-\\d{2}-\\d{2}|-latest)$"));
    QString stripped = key;
    stripped.remove(suffix);
    if (stripped != key && !stripped.isEmpty()) {
        if (auto p = findExactOrAlias(stripped))
            return p;
    }

    // Longest known name that is a prefix of the stripped name, ending at a boundary.
    const auto isBoundary = [](QChar c) {
        return c == QLatin1Char('-') || c == QLatin1Char('@') || c == QLatin1Char(':') ||
               c == QLatin1Char('/');
    };
    QString best;
    const auto consider = [&](const QString &candidate) {
        if (candidate.size() > best.size() && stripped.size() > candidate.size() &&
            stripped.startsWith(candidate) && isBoundary(stripped.at(candidate.size())))
            best = candidate;
    };
    for (auto it = m_models.constBegin(); it != m_models.constEnd(); ++it)
        consider(it.key());
    for (auto it = m_aliases.constBegin(); it != m_aliases.constEnd(); ++it)
        consider(it.key());
    if (!best.isEmpty())
        return findExactOrAlias(best);
    return std::nullopt;
}

double PriceTable::cost(const ModelPrice &p, const TokenUsage &u)
{
    double input = p.input, output = p.output, write5m = p.cacheWrite, write1h = p.cacheWrite1h,
           read = p.cacheRead;
    if (p.longContext && u.promptTokens() > p.longContext->threshold) {
        const LongContextPrice &lc = *p.longContext;
        input = lc.input;
        output = lc.output;
        write5m = lc.cacheWrite;
        write1h = lc.cacheWrite1h;
        read = lc.cacheRead;
    }
    // The 1-hour writes are part of the cache writes; a count above the total is not believed.
    const qint64 writes1h = qBound<qint64>(0, u.cacheWrite1hTokens, u.cacheWriteTokens);
    const qint64 writes5m = u.cacheWriteTokens - writes1h;
    return (double(u.inputTokens) * input + double(u.outputTokens) * output +
            double(writes5m) * write5m + double(writes1h) * write1h +
            double(u.cacheReadTokens) * read) /
           1e6;
}

double PriceTable::cost(const QString &model, const TokenUsage &usage) const
{
    const auto price = find(model);
    return price ? cost(*price, usage) : 0.0;
}

QStringList PriceTable::models() const
{
    QStringList names = m_models.keys();
    std::sort(names.begin(), names.end());
    return names;
}
