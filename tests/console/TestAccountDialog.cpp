// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/AccountDialog.h"
#include "dialogs/ApiDialog.h"
#include "dialogs/KeyDialog.h"
#include "dialogs/ProxyDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>

// ApiDialog's busy state, reachable from a test.
class BusyProbe final : public ApiDialog
{
public:
    BusyProbe() : ApiDialog(nullptr) {}
    using ApiDialog::setBusy;

protected:
    void save() override {}
};

// What the account, proxy and key dialogs send: only changed fields on edit, the API key only
// when typed, the redacted proxy URL never sent back, named proxy vs own URL vs none.
class TestAccountDialog final : public QObject
{
    Q_OBJECT
private:
    static QJsonArray proxies()
    {
        return {QJsonObject{{QStringLiteral("id"), 4},
                            {QStringLiteral("name"), QStringLiteral("office")}},
                QJsonObject{{QStringLiteral("id"), 9},
                            {QStringLiteral("name"), QStringLiteral("lab")}}};
    }

    static QJsonObject account()
    {
        return {{QStringLiteral("id"), 12},
                {QStringLiteral("name"), QStringLiteral("team")},
                {QStringLiteral("provider"), QStringLiteral("openai")},
                {QStringLiteral("baseUrl"), QStringLiteral("https://api.deepseek.com/v1")},
                {QStringLiteral("hasApiKey"), true},
                {QStringLiteral("models"), QJsonArray{QStringLiteral("deepseek-chat")}},
                {QStringLiteral("enabled"), true},
                {QStringLiteral("priority"), 50},
                {QStringLiteral("weight"), 1},
                {QStringLiteral("maxConcurrency"), 0},
                {QStringLiteral("modelMap"),
                 QJsonObject{{QStringLiteral("fast"), QStringLiteral("deepseek-chat")}}},
                {QStringLiteral("proxy"), QStringLiteral("socks5://u:***@10.0.0.5:1080")},
                {QStringLiteral("proxyId"), 0}};
    }

    static void chooseProxy(AccountDialog &d, const QVariant &data)
    {
        auto *mode = d.findChild<QComboBox *>(QStringLiteral("proxyMode"));
        mode->setCurrentIndex(mode->findData(data));
    }

private slots:
    void editSendsOnlyChanges()
    {
        AccountDialog d(nullptr, AccountDialog::Mode::Edit, account(), proxies());
        // Nothing touched: nothing to send (the redacted proxy is not sent back).
        QCOMPARE(d.body(), QJsonObject());
        QVERIFY(d.validate().isEmpty());

        d.findChild<QLineEdit *>(QStringLiteral("apiKey"))->setText(QStringLiteral(" sk-new "));
        d.findChild<QPlainTextEdit *>(QStringLiteral("models"))
            ->setPlainText(QStringLiteral("deepseek-chat\ndeepseek-reasoner"));
        const QJsonObject b = d.body();
        QCOMPARE(b.value(QLatin1String("apiKey")).toString(), QStringLiteral("sk-new"));
        QCOMPARE(b.value(QLatin1String("models")).toArray().size(), 2);
        QCOMPARE(b.size(), 2);
    }

    void proxyChoices()
    {
        {
            AccountDialog d(nullptr, AccountDialog::Mode::Edit, account(), proxies());
            chooseProxy(d, QStringLiteral("none"));
            const QJsonObject b = d.body();
            QVERIFY(b.value(QLatin1String("proxy")).isNull() && b.contains(QLatin1String("proxy")));
            QVERIFY(b.value(QLatin1String("proxyId")).isNull() &&
                    b.contains(QLatin1String("proxyId")));
        }
        {
            AccountDialog d(nullptr, AccountDialog::Mode::Edit, account(), proxies());
            chooseProxy(d, qint64(9));
            QCOMPARE(d.body(), (QJsonObject{{QStringLiteral("proxyId"), 9}}));
        }
        {
            AccountDialog d(nullptr, AccountDialog::Mode::Edit, account(), proxies());
            d.findChild<QLineEdit *>(QStringLiteral("proxyUrl"))
                ->setText(QStringLiteral("http://10.0.0.9:3128"));
            QCOMPARE(d.body(), (QJsonObject{{QStringLiteral("proxy"),
                                             QStringLiteral("http://10.0.0.9:3128")}}));
            d.findChild<QLineEdit *>(QStringLiteral("proxyUrl"))->clear();
            QVERIFY(d.validate().contains(QStringLiteral("proxy URL")));
        }
        {
            // An account on a named proxy that stays on it sends nothing about proxies.
            QJsonObject a = account();
            a.insert(QStringLiteral("proxy"), QJsonValue::Null);
            a.insert(QStringLiteral("proxyId"), 4);
            AccountDialog d(nullptr, AccountDialog::Mode::Edit, a, proxies());
            QCOMPARE(d.body(), QJsonObject());
        }
    }

