using System.CommandLine;
using Rapport.Cli.Infrastructure;
using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Cli.Users;

/// <summary><c>rapport users add|list|set-password</c> (docs/security.md#roles-and-account-access, docs/cli.md).</summary>
internal static class UsersCommand
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["email"] = "EMAIL",
        ["role"] = "--role",
        ["password"] = "--password",
    };

    public static Command Create()
    {
        var command = new Command("users", "Manage the users who log in to Rapport.");
        command.Subcommands.Add(CreateAdd());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateSetPassword());
        return command;
    }

    private static Command CreateAdd()
    {
        var email = new Argument<string>("EMAIL") { Description = "E-mail address; it is the login." };
        var role = new Option<string>("--role")
        {
            Description = $"One of {EnumText.AllowedValues<UserRole>()}.",
            Required = true,
        };
        var password = new Option<string?>("--password")
        {
            Description = $"The password (at least {Passwords.MinimumLength} characters). Without it a password is generated, "
                + "printed once and must be changed at first login.",
        };
        var name = new Option<string?>("--name") { Description = "Display name (default: the part of the e-mail address before the @)." };
        var command = new Command("add", "Create a user.");
        command.Arguments.Add(email);
        command.Options.Add(role);
        command.Options.Add(password);
        command.Options.Add(name);
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await UserStore.OpenAsync(parse, ct);
            var result = await store.Directory.CreateUserAsync(
                new NewUser(parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(password), parse.GetValue(name)), ct);
            UserStore.ThrowIfFailed(result.Error, Fields);
            var (user, generated) = result.Value!;
            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, new
                {
                    id = user.Id,
                    email = user.Email,
                    displayName = user.DisplayName,
                    role = EnumText.ToText(user.Role),
                    mustChangePassword = user.MustChangePassword,
                    generatedPassword = generated,
                });
                return ExitCodes.Ok;
            }
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"Created user {user.Email} ({EnumText.ToText(user.Role)}).");
            if (generated is not null)
            {
                await output.WriteLineAsync($"One-time password: {generated}");
                await output.WriteLineAsync("It is shown only now and must be changed at the first login.");
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateList()
    {
        var command = new Command("list", "List the users.");
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await UserStore.OpenAsync(parse, ct);
            var users = await store.Directory.ListUsersAsync(ct);
            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, new
                {
                    users = users.Select(u => new
                    {
                        id = u.Id,
                        email = u.Email,
                        displayName = u.DisplayName,
                        role = EnumText.ToText(u.Role),
                        isActive = u.IsActive,
                        mustChangePassword = u.MustChangePassword,
                        createdAt = u.CreatedAt,
                        lastLoginAt = u.LastLoginAt,
                    }).ToArray(),
                });
                return ExitCodes.Ok;
            }
            var output = parse.InvocationConfiguration.Output;
            var width = Math.Max(5, users.Count == 0 ? 5 : users.Max(u => u.Email.Length));
            await output.WriteLineAsync($"{"EMAIL".PadRight(width)}  {"ROLE",-15}  {"ACTIVE",-6}  LAST LOGIN");
            foreach (var u in users)
            {
                await output.WriteLineAsync(
                    $"{u.Email.PadRight(width)}  {EnumText.ToText(u.Role),-15}  {(u.IsActive ? "yes" : "no"),-6}  {u.LastLoginAt?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "never"}");
            }
            await output.WriteLineAsync($"{users.Count} user(s).");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateSetPassword()
    {
        var email = new Argument<string>("EMAIL") { Description = "The user's e-mail address." };
        var password = new Option<string?>("--password")
        {
            Description = "The new password. Without it a password is generated, printed once and must be changed at the next login.",
        };
        var command = new Command("set-password", "Set a user's password (e.g. when the administrator's one-time password is lost).");
        command.Arguments.Add(email);
        command.Options.Add(password);
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await UserStore.OpenAsync(parse, ct);
            var given = parse.GetValue(password);
            var newPassword = given ?? Passwords.Generate();
            var result = await store.Directory.SetPasswordAsync(parse.GetValue(email)!, newPassword, mustChange: given is null, ct);
            UserStore.ThrowIfFailed(result.Error, Fields);
            if (CliJson.Wanted(parse))
            {
                CliJson.Write(parse, new { email = result.Value!.Email, generatedPassword = given is null ? newPassword : null });
                return ExitCodes.Ok;
            }
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync($"Password of {result.Value!.Email} changed.");
            if (given is null)
            {
                await output.WriteLineAsync($"One-time password: {newPassword}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
