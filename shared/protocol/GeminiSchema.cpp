// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/GeminiSchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

namespace {

constexpr int kMaxDepth = 16;

QJsonObject resolveRef(const QString &ref, const QJsonObject &root)
{
    for (const QLatin1String prefix :
         {QLatin1String("#/$defs/"), QLatin1String("#/definitions/")}) {
        if (ref.startsWith(prefix)) {
            const QString container = prefix == QLatin1String("#/$defs/")
                                          ? QStringLiteral("$defs")
                                          : QStringLiteral("definitions");
            return root.value(container).toObject().value(ref.mid(prefix.size())).toObject();
        }
    }
    return {};
}

bool formatAllowed(const QString &type, const QString &format)
{
    if (type == QLatin1String("STRING"))
        return format == QLatin1String("enum") || format == QLatin1String("date-time");
    if (type == QLatin1String("NUMBER"))
        return format == QLatin1String("float") || format == QLatin1String("double");
    if (type == QLatin1String("INTEGER"))
        return format == QLatin1String("int32") || format == QLatin1String("int64");
    return false;
}

QString scalarText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    if (v.isNull())
        return QStringLiteral("null");
    const QJsonDocument doc =
        v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

} // namespace

QJsonObject GeminiSchema::clean(const QJsonValue &schema)
{
    return cleanNode(schema, schema.toObject(), 0);
}

QJsonObject GeminiSchema::cleanNode(const QJsonValue &node, const QJsonObject &root, int depth)
{
    QJsonObject in = node.toObject();
    if (depth > kMaxDepth)
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("OBJECT")}};
    const QString ref = in.value(QLatin1String("$ref")).toString();
    if (!ref.isEmpty()) {
        QJsonObject target = resolveRef(ref, root);
        // Keys next to $ref (e.g. a description) override the referenced schema's.
        for (auto it = in.constBegin(); it != in.constEnd(); ++it) {
            if (it.key() != QLatin1String("$ref"))
                target.insert(it.key(), it.value());
        }
        return cleanNode(target, root, depth + 1);
    }
    const QJsonArray allOf = in.value(QLatin1String("allOf")).toArray();
    if (allOf.size() == 1) {
        QJsonObject merged = allOf.at(0).toObject();
        for (auto it = in.constBegin(); it != in.constEnd(); ++it) {
            if (it.key() != QLatin1String("allOf"))
                merged.insert(it.key(), it.value());
        }
        return cleanNode(merged, root, depth + 1);
    }

    QJsonObject out;
    QString type;
    bool nullable = in.value(QLatin1String("nullable")).toBool(false);
    const QJsonValue typeValue = in.value(QLatin1String("type"));
    if (typeValue.isString()) {
        type = typeValue.toString().toUpper();
    } else if (typeValue.isArray()) {
        const QJsonArray types = typeValue.toArray();
        for (const QJsonValue &t : types) {
            const QString name = t.toString().toUpper();
            if (name == QLatin1String("NULL"))
                nullable = true;
            else if (type.isEmpty())
                type = name;
        }
    }
    if (type == QLatin1String("NULL")) {
        type.clear();
        nullable = true;
    }

    QJsonArray enumValues;
    if (in.contains(QLatin1String("const")))
        enumValues.append(scalarText(in.value(QLatin1String("const"))));
    const QJsonArray enums = in.value(QLatin1String("enum")).toArray();
    for (const QJsonValue &v : enums) {
        if (!v.isNull())
            enumValues.append(scalarText(v));
    }
    if (!enumValues.isEmpty()) {
        type = QStringLiteral("STRING");
        out.insert(QStringLiteral("enum"), enumValues);
    }
    if (type.isEmpty() && in.value(QLatin1String("properties")).isObject())
        type = QStringLiteral("OBJECT");
    if (type.isEmpty() && in.contains(QLatin1String("items")))
        type = QStringLiteral("ARRAY");
    if (!type.isEmpty())
        out.insert(QStringLiteral("type"), type);
    if (nullable)
        out.insert(QStringLiteral("nullable"), true);

    for (const char *key : {"title", "description", "pattern"}) {
        const QJsonValue v = in.value(QLatin1String(key));
        if (v.isString())
            out.insert(QLatin1String(key), v);
    }
    for (const char *key : {"minimum", "maximum", "minItems", "maxItems", "minLength", "maxLength",
                            "minProperties", "maxProperties"}) {
        const QJsonValue v = in.value(QLatin1String(key));
        if (v.isDouble())
            out.insert(QLatin1String(key), v);
    }
    const QString format = in.value(QLatin1String("format")).toString();
    if (!format.isEmpty() && enumValues.isEmpty() && formatAllowed(type, format))
        out.insert(QStringLiteral("format"), format);

    const QJsonValue properties = in.value(QLatin1String("properties"));
    if (properties.isObject()) {
        const QJsonObject props = properties.toObject();
        QJsonObject cleaned;
        for (auto it = props.constBegin(); it != props.constEnd(); ++it)
            cleaned.insert(it.key(), cleanNode(it.value(), root, depth + 1));
        if (!cleaned.isEmpty())
            out.insert(QStringLiteral("properties"), cleaned);
        QJsonArray required;
        const QJsonArray names = in.value(QLatin1String("required")).toArray();
        for (const QJsonValue &name : names) {
            if (cleaned.contains(name.toString()))
                required.append(name);
        }
        if (!required.isEmpty())
            out.insert(QStringLiteral("required"), required);
        const QJsonArray ordering = in.value(QLatin1String("propertyOrdering")).toArray();
        if (!ordering.isEmpty())
            out.insert(QStringLiteral("propertyOrdering"), ordering);
    }
    const QJsonValue items = in.value(QLatin1String("items"));
    if (items.isObject())
        out.insert(QStringLiteral("items"), cleanNode(items, root, depth + 1));
    else if (items.isArray() && !items.toArray().isEmpty())
        out.insert(QStringLiteral("items"), cleanNode(items.toArray().at(0), root, depth + 1));

    QJsonArray anyOf;
    for (const char *key : {"anyOf", "oneOf"}) {
        const QJsonArray list = in.value(QLatin1String(key)).toArray();
        for (const QJsonValue &v : list)
            anyOf.append(cleanNode(v, root, depth + 1));
    }
    if (!anyOf.isEmpty())
        out.insert(QStringLiteral("anyOf"), anyOf);
    return out;
}