    void createNeedsNameAndKey()
    {
        AccountDialog d(nullptr, AccountDialog::Mode::Create, {}, proxies());
        QVERIFY(d.validate().contains(QStringLiteral("name")));
        d.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("new"));
        QVERIFY(d.validate().contains(QStringLiteral("API key")));
        d.findChild<QLineEdit *>(QStringLiteral("apiKey"))->setText(QStringLiteral("sk-1"));
        QVERIFY(d.validate().isEmpty());
        auto *provider = d.findChild<QComboBox *>(QStringLiteral("provider"));
        provider->setCurrentIndex(provider->findData(QStringLiteral("gemini")));
        chooseProxy(d, qint64(4));
        const QJsonObject b = d.body();
        QCOMPARE(b.value(QLatin1String("provider")).toString(), QStringLiteral("gemini"));
        QCOMPARE(b.value(QLatin1String("proxyId")).toInteger(), 4);
        QVERIFY(!b.contains(QLatin1String("proxy")));
        QVERIFY(!b.contains(QLatin1String("baseUrl"))); // the server's default
        QVERIFY(!b.contains(QLatin1String("models")));
        QVERIFY(!b.contains(QLatin1String("modelMap")));
        QCOMPARE(d.findChild<QLineEdit *>(QStringLiteral("baseUrl"))->placeholderText(),
                 QStringLiteral("https://generativelanguage.googleapis.com"));
    }

    void proxyEditKeepsTheStoredPassword()
    {
        const QJsonObject proxy{
            {QStringLiteral("id"), 3},
            {QStringLiteral("name"), QStringLiteral("office")},
            {QStringLiteral("url"), QStringLiteral("http://u:***@10.0.0.1:3128")}};
        ProxyDialog d(nullptr, proxy);
        QCOMPARE(d.body(), QJsonObject());
        d.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("office-2"));
        QCOMPARE(d.body(), (QJsonObject{{QStringLiteral("name"), QStringLiteral("office-2")}}));
    }

    void busyKeepsDeliberatelyDisabledFields()
    {
        BusyProbe d;
        auto *open = new QLineEdit(&d);
        auto *locked = new QLineEdit(&d);
        locked->setEnabled(false); // e.g. the provider of an OAuth account
        d.setBusy(true);
        QVERIFY(!open->isEnabled());
        QVERIFY(!locked->isEnabled());
        d.setBusy(false);
        QVERIFY(open->isEnabled());
        QVERIFY(!locked->isEnabled());
    }

    void keyBody()
    {
        const QJsonArray users{QJsonObject{{QStringLiteral("id"), 5},
                                           {QStringLiteral("email"), QStringLiteral("a@b.c")}}};
        const QJsonArray pools{QJsonObject{{QStringLiteral("id"), 2},
                                           {QStringLiteral("name"), QStringLiteral("cheap")}}};
        KeyDialog d(nullptr, users, pools, 5);
        d.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral(" laptop "));
        d.findChild<QLineEdit *>(QStringLiteral("models"))
            ->setText(QStringLiteral("gpt-4o, gpt-4o-mini"));
        auto *pool = d.findChild<QComboBox *>(QStringLiteral("pool"));
        pool->setCurrentIndex(pool->findData(qint64(2)));
        QJsonObject b = d.body();
        QCOMPARE(b.value(QLatin1String("name")).toString(), QStringLiteral("laptop"));
        QCOMPARE(b.value(QLatin1String("userId")).toInteger(), 5);
        QCOMPARE(b.value(QLatin1String("poolId")).toInteger(), 2);
        QCOMPARE(b.value(QLatin1String("models")).toArray().size(), 2);
        QVERIFY(!b.contains(QLatin1String("expiresAt")));
        d.findChild<QCheckBox *>()->setChecked(true);
        b = d.body();
        QVERIFY(b.value(QLatin1String("expiresAt")).toString().endsWith(QLatin1Char('Z')));
    }
};

QTEST_MAIN(TestAccountDialog)
#include "TestAccountDialog.moc"
