// SPDX-License-Identifier: GPL-3.0-or-later
// The console's real widgets (offscreen) against a real daemon and the mock upstream: sign in,
// create an account, create a key and read it once, and see relayed calls on the dashboard
// (live) and in the usage page; an expired session brings back the sign-in dialog.
#include "ConsoleFixture.h"

#include "api/ApiClient.h"
#include "api/MemorySecretStore.h"
#include "api/SavedServers.h"
#include "charts/DailyUsageChart.h"
#include "charts/MinuteSeriesChart.h"
#include "dialogs/AccountDialog.h"
#include "dialogs/KeyDialog.h"
#include "dialogs/KeyRevealDialog.h"
#include "dialogs/SignInDialog.h"
#include "i18n/LanguageManager.h"
#include "models/UsageModel.h"
#include "pages/DashboardPage.h"
#include "pages/ListPage.h"
#include "pages/SettingsPage.h"
#include "pages/UsagePage.h"
#include "ui/MainWindow.h"
#include "widgets/AccountHealthWidget.h"
#include "widgets/KeyRevealWidget.h"
#include "widgets/LiveTailWidget.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

namespace {

// Runs `fill` on the modal dialog of type T once it is shown (inside its exec() loop), then
// presses the button with `role`. A dialog still open after 20 s is rejected so that a failure
// cannot hang the test.
template <class T> void answerNextDialog(std::function<void(T *)> fill, bool *seen)
{
    auto *poll = new QTimer;
    poll->setInterval(20);
    auto started = std::make_shared<int>(0);
    QObject::connect(poll, &QTimer::timeout, [poll, fill, seen, started] {
        if (++*started > 1000) {
            if (QWidget *w = QApplication::activeModalWidget())
                qobject_cast<QDialog *>(w)->reject();
            poll->deleteLater();
            return;
        }
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll->deleteLater();
        *seen = true;
        fill(dialog);
        auto *guard = new QTimer(dialog);
        guard->setSingleShot(true);
        QObject::connect(guard, &QTimer::timeout, dialog, &QDialog::reject);
        guard->start(20000);
    });
    poll->start();
}

} // namespace

class TestConsoleFlows : public QObject
{
    Q_OBJECT
    ConsoleFixture m_f;
    LanguageManager m_languages;
    MemorySecretStore m_secrets;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<MainWindow> m_window;

    template <class P> P *openPage(const QString &id)
    {
        auto *page = qobject_cast<P *>(m_window->page(id));
        if (!page)
            return nullptr;
        m_window->showPage(id);
        if (!QTest::qWaitFor([&] { return page->isLoaded() && m_api->pendingCount() == 0; }, 30000))
            return nullptr;
        return page;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        SavedServers().clear();
        QVERIFY(m_languages.setLanguage(QStringLiteral("en")));
        QString error;
        QVERIFY2(m_f.start(&error), qPrintable(error));
        QVERIFY2(m_f.seed(30, &error), qPrintable(error));
        m_api = std::make_unique<ApiClient>();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_api.reset();
        SavedServers().clear();
    }

    void signInDialog()
    {
        SignInDialog dialog(m_api.get(), &m_secrets);
        dialog.setServer(m_f.url());
        dialog.setEmail(m_f.daemon().adminEmail());
        dialog.setPassword(QStringLiteral("not-the-password"));
        dialog.show();
        dialog.signIn();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorText().isEmpty(), 20000);
        QVERIFY(dialog.errorText().contains(QLatin1String("Wrong email or password")));
        QVERIFY(dialog.isVisible());

