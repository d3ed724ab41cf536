// SPDX-License-Identifier: GPL-3.0-or-later
#include "pages/PageRegistry.h"

#include "pages/DashboardPage.h"
#include "pages/SettingsPage.h"

#include <algorithm>

// The list pages are built by class name; each is included only once its header exists, so the
// frame builds whichever of them are present.
#if __has_include("pages/AccountsPage.h")
#include "pages/AccountsPage.h"
#define AICARPOOL_HAS_ACCOUNTS_PAGE 1
#endif
#if __has_include("pages/PoolsPage.h")
#include "pages/PoolsPage.h"
#define AICARPOOL_HAS_POOLS_PAGE 1
#endif
#if __has_include("pages/ProxiesPage.h")
#include "pages/ProxiesPage.h"
#define AICARPOOL_HAS_PROXIES_PAGE 1
#endif
#if __has_include("pages/KeysPage.h")
#include "pages/KeysPage.h"
#define AICARPOOL_HAS_KEYS_PAGE 1
#endif
#if __has_include("pages/UsersPage.h")
#include "pages/UsersPage.h"
#define AICARPOOL_HAS_USERS_PAGE 1
#endif
#if __has_include("pages/QuotasPage.h")
#include "pages/QuotasPage.h"
#define AICARPOOL_HAS_QUOTAS_PAGE 1
#endif
#if __has_include("pages/BudgetsPage.h")
#include "pages/BudgetsPage.h"
#define AICARPOOL_HAS_BUDGETS_PAGE 1
#endif
#if __has_include("pages/UsagePage.h")
#include "pages/UsagePage.h"
#define AICARPOOL_HAS_USAGE_PAGE 1
#endif

namespace {

QList<PageRegistry::Entry> &added()
{
    static QList<PageRegistry::Entry> list;
    return list;
}

template <class T> PageRegistry::Factory simple()
{
    return [](const PageContext &c, QWidget *parent) -> Page * { return new T(c.api, parent); };
}

QList<PageRegistry::Entry> builtIn()
{
    QList<PageRegistry::Entry> list;
    list.append({QStringLiteral("dashboard"), 100, [](const PageContext &c, QWidget *parent) {
                     return static_cast<Page *>(new DashboardPage(c.api, parent));
                 }});
#ifdef AICARPOOL_HAS_ACCOUNTS_PAGE
    list.append({QStringLiteral("accounts"), 200, simple<AccountsPage>()});
#endif
#ifdef AICARPOOL_HAS_POOLS_PAGE
    list.append({QStringLiteral("pools"), 300, simple<PoolsPage>()});
#endif
#ifdef AICARPOOL_HAS_PROXIES_PAGE
    list.append({QStringLiteral("proxies"), 400, simple<ProxiesPage>()});
#endif
#ifdef AICARPOOL_HAS_KEYS_PAGE
    list.append({QStringLiteral("keys"), 500, simple<KeysPage>()});
#endif
#ifdef AICARPOOL_HAS_USERS_PAGE
    list.append({QStringLiteral("users"), 600, simple<UsersPage>()});
#endif
#ifdef AICARPOOL_HAS_QUOTAS_PAGE
    list.append({QStringLiteral("quotas"), 650, simple<QuotasPage>()});
#endif
#ifdef AICARPOOL_HAS_BUDGETS_PAGE
    list.append({QStringLiteral("budgets"), 660, simple<BudgetsPage>()});
#endif
#ifdef AICARPOOL_HAS_USAGE_PAGE
    list.append({QStringLiteral("usage"), 700, simple<UsagePage>()});
#endif
    list.append({QStringLiteral("settings"), 10000, [](const PageContext &c, QWidget *parent) {
                     return static_cast<Page *>(
                         new SettingsPage(c.api, c.languages, c.secrets, parent));
                 }});
    return list;
}

} // namespace

void PageRegistry::add(const QString &id, int order, Factory create)
{
    added().append({id, order, std::move(create)});
}

QList<PageRegistry::Entry> PageRegistry::entries()
{
    QList<Entry> list = builtIn() + added();
    std::stable_sort(list.begin(), list.end(),
                     [](const Entry &a, const Entry &b) { return a.order < b.order; });
    return list;
}

QStringList PageRegistry::ids()
{
    QStringList out;
    for (const Entry &e : entries())
        out.append(e.id);
    return out;
}

QList<Page *> PageRegistry::createAll(const PageContext &context, QWidget *parent)
{
    QList<Page *> pages;
    for (const Entry &e : entries())
        pages.append(e.create(context, parent));
    return pages;
}
