// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// The kind of upstream account: which service it talks to and how it authenticates.
enum class Provider
{
    Anthropic,      // "anthropic": an Anthropic API key
    AnthropicOAuth, // "anthropic-oauth": a Claude subscription signed in through OAuth
    OpenAi,         // "openai": an OpenAI-compatible API key
    Gemini          // "gemini": a Google Gemini API key
};

// The names under which providers are stored and exchanged ("anthropic-oauth", ...).
class Providers
{
public:
    static QString name(Provider provider);
    // The provider called `name`, or nothing for an unknown name.
    static std::optional<Provider> parse(const QString &name);
    // All names, in the order of the enum.
    static const QStringList &names();
    // Whether `name` is the name of `provider`.
    static bool is(const QString &name, Provider provider);
};
