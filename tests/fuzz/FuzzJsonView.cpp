// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: JsonView over arbitrary bytes, with QJsonDocument as the oracle. A text
// JsonView accepts must be one Qt accepts too, and what Qt writes back for it must have the same
// canonical hash; member lookups and element walks over any accepted text stay inside it.
#include "protocol/JsonView.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cstdint>
#include <cstdlib>

namespace {

void walk(const JsonView &v, int depth)
{
    if (depth > 8)
        return;
    (void)v.member(QLatin1String("messages")).isValid();
    (void)v.member(QLatin1String("role")).stringEquals(QLatin1String("user"));
    (void)v.string();
    // One pass over several names finds what one lookup per name finds.
    JsonView parts[2];
    v.members({QLatin1String("role"), QLatin1String("content")}, parts);
    if (parts[0].isValid() != v.member(QLatin1String("role")).isValid() ||
        parts[0].text() != v.member(QLatin1String("role")).text() ||
        parts[1].text() != v.member(QLatin1String("content")).text())
        std::abort();
    v.forEachElement([&](const JsonView &e) {
        if (e.text().data() < v.text().data() ||
            e.text().data() + e.text().size() > v.text().data() + v.text().size())
            std::abort();
        walk(e, depth + 1);
        return true;
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const JsonView view = JsonView::of(input);
    if (!view.isValid())
        return 0;
    walk(view, 0);
    // Qt reads any strict text; wrapped in an array, scalars too.
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson('[' + input + ']', &error);
    if (error.error != QJsonParseError::NoError)
        std::abort();
    // A lone surrogate reads as U+FFFD here, so names that differ only there are one name to
    // JsonView and two to Qt: no fair comparison for input with surrogate escapes.
    // Qt's rewriting also drops a byte order mark that starts a string, which its own lookups
    // keep.
    if (input.contains("\\ud") || input.contains("\\uD") || input.contains("\xef\xbb\xbf"))
        return 0;
    const JsonHash hash = view.canonicalHash(QLatin1String("cache_control"));
    const QByteArray written = doc.toJson(QJsonDocument::Compact);
    const JsonView rewritten = JsonView::of(written);
    if (!rewritten.isArray())
        std::abort();
    JsonHash again;
    rewritten.forEachElement([&](const JsonView &e) {
        again = e.canonicalHash(QLatin1String("cache_control"));
        return false;
    });
    if (again != hash)
        std::abort();
    return 0;
}
