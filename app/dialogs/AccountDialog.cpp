// SPDX-License-Identifier: GPL-3.0-or-later
#include "dialogs/AccountDialog.h"

#include "api/ApiClient.h"
#include "models/ModelListText.h"
#include "models/ModelMapModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace {
const QString ProxyNone = QStringLiteral("none");
const QString ProxyUrl = QStringLiteral("url");

QString defaultBaseUrl(const QString &provider)
{
    if (provider == QLatin1String("openai"))
        return QStringLiteral("https://api.openai.com/v1");
    if (provider == QLatin1String("gemini"))
        return QStringLiteral("https://generativelanguage.googleapis.com");
    return QStringLiteral("https://api.anthropic.com");
}
} // namespace

AccountDialog::AccountDialog(ApiClient *api, Mode mode, const QJsonObject &account,
                             const QJsonArray &proxies, QWidget *parent)
    : ApiDialog(api, parent), m_mode(mode), m_account(account)
{
    buildUi(proxies);
    if (mode == Mode::Edit)
        load(account);
    switch (mode) {
    case Mode::Create:
        setWindowTitle(tr("Add account"));
        break;
    case Mode::Edit:
        setWindowTitle(
            tr("Edit account \"%1\"").arg(account.value(QLatin1String("name")).toString()));
        break;
    case Mode::OAuth:
        setWindowTitle(tr("Connect a Claude subscription"));
        startOAuth();
        break;
    }
}

