// SPDX-License-Identifier: GPL-3.0-or-later
#include "DaemonProcess.h"
#include "MockUpstreamProcess.h"
#include "TestHttpClient.h"

#include "api/ApiClient.h"
#include "dialogs/AccountDialog.h"
#include "dialogs/KeyDialog.h"
#include "dialogs/KeyRevealDialog.h"
#include "dialogs/PoolDialog.h"
#include "dialogs/ProxyDialog.h"
#include "dialogs/UserDialog.h"
#include "models/UsageModel.h"
#include "pages/AccountsPage.h"
#include "pages/KeysPage.h"
#include "pages/PoolsPage.h"
#include "pages/ProxiesPage.h"
#include "pages/UsagePage.h"
#include "pages/UsersPage.h"
#include "widgets/KeyRevealWidget.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

// The admin pages and dialogs driven as widgets against a real daemon (SQLite) and the mock
// upstream: accounts, pools, proxies, keys (read once), users and the usage ledger after
// relayed calls, including sorting and the CSV export.
class TestAdminPages final : public QObject
{
    Q_OBJECT
private:
    MockUpstreamProcess m_mock;
    DaemonProcess m_daemon;
    QTemporaryDir m_dir;
    QList<QUrl> m_opened; // URLs the console asked the desktop to open
    std::unique_ptr<ApiClient> m_api;
    QString m_key; // the key created through the keys page
    static constexpr int Wait = 20000;

    static void save(QDialog &dialog)
    {
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        buttons->button(QDialogButtonBox::Save)->click();
    }

    static void activateAndWait(Page &page)
    {
        QSignalSpy loaded(&page, &Page::loaded);
        page.activate();
        QVERIFY(loaded.wait(Wait) || page.isLoaded());
        QVERIFY(page.isLoaded());
    }

    // Answers the next modal question (a confirmation) with Yes.
    void answerYesSoon()
    {
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, [timer] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                box->button(QMessageBox::Yes)->click();
                timer->deleteLater();
            }
        });
        timer->start(20);
    }

    static void setText(QWidget &parent, const char *name, const QString &text)
    {
        auto *edit = parent.findChild<QLineEdit *>(QLatin1String(name));
        QVERIFY2(edit, name);
        edit->setText(text);
    }

