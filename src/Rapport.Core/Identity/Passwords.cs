using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Rapport.Core.Identity;

/// <summary>Password rules, generation and hashing (ASP.NET Core's PBKDF2 <see cref="PasswordHasher{TUser}"/>).</summary>
public static class Passwords
{
    /// <summary>Shortest accepted password; long passphrases beat composition rules (NIST SP 800-63B).</summary>
    public const int MinimumLength = 10;

    public const int MaximumLength = 256;

    // No look-alike characters (0/O, 1/l/I): generated passwords are read off a console and typed in.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>A random password of 20 characters (≈ 116 bits).</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 20);

    /// <summary>Null when <paramref name="password"/> is acceptable, else the reason.</summary>
    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "A password is required.";
        }
        if (password.Length < MinimumLength)
        {
            return $"The password must have at least {MinimumLength} characters.";
        }
        if (password.Length > MaximumLength)
        {
            return $"The password must have at most {MaximumLength} characters.";
        }
        return string.IsNullOrWhiteSpace(password) ? "The password must not be only spaces." : null;
    }

    public static string Hash(User user, string password) => Hasher.HashPassword(user, password);

    /// <summary>Verifies; <paramref name="rehash"/> is true when the stored hash uses outdated parameters.</summary>
    public static bool Verify(User user, string password, out bool rehash)
    {
        rehash = false;
        if (user.PasswordHash is null)
        {
            return false;
        }
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>Burns the time of one verification so that unknown e-mail addresses don't answer faster than wrong passwords.</summary>
    public static void VerifyDummy(string password)
    {
        var dummy = new User { Email = "dummy@invalid", DisplayName = "dummy" };
        Hasher.VerifyHashedPassword(dummy, DummyHash.Value, password);
    }

    private static readonly Lazy<string> DummyHash = new(() =>
        Hasher.HashPassword(new User { Email = "dummy@invalid", DisplayName = "dummy" }, Generate()));
}