void AccountDialog::buildUi(const QJsonArray &proxies)
{
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setMaxLength(100);
    m_provider = new QComboBox(this);
    m_provider->setObjectName(QStringLiteral("provider"));
    if (m_mode == Mode::OAuth ||
        m_account.value(QLatin1String("provider")).toString() == QLatin1String("anthropic-oauth")) {
        m_provider->addItem(tr("Claude subscription (OAuth)"), QStringLiteral("anthropic-oauth"));
        m_provider->setEnabled(false);
    } else {
        m_provider->addItem(tr("Anthropic (API key)"), QStringLiteral("anthropic"));
        m_provider->addItem(tr("OpenAI or compatible (DeepSeek, Qwen, Kimi, GLM, ...)"),
                            QStringLiteral("openai"));
        m_provider->addItem(tr("Google Gemini"), QStringLiteral("gemini"));
    }
    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(QStringLiteral("baseUrl"));
    m_apiKey = new QLineEdit(this);
    m_apiKey->setObjectName(QStringLiteral("apiKey"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setPlaceholderText(m_mode == Mode::Edit
                                     ? tr("Stored - type a new key only to replace it")
                                     : tr("The provider's API key"));
    m_enabled = new QCheckBox(tr("Take requests"), this);
    m_enabled->setChecked(true);
    m_priority = new QSpinBox(this);
    m_priority->setRange(1, 100);
    m_priority->setValue(50);
    m_priority->setToolTip(tr("1 to 100; lower is used first."));
    m_weight = new QSpinBox(this);
    m_weight->setRange(1, 1000);
    m_weight->setValue(1);
    m_weight->setToolTip(tr("Share of requests in weighted pools (1 to 1000)."));
    m_maxConcurrency = new QSpinBox(this);
    m_maxConcurrency->setRange(0, 10000);
    m_maxConcurrency->setSpecialValueText(tr("Unlimited"));
    m_proxyMode = new QComboBox(this);
    m_proxyMode->setObjectName(QStringLiteral("proxyMode"));
    m_proxyMode->addItem(tr("No proxy"), ProxyNone);
    for (const QJsonValue &v : proxies) {
        const QJsonObject p = v.toObject();
        m_proxyMode->addItem(tr("Named proxy: %1").arg(p.value(QLatin1String("name")).toString()),
                             p.value(QLatin1String("id")).toInteger());
    }
    m_proxyMode->addItem(tr("Own proxy URL"), ProxyUrl);
    m_proxyUrl = new QLineEdit(this);
    m_proxyUrl->setObjectName(QStringLiteral("proxyUrl"));
    m_proxyUrl->setPlaceholderText(QStringLiteral("socks5://user:password@10.0.0.5:1080"));
    m_models = new QPlainTextEdit(this);
    m_models->setObjectName(QStringLiteral("models"));
    m_models->setPlaceholderText(tr("One model a line; empty = every model"));
    m_models->setMaximumHeight(80);
    m_modelMap = new ModelMapModel(this);
    m_modelMapView = new QTableView(this);
    m_modelMapView->setModel(m_modelMap);
    m_modelMapView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_modelMapView->verticalHeader()->hide();
    m_modelMapView->setMaximumHeight(120);
    auto *addMap = new QPushButton(tr("Add mapping"), this);
    auto *removeMap = new QPushButton(tr("Remove mapping"), this);
    connect(addMap, &QPushButton::clicked, this, [this] {
        const int row = m_modelMap->addRow();
        m_modelMapView->setFocus();
        m_modelMapView->edit(m_modelMap->index(row, ModelMapModel::ClientModel));
    });
    connect(removeMap, &QPushButton::clicked, this,
            [this] { m_modelMap->removeRowAt(m_modelMapView->currentIndex().row()); });

    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Provider"), m_provider);
    form->addRow(tr("Base URL"), m_baseUrl);
    if (m_provider->currentData().toString() != QLatin1String("anthropic-oauth"))
        form->addRow(tr("API key"), m_apiKey);
    else
        m_apiKey->hide();
    form->addRow(QString(), m_enabled);
    form->addRow(tr("Priority"), m_priority);
    form->addRow(tr("Weight"), m_weight);
    form->addRow(tr("Max concurrent requests"), m_maxConcurrency);
    auto *proxyRow = new QHBoxLayout;
    proxyRow->addWidget(m_proxyMode);
    proxyRow->addWidget(m_proxyUrl, 1);
    form->addRow(tr("Proxy"), proxyRow);
    form->addRow(tr("Models"), m_models);
    auto *mapButtons = new QHBoxLayout;
    mapButtons->addWidget(addMap);
    mapButtons->addWidget(removeMap);
    mapButtons->addStretch();
    auto *mapBox = new QVBoxLayout;
    mapBox->addWidget(m_modelMapView);
    mapBox->addLayout(mapButtons);
    form->addRow(tr("Model map"), mapBox);

    auto *layout = new QVBoxLayout(this);
    if (m_mode == Mode::OAuth) {
        auto *box = new QGroupBox(tr("Sign in with Claude"), this);
        auto *steps = new QLabel(tr("1. Open the sign-in page and sign in with the subscription's "
                                    "Claude account.\n2. Copy the code the page shows and paste "
                                    "it below."),
                                 box);
        steps->setWordWrap(true);
        m_openBrowser = new QPushButton(tr("Open sign-in page"), box);
        m_openBrowser->setObjectName(QStringLiteral("openBrowser"));
        m_openBrowser->setEnabled(false);
        connect(m_openBrowser, &QPushButton::clicked, this,
                [this] { QDesktopServices::openUrl(QUrl(m_authorizeUrl)); });
        m_authorizeLabel = new QLabel(tr("Starting..."), box);
        m_authorizeLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_authorizeLabel->setWordWrap(true);
        m_code = new QLineEdit(box);
        m_code->setObjectName(QStringLiteral("code"));
        m_code->setPlaceholderText(tr("Paste the code here"));
        auto *boxLayout = new QFormLayout(box);
        boxLayout->addRow(steps);
        boxLayout->addRow(m_openBrowser, m_authorizeLabel);
        boxLayout->addRow(tr("Code"), m_code);
        layout->addWidget(box);
    }
    layout->addLayout(form);
    layout->addWidget(buttonBox());

    connect(m_provider, &QComboBox::currentIndexChanged, this, &AccountDialog::providerChanged);
    connect(m_proxyMode, &QComboBox::currentIndexChanged, this, &AccountDialog::proxyModeChanged);
    providerChanged();
    proxyModeChanged();
    resize(620, sizeHint().height());
}

void AccountDialog::load(const QJsonObject &a)
{
    m_name->setText(a.value(QLatin1String("name")).toString());
    const int provider = m_provider->findData(a.value(QLatin1String("provider")).toString());
    if (provider >= 0)
        m_provider->setCurrentIndex(provider);
    m_baseUrl->setText(a.value(QLatin1String("baseUrl")).toString());
    m_enabled->setChecked(a.value(QLatin1String("enabled")).toBool(true));
    m_priority->setValue(a.value(QLatin1String("priority")).toInt(50));
    m_weight->setValue(a.value(QLatin1String("weight")).toInt(1));
    m_maxConcurrency->setValue(a.value(QLatin1String("maxConcurrency")).toInt(0));
    const qint64 proxyId = a.value(QLatin1String("proxyId")).toInteger(0);
    const QString proxy = a.value(QLatin1String("proxy")).toString();
    if (proxyId > 0 && m_proxyMode->findData(proxyId) >= 0) {
        m_proxyMode->setCurrentIndex(m_proxyMode->findData(proxyId));
    } else if (!proxy.isEmpty()) {
        m_proxyMode->setCurrentIndex(m_proxyMode->findData(ProxyUrl));
        m_proxyUrl->setText(proxy); // redacted; sent again only if changed
    }
    m_models->setPlainText(ModelListText::fromJson(a.value(QLatin1String("models")).toArray()));
    m_modelMap->setMap(a.value(QLatin1String("modelMap")).toObject());
}

void AccountDialog::providerChanged()
{
    m_baseUrl->setPlaceholderText(defaultBaseUrl(m_provider->currentData().toString()));
}

void AccountDialog::proxyModeChanged()
{
    m_proxyUrl->setEnabled(m_proxyMode->currentData().toString() == ProxyUrl);
}

void AccountDialog::startOAuth()
{
    setBusy(true);
    api()->post(QStringLiteral("/api/accounts/oauth/start"), QJsonObject(), this,
                [this](const ApiResult &result) {
                    setBusy(false);
                    if (!result.ok()) {
                        m_authorizeLabel->setText(result.errorMessage);
                        showError(result.errorMessage);
                        return;
                    }
                    m_oauthSession = result.object().value(QLatin1String("sessionId")).toString();
                    m_authorizeUrl =
                        result.object().value(QLatin1String("authorizeUrl")).toString();
                    m_authorizeLabel->setText(m_authorizeUrl);
                    m_openBrowser->setEnabled(true);
                    QDesktopServices::openUrl(QUrl(m_authorizeUrl));
                });
}

QJsonObject AccountDialog::body() const
{
    QJsonObject b;
    const bool edit = m_mode == Mode::Edit;
    auto put = [&](const QString &field, const QJsonValue &value) {
        if (!edit || m_account.value(field) != value)
            b.insert(field, value);
    };
    put(QStringLiteral("name"), m_name->text().trimmed());
    if (m_mode == Mode::Create)
        b.insert(QStringLiteral("provider"), m_provider->currentData().toString());
    else if (edit && m_provider->isEnabled())
        put(QStringLiteral("provider"), m_provider->currentData().toString());
    const QString baseUrl = m_baseUrl->text().trimmed();
    if (!baseUrl.isEmpty())
        put(QStringLiteral("baseUrl"), baseUrl);
    if (m_mode != Mode::OAuth && !m_apiKey->text().trimmed().isEmpty())
        b.insert(QStringLiteral("apiKey"), m_apiKey->text().trimmed());
    put(QStringLiteral("enabled"), m_enabled->isChecked());
    put(QStringLiteral("priority"), m_priority->value());
    put(QStringLiteral("weight"), m_weight->value());
    put(QStringLiteral("maxConcurrency"), m_maxConcurrency->value());
    const QJsonArray models = ModelListText::toJson(m_models->toPlainText());
    if (edit || !models.isEmpty())
        put(QStringLiteral("models"), models);
    const QJsonObject map = m_modelMap->toJson();
    if (edit || !map.isEmpty())
        put(QStringLiteral("modelMap"), map);

    const QVariant proxy = m_proxyMode->currentData();
    const qint64 oldProxyId = m_account.value(QLatin1String("proxyId")).toInteger(0);
    const QString oldProxy = m_account.value(QLatin1String("proxy")).toString();
    if (proxy.toString() == ProxyNone) {
        if (edit && (oldProxyId > 0 || !oldProxy.isEmpty())) {
            b.insert(QStringLiteral("proxy"), QJsonValue::Null);
            b.insert(QStringLiteral("proxyId"), QJsonValue::Null);
        }
    } else if (proxy.toString() == ProxyUrl) {
        const QString url = m_proxyUrl->text().trimmed();
        if (!edit || url != oldProxy)
            b.insert(QStringLiteral("proxy"), url);
    } else if (!edit || proxy.toLongLong() != oldProxyId) {
        b.insert(QStringLiteral("proxyId"), proxy.toLongLong());
    }
    return b;
}

QString AccountDialog::validate() const
{
    if (m_name->text().trimmed().isEmpty())
        return tr("Give the account a name.");
    if (m_mode == Mode::Create && m_apiKey->text().trimmed().isEmpty())
        return tr("Enter the provider's API key.");
    if (m_mode == Mode::OAuth && m_oauthSession.isEmpty())
        return tr("The sign-in could not be started; close this window and try again.");
    if (m_mode == Mode::OAuth && m_code->text().trimmed().isEmpty())
        return tr("Paste the code shown after signing in.");
    if (m_proxyMode->currentData().toString() == ProxyUrl && m_proxyUrl->text().trimmed().isEmpty())
        return tr("Enter the proxy URL, or choose \"No proxy\".");
    return m_modelMap->validate();
}

void AccountDialog::save()
{
    const QString problem = validate();
    if (!problem.isEmpty()) {
        showError(problem);
        return;
    }
    QJsonObject b = body();
    switch (m_mode) {
    case Mode::Create:
        submit(Method::Post, QStringLiteral("/api/accounts"), b);
        break;
    case Mode::Edit:
        if (b.isEmpty()) {
            accept();
            return;
        }
        submit(Method::Patch,
               QStringLiteral("/api/accounts/%1")
                   .arg(m_account.value(QLatin1String("id")).toInteger()),
               b);
        break;
    case Mode::OAuth:
        b.insert(QStringLiteral("sessionId"), m_oauthSession);
        b.insert(QStringLiteral("code"), m_code->text().trimmed());
        submit(Method::Post, QStringLiteral("/api/accounts/oauth/exchange"), b);
        break;
    }
}