public slots:
    // Registered with QDesktopServices instead of a browser.
    void openUrl(const QUrl &url) { m_opened.append(url); }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_mock.start(&error), qPrintable(error));
        // The mock upstream also plays Claude's OAuth endpoints.
        const QString config = m_dir.filePath(QStringLiteral("aicarpoold.conf"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("oauth_authorize_url = %1/oauth/authorize\n"
                                  "oauth_token_url = %1/v1/oauth/token\n")
                       .arg(m_mock.baseUrl())
                       .toUtf8());
        file.close();
        m_daemon.setExtraArgs({QStringLiteral("--config"), config});
        QVERIFY2(m_daemon.start(&error), qPrintable(error));
        QDesktopServices::setUrlHandler(QStringLiteral("http"), this, "openUrl");
        // Two accounts on the mock, made through the API as an administrator would with curl.
        TestHttpClient admin(m_daemon.baseUrl());
        QVERIFY2(admin.loginAsAdmin(m_daemon, &error), qPrintable(error));
        QCOMPARE(admin
                     .post(QStringLiteral("/api/accounts"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("anthropic-1")},
                                       {QStringLiteral("provider"), QStringLiteral("anthropic")},
                                       {QStringLiteral("baseUrl"), m_mock.baseUrl()},
                                       {QStringLiteral("apiKey"), QStringLiteral("sk-ant-1")}})
                     .status,
                 201);
        QCOMPARE(admin
                     .post(QStringLiteral("/api/accounts"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("openai-1")},
                                       {QStringLiteral("provider"), QStringLiteral("openai")},
                                       {QStringLiteral("baseUrl"),
                                        m_mock.baseUrl() + QStringLiteral("/v1")},
                                       {QStringLiteral("apiKey"), QStringLiteral("sk-oai-1")}})
                     .status,
                 201);
        QCOMPARE(admin
                     .post(QStringLiteral("/api/keys"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("first-key")}})
                     .status,
                 201);

        m_api = std::make_unique<ApiClient>();
        m_api->setServerUrl(QUrl(m_daemon.baseUrl()));
        bool done = false;
        ApiResult result;
        m_api->signIn(m_daemon.adminEmail(), m_daemon.adminPassword(), this,
                      [&](const ApiResult &r) {
                          result = r;
                          done = true;
                      });
        QTRY_VERIFY_WITH_TIMEOUT(done, Wait);
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QVERIFY(m_api->isSignedIn());
    }

    void accountsListAddEditAndRefuse()
    {
        AccountsPage page(m_api.get());
        QCOMPARE(page.pageId(), QStringLiteral("accounts"));
        activateAndWait(page);
        QCOMPARE(page.model()->rowCount(), 2); // the fixture's two accounts
        // Health is merged into each row.
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->item(0).value(QLatin1String("_health")).isObject(),
                                 Wait);

        // Add: the API key is sent once and never comes back.
        AccountDialog add(m_api.get(), AccountDialog::Mode::Create, {}, {}, &page);
        setText(add, "name", QStringLiteral("console-added"));
        setText(add, "apiKey", QStringLiteral("sk-console-secret-123"));
        setText(add, "baseUrl", m_mock.baseUrl());
        add.findChild<QPlainTextEdit *>(QStringLiteral("models"))
            ->setPlainText(QStringLiteral("claude-sonnet-4-5\nfast"));
        QSignalSpy accepted(&add, &QDialog::accepted);
        save(add);
        QVERIFY(accepted.wait(Wait));
        const QJsonObject created = add.answer();
        QCOMPARE(created.value(QLatin1String("name")).toString(), QStringLiteral("console-added"));
        QVERIFY(created.value(QLatin1String("hasApiKey")).toBool());
        QVERIFY(!created.contains(QLatin1String("apiKey")));
        QCOMPARE(created.value(QLatin1String("models")).toArray().size(), 2);

        // Edit sends only what changed (no API key: the stored one is kept).
        AccountDialog edit(m_api.get(), AccountDialog::Mode::Edit, created, {}, &page);
        edit.findChild<QLineEdit *>(QStringLiteral("name"))
            ->setText(QStringLiteral("console-edited"));
        const QJsonObject body = edit.body();
        QCOMPARE(body.keys(), QStringList{QStringLiteral("name")});
        QSignalSpy editAccepted(&edit, &QDialog::accepted);
        save(edit);
        QVERIFY(editAccepted.wait(Wait));
        QCOMPARE(edit.answer().value(QLatin1String("name")).toString(),
                 QStringLiteral("console-edited"));
        QVERIFY(edit.answer().value(QLatin1String("hasApiKey")).toBool());

        // A refused save keeps the dialog open (the API's message is shown in a box, which we
        // close) and the input intact.
        AccountDialog dup(m_api.get(), AccountDialog::Mode::Create, {}, {}, &page);
        setText(dup, "name", QStringLiteral("console-edited"));
        setText(dup, "apiKey", QStringLiteral("sk-x"));
        QSignalSpy rejectedOrAccepted(&dup, &QDialog::finished);
        bool boxSeen = false;
        QTimer closer;
        connect(&closer, &QTimer::timeout, this, [&] {
            if (auto *box = qobject_cast<QDialog *>(QApplication::activeModalWidget());
                box && box != &dup) {
                boxSeen = true;
                box->reject();
            }
        });
        closer.start(50);
        save(dup);
        QTRY_VERIFY_WITH_TIMEOUT(boxSeen, Wait);
        QCOMPARE(rejectedOrAccepted.count(), 0);
        QCOMPARE(dup.findChild<QLineEdit *>(QStringLiteral("name"))->text(),
                 QStringLiteral("console-edited"));

        activateAndWait(page);
        QCOMPARE(page.model()->rowCount(), 3);

        // Delete the added one from the page, after the confirmation.
        page.view()->clearSelection();
        const QModelIndex edited = page.view()
                                       ->model()
                                       ->match(page.view()->model()->index(0, 0), Qt::DisplayRole,
                                               QStringLiteral("console-edited"))
                                       .value(0);
        page.view()->selectRow(edited.row());
        QCOMPARE(page.currentItem().value(QLatin1String("name")).toString(),
                 QStringLiteral("console-edited"));
        answerYesSoon();
        page.findChild<QPushButton *>(QStringLiteral("deleteAccount"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 2, Wait);
        activateAndWait(page);
        QCOMPARE(page.model()->rowCount(), 2);
    }

    void claudeSubscriptionThroughOAuth()
    {
        m_opened.clear();
        AccountDialog dialog(m_api.get(), AccountDialog::Mode::OAuth, {}, {});
        // The flow starts at once and the sign-in page opens in the browser.
        QTRY_COMPARE_WITH_TIMEOUT(m_opened.size(), 1, Wait);
        const QUrl authorize = m_opened.first();
        QVERIFY(
            authorize.toString().startsWith(m_mock.baseUrl() + QStringLiteral("/oauth/authorize")));
        auto *open = dialog.findChild<QPushButton *>(QStringLiteral("openBrowser"));
        QVERIFY(open && open->isEnabled());
        open->click();
        QCOMPARE(m_opened.size(), 2);

        // The administrator signs in there and pastes the code shown.
        TestHttpClient browser;
        const auto signIn = browser.get(authorize.toString());
        QCOMPARE(signIn.status, 200);
        const QString pasted = signIn.json().value(QLatin1String("code")).toString() +
                               QLatin1Char('#') +
                               signIn.json().value(QLatin1String("state")).toString();
        setText(dialog, "name", QStringLiteral("claude-max"));
        // Without the code the dialog says what is missing and sends nothing.
        QVERIFY(dialog.validate().contains(QStringLiteral("code")));
        setText(dialog, "code", pasted);
        QVERIFY(dialog.validate().isEmpty());
        QVERIFY(!dialog.body().contains(QLatin1String("provider")));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        save(dialog);
        QVERIFY(accepted.wait(Wait));
        const QJsonObject account = dialog.answer();
        QCOMPARE(account.value(QLatin1String("provider")).toString(),
                 QStringLiteral("anthropic-oauth"));
        QVERIFY(account.value(QLatin1String("oauth"))
                    .toObject()
                    .value(QLatin1String("hasTokens"))
                    .toBool());
    }

    void poolsAndProxies()
    {
        PoolsPage pools(m_api.get());
        activateAndWait(pools);
        const int before = pools.model()->rowCount();
        PoolDialog dialog(m_api.get(), {}, {}, &pools);
        setText(dialog, "name", QStringLiteral("console-pool"));
        auto *strategy = dialog.findChild<QComboBox *>(QStringLiteral("strategy"));
        strategy->setCurrentIndex(strategy->findData(QStringLiteral("least_busy")));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        save(dialog);
        QVERIFY(accepted.wait(Wait));
        QCOMPARE(dialog.answer().value(QLatin1String("strategy")).toString(),
                 QStringLiteral("least_busy"));
        activateAndWait(pools);
        QCOMPARE(pools.model()->rowCount(), before + 1);

        ProxiesPage proxies(m_api.get());
        activateAndWait(proxies);
        ProxyDialog add(m_api.get(), {}, &proxies);
        setText(add, "name", QStringLiteral("console-proxy"));
        setText(add, "url", QStringLiteral("http://user:hunter2hunter2@127.0.0.1:9"));
        QSignalSpy proxyAccepted(&add, &QDialog::accepted);
        save(add);
        QVERIFY(proxyAccepted.wait(Wait));
        QVERIFY(!add.answer()
                     .value(QLatin1String("url"))
                     .toString()
                     .contains(QStringLiteral("hunter2")));
        activateAndWait(proxies);
        QCOMPARE(proxies.model()->rowCount(), 1);

        // "Test" through a proxy that is not there: the error lands in the table.
        proxies.view()->selectRow(0);
        auto *test = proxies.findChild<QPushButton *>(QStringLiteral("testProxy"));
        QVERIFY(test->isEnabled());
        test->click();
        QVERIFY(!test->isEnabled()); // busy while the test runs
        QTRY_VERIFY_WITH_TIMEOUT(proxies.model()->item(0).value(QLatin1String("_test")).isObject(),
                                 Wait);
        const QJsonObject result =
            proxies.model()->item(0).value(QLatin1String("_test")).toObject();
        QVERIFY(!result.value(QLatin1String("ok")).toBool());
        QVERIFY(proxies.model()
                    ->data(proxies.model()->index(0, 2), Qt::DisplayRole)
                    .toString()
                    .contains(QStringLiteral("Failed")));
        QTRY_VERIFY_WITH_TIMEOUT(test->isEnabled(), Wait);
    }

    void keyIsShownOnceAndUsageShowsItsCalls()
    {
        KeysPage keys(m_api.get());
        activateAndWait(keys);
        const int before = keys.model()->rowCount();
        KeyDialog dialog(m_api.get(), {}, {}, 0, &keys);
        setText(dialog, "name", QStringLiteral("console-key"));
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        save(dialog);
        QVERIFY(accepted.wait(Wait));
        const QString key = dialog.answer().value(QLatin1String("key")).toString();
        QVERIFY(key.startsWith(QStringLiteral("cp-")));
        const qint64 keyId = dialog.answer().value(QLatin1String("id")).toInteger();
        m_key = key;

        KeyRevealDialog reveal(QStringLiteral("console-key"), key);
        QCOMPARE(reveal.revealWidget()->key(), key);
        reveal.findChild<QPushButton *>(QStringLiteral("copyButton"))->click();
        QVERIFY(reveal.revealWidget()->wasCopied());
        QCOMPARE(QApplication::clipboard()->text(), key);

        // The list never holds the key again.
        activateAndWait(keys);
        QCOMPARE(keys.model()->rowCount(), before + 1);
        for (const QJsonObject &k : keys.model()->items())
            QVERIFY(!QJsonDocument(k).toJson().contains(key.toUtf8()));

        // Disable and enable it from the page.
        keys.view()->clearSelection();
        for (int r = 0; r < keys.model()->rowCount(); ++r)
            if (keys.view()->model()->index(r, 0).data().toString() == QLatin1String("console-key"))
                keys.view()->selectRow(r);
        auto *toggle = keys.findChild<QPushButton *>(QStringLiteral("toggleKey"));
        QVERIFY(toggle->isEnabled());
        toggle->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            keys.model()->itemById(keyId).value(QLatin1String("status")).toString(),
            QStringLiteral("disabled"), Wait);
        QTRY_VERIFY_WITH_TIMEOUT(toggle->isEnabled(), Wait);
        toggle->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            keys.model()->itemById(keyId).value(QLatin1String("status")).toString(),
            QStringLiteral("active"), Wait);

        // Three relayed calls with the new key.
        TestHttpClient client(m_daemon.baseUrl());
        const QJsonObject body{
            {QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5")},
            {QStringLiteral("max_tokens"), 64},
            {QStringLiteral("messages"),
             QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("content"), QStringLiteral("hello")}}}}};
        for (int i = 0; i < 3; ++i) {
            const auto reply =
                client.post(QStringLiteral("/v1/messages"), body,
                            {{"x-api-key", key.toUtf8()}, {"anthropic-version", "2023-06-01"}});
            QCOMPARE(reply.status, 200);
        }
        // The ledger writes asynchronously.
        TestHttpClient admin(m_daemon.baseUrl());
        QString error;
        QVERIFY2(admin.loginAsAdmin(m_daemon, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(admin.get(QStringLiteral("/api/usage?keyId=%1").arg(keyId))
                                      .json()
                                      .value(QLatin1String("total"))
                                      .toInteger(),
                                  3, Wait);

        UsagePage usage(m_api.get());
        usage.resize(1200, 800);
        activateAndWait(usage);
        QVERIFY(usage.usageModel()->total() >= 3);
        UsageQuery byKey;
        byKey.keyId = keyId;
        QSignalSpy loaded(&usage, &Page::loaded);
        usage.applyQuery(byKey);
        QVERIFY(loaded.wait(Wait));
        QCOMPARE(usage.usageModel()->total(), 3);
        QCOMPARE(usage.usageModel()->rowCount(), 3);
        QCOMPARE(usage.usageModel()->data(usage.usageModel()->index(0, UsageModel::Key),
                                          Qt::DisplayRole),
                 QVariant(QStringLiteral("console-key")));
        QVERIFY(usage.totalsText().contains(QStringLiteral("<b>3</b> requests")));

        // Sorting by a column asks the daemon: oldest first by time.
        const QString newest = usage.usageModel()->usageRow(0).requestId;
        usage.tableView()->sortByColumn(UsageModel::Time, Qt::AscendingOrder);
        QTRY_COMPARE_WITH_TIMEOUT(usage.usageModel()->rowCount(), 3, Wait);
        QCOMPARE(usage.usageModel()->query().ascending, true);
        QCOMPARE(usage.usageModel()->usageRow(2).requestId, newest);

        // Export the filtered rows.
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("usage.csv"));
        QSignalSpy exported(&usage, &UsagePage::exportFinished);
        QVERIFY(usage.exportCsv(file));
        QVERIFY(exported.wait(Wait));
        QCOMPARE(exported.at(0).at(0).toBool(), true);
        QFile csv(file);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines.at(1).contains(",console-key,"));
    }

    void clearCooldownFromTheAccountsPage()
    {
        QVERIFY(!m_key.isEmpty());
        // Overloaded answers put the account(s) that served them into a cooldown.
        m_mock.failNext(4, 529);
        TestHttpClient client(m_daemon.baseUrl());
        const QJsonObject body{
            {QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5")},
            {QStringLiteral("max_tokens"), 16},
            {QStringLiteral("messages"),
             QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("content"), QStringLiteral("busy?")}}}}};
        client.post(QStringLiteral("/v1/messages"), body,
                    {{"x-api-key", m_key.toUtf8()}, {"anthropic-version", "2023-06-01"}});

        AccountsPage page(m_api.get());
        activateAndWait(page);
        auto coolingRow = [&page]() {
            for (int r = 0; r < page.view()->model()->rowCount(); ++r) {
                const qint64 id =
                    page.view()->model()->index(r, 0).data(JsonTableModel::IdRole).toLongLong();
                if (page.model()
                        ->itemById(id)
                        .value(QLatin1String("_health"))
                        .toObject()
                        .value(QLatin1String("coolingDown"))
                        .toBool())
                    return r;
            }
            return -1;
        };
        const int row = coolingRow();
        QVERIFY2(row >= 0, "no account is cooling down after 529 answers");
        auto *clear = page.findChild<QPushButton *>(QStringLiteral("clearCooldown"));
        page.view()->selectRow(row);
        QVERIFY(clear->isEnabled());
        clear->click();
        // Every cooling account is cleared one after the other.
        QTRY_VERIFY_WITH_TIMEOUT(clear->isEnabled() || coolingRow() != row, Wait);
        for (int guard = 0; guard < 5 && coolingRow() >= 0; ++guard) {
            QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), Wait);
            const int next = coolingRow();
            if (next < 0)
                break;
            page.view()->selectRow(next);
            if (clear->isEnabled())
                clear->click();
            QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), Wait);
        }
        QTRY_COMPARE_WITH_TIMEOUT(coolingRow(), -1, Wait);
        QVERIFY(!clear->isEnabled()); // nothing to clear on the selected row any more
    }

    void usersCreateAndDetail()
    {
        UsersPage users(m_api.get());
        activateAndWait(users);
        const int before = users.model()->rowCount();
        UserDialog dialog(m_api.get(), &users);
        setText(dialog, "email", QStringLiteral("member@console.test"));
        setText(dialog, "password", QStringLiteral("a-long-password-1"));
        setText(dialog, "repeat", QStringLiteral("a-long-password-2"));
        QVERIFY(dialog.validate().contains(QStringLiteral("differ")));
        setText(dialog, "repeat", QStringLiteral("a-long-password-1"));
        QVERIFY(dialog.validate().isEmpty());
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        save(dialog);
        QVERIFY(accepted.wait(Wait));
        const qint64 userId = dialog.answer().value(QLatin1String("id")).toInteger();
        QVERIFY(userId > 0);
        activateAndWait(users);
        QCOMPARE(users.model()->rowCount(), before + 1);

        // Selecting the admin shows the admin's keys (the fixture's and ours).
        QSignalSpy detail(&users, &UsersPage::detailLoaded);
        for (int r = 0; r < users.model()->rowCount(); ++r)
            if (users.view()->model()->index(r, 0).data().toString() == m_daemon.adminEmail())
                users.view()->selectRow(r);
        QTRY_VERIFY_WITH_TIMEOUT(users.userKeys()->model()->rowCount() >= 2, Wait);
        QTRY_VERIFY_WITH_TIMEOUT(users.userUsage()->rowCount() >= 1, Wait);
        // The new member has none.
        for (int r = 0; r < users.model()->rowCount(); ++r)
            if (users.view()->model()->index(r, 0).data().toString() ==
                QLatin1String("member@console.test"))
                users.view()->selectRow(r);
        QTRY_COMPARE_WITH_TIMEOUT(users.userKeys()->userFilter(), userId, Wait);
        QTRY_COMPARE_WITH_TIMEOUT(users.userKeys()->model()->rowCount(), 0, Wait);
        QTRY_COMPARE_WITH_TIMEOUT(users.userUsage()->rowCount(), 0, Wait);
    }
};

QTEST_MAIN(TestAdminPages)
#include "TestAdminPages.moc"
