// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>

// Turns a JSON Schema (as OpenAI tools and response_format carry it) into the OpenAPI subset
// Gemini accepts in functionDeclarations[].parameters and generationConfig.responseSchema.
//
// Kept: type (upper-cased), title, description, nullable, enum, properties, required, items,
// anyOf, propertyOrdering, minimum/maximum, minItems/maxItems, minLength/maxLength,
// minProperties/maxProperties, pattern, and the formats Gemini knows (string: enum, date-time;
// number: float, double; integer: int32, int64). Rewritten: a type list such as
// ["string","null"] (-> the first non-null type + nullable), "const" (-> a one-value enum),
// "oneOf" (-> anyOf), a one-element "allOf" (merged), "$ref" into "#/$defs/..." or
// "#/definitions/..." (inlined, 16 levels at most), enums of non-strings (-> strings, type
// STRING), "required" names with no property (dropped). Everything else is dropped:
// "$schema", "additionalProperties", "$id", "$defs", "definitions", "default", "examples",
// "strict", unknown formats, ...
class GeminiSchema
{
public:
    static QJsonObject clean(const QJsonValue &schema);

private:
    static QJsonObject cleanNode(const QJsonValue &node, const QJsonObject &root, int depth);
};
