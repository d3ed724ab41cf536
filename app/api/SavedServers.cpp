// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/SavedServers.h"

#include <QSettings>

namespace {

void store(const QList<SavedServers::Entry> &entries)
{
    QSettings settings;
    settings.remove(QStringLiteral("servers"));
    settings.beginWriteArray(QStringLiteral("servers"), int(entries.size()));
    for (int i = 0; i < entries.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("url"), entries[i].url);
        settings.setValue(QStringLiteral("email"), entries[i].email);
        settings.setValue(QStringLiteral("remembered"), entries[i].remembered);
    }
    settings.endArray();
}

} // namespace

QList<SavedServers::Entry> SavedServers::entries() const
{
    QSettings settings;
    QList<Entry> out;
    const int n = settings.beginReadArray(QStringLiteral("servers"));
    for (int i = 0; i < n && i < MaxServers; ++i) {
        settings.setArrayIndex(i);
        Entry e;
        e.url = settings.value(QStringLiteral("url")).toString();
        e.email = settings.value(QStringLiteral("email")).toString();
        e.remembered = settings.value(QStringLiteral("remembered")).toBool();
        if (!e.url.isEmpty())
            out.append(e);
    }
    settings.endArray();
    return out;
}

QStringList SavedServers::urls() const
{
    QStringList out;
    for (const Entry &e : entries())
        out.append(e.url);
    return out;
}

std::optional<SavedServers::Entry> SavedServers::find(const QString &url) const
{
    for (const Entry &e : entries()) {
        if (e.url == url)
            return e;
    }
    return std::nullopt;
}

void SavedServers::remember(const Entry &entry)
{
    QList<Entry> list = entries();
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const Entry &e) { return e.url == entry.url; }),
               list.end());
    list.prepend(entry);
    while (list.size() > MaxServers)
        list.removeLast();
    store(list);
}

void SavedServers::remove(const QString &url)
{
    QList<Entry> list = entries();
    list.erase(
        std::remove_if(list.begin(), list.end(), [&](const Entry &e) { return e.url == url; }),
        list.end());
    store(list);
}

void SavedServers::setRemembered(const QString &url, bool remembered)
{
    QList<Entry> list = entries();
    for (Entry &e : list) {
        if (e.url == url)
            e.remembered = remembered;
    }
    store(list);
}

void SavedServers::clear()
{
    store({});
}
