using System.CommandLine;
using System.Globalization;
using Rapport.Cli.Infrastructure;

namespace Rapport.Cli.Users;

/// <summary><c>rapport tokens create|list|revoke</c>: personal access tokens for the API (docs/security.md#personal-access-tokens, docs/cli.md).</summary>
internal static class TokensCommand
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["user"] = "--user",
        ["name"] = "--name",
        ["expiresDays"] = "--expires-days",
        ["token"] = "TOKEN",
    };

    public static Command Create()
    {
        var command = new Command("tokens", "Manage personal access tokens for the REST API (Authorization: Bearer <token>).");
        command.Subcommands.Add(CreateCreate());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRevoke());
        return command;
    }

    private static Command CreateCreate()
    {
        var user = new Option<string>("--user") { Description = "E-mail address of the user the token acts as.", Required = true };
        var name = new Option<string>("--name") { Description = "What the token is for (shown in lists).", Required = true };
        var expires = new Option<int?>("--expires-days") { Description = "Days until the token expires (1–3650); default: never." };
        var command = new Command("create", "Create a token and print it once; Rapport keeps only its hash.");
        command.Options.Add(user);
        command.Options.Add(name);
        command.Options.Add(expires);
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await UserStore.OpenAsync(parse, ct);
            var result = await store.Directory.CreateTokenAsync(parse.GetValue(user)!, parse.GetValue(name)!, parse.GetValue(expires), ct);
            UserStore.ThrowIfFailed(result.Error, Fields);
            var created = result.Value!;
            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, new { token = created.Plaintext });
                return ExitCodes.Ok;
            }
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(created.Plaintext);
            await parse.InvocationConfiguration.Error.WriteLineAsync(
                $"Token {created.Token.Id} '{created.Token.Name}' for {parse.GetValue(user)}"
                + (created.Token.ExpiresAt is { } at ? $", expires {at:yyyy-MM-dd}" : ", never expires")
                + ". It is shown only now; store it safely.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateList()
    {
        var user = new Option<string?>("--user") { Description = "Only the tokens of this user." };
        var command = new Command("list", "List tokens (never the tokens themselves, only their prefixes).");
        command.Options.Add(user);
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await UserStore.OpenAsync(parse, ct);
            long? userId = null;
            if (parse.GetValue(user) is { } email)
            {
                var found = await store.Directory.FindByEmailAsync(email, ct)
                    ?? throw new InvalidInputException($"--user: no user with the e-mail address '{email}'.");
                userId = found.Id;
            }
            var tokens = await store.Directory.ListTokensAsync(userId, ct);
            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, new
                {
                    tokens = tokens.Select(t => new
                    {
                        id = t.Id,
                        name = t.Name,
                        prefix = t.Prefix,
                        user = t.User?.Email,
                        createdAt = t.CreatedAt,
                        expiresAt = t.ExpiresAt,
                        lastUsedAt = t.LastUsedAt,
                        revokedAt = t.RevokedAt,
                    }).ToArray(),
                });
                return ExitCodes.Ok;
            }
            var output = parse.InvocationConfiguration.Output;
            foreach (var t in tokens)
            {
                var state = t.RevokedAt is not null ? "revoked" : t.ExpiresAt < DateTimeOffset.UtcNow ? "expired" : "active";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{t.Id,6}  {t.Prefix}…  {state,-8}  {t.User?.Email}  {t.Name}  last used {t.LastUsedAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never"}"));
            }
            await output.WriteLineAsync($"{tokens.Count} token(s).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateRevoke()
    {
        var token = new Argument<string>("TOKEN") { Description = "The token's id or its prefix (rpt_…, as listed)." };
        var command = new Command("revoke", "Revoke a token; requests with it are refused from now on.");
        command.Arguments.Add(token);
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await UserStore.OpenAsync(parse, ct);
            var result = await store.Directory.RevokeTokenAsync(parse.GetValue(token)!, null, ct);
            UserStore.ThrowIfFailed(result.Error, Fields);
            var revoked = result.Value!;
            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, new { id = revoked.Id, name = revoked.Name, prefix = revoked.Prefix, revokedAt = revoked.RevokedAt });
                return ExitCodes.Ok;
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Revoked token {revoked.Id} '{revoked.Name}' ({revoked.Prefix}…).");
            return ExitCodes.Ok;
        });
        return command;
    }
}
