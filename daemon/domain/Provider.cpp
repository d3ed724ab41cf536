// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Provider.h"

QString Providers::name(Provider provider)
{
    switch (provider) {
    case Provider::Anthropic:
        return QStringLiteral("anthropic");
    case Provider::AnthropicOAuth:
        return QStringLiteral("anthropic-oauth");
    case Provider::OpenAi:
        return QStringLiteral("openai");
    case Provider::Gemini:
        return QStringLiteral("gemini");
    }
    return {};
}

std::optional<Provider> Providers::parse(const QString &name)
{
    for (Provider p :
         {Provider::Anthropic, Provider::AnthropicOAuth, Provider::OpenAi, Provider::Gemini}) {
        if (name == Providers::name(p))
            return p;
    }
    return std::nullopt;
}

const QStringList &Providers::names()
{
    static const QStringList list = {name(Provider::Anthropic), name(Provider::AnthropicOAuth),
                                     name(Provider::OpenAi), name(Provider::Gemini)};
    return list;
}

bool Providers::is(const QString &name, Provider provider)
{
    return name == Providers::name(provider);
}