        dialog.setPassword(m_f.daemon().adminPassword());
        dialog.setRemember(true);
        dialog.findChild<QPushButton *>(QStringLiteral("signInButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 20000);
        QVERIFY(m_api->isSignedIn());
        // Remember me: the refresh token went to the secret store, the server to the list.
        const auto entry = SavedServers().find(m_api->serverUrl().toString());
        QVERIFY(entry.has_value());
        QVERIFY(entry->remembered);
        QCOMPARE(entry->email, m_f.daemon().adminEmail());
        QCOMPARE(m_secrets.size(), 1);
        bool read = false;
        QString stored;
        m_secrets.read(SecretStore::refreshTokenKey(entry->url, entry->email), this,
                       [&](bool found, const QString &secret, const QString &) {
                           read = found;
                           stored = secret;
                       });
        QTRY_VERIFY(read);
        QCOMPARE(stored, m_api->refreshToken());
        // ... and never into a settings file.
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
        const QByteArray content = file.readAll();
        QVERIFY(content.contains(m_f.url().toUtf8()));
        QVERIFY(!content.contains(m_api->refreshToken().toUtf8()));
        QVERIFY(!content.contains(m_f.daemon().adminPassword().toUtf8()));
    }

    void mainWindowListsEveryPage()
    {
        QVERIFY(m_api->isSignedIn());
        m_window = std::make_unique<MainWindow>(m_api.get(), &m_secrets, &m_languages);
        m_window->show();
        QStringList ids;
        for (Page *p : m_window->pages())
            ids.append(p->pageId());
        QCOMPARE(ids, (QStringList{QStringLiteral("dashboard"), QStringLiteral("accounts"),
                                   QStringLiteral("pools"), QStringLiteral("proxies"),
                                   QStringLiteral("keys"), QStringLiteral("users"),
                                   QStringLiteral("quotas"), QStringLiteral("budgets"),
                                   QStringLiteral("usage"), QStringLiteral("settings")}));
        auto *nav = m_window->findChild<QListWidget *>(QStringLiteral("navigation"));
        QCOMPARE(nav->count(), ids.size());
        QCOMPARE(nav->item(0)->text(), QStringLiteral("Dashboard"));
    }

    void busyIndicatorFollowsCalls()
    {
        QTRY_COMPARE_WITH_TIMEOUT(m_api->pendingCount(), 0, 20000);
        QVERIFY(!m_window->isBusyShown());
        bool done = false;
        m_api->get(QStringLiteral("/api/users"), {}, this, [&](const ApiResult &) { done = true; });
        QVERIFY(m_window->isBusyShown());
        QTRY_VERIFY(done);
        QTRY_VERIFY(!m_window->isBusyShown());
    }

    void createAccount()
    {
        auto *page = openPage<ListPage>(QStringLiteral("accounts"));
        QVERIFY(page);
        const int before = page->model()->rowCount();
        bool seen = false;
        answerNextDialog<AccountDialog>(
            [this](AccountDialog *dialog) {
                dialog->findChild<QLineEdit *>(QStringLiteral("name"))
                    ->setText(QStringLiteral("Created from the console"));
                auto *provider = dialog->findChild<QComboBox *>(QStringLiteral("provider"));
                provider->setCurrentIndex(provider->findData(QStringLiteral("anthropic")));
                dialog->findChild<QLineEdit *>(QStringLiteral("baseUrl"))
                    ->setText(m_f.mock().baseUrl());
                dialog->findChild<QLineEdit *>(QStringLiteral("apiKey"))
                    ->setText(QStringLiteral("sk-ant-console-000000000009"));
                dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
            },
            &seen);
        page->findChild<QPushButton *>(QStringLiteral("addAccount"))->click();
        QVERIFY(seen);
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), before + 1, 20000);
        const auto accounts = m_f.admin().get(QStringLiteral("/api/accounts"));
        QVERIFY(accounts.body.contains("Created from the console"));
        // The secret went to the daemon but is never shown back.
        QVERIFY(!accounts.body.contains("sk-ant-console-000000000009"));
    }

    void createKeyAndReadItOnce()
    {
        auto *page = openPage<ListPage>(QStringLiteral("keys"));
        QVERIFY(page);
        const int before = page->model()->rowCount();
        bool seenForm = false;
        bool seenReveal = false;
        QString shownKey;
        answerNextDialog<KeyDialog>(
            [&](KeyDialog *dialog) {
                dialog->findChild<QLineEdit *>(QStringLiteral("name"))
                    ->setText(QStringLiteral("Key from the console"));
                // After Save, the one-time view of the key follows.
                answerNextDialog<KeyRevealDialog>(
                    [&](KeyRevealDialog *reveal) {
                        auto *widget = reveal->revealWidget();
                        shownKey = widget->key();
                        // Copied first: closing an uncopied key asks for confirmation.
                        widget->findChild<QPushButton *>(QStringLiteral("copyButton"))->click();
                        reveal->accept();
                    },
                    &seenReveal);
                dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
            },
            &seenForm);
        page->findChild<QPushButton *>(QStringLiteral("createKey"))->click();
        QVERIFY(seenForm);
        QTRY_VERIFY_WITH_TIMEOUT(seenReveal, 20000);
        QVERIFY2(shownKey.startsWith(QLatin1String("cp-")), qPrintable(shownKey));
        QTRY_COMPARE_WITH_TIMEOUT(page->model()->rowCount(), before + 1, 20000);
        // Read once: the list never shows the key again, only its hint.
        for (int row = 0; row < page->model()->rowCount(); ++row) {
            for (int col = 0; col < page->model()->columnCount(); ++col)
                QVERIFY(!page->model()->index(row, col).data().toString().contains(shownKey));
        }
        // And the key works on the relay.
        QCOMPARE(m_f.relay(1, shownKey.toLatin1()), 1);
    }

    void dashboardShowsCallsLive()
    {
        auto *dashboard = openPage<DashboardPage>(QStringLiteral("dashboard"));
        QVERIFY(dashboard);
        QVERIFY(dashboard->requestsInLastHour() >= 30);
        QVERIFY(dashboard->liveTail()->rowCount() >= 30);
        QVERIFY(dashboard->accountHealth()->accountCount() >= 5);
        QVERIFY(dashboard->dailyChart()->totalTokens() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->isLiveConnected(), 20000);
        const qint64 before = dashboard->requestsInLastHour();
        QCOMPARE(m_f.relay(5, m_f.key()), 5);
        // Through the live feed, without waiting for the 30 s refresh.
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->requestsInLastHour() >= before + 5, 10000);
        QVERIFY(dashboard->requestsChart()->lastValue() >= 5);
    }

    void usagePageShowsTheCalls()
    {
        QVERIFY(m_f.waitForUsage(36));
        auto *usage = openPage<UsagePage>(QStringLiteral("usage"));
        QVERIFY(usage);
        QTRY_VERIFY_WITH_TIMEOUT(usage->usageModel()->rowCount() > 0, 20000);
        const auto total = m_f.admin().get(QStringLiteral("/api/usage?pageSize=1"));
        QVERIFY(!usage->totalsText().isEmpty());
        QVERIFY(total.json().value(QLatin1String("total")).toInteger() >= 36);
    }

    void expiredSessionBringsBackSignIn()
    {
        auto *page = openPage<ListPage>(QStringLiteral("users"));
        QVERIFY(page);
        m_api->setSession(QStringLiteral("expired-access"), QStringLiteral("expired-refresh"));
        m_window->showPage(QStringLiteral("users"));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->signInDialog() != nullptr, 20000);
        SignInDialog *dialog = m_window->signInDialog();
        // The page is still there, with its data.
        QCOMPARE(m_window->currentPage(), page);
        QVERIFY(page->model()->rowCount() > 0);
        dialog->setPassword(m_f.daemon().adminPassword());
        dialog->signIn();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->signInDialog() == nullptr, 20000);
        QVERIFY(m_api->isSignedIn());
        QTRY_VERIFY_WITH_TIMEOUT(page->isLoaded(), 20000);
    }

    void languageSwitchesAtRunTime()
    {
        auto *settings = openPage<SettingsPage>(QStringLiteral("settings"));
        QVERIFY(settings);
        auto *combo = settings->findChild<QComboBox *>(QStringLiteral("languageCombo"));
        QVERIFY(combo);
        auto *nav = m_window->findChild<QListWidget *>(QStringLiteral("navigation"));
        QCOMPARE(nav->item(0)->text(), QStringLiteral("Dashboard"));
        combo->setCurrentIndex(combo->findData(QStringLiteral("zh_CN")));
        emit combo->activated(combo->currentIndex());
        QTRY_COMPARE(m_languages.language(), QStringLiteral("zh_CN"));
        QTRY_COMPARE(nav->item(0)->text(), QStringLiteral("仪表盘"));
        combo->setCurrentIndex(combo->findData(QStringLiteral("en")));
        emit combo->activated(combo->currentIndex());
        QTRY_COMPARE(nav->item(0)->text(), QStringLiteral("Dashboard"));
    }

    void clearingStoredCredentials()
    {
        auto *settings = openPage<SettingsPage>(QStringLiteral("settings"));
        QVERIFY(settings);
        QVERIFY(m_secrets.size() >= 1);
        settings->findChild<QPushButton *>(QStringLiteral("clearCredentialsButton"))->click();
        QTRY_COMPARE(m_secrets.size(), 0);
        for (const SavedServers::Entry &e : SavedServers().entries())
            QVERIFY(!e.remembered);
    }

    void signOutForgetsTheSession()
    {
        const QString url = m_api->serverUrl().toString();
        const QString email = m_api->currentEmail();
        SavedServers().setRemembered(url, true);
        m_secrets.write(SecretStore::refreshTokenKey(url, email), m_api->refreshToken(), this, {});
        QTRY_COMPARE(m_secrets.size(), 1);
        m_window->signOut();
        QVERIFY(!m_api->isSignedIn());
        QVERIFY(m_api->refreshToken().isEmpty());
        QTRY_COMPARE(m_secrets.size(), 0);
        QVERIFY(!SavedServers().find(url)->remembered);
        // The sign-in dialog is back, for this server.
        QVERIFY(m_window->signInDialog());
        QCOMPARE(m_window->signInDialog()->server(), url);
        m_window->signInDialog()->reject();
    }
};

QTEST_MAIN(TestConsoleFlows)
#include "TestConsoleFlows.moc"
