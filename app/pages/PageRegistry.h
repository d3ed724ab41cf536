// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <functional>

class ApiClient;
class LanguageManager;
class Page;
class QWidget;
class SecretStore;

// What a page may need besides the API client.
struct PageContext
{
    ApiClient *api = nullptr;
    LanguageManager *languages = nullptr;
    SecretStore *secrets = nullptr;
};

// The pages of the main window, in navigation order. The built-in pages are listed in
// PageRegistry.cpp; later pages (enterprises, RBAC, quotas, ...) register themselves with add()
// before the main window is built, and slot in at their `order`.
class PageRegistry
{
public:
    using Factory = std::function<Page *(const PageContext &, QWidget *parent)>;
    struct Entry
    {
        QString id;
        int order = 0;
        Factory create;
    };

    static void add(const QString &id, int order, Factory create);
    // Built-in and added pages, sorted by order.
    static QList<Entry> entries();
    static QStringList ids();
    static QList<Page *> createAll(const PageContext &context, QWidget *parent);
};
