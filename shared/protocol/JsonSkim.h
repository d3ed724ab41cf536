// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QLatin1String>

#include <initializer_list>

// Reads only the named members of a JSON object: the others (a response's generated content,
// often most of its bytes) are stepped over without being decoded into values. A pure function
// over bytes.
//
// `*ok` is false when the text is not one JSON object: unbalanced brackets, an unterminated
// string, a missing ':' or ',', or a named member whose value does not parse. Members that are
// stepped over are checked for structure only, so a body whose skipped content is slightly
// malformed still yields its usage. When a name repeats, the last one counts, as in
// QJsonDocument. Nesting deeper than 1024 levels is refused.
class JsonSkim
{
public:
    static QJsonObject members(const QByteArray &json, std::initializer_list<QLatin1String> names,
                               bool *ok);
};
